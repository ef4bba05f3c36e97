"""Cells and files as officers type and save them: a date in words, a date month first, a
file with nothing in it. Each is read as meant or refused with what to type instead."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from api.imports.fields import CellError, age_band, day, due_day, pence
from api.imports.prepared import Prepared
from api.imports.problems import Problem, marked_workbook
from api.imports.reading import read
from api.imports.sheets import CASES
from domain.reviews.values import AgeBand


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("3rd March 2021", date(2021, 3, 3)),
        ("4 September 2013", date(2013, 9, 4)),  # as a problem's example is written on the page
        ("1 Oct 2021", date(2021, 10, 1)),
        ("21st of Sept 2020", date(2020, 9, 21)),
        ("2-Feb-2015", date(2015, 2, 2)),
    ],
)
def test_a_date_typed_in_words_reads_as_the_day_it_names(typed: str, meant: date) -> None:
    assert day(typed) == meant
    assert due_day(typed) == meant


@pytest.mark.parametrize("typed", ["30 February 2021", "3rd Marchh 2021", "March 2021"])
def test_words_that_are_not_one_day_are_still_not_a_date(typed: str) -> None:
    with pytest.raises(CellError, match="is not a date"):
        day(typed)


def test_a_date_typed_month_first_says_the_day_comes_first() -> None:
    with pytest.raises(CellError) as refused:
        day("03/31/2021")
    assert str(refused.value) == (
        "'03/31/2021' is not a date: the day comes first, so write 31 March 2021 as 31/03/2021."
    )


@pytest.mark.parametrize(
    ("typed", "either"),
    [
        ("03.10.21", "03/10/1921 or 03/10/2021"),
        ("3/10/21", "03/10/1921 or 03/10/2021"),
        ("03-10-99", "03/10/1999 or 03/10/2099"),
    ],
)
def test_a_two_digit_year_is_asked_for_in_full_not_guessed(typed: str, either: str) -> None:
    """A century is not ours to guess for a date in a review's history (1921 or 2021): the
    officer is shown their own date written both ways, to keep the one they meant."""
    with pytest.raises(CellError) as refused:
        day(typed)
    assert str(refused.value) == (
        f"'{typed}' has a two-digit year, which could be more than one century; "
        f"write the year in full, as {either}."
    )


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31/02/2021", "February 2021 has 28 days"),
        ("30 February 2024", "February 2024 has 29 days"),
        ("31/04/2021", "April 2021 has 30 days"),
    ],
)
def test_a_day_the_month_does_not_have_is_said_so(typed: str, said: str) -> None:
    with pytest.raises(CellError) as refused:
        day(typed)
    assert str(refused.value) == (f"'{typed}' is not a date: {said}; check the day and the month.")


def blank_workbook() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "cases.csv"), (b"", "cases.xlsx"), (b"\r\n,,\r\n", "cases.csv"), (None, "cases.xlsx")],
)
def test_an_empty_file_is_said_to_be_empty_not_to_miss_every_column(
    data: bytes | None, name: str
) -> None:
    with pytest.raises(ValueError) as refused:
        read(blank_workbook() if data is None else data, name, CASES)
    assert str(refused.value).startswith(f"'{name}' is empty: it has no headings and no rows.")


def test_a_marked_file_corrected_and_checked_again_loses_the_marks_put_right() -> None:
    """The officer corrects the marked copy itself and sends it again: the cell they put
    right is no longer filled or commented, the one still wrong is, and the list of problems
    is the new one, not the old one beside it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cases"
    sheet.append(["Reference", "Pseudonym", "Incident date"])
    sheet.append(["M-1", "Ann", "31/02/2014"])
    sheet.append(["M-2", "Bea", "not yet"])
    out = io.BytesIO()
    book.save(out)
    first = read(out.getvalue(), "m.xlsx", CASES)
    wrong = [Problem("Cases", n, "Incident date", "Not a date.") for n in (2, 3)]
    marked = load_workbook(io.BytesIO(marked_workbook(first, wrong, out.getvalue())))
    marked["Cases"]["C2"] = date(2014, 2, 28)
    again = io.BytesIO()
    marked.save(again)
    second = read(again.getvalue(), "m.xlsx", CASES)
    still = [Problem("Cases", 3, "Incident date", "Still not a date.")]
    remarked = load_workbook(io.BytesIO(marked_workbook(second, still, again.getvalue())))
    cases = remarked["Cases"]
    assert cases["C2"].comment is None and cases["C2"].fill.fill_type is None
    assert cases["C2"].number_format == "dd/mm/yyyy"
    assert cases["C3"].comment.text == "Still not a date."
    assert [s for s in remarked.sheetnames if s.startswith("Problems")] == ["Problems"]
    assert remarked["Problems"].max_row == 2


