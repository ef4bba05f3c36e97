"""``DomesticHomicideReview``: one death's case, from notification to publication or closure.

Written as the eventsourcing library documents: each public command method checks and then
calls a private method decorated with ``@event("Name")``, whose body is the state change and
whose arguments are the stored event's. The checks themselves are plain functions in small
modules named by the domain (``deciding``, ``inquiry``, ``imrs``, ``pausing``, ``family``,
``reporting``, ``assurance``, ``correcting``); each returns the event's arguments, so a refusal
raises before anything is recorded. The state and its queries are in ``state.ReviewState``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.choices import coerce
from domain.errors import InvalidValueError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.reviews import (
    assurance,
    correcting,
    deciding,
    family,
    imrs,
    inquiry,
    more_time,
    pausing,
    records,
    reporting,
    values,
)
from domain.reviews.checks import DHRS_BEGAN, check_date, check_pseudonym
from domain.reviews.qa import FeedbackPoint, FeedbackRound, PointAnswer
from domain.reviews.state import ReviewState

REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}")
S = values.ReviewStatus


@lru_cache(maxsize=4096)
def review_id(reference: str) -> UUID:
    """Case references are unique within a tenant and case-insensitive, so they make the id.

    Cached: importing a sheet asks for each row's id four times (already recorded? free in
    the index? the new case's id, the index's record of it), each a ``uuid5``."""
    return ledger_id("review", reference.strip().lower())


class DomesticHomicideReview(ReviewState, LedgerAggregate):
    @staticmethod
    def create_id(reference: str) -> UUID:
        return review_id(reference)

    @classmethod
    def notify(
        cls,
        reference: str,
        incident_on: date,
        notified_on: date,
        pseudonym: str,
        kind: str,
        death_category: str,
        victim_age_band: str | None = None,
        victim_sex: str | None = None,
        perpetrator_relationship: str | None = None,
        *,
        today: date | None = None,
        pseudonym_confirmed: bool = False,
    ) -> DomesticHomicideReview:
        """Open a case. There is deliberately no field for names, addresses or dates of birth."""
        pseudonym = check_pseudonym(pseudonym, pseudonym_confirmed)
        if not isinstance(reference, str) or not REFERENCE.fullmatch(reference.strip()):
            raise InvalidValueError(
                "A case reference is 1-40 letters, digits, '-', '/', '_' or '.', e.g. DHR-2014-03."
            )
        check_date(incident_on, "incident", today, DHRS_BEGAN)
        check_date(notified_on, "notification", today, ("incident", incident_on))
        return cls(
            reference=reference.strip(),
            incident_on=incident_on,
            notified_on=notified_on,
            pseudonym=pseudonym,
            kind=coerce(values.ReviewKind, kind, "review kind"),
            death_category=coerce(values.DeathCategory, death_category, "death category"),
            victim_age_band=_optional(values.AgeBand, victim_age_band, "age band"),
            victim_sex=_optional(values.Sex, victim_sex, "sex"),
            perpetrator_relationship=_optional(
                values.Relationship, perpetrator_relationship, "relationship"
            ),
        )

    @event("Notified")
    def __init__(
        self,
        reference: str,
        incident_on: date,
        notified_on: date,
        pseudonym: str,
        kind: str,
        death_category: str,
        victim_age_band: str | None,
        victim_sex: str | None,
        perpetrator_relationship: str | None,
    ) -> None:
        self.reference, self.pseudonym = reference, pseudonym
        self.incident_on, self.notified_on = incident_on, notified_on
        self.kind, self.death_category = (
            values.ReviewKind(kind),
            values.DeathCategory(death_category),
        )
        self.victim_age_band = values.AgeBand(victim_age_band) if victim_age_band else None
        self.victim_sex = values.Sex(victim_sex) if victim_sex else None
        rel = perpetrator_relationship
        self.perpetrator_relationship = values.Relationship(rel) if rel else None
        self.stage = S.NOTIFIED
        self.decision = self.decision_check = None
        self.home_office_notified_on = self.directed_on = None
        self.commissions, self.panel_meetings, self.imrs, self.pauses = (), (), (), ()
        self.family_involvement, self.feedback_rounds = (), ()
        self.overview_report_drafted_on = self.executive_summary_drafted_on = None
        self.draft_received_on = None
        self.action_plan_agreed_on = self.submitted_on = None
        self.approved_on = self.published_on = None
        self.publication_withheld = self.decommissioned = None

    # Whether the death is reviewed (rules: ``deciding``).

    def decide(
        self, decided_on: date, outcome: str, reason: str = "", *, today: date | None = None
    ) -> None:
        """Guidance expects it within a month of the incident; a refusal to review says why."""
        self._decided(*deciding.decide(self, decided_on, outcome, reason, today))

    @event("Decided")
    def _decided(self, decided_on: date, outcome: str, reason: str) -> None:
        self.decision = records.Decision(decided_on, values.DecisionOutcome(outcome), reason)
        self.stage = (
            S.UNDER_REVIEW if self.decision.outcome.holds_review else S.DECIDED_NOT_TO_REVIEW
        )

    def notify_home_office(self, notified_on: date, *, today: date | None = None) -> None:
        """The Home Office is told of every decision, review or not."""
        self._home_office_notified(deciding.notify_home_office(self, notified_on, today))

    @event("HomeOfficeNotified")
    def _home_office_notified(self, notified_on: date) -> None:
        self.home_office_notified_on = notified_on

    def record_decision_check(
        self, checked_on: date, outcome: str, *, today: date | None = None
    ) -> None:
        """The QA panel checks refusals and may advise the Secretary of State to direct a review."""
        self._decision_checked(*deciding.record_decision_check(self, checked_on, outcome, today))

    @event("DecisionChecked")
    def _decision_checked(self, checked_on: date, outcome: str) -> None:
        self.decision_check = records.DecisionCheck(
            checked_on, values.DecisionCheckOutcome(outcome)
        )

    def direct_review(self, directed_on: date, *, today: date | None = None) -> None:
        """A Secretary of State direction overturns a refusal: the case proceeds as a review."""
        self._review_directed(deciding.direct_review(self, directed_on, today))

    @event("ReviewDirected")
    def _review_directed(self, directed_on: date) -> None:
        self.directed_on = directed_on
        self.stage = S.UNDER_REVIEW

    def decommission(
        self, home_office_agreed_on: date, reason: str, *, today: date | None = None
    ) -> None:
        """Only with the Home Office's agreement, dated the day it agreed; never after approval."""
        self._decommissioned(*deciding.decommission(self, home_office_agreed_on, reason, today))

    @event("Decommissioned")
    def _decommissioned(self, home_office_agreed_on: date, reason: str) -> None:
        self.decommissioned = records.Closure(home_office_agreed_on, reason)
        self.stage = S.DECOMMISSIONED

    # Conducting the review (rules: ``inquiry``).

    def commission(
        self,
        commissioned_on: date,
        chair_ref: str,
        author_ref: str,
        cost_pence: int,
        *,
        today: date | None = None,
    ) -> None:
        """Cost is agreed up front; a replacement chair is a further commission, costs add up."""
        checked = inquiry.commission(
            self, commissioned_on, chair_ref, author_ref, cost_pence, today
        )
        self._commissioned(*checked)

    @event("Commissioned")
    def _commissioned(
        self, commissioned_on: date, chair_ref: str, author_ref: str, cost_pence: int
    ) -> None:
        commission = records.Commission(commissioned_on, chair_ref, author_ref, cost_pence)
        self.commissions = (*self.commissions, commission)

    def hold_panel_meeting(self, met_on: date, *, today: date | None = None) -> None:
        """The first meeting's date is a timeliness milestone."""
        self._panel_met(inquiry.hold_panel_meeting(self, met_on, today))

    @event("PanelMet")
    def _panel_met(self, met_on: date) -> None:
        self.panel_meetings = (*self.panel_meetings, met_on)

    # Agencies' IMRs and their clock (rules: ``imrs``).

    def request_imr(
        self,
        agency: str,
        requested_on: date,
        due_on: date | None = None,
        *,
        today: date | None = None,
    ) -> None:
        """Each agency is asked once, by a date; agencies keep writing while a review is paused."""
        self._imr_requested(*imrs.request_imr(self, agency, requested_on, due_on, today))

    @event("ImrRequested")
    def _imr_requested(self, agency: str, requested_on: date, due_on: date | None = None) -> None:
        # ``due_on`` defaults so that requests stored before due dates existed still replay.
        self.imrs = (*self.imrs, records.Imr(agency, requested_on, due_on=due_on))

    def extend_imr(
        self,
        agency: str,
        extended_on: date,
        due_on: date,
        reason: str,
        *,
        today: date | None = None,
    ) -> None:
        """More time is agreed, never silently: the reason is kept and the clock moves. With
        the agency's request for more time open, the event keeps the date it asked for
        (``asked_due_on``), so the history says whether the panel agreed to it as asked or to
        another date without replaying the case."""
        checked = imrs.extend_imr(self, agency, extended_on, due_on, reason, today)
        waiting = self._requested_imr(agency).open_extension_request
        self._imr_extended(*checked, waiting.due_on if waiting else None)

    @event("ImrExtended")
    def _imr_extended(
        self,
        agency: str,
        extended_on: date,
        due_on: date,
        reason: str,
        asked_due_on: date | None = None,
    ) -> None:
        # ``asked_due_on`` defaults so that extensions stored before it still replay; either
        # way it agrees to the agency's open request, if any, perhaps to another date
        extension = records.ImrExtension(extended_on, due_on, reason)
        self.imrs = imrs.changed(
            self.imrs,
            agency,
            lambda i: replace(i, extensions=(*i.extensions, extension)).answering_request(
                lambda r: replace(r, agreed_on=extended_on, agreed_due_on=due_on)
            ),
        )

    def ask_imr_extension(
        self,
        agency: str,
        asked_on: date,
        due_on: date,
        reason: str,
        *,
        today: date | None = None,
    ) -> None:
        """The agency asks for more time (rules: ``more_time``): only the panel extends, so
        the request waits, on the record, for its answer."""
        checked = more_time.ask_imr_extension(self, agency, asked_on, due_on, reason, today)
        self._imr_extension_asked(*checked)

    @event("ImrExtensionAsked")
    def _imr_extension_asked(self, agency: str, asked_on: date, due_on: date, reason: str) -> None:
        asked = records.ImrExtensionRequest(asked_on, due_on, reason)
        self.imrs = imrs.changed(
            self.imrs,
            agency,
            lambda i: replace(i, extension_requests=(*i.extension_requests, asked)),
        )

    def refuse_imr_extension(
        self, agency: str, refused_on: date, reason: str, *, today: date | None = None
    ) -> None:
        """The panel refuses the agency's request, saying why; agreeing is ``extend_imr``."""
        checked = more_time.refuse_imr_extension(self, agency, refused_on, reason, today)
        self._imr_extension_refused(*checked)

    @event("ImrExtensionRefused")
    def _imr_extension_refused(self, agency: str, refused_on: date, reason: str) -> None:
        self.imrs = imrs.changed(
            self.imrs,
            agency,
            lambda i: i.answering_request(
                lambda r: replace(r, refused_on=refused_on, refusal=reason)
            ),
        )

    def chase_imr(self, agency: str, chased_on: date, *, today: date | None = None) -> None:
        """A reminder sent to an agency whose IMR is still awaited; once a day is enough."""
        self._imr_chased(*imrs.chase_imr(self, agency, chased_on, today))

    @event("ImrChased")
    def _imr_chased(self, agency: str, chased_on: date) -> None:
        self.imrs = imrs.changed(
            self.imrs, agency, lambda i: replace(i, chased_on=(*i.chased_on, chased_on))
        )

    def receive_imr(
        self,
        agency: str,
        received_on: date,
        with_chronology: bool = False,
        *,
        today: date | None = None,
        with_report: bool = False,
    ) -> None:
        """A requested IMR arrives once, or again after the panel returned it for more work;
        ``with_report``: the agency attached its report as a document of the case."""
        received = imrs.receive_imr(self, agency, received_on, with_chronology, today)
        self._imr_received(*received, imrs.attached(with_report))

    @event("ImrReceived")
    def _imr_received(
        self, agency: str, received_on: date, with_chronology: bool, with_report: bool = False
    ) -> None:
        # ``with_report`` defaults so that receipts stored before agencies uploaded still replay
        self.imrs = imrs.changed(
            self.imrs,
            agency,
            lambda i: replace(
                i,
                received_on=received_on,
                with_chronology=with_chronology,
                receipts=i.receipts + 1,
                with_report=with_report,
            ).answering_request(lambda r: replace(r, overtaken_on=received_on)),
        )

    def assess_imr(
        self,
        agency: str,
        assessed_on: date,
        outcome: str,
        points: Sequence[str] = (),
        *,
        today: date | None = None,
    ) -> None:
        """The panel accepts an IMR, or returns it with the points the agency must address."""
        self._imr_assessed(*imrs.assess_imr(self, agency, assessed_on, outcome, points, today))

    @event("ImrAssessed")
    def _imr_assessed(
        self, agency: str, assessed_on: date, outcome: str, points: Sequence[str]
    ) -> None:
        assessment = records.ImrAssessment(assessed_on, values.ImrOutcome(outcome), tuple(points))
        self.imrs = imrs.changed(
            self.imrs, agency, lambda i: replace(i, assessments=(*i.assessments, assessment))
        )

    # Parallel proceedings (rules: ``pausing``).

    def pause(
        self, paused_on: date, reason: str, note: str = "", *, today: date | None = None
    ) -> None:
        """An 'other' reason must be described; the paused days are excluded from timeliness."""
        self._paused(*pausing.pause(self, paused_on, reason, note, today))

    @event("Paused")
    def _paused(self, paused_on: date, reason: str, note: str) -> None:
        self.pauses = (*self.pauses, records.Pause(paused_on, values.PauseReason(reason), note))

    def resume(self, resumed_on: date, *, today: date | None = None) -> None:
        self._resumed(pausing.resume(self, resumed_on, today))

    @event("Resumed")
    def _resumed(self, resumed_on: date) -> None:
        self.pauses = (*self.pauses[:-1], replace(self.pauses[-1], resumed_on=resumed_on))

    # The family (rules: ``family``).

    def record_family_involvement(
        self, milestone: str, occurred_on: date, *, today: date | None = None
    ) -> None:
        """Each milestone once, dated; the family can only receive a draft that exists."""
        checked = family.record_family_involvement(self, milestone, occurred_on, today)
        self._family_involved(*checked)

    @event("FamilyInvolved")
    def _family_involved(self, milestone: str, occurred_on: date) -> None:
        entry = records.FamilyInvolvement(values.FamilyMilestone(milestone), occurred_on)
        self.family_involvement = (*self.family_involvement, entry)
        if entry.milestone is values.FamilyMilestone.RECEIVED_DRAFT:
            self.draft_received_on = occurred_on

    # Writing up (rules: ``reporting``).

    def draft(self, document: str, drafted_on: date, *, today: date | None = None) -> None:
        """A revised draft (after QA feedback, say) replaces the date of the previous one."""
        self._drafted(*reporting.draft(self, document, drafted_on, today))

    @event("Drafted")
    def _drafted(self, document: str, drafted_on: date) -> None:
        if values.Document(document) is values.Document.OVERVIEW_REPORT:
            self.overview_report_drafted_on = drafted_on
            self.draft_received_on = None  # a revision the family has not received
        else:
            self.executive_summary_drafted_on = drafted_on

    def agree_action_plan(self, agreed_on: date, *, today: date | None = None) -> None:
        self._action_plan_agreed(reporting.agree_action_plan(self, agreed_on, today))

    @event("ActionPlanAgreed")
    def _action_plan_agreed(self, agreed_on: date) -> None:
        self.action_plan_agreed_on = agreed_on

    def submit(self, submitted_on: date, *, today: date | None = None) -> None:
        """The first submission; after QA feedback a case is resubmitted instead, point by point."""
        self._submitted(reporting.submit(self, submitted_on, today))

    @event("Submitted")
    def _submitted(self, submitted_on: date) -> None:
        self.submitted_on = submitted_on
        self.stage = S.SUBMITTED

    # The Home Office QA panel and publication (rules: ``assurance``).

    def receive_feedback(
        self, received_on: date, points: Iterable[FeedbackPoint], *, today: date | None = None
    ) -> None:
        self._feedback_received(*assurance.receive_feedback(self, received_on, points, today))

    @event("FeedbackReceived")
    def _feedback_received(self, received_on: date, points: tuple[FeedbackPoint, ...]) -> None:
        self.feedback_rounds = (*self.feedback_rounds, FeedbackRound(received_on, tuple(points)))
        self.stage = S.FEEDBACK_RECEIVED

    def resubmit(
        self, resubmitted_on: date, answers: Iterable[PointAnswer], *, today: date | None = None
    ) -> None:
        """A resubmission answers every point of the latest letter, and no other."""
        self._resubmitted(*assurance.resubmit(self, resubmitted_on, answers, today))

    @event("Resubmitted")
    def _resubmitted(self, resubmitted_on: date, answers: tuple[PointAnswer, ...]) -> None:
        answered = self.feedback_rounds[-1].answered(resubmitted_on, tuple(answers))
        self.feedback_rounds = (*self.feedback_rounds[:-1], answered)
        self.stage = S.SUBMITTED

    def approve(self, approved_on: date, *, today: date | None = None) -> None:
        """Approval completes the review: timeliness stops counting here."""
        self._approved(assurance.approve(self, approved_on, today))

    @event("Approved")
    def _approved(self, approved_on: date) -> None:
        self.approved_on = approved_on
        self.stage = S.APPROVED

    def publish(self, published_on: date, *, today: date | None = None) -> None:
        """A withheld report can still be published later, e.g. once proceedings end."""
        self._published(assurance.publish(self, published_on, today))

    @event("Published")
    def _published(self, published_on: date) -> None:
        self.published_on = published_on
        self.stage = S.PUBLISHED

    def withhold_publication(
        self, withheld_on: date, reason: str, *, today: date | None = None
    ) -> None:
        checked = assurance.withhold_publication(self, withheld_on, reason, today)
        self._publication_withheld(*checked)

    @event("PublicationWithheld")
    def _publication_withheld(self, withheld_on: date, reason: str) -> None:
        self.publication_withheld = records.Closure(withheld_on, reason)
        self.stage = S.PUBLICATION_WITHHELD

    # Putting right a mis-keyed fact (rules: ``correcting``).

    def correct(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        today: date | None = None,
        recorded_since: tuple[date, str] | None = None,
        pseudonym_confirmed: bool = False,
    ) -> None:
        """Replace a mis-keyed fact, with the reason; refused if the case would break a date
        rule, or its incident would come after what the review recorded (``recorded_since``),
        or a pseudonym shaped like a real name is not confirmed, as when the case was opened."""
        self._corrected(
            *correcting.correct(
                self, field, value, reason, today, recorded_since, pseudonym_confirmed
            )
        )

    @event("Corrected")
    def _corrected(
        self,
        field: str,
        value: Any,
        previous: Any,
        reason: str,
        effective_on: date | None = None,
        first_panel_on: date | None = None,
        agency: str | None = None,
    ) -> None:
        """For read models, on a corrected part (``correcting_parts``): ``effective_on`` the
        day a commissioning's cost was agreed, ``first_panel_on`` the case's first panel
        meeting once one is corrected, ``agency`` the IMR's. Corrections stored before parts
        could be corrected have none."""
        correcting.apply_correction(self, field, value)


def _optional(
    enum: type[values.AgeBand] | type[values.Sex] | type[values.Relationship],
    value: str | None,
    what: str,
) -> str | None:
    return None if value in (None, "") else coerce(enum, value, what)
