"""seed_scale at a tiny scale: the counts, the determinism, the model rules, and the refusals."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from acip.devdata.demo import demo_load
from acip.devdata.scale import SLUG_PREFIX, TARGETS, VALUES_PER_INDICATOR, generated_querysets, scale_content_hash
from meetings.models import Attendance, Commitment, Meeting, Note, SideMeeting
from partners.models import Assessment, AssessmentScore, Indicator, IndicatorValue, PartnerAdministration, StatusChange

pytestmark = pytest.mark.django_db

TINY = 0.005


@pytest.fixture
def demo():
    demo_load()


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_scale", "--scale", str(TINY), *args, stdout=out)
    return out.getvalue()


def expected(name: str) -> int:
    return max(1, round(TARGETS[name] * TINY))


# Each test loads the demo (a few seconds): the checks of one generated data set share a test.


def test_it_generates_the_scaled_counts_on_top_of_the_demo_and_every_row_is_valid(demo):
    demo_partners = PartnerAdministration.objects.count()
    seed()

    synthetic = PartnerAdministration.objects.filter(slug__startswith=SLUG_PREFIX)
    assert synthetic.count() == expected("partners")
    assert PartnerAdministration.objects.count() == demo_partners + expected("partners")
    assert Meeting.objects.filter(theme__startswith="Synthetic").count() == expected("meetings")
    assert SideMeeting.objects.filter(purpose__startswith="Synthetic").count() == expected("side_meetings")
    assert Note.objects.filter(text__startswith="Synthetic").count() == expected("notes")
    assert Commitment.objects.filter(title__startswith="Synthetic").count() == expected("commitments")
    assert StatusChange.objects.filter(reason__startswith="Synthetic").count() == expected("status_changes")
    assessments = Assessment.objects.filter(title__startswith="Synthetic")
    assert assessments.count() == expected("assessments")
    assert AssessmentScore.objects.filter(assessment__in=assessments).count() == expected("assessments") * 20
    indicators = Indicator.objects.filter(name__startswith="Synthetic")
    assert indicators.count() == expected("indicators") + expected("programme_indicators")
    assert IndicatorValue.objects.filter(indicator__in=indicators).count() == indicators.count() * VALUES_PER_INDICATOR

    # Every model rule holds (field validators, check and unique constraints), on a sample of each model's rows.
    checked = 0
    for model, queryset in generated_querysets():
        if model._meta.auto_created:  # m2m link tables: the database checks their foreign keys
            continue
        for obj in queryset.order_by("pk")[:25]:
            obj.full_clean()
            checked += 1
    assert checked > 250

    # A side meeting is held during its meeting, by an administration that attended; a commitment raised there is
    # that administration's.
    attended = set(Attendance.objects.values_list("meeting_id", "partner_id"))
    side_meetings = SideMeeting.objects.filter(purpose__startswith="Synthetic").select_related("meeting")
    assert all((s.meeting_id, s.partner_id) in attended for s in side_meetings)
    assert all(s.meeting.starts_on <= s.held_on <= s.meeting.ends_on for s in side_meetings)
    raised = Commitment.objects.filter(title__startswith="Synthetic", side_meeting__isnull=False)
    assert all(c.partner_id == c.side_meeting.partner_id for c in raised.select_related("side_meeting"))

    # An administration's assessment rounds of a kind go on from the demo's: a round number names one assessment.
    rounds = list(Assessment.objects.filter(round_number__isnull=False).values_list("partner", "kind", "round_number"))
    assert len(rounds) == len(set(rounds))


def test_the_same_seed_gives_the_same_content_and_a_second_run_needs_reset(demo):
    before = {model._meta.label: model._default_manager.count() for model, _ in generated_querysets()}
    seed("--seed", "7")
    first = scale_content_hash()
    with pytest.raises(CommandError, match="--reset"):
        seed("--seed", "7")

    # `make seed-scale` loads the demo again first: it finds its own rows and leaves the synthetic ones alone.
    demo_load()
    assert scale_content_hash() == first

    seed("--seed", "7", "--reset")
    assert scale_content_hash() == first
    seed("--seed", "8", "--reset")
    assert scale_content_hash() != first

    # --delete takes the synthetic rows away and leaves the demo's as they were.
    call_command("seed_scale", "--delete", stdout=StringIO())
    assert {model._meta.label: model._default_manager.count() for model, _ in generated_querysets()} == before


def test_it_needs_the_demo_data():
    with pytest.raises(CommandError, match="load_demo"):
        seed()


def test_it_refuses_a_production_configuration(settings):
    settings.DEBUG = False
    settings.TESTING = False

    with pytest.raises(CommandError, match="--allow-production"):
        seed()
