"""Django's PostgreSQL backend, with its writes batched under the protocol's limit of 65,535 parameters.

With parameters bound on the server (`server_side_binding`, acip/settings.py), a statement may carry at most
65,535 of them. Django batches `bulk_create()`, `bulk_update()` and a deletion's cascade by
`DatabaseOperations.bulk_batch_size`, which for PostgreSQL does not batch at all (its parameters used to be written
into the SQL): deleting 70,000 notes from the admin, or creating a few thousand rows at once, would fail. This one
batches as Django's Oracle backend does, which has the same limit.
"""

from django.db.backends.postgresql import base, features, operations


class DatabaseFeatures(features.DatabaseFeatures):
    max_query_params = 2**16 - 1


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        if fields:
            return max(1, self.connection.features.max_query_params // len(fields))
        return len(objs)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
