"""A number cell read as the officer sees it. A workbook keeps recommendation 2.10 as the number
2.1 and shows it as 2.10 through the cell's format; read as the number, its actions would join
recommendation 2.1. References and other text read what the sheet shows; amounts, ages and
dates still read the number; a CSV, text already, is read as it was."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from api.imports.prepared import Prepared
from api.imports.reading import read
from api.imports.sheets import ACTIONS, BUDGET, CASES, SheetSpec
from api.imports.template import template_xlsx

ACTION_HEADS = (
    "Case reference",
    "Recommendation",
    "Recommendation text",
    "Scope",
    "Recommendation date",
    "Themes",
    "Action reference",
    "Owner agency",
    "Action",
    "Due date",
)


def workbook(title: str, heads: tuple[str, ...], *rows: tuple[Any, ...]) -> bytes:
    """One sheet of ``rows``, each cell a value or (value, number format), as Excel saves a
    number an officer typed into a cell formatted to show it so."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(heads)
    for number, row in enumerate(rows, start=2):
        for column, cell in enumerate(row, start=1):
            value, number_format = cell if isinstance(cell, tuple) else (cell, None)
            written = sheet.cell(number, column, value)
            if number_format:
                written.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cells(data: bytes, name: str, spec: SheetSpec) -> list[dict[str, Any]]:
    """Each row's cells as their columns read them, every cell reading."""
    sheet = read(data, name, spec)
    found = Prepared(spec.kind, sheet)
    values = [found.values(spec, row) for row in sheet.rows]
    assert not found.problems, found.problems
    return [v for v in values if v is not None]


def action(case: Any, rec: Any, action_ref: Any) -> tuple[Any, ...]:
    return (
        case,
        rec,
        "Train GPs in DASH",
        "multi agency",
        date(2012, 3, 1),
        "training",
        action_ref,
        "Police",
        "Brief officers",
        date(2012, 6, 1),
    )


def test_references_read_as_the_sheet_shows_them_not_as_the_numbers_it_keeps() -> None:
    data = workbook(
        "Actions",
        ACTION_HEADS,
        action("DHR-1", (2.1, "0.00"), (1.1, "0.00")),  # typed 2.10 and 1.10 in such cells
        action("DHR-1", (2.1, "General"), 1),
        action("DHR-1", (3.2, "0.00"), (1, "00")),
        action((2014, "0"), (3.0, "General"), (1.5, "0.0")),  # 3, as the sheet shows it
        action("DHR-1", (2.1, "0.000"), (7, "@")),
    )
    read_as = [
        (v["case_reference"], v["recommendation_reference"], v["action_reference"])
        for v in cells(data, "actions.xlsx", ACTIONS)
    ]
    assert read_as == [
        ("DHR-1", "2.10", "1.10"),
        ("DHR-1", "2.1", "1"),  # General shows 2.1: the sheet says no more than that
        ("DHR-1", "3.20", "01"),
        ("2014", "3", "1.5"),
        ("DHR-1", "2.100", "7"),
    ]


def test_a_csv_already_text_reads_as_typed() -> None:
    head = ",".join(ACTION_HEADS)
    line = (
        "DHR-1,2.10,Train GPs in DASH,multi agency,01/03/2012,training,01,Police,Brief,01/06/2012"
    )
    (v,) = cells(f"{head}\r\n{line}\r\n".encode(), "actions.csv", ACTIONS)
    assert (v["recommendation_reference"], v["action_reference"]) == ("2.10", "01")


def test_amounts_ages_and_dates_still_read_the_number_whatever_it_shows() -> None:
    budget = workbook(
        "Budget",
        tuple(f.header for f in BUDGET.fields),
        (
            "llr",
            "LLR DHR budget",
            "Business Office",
            datetime(2015, 4, 1),
            "allocation",
            (datetime(2015, 4, 1), "dd/mm/yyyy"),
            "",
            "",
            "2015/16",
            (40500, "[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00"),
            "office",
            "support",
        ),
        (
            *("llr", "LLR DHR budget", "Business Office", datetime(2015, 4, 1)),
            *("allocation", datetime(2015, 4, 1), "", "", "2015/16"),
            (8500, '0 "pounds"'),  # shows "8500 pounds"; the pence are the number's
            *("chairs", "chairs"),
        ),
    )
    amounts = [v["amount"] for v in cells(budget, "budget.xlsx", BUDGET)]
    assert amounts == [4_050_000, 850_000]
    cases = workbook(
        "Cases",
        tuple(f.header for f in CASES.fields[:7]),
        (
            "R-1",
            "Ann",
            (datetime(2014, 2, 1), "d mmm yyyy"),
            "05/02/2014",
            "dhr",
            "familial homicide",
        )
        + ((34, '0 "yrs"'),),
    )
    (case,) = cells(cases, "cases.xlsx", CASES)
    assert (case["incident_on"], case["victim_age_band"]) == (date(2014, 2, 1), "25-34")


