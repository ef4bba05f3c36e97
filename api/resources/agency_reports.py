"""An agency's IMR report over HTTP, as on its IMR page: upload it (and each revised version),
list its own uploads, download them. The routes join ``agency_work``'s blueprint.

An agency's system sends its report as the officers' documents API takes a file (the same
multipart field, accepted types, size limit and problem responses, nothing stored on a
refusal), so an integrator learns one way to send a file. ``AgencyWork`` answers only the
agency's own uploads to a case it was asked for an IMR on: the case's other documents, another
agency's report and a case it was not asked on are all "not found". File names may name
people, so every read is logged in the reader's read log as the officers' reads are, and a
download's address names the case, document and version so the tenant's document-downloads
audit lists it beside the officers' downloads.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request

from api.concurrency import IDEMPOTENCY_DOC
from api.context import requires
from api.documents_upload import max_bytes, sent, uploaded, uploaded_once
from api.policy import Permission
from api.resources.agency_work import TENANT, agency_work, blp
from api.resources.documents import FILE, FILE_OUT
from api.resources.reads import logged_read, query
from api.resources.uploads import multipart
from api.schemas.documents import DocumentOut
from domain.calendar import uk_today
from domain.errors import NotFoundError
from tenants.ledger.agency_work import HIDDEN

REPORTS = TENANT + "/reviews/<uuid:review>/imr-reports"
UPLOAD = {"parameters": [IDEMPOTENCY_DOC]} | multipart(file=FILE)


@query(blp, REPORTS, DocumentOut(many=True), Permission.AGENCY_WORK)
def imr_reports(tenant: str, review: UUID) -> Any:
    """The agency's own uploads for its IMR on this case; the read is logged.

    Each with its versions; nothing else of the case's documents."""
    with agency_work(tenant, writing=False) as work:
        found = work.reports(review, uk_today())
    logged_read(tenant)
    return found


@blp.route(REPORTS, methods=["POST"])
@blp.doc(**UPLOAD)
@blp.response(201, DocumentOut)
@requires(Permission.AGENCY_WORK)
def upload_imr_report(tenant: str, review: UUID) -> Any:
    """Upload the agency's IMR report, or its next version; a refused file stores nothing.

    The first upload is version 1; each later one (the report revised after the panel returned
    it) its next version. A file the same as the last version is refused too. A retry with
    the same Idempotency-Key stores nothing more and answers the agency's upload as it stands."""
    content, name = uploaded()
    today = uk_today()
    with agency_work(tenant) as work:
        uploaded_once(
            work.ledger,
            f"imr-reports:{review}",
            (content, name),
            request.form,
            lambda: work.attach_report(review, name, content, today, max_bytes()),
        )
        (mine,) = work.reports(review, today)  # the one document ``attach_report`` keeps
        return mine


@query(blp, REPORTS + "/<int:number>", DocumentOut, Permission.AGENCY_WORK)
def imr_report(tenant: str, review: UUID, number: int) -> Any:
    """One of the agency's own uploads and its versions; the read is logged."""
    with agency_work(tenant, writing=False) as work:
        found = [d for d in work.reports(review, uk_today()) if d.number == number]
    if not found:
        raise NotFoundError(HIDDEN)
    logged_read(tenant)
    return found[0]


@blp.route(REPORTS + "/<int:number>/versions/<int:version>", methods=["GET"])
@blp.doc(**FILE_OUT)
@requires(Permission.AGENCY_WORK)
def imr_report_download(tenant: str, review: UUID, number: int, version: int) -> Any:
    """A version of one of the agency's own uploads; the download is logged first.

    The file is checked against its digest as it is read, and its SHA-256 sent as ``Digest``."""
    with agency_work(tenant, writing=False) as work:
        info, content = work.report_file(review, number, version, uk_today())
    return sent(tenant, info, content, number, version, digest=True)
