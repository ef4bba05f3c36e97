"""What a case knows, and the state rules every command shares.

A plain mixin (not an aggregate) so the commands can live beside their rules in several
modules while ``DomesticHomicideReview`` stays the one aggregate that names every event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_date
from domain.reviews.qa import FeedbackRound
from domain.reviews.records import (
    Closure,
    Commission,
    Decision,
    DecisionCheck,
    FamilyInvolvement,
    Imr,
    Pause,
)
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
    decision: Decision | None
    home_office_notified_on: date | None
    decision_check: DecisionCheck | None
    directed_on: date | None
    commissions: tuple[Commission, ...]
    panel_meetings: tuple[date, ...]
    imrs: tuple[Imr, ...]
    pauses: tuple[Pause, ...]
    family_involvement: tuple[FamilyInvolvement, ...]
    overview_report_drafted_on: date | None
    executive_summary_drafted_on: date | None
    action_plan_agreed_on: date | None
    submitted_on: date | None  # the first submission: timeliness counts to it
    feedback_rounds: tuple[FeedbackRound, ...]
    approved_on: date | None
    published_on: date | None
    publication_withheld: Closure | None
    decommissioned: Closure | None

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
        """The decision to hold a review or, for a directed case, the direction."""
        return self.directed_on or (self.decision.decided_on if self.decision else None)

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

    def _require(self, action: str, *allowed: ReviewStatus, advice: str = "") -> None:
        if self.status not in allowed:
            states = ", ".join(s.value for s in allowed)
            if self.status is S.PAUSED and S.UNDER_REVIEW in allowed:
                advice = "Resume the review first."
            hint = f" {advice}" if advice else ""
            raise InvalidTransitionError(
                f"Cannot {action} case {self.reference} while it is {self.status.value}; "
                f"that needs the case to be {states}.{hint}"
            )

    def _check_dated(
        self, on: object, what: str, today: date | None, *earlier: tuple[str, date | None]
    ) -> date:
        return check_date(on, what, today, ("incident", self.incident_on), *earlier)
