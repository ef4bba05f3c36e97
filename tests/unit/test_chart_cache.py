"""Charts are drawn once per distinct input: the same numbers give the very same drawing,
and any change of a number, name or target draws anew."""

from __future__ import annotations

import base64
from typing import Any

from api.charts import months_by_partnership, timeliness_charts


def _chart(
    values: list[float | None], names: tuple[str, ...] = ("Walsall", "Dudley"), target: int = 7
) -> object:
    return months_by_partnership("Median months", list(names), values, target, "Timeliness")


def test_the_same_numbers_are_drawn_once() -> None:
    assert _chart([2.5, None]) is _chart([2.5, None])


def test_a_changed_number_name_or_target_is_drawn_anew() -> None:
    first: Any = _chart([2.5, None])
    others: list[Any] = [
        _chart([2.6, None]),
        _chart([2.5, None], names=("Walsall", "Sandwell")),
        _chart([2.5, None], target=1),
    ]
    assert all(o.src != first.src for o in others)


def test_a_partnership_without_a_figure_is_not_said_to_have_no_cases() -> None:
    """Solihull had a case awaiting its decision while the chart said 'no cases yet'."""
    charts = timeliness_charts(["Walsall", "Solihull"], [40.0, None], [200.0, None], "Table 2")
    decision, submission = (
        base64.b64decode(c.src.split(",", 1)[1]).decode() for c in charts.values()
    )
    assert "Solihull: no decision yet" in decision
    assert "Solihull: none submitted yet" in submission
    assert "no cases" not in decision + submission


def test_a_partnership_with_no_cases_in_the_period_is_said_to_have_none() -> None:
    """An empty period is not a case awaiting its decision: each says which it is."""
    charts = timeliness_charts(
        ["Walsall", "Solihull", "Dudley"],
        [40.0, None, None],
        [200.0, None, None],
        "Table 2",
        cases=[3, 1, 0],
    )
    decision, submission = (
        base64.b64decode(c.src.split(",", 1)[1]).decode() for c in charts.values()
    )
    assert "Solihull: no decision yet" in decision and "Dudley: no cases" in decision
    assert "Solihull: none submitted yet" in submission and "Dudley: no cases" in submission
    assert "Dudley: no decision yet" not in decision
