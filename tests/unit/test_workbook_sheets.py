"""Which sheet of an officer's workbook is read: the one they name; else the one named as the
template's, else the only one with something on it, else the one whose headings the template
knows; and when that cannot be told, the officer is told the sheets found and the name wanted.
The sheets that could be imported are described for the page that asks which."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from api.imports.layout import iterparse
from api.imports.reading import read, sheets
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
        "read: '2019' and '2020'. Say which sheet to read, or rename the one that holds the "
        "cases 'Cases'."
    )


def test_the_sheet_the_officer_names_is_read_though_another_is_named_as_the_templates() -> None:
    """Last year's cases on the sheet called Cases, this year's beside it: the one named is
    read, in any case and spacing, and its rows alone."""
    this_year = ("BHM-2", *ROW[1:])
    data = workbook(("Cases", (HEADS, ROW)), ("Cases  2020", (HEADS, ROW, this_year)))
    assert read(data, "tracker.xlsx", CASES).name == "Cases"
    sheet = read(data, "tracker.xlsx", CASES, sheet="cases 2020")
    assert sheet.name == "Cases  2020" and [r.cells["reference"] for r in sheet.rows] == [
        "BHM-1",
        "BHM-2",
    ]


def test_a_sheet_name_the_workbook_lacks_is_refused_naming_the_sheets_it_has() -> None:
    data = workbook(("2019", (HEADS, ROW)), ("2020", (HEADS, ROW)), ("Old", ()), hidden="Old")
    with pytest.raises(ValueError) as refused:
        read(data, "tracker.xlsx", CASES, sheet="2021")
    assert str(refused.value) == (
        "The workbook has no sheet named '2021'. Its sheets are '2019' and '2020': say which "
        "of them to read."
    )
    with pytest.raises(ValueError, match="no sheet named 'Old'"):  # hidden: not offered
        read(data, "tracker.xlsx", CASES, sheet="Old")


def test_each_sheet_that_could_be_imported_is_described_by_its_rows_and_headings() -> None:
    """What the page offers to choose from: the guidance, an empty sheet and a hidden one are
    not among them; a title above the headings and a total below the rows are told apart."""
    titled = (("Our tracker",), (), HEADS, ROW, ("BHM-2", *ROW[1:]), ("Total", None, 2))
    book = load_workbook(io.BytesIO(template_xlsx(CASES)))
    book["Cases"].append(ROW)
    for title, rows in (("2020", titled), ("Lists", (("Kinds",), ("DHR",))), ("Empty", ())):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.create_sheet("Working").sheet_state = "hidden"
    book["Working"].append(HEADS)
    out = io.BytesIO()
    book.save(out)
    found = sheets(out.getvalue(), "cases.xlsx", CASES)
    assert [(s.name, s.rows, s.heading_row, bool(s.known)) for s in found] == [
        ("Cases", 1, 1, True),
        ("2020", 2, 3, True),
        ("Lists", 1, 1, False),  # "Kinds" its heading
    ]
    assert sheets(b"Reference\r\nBHM-1\r\n", "cases.csv", CASES) == []


LAUGHS = b'<!DOCTYPE w [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'


def test_a_workbook_whose_xml_declares_entities_is_refused_not_expanded() -> None:
    """An uploaded XLSX is XML in a zip: one that declares entities (the 'billion laughs')
    is refused as unreadable rather than expanded, by openpyxl and by the merged cells' read."""
    data = workbook(("Cases", (HEADS, ROW)))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as book, zipfile.ZipFile(out, "w") as bad:
        for item in book.infolist():
            xml = book.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b">Rose<" in xml  # openpyxl writes strings inline
                xml = LAUGHS + xml.replace(b">Rose<", b">&lol2;<")
            bad.writestr(item, xml)
    with pytest.raises(ValueError, match="not a readable XLSX workbook|cannot be read"):
        read(out.getvalue(), "tracker.xlsx", CASES)
    with pytest.raises(ValueError):  # the merged cells' own read refuses it too
        list(iterparse(io.BytesIO(LAUGHS + b"<a>&lol2;</a>")))


def test_a_damaged_sheet_is_refused_in_words_not_with_a_crash() -> None:
    """A sheet whose XML is cut short reached the officer as a server error."""
    data = workbook(("Cases", (HEADS, ROW)))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as book, zipfile.ZipFile(out, "w") as bad:
        for item in book.infolist():
            xml = book.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = xml[: len(xml) // 2]
            bad.writestr(item, xml)
    with pytest.raises(ValueError, match="The sheet 'Cases' cannot be read: the file is damaged"):
        read(out.getvalue(), "tracker.xlsx", CASES)