def csv_of(*lines: str) -> bytes:
    return "\r\n".join(lines).encode() + b"\r\n"


def test_a_sheets_problems_each_start_with_a_capital_and_say_what_to_do() -> None:
    missing = read(csv_of("Pseudonym,Incident date,Notes", "Ann,01/02/2014,x"), "c.csv", CASES)
    said = {p.column: p.message for p in missing.problems}
    assert said["Reference"] == "Add a column headed 'Reference'; it is required."
    assert said["Notes"].startswith("Rename the column 'Notes' to the template's heading")
    twice = read(csv_of("Reference,Pseudonym,reference", "R-1,Ann,R-1"), "c.csv", CASES)
    assert "Remove one of the columns 'reference'" in twice.problems[0].message
    empty = read(csv_of(",".join(f.header for f in CASES.fields)), "c.csv", CASES)
    assert empty.problems[0].message.startswith(
        "The sheet has no rows under its headings; add a row for each case"
    )
    for problem in (*missing.problems, *twice.problems, *empty.problems):
        assert problem.message[:1].isupper(), problem


def test_a_cells_problem_reads_as_one_sentence_saying_what_to_do() -> None:
    heads = "Reference,Pseudonym,Incident date,Notified date,Review kind,Death category"
    sheet = read(csv_of(heads, f"R-1,Ma\u202eyr,{'x' * 41},,dhr,familial homicide"), "c.csv", CASES)
    found = Prepared("cases", sheet)
    assert found.values(CASES, sheet.rows[0]) is None
    said = {p.column: p.message for p in found.problems}
    assert said["Pseudonym"].startswith("Pseudonym contains ")
    assert said["Pseudonym"].endswith("; retype it as plain text.")
    assert said["Notified date"] == "Notified date is required but empty; fill it in."
    assert said["Incident date"].startswith("'xxx")


@pytest.mark.parametrize(
    "typed", ["25\u201334", "25 \u2014 34", "25 - 34", "25\u221234", "25 to 34"]
)
def test_an_age_band_typed_with_a_dash_not_a_hyphen_is_that_band(typed: str) -> None:
    assert age_band(typed) == "25-34"


def test_an_age_band_with_a_dash_that_is_no_band_is_refused_listing_the_bands() -> None:
    with pytest.raises(CellError) as refused:
        age_band("25\u201335")
    assert str(refused.value) == (
        "'25\u201335' is not a known age band; use one of: "
        + ", ".join(band.value for band in AgeBand)
        + "."
    )


def test_a_date_held_as_its_day_number_says_to_format_the_cell() -> None:
    """A date in a cell not formatted as one reaches the file as Excel's day number."""
    with pytest.raises(CellError) as refused:
        day(44256)
    assert str(refused.value).startswith(
        "'44256' is a number, not a date: a spreadsheet shows a date as a number when its "
        "cell is not formatted as a date."
    )


def test_an_amount_a_spreadsheet_worked_out_is_read_as_the_pence_it_shows() -> None:
    assert pence(8500 * 0.3) == 255_000  # 2550.0000000000005 in the file
    assert pence(0.1 + 0.2) == 30
    with pytest.raises(CellError, match="more than two decimal places"):
        pence(10.005)


@pytest.mark.parametrize(
    "typed", ["01/03/2021 00:00", "01/03/2021 00:00:00", "1/3/2021 12:00 AM", "1 March 2021 09:30"]
)
def test_a_date_saved_with_its_time_reads_as_its_day(typed: str) -> None:
    """Excel saves a date cell to CSV with the time its format shows."""
    assert day(typed) == date(2021, 3, 1)
