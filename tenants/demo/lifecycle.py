"""Walk a fictional case through the DHR lifecycle up to the stage the demo wants it at.

Each case's dates come from its own pace (``pace.py``); a case whose next step would fall after
today stops there, as a real one would. Sign-off steps are recorded by the partnership's lead
when the demo has one.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any
from uuid import UUID

from domain.calendar import uk_today
from domain.recording import acting_as
from domain.reviews import FeedbackPoint, PointAnswer
from tenants.demo.imrs import back_long_ago, request_imrs, return_imrs
from tenants.demo.pace import Clock, NotYet, Pace, pace_for
from tenants.ledger import PartnershipLedger


class Stage(IntEnum):
    """How far a demo case has got; each stage includes every earlier step."""

    NOTIFIED = 0
    UNDER_REVIEW = 1
    PAUSED = 2
    DRAFTED = 3
    SUBMITTED = 4
    FEEDBACK = 5
    APPROVED = 6
    PUBLISHED = 7


@dataclass(frozen=True)
class DemoCase:
    reference: str
    pseudonym: str
    incident_on: date
    stage: Stage
    decision: str = "hold"
    category: str = "intimate_partner_homicide"
    relationship: str = "intimate_partner"
    sex: str = "female"
    age_band: str = "35-44"
    kind: str = "dhr"
    decommissioned: bool = False
    decided: bool = True  # False: still waiting for the partnership's decision
    trial: bool = False  # paused for a criminal trial, then resumed
    slow: bool = False  # drafting took far longer than most

    @property
    def pace(self) -> Pace:
        return pace_for(self.reference, self.trial, self.slow)


def record(
    ledger: PartnershipLedger, case: DemoCase, today: date | None = None, lead: str | None = None
) -> UUID:
    """Record the case as far as its stage, stopping at the first step dated after today."""
    day = Clock(case.incident_on, today or uk_today())
    review = ledger.reviews.notify(
        case.reference,
        case.incident_on,
        day(6),
        case.pseudonym,
        case.kind,
        case.category,
        case.age_band,
        case.sex,
        case.relationship,
    )
    try:
        _walk(ledger, review, case, day, lead)
    except NotYet:
        pass
    return review


def _walk(
    ledger: PartnershipLedger, review: UUID, case: DemoCase, day: Clock, lead: str | None
) -> None:
    if not case.decided:
        return
    pace = case.pace
    ledger.reviews.decide(review, day(pace.decided), case.decision, _reason(case.decision))
    ledger.reviews.notify_home_office(review, day(pace.decided + 4))
    if case.decision in ("not_hold", "alternative_review"):
        return
    ledger.reviews.commission(
        review, day(pace.commissioned), "independent chair", "independent author", 850_000
    )
    request_imrs(ledger, review, pace, day)
    ledger.reviews.record_family_involvement(
        review, "consulted_on_terms_of_reference", day(pace.commissioned + 15)
    )
    ledger.reviews.hold_panel_meeting(review, day(pace.first_panel))
    old = case.stage < Stage.DRAFTED and back_long_ago(pace, day)  # IMRs back, no draft yet
    if case.decommissioned:
        decommissioned = pace.first_panel + 90
        if old:  # those back by then; the rest were no longer needed
            return_imrs(ledger, review, pace, day, until=decommissioned)
        ledger.reviews.decommission(
            review, day(decommissioned), "Home Office agreed the criteria were not met"
        )
        return
    if case.stage == Stage.PAUSED or case.trial:
        ledger.reviews.pause(review, day(pace.paused), "criminal_trial", "trial listed")
        if case.stage == Stage.PAUSED:
            if old:  # agencies finished their IMRs while the trial went on
                return_imrs(ledger, review, pace, day)
            return
        ledger.reviews.resume(review, day(pace.resumed))
    if case.stage >= Stage.DRAFTED:
        _investigate_and_draft(ledger, review, pace, day)
    elif old:
        return_imrs(ledger, review, pace, day)
    with _as(lead):
        _assure(ledger, review, case, pace, day)


def _assure(
    ledger: PartnershipLedger, review: UUID, case: DemoCase, pace: Pace, day: Clock
) -> None:
    if case.stage >= Stage.SUBMITTED:
        ledger.reviews.submit(review, day(pace.submitted))
    if case.stage >= Stage.FEEDBACK:
        points = [
            FeedbackPoint(1, "clarify the chronology"),
            FeedbackPoint(2, "expand the GP section"),
        ]
        ledger.reviews.receive_feedback(review, day(pace.feedback), points)
    if case.stage >= Stage.APPROVED:
        answers = [PointAnswer(1, "chronology merged"), PointAnswer(2, "GP section rewritten")]
        ledger.reviews.resubmit(review, day(pace.resubmitted), answers)
        ledger.reviews.approve(review, day(pace.approved))
    if case.stage >= Stage.PUBLISHED:
        ledger.reviews.publish(review, day(pace.published))


def _investigate_and_draft(ledger: PartnershipLedger, review: UUID, pace: Pace, day: Clock) -> None:
    return_imrs(ledger, review, pace, day)
    ledger.reviews.record_family_involvement(review, "contributed", day(pace.imrs_back + 10))
    ledger.reviews.hold_panel_meeting(review, day(pace.second_panel))
    ledger.reviews.draft(review, "overview_report", day(pace.drafted))
    ledger.reviews.draft(review, "executive_summary", day(pace.drafted + 5))
    ledger.reviews.record_family_involvement(review, "received_draft", day(pace.drafted + 20))
    ledger.reviews.agree_action_plan(review, day(pace.plan_agreed))


def _as(actor: str | None) -> Any:
    return acting_as(actor) if actor else nullcontext()


def _reason(decision: str) -> str:
    return {
        "not_hold": "criteria not met: no domestic relationship",
        "alternative_review": "criteria not met; a learning review will be held instead",
    }.get(decision, "")
