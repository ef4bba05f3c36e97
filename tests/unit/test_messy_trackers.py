"""A tracker as partnerships keep one: a title above its headings, a heading over two of
them, blank rows between cases, totals of a year and of all. Its headings are found where
they are, its rows keep the numbers the spreadsheet shows, and a total is not read as a case."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook, load_workbook

from api.imports.prepared import Prepared
from api.imports.problems import marked_workbook
from api.imports.reading import headings, read
from api.imports.sheets import CASES
from api.web.import_columns import matching

HEADS = (
    "DHR Ref",
    "Pseudonym ",
    "Type",
    "Date of death",
    "Date notified to CSP",
    "Age",
    "Category",
)
ROSE = ("BHM/21/01 ", "Rose", "DHR", datetime(2021, 3, 2), "09/03/2021", "34", "IPH")
LILY = (
    "BHM/21/02",
    "Lily ",
    "DHR",
    "3rd April 2021",
    datetime(2021, 4, 9),
    61,
    "Familial homicide",
)


def messy() -> bytes:
    """Row 1 a title merged across, row 3 headings over groups, row 4 the headings (the
    reference's merged down from row 3), a subtotal between the cases, a total at the end."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DHR tracker"
    sheet["A1"] = "Birmingham CSP - DHR tracker"
    sheet.merge_cells("A1:G1")
    sheet["A3"] = "DHR Ref"
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "Case"
    sheet["D3"] = "Key dates"
    sheet.merge_cells("D3:E3")
    for column, head in enumerate(HEADS[1:], start=2):
        sheet.cell(4, column, head)
    for column, value in enumerate(ROSE, start=1):
        sheet.cell(5, column, value)
    for column, value in enumerate(LILY, start=1):
        sheet.cell(7, column, value)
    sheet["A6"], sheet["G6"] = "Total 2021:", 1
    sheet["A8"], sheet["G8"] = "Total", 2
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_headings_are_found_under_a_title_and_a_heading_over_them() -> None:
    name, heads = headings(messy(), "tracker.xlsx", CASES)
    assert name == "DHR tracker"
    assert [head for head, _ in heads] == [h.strip() for h in HEADS]
    assert dict(heads)["DHR Ref"] == "BHM/21/01 "  # a first value to recognise it by


def test_rows_keep_the_spreadsheets_numbers_and_the_total_is_set_apart() -> None:
    found = matching(messy(), "tracker.xlsx", CASES)
    sheet = read(messy(), "tracker.xlsx", CASES, {**found.guess, "death_category": "Category"})
    assert sheet.header_row == 4 and sheet.totals == (6, 8)
    assert [row.number for row in sheet.rows] == [5, 7]
    assert sheet.rows[0].cells["reference"] == "BHM/21/01 "


def test_a_tracker_whose_every_heading_is_a_trackers_word_is_still_asked_about() -> None:
    """'DHR Ref' is offered as the Reference, not taken unasked: the officer is shown it."""
    found = matching(messy(), "tracker.xlsx", CASES)
    assert not found.exact
    assert found.guess["reference"] == "DHR Ref" and found.guess["incident_on"] == "Date of death"


def test_the_marked_file_marks_the_cell_on_the_row_the_officer_sees() -> None:
    data = messy()
    found = matching(data, "tracker.xlsx", CASES)
    sheet = read(data, "tracker.xlsx", CASES, {**found.guess, "death_category": "Category"})
    checked = Prepared("cases", sheet, list(sheet.problems))
    for _ in checked.each(CASES, lambda _: None):
        pass
    marked = load_workbook(io.BytesIO(marked_workbook(sheet, checked.problems, data)))
    rows = marked["DHR tracker"]
    assert "'IPH' is not a known death category" in rows["G5"].comment.text
    assert rows["A6"].comment is None and rows["A8"].comment is None  # not cases
    listing = list(marked["Problems"].iter_rows(min_row=2, values_only=True))
    assert listing == [("DHR tracker", 5, "Category", rows["G5"].comment.text)]


def test_each_comment_is_big_enough_to_show_its_whole_message() -> None:
    """Excel shows a comment in a box of the size the file gives, and does not grow it: a
    message cut off at its third line leaves the officer without the list of what to use."""
    data = messy()
    found = matching(data, "tracker.xlsx", CASES)
    sheet = read(data, "tracker.xlsx", CASES, {**found.guess, "death_category": "Category"})
    checked = Prepared("cases", sheet, list(sheet.problems))
    for _ in checked.each(CASES, lambda _: None):
        pass
    (problem,) = checked.problems
    assert len(problem.message) > 150
    with zipfile.ZipFile(io.BytesIO(marked_workbook(sheet, checked.problems, data))) as book:
        (drawing,) = [n for n in book.namelist() if n.endswith(".vml")]
        vml = book.read(drawing).decode()
    ((width, height),) = re.findall(r"width:(\d+)px;\s*height:(\d+)px", vml)
    # about 7 pixels a character of the comment's font, 16 a line, one line for its margins
    shown = (int(width) // 7) * (int(height) // 16 - 1)
    assert shown >= len(problem.message), (width, height)


def test_a_csv_with_a_title_comes_back_with_each_row_where_it_was() -> None:
    """A CSV is rebuilt as a workbook: its headings and rows keep their rows, so row 4 in the
    list of problems is row 4 in the workbook, as in the officer's own file."""
    text = (
        "Our DHR tracker,,,,,\r\n"
        ",,,,,\r\n"
        "Reference,Pseudonym,Incident date,Notified date,Review kind,Death category\r\n"
        "CSV-1,Ann,soon,05/03/2014,dhr,intimate partner homicide\r\n"
    )
    sheet = read(text.encode(), "tracker.csv", CASES)
    assert sheet.header_row == 3 and not sheet.problems
    checked = Prepared("cases", sheet, [])
    for _ in checked.each(CASES, lambda _: None):
        pass
    marked = load_workbook(io.BytesIO(marked_workbook(sheet, checked.problems)))
    rows = marked["Cases"]
    assert rows["A3"].value == "Reference" and rows["A4"].value == "CSV-1"
    assert "'soon' is not a date" in rows["C4"].comment.text
    assert rows.freeze_panes == "A4"


def test_a_cell_merged_down_over_rows_is_read_on_each_and_marked_where_it_shows() -> None:
    """An action plan merges a case's reference down over its actions' rows, and Excel shows
    the value on each: each row reads it, and a problem with it is marked on the merged
    cell the officer sees (openpyxl cannot write on the hidden cells under a merge)."""
    book = load_workbook(io.BytesIO(messy()))
    sheet = book["DHR tracker"]
    sheet["A6"], sheet["B6"], sheet["D6"], sheet["E6"] = "BHM/21/03", "Ivy", ROSE[3], ROSE[4]
    sheet["G5"], sheet["G6"], sheet["G7"] = "Murder", None, None
    sheet.merge_cells("G5:G7")
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    found = matching(data, "tracker.xlsx", CASES)
    read_as = read(data, "tracker.xlsx", CASES, {**found.guess, "death_category": "Category"})
    assert [row.cells["death_category"] for row in read_as.rows] == ["Murder"] * 3
    assert [row.cells["kind"] for row in read_as.rows] == ["DHR", None, "DHR"]  # not merged
    checked = Prepared("cases", read_as, list(read_as.problems))
    for _ in checked.each(CASES, lambda _: None):
        pass
    marked = load_workbook(io.BytesIO(marked_workbook(read_as, checked.problems, data)))
    rows = marked["DHR tracker"]
    said = rows["G5"].comment.text.split("\n")
    assert len(said) == 3 and all("'Murder' is not a known death category" in s for s in said)
    assert [r[1] for r in marked["Problems"].iter_rows(min_row=2, values_only=True)] == [
        5,
        6,
        6,
        7,
    ]


def test_headings_the_template_does_not_know_are_still_found_under_a_title() -> None:
    """No heading is one the template knows, one column has none, and every cell below is
    text: the headings are the first row that could be headings, not a fuller row of data."""
    text = "Our log,,\r\n,,\r\nRef no,Who,\r\nA-1,Ann,kept\r\nA-2,Bea,kept\r\n"
    _, heads = headings(text.encode(), "log.csv", CASES)
    assert [head for head, _ in heads] == ["Ref no", "Who"]
    assert read(text.encode(), "log.csv", CASES, {"reference": "Ref no"}).header_row == 3
