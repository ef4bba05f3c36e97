"""The master action plan: filters, and the plan as it was recorded on a past quarter end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from domain.actionplan import ActionStatus, ImpactOutcome, Scope
from domain.errors import InvalidValueError, NotFoundError
from domain.recording import LedgerAggregate
from tenants.ledger import PartnershipLedger
from tests.unit.test_action_use_cases import open_review, recommend


@dataclass
class Clock:
    now: datetime


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """Events take their recording time from this clock."""
    clock = Clock(datetime(2016, 1, 4, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(LedgerAggregate.Event, "create_timestamp", staticmethod(lambda: clock.now))
    yield clock


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


@pytest.fixture
def plan(memory_ledger: PartnershipLedger, clock: Clock) -> dict[str, UUID]:
    ledger = memory_ledger
    review_id = open_review(ledger)
    dash = recommend(ledger, review_id, "1", themes=("dash-risk-assessment",))
    culture = recommend(
        ledger,
        review_id,
        "2",
        themes=("workforce-culture",),
        sector="health",
        scope=Scope.MULTI_AGENCY,
    )
    ids = {
        "audit": ledger.actions.plan(dash, "Police", "Audit DASH use", date(2016, 3, 15)),
        "train": ledger.actions.plan(culture, "Swanswell", "DASH training", date(2016, 6, 30)),
        "done": ledger.actions.plan(culture, "CCG", "GP briefing", date(2016, 2, 1)),
    }
    ledger.actions.complete(ids["done"], date(2016, 1, 20))
    clock.now = at(date(2016, 3, 10))
    ledger.actions.start(ids["audit"], date(2016, 3, 10))
    clock.now = at(date(2016, 4, 20))
    ledger.actions.complete(ids["audit"], date(2016, 3, 30))  # back-dated to before the quarter end
    ledger.actions.review_impact(ids["done"], date(2016, 4, 20), ImpactOutcome.PARTLY_EMBEDDED, "")
    clock.now = at(date(2016, 5, 1))
    ids["late"] = ledger.actions.plan(dash, "Police", "Supervision audit", date(2016, 9, 30))
    return ids


def action_ids(lines: list) -> set:
    return {line.action_id for line in lines}


def test_the_master_plan_lists_every_action_of_every_review(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    other_rec = recommend(memory_ledger, open_review(memory_ledger), "7")
    extra = memory_ledger.actions.plan(other_rec, "Housing", "Policy review", date(2016, 12, 1))
    lines = memory_ledger.plan.master(as_of=date(2016, 5, 2))
    assert action_ids(lines) == set(plan.values()) | {extra}
    assert [line.due_on for line in lines] == sorted(line.due_on for line in lines)


def test_actions_due_the_same_day_list_by_recommendation_number(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    due = date(2016, 6, 30)
    for reference in ("10", "2", "1"):
        rec = recommend(memory_ledger, review_id, reference)
        memory_ledger.actions.plan(rec, "Police", f"Action for {reference}", due)
    lines = memory_ledger.plan.master(as_of=date(2016, 5, 2))
    assert [line.recommendation_reference for line in lines] == ["1", "2", "10"]


def test_the_plan_filters_by_status_owner_and_overdue(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    as_of = date(2016, 7, 1)
    assert action_ids(memory_ledger.plan.master(as_of, owner="police")) == {
        plan["audit"],
        plan["late"],
    }
    completed = memory_ledger.plan.master(as_of, status=ActionStatus.COMPLETED)
    assert action_ids(completed) == {plan["audit"], plan["done"]}
    assert action_ids(memory_ledger.plan.master(as_of, owner="SWANSWELL")) == {plan["train"]}
    assert action_ids(memory_ledger.plan.master(as_of, overdue=True)) == {plan["train"]}


def test_a_home_office_theme_finds_the_seed_themes_that_roll_up_to_it(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    by_parent = memory_ledger.plan.master(date(2016, 7, 1), theme="identification-of-risk")
    assert action_ids(by_parent) == {plan["audit"], plan["late"]}
    by_code = memory_ledger.plan.master(date(2016, 7, 1), theme="workforce-culture")
    assert action_ids(by_code) == {plan["train"], plan["done"]}
    with pytest.raises(NotFoundError):
        memory_ledger.plan.master(date(2016, 7, 1), theme="no-such-theme")


def test_due_next_quarter_and_awaiting_impact_review(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    next_quarter = memory_ledger.plan.master(date(2016, 4, 1), due_next_quarter=True)
    assert action_ids(next_quarter) == {plan["train"]}
    awaiting = memory_ledger.plan.master(date(2016, 7, 1), awaiting_impact_review=True)
    # 'done' was found only partly embedded on 2016-04-20: its next review is due in October
    assert action_ids(awaiting) == {plan["audit"], plan["done"]}


def test_the_plan_at_31_march_2016_shows_what_was_recorded_by_then(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    lines = memory_ledger.plan.snapshot(date(2016, 3, 31))
    snapshot = {line.action_id: line for line in lines}
    assert set(snapshot) == {plan["audit"], plan["train"], plan["done"]}
    audit = snapshot[plan["audit"]]
    assert (audit.status, audit.overdue) == (ActionStatus.IN_PROGRESS, True)
    assert snapshot[plan["done"]].awaiting_impact_review
    overdue_then = memory_ledger.plan.snapshot(date(2016, 3, 31), overdue=True)
    assert action_ids(overdue_then) == {plan["audit"]}


def test_the_plan_before_anything_was_recorded_is_empty(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    assert memory_ledger.plan.snapshot(date(2015, 12, 31)) == []


def test_a_snapshot_needs_an_instant_with_a_time_zone(
    memory_ledger: PartnershipLedger, plan: dict
) -> None:
    with pytest.raises(InvalidValueError, match="time zone"):
        memory_ledger.plan.as_recorded_at(datetime(2016, 3, 31, 23, 0))
