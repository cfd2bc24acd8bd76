import datetime

import pytest
from django.urls import reverse

from acip.documents.models import Attachment, AttachmentVersion
from tests.acip.personas import client_for, make_delegate
from tests.documents.conftest import (
    BOUNDARY,
    DOCM,
    DOCX,
    ELF,
    MZ,
    PDF,
    document_data,
    raw_multipart,
    stored_files,
    upload,
)
from tests.documents.factories import AttachmentFactory, AttachmentVersionFactory
from tests.meetings.factories import AttendanceFactory, SideMeetingFactory
from tests.partners.factories import ActivityFactory, CountryPlanFactory

pytestmark = pytest.mark.django_db


def create_url(kind, key):
    return reverse("documents:create", args=[kind, key])


def upload_to_partner(client, partner, **fields):
    return client.post(create_url("partner", partner.slug), document_data(**fields))


def download(client, attachment, number=None):
    if number is None:
        return client.get(reverse("documents:download", args=[attachment.uuid]))
    return client.get(reverse("documents:version_download", args=[attachment.uuid, number]))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_staff_upload_is_stored_and_listed_on_the_country_page(staff_client, partner, empty_media):
    response = upload_to_partner(staff_client, partner)
    assert response.status_code == 302
    assert response["Location"] == f"{partner.get_absolute_url()}#documents"
    attachment = Attachment.objects.get()
    version = attachment.versions.get()
    assert (attachment.partner, attachment.kind, attachment.tier) == (partner, "mission_report", "staff")
    assert (version.number, version.original_name, version.size) == (1, "report.pdf", len(PDF))
    assert version.content_type == "application/pdf"
    assert len(stored_files()) == 1
    assert "report.pdf" not in version.file.name  # stored by ids, never by the uploader's name
    page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert "Scoping mission report" in page and attachment.get_absolute_url() in page


def test_staff_download_is_an_attachment_with_a_safe_name_and_nosniff(staff_client, partner):
    upload_to_partner(staff_client, partner, upload=upload('Rapport de mission é "x".pdf'))
    response = download(staff_client, Attachment.objects.get())
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Rapport%20de%20mission%20%C3%A9%20%22x%22.pdf" in disposition


def test_a_new_version_keeps_the_old_one(staff_client, partner):
    upload_to_partner(staff_client, partner)
    attachment = Attachment.objects.get()
    response = staff_client.post(
        reverse("documents:version_create", args=[attachment.uuid]),
        {"document-upload": upload("report-v2.docx", DOCX)},
    )
    assert response.status_code == 302
    assert list(attachment.versions.values_list("number", "original_name")) == [
        (2, "report-v2.docx"),
        (1, "report.pdf"),
    ]
    assert body(download(staff_client, attachment)) == DOCX  # the latest
    assert body(download(staff_client, attachment, 1)) == PDF  # the older one stays
    page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert "1 older version" in page and reverse("documents:version_download", args=[attachment.uuid, 1]) in page


def test_a_missing_version_is_404(staff_client, partner):
    upload_to_partner(staff_client, partner)
    assert download(staff_client, Attachment.objects.get(), 7).status_code == 404


def test_a_delegate_of_another_country_gets_404(partner, other_delegate_client):
    shared = AttachmentVersionFactory(attachment__partner=partner, attachment__tier="donors").attachment
    assert download(other_delegate_client, shared).status_code == 404
    assert download(other_delegate_client, shared, 1).status_code == 404


def test_a_delegate_downloads_what_is_shared_with_their_administration_only(partner, delegate_client, staff_client):
    upload_to_partner(staff_client, partner, tier="partner", title="Shared deck")
    upload_to_partner(staff_client, partner, tier="staff", title="Internal assessment")
    shared, internal = Attachment.objects.get(tier="partner"), Attachment.objects.get(tier="staff")
    assert body(download(delegate_client, shared)) == PDF
    assert download(delegate_client, internal).status_code == 404
    page = delegate_client.get(partner.get_absolute_url()).content.decode()
    assert "Shared deck" in page and "Internal assessment" not in page


