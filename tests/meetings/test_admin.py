import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Commitment, Note
from tests.admin_forms import admin_form_data
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)

pytestmark = pytest.mark.django_db


def inline_models(response) -> list:
    return [inline.formset.model for inline in response.context["inline_admin_formsets"]]


def test_meeting_page_shows_attendance_and_side_meetings(admin_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, partner__country_name="Ghana")
    SideMeetingFactory(meeting=meeting, partner__country_name="Malawi")

    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert [model.__name__ for model in inline_models(response)] == ["Attendance", "SideMeeting"]
    assert "Ghana" in response.text
    assert "Malawi" in response.text


def test_side_meeting_page_shows_its_notes_and_commitments(admin_client):
    side_meeting = SideMeetingFactory()
    NoteFactory(side_meeting=side_meeting, text="The Commissioner asked for a follow-up mission.")
    CommitmentFactory(side_meeting=side_meeting, title="Send the draft code of conduct")

    response = admin_client.get(reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk]))

    assert inline_models(response) == [Note, Commitment]
    assert "The Commissioner asked for a follow-up mission." in response.text
    assert "Send the draft code of conduct" in response.text


def test_a_new_note_is_written_by_the_administrator_unless_changed(admin_client, admin_user):
    side_meeting = SideMeetingFactory()

    response = admin_client.get(reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk]))

    notes = response.context["inline_admin_formsets"][0].formset
    assert notes.empty_form["author"].value() == admin_user.pk


def test_a_commitment_added_at_a_side_meeting_belongs_to_its_administration(admin_client):
    side_meeting = SideMeetingFactory()
    url = reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "commitments-TOTAL_FORMS": 1,
            "commitments-0-title": "Nominate an integrity focal point",
            "commitments-0-tier": "partner",
            "commitments-0-owner": "administration",
            "commitments-0-due_on": "2019-06-30",
            "commitments-0-status": "open",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    commitment = side_meeting.commitments.get()
    assert (commitment.partner, commitment.title, commitment.closed_at) == (
        side_meeting.partner,
        "Nominate an integrity focal point",
        None,
    )


def test_a_commitment_closed_at_its_side_meeting_records_when_and_by_whom(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_sidemeeting_change", args=[commitment.side_meeting.pk])
    data = admin_form_data(admin_client.get(url))
    data["commitments-0-status"] = "done"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert commitment.closed_at is not None
    assert commitment.closed_by == admin_user


def test_closing_and_reopening_a_commitment_keeps_its_closing_fields_in_step(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_commitment_change", args=[commitment.pk])

    data = admin_form_data(admin_client.get(url))
    data["status"] = "dropped"
    assert admin_client.post(url, data).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_by) == ("dropped", admin_user)
    assert commitment.closed_at is not None

    data = admin_form_data(admin_client.get(url))
    data["status"] = "open"
    assert admin_client.post(url, data).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_at, commitment.closed_by) == ("open", None, None)


def test_closing_a_commitment_is_kept_in_its_history(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_commitment_change", args=[commitment.pk])
    data = admin_form_data(admin_client.get(url))
    data["status"] = "done"

    admin_client.post(url, data)

    latest = commitment.history.latest()
    assert (latest.status, latest.history_user) == ("done", admin_user)


# The change lists of the largest tables (100,000 notes at scale): a fixed number of queries, whatever the rows. Each:
# the session, the user, the regions of the filter, the count, the page of rows, then the date hierarchy's first and
# last dates and its probe of each year (`years_with_rows`). With one year's rows, that year's months instead.
CHANGE_LIST_QUERIES = 7


def _year_links(response, field: str) -> list[int]:
    """The years that the page's date hierarchy offers, as links."""
    return sorted({int(year) for year in re.findall(rf"{field}__year=(\d+)", response.content.decode())})


def _note_in(year):
    note = NoteFactory()
    Note.objects.filter(pk=note.pk).update(created_at=datetime.datetime(year, 6, 1, 12, tzinfo=datetime.UTC))


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("admin:meetings_note_changelist", _note_in),
        ("admin:meetings_commitment_changelist", lambda year: CommitmentFactory(due_on=datetime.date(year, 6, 1))),
        ("admin:meetings_sidemeeting_changelist", lambda year: SideMeetingFactory(held_on=datetime.date(year, 6, 1))),
    ],
)
def test_change_list_of_a_large_table_runs_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, url, make
):
    # Rows over several years, as at scale: the date hierarchy lists the years (one year would list its months).
    for year in [2017, 2018, 2020]:
        make(year)
    admin_client.get(reverse(url))

    with django_assert_num_queries(CHANGE_LIST_QUERIES):
        response = admin_client.get(reverse(url))

    assert response.context["cl"].result_count == 3


def test_note_list_of_one_year_runs_as_many_queries_as_of_several(admin_client, django_assert_num_queries):
    # The demo's notes are of one year (the hierarchy lists its months), the scale data's of many (its years).
    for _ in range(3):
        _note_in(2019)
    url = reverse("admin:meetings_note_changelist")
    admin_client.get(url)

    with django_assert_num_queries(CHANGE_LIST_QUERIES):
        admin_client.get(url)


def test_note_list_offers_the_years_that_have_notes_in_the_local_time_zone(admin_client, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    # 23:30 UTC on New Year's Eve is already 2021 in Brussels; no note in 2018.
    _note_in(2017)
    _note_in(2019)
    note = NoteFactory()
    Note.objects.filter(pk=note.pk).update(created_at=datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.UTC))

    response = admin_client.get(reverse("admin:meetings_note_changelist"))

    assert _year_links(response, "created_at") == [2017, 2019, 2021]
    rows = Note.objects.all()
    with timezone.override("Europe/Brussels"):
        assert _year_links(response, "created_at") == [day.year for day in rows.datetimes("created_at", "year")]


def test_commitment_list_offers_only_the_years_of_the_rows_filtered(admin_client):
    CommitmentFactory(due_on=datetime.date(2016, 1, 1), tier="staff")
    CommitmentFactory(due_on=datetime.date(2018, 12, 31), tier="partner")
    CommitmentFactory(due_on=datetime.date(2020, 3, 1), tier="staff")
    url = reverse("admin:meetings_commitment_changelist")

    assert _year_links(admin_client.get(url), "due_on") == [2016, 2018, 2020]
    assert _year_links(admin_client.get(url, {"tier__exact": "staff"}), "due_on") == [2016, 2020]


def test_commitment_list_of_one_year_offers_its_months(admin_client):
    CommitmentFactory(due_on=datetime.date(2019, 3, 1))
    CommitmentFactory(due_on=datetime.date(2019, 9, 30))
    CommitmentFactory(due_on=datetime.date(2020, 1, 1))

    response = admin_client.get(reverse("admin:meetings_commitment_changelist"), {"due_on__year": "2019"})

    assert sorted({int(m) for m in re.findall(r"due_on__month=(\d+)", response.content.decode())}) == [3, 9]
