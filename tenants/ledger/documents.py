"""A case's documents (``ledger.documents``): upload (a new document or its next version), list, download.

The file is checked (type by its first bytes, size), sealed with the case key and then with the
tenant's current data key (as vault entries are) and kept in the tenant's own store
(``adapters/document_files.py``) before the event naming its digest is saved; a refusal stores
nothing. Title and file name are sealed with the case key, so erasing the case's personal
details makes titles, names and files unreadable while the digests stay provable in the audit
chain; nothing more can be kept for an erased case. A download opens the file and checks it
still has the digest its event carries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from adapters.crypto.errors import KeyMissingError
from adapters.crypto.sealed import key_number, open_sealed, seal
from adapters.document_files import DocumentFiles
from domain.documents import CaseDocuments, Checked, Document, SealedFile, Version, check_file
from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.reviews.checks import check_text
from tenants.application import LedgerApplication
from tenants.ledger.actions import Actions
from tenants.ledger.reviews import Reviews
from tenants.ledger.service import Service
from tenants.ledger.vault import Vault

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_TITLE = 200


@dataclass(frozen=True)
class VersionInfo:
    number: int
    sha256: str
    size: int
    media_type: str
    filename: str | None  # None once the case's personal details are erased
    added_on: date


@dataclass(frozen=True)
class DocumentInfo:
    number: int
    kind: str
    title: str | None  # None once the case's personal details are erased
    action_id: UUID | None
    versions: tuple[VersionInfo, ...]
    record_version: int  # of the case's documents record, for If-Match
    agency: str | None = None  # an agency's own upload (its IMR report): its IMR's agency


@dataclass(frozen=True)
class DigestFound:
    review_id: UUID
    reference: str
    document: int
    version: int
    originator_id: UUID
    originator_version: int


class Documents(Service):
    def __init__(
        self, app: LedgerApplication, reviews: Reviews, actions: Actions, vault: Vault
    ) -> None:
        super().__init__(app)
        self.reviews, self.actions, self.vault = reviews, actions, vault
        self._document_files: DocumentFiles | None = None

    def files(self) -> DocumentFiles:
        if self._document_files is None:
            self._document_files = DocumentFiles(self.app.recorder.datastore)  # type: ignore[attr-defined]
        return self._document_files

    def _documents(self, review_id: UUID) -> CaseDocuments | None:
        return self.find(CaseDocuments.create_id(review_id), CaseDocuments)

    def add(
        self,
        review_id: UUID,
        kind: str,
        title: str,
        filename: str,
        content: bytes,
        today: date,
        max_bytes: int = DEFAULT_MAX_BYTES,
        action_id: UUID | None = None,
        agency: str | None = None,
    ) -> int:
        """A new document of the case (or evidence for one of its actions, or an agency's IMR
        report, ``agency`` naming its IMR as recorded), version 1."""
        self.reviews.get(review_id)
        if action_id is not None and self.actions.get(action_id).review_id != review_id:
            raise NotFoundError(f"Case {review_id} has no action {action_id}.")
        text = check_text(title, "document's title", MAX_TITLE)
        checked = check_file(content, filename, max_bytes)
        self._refuse_if_erased(review_id)
        documents = self._documents(review_id) or CaseDocuments(review_id=review_id)
        sealed_title = self.vault.keys().encrypt(review_id, text.encode())
        file = self._sealed(review_id, checked)
        number = documents.add(kind, sealed_title, action_id, file, today, agency)
        self._keep_and_save(documents, number, checked.sha256, content)
        return number

    def add_version(
        self,
        review_id: UUID,
        number: int,
        filename: str,
        content: bytes,
        today: date,
        max_bytes: int = DEFAULT_MAX_BYTES,
        agency: str | None = None,
    ) -> int:
        """The next version of a document; earlier versions stay downloadable. ``agency``: the
        agency revising its own upload (``AgencyWork``)."""
        self.reviews.get(review_id)
        documents = self._documents(review_id)
        if documents is None:
            raise NotFoundError(f"This case has no document {number}.")
        documents.document(number)
        checked = check_file(content, filename, max_bytes)
        self._refuse_if_erased(review_id)
        version = documents.add_version(number, self._sealed(review_id, checked), today, agency)
        self._keep_and_save(documents, number, checked.sha256, content)
        return version

    def _sealed(self, review_id: UUID, checked: Checked) -> SealedFile:
        """The checked file as its event records it: the name sealed with the case key."""
        name = self.vault.keys().encrypt(review_id, checked.filename.encode())
        return SealedFile(checked.sha256, checked.size, checked.media_type, name)

    def of_case(self, review_id: UUID) -> list[DocumentInfo]:
        self.reviews.get(review_id)
        documents = self._documents(review_id)
        if documents is None:
            return []
        erased = self.vault.is_erased(review_id)
        return [
            self._info(review_id, d, documents.version, erased)
            for d in documents.documents.values()
        ]

    def get(self, review_id: UUID, number: int) -> DocumentInfo:
        self.reviews.get(review_id)
        documents = self._documents(review_id)
        if documents is None:
            raise NotFoundError(f"This case has no document {number}.")
        found = documents.document(number)
        return self._info(review_id, found, documents.version, self.vault.is_erased(review_id))

    def file(self, review_id: UUID, number: int, version: int) -> tuple[VersionInfo, bytes]:
        """The version's bytes, opened and checked against the digest its event carries."""
        document = self.get(review_id, number)
        info = next((v for v in document.versions if v.number == version), None)
        if info is None:
            raise NotFoundError(f"Document {number} has no version {version}.")
        sealed = self.files().get(_file_key(review_id, number), info.sha256)
        if sealed is None:
            raise KeyMissingError(
                f"The file of document {number} version {version} is missing from this "
                "tenant's store; restore the tenant from its latest backup."
            )
        if self.vault.is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased, and its documents' files with them; "
                "their digests stay in the audit trail."
            )
        keys = self.vault.keys()
        aad = _aad(review_id, number, info.sha256)
        case_key = keys.keyring.case_key(keys.area, str(review_id))
        if case_key is None:
            raise KeyMissingError(
                "This case's key is missing although its personal details were never erased; "
                "restore platform_keys from the latest backup."
            )
        try:
            inner = open_sealed(keys.keyring.key(keys.area, key_number(sealed)), sealed, aad)
            content = open_sealed(case_key, inner, aad)
        except ValueError:
            content = b""  # failed its integrity check: refused below like any other change
        if hashlib.sha256(content).hexdigest() != info.sha256:
            raise KeyMissingError(
                f"Document {number} version {version} no longer has the digest its event "
                "records; it was altered. Restore the tenant from a backup and investigate."
            )
        return info, content

    def with_digest(self, sha256: str) -> list[DigestFound]:
        """Every document version of this tenant whose event carries ``sha256``."""
        if not isinstance(sha256, str) or len(sha256) != 64 or not _is_hex(sha256):
            raise InvalidValueError("A SHA-256 digest is 64 hexadecimal characters.")
        found = []
        for review in self.reviews.all():
            documents = self._documents(review.id)
            if documents is None:
                continue
            for d, v in documents.versions_with(sha256.lower()):
                found.append(
                    DigestFound(
                        review.id,
                        review.reference,
                        d.number,
                        v.number,
                        documents.id,
                        v.event_version,
                    )
                )
        return found

    def _keep_and_save(
        self, documents: CaseDocuments, number: int, sha256: str, content: bytes
    ) -> None:
        """The file kept, then the event naming it saved; if the save is refused (another
        upload took the record's version first) the file this call kept is removed again,
        so a refusal stores nothing. Unless the upload that won recorded the very same bytes
        in the same place (a retry racing its first try, as an Idempotency-Key's retry does):
        its ``put`` found this call's row and kept none of its own, so its event names this
        file and removing it would lose the file of a recorded version."""
        review_id = documents.review_id
        key = _file_key(review_id, number)
        kept = self.files().put(key, sha256, self._sealed_bytes(review_id, number, sha256, content))
        try:
            self.save(documents)
        except BaseException:
            if kept and not self._recorded(review_id, number, sha256):
                self.files().discard(key, sha256)
            raise

    def _recorded(self, review_id: UUID, number: int, sha256: str) -> bool:
        """Whether a saved event of the case's documents names this file of ``number``."""
        try:  # read from the store, not through ``_documents``: what is saved now
            saved = self.find(CaseDocuments.create_id(review_id), CaseDocuments)
        except Exception:  # the store failed the save too: keep the old rule
            return False
        found = saved.documents.get(number) if saved is not None else None
        return found is not None and any(v.sha256 == sha256 for v in found.versions)

    def _sealed_bytes(self, review_id: UUID, number: int, sha256: str, content: bytes) -> bytes:
        """Sealed twice, as vault entries are: with the case key (destroyed on erasure), then
        with the tenant's current data key."""
        keys = self.vault.keys()
        aad = _aad(review_id, number, sha256)
        case_key = keys.keyring.case_key(keys.area, str(review_id), create=True)
        assert case_key is not None  # create=True makes one
        key_no, aead = keys.keyring.current(keys.area)
        return seal(aead, key_no, seal(case_key, 1, content, aad), aad)

    def _refuse_if_erased(self, review_id: UUID) -> None:
        if self.vault.is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no documents can be kept for it."
            )

    def _info(
        self, review_id: UUID, d: Document, record_version: int, erased: bool
    ) -> DocumentInfo:
        return DocumentInfo(
            d.number,
            str(d.kind),
            None if erased else self._open_text(review_id, d.sealed_title),
            d.action_id,
            tuple(self._version_info(review_id, v, erased) for v in d.versions),
            record_version,
            d.agency,
        )

    def _version_info(self, review_id: UUID, v: Version, erased: bool) -> VersionInfo:
        name = None if erased else self._open_text(review_id, v.sealed_name)
        return VersionInfo(v.number, v.sha256, v.size, v.media_type, name, v.added_on)

    def _open_text(self, review_id: UUID, sealed: str) -> str:
        plain = self.vault.keys().decrypt(review_id, sealed)
        if plain is None:
            raise KeyMissingError(
                "This case's key is missing although its personal details were never erased; "
                "restore platform_keys from the latest backup."
            )
        return plain.decode()


def _file_key(review_id: UUID, number: int) -> str:
    return f"{review_id}:{number}"


def _aad(review_id: UUID, number: int, sha256: str) -> bytes:
    """Binds a sealed file to its document and digest (not to the store's name, so a restore
    under another slug still opens it)."""
    return f"document:{review_id}:{number}:{sha256}".encode()


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)
