"""``CaseVault``: one case's encrypted personal details, and their erasure.

Its events carry only ciphertext made with the case key, which lives outside the event
store; erasing records who erased it, why and on what basis, and the tenant layer then
destroys the key. The entry's ciphertext stays in history, unreadable by anyone.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import CaseRecord
from domain.texts import required_text

MAX_REASON = 500


class ErasureBasis(StrEnum):
    REQUEST = "request"  # a lead erased it (e.g. a data subject's request, or no longer needed)
    RETENTION = "retention"  # the partnership's retention schedule fell due


class CaseVault(CaseRecord):
    KIND = "vault"

    @event("Opened")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = UUID(str(review_id))
        self.sealed: str | None = None
        self.recorded_on: date | None = None
        self.erased_on: date | None = None
        self.erasure_basis: ErasureBasis | None = None
        self.erasure_reason: str | None = None

    @property
    def erased(self) -> bool:
        return self.erased_on is not None

    def record(self, sealed: str, recorded_on: date) -> None:
        if self.erased:
            raise InvalidTransitionError(
                "This case's personal details were erased; nothing more can be kept for it."
            )
        if not sealed:
            raise InvalidValueError("An entry must be encrypted before it is recorded.")
        self._recorded(sealed=sealed, recorded_on=recorded_on)

    @event("Recorded")
    def _recorded(self, sealed: str, recorded_on: date) -> None:
        self.sealed, self.recorded_on = sealed, recorded_on

    def erase(self, reason: str, erased_on: date, basis: ErasureBasis) -> None:
        if self.erased:
            raise InvalidTransitionError(
                f"This case's personal details were already erased on {self.erased_on}."
            )
        why = f"Say why the personal details are erased (1-{MAX_REASON} characters)."
        if not isinstance(reason, str) or len(reason) > MAX_REASON:
            raise InvalidValueError(why)
        self._erased(reason=required_text(reason, why), erased_on=erased_on, basis=str(basis))

    @event("Erased")
    def _erased(self, reason: str, erased_on: date, basis: str) -> None:
        self.erased_on, self.erasure_reason = erased_on, reason
        self.erasure_basis = ErasureBasis(basis)
