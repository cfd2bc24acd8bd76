"""The version of the records a document shows, so that a document made from them can be reused until they change.

Every programme record keeps its history (django-simple-history): each save and each delete of a row adds a row to
its model's history table, whose id only grows. The largest history id of each table a document reads is therefore
a stamp that changes whenever one of its records is created, changed or deleted (a tier set to "shared with
donors", a value recorded; a change to an agreement's partners adds a version of the agreement too), and stays
the same otherwise. It is read in one query, a MAX over each history table's primary key.

It is coarse on purpose: a change to any record of a table the document reads makes a new version, even a record
the document does not show, since working out which records a document shows would cost the queries that making it
costs. A document made again too often costs a render; a stale one would be a wrong document.

Writes that skip the history (`QuerySet.update()`, `bulk_create()` without simple-history's helpers) do not move
the stamp: the app's services write through `save()` and `delete()` only.
"""

import functools
from collections.abc import Iterable

from django.db import connection
from django.db.models import Model


def data_version(models: Iterable[type[Model]]) -> str:
    """A stamp of the records of `models` (each with a `history`): the largest history id of each table, joined by
    dashes. Equal stamps mean that no record of these tables was saved or deleted in between. One query."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(tuple(models)))
        row = cursor.fetchone()
    return "-".join(str(value or 0) for value in row)


@functools.cache
def _stamp_sql(models: tuple[type[Model], ...]) -> str:
    """The stamp's query, written once per set of models: reaching a model's history table through simple-history's
    `history` descriptor builds a manager each time, which costs more than the query."""
    quote = connection.ops.quote_name
    maxima = [
        f"(SELECT MAX({quote(table._meta.pk.column)}) FROM {quote(table._meta.db_table)})"
        for table in (model.history.model for model in models)
    ]
    return "SELECT " + ", ".join(maxima)
