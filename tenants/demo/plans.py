"""Findings, recommendations and actions for demo cases whose action plan has been agreed.

West Midlands' six completed DHRs carry 55 recommendations between them, as in seed 000;
themes repeat across partnerships so the regional view has something to show.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.actionplan.values import ImpactOutcome, ImplementationStatus, Judgement, Scope
from tenants.demo.lifecycle import DemoCase, Stage
from tenants.ledger import PartnershipLedger

# (text, scope, themes, target sector, owner agency)
RECOMMENDATIONS = (
    (
        "Integrate adult and child risk assessment at first contact",
        "multi_agency",
        ("risk-assessment-integration", "dash-risk-assessment"),
        "children-social-care",
        "Children's Services",
    ),
    (
        "Treat the perpetrator as the source of risk in safety planning",
        "multi_agency",
        ("abuser-as-source-of-risk",),
        "idva-domestic-abuse-service",
        "Domestic Abuse Service",
    ),
    (
        "Stop relying on the victim to keep herself safe after MARAC",
        "multi_agency",
        ("over-reliance-on-victims", "marac-mash-links"),
        "police",
        "Police",
    ),
    (
        "Routine enquiry about domestic abuse in GP consultations",
        "single_agency",
        ("primary-care-early-identification",),
        "primary-care",
        "Clinical Commissioning Group",
    ),
    (
        "Joint protocol for mental health and substance misuse with domestic abuse",
        "multi_agency",
        ("mental-health", "substance-misuse", "complex-needs"),
        "commissioned-mental-health-providers",
        "Mental Health Trust",
    ),
    (
        "Train front-line staff to recognise coercive control",
        "regional",
        ("coercive-control", "training-and-awareness"),
        "police",
        "Police",
    ),
    (
        "Share information with MASH within 24 hours of a high-risk DASH",
        "multi_agency",
        ("information-sharing", "marac-mash-links"),
        "social-services",
        "Adult Social Care",
    ),
    (
        "Record the household's make-up on every housing visit",
        "single_agency",
        ("record-keeping",),
        "housing",
        "Housing",
    ),
    (
        "Supervision that challenges professional optimism",
        "single_agency",
        ("workforce-culture",),
        "health",
        "Acute Hospital Trust",
    ),
    (
        "Ask the Home Office to publish a national DHR learning library",
        "national",
        ("awareness-raising",),
        "csp",
        "Community Safety Partnership",
    ),
)
WEST_MIDLANDS_COUNTS = {
    "BHM-DHR-01": 10,
    "BHM-DHR-02": 9,
    "COV-DHR-01": 9,
    "SAN-DHR-01": 9,
    "WAL-DHR-01": 9,
    "WOL-DHR-01": 9,
}


def add_plan(ledger: PartnershipLedger, review: UUID, case: DemoCase) -> None:
    if case.stage < Stage.DRAFTED or case.decommissioned:
        return
    agreed = case.incident_on + timedelta(days=340)
    preventable = Judgement.YES if case.stage >= Stage.SUBMITTED else Judgement.NOT_DETERMINED
    ledger.judge_review(review, Judgement.NO, preventable, agreed)
    count = WEST_MIDLANDS_COUNTS.get(case.reference, 4)
    for n in range(count):
        text, scope, themes, sector, owner = RECOMMENDATIONS[
            (n + len(case.reference)) % len(RECOMMENDATIONS)
        ]
        if n < 3:
            ledger.record_finding(review, f"Finding: {text.lower()}", list(themes), agreed)
        rec = ledger.make_recommendation(
            review, f"R{n + 1}", text, Scope(scope), agreed, list(themes), target_sector=sector
        )
        if scope == "national":
            ledger.route_recommendation_nationally(rec, "Home Office", agreed + timedelta(days=30))
            ledger.record_national_response(
                rec, ImplementationStatus.PARTLY_MET, agreed + timedelta(days=200)
            )
        _act(ledger, rec, owner, agreed, n)


def _act(ledger: PartnershipLedger, rec: UUID, owner: str, agreed: date, n: int) -> None:
    """A spread of statuses: done and reviewed, done awaiting review, moving, overdue, stuck."""
    action = ledger.plan_action(
        rec, owner, "Implement the recommendation", agreed + timedelta(days=180 + 30 * n)
    )
    pattern = n % 5
    if pattern == 4:
        return  # left open: overdue once its due date passes
    ledger.start_action(action, agreed + timedelta(days=20))
    ledger.record_action_progress(action, agreed + timedelta(days=90), "Draft procedure circulated")
    if pattern == 3:
        ledger.change_action_due_date(
            action,
            agreed + timedelta(days=400 + 30 * n),
            "awaiting new IT system",
            agreed + timedelta(days=150),
        )
        return
    if pattern == 2:
        return
    completed = agreed + timedelta(days=170)
    ledger.add_action_evidence(action, f"EV-{n + 1:03d}", completed)
    ledger.complete_action(action, completed)
    ledger.confirm_action_completion(action, completed + timedelta(days=14))
    if pattern == 0:
        ledger.review_action_impact(
            action, completed + timedelta(days=190), ImpactOutcome.EMBEDDED, "audit of 20 files"
        )
