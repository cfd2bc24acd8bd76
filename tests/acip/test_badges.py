"""The stage and health badges (acip/templatetags/badges.py): the same markup from the tag and from the include."""

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "sign"), [("on_track", "✓"), ("at_risk", "!"), ("off_track", "✕")], ids=["on", "risk", "off"]
)
def test_a_health_badge_has_its_sign_hidden_from_screen_readers_and_its_label(value, sign):
    html = render("{% load badges %}{% health_badge value label %}", value=value, label="<Label>")
    assert html == (
        f'<span class="badge health-badge health-{value}"><span aria-hidden="true">{sign}</span> &lt;Label&gt;</span>'
    )


def test_a_missing_health_or_stage_says_so_in_the_users_language():
    with translation.override("fr"):
        health = render("{% load badges %}{% health_badge None '' %}")
        stage = render("{% load badges %}{% stage_badge None %}")
    assert health == '<span class="badge health-badge health-no_data">Aucun statut</span>'
    assert 'class="badge stage-badge"' in stage and "No status yet" not in stage


def test_the_include_renders_the_tag():
    include = render('{% include "partners/_health_badge.html" with value="at_risk" label="At risk" only %}')
    tag = render('{% load badges %}{% health_badge "at_risk" "At risk" %}')
    assert include == tag + "\n"
    stage = render('{% include "partners/_stage_badge.html" with label="Planning" only %}')
    assert stage == '<span class="badge stage-badge">Planning</span>\n'
