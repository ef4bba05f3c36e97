"""What a case knows, the questions asked of it, and the state rules every command shares.

``ReviewState`` is the base of ``DomesticHomicideReview`` (which declares every command and
event); the rule modules (``deciding``, ``imrs``, ...) take it as their first argument.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews import records
from domain.reviews.checks import check_date, check_text
from domain.reviews.qa import FeedbackRound
from domain.reviews.records import Imr
from domain.reviews.timeliness import Milestones, Timeliness, measure
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
)

S = ReviewStatus
WORKING = (S.UNDER_REVIEW, S.FEEDBACK_RECEIVED)
IN_REVIEW = (*WORKING, S.PAUSED, S.SUBMITTED)
COMPLETE = (S.APPROVED, S.PUBLISHED, S.PUBLICATION_WITHHELD)


class ReviewState:
    reference: str
    incident_on: date
    notified_on: date
    pseudonym: str
    kind: ReviewKind
    death_category: DeathCategory
    victim_age_band: AgeBand | None
    victim_sex: Sex | None
    perpetrator_relationship: Relationship | None
    stage: ReviewStatus
    decision: records.Decision | None
    home_office_notified_on: date | None
    decision_check: records.DecisionCheck | None
    directed_on: date | None
    commissions: tuple[records.Commission, ...]
    panel_meetings: tuple[date, ...]
    imrs: tuple[Imr, ...]
    pauses: tuple[records.Pause, ...]
    family_involvement: tuple[records.FamilyInvolvement, ...]
    overview_report_drafted_on: date | None
    # the day the family received the overview report draft as it now stands; None while they
    # have not, and once it is redrafted (a revision they have not received)
    draft_received_on: date | None
    executive_summary_drafted_on: date | None
    action_plan_agreed_on: date | None
    submitted_on: date | None  # the first submission: timeliness counts to it
    feedback_rounds: tuple[FeedbackRound, ...]
    approved_on: date | None
    published_on: date | None
    publication_withheld: records.Closure | None
    decommissioned: records.Closure | None

    @property
    def status(self) -> ReviewStatus:
        if self.stage in WORKING and self.pauses and self.pauses[-1].resumed_on is None:
            return S.PAUSED
        return self.stage

    @property
    def first_panel_on(self) -> date | None:
        return min(self.panel_meetings, default=None)

    @property
    def review_started_on(self) -> date | None:
        """The decision to hold a review or, for a directed case, the direction; None while
        no review is held (not decided, or decided not to review and not directed)."""
        held = self.decision is not None and self.decision.outcome.holds_review
        return self.directed_on or (self.decision.decided_on if held and self.decision else None)

    @property
    def agreed_cost_pence(self) -> int:
        return sum(c.cost_pence for c in self.commissions)

    @property
    def last_submitted_on(self) -> date | None:
        resubmitted = [r.resubmitted_on for r in self.feedback_rounds if r.resubmitted_on]
        return max(resubmitted, default=self.submitted_on)

    def timeliness(self, as_of: date) -> Timeliness:
        """Measured as of a date, because an open case keeps running late until it completes."""
        if not isinstance(as_of, date) or as_of < self.incident_on:
            raise InvalidValueError(
                f"Measure timeliness as of a date on or after the incident ({self.incident_on})."
            )
        completion_expected = self.decision is None or self.decision.outcome.holds_review
        milestones = Milestones(
            incident_on=self.incident_on,
            decided_on=self.decision.decided_on if self.decision else None,
            completion_expected=completion_expected or self.directed_on is not None,
            first_panel_on=self.first_panel_on,
            submitted_on=self.submitted_on,
            approved_on=self.approved_on,
            closed_on=self.decommissioned.closed_on if self.decommissioned else None,
        )
        return measure(milestones, self.pauses, as_of)

    def timeliness_on(self, day: date) -> Timeliness:
        """As it stood on a business day: only steps dated by then count (facts as known now)."""
        if not isinstance(day, date) or day < self.incident_on:
            raise InvalidValueError(
                f"Ask about a day on or after the incident ({self.incident_on})."
            )

        def by(on: date | None) -> date | None:
            return on if on is not None and on <= day else None

        decided = by(self.decision.decided_on) if self.decision else None
        holds = self.decision is None or decided is None or self.decision.outcome.holds_review
        milestones = Milestones(
            incident_on=self.incident_on,
            decided_on=decided,
            completion_expected=holds or by(self.directed_on) is not None,
            first_panel_on=by(self.first_panel_on),
            submitted_on=by(self.submitted_on),
            approved_on=by(self.approved_on),
            closed_on=by(self.decommissioned.closed_on) if self.decommissioned else None,
        )
        pauses = tuple(
            replace(p, resumed_on=by(p.resumed_on)) for p in self.pauses if p.paused_on <= day
        )
        return measure(milestones, pauses, day)

    def imr_clock(self, as_of: date) -> tuple[tuple[Imr, int | None], ...]:
        """Each IMR with its days late as of a date, for the panel and the timeliness view."""
        return tuple((i, i.days_late(as_of)) for i in self.imrs)

    def _imr(self, agency: str) -> Imr | None:
        return next((i for i in self.imrs if i.is_for(agency)), None)

    def _requested_imr(self, agency: str) -> Imr:
        imr = self._imr(check_text(agency, "agency", 120))
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {agency.strip()} for case {self.reference}; "
                "request it first."
            )
        return imr


STAGE_WORDS = {  # a stage as a refusal says it: "while it is {}", "needs the case to be {}"
    S.NOTIFIED: "notified",
    S.DECIDED_NOT_TO_REVIEW: "not to be reviewed",
    S.UNDER_REVIEW: "under review",
    S.PAUSED: "paused",
    S.SUBMITTED: "submitted to the Home Office",
    S.FEEDBACK_RECEIVED: "back with QA panel feedback",
    S.APPROVED: "approved",
    S.PUBLISHED: "published",
    S.PUBLICATION_WITHHELD: "withheld from publication",
    S.DECOMMISSIONED: "decommissioned",
}


def stage_words(*stages: ReviewStatus) -> str:
    """Stages in words, never their stored codes: "under review or paused"."""
    said = [STAGE_WORDS[s] for s in stages]
    return " or ".join([", ".join(said[:-1]), said[-1]] if len(said) > 2 else said)


def require(case: ReviewState, action: str, *allowed: ReviewStatus, advice: str = "") -> None:
    """Refuse a command the case's status does not allow, saying which statuses would."""
    if case.status not in allowed:
        states = stage_words(*allowed)
        if case.status is S.PAUSED and S.UNDER_REVIEW in allowed:
            advice = "Resume the review first."
        hint = f" {advice}" if advice else ""
        raise InvalidTransitionError(
            f"Cannot {action} case {case.reference} while it is {stage_words(case.status)}; "
            f"that needs the case to be {states}.{hint}"
        )


def check_dated(
    case: ReviewState, on: object, what: str, today: date | None, *earlier: tuple[str, date | None]
) -> date:
    """A step's date: not in the future, not before the incident nor the steps it follows."""
    return check_date(on, what, today, ("incident", case.incident_on), *earlier)


def check_milestone_dated(
    case: ReviewState, on: object, what: str, today: date | None, *earlier: tuple[str, date | None]
) -> date:
    """A step a paused review does not take (a panel meeting, a draft, the action plan's
    agreement, the submission, a resubmission, the approval: ``chronology.milestones``) is
    dated as any step, and not inside a pause the review has since resumed from."""
    day = check_dated(case, on, what, today, *earlier)
    for pause in case.pauses:
        if pause.resumed_on is not None and pause.paused_on < day < pause.resumed_on:
            raise InvalidValueError(
                f"The {what} cannot be on {day}: the review was paused from {pause.paused_on} "
                f"to {pause.resumed_on}, and a paused review takes no such step. Check the date."
            )
    return day
