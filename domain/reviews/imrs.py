"""Agencies' Individual Management Reviews and their clock: asked by a date, extended with a
reason, chased, received, and accepted or returned for more work by the panel.

Agencies are organisations and may be named; the points the panel raises are about the IMR's
quality, not about people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_text
from domain.reviews.records import Imr, ImrAssessment, ImrExtension
from domain.reviews.state import WORKING, ReviewState
from domain.reviews.values import ImrOutcome, ReviewStatus, coerce

S = ReviewStatus


class Imrs(ReviewState):
    def request_imr(
        self,
        agency: str,
        requested_on: date,
        due_on: date | None = None,
        *,
        today: date | None = None,
    ) -> None:
        """Each agency is asked once, by a date; agencies keep writing while a review is paused."""
        self._require("request an IMR for", *WORKING, S.PAUSED)
        name = check_text(agency, "agency", 120)
        if self._imr(name) is not None:
            raise DuplicateError(
                f"An IMR from {name} is already requested for case {self.reference}."
            )
        self._check_dated(
            requested_on, "IMR request", today, ("decision to review", self.review_started_on)
        )
        if due_on is not None:
            _check_due(due_on, "IMR due date", requested_on, "request")
        self._imr_requested(name, requested_on, due_on)

    def _imr_requested(self, agency: str, requested_on: date, due_on: date | None = None) -> None:
        # ``due_on`` defaults so that requests stored before due dates existed still replay.
        self.imrs = (*self.imrs, Imr(agency, requested_on, due_on=due_on))

    def extend_imr(
        self,
        agency: str,
        extended_on: date,
        due_on: date,
        reason: str,
        *,
        today: date | None = None,
    ) -> None:
        """More time is agreed, never silently: the reason is kept and the clock moves."""
        self._require("extend an IMR for", *WORKING, S.PAUSED)
        imr = self._outstanding_imr(agency, "extend")
        self._check_dated(extended_on, "IMR extension", today, ("IMR request", imr.requested_on))
        _check_due(due_on, "new IMR due date", extended_on, "extension")
        current = imr.current_due_on
        if current is not None and due_on <= current:
            raise InvalidValueError(
                f"The IMR from {imr.agency} is already due on {current}; "
                "an extension needs a later date."
            )
        why = check_text(reason, "reason for the extension", 500)
        self._imr_extended(imr.agency, extended_on, due_on, why)

    def _imr_extended(self, agency: str, extended_on: date, due_on: date, reason: str) -> None:
        self._change_imr(
            agency,
            lambda i: replace(
                i, extensions=(*i.extensions, ImrExtension(extended_on, due_on, reason))
            ),
        )

    def chase_imr(self, agency: str, chased_on: date, *, today: date | None = None) -> None:
        """A reminder sent to an agency whose IMR is still awaited; once a day is enough."""
        self._require("chase an IMR for", *WORKING, S.PAUSED)
        imr = self._outstanding_imr(agency, "chase")
        self._check_dated(chased_on, "IMR chase", today, ("IMR request", imr.requested_on))
        if chased_on in imr.chased_on:
            raise DuplicateError(f"The IMR from {imr.agency} was already chased on {chased_on}.")
        self._imr_chased(imr.agency, chased_on)

    def _imr_chased(self, agency: str, chased_on: date) -> None:
        self._change_imr(agency, lambda i: replace(i, chased_on=(*i.chased_on, chased_on)))

    def receive_imr(
        self,
        agency: str,
        received_on: date,
        with_chronology: bool = False,
        *,
        today: date | None = None,
    ) -> None:
        """A requested IMR arrives once, or again after the panel returned it for more work."""
        self._require("receive an IMR for", *WORKING, S.PAUSED)
        imr = self._requested_imr(agency)
        if not imr.outstanding:
            raise DuplicateError(
                f"The IMR from {imr.agency} was already received on {imr.received_on}."
            )
        if not isinstance(with_chronology, bool):
            raise InvalidValueError("Say whether the IMR came with a chronology: true or false.")
        earliest = imr.assessments[-1].assessed_on if imr.returned else imr.requested_on
        what = "return of the IMR for more work" if imr.returned else "IMR request"
        self._check_dated(received_on, "IMR receipt", today, (what, earliest))
        self._imr_received(imr.agency, received_on, with_chronology)

    def _imr_received(self, agency: str, received_on: date, with_chronology: bool) -> None:
        self._change_imr(
            agency,
            lambda i: replace(
                i,
                received_on=received_on,
                with_chronology=with_chronology,
                receipts=i.receipts + 1,
            ),
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
        self._require("assess an IMR for", *WORKING, S.PAUSED)
        imr = self._requested_imr(agency)
        if not imr.awaiting_assessment:
            state = "has not arrived" if imr.outstanding else "is already assessed"
            raise InvalidTransitionError(
                f"The IMR from {imr.agency} {state}; the panel assesses each IMR once it arrives."
            )
        verdict = coerce(ImrOutcome, outcome, "IMR assessment outcome")
        if isinstance(points, str) or not isinstance(points, Sequence):
            raise InvalidValueError("Send the assessment points as a list of short texts.")
        checked = tuple(check_text(p, "assessment point", 500) for p in points)
        if len(checked) > 50:
            raise InvalidValueError("An assessment has at most 50 points; combine some.")
        if verdict == ImrOutcome.RETURNED and not checked:
            raise InvalidValueError(
                "Say what the agency must do: an IMR returned for more work needs at least one point."
            )
        assert imr.received_on is not None
        self._check_dated(assessed_on, "IMR assessment", today, ("IMR receipt", imr.received_on))
        self._imr_assessed(imr.agency, assessed_on, verdict, checked)

    def _imr_assessed(
        self, agency: str, assessed_on: date, outcome: str, points: Sequence[str]
    ) -> None:
        assessment = ImrAssessment(assessed_on, ImrOutcome(outcome), tuple(points))
        self._change_imr(agency, lambda i: replace(i, assessments=(*i.assessments, assessment)))

    def imr_clock(self, as_of: date) -> tuple[tuple[Imr, int | None], ...]:
        """Each IMR with its days late as of a date, for the panel and the timeliness view."""
        return tuple((i, i.days_late(as_of)) for i in self.imrs)

    def _change_imr(self, agency: str, change: Callable[[Imr], Imr]) -> None:
        self.imrs = tuple(change(i) if i.agency == agency else i for i in self.imrs)

    def _requested_imr(self, agency: str) -> Imr:
        imr = self._imr(check_text(agency, "agency", 120))
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {agency.strip()} for case {self.reference}; "
                "request it first."
            )
        return imr

    def _outstanding_imr(self, agency: str, verb: str) -> Imr:
        imr = self._requested_imr(agency)
        if not imr.outstanding:
            raise InvalidTransitionError(
                f"Cannot {verb} the IMR from {imr.agency}: it was received on {imr.received_on}."
            )
        return imr

    def _imr(self, agency: str) -> Imr | None:
        return next((i for i in self.imrs if i.is_for(agency)), None)


def _check_due(due_on: object, what: str, after: date, after_what: str) -> None:
    """Due dates lie ahead of the request, so they are checked apart from the no-future rule."""
    if not isinstance(due_on, date):
        raise InvalidValueError(f"Give the {what} as a date (YYYY-MM-DD).")
    if due_on <= after:
        raise InvalidValueError(f"The {what} must be after the {after_what} ({after}).")
