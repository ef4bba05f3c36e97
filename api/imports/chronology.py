"""A case's chronology by spreadsheet: the template (the case's IMR agencies as a drop-down),
and an upload checked whole — every cell and every entry, each problem with its row number —
before anything is recorded; a clean sheet is recorded in one save through the same checks as
the form (``submit_chronology_entries``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from uuid import UUID

from api.imports.fields import CellError, Field, choice, day, text, words
from api.imports.problems import Problem
from api.imports.reading import Sheet, read
from api.imports.sheets import SheetSpec
from api.vocabulary import Names
from domain.chronology.entry import MAX_SOURCE, MAX_TEXT
from domain.errors import InvalidValueError
from tenants.ledger import PartnershipLedger
from tenants.ledger.chronology_upload import EntryRow, RowsRefused

KIND = "chronology"


def clock(raw: Any) -> time:
    """A time cell, or a time typed as 14:30 (or 1430)."""
    if isinstance(raw, datetime):
        return raw.time().replace(second=0, microsecond=0)
    if isinstance(raw, time):
        return raw.replace(second=0, microsecond=0)
    value = str(raw).strip().replace(".", ":")
    if value.isdigit() and len(value) in (3, 4):
        value = f"{value[:-2]}:{value[-2:]}"
    try:
        hours, minutes = (int(p) for p in value.split(":")[:2])
        return time(hours, minutes)
    except ValueError:
        raise CellError(f"'{raw}' is not a time; write it as 14:30, or leave it empty.") from None


def spec(
    agencies: tuple[str, ...],
    names: Names | None = None,
    what: str = "agency of this case's IMRs",
) -> SheetSpec:
    """The template for one case: its agencies offered as a drop-down (by ``names``, where
    given), and a row naming any other refused (``what`` one of them is, in the problem)."""
    offered = words(agencies, names) if names else agencies
    return SheetSpec(
        KIND,
        "Chronology",
        "One row per entry of an agency's chronology for this case. The agency must have been "
        "asked for an IMR. The whole sheet is checked first; nothing is recorded unless every "
        "row is right. The text is kept encrypted and erased with the case's personal details.",
        (
            Field("occurred_on", "Date", "the day it happened", "01/06/2013", day, True),
            Field(
                "occurred_at",
                "Time",
                "only if the record has it (24-hour clock)",
                "22:10",
                clock,
                width=8,
            ),
            Field(
                "agency",
                "Agency",
                "the agency whose record this is (asked for an IMR)",
                offered[0] if offered else "West Midlands Police",
                choice(agencies, what, names) if agencies else text(120),
                True,
                offered,
                30,
            ),
            Field(
                "what_happened",
                "What happened",
                "the entry, as the agency's chronology has it",
                "Domestic incident call-out",
                text(MAX_TEXT),
                True,
                width=70,
            ),
            Field(
                "source",
                "Source document",
                "the record it comes from",
                "Police command and control log",
                text(MAX_SOURCE),
                True,
                width=34,
            ),
        ),
    )


def agency_spec(agency: str, name: str) -> SheetSpec:
    """An agency's own template (``agency`` its IMR's, as recorded; ``name`` what people read):
    a row naming any other agency is refused, so an agency records only its own entries."""
    return spec((agency,), {agency: name}, "agency here: your sheet holds only your own entries")


@dataclass
class Checked:
    sheet: Sheet
    rows: list[EntryRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return bool(self.numbers)


def check_sheet(
    ledger: PartnershipLedger,
    review: UUID,
    data: bytes,
    filename: str,
    today: Any,
    *,
    record: bool,
    template: SheetSpec | None = None,
) -> Checked:
    """Every problem of the sheet, by row and column; records only a sheet with none.
    ``template``: the case's (every agency asked for an IMR) unless an agency's own."""
    case = ledger.reviews.get(review)
    template = template or spec(tuple(i.agency for i in case.imrs))
    try:
        sheet = read(data, filename, template)
    except ValueError as e:
        raise InvalidValueError(str(e)) from None
    checked = Checked(sheet, problems=list(sheet.problems))
    numbers: list[int] = []
    for row in sheet.rows:
        values: dict[str, Any] = {}
        for f in template.fields:
            try:
                values[f.key] = f.read(row.cells.get(f.key))
            except CellError as e:
                message = str(e) if str(e).startswith(f.header) else f"{f.header} {e}"
                checked.problems.append(Problem(sheet.name, row.number, f.header, message))
        if all(k in values for k in ("occurred_on", "agency", "what_happened", "source")):
            checked.rows.append(
                EntryRow(
                    values["agency"],
                    values["occurred_on"],
                    values.get("occurred_at"),
                    values["what_happened"],
                    values["source"],
                )
            )
            numbers.append(row.number)
    if checked.rows:  # the entries' own checks too, so every row's problem is listed at once
        try:
            ledger.chronology.submit_many(review, checked.rows, today, record=False)
        except RowsRefused as refused:
            checked.problems += [Problem(sheet.name, numbers[i], "", m) for i, m in refused.rows]
    checked.problems.sort(key=lambda p: p.row)
    if record and not checked.problems:
        checked.numbers = ledger.chronology.submit_many(review, checked.rows, today)
    return checked
