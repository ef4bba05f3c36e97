"""Review use cases on an in-memory ledger: get → command → save, and faithful replays."""

from __future__ import annotations

from datetime import date
from typing import Any, cast
from uuid import uuid4

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, NotFoundError
from domain.recording import acting_as
from domain.reviews import (
    DecisionOutcome,
    DomesticHomicideReview,
    FamilyMilestone,
    FeedbackPoint,
    FeedbackRound,
    PauseReason,
    ReviewIndex,
    ReviewKind,
    ReviewStatus,
    review_id,
)
from tenants.ledger import PartnershipLedger
from tests.unit.review_cases import ANSWERS, POINTS


def notify(ledger: PartnershipLedger, reference: str = "DHR-2014-03") -> object:
    return ledger.reviews.notify(
        reference,
        date(2014, 1, 10),
        date(2014, 1, 14),
        "Mary",
        "dhr",
        "intimate_partner_homicide",
        victim_age_band="35-44",
        victim_sex="female",
        perpetrator_relationship="former_intimate_partner",
    )


def run_whole_lifecycle(ledger: PartnershipLedger) -> DomesticHomicideReview:
    rid = ledger.reviews.notify(
        "DHR-2014-07",
        date(2014, 1, 10),
        date(2014, 1, 14),
        "FN",
        "joint_with_sar",
        "familial_homicide",
    )
    ledger.reviews.decide(rid, date(2014, 2, 3), "not_hold", "no qualifying relationship")
    ledger.reviews.notify_home_office(rid, date(2014, 2, 4))
    ledger.reviews.record_decision_check(rid, date(2014, 3, 1), "advised_review")
    ledger.reviews.direct(rid, date(2014, 3, 10))
    ledger.reviews.commission(
        rid, date(2014, 3, 12), "chair (ref CH-1)", "chair (ref CH-1)", 1_700_000
    )
    ledger.reviews.hold_panel_meeting(rid, date(2014, 4, 1))
    ledger.imrs.request(rid, "Staffordshire Police", date(2014, 3, 15))
    ledger.imrs.receive(rid, "Staffordshire Police", date(2014, 4, 20), with_chronology=True)
    ledger.reviews.pause(rid, date(2014, 5, 1), "inquest")
    ledger.reviews.resume(rid, date(2014, 6, 1))
    ledger.reviews.record_family_involvement(rid, "attended_panel", date(2014, 6, 3))
    ledger.reviews.draft(rid, "overview_report", date(2014, 7, 1))
    ledger.reviews.draft(rid, "executive_summary", date(2014, 7, 2))
    ledger.reviews.agree_action_plan(rid, date(2014, 7, 3))
    ledger.reviews.submit(rid, date(2014, 8, 1))
    ledger.reviews.receive_feedback(rid, date(2014, 9, 1), POINTS)
    ledger.reviews.resubmit(rid, date(2014, 9, 15), ANSWERS)
    ledger.reviews.approve(rid, date(2014, 10, 1))
    ledger.reviews.withhold_publication(rid, date(2014, 10, 2), "awaiting the end of proceedings")
    ledger.reviews.publish(rid, date(2015, 1, 5))
    return ledger.reviews.get(rid)


def replayed_from_store(ledger: PartnershipLedger, rid: object) -> DomesticHomicideReview:
    """Bypasses the aggregate cache: every stored event is decoded and applied again."""
    replayed: Any = None
    for stored in ledger.repository.event_store.get(rid):
        replayed = cast(Any, stored).mutate(replayed)
    assert isinstance(replayed, DomesticHomicideReview)
    return replayed


def test_notifying_a_death_returns_the_id_derived_from_the_reference(
    memory_ledger: PartnershipLedger,
) -> None:
    rid = notify(memory_ledger)
    assert rid == review_id("DHR-2014-03")
    review = memory_ledger.reviews.get(rid)  # type: ignore[arg-type]
    assert (review.reference, review.status) == ("DHR-2014-03", ReviewStatus.NOTIFIED)


def test_a_case_is_found_by_its_reference_in_any_case(memory_ledger: PartnershipLedger) -> None:
    rid = notify(memory_ledger)
    assert memory_ledger.reviews.id_for("dhr-2014-03") == rid


def test_cases_are_listed_in_order_of_notification(memory_ledger: PartnershipLedger) -> None:
    for reference in ("DHR-2014-03", "DHR-2013-11", "DHR-2015-01"):
        notify(memory_ledger, reference)
    assert [r.reference for r in memory_ledger.reviews.all()] == [
        "DHR-2014-03",
        "DHR-2013-11",
        "DHR-2015-01",
    ]


