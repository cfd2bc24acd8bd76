"""The parts of search that do not depend on the records: the words of a query, accent folding, the full-text
expressions of PostgreSQL, and highlighting.

PostgreSQL matches a record's document (its searched fields, joined) in three text search configurations at once,
each made accent-insensitive by the `unaccent` dictionary (migration 0001): English and French stems, so that
"agencies" finds "agency" and "douane" finds "Douanes", and `simple` with prefixes, so that acronyms and short
words ("IAU", "IT", which English drops as a stop word) match as typed. The same expression builds the GIN index
(migration 0002) and the query, so that the planner can use the index. SQLite has neither: there each word must be
in one of the fields, compared folded (`acip_fold`, a function registered on each connection).
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

#: the text search configurations that migration 0001 creates
CONFIG_ENGLISH = "acip_english"
CONFIG_FRENCH = "acip_french"
CONFIG_SIMPLE = "acip_simple"

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

#: a word: letters and digits of any script; everything else (operators, quotes, punctuation) separates words
WORD = re.compile(r"[^\W_]+")

# ts_headline marks the matches with these; no one types them, and every piece between them is escaped.
START, STOP = "\x02", "\x03"
SNIPPET_CHARS = 240


def words_of(query: str) -> list[str]:
    return WORD.findall(query)


def fold(text: str) -> str:
    """Lower case without accents: "Sécurité" reads "securite"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def register_sqlite_fold(sender, connection, **kwargs):
    """`acip_fold(text)` on every SQLite connection: `fold` in SQL, for the fallback's comparisons."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "acip_fold", 1, lambda text: fold(text) if text else "", deterministic=True
        )


class Fold(models.Func):
    function = "acip_fold"
    output_field = models.TextField()


# --- PostgreSQL ------------------------------------------------------------------------------------------------------


def document_vector(*fields: str):
    """The document of a record in the three configurations. Migration 0002 indexes exactly this expression."""
    return (
        SearchVector(*fields, config=CONFIG_ENGLISH)
        + SearchVector(*fields, config=CONFIG_FRENCH)
        + SearchVector(*fields, config=CONFIG_SIMPLE)
    )


def document_query(words: list[str]) -> SearchQuery:
    """Every word, in one configuration at least. The prefix query is raw tsquery syntax: each word is letters
    and digits only (`WORD`), quoted, so nobody can type an operator into it."""
    text = " ".join(words)
    prefixes = " & ".join(f"'{word}':*" for word in words)
    return (
        SearchQuery(text, config=CONFIG_ENGLISH)
        | SearchQuery(text, config=CONFIG_FRENCH)
        | SearchQuery(prefixes, config=CONFIG_SIMPLE, search_type="raw")
    )


def headline(expression, query: SearchQuery):
    """The text with its matches marked (START, STOP): whole when it is short, else its best two fragments."""
    marks = {"config": CONFIG_ENGLISH, "start_sel": START, "stop_sel": STOP}
    return models.Case(
        models.When(
            models.Q(search_length__lte=SNIPPET_CHARS),
            then=SearchHeadline(expression, query, highlight_all=True, **marks),
        ),
        default=SearchHeadline(
            expression, query, max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … ", **marks
        ),
        output_field=models.TextField(),
    )


# --- Highlighting ----------------------------------------------------------------------------------------------------


def from_headline(text: str) -> SafeString:
    """A ts_headline's text as HTML: every piece escaped, the marked ones in <mark>."""
    parts = []
    for index, piece in enumerate(re.split(f"[{START}{STOP}]", text)):
        parts.append(format_html("<mark>{}</mark>", piece) if index % 2 and piece else escape(piece))
    return mark_safe("".join(parts))  # every part is escaped or built by format_html


def highlight(text: str, words: list[str]) -> SafeString:
    """`text` as HTML, escaped, each word that holds one of `words` (folded) in <mark>."""
    folded = [fold(word) for word in words]
    parts, last = [], 0
    for match in WORD.finditer(text):
        token = fold(match.group())
        if any(word in token for word in folded):
            parts.append(escape(text[last : match.start()]))
            parts.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every part is escaped or built by format_html


def snippet(text: str, words: list[str]) -> SafeString:
    """Up to SNIPPET_CHARS of `text` around its first match, highlighted (the fallback's SearchHeadline)."""
    if len(text) <= SNIPPET_CHARS:
        return highlight(text, words)
    folded = [fold(word) for word in words]
    start = next(
        (match.start() for match in WORD.finditer(text) if any(word in fold(match.group()) for word in folded)), 0
    )
    start = max(0, start - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = start + SNIPPET_CHARS
    body = highlight(text[start:end], words)
    return format_html("{}{}{}", "… " if start else "", body, " …" if end < len(text) else "")
