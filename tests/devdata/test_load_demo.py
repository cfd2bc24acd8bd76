import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from acip.devdata.demo import DEMO_USERNAMES
from acip.models import Donor, FundingAgreement, IntegrityFactor, Profile, Region
from meetings.models import Commitment, CommitmentStatus, Meeting, MeetingKind, Note
from partners.models import Assessment, PartnerAdministration, StatusChange

pytestmark = pytest.mark.django_db

INITIAL_11 = {"AF", "ET", "GH", "LB", "LR", "ML", "MZ", "NP", "SL", "TZ", "TN"}


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    """username -> the last word of its row in the logins table ("(unchanged)" when no password was set)."""
    rows = (line.split() for line in output.splitlines())
    return {words[0]: words[-1] for words in rows if words and words[0] in DEMO_USERNAMES}


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model of the three apps, history tables included, plus users and groups."""
    models = [m for label in ("acip", "partners", "meetings") for m in apps.get_app_config(label).get_models()]
    models += [get_user_model(), Group]
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in models}


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """Load once for a class of tests that only read, and roll back after them (a load takes a few seconds).

    Each test's own transaction nests inside this one as a savepoint, like `setUpTestData` in Django's TestCase.
    The hasher is the one that conftest's function-scoped fixture sets for each test, so the passwords check.
    """
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def test_loading_twice_leaves_exactly_the_same_rows():
    load_demo()
    first = snapshot()
    load_demo()
    second = snapshot()

    assert {label: len(rows) for label, rows in second.items()} == {label: len(rows) for label, rows in first.items()}
    assert second == first


@pytest.mark.usefixtures("demo_output")
class TestTheLoadedDemo:
    def test_it_loads_the_26_partners_in_their_cohorts_and_regions(self):
        assert PartnerAdministration.objects.count() == 26
        assert IntegrityFactor.objects.count() == 10
        assert Region.objects.count() == 6
        assert Donor.objects.count() == 2
        cohorts = {
            c: PartnerAdministration.objects.filter(cohort=c).count() for c in ("2019", "2020", "2021", "later")
        }
        assert cohorts == {"2019": 11, "2020": 6, "2021": 8, "later": 1}
        assert (
            set(PartnerAdministration.objects.filter(cohort="2019").values_list("country_code", flat=True))
            == INITIAL_11
        )
        assert set(PartnerAdministration.objects.filter(cohort="2021").values_list("region__code", flat=True)) == {
            "AMC"
        }
        ghana = PartnerAdministration.objects.get(country_code="GH")
        assert (ghana.name, ghana.slug, ghana.region.code) == (
            "Ghana Revenue Authority – Customs Division",
            "ghana",
            "WCA",
        )
        assert PartnerAdministration.objects.get(country_code="CI").slug == "cote-d-ivoire"
        assert PartnerAdministration.objects.get(country_code="MW").joined_on == datetime.date(2020, 4, 1)
        assert PartnerAdministration.objects.get(country_code="UA").region.code == "EUR"

    def test_every_partner_has_a_current_status(self):
        assert not PartnerAdministration.objects.with_current_status().filter(current_stage__isnull=True).exists()

    def test_agreements_cover_the_partners_each_donor_funds(self):
        norad = FundingAgreement.objects.filter(donor__slug="norad")
        assert sorted(norad.values_list("amount_eur", flat=True)) == [3_000_000, 5_000_000]
        assert norad.values("partners").distinct().count() == 17
        canada = FundingAgreement.objects.get(donor__slug="global-affairs-canada")
        assert (canada.signed_on, canada.currency, canada.amount) == (datetime.date(2021, 3, 9), "CAD", 3_496_777)
        assert canada.partners.count() == 8

    def test_the_2019_session_has_11_attendances_and_one_side_meeting_per_delegation(self):
        session = Meeting.objects.get(kind=MeetingKind.COMMITTEE, committee="cbc_isc", session_number=18)
        assert (session.starts_on, session.ends_on, session.place) == (
            datetime.date(2019, 4, 8),
            datetime.date(2019, 4, 12),
            "Brussels",
        )
        assert session.attendances.count() == 11
        assert set(session.partners.values_list("country_code", flat=True)) == INITIAL_11
        assert session.side_meetings.count() == 11
        assert set(session.side_meetings.values_list("partner__country_code", flat=True)) == INITIAL_11

    def test_it_loads_a_coordinators_meeting_each_year_from_2020_to_2025(self):
        meetings = Meeting.objects.filter(kind=MeetingKind.COORDINATORS).order_by("starts_on")
        assert [m.starts_on.year for m in meetings] == [2020, 2021, 2022, 2023, 2024, 2025, 2027]
        assert meetings[0].starts_on == datetime.date(2020, 2, 17)

    def test_the_coming_meeting_is_marked_illustrative_and_has_delegations_to_brief(self):
        coming = Meeting.objects.get(starts_on__year=2027)
        assert coming.title.startswith("Illustrative")
        assert coming.attendances.count() == 3

    def test_every_made_up_record_says_it_is_illustrative(self):
        texts = [
            *StatusChange.objects.values_list("reason", flat=True),
            *Note.objects.values_list("text", flat=True),
            *Commitment.objects.values_list("title", flat=True),
        ]
        assert texts
        assert [text for text in texts if "Illustrative" not in text] == []
        assert set(Note.objects.values_list("tier", flat=True)) == {"staff", "partner", "donors"}
        scored = Assessment.objects.filter(scores__isnull=False).distinct()
        assert all("Illustrative" in a.title and a.scores.count() == 20 for a in scored)

    def test_commitments_include_open_overdue_and_closed_ones(self):
        done = Commitment.objects.filter(status=CommitmentStatus.DONE)
        assert done.exists()
        assert all(c.closed_at and c.closed_by.username == "staff" for c in done)
        assert Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__lt=datetime.date(2026, 1, 1)).exists()

    def test_each_role_has_its_demo_user(self):
        users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
        assert set(users) == set(DEMO_USERNAMES)
        assert [g.name for g in users["staff"].groups.all()] == ["Programme staff"]
        assert not users["staff"].is_staff
        assert users["admin"].is_superuser and users["admin"].is_staff
        assert Profile.objects.get(user__username="delegate.ghana").partner.country_code == "GH"
        assert Profile.objects.get(user__username="delegate.mozambique").partner.country_code == "MZ"
        assert [g.name for g in users["delegate.ghana"].groups.all()] == ["Partner delegates"]
        assert Profile.objects.get(user__username="donor.norad").donor.slug == "norad"
        assert [g.name for g in users["donor.norad"].groups.all()] == ["Donor viewers"]

    def test_each_demo_user_can_log_in_with_the_printed_password(self, client, demo_output):
        passwords = printed_passwords(demo_output)

        assert set(passwords) == set(DEMO_USERNAMES)
        for username, password in passwords.items():
            assert client.login(username=username, password=password), username
            client.logout()

    def test_it_prints_a_summary_of_counts(self, demo_output):
        assert "26  partner administrations" in demo_output


def test_passwords_are_not_printed_again_unless_reset(client):
    first = printed_passwords(load_demo())

    second_output = load_demo()
    assert set(printed_passwords(second_output).values()) == {"(unchanged)"}
    assert not any(password in second_output for password in first.values())
    assert "changepassword" in second_output

    reset = printed_passwords(load_demo("--reset-passwords"))
    assert set(reset) == set(DEMO_USERNAMES)
    assert not set(reset.values()) & set(first.values())
    assert client.login(username="staff", password=reset["staff"])


def test_the_logins_file_keeps_the_passwords_that_still_work(tmp_path):
    path = tmp_path / ".demo-logins"
    first = printed_passwords(load_demo("--logins-file", str(path)))
    user = get_user_model().objects.get(username="donor.norad")
    user.set_password("changed since")
    user.save()

    load_demo("--logins-file", str(path))

    kept = printed_passwords(path.read_text())
    assert kept == {**first, "donor.norad": "(unchanged)"}


def test_it_refuses_a_production_configuration(settings, tmp_path):
    settings.DEBUG = False
    settings.TESTING = False

    with pytest.raises(CommandError, match="--allow-production"):
        load_demo()
    assert not PartnerAdministration.objects.exists()

    load_demo("--allow-production", "--logins-file", str(tmp_path / "logins"))
    assert PartnerAdministration.objects.count() == 26


def test_the_logins_file_goes_to_the_project_directory_but_not_under_tests(settings, tmp_path):
    settings.BASE_DIR = tmp_path

    load_demo()
    assert not (tmp_path / ".demo-logins").exists()

    settings.TESTING, settings.DEBUG = False, True
    load_demo("--reset-passwords")
    assert set(printed_passwords((tmp_path / ".demo-logins").read_text())) == set(DEMO_USERNAMES)
    assert (tmp_path / ".demo-logins").stat().st_mode & 0o077 == 0
