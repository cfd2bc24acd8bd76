"""The documents in S3-compatible object storage, against a real S3 API: moto's server on 127.0.0.1.

Upload, a new version, download through the view (the signed URL that it redirects to is fetched), and a refused
upload that leaves no object behind. The server and its bucket are made once for the module."""

import socket
import urllib.request

import boto3
import pytest
from django.urls import reverse
from moto.server import ThreadedMotoServer

from acip.documents.models import Attachment
from tests.documents.conftest import DOCX, ELF, PDF, document_data, upload

pytestmark = pytest.mark.django_db

BUCKET = "acip-documents"
PREFIX = "documents"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "location": PREFIX,
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                "signature_version": "s3v4",
            },
        },
    }
    settings.ACIP_DOCUMENTS_SERVE = "redirect"
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    return client


def objects(client) -> list[str]:
    return [stored["Key"] for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read(), answer.headers


def test_upload_version_and_download_through_signed_urls(s3, staff_client, partner):
    response = staff_client.post(reverse("documents:create", args=["partner", partner.slug]), document_data())
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    staff_client.post(
        reverse("documents:version_create", args=[attachment.uuid]), {"document-upload": upload("v2.docx", DOCX)}
    )
    keys = objects(s3)
    assert len(keys) == 2 and all(key.startswith(f"{PREFIX}/attachments/{attachment.uuid}/") for key in keys)

    latest = staff_client.get(reverse("documents:download", args=[attachment.uuid]))
    assert latest.status_code == 302
    assert "X-Amz-Signature=" in latest["Location"] and "X-Amz-Expires=60" in latest["Location"]
    content, headers = fetch(latest["Location"])
    assert content == DOCX
    assert headers["Content-Disposition"] == 'attachment; filename="v2.docx"'

    first = staff_client.get(reverse("documents:version_download", args=[attachment.uuid, 1]))
    content, headers = fetch(first["Location"])
    assert content == PDF
    assert headers["Content-Type"] == "application/pdf"


def test_the_bucket_is_not_readable_without_a_signature(s3, staff_client, partner, s3_endpoint):
    staff_client.post(reverse("documents:create", args=["partner", partner.slug]), document_data())
    (key,) = objects(s3)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{s3_endpoint[0]}/{BUCKET}/{key}")
    assert refused.value.code == 403


def test_no_signed_url_for_someone_who_may_not_see_the_file(s3, staff_client, partner, other_delegate_client):
    staff_client.post(reverse("documents:create", args=["partner", partner.slug]), document_data(tier="partner"))
    attachment = Attachment.objects.get()
    assert other_delegate_client.get(reverse("documents:download", args=[attachment.uuid])).status_code == 404


def test_a_refused_upload_leaves_no_object(s3, staff_client, partner):
    response = staff_client.post(
        reverse("documents:create", args=["partner", partner.slug]), document_data(upload=upload("x.pdf", ELF))
    )
    assert response.status_code == 200
    assert not objects(s3) and not Attachment.objects.exists()