def test_a_donor_gets_404_for_a_staff_only_file(partner, donor_client, other_donor_client):
    staff_only = AttachmentFactory(partner=partner, tier="staff")
    for_donors = AttachmentFactory(partner=partner, tier="donors")
    AttachmentVersionFactory(attachment=staff_only, number=1)
    AttachmentVersionFactory(attachment=for_donors, number=1)
    assert download(donor_client, staff_only).status_code == 404
    assert download(other_donor_client, for_donors).status_code == 404  # not a partner this donor funds


def test_a_plan_attachment_follows_the_plan_and_its_own_tier(partner, delegate_client, staff_client):
    staff_plan = CountryPlanFactory(partner=partner, tier="staff", version=1)
    shared_plan = CountryPlanFactory(partner=partner, tier="partner", version=2)
    hidden = AttachmentFactory(partner=None, plan=staff_plan, tier="partner")
    shown = AttachmentFactory(partner=None, plan=shared_plan, tier="partner", title="The PID")
    for attachment in (hidden, shown):
        AttachmentVersionFactory(attachment=attachment, number=1)
    assert download(delegate_client, hidden).status_code == 404
    page = delegate_client.get(partner.get_absolute_url()).content.decode()
    assert "The PID" in page


def test_staff_attach_to_an_activity_from_its_upload_page(staff_client, partner):
    activity = ActivityFactory(partner=partner)
    page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert create_url("activity", activity.pk) in page
    response = staff_client.post(create_url("activity", activity.pk), document_data())
    assert response["Location"] == f"{partner.get_absolute_url()}#documents"
    assert Attachment.objects.get().activity == activity


def test_meeting_and_side_meeting_pages_list_their_documents(partner, staff_client, delegate_client):
    attendance = AttendanceFactory(partner=partner)
    side_meeting = SideMeetingFactory(partner=partner, meeting=attendance.meeting)
    meeting = attendance.meeting
    staff_client.post(create_url("meeting", meeting.uuid), document_data(title="Session minutes", tier="partner"))
    staff_client.post(create_url("side-meeting", side_meeting.uuid), document_data(title="Side deck", tier="staff"))
    assert Attachment.objects.count() == 2
    assert "Session minutes" in delegate_client.get(meeting.get_absolute_url()).content.decode()
    side_page = delegate_client.get(side_meeting.get_absolute_url()).content.decode()
    assert "Side deck" not in side_page
    assert "Side deck" in staff_client.get(side_meeting.get_absolute_url()).content.decode()


def test_readers_may_not_upload(partner, donor_client, delegate_client, other_delegate_client):
    # A delegate may, at their tiers (tests/documents/test_delegate_uploads.py): never staff-only.
    assert upload_to_partner(delegate_client, partner).context["form"].has_error("tier")
    assert upload_to_partner(donor_client, partner).status_code == 403
    assert upload_to_partner(other_delegate_client, partner).status_code == 404
    assert not Attachment.objects.exists()


def test_an_unknown_record_kind_or_key_is_404(staff_client):
    assert staff_client.get(create_url("nothing", "1")).status_code == 404
    assert staff_client.get(create_url("plan", "not-a-number")).status_code == 404
    assert staff_client.get(create_url("meeting", "not-a-uuid")).status_code == 404


def refused(response, message: str):
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get("upload", [])), form.errors
    assert not Attachment.objects.exists() and not AttachmentVersion.objects.exists()
    assert not stored_files()


@pytest.mark.parametrize("content", [ELF, MZ], ids=["elf", "mz"])
def test_a_renamed_executable_is_refused(staff_client, partner, empty_media, content):
    response = upload_to_partner(staff_client, partner, upload=upload("report.pdf", content))
    refused(response, "This kind of file is not accepted")
    assert "This kind of file is not accepted" in response.content.decode()


def test_a_macro_enabled_document_is_refused(staff_client, partner, empty_media):
    refused(upload_to_partner(staff_client, partner, upload=upload("report.docx", DOCM)), "not accepted")


def test_a_file_whose_name_hides_its_type_is_refused(staff_client, partner, empty_media):
    refused(upload_to_partner(staff_client, partner, upload=upload("report.pdf", DOCX)), "name it with .docx")


