"""Query expressions that every app's querysets and admin share."""

from django.db.models import Count, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: type[Model] | QuerySet, fk: str):
    """An annotation counting `rows` (every row of a model, or a queryset such as those a user may see) whose `fk`
    points to the outer row, as a correlated subquery.

    A `Count()` over a reverse relation joins the child table and groups every selected column; two of them multiply
    each other's rows. One subquery per count keeps a list or a changelist at one query however many counts it shows.
    """
    queryset = rows._base_manager.all() if isinstance(rows, type) else rows
    # COUNT(*), not COUNT(id): the same number, but PostgreSQL can count from an index on (fk, filtered columns)
    # alone, without reading each row for its id (the partner list's open commitments: 4x faster at WCO scale).
    counted = queryset.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")), 0)
