"""The content check by itself: each accepted signature, and the containers told apart by what is inside."""

import pytest

from acip.documents import sniffing
from tests.documents.conftest import DOCM, DOCX, ELF, MZ, PDF, ooxml

OLE2 = sniffing.OLE2_MAGIC + b"\x00" * 100


def ole2_with(stream: str) -> bytes:
    return OLE2 + stream.encode("utf-16-le") + b"\x00\x00" + b"\x00" * 40


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (PDF, "a.pdf", sniffing.PDF),
        (b"\x89PNG\r\n\x1a\n....", "a.png", sniffing.PNG),
        (b"\xff\xd8\xff\xe0....", "a.jpg", sniffing.JPEG),
        (b"GIF89a....", "a.gif", sniffing.GIF),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "a.webp", sniffing.WEBP),
        (DOCX, "a.docx", sniffing.DOCX),
        (ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), "a.xlsx", sniffing.XLSX),
        (ole2_with("WordDocument"), "a.doc", sniffing.DOC),
        (ole2_with("Workbook"), "a.xls", sniffing.XLS),
        (ole2_with("PowerPoint Document"), "a.ppt", sniffing.PPT),
        (b"a;b\n1;2\n", "a.csv", sniffing.CSV),
        ("Compte rendu de la mission à Accra\n".encode(), "a.txt", sniffing.TXT),
    ],
)
def test_accepted_types(data, name, expected):
    assert sniffing.type_for(data, name) is expected


@pytest.mark.parametrize(
    "data",
    [ELF, MZ, DOCM, OLE2, b"PK\x03\x04 not a zip", "latin-1 caf\xe9".encode("latin-1"), b"text\x00with a NUL"],
    ids=["elf", "mz", "macro-docm", "ole2-msi-like", "broken-zip", "not-utf8", "nul"],
)
def test_refused_content(data):
    assert sniffing.sniff(data) is None
