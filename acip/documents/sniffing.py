"""What an uploaded file is, judged by its content (magic bytes), never by its name.

A small explicit check of our own rather than python-magic: that one needs the C library libmagic on every machine
(a Debian package, in the image too) and answers for thousands of types, where we accept a dozen. Each accepted
type is recognised by its signature and, for the containers (OOXML zip files, OLE2 compound files), by what is
inside: a zip or an OLE2 file that is not a Word, Excel or PowerPoint document (an installer, a Java archive, a
macro-enabled document) is refused. A file's name must then end with an extension of the type found, so that it
opens in the program its name promises.
"""

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", (".pdf",))
PNG = FileType("image/png", (".png",))
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"))
GIF = FileType("image/gif", (".gif",))
WEBP = FileType("image/webp", (".webp",))
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
DOC = FileType("application/msword", (".doc",))
XLS = FileType("application/vnd.ms-excel", (".xls",))
PPT = FileType("application/vnd.ms-powerpoint", (".ppt",))
CSV = FileType("text/csv", (".csv",))
TXT = FileType("text/plain", (".txt",))

# The main part's content type in [Content_Types].xml of each OOXML document (ECMA-376 part 2).
OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
# The stream that each Office 97-2003 format keeps its document in, as an OLE2 directory entry names it (UTF-16LE).
OLE2_STREAMS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# [Content_Types].xml is a few kilobytes; anything far larger is not an Office document (or is a zip bomb).
CONTENT_TYPES_LIMIT = 1024 * 1024


def sniff(data: bytes) -> FileType | None:
    """The accepted type whose content `data` is, or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    if data.startswith(OLE2_MAGIC):
        return _ole2(data)
    return TXT if _is_text(data) else None


def type_for(data: bytes, name: str) -> FileType | None:
    """The type of `data`, with text told apart as CSV or plain text by the name (the content cannot tell)."""
    found = sniff(data)
    if found is TXT and name.lower().endswith(".csv"):
        return CSV
    return found


def _ooxml(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_LIMIT:
                return None
            content_types = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, NotImplementedError):
        return None
    found = [file_type for main, file_type in OOXML_MAIN.items() if main in content_types]
    return found[0] if len(found) == 1 else None


def _ole2(data: bytes) -> FileType | None:
    # The directory's entry names are UTF-16LE strings of the file; an installer (.msi) or another compound file
    # names none of the Office streams.
    found = {OLE2_STREAMS[name] for name in OLE2_STREAMS if name.encode("utf-16-le") + b"\x00\x00" in data}
    return found.pop() if len(found) == 1 else None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
