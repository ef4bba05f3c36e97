"""A case's merged chronology: agencies' entries in, the panel's merged view out.

Entries are personal data: reading the merged chronology needs the personal-data permission
and is logged against the reader, as the vault is.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response
from flask_smorest import Blueprint

from api.chronology_export import XLSX, filename, workbook
from api.context import platform, requires, tenant_ledger
from api.papers import chronology as chronology_pdf
from api.policy import Permission
from api.resources.commands import recording
from api.resources.reads import logged_read, query
from api.schemas.chronology import EntryIn, EntryNumberOut, GapDaysIn, KeyIn, MergedOut
from domain.calendar import uk_today

blp = Blueprint(
    "chronology",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/reviews/<uuid:review>/chronology",
    description="The merged chronology agencies contribute to (personal data, sealed)",
)


@query(blp, "", MergedOut, Permission.PERSONAL_DATA, args=GapDaysIn)
def merged(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Every agency's entries in date order, duplicates folded, long gaps shown; read logged."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.chronology.merged(review, args["gap_days"])
    logged_read(tenant)
    return found


@recording(blp, "/entries", EntryIn, EntryNumberOut, status=201)
def submit(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Add one agency's entry; the same entry twice is refused."""
    with tenant_ledger(tenant) as ledger:
        number = ledger.chronology.submit(review, **data, today=uk_today())
    return {"number": number}


@recording(blp, "/key-entries", KeyIn, MergedOut)
def mark_key(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Mark (or unmark) an entry as key: one the overview report must address."""
    with tenant_ledger(tenant) as ledger:
        ledger.chronology.mark_key(review, **data)
        return ledger.chronology.merged(review)


@blp.route("/export.xlsx", methods=["GET"])
@blp.arguments(GapDaysIn, location="query")
@blp.doc(
    responses={
        "200": {
            "description": "the merged chronology as an XLSX workbook",
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
)
@requires(Permission.PERSONAL_DATA)
def export(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The merged chronology as a spreadsheet; the download is logged as a read."""
    with tenant_ledger(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found = ledger.chronology.merged(review, args["gap_days"])
    logged_read(tenant)
    return Response(
        workbook(case, found, args["gap_days"], uk_today()),
        mimetype=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="{filename(case)}"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/export.pdf", methods=["GET"])
@blp.arguments(GapDaysIn, location="query")
@blp.doc(
    responses={
        "200": {
            "description": "the merged chronology as a PDF: key entries and gaps marked",
            "content": {chronology_pdf.PDF: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
)
@requires(Permission.PERSONAL_DATA)
def export_pdf(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The merged chronology as a PDF for the panel's pack; the download is logged as a read."""
    with tenant_ledger(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found = ledger.chronology.merged(review, args["gap_days"])
    logged_read(tenant)
    name = platform().registry.tenant(tenant).name
    return Response(
        chronology_pdf.to_pdf(case, found, args["gap_days"], uk_today(), name),
        mimetype=chronology_pdf.PDF,
        headers={
            "Content-Disposition": f'attachment; filename="{chronology_pdf.filename(case)}"',
            "Cache-Control": "no-store",
        },
    )
