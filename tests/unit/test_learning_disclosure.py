"""Secondary suppression in the national export: a small cell hidden alone in a row whose total
is published elsewhere would be given away by subtraction; a second cell is hidden with it."""

from __future__ import annotations

from domain.learning.disclosure import primary, protect, recoverable
from domain.learning.national import (
    MINIMUM_CASES,
    REVIEW_TABLES,
    CaseFacts,
    RecommendationFacts,
    tabulate,
)


def case(n: int, age_band: str, year: int = 2020) -> CaseFacts:
    return CaseFacts(
        case=n, year=year, region="midshire", review_kind="dhr",
        death_category="intimate_partner_homicide", age_band=age_band, relationship="partner",
    )  # fmt: skip


def crafted() -> list[CaseFacts]:
    """15 cases in one year and region: 6 aged 25-34, 7 aged 35-44, 2 aged 75+. The kind table
    publishes the total (15), so hiding only the 2 would leave 15 - 6 - 7 = 2 for anyone."""
    bands = ["25-34"] * 6 + ["35-44"] * 7 + ["75+"] * 2
    return [case(n, band) for n, band in enumerate(bands)]


def by_table(rows: list[dict[str, object]], table: str) -> dict[object, dict[str, object]]:
    return {r["age_band"]: r for r in rows if r["table"] == table}


def test_primary_suppression_alone_would_let_the_small_cell_be_worked_out() -> None:
    counts = {("2020", "25-34"): 6, ("2020", "35-44"): 7, ("2020", "75+"): 2}
    hidden = primary(counts, MINIMUM_CASES)
    assert hidden == {("2020", "75+")}
    assert recoverable(counts, hidden) == [("2020", "75+")]
    total = 15  # published by the kind table
    shown = sum(n for c, n in counts.items() if c not in hidden)
    assert total - shown == 2  # the leak this module exists to stop


def test_the_next_smallest_cell_of_the_line_is_hidden_too() -> None:
    rows = tabulate(crafted(), [])
    kinds = [r for r in rows if r["table"] == "reviews_by_kind"]
    assert [k["cases"] for k in kinds] == [15]  # the total anyone can read
    bands = by_table(rows, "reviews_by_age_band")
    assert bands["75+"]["suppressed"] and bands["25-34"]["suppressed"]
    assert (bands["35-44"]["cases"], bands["35-44"]["suppressed"]) == (7, False)
    shown = sum(int(r["cases"]) for r in bands.values() if not r["suppressed"])  # type: ignore[call-overload]
    assert 15 - shown == 8  # only the sum of two hidden cells: neither can be told apart


def test_no_line_of_any_table_is_left_with_a_lone_hidden_cell() -> None:
    """Several years and regions, so lines run along every dimension."""
    cases = [
        case(n, band, year)
        for n, (band, year) in enumerate(
            [("25-34", 2019)] * 9 + [("75+", 2019)] * 1 + [("25-34", 2020)] * 5
            + [("35-44", 2020)] * 3 + [("75+", 2020)] * 8 + [("35-44", 2021)] * 12
        )
    ]  # fmt: skip
    recs = [
        RecommendationFacts(c, ("identification-of-risk",), "police", "multi_agency",
                            "completed", "embedded", "not_routed")
        for c in cases
    ]  # fmt: skip
    rows = tabulate(cases, recs)
    for table, dims in REVIEW_TABLES.items():
        counts = {
            tuple(r[d] for d in dims): 1 for r in rows if r["table"] == table
        }  # the shape of the table: which cells exist
        hidden = {
            tuple(r[d] for d in dims) for r in rows if r["table"] == table and r["suppressed"]
        }
        assert recoverable(counts, hidden) == [], table
    assert all(r["suppressed"] or int(r["cases"]) >= MINIMUM_CASES for r in rows)  # type: ignore[call-overload]
    band = {(r["year"], r["age_band"]): r for r in rows if r["table"] == "reviews_by_age_band"}
    assert band[(2019, "25-34")]["suppressed"]  # 9 cases, hidden beside the lone 75+ of 2019
    assert band[(2020, "75+")]["suppressed"]  # 8, beside 2019's 75+ in the line across years
    assert band[(2021, "35-44")]["suppressed"]  # 12, beside 2020's 3 in the line across years
    kinds = [r["cases"] for r in rows if r["table"] == "reviews_by_kind"]
    assert kinds == [10, 16, 12]  # the yearly totals stay published


def test_protect_hides_nothing_when_nothing_is_small() -> None:
    assert protect({("a",): 5, ("b",): 9}, MINIMUM_CASES) == set()
    assert protect({}, MINIMUM_CASES) == set()


def test_a_line_of_one_hidden_cell_needs_no_partner() -> None:
    assert protect({("2020", "75+"): 2}, MINIMUM_CASES) == {("2020", "75+")}
