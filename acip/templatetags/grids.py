"""The big grids, a row's cells written in one pass: the dashboard's factor heatmap and the P-1 table of the
results page, each up to 186 administrations × 10 factors at the size of the whole WCO.

A `{% for %}` over 1,860 cells, with its variables, filters, `blocktranslate` and `include` for each cell, was most of
those pages' time. Here a row is one string, each cell's words escaped with the standard library's `html.escape`
(the same entities as Django's `escape`, without its lazy-string wrapper, which cost more than the rest here), and
worked out by the page's selector, translated once per page (`_HeatCellMaker` in acip/dashboards/selectors.py,
`_ChangeCellMaker` in acip/dashboards/results.py)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _heat_cell(cell) -> str:
    if cell.score is None:
        # The dash for the eye; the words for a screen reader, which would read the dash as "dash".
        return (
            '<td class="heat heat-none"><span aria-hidden="true">–</span>'
            f'<span class="visually-hidden">{escape(str(cell.label))}</span></td>'
        )
    return f'<td class="heat heat-{escape(cell.band)}">{escape(cell.text)}</td>'


@register.simple_tag
def heat_cells(cells) -> str:
    """The `<td>` of each `HeatCell` of a heatmap row. Its row and column headers name the administration and the
    factor, so that a cell needs only its score."""
    return mark_safe("".join(_heat_cell(cell) for cell in cells))  # every value escaped above


def _change_cell(cell) -> str:
    text = escape(str(cell.text))
    return (
        f'<td class="text-center"><span class="{escape(cell.css)}" title="{text}">'
        f'<span aria-hidden="true">{escape(cell.symbol)}</span><span class="visually-hidden">{text}</span></span></td>'
    )


@register.simple_tag
def change_cells(cells) -> str:
    """The `<td>` of each `ChangeCell` of a row of the P-1 table: a symbol for the eye, its words for a screen
    reader and on hover."""
    return mark_safe("".join(_change_cell(cell) for cell in cells))  # every value escaped above
