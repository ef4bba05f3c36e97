"""Proving a document against the audit chain, for an auditor: which event carries the file's
SHA-256 digest, and that the chain over the tenant's stored events verifies up to a seal.

An auditor sends the file (only its digest is used; nothing is stored), the digest itself, or
names a stored version, whose file is opened and digested here. No title or content is
answered, so the auditor needs no personal-data permission.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from api.context import platform, requires, tenant_ledger
from api.documents_upload import uploaded
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query
from api.resources.uploads import file_part, multipart
from api.schemas.documents import DigestProofOut, DocumentDownloadOut
from api.schemas.history import ReadsQueryIn
from domain.calendar import uk_today
from tenants.document_proof import digest_of, prove_digest
from tenants.users.document_reads import document_downloads

blp = api_blueprint(
    "document-proofs",
    "/tenants/<tenant>",
    "Documents for auditors: a digest proven against the chain, the download log",
)
UPLOAD = multipart(file=file_part("the file to prove; only its digest is used"))


@blp.route("/document-proofs", methods=["POST"])
@blp.doc(**UPLOAD)
@blp.response(200, DigestProofOut)
@requires(Permission.HISTORY)
def prove_file(tenant: str) -> Any:
    """Which event carries this file's digest, and whether the chain verifies."""
    content, _ = uploaded()
    return prove_digest(platform(), tenant, digest_of(content))


@query(blp, "/document-proofs/<sha256>", DigestProofOut, Permission.HISTORY)
def prove_sha256(tenant: str, sha256: str) -> Any:
    """The same, given the file's SHA-256 digest (hex) instead of the file."""
    return prove_digest(platform(), tenant, sha256.lower())


@blp.route(
    "/reviews/<uuid:review>/documents/<int:number>/versions/<int:version>/proof", methods=["GET"]
)
@blp.response(200, DigestProofOut)
@requires(Permission.HISTORY)
def prove_stored(tenant: str, review: UUID, number: int, version: int) -> Any:
    """The stored file of a version, digested afresh (it must match its event) and proven."""
    with tenant_ledger(tenant, writing=False) as ledger:
        _, content = ledger.documents.file(review, number, version)
    return prove_digest(platform(), tenant, digest_of(content))


@query(
    blp,
    "/audit/document-downloads",
    DocumentDownloadOut(many=True),
    Permission.AUDIT_LOG,
    args=ReadsQueryIn,
)
def downloads(args: dict[str, Any], tenant: str) -> Any:
    """Every download of this tenant's documents in the span: who, when, which version."""
    until = args["until"] or uk_today()
    since = args["since"] or until - timedelta(days=6)
    region = platform().registry.recent_tenant(tenant).region  # its agencies may download
    return document_downloads(platform().access, tenant, since, until, region)
