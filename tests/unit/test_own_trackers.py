"""Reading an officer's own tracker: its headings matched to the template's columns only as
they choose, and the values trackers hold (an age, "F", "Ex-partner") read as the ledger's."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from api.imports.fields import CellError
from api.imports.reading import headings, likely, read
from api.imports.sheets import ACTIONS, CASES

HEADS = (
    "DHR Ref",
    "Pseudonym",
    "Date of death",
    "Date notified to CSP",
    "Type",
    "Category",
    "Age",
    "Sex",
    "Relationship to perpetrator",
    "Notes",
)
ROW = (
    "CHA/2019/01",
    "Rose",
    date(2019, 3, 2),
    "09/03/2019",
    "DHR",
    "Intimate partner homicide",
    34,
    "F",
    "Ex-partner",
    "chair appointed",
)


def tracker(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DHR tracker"
    sheet.append(HEADS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_trackers_headings_are_offered_as_the_likely_template_columns() -> None:
    name, heads = headings(tracker(ROW), "mine.xlsx", CASES)
    assert name == "DHR tracker"
    assert dict(heads)["Date of death"].date() == date(2019, 3, 2)  # shown to recognise it by
    guess = likely(CASES, tuple(h for h, _ in heads))
    assert guess["reference"] == "DHR Ref" and guess["incident_on"] == "Date of death"
    assert guess["notified_on"] == "Date notified to CSP" and guess["kind"] == "Type"
    assert guess["perpetrator_relationship"] == "Relationship to perpetrator"
    assert "Notes" not in guess.values()
    assert likely(CASES, tuple(h for h, _ in heads), aliases=False) == {"pseudonym": "Pseudonym"}


def test_a_sheet_read_through_the_chosen_columns_names_what_it_leaves_out() -> None:
    chosen = likely(CASES, HEADS)
    sheet = read(tracker(ROW), "mine.xlsx", CASES, chosen)
    assert not sheet.problems
    (row,) = sheet.rows
    assert row.cells["reference"] == "CHA/2019/01" and row.cells["victim_age_band"] == 34
    assert sheet.ignored == ("Notes",)
    assert sheet.heading("Incident date") == "Date of death"
    assert sheet.heading("Pseudonym") == "Pseudonym"

    unchosen = read(tracker(ROW), "mine.xlsx", CASES, {**chosen, "incident_on": ""})
    assert [(p.column, p.message) for p in unchosen.problems] == [
        ("Incident date", "Choose the column that holds Incident date.")
    ]
    gone = read(tracker(ROW), "mine.xlsx", CASES, {**chosen, "pseudonym": "Name"})
    assert [p.message for p in gone.problems] == ["The file has no column 'Name'; choose again."]


def test_by_its_own_headings_a_tracker_is_refused_once_per_column_not_per_row() -> None:
    sheet = read(tracker(ROW, ROW), "mine.xlsx", CASES)
    unknown = [p for p in sheet.problems if "is not in the cases template" in p.message]
    missing = [p for p in sheet.problems if p.message.startswith("Add a column headed")]
    assert len(unknown) == 9 and len(missing) == 5
    assert all(p.row == 1 for p in sheet.problems)
    assert "ledger import template" not in unknown[0].message  # a page's reader has no shell
    assert "whose columns are Reference, Pseudonym, Incident date" in unknown[0].message


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        (34, "25-34"),
        ("16", "16-17"),
        (75, "75+"),
        (98, "75+"),
        ("25 to 34", "25-34"),
        ("75+", "75+"),
    ],
)
def test_an_age_is_kept_only_as_its_band(typed: object, band: str) -> None:
    assert CASES.field("victim_age_band").read(typed) == band


def test_an_age_under_sixteen_is_refused_saying_what_a_review_covers() -> None:
    with pytest.raises(CellError, match="16 or over"):
        CASES.field("victim_age_band").read(15)


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("victim_sex", "F", "female"),
        ("victim_sex", "m", "male"),
        ("perpetrator_relationship", "Ex-partner", "former_intimate_partner"),
        ("perpetrator_relationship", "husband", "intimate_partner"),
        ("kind", "DHR", "dhr"),
        ("decision", "Hold a review", "hold"),
        ("decision", "yes", "hold"),  # under 'Decision to hold a review'
        ("decision", "No ", "not_hold"),
        ("decision", "Do not hold", "not_hold"),
    ],
)
def test_a_trackers_words_for_a_value_read_as_the_ledgers(key: str, typed: str, value: str) -> None:
    assert CASES.field(key).read(typed) == value


def test_a_word_that_could_mean_either_side_is_not_guessed() -> None:
    with pytest.raises(CellError, match="not a known relationship"):
        CASES.field("perpetrator_relationship").read("Son")  # whose son?


def test_an_action_plan_trackers_headings_are_offered_too() -> None:
    heads = (
        "DHR ref",
        "Rec no",
        "Recommendation text",
        "Action no",
        "Lead agency",
        "Action required",
        "Target date",
        "Date completed",
        "RAG",
    )
    guess = likely(ACTIONS, heads)
    assert guess == {
        "case_reference": "DHR ref",
        "recommendation_reference": "Rec no",
        "recommendation_text": "Recommendation text",
        "action_reference": "Action no",
        "owner": "Lead agency",
        "description": "Action required",
        "due_on": "Target date",
        "completed_on": "Date completed",
    }
