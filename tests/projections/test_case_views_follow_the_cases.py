"""The case views say what the cases say, after any sequence of case steps and corrections
(hypothesis, a fresh partnership each time): the region's DHR counts and its timeliness, live
and on past days, and its IMRs late by agency, fed live (SQLite + memory broker, PostgreSQL +
RabbitMQ), equal the same figures worked out from the cases themselves (``timeliness_on``,
``review_started_on``, ``imr_clock``...). A handler that missed a step, or read a correction
into the wrong column, shows here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from statistics import median
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.actionplan.agencies import agency_code
from domain.errors import DomainError
from domain.recording import acting_as
from domain.reviews import DomesticHomicideReview
from domain.reviews.values import DecisionOutcome, ImrOutcome, PauseReason, ReviewStatus
from projections.queries import dhr_counts, timeliness
from projections.queries.timeliness import CspTimeliness, Spread
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import fed_live, new_partnership, wait_caught_up
from tests.unit.steps import replayed

INCIDENT = date(2020, 1, 10)
TODAY = date(2022, 6, 30)  # 'now' for the live views: most drawn steps fall before it
CASES = (0, 1)
# a day near the case's latest step (most steps follow one another), or any day at all
nears = st.integers(min_value=-10, max_value=60).map(lambda n: ("near", n))
anys = st.integers(min_value=0, max_value=900).map(lambda n: ("any", n))
days = st.one_of(nears, nears, anys)
cases = st.sampled_from(CASES)
DATED = (
    "decided_on",
    "directed_on",
    "submitted_on",
    "approved_on",
    "decommissioned_on",
    "notified_on",
    "incident_on",
)

agencies = st.sampled_from(("police", "health"))
imr_dates = st.sampled_from(("requested_on", "due_on", "received_on"))
# the usual road of a case; "advance" takes its next step, so most examples get far along it
ROAD = (
    ("decide",),  # with the outcome "advance" drew
    ("hold_panel_meeting",),
    ("draft", "overview_report"),
    ("draft", "executive_summary"),
    ("agree_action_plan",),
    ("submit",),
    ("approve",),
)
# most decisions hold a review, so most cases go on along the road
outcomes = st.sampled_from((*["hold"] * 6, *(o.value for o in DecisionOutcome)))
advance = st.tuples(
    st.just("advance"), cases, st.integers(1, 60).map(lambda n: ("near", n)), outcomes
)
request_imr = st.tuples(st.just("request_imr"), cases, nears, agencies, st.integers(-1, 60))
receive_imr = st.tuples(st.just("receive_imr"), cases, days, agencies)
# an IMR's whole round: requested (due in a month), received, returned for more work, received again
imr_round = st.tuples(
    st.just("imr_round"),
    cases,
    nears,
    agencies,
    st.lists(st.integers(1, 45), min_size=3, max_size=3),
)
IMR_STEPS = st.one_of(
    imr_round,
    imr_round,
    request_imr,
    request_imr,
    st.tuples(st.just("extend_imr"), cases, days, agencies, st.integers(0, 60)),
    st.tuples(st.just("chase_imr"), cases, days, agencies),
    receive_imr,
    receive_imr,
    st.tuples(st.just("assess_imr"), cases, days, agencies, st.sampled_from(ImrOutcome)),
    st.tuples(st.just("correct_imr"), cases, days, st.integers(1, 2), imr_dates),
)
STEPS = (
    advance
    | advance
    | IMR_STEPS
    | st.one_of(
        st.tuples(st.just("direct"), cases, days),
        st.tuples(st.just("pause"), cases, days),
        st.tuples(st.just("resume"), cases, days),
        st.tuples(st.just("decommission"), cases, days, st.integers(0, 9)),
        st.tuples(st.just("correct"), cases, days, st.sampled_from(DATED)),
        st.tuples(st.just("correct_meeting"), cases, days, st.integers(1, 2)),
        st.tuples(st.just("add_pause"), cases, days, st.integers(1, 90)),
    )
)


class Caseload:
    """The partnership's cases driven step by step; a refusal is a step not taken."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.ids = [
            app.reviews.notify(
                f"DHR-{n}",
                INCIDENT + timedelta(30 * n),
                INCIDENT + timedelta(30 * n + 5),
                "Mary",
                "dhr",
                "intimate_partner_homicide",
            )
            for n in CASES
        ]
        self.latest = [INCIDENT + timedelta(30 * n + 5) for n in CASES]
        self.along = [0 for _ in CASES]  # how far along ``ROAD`` each case is

    def day(self, n: int, drawn: tuple[str, int]) -> date:
        kind, k = drawn
        on = self.latest[n] + timedelta(k) if kind == "near" else INCIDENT + timedelta(k)
        return min(on, TODAY)

    def run(self, step: tuple[Any, ...]) -> None:
        kind, n, drawn, *more = step
        along = kind == "advance"
        if along and self.app.reviews.get(self.ids[n]).status is ReviewStatus.PAUSED:
            kind, along = "resume", False
        elif along:
            if self.along[n] == len(ROAD):
                return
            kind, *steps = ROAD[self.along[n]]
            more = steps or more
        elif kind == "decommission" and more[0]:
            return  # it ends the case: rarely, so the others run first
        elif kind == "imr_round":
            agency, (sent, returned, resent) = more
            for part in (
                ("request_imr", n, drawn, agency, 30),
                ("receive_imr", n, ("near", sent), agency),
                ("assess_imr", n, ("near", returned), agency, ImrOutcome.RETURNED),
                ("receive_imr", n, ("near", resent), agency),
            ):
                self.run(part)
            return
        rid, on, reviews, imrs = self.ids[n], self.day(n, drawn), self.app.reviews, self.app.imrs
        actions = {
            "decide": lambda: reviews.decide(rid, on, str(more[0]), "reasons"),
            "direct": lambda: reviews.direct(rid, on),
            "hold_panel_meeting": lambda: reviews.hold_panel_meeting(rid, on),
            "pause": lambda: reviews.pause(rid, on, PauseReason.CRIMINAL_TRIAL.value),
            "resume": lambda: reviews.resume(rid, on),
            "draft": lambda: reviews.draft(rid, str(more[0]), on),
            "agree_action_plan": lambda: reviews.agree_action_plan(rid, on),
            "submit": lambda: reviews.submit(rid, on),
            "approve": lambda: reviews.approve(rid, on),
            "decommission": lambda: reviews.decommission(rid, on, "the Home Office agreed"),
            "correct": lambda: reviews.correct(rid, more[0], on, "keyed wrong"),
            "correct_meeting": lambda: reviews.correct(
                rid, f"panel_meeting.{more[0]}.met_on", on, "keyed wrong"
            ),
            "request_imr": lambda: imrs.request(
                rid, more[0], on, on + timedelta(more[1]) if more[1] >= 0 else None
            ),
            "extend_imr": lambda: imrs.extend(
                rid, more[0], on, on + timedelta(more[1]), "the agency asked"
            ),
            "chase_imr": lambda: imrs.chase(rid, more[0], on),
            "receive_imr": lambda: imrs.receive(rid, more[0], on),
            "assess_imr": lambda: imrs.assess(
                rid, more[0], on, str(more[1]), ("add the chronology",)
            ),
            "correct_imr": lambda: reviews.correct(
                rid, f"imr.{more[0]}.{more[1]}", on, "keyed wrong"
            ),
            "add_pause": lambda: reviews.correct(
                rid,
                "pause",
                {
                    "paused_on": on.isoformat(),
                    "resumed_on": (on + timedelta(more[0])).isoformat(),
                    "reason": "inquest",
                },
                "the inquest was not recorded",
            ),
        }
        try:
            actions[kind]()
        except DomainError:
            return
        self.latest[n] = max(self.latest[n], on)
        self.along[n] += along


