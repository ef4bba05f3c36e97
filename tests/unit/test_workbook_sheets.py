"""Which sheet of an officer's workbook is read: the one named as the template's, else the
only one with something on it, else the one whose headings the template knows; and when
that cannot be told, the officer is told the sheets found and the name wanted."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from api.imports.reading import read
from api.imports.sheets import CASES
from api.imports.template import template_xlsx

ROW = ("BHM-1", "Rose", date(2019, 3, 2), date(2019, 3, 9), "DHR", "Intimate partner homicide")
HEADS = (
    "Reference",
    "Pseudonym",
    "Incident date",
    "Notified date",
    "Review kind",
    "Death category",
)


def workbook(*sheets: tuple[str, tuple[tuple[object, ...], ...]], hidden: str = "") -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title == hidden:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_sheet_named_as_the_templates_is_read_in_any_case() -> None:
    data = workbook(("Notes", (("chair appointed",),)), ("cases ", (HEADS, ROW)))
    sheet = read(data, "tracker.xlsx", CASES)
    assert sheet.name == "cases " and not sheet.problems and len(sheet.rows) == 1


def test_an_empty_first_sheet_is_passed_over_for_the_one_with_rows() -> None:
    data = workbook(("Sheet1", ()), ("DHR tracker 2019", (HEADS, ROW)), ("Sheet3", ()))
    sheet = read(data, "tracker.xlsx", CASES)
    assert sheet.name == "DHR tracker 2019" and not sheet.problems and len(sheet.rows) == 1


def test_the_one_sheet_whose_headings_the_template_knows_is_read() -> None:
    """A tracker beside its drop-down lists and a hidden working sheet."""
    lists = (("Kinds",), ("DHR",), ("SAR",))
    data = workbook(
        ("Lists", lists), ("Tracker", (HEADS, ROW)), ("Working", (HEADS, ROW)), hidden="Working"
    )
    sheet = read(data, "tracker.xlsx", CASES)
    assert sheet.name == "Tracker" and len(sheet.rows) == 1


def test_the_templates_guidance_is_never_read_as_the_rows() -> None:
    book = io.BytesIO(template_xlsx(CASES))
    loaded = load_workbook(book)
    loaded["Cases"].title = "My cases"
    loaded["My cases"].append(ROW)
    loaded.move_sheet("Guidance", offset=-1)  # first, as an officer may have dragged it
    out = io.BytesIO()
    loaded.save(out)
    sheet = read(out.getvalue(), "tracker.xlsx", CASES)
    assert sheet.name == "My cases" and len(sheet.rows) == 1


def test_when_the_sheet_cannot_be_told_the_officer_is_told_which_name_is_wanted() -> None:
    lists = (("Kinds",), ("DHR",))  # not named: its headings are not a case's
    data = workbook(("2019", (HEADS, ROW)), ("Lists", lists), ("2020", (HEADS, ROW)), ("E", ()))
    with pytest.raises(ValueError) as refused:
        read(data, "tracker.xlsx", CASES)
    assert str(refused.value) == (
        "The workbook has no sheet named 'Cases', so it is not clear which of its sheets to "
        "read: '2019' or '2020'. Rename the sheet that holds the cases 'Cases' and upload "
        "the file again."
    )
