"""What is wrong with an import, by sheet, row and column — as text and as the officer's own
rows with the wrong cells marked (XLSX), so they can correct the file and send it again."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from api.tables.writers import safe_text

if TYPE_CHECKING:
    from api.imports.reading import Sheet

WRONG = PatternFill("solid", fgColor="F4A09C")


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str  # the header, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "text": str(self),
        }


def marked_workbook(sheet: Sheet, problems: Sequence[Problem]) -> bytes:
    """The rows as read with each wrong cell filled and commented, and a list of problems."""
    book = Workbook()
    rows = book.active
    assert rows is not None
    rows.title = sheet.name[:31]
    rows.append(list(sheet.headers))
    for cell in rows[1]:
        cell.font = Font(bold=True)
    by_row = {r.number: r for r in sheet.rows}
    for number in range(2, max([2, *by_row]) + 1):
        row = by_row.get(number)
        rows.append([safe_text(v) if isinstance(v, str) else v for v in row.raw] if row else [])
    columns = {h: i + 1 for i, h in enumerate(sheet.headers)}
    for problem in problems:
        col = columns.get(sheet.heading(problem.column))
        targets = [rows.cell(problem.row, col)] if col else list(rows[problem.row])
        for cell in targets or [rows.cell(problem.row, 1)]:
            cell.fill = WRONG
        anchor = targets[0] if targets else rows.cell(problem.row, 1)
        note = (
            problem.message
            if anchor.comment is None
            else f"{anchor.comment.text}\n{problem.message}"
        )
        anchor.comment = Comment(note, "Partnership Ledger")
    rows.freeze_panes = "A2"
    listing = book.create_sheet("Problems")
    listing.append(["Sheet", "Row", "Column", "What is wrong"])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        listing.append([problem.sheet, problem.row, sheet.heading(problem.column), problem.message])
    for letter, width in zip("ABCD", (14, 8, 24, 100), strict=True):
        listing.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