def test_an_amount_in_fractions_of_a_penny_is_refused_though_its_cell_shows_pence() -> None:
    """Money is exact: a third of £100 shown as 33.33 is still not an amount in pence."""
    budget = workbook(
        "Budget",
        tuple(f.header for f in BUDGET.fields),
        (
            *("llr", "LLR DHR budget", "Business Office", datetime(2015, 4, 1)),
            *("allocation", datetime(2015, 4, 1), "", "", "2015/16"),
            (100 / 3, "0.00"),
            *("chairs", "chairs"),
        ),
    )
    sheet = read(budget, "budget.xlsx", BUDGET)
    found = Prepared("budget", sheet)
    assert found.values(BUDGET, sheet.rows[0]) is None
    (problem,) = found.problems
    assert problem.column == "Amount (£)"
    assert problem.message.startswith("'33.3333333")  # the number, not the 33.33 shown
    assert problem.message.endswith("has more than two decimal places; round it to whole pence.")


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (2.1, "General", "2.1"),
        (3.0, "General", "3"),
        (0.1 + 0.2, "General", "0.3"),
        (3.0, "@", "3"),
        (2.6, "0", "3"),
        (2.1, "0.0", "2.1"),
        (1.1, "0.00", "1.10"),
        (2.675, "0.00", "2.68"),  # as Excel rounds, not as the float 2.67499… would
        (2.1, "0.000", "2.100"),
        (1, "00", "01"),
        (12, "000", "012"),
        (7, "00#", "007"),  # a 0 left of a # shows every place right of it, as Excel does
        (7, "0#", "07"),
        (7.0, "#,##0", "7"),
        (1234, "0,00#", "1,234"),
        (1234.5, "#,##0.00", "1,234.50"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "(1,234.50)"),
        (-2.5, "0.0", "-2.5"),
        (0, '0.00;-0.00;"-"', "-"),
        (0.25, "0%", "25%"),
        (2.1, '"Rec "0.00', "Rec 2.10"),
        (8500, "[$£-809]#,##0", "£8,500"),
        (2.1, "0.0#", "2.1"),
        (2.0, "0.0#", "2.0"),
    ],
)
def test_a_number_is_read_as_its_format_shows_it(
    value: float, number_format: str, shown: str
) -> None:
    assert reference_read(value, number_format) == shown


@pytest.mark.parametrize("number_format", ["# ?/?", "0.00E+00", "[>10]0;0.0", "0-0"])
def test_a_format_not_known_here_reads_the_number_as_before(number_format: str) -> None:
    assert reference_read(2.5, number_format) == "2.5"


def reference_read(value: float, number_format: str) -> str:
    """The recommendation number read from a cell holding ``value`` in ``number_format``."""
    data = workbook("Actions", ACTION_HEADS, action("DHR-1", (value, number_format), "1"))
    (v,) = cells(data, "actions.xlsx", ACTIONS)
    return str(v["recommendation_reference"])


def test_the_actions_template_keeps_references_as_text_so_2_10_is_typed_as_2_10() -> None:
    """A template cell formatted as text keeps what is typed (2.10), where a number cell keeps
    2.1 and shows it as General does. Dates are formatted as dates, a due date too."""
    sheet = load_workbook(io.BytesIO(template_xlsx(ACTIONS)))["Actions"]
    formats = {sheet.cell(1, i).value: sheet.cell(2, i).number_format for i in range(1, 14)}
    assert formats["Case reference"] == formats["Recommendation"] == "@"
    assert formats["Action reference"] == "@"
    assert formats["Recommendation text"] == "General"  # Excel shows long text cells as ####
    assert formats["Recommendation date"] == formats["Due date"] == "dd/mm/yyyy"


def test_a_case_reference_typed_with_leading_zeros_keeps_them_in_xlsx_and_csv() -> None:
    """007 typed into a cell formatted to show three digits is kept as the number 7; as text
    in a CSV it is 007 already. Both are the case 007, not the case 7."""
    heads = tuple(f.header for f in CASES.fields[:6])
    row = ("Ann", datetime(2014, 2, 1), "05/02/2014", "dhr", "familial homicide")
    for number_format in ("000", "00#"):
        (case,) = cells(workbook("Cases", heads, ((7, number_format), *row)), "c.xlsx", CASES)
        assert case["reference"] == "007"
    line = "007,Ann,01/02/2014,05/02/2014,dhr,familial homicide"
    (case,) = cells(f"{','.join(heads)}\r\n{line}\r\n".encode(), "cases.csv", CASES)
    assert case["reference"] == "007"
