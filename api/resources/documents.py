"""A case's documents over HTTP: upload (multipart), versions, downloads (each one logged).

Titles and file names may name people, so listing and downloading need the personal-data
permission, and every download is written to the reader's read log (the address names the
document and version) before the file is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from flask import request
from marshmallow import ValidationError

from api.concurrency import IDEMPOTENCY_DOC
from api.context import requires, tenant_ledger
from api.documents_upload import max_bytes, send_version, uploaded, uploaded_once
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.downloads import file_answer
from api.resources.reads import query, read_logged
from api.resources.uploads import file_part, multipart
from api.schemas.documents import DocumentFormIn, DocumentOut
from domain.calendar import uk_today
from domain.documents import CaseDocuments
from domain.errors import InvalidValueError

blp = api_blueprint(
    "documents",
    "/tenants/<tenant>/reviews/<uuid:review>/documents",
    "A case's documents: files sealed outside the events, digests in them",
)
FILE = file_part(
    "PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text; its first bytes must match its name's type"
)
KINDS = [
    "overview_report_draft",
    "executive_summary",
    "qa_letter",
    "imr",
    "action_evidence",
    "other",
]
ONCE = {"parameters": [IDEMPOTENCY_DOC]}
NEW = ONCE | multipart(
    ("file", "kind", "title"),
    file=FILE,
    kind={"type": "string", "enum": KINDS},
    title={"type": "string", "maxLength": 200},
    action_id={
        "type": "string",
        "format": "uuid",
        "description": "for evidence: the action of this case it supports",
    },
)
NEXT = ONCE | multipart(file=FILE)
FILE_OUT = file_answer("the version's file, as uploaded", "application/octet-stream")


def _form() -> dict[str, Any]:
    try:
        return DocumentFormIn().load({k: v for k, v in request.form.items()})
    except ValidationError as refused:
        fields = "; ".join(
            f"{k}: {' '.join(map(str, v))}" for k, v in refused.messages_dict.items()
        )
        raise InvalidValueError(f"The upload's fields are not right: {fields}") from None


@query(blp, "", DocumentOut(many=True), Permission.PERSONAL_DATA)
def listing(tenant: str, review: UUID) -> Any:
    """Every document of the case with its versions; the read is logged."""
    return read_logged(tenant, lambda ledger: ledger.documents.of_case(review))


@blp.route("", methods=["POST"])
@blp.doc(**NEW)
@blp.response(201, DocumentOut)
@requires(Permission.CASE_RECORD)
def add(tenant: str, review: UUID) -> Any:
    """Upload a new document (version 1); a refused file stores nothing. A retry with the
    same Idempotency-Key stores nothing more and answers the document the first one added."""
    content, name = uploaded()
    form = _form()
    with tenant_ledger(tenant) as ledger:
        number = uploaded_once(
            ledger,
            f"documents:{review}",
            (content, name),
            request.form,
            lambda: ledger.documents.add(
                review,
                form["kind"].value,
                form["title"],
                name,
                content,
                uk_today(),
                max_bytes(),
                form["action_id"],
            ),
            "Document",
            _newest_document,
        )
        return ledger.documents.get(review, int(number))


def _newest_document(saved: Sequence[Any]) -> list[tuple[str, str]]:
    """The document an upload added: the highest number in the case's documents saved, as
    documents are numbered in order."""
    return [("Document", str(max(o.documents))) for o in saved if isinstance(o, CaseDocuments)]


@query(blp, "/<int:number>", DocumentOut, Permission.PERSONAL_DATA)
def one(tenant: str, review: UUID, number: int) -> Any:
    """One document and its versions; the read is logged."""
    return read_logged(tenant, lambda ledger: ledger.documents.get(review, number))


@blp.route("/<int:number>/versions", methods=["POST"])
@blp.doc(**NEXT)
@blp.response(201, DocumentOut)
@requires(Permission.CASE_RECORD)
def add_version(tenant: str, review: UUID, number: int) -> Any:
    """Upload the next version of a document; earlier versions stay downloadable. A retry
    with the same Idempotency-Key stores nothing more and answers the document as it stands."""
    content, name = uploaded()
    with tenant_ledger(tenant) as ledger:
        uploaded_once(
            ledger,
            f"documents:{review}",
            (content, name),
            request.form,
            lambda: ledger.documents.add_version(
                review, number, name, content, uk_today(), max_bytes()
            ),
        )
        return ledger.documents.get(review, number)


@blp.route("/<int:number>/versions/<int:version>", methods=["GET"])
@blp.doc(**FILE_OUT)
@requires(Permission.PERSONAL_DATA)
def download(tenant: str, review: UUID, number: int, version: int) -> Any:
    """The version's file, checked against its digest; the download is logged first."""
    return send_version(tenant, review, number, version, digest=True)
