"""Parallel proceedings (a criminal trial, an inquest) can pause a review: recorded, not hidden."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.errors import InvalidTransitionError
from domain.reviews.checks import check_text
from domain.reviews.chronology import milestones
from domain.reviews.records import Pause
from domain.reviews.state import WORKING, ReviewState
from domain.reviews.values import PauseReason, ReviewStatus, coerce

S = ReviewStatus


class Pausing(ReviewState):
    def pause(
        self, paused_on: date, reason: str, note: str = "", *, today: date | None = None
    ) -> None:
        """An 'other' reason must be described; the paused days are excluded from timeliness."""
        self._require("pause", *WORKING)
        why = coerce(PauseReason, reason, "pause reason")
        if why is PauseReason.OTHER or note:
            note = check_text(note, "description of the parallel proceedings")
        last = self.pauses[-1].resumed_on if self.pauses else None
        self._check_dated(
            paused_on,
            "pause",
            today,
            ("decision to review", self.review_started_on),
            ("last resumption", last),
        )
        self._check_not_behind_milestones(paused_on)
        self._paused(paused_on, why, note)

    def _check_not_behind_milestones(self, paused_on: date) -> None:
        """A pause runs until resumed, so one dated before a later step would contradict it."""
        later = [(label, on) for label, on in milestones(self) if on > paused_on]
        if later:
            label, on = later[-1]
            raise InvalidTransitionError(
                f"Case {self.reference} cannot be paused from {paused_on}: its {label} is "
                f"recorded on {on}, after that, and a paused review takes no such steps. Pause "
                f"from {on} or later; if the review really was paused earlier and resumed before "
                "its later steps, a lead records that past pause as a correction (field 'pause', "
                'value {"paused_on", "resumed_on", "reason"}).'
            )

    def _paused(self, paused_on: date, reason: str, note: str) -> None:
        self.pauses = (*self.pauses, Pause(paused_on, PauseReason(reason), note))

    def resume(self, resumed_on: date, *, today: date | None = None) -> None:
        self._require("resume", S.PAUSED)
        self._check_dated(resumed_on, "resumption", today, ("pause", self.pauses[-1].paused_on))
        self._resumed(resumed_on)

    def _resumed(self, resumed_on: date) -> None:
        self.pauses = (*self.pauses[:-1], replace(self.pauses[-1], resumed_on=resumed_on))
