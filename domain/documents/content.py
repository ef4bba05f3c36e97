"""What a document file may be: a few office and image types, recognised by their first bytes.

The name's extension must agree with the content, so a renamed executable or an HTML page
called ``report.pdf`` is refused; office files (DOCX, XLSX, ODT) are ZIP archives told apart
by the parts they name, read from the archive's directory without decompressing anything.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from domain.errors import InvalidValueError
from domain.texts import required_text

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

BY_EXTENSION = {
    "pdf": PDF,
    "docx": DOCX,
    "xlsx": XLSX,
    "odt": ODT,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "txt": TEXT,
}
NAMES = {
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    ODT: "OpenDocument text (ODT)",
    PNG: "PNG image",
    JPEG: "JPEG image",
    TEXT: "plain text",
}
ALLOWED = "PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text (.txt)"
MAX_NAME = 200


@dataclass(frozen=True)
class Checked:
    media_type: str
    size: int
    sha256: str
    filename: str


def check_file(content: object, filename: object, max_bytes: int) -> Checked:
    """Refuse an empty, oversized, mistyped or unrecognised file before anything is stored."""
    named = "Give the file's name, ending in its type (for example .pdf)."
    if not isinstance(filename, str):
        raise InvalidValueError(named)
    name = required_text(filename, named).replace("\\", "/").rsplit("/", 1)[-1][:MAX_NAME]
    if not isinstance(content, bytes) or not content:
        raise InvalidValueError("The file is empty; choose the document again.")
    if len(content) > max_bytes:
        raise InvalidValueError(
            f"The file is {file_size(len(content))}; a document may be at most {file_size(max_bytes)}. "
            "Reduce it (for example save the PDF at a lower image quality) or split it."
        )
    extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    declared = BY_EXTENSION.get(extension)
    if declared is None:
        raise InvalidValueError(f"Documents must be {ALLOWED}; '.{extension}' is not one of them.")
    found = sniff(content)
    if found is None:
        raise InvalidValueError(
            f"The file's content is not {NAMES[declared]} although its name ends .{extension}; "
            f"documents must be {ALLOWED}."
        )
    if found != declared:
        raise InvalidValueError(
            f"The file's name ends .{extension} but its content is {NAMES[found]}; "
            "rename it to match, or choose the right file."
        )
    return Checked(found, len(content), hashlib.sha256(content).hexdigest(), name)


def sniff(content: bytes) -> str | None:
    """The media type the first bytes (and, for ZIP, the archive's parts) say, if allowed."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    return TEXT if _is_text(content) else None


def _office(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            small = "mimetype" in names and archive.getinfo("mimetype").file_size < 100
            if small and archive.read("mimetype").strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, KeyError, ValueError, NotImplementedError):
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    return None


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def file_size(n: int) -> str:
    """A file's size as people read it ("245 KB", "1.4 MB"), never in bytes."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
