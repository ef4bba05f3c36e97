"""Findings, recommendations and actions for demo cases whose action plan has been agreed.

West Midlands' six completed DHRs carry 55 recommendations between them, as in seed 000.
Themes cluster as Birmingham's review found them (seed 003): nearly every review repeats the
three recurrent failures — adult and child risk assessment not integrated, the abuser not seen
as the source of risk, over-reliance on victims to keep themselves safe — and each region adds
its own second tier. Actions spread over done and impact-reviewed, done but never reviewed,
moving, re-dated and stuck (overdue once their due date passes); steps after today wait.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, timedelta
from uuid import UUID

from domain.actionplan.values import ImpactOutcome, ImplementationStatus, Judgement, Scope
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage
from tenants.demo.pace import Clock, NotYet
from tenants.demo.recommendations import RECOMMENDATIONS, RECURRENT, SECOND_TIER
from tenants.ledger import PartnershipLedger

WEST_MIDLANDS_COUNTS = {
    "BHM-DHR-01": 10,
    "BHM-DHR-02": 9,
    "COV-DHR-01": 9,
    "SAN-DHR-01": 9,
    "WAL-DHR-01": 9,
    "WOL-DHR-01": 9,
}


def add_plan(
    ledger: PartnershipLedger,
    review: UUID,
    case: DemoCase,
    today: date | None = None,
    lead: str | None = None,
) -> None:
    if case.stage < Stage.DRAFTED or case.decommissioned:
        return
    agreed = ledger.reviews.get(review).action_plan_agreed_on
    if agreed is None:
        return  # the case has not got that far yet
    clock = Clock(agreed, today or uk_today())
    preventable = Judgement.YES if case.stage >= Stage.SUBMITTED else Judgement.NOT_DETERMINED
    ledger.findings.judge(review, Judgement.NO, preventable, agreed)
    count = WEST_MIDLANDS_COUNTS.get(case.reference, 4)
    for n, pick in enumerate(themes_for(case.reference, count)):
        text, scope, themes, sector, owner, finding, action = RECOMMENDATIONS[pick]
        if n < 3:
            ledger.findings.record(review, finding, list(themes), agreed)
        rec = ledger.recommendations.make(
            review, f"R{n + 1}", text, Scope(scope), agreed, list(themes), target_sector=sector
        )
        try:
            if scope == "national":
                ledger.recommendations.route_nationally(rec, "Home Office", clock(30))
                ledger.recommendations.record_national_response(
                    rec, ImplementationStatus.PARTLY_MET, clock(200)
                )
            _act(ledger, rec, owner, action, clock, n + len(case.pseudonym), lead)
        except NotYet:
            continue


def themes_for(reference: str, count: int) -> list[int]:
    """The recurrent three first, in an order that varies by case, then the area's own."""
    prefix = reference.split("-")[0]
    turn = sum(map(ord, reference)) % 3
    recurrent = [RECURRENT[(turn + i) % 3] for i in range(3)]
    others = SECOND_TIER.get(prefix, (3, 4, 5, 6, 7, 8, 9))
    rest = [i for i in others if i not in recurrent]
    rest += [i for i in range(len(RECOMMENDATIONS)) if i not in rest and i not in recurrent]
    return (recurrent + rest)[:count]


def _act(
    ledger: PartnershipLedger,
    rec: UUID,
    owner: str,
    what: str,
    clock: Clock,
    n: int,
    lead: str | None,
) -> None:
    """A spread of statuses: done and reviewed, done awaiting review, moving, overdue, stuck."""
    action = ledger.actions.plan(rec, owner, what, clock.start + timedelta(days=180 + 30 * (n % 6)))
    pattern = n % 5
    if pattern == 4:
        return  # left open: overdue once its due date passes
    ledger.actions.start(action, clock(20))
    ledger.actions.record_progress(action, clock(90), "Draft procedure circulated")
    if pattern == 3:
        ledger.actions.change_due_date(
            action,
            clock.start + timedelta(days=400 + 30 * (n % 6)),
            "awaiting new IT system",
            clock(150),
        )
        return
    if pattern == 2:
        return
    completed = clock(170)
    ledger.actions.add_evidence(action, f"EV-{n + 1:03d}", completed)
    ledger.actions.complete(action, completed)
    with acting_as(lead) if lead else nullcontext():
        ledger.actions.confirm_completion(action, clock(184))
        if pattern == 0:
            ledger.actions.review_impact(
                action, clock(360), ImpactOutcome.EMBEDDED, "audit of 20 files"
            )
