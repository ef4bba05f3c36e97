"""What is wrong with an import, by sheet, row and column — as text and as the officer's own
rows with the wrong cells marked (XLSX), so they can correct the file and send it again."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from api.tables.writers import safe_text
from api.vocabulary import dates_in_words

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


LISTING = ("Sheet", "Row", "Column", "What is wrong")
AUTHOR = "Partnership Ledger"
UK_DATE = "dd/mm/yyyy"


def marked_workbook(
    sheet: Sheet, problems: Sequence[Problem], original: bytes | None = None
) -> bytes:
    """The officer's rows with each wrong cell filled and commented, and a list of problems,
    in the words the page uses (dates as "2 August 2021") and with dates shown day first.

    ``original``: the uploaded file. An XLSX is marked in place, so what came with it stays:
    the template's Guidance sheet, its drop-downs and formats, the officer's other sheets.
    A CSV (or a workbook openpyxl cannot open) comes back as a new workbook of the rows."""
    shown = [replace(p, message=dates_in_words(p.message)) for p in problems]
    book = _own(original, sheet.name) if original else None
    if book is None:
        book = _rebuilt(sheet)
    rows = book[sheet.name[:31]]
    _unmark(rows)
    _mark(rows, sheet, shown)
    _day_first(rows)
    _listing(book, sheet, shown)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _own(original: bytes, name: str) -> Workbook | None:
    if original[:2] != b"PK":
        return None
    try:
        book = load_workbook(io.BytesIO(original))
    except Exception:  # openpyxl raises several kinds for a workbook it cannot open
        return None
    return book if name in book.sheetnames else None


def _rebuilt(sheet: Sheet) -> Workbook:
    book = Workbook()
    rows = book.active
    assert rows is not None
    rows.title = sheet.name[:31]
    at = sheet.header_row  # each row where the officer's file has it, so its number holds
    for column, header in enumerate(sheet.headers, start=1):
        rows.cell(at, column, header).font = Font(bold=True)
    for row in sheet.rows:
        for column, v in enumerate(row.raw, start=1):
            rows.cell(row.number, column, safe_text(v) if isinstance(v, str) else v)
    rows.freeze_panes = f"A{at + 1}"
    return book


def _unmark(rows: Worksheet) -> None:
    """Take off the marks of an earlier check (a marked file corrected and sent again), so a
    cell put right since is not still filled and commented."""
    for line in rows.iter_rows():
        for cell in line:
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                if cell.fill == WRONG:
                    cell.fill = PatternFill()


def _mark(rows: Worksheet, sheet: Sheet, problems: Sequence[Problem]) -> None:
    columns = {h: i + 1 for i, h in enumerate(sheet.headers)}
    shown = _merged(rows)
    for problem in problems:
        col = columns.get(sheet.heading(problem.column))
        targets = [rows.cell(problem.row, col)] if col else list(rows[problem.row])
        targets = [shown.get(c.coordinate) or c for c in targets or [rows.cell(problem.row, 1)]]
        for cell in targets:
            cell.fill = WRONG
        anchor = targets[0]
        note = (
            problem.message
            if anchor.comment is None
            else f"{anchor.comment.text}\n{problem.message}"
        )
        anchor.comment = _comment(note)


def _merged(rows: Worksheet) -> dict[str, Any]:
    """For each cell under a merge, the merged cell Excel shows there (its top left): the
    one a problem of any of its rows is marked on."""
    shown = {}
    for merge in rows.merged_cells.ranges:
        top_left = rows.cell(merge.min_row, merge.min_col)
        for row, column in merge.cells:
            shown[rows.cell(row, column).coordinate] = top_left
    return shown


# a comment box as Excel shows it when the cell is pointed at: it does not grow to fit, and
# openpyxl's default (144 by 79 pixels) shows about a hundred characters of a message
NOTE_WIDTH, NOTE_LINE, NOTE_CHARACTERS = 320, 16, 44  # pixels; characters a line, at most


def _comment(note: str) -> Comment:
    """A comment sized to show its whole message."""
    lines = sum(max(1, -(-len(part) // NOTE_CHARACTERS)) for part in note.split("\n"))
    return Comment(note, AUTHOR, height=NOTE_LINE * (lines + 1), width=NOTE_WIDTH)


def _day_first(rows: Worksheet) -> None:
    """Each date as officers in the UK read one (04/09/2013), unless already shown day first
    (4 September 2013): openpyxl, and some trackers, show a date year or month first."""
    for line in rows.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date) and not DAY_FIRST.match(_date_part(cell)):
                cell.number_format = UK_DATE


DAY_FIRST = re.compile(r"[^dmy]*d")


def _date_part(cell: Any) -> str:
    """A number format without its quoted text, escapes and [colour] or [$-locale] parts."""
    fmt = str(cell.number_format or "").lower()
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt)


def _listing(book: Workbook, sheet: Sheet, problems: Sequence[Problem]) -> None:
    """The problems as a list on their own sheet (an earlier check's list replaced)."""
    for old in book.worksheets:
        if old.title.startswith("Problems") and tuple(c.value for c in old[1]) == LISTING:
            book.remove(old)
    title, more = "Problems", 1
    while title in book.sheetnames:  # the officer's own sheet of that name is kept
        more += 1
        title = f"Problems {more}"
    listing = book.create_sheet(title)
    listing.append(list(LISTING))
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        listing.append(
            [problem.sheet, problem.row, sheet.heading(problem.column), safe_text(problem.message)]
        )
    for letter, width in zip("ABCD", (14, 8, 24, 100), strict=True):
        listing.column_dimensions[letter].width = width
