"""The tags that write the big grids' rows in one pass (acip/templatetags/grids.py) escape what they write."""

from decimal import Decimal
from types import SimpleNamespace

from acip.templatetags.grids import change_cells, heat_cells


def test_a_heat_row_writes_each_score_and_says_no_score_in_words():
    cells = [
        SimpleNamespace(score=Decimal("83.5"), band="80", text="83.5", label=""),
        SimpleNamespace(score=None, band="none", text="–", label='no <score> & "none"'),
    ]
    assert heat_cells(cells) == (
        '<td class="heat heat-80">83.5</td>'
        '<td class="heat heat-none"><span aria-hidden="true">–</span>'
        '<span class="visually-hidden">no &lt;score&gt; &amp; &quot;none&quot;</span></td>'
    )


def test_a_change_row_escapes_its_words_in_the_title_and_for_a_screen_reader():
    cell = SimpleNamespace(css="text-danger", text="worse, from <1> to 'O'", symbol="▼")
    assert change_cells([cell]) == (
        '<td class="text-center"><span class="text-danger" title="worse, from &lt;1&gt; to &#x27;O&#x27;">'
        '<span aria-hidden="true">▼</span><span class="visually-hidden">worse, from &lt;1&gt; to &#x27;O&#x27;</span>'
        "</span></td>"
    )
