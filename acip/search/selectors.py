"""The search: the rows of one kind that match the words, as the user may see them; and the results page's groups.

One query per kind on the page of all kinds (its first PER_KIND matches, and one more to know whether there are
more), two on a kind's own page (its matches' ids, then the page's rows): the number of queries does not grow with
the matches. Nor does their cost, much, on PostgreSQL (docs/PERFORMANCE.md, "Search"):
- the matches are found and put in order (the latest first) by a narrow query of ids alone, through the kind's GIN
  index; only the rows shown are then read whole, with their relations, and only they get a headline (ts_headline
  reads the whole text again, and is the dearest part of a row);
- a kind's page lists and counts its first COUNT_CAP matches only, and says "more than 1,000" beyond: a common word
  in half of 100,000 notes is no list to read to its end, and counting it exactly would read every match.
"""

import functools
import operator
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Length, NullIf
from django.utils.safestring import SafeString

from acip.search.registry import KINDS, SearchKind
from acip.search.text import Fold, document_query, document_vector, fold, from_headline, headline, highlight, snippet

PER_KIND = 5
PAGE_SIZE = 20
COUNT_CAP = 1000
SEPARATOR = " · "


class CappedPaginator(Paginator):
    """Pages through the first COUNT_CAP of `ids` (the ids of the matches in order, COUNT_CAP + 1 at most);
    `is_capped` says that there are more."""

    def __init__(self, ids: list, per_page: int):
        super().__init__(ids[:COUNT_CAP], per_page)
        self.is_capped = len(ids) > COUNT_CAP


@dataclass(frozen=True)
class Hit:
    title: SafeString
    snippet: SafeString
    url: str


@dataclass(frozen=True)
class Group:
    kind: SearchKind
    hits: list[Hit]
    has_more: bool


def _is_postgresql(rows: QuerySet) -> bool:
    return connections[rows.db].vendor == "postgresql"


def matching(kind: SearchKind, user, words: list[str]) -> QuerySet:
    """The rows of `kind` that `user` may see and that hold every word, the latest first."""
    rows = kind.rows(user)
    if _is_postgresql(rows):
        rows = rows.alias(search_document=document_vector(*kind.fields)).filter(search_document=document_query(words))
        return rows.order_by(*(_not_by_an_index(name) for name in kind.order_by))
    # SQLite: each word in one of the fields at least, both sides folded (lower case, no accents).
    aliases = {f"search_{name}": Fold(name) for name in kind.fields}
    rows = rows.alias(**aliases)
    for word in words:
        folded = fold(word)
        rows = rows.filter(functools.reduce(operator.or_, (Q(**{f"{a}__contains": folded}) for a in aliases)))
    return rows


def _not_by_an_index(order: str):
    """The order `-created_at` as an expression that no B-tree index serves. With an index in that order (the admin's
    change lists have them), PostgreSQL walks it for the first few matches and computes each row's search text on
    the way, for a rare word every row of the table (48 s for "IAU" among 100,000 notes); ordered by an expression,
    it reads the matches from the search index and sorts those."""
    name = order.removeprefix("-")
    expression = Coalesce(F(name), F(name))
    return expression.desc() if order.startswith("-") else expression.asc()


def shown(kind: SearchKind, user, words: list[str], ids) -> QuerySet:
    """The rows of `ids` (a list, or a sliced query of ids) whole, as `user` may see them, the latest first; on
    PostgreSQL each with its headline (`search_headline`), which is made for these rows alone."""
    rows = kind.rows(user).filter(pk__in=ids)
    if not _is_postgresql(rows):
        return rows
    joined = Func(
        Value(SEPARATOR),
        *(NullIf(F(name), Value("")) for name in kind.snippet_fields),
        function="CONCAT_WS",
        output_field=TextField(),
    )
    return rows.alias(search_length=Length(joined)).annotate(search_headline=headline(joined, document_query(words)))


def hits_of(kind: SearchKind, rows, words: list[str]) -> list[Hit]:
    hits = []
    for row in rows:
        if hasattr(row, "search_headline"):
            text = from_headline(row.search_headline or "")
        else:
            text = snippet(
                SEPARATOR.join(value for name in kind.snippet_fields if (value := getattr(row, name))), words
            )
        hits.append(Hit(title=highlight(kind.title(row), words), snippet=text, url=kind.url(row)))
    return hits


def search_groups(user, words: list[str]) -> list[Group]:
    """Every kind's first matches, kinds with none included (the page says so)."""
    groups = []
    for kind in KINDS:
        first = matching(kind, user, words).values("pk")[: PER_KIND + 1]
        rows = list(shown(kind, user, words, first))
        groups.append(Group(kind=kind, hits=hits_of(kind, rows[:PER_KIND], words), has_more=len(rows) > PER_KIND))
    return groups


def search_page(kind: SearchKind, user, words: list[str], page) -> tuple[Page, list[Hit]]:
    """One page of one kind's first COUNT_CAP matches; any `page` that is not a page number reads as the first or
    the last."""
    ids = list(matching(kind, user, words).values_list("pk", flat=True)[: COUNT_CAP + 1])
    page_obj = CappedPaginator(ids, PAGE_SIZE).get_page(page)
    rows = shown(kind, user, words, list(page_obj.object_list)) if page_obj.object_list else []
    return page_obj, hits_of(kind, rows, words)
