"""What a document file may be, and how a case's documents number their versions: in memory."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain.documents import CaseDocuments, SealedFile, check_file
from domain.documents.content import DOCX, JPEG, ODT, PDF, PNG, TEXT, XLSX, sniff
from domain.errors import (
    DuplicateError,
    InvalidTransitionError,
    InvalidValueError,
    NotFoundError,
)


def zipped(*names: str, mimetype: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        if mimetype:
            z.writestr("mimetype", mimetype)
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def test_types_are_told_by_their_first_bytes_and_office_parts() -> None:
    assert sniff(b"%PDF-1.7 ...") == PDF
    assert sniff(b"\x89PNG\r\n\x1a\n....") == PNG
    assert sniff(b"\xff\xd8\xff\xe0....") == JPEG
    assert sniff(zipped("[Content_Types].xml", "word/document.xml")) == DOCX
    assert sniff(zipped("[Content_Types].xml", "xl/workbook.xml")) == XLSX
    assert sniff(zipped("content.xml", mimetype=ODT)) == ODT
    assert sniff("Plain notes, with a tab\tand £".encode()) == TEXT
    assert sniff(zipped("evil.exe")) is None
    assert sniff(b"MZ\x90\x00binary\x00\x01") is None
    assert sniff(b"\xff\xfe not utf-8") is None


def test_a_file_is_refused_when_its_name_and_content_disagree_or_it_is_too_big() -> None:
    checked = check_file(b"%PDF-1.4 body", "C:\\Users\\me\\Report.PDF", 100)
    assert checked.media_type == PDF and checked.filename == "Report.PDF" and checked.size == 13
    for content, name, words in (
        (b"%PDF-1.4", "report.docx", "content is PDF"),
        (b"%PDF-1.4", "report", "'.' is not one of them"),
        (b"x" * 101, "big.txt", "at most"),
        (b"", "empty.txt", "empty"),
        (b"%PDF", "", "name"),
    ):
        with pytest.raises(InvalidValueError, match=words):
            check_file(content, name, 100)


def test_versions_number_on_and_the_same_file_twice_is_refused() -> None:
    docs = CaseDocuments(review_id=uuid4())
    day = date(2024, 6, 1)
    number = docs.add(
        "qa_letter", "sealed-title", None, SealedFile("a" * 64, 10, TEXT, "sealed-name"), day
    )
    assert docs.add_version(number, SealedFile("b" * 64, 12, TEXT, "sealed-name-2"), day) == 2
    with pytest.raises(DuplicateError):
        docs.add_version(number, SealedFile("b" * 64, 12, TEXT, "n"), day)
    assert (
        docs.add_version(number, SealedFile("a" * 64, 10, TEXT, "n"), day) == 3
    )  # back to the first
    assert [v.number for v in docs.document(number).versions] == [1, 2, 3]
    assert [v.event_version for v in docs.document(number).versions] == [3, 4, 5]
    with pytest.raises(NotFoundError):
        docs.add_version(9, SealedFile("c" * 64, 1, TEXT, "n"), day)
    with pytest.raises(InvalidValueError, match="names the action"):
        docs.add("action_evidence", "t", None, SealedFile("c" * 64, 1, TEXT, "n"), day)
    with pytest.raises(InvalidValueError, match="names the action"):
        docs.add("qa_letter", "t", uuid4(), SealedFile("c" * 64, 1, TEXT, "n"), day)


def test_an_agencys_upload_is_its_imr_report_and_only_the_agency_revises_it() -> None:
    """An agency's own upload names its IMR's agency, so its pages list and open only its
    own; a new version by anyone else would be listed as the agency's."""
    docs = CaseDocuments(review_id=uuid4())
    day = date(2024, 6, 1)
    with pytest.raises(InvalidValueError, match="only its IMR report"):
        docs.add("qa_letter", "t", None, SealedFile("a" * 64, 1, PDF, "n"), day, "mid-police")
    number = docs.add("imr", "t", None, SealedFile("a" * 64, 1, PDF, "n"), day, "mid-police")
    assert docs.document(number).agency == "mid-police"
    for someone_else in (None, "mid-health"):
        with pytest.raises(InvalidTransitionError, match="only the agency uploads new versions"):
            docs.add_version(number, SealedFile("b" * 64, 1, PDF, "n"), day, someone_else)
    assert docs.add_version(number, SealedFile("b" * 64, 1, PDF, "n"), day, "mid-police") == 2
    own = docs.add("other", "t", None, SealedFile("c" * 64, 1, PDF, "n"), day)
    with pytest.raises(InvalidTransitionError, match="no document 2 of your agency"):
        docs.add_version(own, SealedFile("d" * 64, 1, PDF, "n"), day, "mid-police")


def test_a_document_stored_before_agencies_uploaded_still_loads() -> None:
    """Events already stored carry no ``agency``: replay reads them as the partnership's."""
    docs = CaseDocuments(review_id=uuid4())
    docs.add("qa_letter", "t", None, SealedFile("a" * 64, 1, PDF, "n"), date(2024, 6, 1))
    copy: Any = None
    for stored in docs.collect_events():
        stored.__dict__.pop("agency", None)  # as a DocumentAdded stored before the field
        copy = stored.mutate(copy)
    assert copy.document(1).agency is None and copy.document(1).kind == "qa_letter"
