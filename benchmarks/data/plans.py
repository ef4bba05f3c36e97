"""A review's findings, recommendations and the actions that implement them, as dated steps.

West Midlands had 55 recommendations from 6 DHRs; each becomes one to three actions whose
owners post progress updates until completion, sign-off and (for most) an impact review.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from uuid import UUID

from benchmarks.data.book import TenantBook
from domain.actionplan import Action, Recommendation, ReviewFindings, Scope

THEMES = (
    "technology-systems",
    "identification-of-risk",
    "training",
    "policy",
    "multi-agency-working",
    "record-keeping",
    "awareness-raising",
    "mental-health",
    "substance-misuse",
    "complex-needs",
    "dash-risk-assessment",
    "marac-mash-links",
    "coercive-control",
    "training-and-awareness",
    "information-sharing",
    "workforce-culture",
    "abuser-as-source-of-risk",
    "over-reliance-on-victims",
)
SECTORS = (
    "police",
    "social-services",
    "health",
    "idva-domestic-abuse-service",
    "probation",
    "housing",
    "csp",
    "primary-care",
    "commissioned-mental-health-providers",
    "adult-social-care",
    "children-social-care",
    "substance-misuse-services",
)
SCOPES = ("single_agency",) * 5 + ("multi_agency",) * 3 + ("regional", "national")
OWNERS = (
    "Police",
    "Adult Social Care",
    "Children's Services",
    "CCG",
    "Acute Trust",
    "Mental Health Trust",
    "Probation",
    "Housing",
    "IDVA Service",
    "CSP",
)
IMPACT_REVIEW_MONTHS = 6


def schedule_plan(
    book: TenantBook, rng: Random, review_id: UUID, agreed: date, incident: date
) -> None:
    _schedule_findings(book, rng, review_id, agreed, incident)
    for number in range(1, rng.randint(3, 12) + 1):
        _schedule_recommendation(book, rng, review_id, str(number), agreed, incident)


def _schedule_findings(
    book: TenantBook, rng: Random, review_id: UUID, day: date, incident: date
) -> None:
    def record() -> None:
        findings = book.add(ReviewFindings(review_id=review_id))
        findings.judge(rng.choice(("yes", "no", "not_determined")), rng.choice(("yes", "no")), day)
        for i in range(rng.randint(2, 5)):
            themes = rng.sample(THEMES, rng.randint(1, 3))
            findings.record_finding(f"Finding {i}", themes, day, incident_on=incident)

    book.at(day, record)


def _schedule_recommendation(
    book: TenantBook, rng: Random, review_id: UUID, ref: str, made: date, incident: date
) -> None:
    rec_id = Recommendation.create_id(review_id, ref)
    scope = Scope(rng.choice(SCOPES))

    def make() -> None:
        rec = book.add(
            Recommendation.make(
                review_id,
                ref,
                f"Recommendation {ref}",
                scope,
                made,
                rng.sample(THEMES, rng.randint(1, 3)),
                target_organisation=rng.choice(OWNERS),
                target_sector=rng.choice(SECTORS),
                incident_on=incident,
            )
        )
        book.plan_index.list_recommendation(rec.id, review_id)

    book.at(made, make)
    if scope == "national":
        routed = made + timedelta(days=rng.randint(10, 90))
        book.at(routed, lambda: book.aggregates[rec_id].route_nationally("Home Office", routed))
        answered = routed + timedelta(days=rng.randint(60, 400))
        status = rng.choice(("fully_implemented", "partly_met", "not_met", "already_happening"))
        book.at(
            answered, lambda: book.aggregates[rec_id].record_national_response(status, answered, "")
        )
    for _ in range(rng.randint(1, 3)):
        _schedule_action(book, rng, review_id, rec_id, made)


def _schedule_action(
    book: TenantBook, rng: Random, review_id: UUID, rec_id: UUID, made: date
) -> None:
    due = made + timedelta(days=rng.randint(90, 540))
    holder: list[Action] = []

    def plan() -> None:
        action = book.add(
            Action.plan(rec_id, review_id, rng.choice(OWNERS), "Do the thing", due, made)
        )
        book.plan_index.list_action(action.id, rec_id)
        holder.append(action)

    def act(when: date, command: str, *args: object) -> None:
        book.at(when, lambda: getattr(holder[0], command)(*args))

    book.at(made, plan)
    day = made + timedelta(days=rng.randint(5, 60))
    act(day, "start", day)
    for i in range(rng.randint(1, 8)):
        day = day + timedelta(days=rng.randint(20, 95))
        act(day, "record_progress", day, f"Quarterly update {i + 1}: on track")
    if rng.random() < 0.2:
        act(day, "change_due_date", due + timedelta(days=rng.randint(30, 180)), "capacity", day)
    roll = rng.random()
    if roll < 0.05:
        act(day, "mark_not_achievable", day, "service decommissioned")
        return
    if roll < 0.2:
        return  # still open
    act(day, "add_evidence", f"EV-{rng.randint(1, 99999)}", day)
    act(day, "complete", day, IMPACT_REVIEW_MONTHS)
    if rng.random() < 0.8:
        confirmed = day + timedelta(days=rng.randint(5, 40))
        act(confirmed, "confirm_completion", confirmed, "hocs")
    if rng.random() < 0.6:
        reviewed = day + timedelta(days=rng.randint(170, 260))
        outcome = rng.choice(("embedded",) * 4 + ("partly_embedded", "not_embedded"))
        act(reviewed, "review_impact", reviewed, outcome, "checked with the owner")
