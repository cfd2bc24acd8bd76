"""A delegate uploads to their own administration's records (the administration, its plans, assessments and
activities, its side meetings) at the tiers they may read, with staff's one form; never to another administration's
(404), never to a meeting (403), never staff-only. Donors upload nothing. A newer version is never overwritten
unseen, and staff see who uploaded each file, the delegates' in their review queue."""

import datetime

import pytest
from django.urls import reverse

from acip.documents.models import Attachment, AttachmentVersion
from tests.acip.personas import client_for
from tests.documents.conftest import document_data, stored_files, upload
from tests.documents.factories import AttachmentFactory, AttachmentVersionFactory
from tests.meetings.factories import AttendanceFactory, SideMeetingFactory
from tests.partners.factories import ActivityFactory, AssessmentFactory, CountryPlanFactory

pytestmark = pytest.mark.django_db


def create_url(kind, key):
    return reverse("documents:create", args=[kind, key])


def version_url(attachment):
    return reverse("documents:version_create", args=[attachment.uuid])


def version_data(opened=None, name="report-v2.pdf"):
    data = {"document-upload": upload(name)}
    if opened is not None:
        data["document-opened_number"] = str(opened)
    return data


def records_of(partner):
    """Each kind of record a delegate may upload to, of `partner`, shared with it."""
    side_meeting = SideMeetingFactory(partner=partner, tier="partner")
    return {
        "partner": partner.slug,
        "plan": CountryPlanFactory(partner=partner, tier="partner").pk,
        "assessment": AssessmentFactory(partner=partner, tier="partner").pk,
        "activity": ActivityFactory(partner=partner, tier="partner").pk,
        "side-meeting": side_meeting.uuid,
    }


@pytest.mark.parametrize("kind", ["partner", "plan", "assessment", "activity", "side-meeting"])
def test_a_delegate_uploads_to_their_own_administrations_record(partner, delegate_user, delegate_client, kind):
    key = records_of(partner)[kind]
    response = delegate_client.post(create_url(kind, key), document_data(tier="partner", title="Our action plan"))
    assert response.status_code == 302
    version = AttachmentVersion.objects.select_related("attachment").get()
    assert version.attachment.tier == "partner"
    assert (version.uploaded_by, version.by_delegation) == (delegate_user, True)
    assert version.attachment.created_by == delegate_user


@pytest.mark.parametrize("kind", ["partner", "plan", "assessment", "activity", "side-meeting"])
def test_another_administrations_record_is_404_to_a_delegate(partner, other_delegate_client, kind):
    key = records_of(partner)[kind]
    assert other_delegate_client.get(create_url(kind, key)).status_code == 404
    assert other_delegate_client.post(create_url(kind, key), document_data(tier="partner")).status_code == 404
    assert not Attachment.objects.exists()


def test_a_meeting_is_not_a_delegates_to_upload_to(partner, delegate_client):
    meeting = AttendanceFactory(partner=partner).meeting
    assert delegate_client.get(create_url("meeting", meeting.uuid)).status_code == 403
    assert delegate_client.post(create_url("meeting", meeting.uuid), document_data(tier="partner")).status_code == 403
    assert not Attachment.objects.exists()


def test_a_donor_uploads_nothing(partner, donor_client):
    assert donor_client.get(create_url("partner", partner.slug)).status_code == 403
    assert donor_client.post(create_url("partner", partner.slug), document_data(tier="donors")).status_code == 403
    attachment = AttachmentFactory(partner=partner, tier="donors")
    AttachmentVersionFactory(attachment=attachment, number=1)
    assert donor_client.post(version_url(attachment), version_data()).status_code == 403
    assert not AttachmentVersion.objects.filter(number=2).exists()


def test_a_delegate_is_offered_only_the_tiers_they_may_read(partner, delegate_client):
    form = delegate_client.get(create_url("partner", partner.slug)).context["form"]
    assert [value for value, _label in form.fields["tier"].choices] == ["partner", "donors"]
    assert form["tier"].value() == "partner"


def test_staff_are_offered_every_tier(partner, staff_client):
    form = staff_client.get(create_url("partner", partner.slug)).context["form"]
    assert [value for value, _label in form.fields["tier"].choices] == ["staff", "partner", "donors"]


def test_a_forged_staff_only_tier_is_refused_at_the_field(partner, delegate_client, empty_media):
    response = delegate_client.post(create_url("partner", partner.slug), document_data(tier="staff"))
    assert response.status_code == 200
    assert "Choose who may read the document among the choices given" in response.context["form"].errors["tier"][0]
    assert not Attachment.objects.exists()
    assert not stored_files()


def test_a_delegate_uploads_a_new_version_of_their_administrations_document(partner, delegate_client):
    attachment = AttachmentFactory(partner=partner, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1)
    assert delegate_client.get(version_url(attachment)).status_code == 200
    assert delegate_client.post(version_url(attachment), version_data(opened=1)).status_code == 302
    assert attachment.versions.get(number=2).by_delegation


def test_a_delegate_gets_404_for_a_version_of_a_document_they_may_not_read(partner, delegate_client):
    staff_only = AttachmentFactory(partner=partner, tier="staff")
    AttachmentVersionFactory(attachment=staff_only, number=1)
    assert delegate_client.post(version_url(staff_only), version_data()).status_code == 404
    assert staff_only.versions.count() == 1


