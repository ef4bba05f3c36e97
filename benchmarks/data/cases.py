"""A DHR case's lifecycle as dated steps, with the mix the seeds describe.

Roughly: most deaths lead to a review; some are decided against (a few of those are then
directed by the Home Office); reviews take one to three years, a third are paused for a trial
or inquest, most get QA feedback before approval, and a few are decommissioned.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from uuid import UUID

from benchmarks.data.book import TenantBook
from benchmarks.data.plans import schedule_plan
from domain.funding import ReviewCost
from domain.reviews import DomesticHomicideReview, FeedbackPoint, PointAnswer

AGENCIES = (
    "Police",
    "Adult Social Care",
    "Children's Services",
    "GP Practice",
    "Acute Trust",
    "Mental Health Trust",
    "Probation",
    "Housing",
    "IDVA Service",
    "Substance Misuse",
)
KINDS = ("dhr",) * 8 + ("dardr", "joint_with_sar")
CATEGORIES = ("intimate_partner_homicide",) * 5 + (
    "familial_homicide",
    "familial_homicide",
    "homicide_suicide",
    "suspected_victim_suicide",
    "suspected_victim_suicide",
    "unexpected_death",
)
AGES = ("18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")
RELATIONS = ("intimate_partner", "former_intimate_partner", "child", "parent", "sibling")
FAMILY = ("contributed", "consulted_on_terms_of_reference", "had_expert_advocate", "attended_panel")


def schedule_case(book: TenantBook, rng: Random, number: int, incident: date) -> None:
    ref = f"DHR-{incident.year}-{number:03d}"
    rid = DomesticHomicideReview.create_id(ref)
    day = incident + timedelta(days=rng.randint(1, 20))

    def later(lo: int, hi: int) -> date:
        nonlocal day
        day = day + timedelta(days=rng.randint(lo, hi))
        return day

    def on(when: date, command: str, *args: object) -> None:
        book.at(when, lambda: getattr(book.aggregates[rid], command)(*args))

    def notify(notified: date = day) -> None:
        review = book.add(
            DomesticHomicideReview.notify(
                ref,
                incident,
                notified,
                f"Case {number}",
                rng.choice(KINDS),
                rng.choice(CATEGORIES),
                rng.choice(AGES),
                rng.choice(("female",) * 4 + ("male",)),
                rng.choice(RELATIONS),
            )
        )
        book.review_index.add(review.reference)

    book.at(day, notify)
    roll = rng.random()
    outcome = "hold" if roll < 0.72 else "not_hold" if roll < 0.88 else "joint_with_sar"
    on(later(15, 80), "decide", day, outcome, "" if outcome != "not_hold" else "criteria not met")
    on(later(1, 10), "notify_home_office", day)
    if outcome == "not_hold":
        checked = rng.random()
        if checked < 0.5:
            on(later(20, 90), "record_decision_check", day, "agreed")
            return
        if checked < 0.8:
            return
        on(later(20, 90), "record_decision_check", day, "advised_review")
        on(later(5, 30), "direct_review", day)
    cost_pence = rng.randint(17_000, 28_000) * 100
    on(later(15, 60), "commission", day, "chair ref CH", "author ref AU", cost_pence)
    _schedule_cost(book, rng, rid, day, cost_pence, incident)
    agencies = rng.sample(AGENCIES, rng.randint(4, 8))
    asked = later(3, 20)
    for agency in agencies:
        on(asked, "request_imr", agency, asked)
    on(later(20, 60), "hold_panel_meeting", day)
    for agency in agencies:
        got = asked + timedelta(days=rng.randint(40, 120))
        on(got, "receive_imr", agency, got, rng.random() < 0.6)
    day = max(day, asked + timedelta(days=121))
    if rng.random() < 0.3:
        on(later(1, 20), "pause", day, rng.choice(("criminal_trial", "inquest")), "")
        on(later(60, 300), "resume", day)
    for _ in range(rng.randint(1, 4)):
        on(later(20, 70), "hold_panel_meeting", day)
    for milestone in rng.sample(FAMILY, rng.randint(1, 4)):
        on(later(1, 30), "record_family_involvement", milestone, day)
    if rng.random() < 0.03:
        on(later(10, 60), "decommission", day, "Home Office agreed: joined to an SAR")
        return
    on(later(20, 90), "draft", "overview_report", day)
    on(later(1, 20), "draft", "executive_summary", day)
    if rng.random() < 0.5:
        on(later(1, 20), "record_family_involvement", "received_draft", day)
    on(later(1, 20), "agree_action_plan", day)
    schedule_plan(book, rng, rid, day, incident)
    on(later(5, 40), "submit", day)
    if rng.random() < 0.6:
        points = tuple(
            FeedbackPoint(i, f"Point {i} to address") for i in range(1, rng.randint(2, 5))
        )
        on(later(30, 120), "receive_feedback", day, points)
        answers = tuple(PointAnswer(p.number, f"Answered point {p.number}") for p in points)
        on(later(20, 90), "resubmit", day, answers)
    on(later(20, 120), "approve", day)
    if rng.random() < 0.15:
        on(later(1, 30), "withhold_publication", day, "awaiting the end of proceedings")
    on(later(10, 120), "publish", day)


def _schedule_cost(
    book: TenantBook, rng: Random, rid: UUID, day: date, pence: int, incident: date
) -> None:
    cid = ReviewCost.create_id(rid)

    def start() -> None:
        cost = book.add(ReviewCost.start(rid))
        cost.estimate("chair", pence // 2, day, incident_on=incident)
        cost.estimate("author", pence - pence // 2, day, incident_on=incident)

    book.at(day, start)
    spent = day
    for category in rng.sample(("chair", "author", "admin", "venue", "legal"), rng.randint(2, 4)):
        spent = spent + timedelta(days=rng.randint(30, 200))
        amount = rng.randint(500, 7_000) * 100
        invoice = f"{category} invoice"
        book.command(
            spent, cid, "record_actual", category, amount, spent, invoice, incident_on=incident
        )
