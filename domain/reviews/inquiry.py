"""Conducting the review: an independent chair and author, and panel meetings (IMRs: ``imrs``).

Agencies are organisations and may be named; chairs and authors are people and may not.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError
from domain.reviews.checks import check_pence, check_text
from domain.reviews.records import Commission
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