def test_a_delegate_may_not_add_a_version_to_a_meetings_document(partner, delegate_user, delegate_client):
    meeting = AttendanceFactory(partner=partner).meeting
    attachment = AttachmentFactory(partner=None, meeting=meeting, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1)
    assert Attachment.objects.visible_to(delegate_user).filter(pk=attachment.pk).exists()  # they read it
    assert delegate_client.post(version_url(attachment), version_data()).status_code == 403


def test_a_version_uploaded_since_the_form_was_opened_is_not_overwritten_unseen(partner, staff_user, delegate_client):
    attachment = AttachmentFactory(partner=partner, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1)
    opened = delegate_client.get(version_url(attachment)).context["form"]
    assert opened["opened_number"].value() == 1
    AttachmentVersionFactory(attachment=attachment, number=2, uploaded_by=staff_user)  # staff, meanwhile

    response = delegate_client.post(version_url(attachment), version_data(opened=1))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("upload", "newer_version")
    assert "Version 2 was uploaded by someone else" in form.errors["upload"][0]
    assert attachment.versions.count() == 2
    # The form now carries version 2: after a look, the next upload goes through as version 3.
    assert form["opened_number"].value() == "2"
    assert delegate_client.post(version_url(attachment), version_data(opened=2)).status_code == 302
    assert attachment.versions.filter(number=3).exists()


def test_staff_are_told_who_uploaded_the_newer_version(partner, delegate_user, staff_client):
    delegate_user.first_name, delegate_user.last_name = "Ama", "Mensah"
    delegate_user.save()
    attachment = AttachmentFactory(partner=partner, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1)
    AttachmentVersionFactory(attachment=attachment, number=2, uploaded_by=delegate_user)
    response = staff_client.post(version_url(attachment), version_data(opened=1))
    assert "Version 2 was uploaded by Ama Mensah" in response.context["form"].errors["upload"][0]


def test_a_forged_opened_number_reads_as_none(partner, staff_client):
    attachment = AttachmentFactory(partner=partner, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1)
    data = {**version_data(), "document-opened_number": "not a number"}
    assert staff_client.post(version_url(attachment), data).status_code == 302


def test_the_country_page_offers_a_delegate_the_upload_form_and_staff_see_who_uploaded(
    partner, delegate_user, delegate_client, staff_client
):
    delegate_user.first_name, delegate_user.last_name = "Ama", "Mensah"
    delegate_user.save()
    assert delegate_client.post(create_url("partner", partner.slug), document_data(tier="partner")).status_code == 302
    delegate_page = delegate_client.get(partner.get_absolute_url())
    assert delegate_page.context["attachment_form"] is not None
    assert 'data-testid="upload-form"' in delegate_page.content.decode()
    assert "Upload a new version" in delegate_page.content.decode()
    assert 'data-testid="uploader"' not in delegate_page.content.decode()  # who uploaded is for staff

    staff_page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert "Uploaded by Ama Mensah" in staff_page
    assert 'data-testid="from-delegation"' in staff_page


def test_a_donor_is_offered_no_upload_form(partner, donor_client):
    page = donor_client.get(partner.get_absolute_url())
    assert page.context["attachment_form"] is None
    assert "Upload a new version" not in page.content.decode()


def test_staff_see_the_uploader_of_every_version(partner, staff_user, delegate_user, staff_client):
    attachment = AttachmentFactory(partner=partner, tier="partner")
    AttachmentVersionFactory(attachment=attachment, number=1, uploaded_by=staff_user)
    AttachmentVersionFactory(attachment=attachment, number=2, uploaded_by=delegate_user, by_delegation=True)
    page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert page.count('data-testid="uploader"') == 2
    assert page.count('data-testid="from-delegation"') == 1


def test_the_review_queue_lists_the_delegations_recent_files(partner, other_partner, delegate_user, staff_client):
    side_meeting = SideMeetingFactory(partner=partner, tier="partner")
    recent = AttachmentFactory(partner=None, side_meeting=side_meeting, tier="partner", title="Our minutes")
    AttachmentVersionFactory(attachment=recent, number=1, uploaded_by=delegate_user, by_delegation=True)
    old = AttachmentFactory(partner=partner, tier="partner", title="Last year's deck")
    AttachmentVersionFactory(
        attachment=old,
        number=1,
        uploaded_by=delegate_user,
        by_delegation=True,
        uploaded_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    staffs = AttachmentFactory(partner=partner, tier="partner", title="Staff's report")
    AttachmentVersionFactory(attachment=staffs, number=1)
    uploads = staff_client.get(reverse("participation:queue")).context["uploads"]
    assert [upload.version.attachment.title for upload in uploads] == ["Our minutes"]
    assert uploads[0].url == f"{side_meeting.get_absolute_url()}#documents"
    assert uploads[0].partner == partner


def test_the_side_meeting_page_offers_its_delegate_the_upload_form(partner, delegate_client, other_delegate_client):
    side_meeting = SideMeetingFactory(partner=partner, tier="partner")
    assert delegate_client.get(side_meeting.get_absolute_url()).context["attachment_form"] is not None


def test_the_meeting_page_offers_a_delegate_no_upload_form(partner, delegate_user):
    meeting = AttendanceFactory(partner=partner).meeting
    assert client_for(delegate_user).get(meeting.get_absolute_url()).context["attachment_form"] is None