def by(on: date | None, day: date) -> bool:
    return on is not None and on <= day


def spread(values: list[int | None]) -> Spread:
    known = [v for v in values if v is not None]
    return Spread(len(known), float(median(known)), max(known)) if known else Spread(0, None, None)


def figures(t: CspTimeliness) -> tuple[Any, ...]:
    return (
        t.cases,
        t.to_decision,
        t.to_first_panel,
        t.to_submission,
        t.decided_late,
        t.past_decision_target_now,
        t.past_completion_target_now,
    )


def expected_timeliness(reviews: list[DomesticHomicideReview], day: date) -> tuple[Any, ...]:
    """The region's overall timeliness row on ``day``, worked out from the cases alone."""
    known = [r for r in reviews if r.notified_on <= day]
    measured = [(r, r.timeliness_on(day)) for r in known if day >= r.incident_on]
    open_ = [(r, t) for r, t in measured if not by(r.approved_on, day)]
    return (
        len(known),
        spread([t.days_to_decision for _, t in measured]),
        spread([t.days_to_first_panel for _, t in measured]),
        spread([t.days_to_submission for _, t in measured]),
        sum(1 for _, t in measured if t.days_to_decision is not None and t.missed_decision_target),
        sum(
            1
            for r, t in measured
            if t.days_to_decision is None
            and not (r.decommissioned and by(r.decommissioned.closed_on, day))
            and t.missed_decision_target
        ),
        sum(1 for _, t in open_ if t.missed_completion_target),
    )


