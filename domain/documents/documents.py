"""``CaseDocuments``: the documents kept for one case, each a numbered list of versions.

A new upload of a document is its next version; every version stays downloadable. Events
carry what the audit chain must prove (digest, size, media type, version number) in clear
inside the tenant's encrypted store, and the title and file name only sealed with the case key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.choices import choose
from domain.errors import (
    DuplicateError,
    InvalidTransitionError,
    InvalidValueError,
    NotFoundError,
)
from domain.recording import CaseRecord

MAX_DOCUMENTS = 500
MAX_VERSIONS = 100


class DocumentKind(StrEnum):
    OVERVIEW_REPORT_DRAFT = "overview_report_draft"
    EXECUTIVE_SUMMARY = "executive_summary"
    QA_LETTER = "qa_letter"
    IMR = "imr"
    ACTION_EVIDENCE = "action_evidence"
    OTHER = "other"


@dataclass(frozen=True)
class SealedFile:
    """What a new version records of its file: digest, size and media type in clear for the
    audit chain, the name only sealed. One value, so a command cannot take one of its three
    strings for another."""

    sha256: str
    size: int
    media_type: str
    sealed_name: str


@dataclass(frozen=True)
class Version:
    number: int
    sha256: str
    size: int
    media_type: str
    sealed_name: str
    added_on: date
    event_version: int  # the aggregate version of the event that carries this digest


@dataclass(frozen=True)
class Document:
    number: int
    kind: DocumentKind
    sealed_title: str
    action_id: UUID | None
    versions: tuple[Version, ...] = ()
    agency: str | None = None  # an agency's own upload: its IMR's agency, as recorded

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    def version(self, number: int) -> Version:
        for v in self.versions:
            if v.number == number:
                return v
        raise NotFoundError(f"Document {self.number} has no version {number}.")


class CaseDocuments(CaseRecord):
    KIND = "documents"

    @event("Opened")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = UUID(str(review_id))
        self.documents: dict[int, Document] = {}

    def document(self, number: int) -> Document:
        found = self.documents.get(number) if isinstance(number, int) else None
        if found is None:
            raise NotFoundError(f"This case has no document {number}.")
        return found

    def add(
        self,
        kind: object,
        sealed_title: str,
        action_id: UUID | None,
        file: SealedFile,
        added_on: date,
        agency: str | None = None,
    ) -> int:
        """A new document and its first version; evidence names the action it is evidence for,
        and an agency's own upload (its IMR report) the agency its IMR was asked of."""
        kind = choose(DocumentKind, str(kind), "A document is one of: {allowed}.")
        if (kind == DocumentKind.ACTION_EVIDENCE) != (action_id is not None):
            raise InvalidValueError(
                "Evidence for an action names the action (action_id), and only evidence does."
            )
        if agency is not None and (kind != DocumentKind.IMR or not agency.strip()):
            raise InvalidValueError("An agency uploads only its IMR report, named by its agency.")
        if not sealed_title:
            raise InvalidValueError("A document's title must be sealed before it is recorded.")
        if len(self.documents) >= MAX_DOCUMENTS:
            raise InvalidValueError(f"A case keeps at most {MAX_DOCUMENTS} documents.")
        number = len(self.documents) + 1
        self._added(number, kind, sealed_title, action_id, agency)
        self._add_file(number, 1, file, added_on)
        return number

    def add_version(
        self, number: int, file: SealedFile, added_on: date, agency: str | None = None
    ) -> int:
        """The next version; the same file as the latest version again is refused. An agency's
        own upload is revised only by that agency (``agency``, as its document names it), so
        what it lists and downloads as its own stays its own."""
        document = self.document(number)
        if document.agency != agency:
            raise InvalidTransitionError(
                "This is an agency's own IMR report: only the agency uploads new versions of "
                "it. Upload your file as a new document instead."
                if document.agency
                else f"This case has no document {number} of your agency."
            )
        if document.latest.sha256 == file.sha256:
            raise DuplicateError(
                f"This file is the same as version {document.latest.number} of document "
                f"{number}; nothing was added."
            )
        if len(document.versions) >= MAX_VERSIONS:
            raise InvalidValueError(f"A document keeps at most {MAX_VERSIONS} versions.")
        version = document.latest.number + 1
        self._add_file(number, version, file, added_on)
        return version

    def _add_file(self, number: int, version: int, file: SealedFile, added_on: date) -> None:
        """The event keeps the file's facts as fields, as stored events always have."""
        self._versioned(
            number, version, file.sha256, file.size, file.media_type, file.sealed_name, added_on
        )

    @event("DocumentAdded")
    def _added(
        self,
        number: int,
        kind: str,
        sealed_title: str,
        action_id: UUID | None,
        agency: str | None = None,
    ) -> None:
        # ``agency`` defaults so that documents stored before agencies uploaded still replay
        self.documents[number] = Document(
            number,
            DocumentKind(kind),
            sealed_title,
            UUID(str(action_id)) if action_id else None,
            agency=agency,
        )

    @event("VersionAdded")
    def _versioned(
        self,
        number: int,
        version: int,
        sha256: str,
        size: int,
        media_type: str,
        sealed_name: str,
        added_on: date,
    ) -> None:
        document = self.documents[number]
        added = Version(version, sha256, size, media_type, sealed_name, added_on, self.version + 1)
        self.documents[number] = replace(document, versions=(*document.versions, added))

    def versions_with(self, sha256: str) -> list[tuple[Document, Version]]:
        return [(d, v) for d in self.documents.values() for v in d.versions if v.sha256 == sha256]