def test_an_empty_file_is_refused(staff_client, partner, empty_media):
    refused(upload_to_partner(staff_client, partner, upload=upload("report.pdf", b"")), "The file is empty")


def test_a_file_over_the_limit_is_refused(staff_client, partner, settings, empty_media):
    settings.ACIP_UPLOAD_MAX_BYTES = 30
    refused(upload_to_partner(staff_client, partner), "The file is too large")


def test_a_30_mb_pdf_is_refused_at_the_default_limit(staff_client, partner, empty_media):
    big = PDF + b"0" * (30 * 1024 * 1024)
    response = upload_to_partner(staff_client, partner, upload=upload("big.pdf", big))
    refused(response, "the limit is 25.0\xa0MB")


def test_a_name_over_the_field_length_is_refused(staff_client, partner, empty_media):
    refused(upload_to_partner(staff_client, partner, upload=upload("r" * 220 + ".pdf")), "Shorten the file name")


def test_a_name_with_folders_is_refused(staff_client, partner, empty_media):
    fields = {f"document-{k}": v for k, v in {"title": "T", "kind": "other", "dated_on": "2025-01-01"}.items()}
    fields["document-tier"] = "staff"
    response = staff_client.post(
        create_url("partner", partner.slug),
        data=raw_multipart(fields, "../../etc/report.pdf", PDF),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    refused(response, "without folders")


def test_office_images_and_text_are_accepted(staff_client, partner):
    files = [
        ("deck.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        ("scores.csv", "pays;score\nGhana;54,5\nCôte d'Ivoire;61\n".encode(), "text/csv"),
    ]
    for name, content, expected in files:
        assert upload_to_partner(staff_client, partner, upload=upload(name, content)).status_code == 302
        assert AttachmentVersion.objects.get(original_name=name).content_type == expected


def test_a_failure_after_the_file_was_stored_leaves_no_file(staff_client, partner, empty_media, monkeypatch):
    from acip.documents import services

    def fail(obj, **kwargs):
        if isinstance(obj, AttachmentVersion):
            raise RuntimeError("the database went away")
        obj.full_clean()
        obj.save()

    monkeypatch.setattr(services, "validated_save", fail)
    with pytest.raises(RuntimeError):
        upload_to_partner(staff_client, partner)
    assert not Attachment.objects.exists()
    assert not stored_files()


def test_the_upload_form_shows_the_same_errors_as_a_page(staff_client, partner):
    response = staff_client.get(create_url("partner", partner.slug))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_delegate_of_the_attending_partner_sees_the_meeting_files_shared_with_partners(partner, other_partner):
    attendance = AttendanceFactory(partner=partner)
    minutes = AttachmentFactory(
        partner=None, meeting=attendance.meeting, tier="partner", dated_on=datetime.date.today()
    )
    AttachmentVersionFactory(attachment=minutes, number=1)
    assert Attachment.objects.visible_to(make_delegate(partner)).get() == minutes
    outsider = make_delegate(other_partner)
    assert not Attachment.objects.visible_to(outsider).exists()
    assert client_for(outsider).get(minutes.get_absolute_url()).status_code == 404


def test_the_section_form_carries_its_csrf_token(staff_user, partner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    page = client.get(partner.get_absolute_url())
    token = page.context["csrf_token"]
    assert f'value="{token}"' in page.content.decode().split('id="documents"')[1]
    data = document_data()
    data["csrfmiddlewaretoken"] = str(token)
    assert client.post(create_url("partner", partner.slug), data).status_code == 302
    assert client.post(create_url("partner", partner.slug), document_data()).status_code == 403


def test_behind_nginx_the_view_hands_the_file_over_with_x_accel_redirect(staff_client, partner, settings):
    settings.ACIP_DOCUMENTS_SERVE = "accel"
    upload_to_partner(staff_client, partner)
    attachment = Attachment.objects.get()
    response = download(staff_client, attachment)
    version = attachment.versions.get()
    assert response["X-Accel-Redirect"] == f"/protected-documents/{version.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""
