"""A partnership's cases spreadsheet as officers keep it, for import tests and figure k.

Rows are fictional and deterministic; ``broken`` plants one known mistake per entry so a
test can check each is named by row and column.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from api.imports.sheets import CASES

NAMES = ("Mary", "Anna", "Beth", "Claire", "Dora", "Eve", "Faye", "Gwen", "Hana", "Iris")
# row number (spreadsheet numbering, header = 1) -> (column key, bad value, words expected)
PLANTED = {
    12: ("incident_on", "31/02/2014", "not a date"),
    57: ("kind", "inquest review", "not a known review kind"),
    103: ("reference", None, "Reference is required"),
    188: ("notified_on", date(2011, 1, 3), "before the incident"),
    251: ("decided_on", None, "Decision date is needed"),
}


def case_rows(count: int, prefix: str = "DHR") -> list[dict[str, Any]]:
    rows = []
    for n in range(count):
        incident = date(2012, 1, 1) + timedelta(days=7 * (n % 500))  # within 2012-2021
        row: dict[str, Any] = {
            "reference": f"{prefix}-{n + 1:04d}",
            "pseudonym": NAMES[n % len(NAMES)],
            "incident_on": incident,
            "notified_on": incident + timedelta(days=4),
            "kind": "dhr",
            "death_category": "intimate partner homicide",
            "victim_age_band": "25-34",
            "victim_sex": "female",
            "perpetrator_relationship": "intimate partner",
        }
        if n % 3 != 2:
            row.update(
                decision="hold",
                decided_on=incident + timedelta(days=30),
                decision_reason="criteria met",
                first_panel_on=incident + timedelta(days=110),
            )
        if n % 3 == 0:
            row.update(
                report_drafted_on=incident + timedelta(days=300),
                action_plan_agreed_on=incident + timedelta(days=305),
                submitted_on=incident + timedelta(days=320),
            )
        rows.append(row)
    return rows


def cases_workbook(
    rows: Iterable[dict[str, Any]], broken: dict[int, tuple[str, Any, str]] | None = None
) -> bytes:
    """The rows under the template's headers; ``broken`` overwrites the planted cells.

    Written in openpyxl's write-only mode, cell by cell: ``sheet[number]`` on an ordinary
    worksheet scans every cell written so far (``max_column``), which made a 20,000-row
    sheet (figure k) take minutes to generate before its import even started."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(CASES.sheet)
    sheet.append([f.header for f in CASES.fields])
    for number, row in enumerate(rows, start=2):
        values = dict(row)
        if broken and number in broken:
            key, bad, _ = broken[number]
            values[key] = bad
        sheet.append([_cell(sheet, values.get(f.key)) for f in CASES.fields])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: Any, value: Any) -> Any:
    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = "dd/mm/yyyy"
    return cell
