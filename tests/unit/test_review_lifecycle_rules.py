"""A case driven by any sequence of its dated steps and corrections (hypothesis): the case as it
stands always keeps the date rules its commands and its corrections are held to
(``check_chronology``: a decision not before the notification, a submission not before the
drafts, no pause across a later step...), a refused command records nothing, and the events
replay to the same case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.reviews import DomesticHomicideReview, FeedbackPoint, PointAnswer
from domain.reviews.chronology import check_chronology
from domain.reviews.correcting import PLAIN_DATES
from domain.reviews.values import (
    DecisionCheckOutcome,
    DecisionOutcome,
    Document,
    FamilyMilestone,
    ImrOutcome,
    PauseReason,
)
from tests.unit.steps import replayed, taken

TODAY = date(2025, 1, 1)
INCIDENT = date(2020, 1, 10)
# a day near the case's latest step (most steps follow one another), or any day at all
nears = st.integers(min_value=-10, max_value=45).map(lambda n: ("near", n))
anys = st.integers(min_value=-5, max_value=1500).map(lambda n: ("any", n))
days = st.one_of(nears, nears, nears, anys)
agencies = st.sampled_from(("police", "health"))
DATED = (*PLAIN_DATES, "decided_on", "decommissioned_on")


def _drawn(value: Any) -> bool:
    """A day as ``days`` draws it: ("near", n) or ("any", n)."""
    return isinstance(value, tuple) and len(value) == 2 and value[0] in ("near", "any")


def state_of(case: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(case).items() if not k.startswith("_")}


class ReviewLifecycleRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.case = DomesticHomicideReview.notify(
            "DHR-1",
            INCIDENT,
            INCIDENT + timedelta(10),
            "Mary",
            "dhr",
            "intimate_partner_homicide",
            today=TODAY,
        )
        self.history: list[Any] = list(self.case.collect_events())
        self.latest = INCIDENT + timedelta(10)

    def attempt(self, command: Any, *args: Any) -> None:
        """Run a command, its days drawn from ``days``; refused, it must have recorded nothing
        and changed nothing."""
        args = tuple(self.day(a) if _drawn(a) else a for a in args)
        recorded = taken(self.case, lambda: state_of(self.case), command, *args, today=TODAY)
        if recorded:
            self.history += recorded
            self.latest = max([self.latest, *(a for a in args if isinstance(a, date))])

    def day(self, drawn: tuple[str, int]) -> date:
        kind, n = drawn
        return min(self.latest + timedelta(n) if kind == "near" else INCIDENT + timedelta(n), TODAY)

    @rule(on=days, outcome=st.sampled_from(list(DecisionOutcome)))
    def decide(self, on: Any, outcome: DecisionOutcome) -> None:
        self.attempt(self.case.decide, on, outcome.value, "the panel's reasons")

    @rule(on=days)
    def notify_home_office(self, on: Any) -> None:
        self.attempt(self.case.notify_home_office, on)

    @rule(on=days, outcome=st.sampled_from(list(DecisionCheckOutcome)))
    def check_the_decision(self, on: Any, outcome: DecisionCheckOutcome) -> None:
        self.attempt(self.case.record_decision_check, on, outcome.value)

    @rule(on=days)
    def direct_a_review(self, on: Any) -> None:
        self.attempt(self.case.direct_review, on)

    @rule(on=days, rarely=st.integers(0, 9))
    def decommission(self, on: Any, rarely: int) -> None:
        if rarely == 0:  # it ends the case: let the others run first
            self.attempt(self.case.decommission, on, "the Home Office agreed")

    @rule(on=days)
    def commission(self, on: Any) -> None:
        self.attempt(self.case.commission, on, "chair-1", "author-1", 850_000)

    @rule(on=days)
    def hold_a_panel(self, on: Any) -> None:
        self.attempt(self.case.hold_panel_meeting, on)

    @rule(agency=agencies, on=days)
    def request_an_imr(self, agency: str, on: Any) -> None:
        self.attempt(self.case.request_imr, agency, on)

    @rule(agency=agencies, on=days)
    def receive_an_imr(self, agency: str, on: Any) -> None:
        self.attempt(self.case.receive_imr, agency, on)

    @rule(agency=agencies, on=days, due=days)
    def extend_an_imr(self, agency: str, on: Any, due: Any) -> None:
        self.attempt(self.case.extend_imr, agency, on, due, "the agency asked for more time")

    @rule(agency=agencies, on=days)
    def chase_an_imr(self, agency: str, on: Any) -> None:
        self.attempt(self.case.chase_imr, agency, on)

    @rule(agency=agencies, on=days, outcome=st.sampled_from(list(ImrOutcome)))
    def assess_an_imr(self, agency: str, on: Any, outcome: ImrOutcome) -> None:
        points = ("add the chronology",) if outcome is ImrOutcome.RETURNED else ()
        self.attempt(self.case.assess_imr, agency, on, outcome.value, points)

    @rule(on=days, milestone=st.sampled_from(list(FamilyMilestone)))
    def involve_the_family(self, on: Any, milestone: FamilyMilestone) -> None:
        self.attempt(self.case.record_family_involvement, milestone.value, on)

    @rule(on=days)
    def receive_qa_feedback(self, on: Any) -> None:
        self.attempt(self.case.receive_feedback, on, (FeedbackPoint(1, "Clarify"),))

    @rule(on=days)
    def resubmit(self, on: Any) -> None:
        self.attempt(self.case.resubmit, on, (PointAnswer(1, "Clarified"),))

    @rule(on=days, reason=st.sampled_from(list(PauseReason)))
    def pause(self, on: Any, reason: PauseReason) -> None:
        self.attempt(self.case.pause, on, reason.value)

    @rule(on=days)
    def resume(self, on: Any) -> None:
        self.attempt(self.case.resume, on)

    @rule(on=days, document=st.sampled_from(list(Document)))
    def draft(self, on: Any, document: Document) -> None:
        self.attempt(self.case.draft, document.value, on)

    @rule(on=days)
    def agree_the_action_plan(self, on: Any) -> None:
        self.attempt(self.case.agree_action_plan, on)

    @rule(on=days)
    def submit(self, on: Any) -> None:
        self.attempt(self.case.submit, on)

    @rule(on=days)
    def approve(self, on: Any) -> None:
        self.attempt(self.case.approve, on)

    @rule(on=days)
    def publish(self, on: Any) -> None:
        self.attempt(self.case.publish, on)

    @rule(on=days)
    def withhold_publication(self, on: Any) -> None:
        self.attempt(self.case.withhold_publication, on, "criminal proceedings")

    @rule(field=st.sampled_from(DATED), on=days)
    def correct(self, field: str, on: Any) -> None:
        self.attempt(self.case.correct, field, on, "keyed wrong")

    @rule(start=days, length=st.integers(1, 120))
    def add_a_missed_pause(self, start: Any, length: int) -> None:
        """A past pause found missing, recorded as a correction (field 'pause')."""
        paused_on = self.day(start)
        missed = {
            "paused_on": paused_on.isoformat(),
            "resumed_on": (paused_on + timedelta(length)).isoformat(),
            "reason": "inquest",
        }
        self.attempt(self.case.correct, "pause", missed, "the inquest was not recorded")

    @invariant()
    def the_case_keeps_its_date_rules(self) -> None:
        check_chronology(self.case, TODAY)

    @invariant()
    def the_events_replay_to_the_same_case(self) -> None:
        assert state_of(replayed(self.history)) == state_of(self.case)


ReviewLifecycleRules.TestCase.settings = settings(
    max_examples=300, stateful_step_count=60, deadline=None
)
test_review_lifecycle_rules = ReviewLifecycleRules.TestCase
