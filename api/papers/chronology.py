"""The merged chronology as a PDF for the panel's meeting pack: landscape A4, the protective
marking on every page, key entries and gaps between agencies' entries marked so they stand
out in print as on screen. Rendered with the board papers' stylesheet and WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from api.file_names import file_safe
from api.papers.render import page_to_pdf, rendered
from domain.chronology import Gap, MergedChronology, MergedEntry

PDF = "application/pdf"
MARKING = "OFFICIAL-SENSITIVE"


def to_pdf(
    case: Any,
    merged: MergedChronology,
    gap_days: int,
    made_on: date,
    partnership: str,
    agencies: Callable[[str], str] = str,
) -> bytes:
    """``agencies`` names each agency as recorded (``api.agency_names``: the region's
    directory's name for a key), as the merged chronology's page does."""
    page = rendered(
        "chronology.html",
        case=case,
        merged=merged,
        gap_days=gap_days,
        made_on=made_on,
        partnership=partnership,
        marking=MARKING,
        keys=sum(1 for r in merged.rows if isinstance(r, MergedEntry) and r.key),
        gaps=sum(1 for r in merged.rows if isinstance(r, Gap)),
        is_gap=lambda row: isinstance(row, Gap),
        agencies=agencies,
    )
    return page_to_pdf(page)


def filename(case: Any) -> str:
    return f"chronology-{file_safe(case.reference)}.pdf"