def by_agency(clocks: list[tuple[str, bool, int, bool]]) -> list[tuple[str, int, int, int, int]]:
    """(agency type, awaited, late, days late, chased) summed per agency type."""
    keys = sorted({k for k, *_ in clocks})
    return [
        (
            k,
            sum(1 for c, awaited, _, _ in clocks if c == k and awaited),
            sum(1 for c, _, late, _ in clocks if c == k and late > 0),
            sum(late for c, _, late, _ in clocks if c == k),
            sum(1 for c, _, _, chased in clocks if c == k and chased),
        )
        for k in keys
    ]


def expected_imrs(reviews: list[DomesticHomicideReview], day: date) -> list[tuple[Any, ...]]:
    """Per agency, IMRs with a due date: requested, awaited, late, days late, worst, chased."""
    clocks: dict[str, list[tuple[bool, int, bool]]] = {}
    for imr, late in (pair for r in reviews for pair in r.imr_clock(day)):
        if late is not None:
            clock = (imr.outstanding, late, bool(imr.chased_on))
            clocks.setdefault(agency_code(imr.agency), []).append(clock)
    return [
        (
            key,
            len(c),
            sum(1 for awaited, _, _ in c if awaited),
            sum(1 for _, late, _ in c if late > 0),
            sum(late for _, late, _ in c),
            max(late for _, late, _ in c),
            sum(1 for _, _, chased in c if chased),
        )
        for key, c in sorted(clocks.items())
    ]


# An IMR's steps and the day each is dated by; a step after the day asked had not happened.
IMR_DAYS = {
    "ImrRequested": "requested_on",
    "ImrReceived": "received_on",
    "ImrAssessed": "assessed_on",
    "ImrChased": "chased_on",
}


def imrs_as_they_stood(history: list[Any], day: date) -> list[tuple[str, bool, int, bool]]:
    """(agency type, awaited, days late, chased) of each IMR with a due date as it stood on ``day``:
    the case replayed without the IMR steps dated after it (extensions kept: due dates as
    now), then read with the domain's own ``Imr.outstanding`` and ``days_late``."""
    later = {
        e.agency.casefold()
        for e in history
        if type(e).__name__ == "ImrRequested" and e.requested_on > day
    }
    kept = [
        e
        for e in history
        if not (
            type(e).__name__.startswith("Imr")
            and (
                e.agency.casefold() in later
                or getattr(e, IMR_DAYS.get(type(e).__name__, ""), day) > day
            )
        )
    ]
    case = replayed([replace(e, originator_version=n) for n, e in enumerate(kept, 1)])
    return sorted(
        (agency_code(i.agency), i.outstanding, late, bool(i.chased_on))
        for i, late in case.imr_clock(day)
        if late is not None
    )


