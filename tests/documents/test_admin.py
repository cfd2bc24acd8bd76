import pytest
from django.urls import reverse

from acip.documents.models import Attachment
from tests.documents.conftest import ELF, PDF, stored_files, upload
from tests.partners.factories import CountryPlanFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def admin_data(partner, file, **fields):
    data = {"title": "PID 2025", "kind": "pid", "dated_on": "2025-01-01", "tier": "staff", "partner": partner.pk}
    data.update(fields)
    data.update({"versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0, "upload": file})
    return data


def test_the_admin_uploads_through_the_same_checks_and_service(admin_client):
    partner = PartnerFactory()
    response = admin_client.post(reverse("admin:documents_attachment_add"), admin_data(partner, upload()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    attachment = Attachment.objects.get()
    assert attachment.versions.get().original_name == "report.pdf"
    change = reverse("admin:documents_attachment_change", args=[attachment.pk])
    page = admin_client.get(change)
    version = page.context["adminform"].form.initial["opened_version"]
    data = admin_data(partner, upload("report-v2.pdf"), opened_version=version)
    assert admin_client.post(change, data).status_code == 302
    assert list(attachment.versions.values_list("number", flat=True)) == [2, 1]


def test_the_admin_refuses_a_renamed_executable_and_a_second_record(admin_client, empty_media):
    partner = PartnerFactory()
    response = admin_client.post(reverse("admin:documents_attachment_add"), admin_data(partner, upload("a.pdf", ELF)))
    assert "This kind of file is not accepted" in response.content.decode()
    plan = CountryPlanFactory(partner=partner)
    data = admin_data(partner, upload("a.pdf", PDF), plan=plan.pk)
    response = admin_client.post(reverse("admin:documents_attachment_add"), data)
    assert "Attach the document to exactly one record." in response.content.decode()
    assert not Attachment.objects.exists() and not stored_files()


def test_deleting_an_attachment_removes_its_files_once_committed(
    admin_client, empty_media, django_capture_on_commit_callbacks
):
    partner = PartnerFactory()
    admin_client.post(reverse("admin:documents_attachment_add"), admin_data(partner, upload()))
    attachment = Attachment.objects.get()
    assert len(stored_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:documents_attachment_delete", args=[attachment.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Attachment.objects.exists() and not stored_files()
