"""Walk a fictional case through the DHR lifecycle up to the stage the demo wants it at.

Offsets follow what the seeds report: a decision 1-3 months after the incident, an author
commissioned about a month later, a first panel 3-4 months after the incident, and every
review taking more than a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from uuid import UUID

from domain.reviews import FeedbackPoint, PointAnswer
from tenants.ledger import PartnershipLedger

AGENCIES = ("Police", "Adult Social Care", "Clinical Commissioning Group", "Housing")


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


def record(ledger: PartnershipLedger, case: DemoCase) -> UUID:
    day = _Calendar(case.incident_on)
    review = ledger.notify_death(
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
    ledger.decide_review(review, day(40), case.decision, _reason(case.decision))
    ledger.notify_home_office_of_decision(review, day(44))
    if case.decision in ("not_hold", "alternative_review"):
        return review
    ledger.commission_chair_and_author(
        review, day(75), "independent chair", "independent author", 850_000
    )
    for agency in AGENCIES:
        ledger.request_imr(review, agency, day(80))
    ledger.hold_panel_meeting(review, day(110))
    if case.decommissioned:
        ledger.decommission_review(review, day(200), "Home Office agreed the criteria were not met")
        return review
    if case.stage == Stage.PAUSED:
        ledger.pause_review(review, day(130), "criminal_trial", "trial listed")
        return review
    if case.stage >= Stage.DRAFTED:
        _investigate_and_draft(ledger, review, day)
    if case.stage >= Stage.SUBMITTED:
        ledger.submit_review(review, day(400))
    if case.stage >= Stage.FEEDBACK:
        points = [
            FeedbackPoint(1, "clarify the chronology"),
            FeedbackPoint(2, "expand the GP section"),
        ]
        ledger.receive_qa_feedback(review, day(520), points)
    if case.stage >= Stage.APPROVED:
        answers = [PointAnswer(1, "chronology merged"), PointAnswer(2, "GP section rewritten")]
        ledger.resubmit_review(review, day(560), answers)
        ledger.approve_review(review, day(600))
    if case.stage >= Stage.PUBLISHED:
        ledger.publish_review(review, day(640))
    return review


def _investigate_and_draft(ledger: PartnershipLedger, review: UUID, day: _Calendar) -> None:
    for agency in AGENCIES:
        ledger.receive_imr(review, agency, day(150), with_chronology=True)
    ledger.record_family_involvement(review, "consulted_on_terms_of_reference", day(90))
    ledger.record_family_involvement(review, "contributed", day(160))
    ledger.hold_panel_meeting(review, day(190))
    ledger.record_review_draft(review, "overview_report", day(300))
    ledger.record_review_draft(review, "executive_summary", day(305))
    ledger.record_family_involvement(review, "received_draft", day(320))
    ledger.agree_review_action_plan(review, day(340))


def _reason(decision: str) -> str:
    return {
        "not_hold": "criteria not met: no domestic relationship",
        "alternative_review": "criteria not met; a learning review will be held instead",
    }.get(decision, "")


class _Calendar:
    def __init__(self, start: date) -> None:
        self.start = start

    def __call__(self, days: int) -> date:
        return self.start + timedelta(days=days)