def expected_counts(reviews: list[DomesticHomicideReview], day: date) -> tuple[int, ...]:
    """The region's DHR counts up to ``day`` (notified, commenced, completed, decommissioned,
    alternative reviews, paused at the end), worked out from the cases alone."""
    alternative = DecisionOutcome.ALTERNATIVE_REVIEW
    return (
        sum(1 for r in reviews if r.notified_on <= day),
        sum(1 for r in reviews if by(r.review_started_on, day)),
        sum(1 for r in reviews if by(r.submitted_on, day)),
        sum(1 for r in reviews if r.decommissioned and by(r.decommissioned.closed_on, day)),
        sum(
            1
            for r in reviews
            if r.decision and r.decision.outcome is alternative and by(r.decision.decided_on, day)
        ),
        sum(
            1
            for r in reviews
            if any(p.paused_on <= day and not by(p.resumed_on, day) for p in r.pauses)
        ),
    )


@fed_live
@given(
    steps=st.lists(STEPS, min_size=30, max_size=60), looks=st.lists(days, min_size=2, max_size=4)
)
def test_the_case_views_say_what_the_cases_say(
    platform: Platform,
    service: ProjectionService,
    steps: list[tuple[Any, ...]],
    looks: list[tuple[str, int]],
) -> None:
    region, slug = new_partnership(platform, "cases")
    with acting_as("officer-1"), platform.ledgers.lease(slug) as app:
        load = Caseload(app)
        for step in steps:
            load.run(step)
        reviews = [app.reviews.get(rid) for rid in load.ids]
        histories: list[list[Any]] = [list(app.repository.event_store.get(rid)) for rid in load.ids]
    corrected_imrs = any(
        type(e).__name__ == "Corrected" and str(e.field).startswith("imr.")
        for h in histories
        for e in h
    )
    wait_caught_up(service.views, platform)

    imr_days = {  # either side of each receipt, return and chase: where an IMR's state turns
        getattr(e, name) + timedelta(shift)
        for h in histories
        for e in h
        if (name := IMR_DAYS.get(type(e).__name__, "")) and name != "requested_on"
        for shift in (-1, 0)
    }
    for day in sorted({TODAY, *(load.day(0, d) for d in looks), *imr_days}):
        got = timeliness(service.views, region, on=day).overall
        assert figures(got) == expected_timeliness(reviews, day), (day, steps)
        counts = dhr_counts(service.views, region, on=day).total
        assert (
            counts.notified,
            counts.commenced,
            counts.completed,
            counts.decommissioned,
            counts.alternative_reviews,
            counts.paused_now,
        ) == expected_counts(reviews, day), (day, steps)
        if not corrected_imrs:  # a corrected receipt's event keeps its first day: no oracle
            found = sorted(
                (a.key, a.awaited, a.late, a.days_late, a.chased)
                for a in timeliness(service.views, region, on=day).imrs_by_agency
            )
            assert found == by_agency(sum((imrs_as_they_stood(h, day) for h in histories), [])), (
                day,
                steps,
            )
    live = timeliness(service.views, region, today=TODAY).overall  # every step is by TODAY
    assert figures(live) == expected_timeliness(reviews, TODAY), steps
    imrs = timeliness(service.views, region, today=TODAY).imrs_by_agency
    assert [
        (a.key, a.requested, a.awaited, a.late, a.days_late, a.worst_days_late, a.chased)
        for a in sorted(imrs, key=lambda a: a.key)
    ] == expected_imrs(reviews, TODAY), steps
