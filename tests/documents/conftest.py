"""Files of every accepted kind and of refused ones, made in memory, and a multipart body whose file name is sent
exactly as given (Django's test client keeps only the last part of a name)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

# The partners' personas: staff, the administration's delegate, another's, a donor viewer funding it and one not.
from tests.partners.conftest import (  # noqa: F401 (fixtures)
    delegate_client,
    delegate_user,
    donor,
    donor_client,
    other_delegate_client,
    other_donor_client,
    other_partner,
    partner,
    staff_client,
    staff_user,
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
BOUNDARY = "acipboundary"


def ooxml(main: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
DOCM = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")


def upload(name="report.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def document_data(**fields):
    """The fields of the upload form (prefix "document"), with a file (`upload=`)."""
    file = fields.pop("upload", None)
    data = {"title": "Scoping mission report", "kind": "mission_report", "dated_on": "2025-03-01", "tier": "staff"}
    data.update(fields)
    data = {f"document-{name}": value for name, value in data.items()}
    data["document-upload"] = file if file is not None else upload()
    return data


def raw_multipart(fields: dict, filename: str, content: bytes) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="document-upload"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def empty_media():
    for path in stored_files():
        path.unlink()
