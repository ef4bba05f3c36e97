"""``DataSharingAgreement``: what a region lets one researcher take away, for what purpose,
until when — and every time they did (seed 002: 13 DHRs numbered 1-13, without names).

The reviews covered are listed as "<tenant>:<review id>", in the order the extract numbers
them; the researcher is named by their user name, so the role reaches only this agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import event

from domain.dating import check_not_before, check_once
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.texts import required_text


class DataSharingAgreement(LedgerAggregate):
    @staticmethod
    def create_id(region: str, reference: str) -> UUID:
        return ledger_id(f"data-sharing-agreement:{region}:{reference}")

    @classmethod
    def record(
        cls, region: str, reference: str, researcher: str, purpose: str,
        reviews: Sequence[tuple[str, UUID]], signed_on: date, expires_on: date,
    ) -> DataSharingAgreement:  # fmt: skip
        needs = "An agreement needs its reference, the researcher and the purpose."
        reference, researcher, purpose = (
            required_text(text, needs) for text in (reference, researcher, purpose)
        )
        if not reviews:
            raise InvalidValueError("List at least one review the agreement covers.")
        covered = tuple(dict.fromkeys(f"{tenant}:{review}" for tenant, review in reviews))
        if expires_on <= signed_on:
            raise InvalidValueError(
                f"It cannot expire on {expires_on.isoformat()}, not after it was signed "
                f"({signed_on.isoformat()})."
            )
        return cls(
            region=region, reference=reference, researcher=researcher, purpose=purpose,
            covered=covered, signed_on=signed_on, expires_on=expires_on,
        )  # fmt: skip

    @event("Recorded")
    def __init__(
        self, region: str, reference: str, researcher: str, purpose: str,
        covered: tuple[str, ...], signed_on: date, expires_on: date,
    ) -> None:  # fmt: skip
        self.region, self.reference, self.researcher = region, reference, researcher
        self.purpose, self.covered = purpose, tuple(covered)
        self.signed_on, self.expires_on = signed_on, expires_on
        self.downloads: tuple[tuple[str, datetime], ...] = ()
        self.revoked_on: date | None = None
        self.revocation_reason = ""

    def status_on(self, today: date) -> str:
        """One of "revoked", "expired" or "in_force", as the region's list shows it."""
        if self.revoked_on is not None:
            return "revoked"
        return "expired" if today > self.expires_on else "in_force"

    def revoke(self, reason: str, on: date) -> None:
        """Ends the agreement at once (the researcher's next download is refused), with why."""
        check_once(self.revoked_on, f"Data-sharing agreement {self.reference} was already revoked")
        reason = required_text(reason, "Give the reason the agreement is revoked.")
        check_not_before(on, self.signed_on, "revoked", "signed")
        self._revoked(reason=reason, on=on)

    @event("Revoked")
    def _revoked(self, reason: str, on: date) -> None:
        self.revoked_on, self.revocation_reason = on, reason

    @property
    def reviews(self) -> list[tuple[str, UUID]]:
        return [(c.split(":", 1)[0], UUID(c.split(":", 1)[1])) for c in self.covered]

    def log_download(self, by: str, at: datetime, today: date) -> None:
        """Refused once revoked or expired; otherwise recorded before the extract is handed over."""
        if self.revoked_on is not None:
            raise InvalidTransitionError(
                f"Data-sharing agreement {self.reference} was revoked on "
                f"{self.revoked_on.isoformat()}; ask the regional lead."
            )
        if today > self.expires_on:
            raise InvalidTransitionError(
                f"Data-sharing agreement {self.reference} expired on "
                f"{self.expires_on.isoformat()}; ask the regional lead to record a new one."
            )
        self._downloaded(by=by, at=at)

    @event("ExtractDownloaded")
    def _downloaded(self, by: str, at: datetime) -> None:
        self.downloads += ((by, at),)
