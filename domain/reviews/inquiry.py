"""Conducting the review: an independent chair and author, panel meetings, agencies' IMRs.

Agencies are organisations and may be named; chairs and authors are people and may not.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_pence, check_text
from domain.reviews.records import Commission, Imr
from domain.reviews.state import WORKING, ReviewState
from domain.reviews.values import ReviewStatus

S = ReviewStatus


class Inquiry(ReviewState):
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
        self._require("commission a chair and author for", *WORKING, S.PAUSED)
        self._check_dated(
            commissioned_on, "commissioning", today, ("decision to review", self.review_started_on)
        )
        chair = check_text(
            chair_ref, "chair reference (a role label or reference, never a name)", 80
        )
        author = check_text(
            author_ref, "author reference (a role label or reference, never a name)", 80
        )
        self._commissioned(commissioned_on, chair, author, check_pence(cost_pence, "agreed cost"))

    def _commissioned(
        self, commissioned_on: date, chair_ref: str, author_ref: str, cost_pence: int
    ) -> None:
        self.commissions = (
            *self.commissions,
            Commission(commissioned_on, chair_ref, author_ref, cost_pence),
        )

    def hold_panel_meeting(self, met_on: date, *, today: date | None = None) -> None:
        """The first meeting's date is a timeliness milestone."""
        self._require("hold a panel meeting for", *WORKING)
        self._check_dated(
            met_on, "panel meeting", today, ("decision to review", self.review_started_on)
        )
        if met_on in self.panel_meetings:
            raise DuplicateError(
                f"A panel meeting on {met_on} is already recorded for case {self.reference}."
            )
        self._panel_met(met_on)

    def _panel_met(self, met_on: date) -> None:
        self.panel_meetings = (*self.panel_meetings, met_on)

    def request_imr(self, agency: str, requested_on: date, *, today: date | None = None) -> None:
        """Each agency is asked once; agencies keep writing while a review is paused."""
        self._require("request an IMR for", *WORKING, S.PAUSED)
        name = check_text(agency, "agency", 120)
        if self._imr(name) is not None:
            raise DuplicateError(
                f"An IMR from {name} is already requested for case {self.reference}."
            )
        self._check_dated(
            requested_on, "IMR request", today, ("decision to review", self.review_started_on)
        )
        self._imr_requested(name, requested_on)

    def _imr_requested(self, agency: str, requested_on: date) -> None:
        self.imrs = (*self.imrs, Imr(agency, requested_on))

    def receive_imr(
        self,
        agency: str,
        received_on: date,
        with_chronology: bool = False,
        *,
        today: date | None = None,
    ) -> None:
        """Only a requested IMR arrives, once; its chronology feeds the merged chronology."""
        self._require("receive an IMR for", *WORKING, S.PAUSED)
        imr = self._imr(check_text(agency, "agency", 120))
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {agency.strip()} for case {self.reference}; "
                "request it first."
            )
        if imr.received_on is not None:
            raise DuplicateError(
                f"The IMR from {imr.agency} was already received on {imr.received_on}."
            )
        if not isinstance(with_chronology, bool):
            raise InvalidValueError("Say whether the IMR came with a chronology: true or false.")
        self._check_dated(received_on, "IMR receipt", today, ("IMR request", imr.requested_on))
        self._imr_received(imr.agency, received_on, with_chronology)

    def _imr_received(self, agency: str, received_on: date, with_chronology: bool) -> None:
        self.imrs = tuple(
            Imr(i.agency, i.requested_on, received_on, with_chronology) if i.agency == agency else i
            for i in self.imrs
        )

    def _imr(self, agency: str) -> Imr | None:
        return next((i for i in self.imrs if i.is_for(agency)), None)