def test_a_new_ledger_lists_no_cases(memory_ledger: PartnershipLedger) -> None:
    assert memory_ledger.reviews.all() == []


def test_a_reference_already_used_is_refused_and_nothing_is_saved(
    memory_ledger: PartnershipLedger,
) -> None:
    notify(memory_ledger)
    position = memory_ledger.recorder.max_notification_id()
    with pytest.raises(DuplicateError, match="already used"):
        notify(memory_ledger, "dhr-2014-03")
    assert memory_ledger.recorder.max_notification_id() == position
    assert len(memory_ledger.reviews.all()) == 1


def test_an_unknown_review_id_is_not_found(memory_ledger: PartnershipLedger) -> None:
    with pytest.raises(NotFoundError, match="notify the death"):
        memory_ledger.reviews.get(uuid4())
    with pytest.raises(NotFoundError):
        memory_ledger.reviews.decide(uuid4(), date(2014, 2, 3), "hold")


def test_the_id_of_something_that_is_not_a_review_is_not_found(
    memory_ledger: PartnershipLedger,
) -> None:
    notify(memory_ledger)
    with pytest.raises(NotFoundError):
        memory_ledger.reviews.get(ReviewIndex.create_id())


def test_an_unknown_reference_is_not_found(memory_ledger: PartnershipLedger) -> None:
    with pytest.raises(NotFoundError, match="DHR-1999-01"):
        memory_ledger.reviews.id_for("DHR-1999-01")


def test_a_refused_command_saves_nothing(memory_ledger: PartnershipLedger) -> None:
    rid = notify(memory_ledger)
    position = memory_ledger.recorder.max_notification_id()
    with pytest.raises(InvalidTransitionError):
        memory_ledger.reviews.publish(rid, date(2014, 3, 1))  # type: ignore[arg-type]
    assert memory_ledger.recorder.max_notification_id() == position


def test_every_stored_event_names_who_recorded_it(memory_ledger: PartnershipLedger) -> None:
    with acting_as("user-1"):
        rid = notify(memory_ledger)
        memory_ledger.reviews.decide(rid, date(2014, 2, 3), "hold")  # type: ignore[arg-type]
    stored = list(memory_ledger.repository.event_store.get(rid))
    assert [e.recorded_by for e in stored] == ["user-1", "user-1"]  # type: ignore[attr-defined]
    assert stored[1].decided_on == date(2014, 2, 3)  # type: ignore[attr-defined]


def test_a_whole_lifecycle_replays_from_the_store_exactly(memory_ledger: PartnershipLedger) -> None:
    review = run_whole_lifecycle(memory_ledger)
    replayed = replayed_from_store(memory_ledger, review.id)
    assert replayed == review
    assert replayed.status is ReviewStatus.PUBLISHED
    assert replayed.kind is ReviewKind.JOINT_WITH_SAR
    assert replayed.decision is not None and replayed.decision.outcome is DecisionOutcome.NOT_HOLD
    assert replayed.pauses[0].reason is PauseReason.INQUEST
    assert replayed.family_involvement[0].milestone is FamilyMilestone.ATTENDED_PANEL
    assert isinstance(replayed.panel_meetings, tuple) and type(replayed.panel_meetings[0]) is date
    (letter,) = replayed.feedback_rounds
    assert isinstance(letter, FeedbackRound) and letter.points == POINTS
    assert all(type(p) is FeedbackPoint for p in letter.points)
    assert letter.answers == ANSWERS


def test_an_aggregate_saved_in_memory_equals_its_replay(memory_ledger: PartnershipLedger) -> None:
    review = DomesticHomicideReview.notify(
        "DHR-2016-02",
        date(2016, 1, 5),
        date(2016, 1, 6),
        "Ann",
        "dardr",
        "suspected_victim_suicide",
        victim_age_band="18-24",
    )
    review.decide(date(2016, 2, 1), "hold")
    review.pause(date(2016, 3, 1), "other", "parallel IOPC investigation")
    memory_ledger.save(review)
    assert replayed_from_store(memory_ledger, review.id) == review


def test_timeliness_is_read_through_the_ledger(memory_ledger: PartnershipLedger) -> None:
    review = run_whole_lifecycle(memory_ledger)
    t = memory_ledger.reviews.timeliness(review.id, date(2016, 1, 1))
    assert t.days_to_decision == 24 and t.paused_days == 31
