"""A case's merged chronology: agencies' entries in, the panel's merged view out.

Entries are personal data: reading the merged chronology needs the personal-data permission
and is logged against the reader, as the vault is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from api.agency_names import agency_names_in
from api.chronology_export import XLSX, filename, workbook
from api.context import platform, requires, tenant_ledger
from api.papers import chronology as chronology_pdf
from api.papers.chronology import PDF
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import recording
from api.resources.downloads import attachment, file_answer
from api.resources.reads import query, read_logged
from api.schemas.chronology import EntryIn, EntryNumberOut, GapDaysIn, KeyIn, MergedOut
from domain.calendar import uk_today

F = TypeVar("F", bound=Callable[..., Any])

blp = api_blueprint(
    "chronology",
    "/tenants/<tenant>/reviews/<uuid:review>/chronology",
    "The merged chronology agencies contribute to (personal data, sealed)",
)


@query(blp, "", MergedOut, Permission.PERSONAL_DATA, args=GapDaysIn)
def merged(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Every agency's entries in date order, duplicates folded, long gaps shown; read logged."""
    return read_logged(tenant, lambda ledger: ledger.chronology.merged(review, args["gap_days"]))


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


def _for_export(tenant: str, review: UUID, gap_days: int) -> tuple[Any, Any]:
    """The case and its merged chronology, the read logged."""
    return read_logged(
        tenant,
        lambda ledger: (ledger.reviews.get(review), ledger.chronology.merged(review, gap_days)),
    )


def _download(path: str, description: str, media: str) -> Callable[[F], F]:
    """GET ``path``: the merged chronology as a file of ``media``, ``gap_days`` from the query
    string; personal data, so it needs that permission."""

    def wrap(fn: F) -> F:
        view: Any = requires(Permission.PERSONAL_DATA)(fn)
        view = blp.doc(**file_answer(description, media))(view)
        view = blp.arguments(GapDaysIn, location="query")(view)
        return blp.route(path, methods=["GET"])(view)

    return wrap


@_download("/export.xlsx", "the merged chronology as an XLSX workbook", XLSX)
def export(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The merged chronology as a spreadsheet; the download is logged as a read."""
    case, found = _for_export(tenant, review, args["gap_days"])
    names = agency_names_in(platform(), tenant)
    body = workbook(case, found, args["gap_days"], uk_today(), names)
    return attachment(body, XLSX, filename(case), private=True)


@_download("/export.pdf", "the merged chronology as a PDF: key entries and gaps marked", PDF)
def export_pdf(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The merged chronology as a PDF for the panel's pack; the download is logged as a read."""
    case, found = _for_export(tenant, review, args["gap_days"])
    name = platform().registry.tenant(tenant).name
    names = agency_names_in(platform(), tenant)
    body = chronology_pdf.to_pdf(case, found, args["gap_days"], uk_today(), name, names)
    return attachment(body, PDF, chronology_pdf.filename(case), private=True)
