"""Use cases of a case's merged chronology.

Each entry is checked, then sealed with the case key (as the vault is) before it becomes an
event, and opened only to answer the person who asked; erasing the case's vault destroys the
key, and the chronology with it. Nothing here feeds a projection.
"""

from __future__ import annotations

import json
from datetime import date, time
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from adapters.crypto.errors import KeyMissingError
from domain.chronology import CaseChronology, ChronologyEntry, MergedChronology, Sealed, merge
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from tenants.ledger.vault import VaultUseCases

DEFAULT_GAP_DAYS = 90


class ChronologyUseCases(VaultUseCases):
    def _chronology(self, review_id: UUID) -> CaseChronology | None:
        try:
            return self.repository.get(CaseChronology.create_id(review_id))
        except AggregateNotFoundError:
            return None

    def submit_chronology_entry(
        self,
        review_id: UUID,
        agency: str,
        occurred_on: date,
        occurred_at: time | None,
        what_happened: str,
        source: str,
        today: date,
    ) -> int:
        """Only an agency asked for an IMR contributes; the same entry twice is refused."""
        review = self.get_review(review_id)  # type: ignore[attr-defined]
        imr = review._imr(agency) if isinstance(agency, str) and agency.strip() else None
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {str(agency).strip() or 'that agency'} for case "
                f"{review.reference}; request its IMR before it submits chronology entries."
            )
        entry = ChronologyEntry.checked(
            imr.agency, occurred_on, occurred_at, what_happened, source, today=today
        )
        if self._is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no chronology can be kept for it."
            )
        chronology = self._chronology(review_id) or CaseChronology(review_id=review_id)
        if any(
            s.entry.agency == entry.agency
            and s.entry.sameness == entry.sameness
            and s.entry.source == entry.source
            for s in self._opened(review_id, chronology)
        ):
            raise DuplicateError(
                f"{entry.agency} already submitted this entry for {entry.occurred_on}."
            )
        payload = json.dumps(entry.to_json(), separators=(",", ":")).encode()
        number = chronology.submit(entry.agency, self._keys().encrypt(review_id, payload), today)
        self.save(chronology)
        return number

    def mark_key_chronology_entry(self, review_id: UUID, number: int, key: bool) -> None:
        self.get_review(review_id)  # type: ignore[attr-defined]
        chronology = self._chronology(review_id)
        if chronology is None:
            raise InvalidValueError("This case has no chronology entries yet.")
        chronology.mark_key(number, key)
        self.save(chronology)

    def merged_chronology(
        self, review_id: UUID, gap_days: int = DEFAULT_GAP_DAYS
    ) -> MergedChronology:
        self.get_review(review_id)  # type: ignore[attr-defined]
        if not isinstance(gap_days, int) or isinstance(gap_days, bool) or gap_days < 1:
            raise InvalidValueError("Show gaps of at least 1 day (gap_days).")
        chronology = self._chronology(review_id)
        if chronology is not None and chronology.entries and self._is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased, and its chronology with them."
            )
        opened = self._opened(review_id, chronology) if chronology else []
        return merge(opened, gap_days)

    def _is_erased(self, review_id: UUID) -> bool:
        vault = self._vault(review_id)
        return vault is not None and vault.erased

    def _opened(self, review_id: UUID, chronology: CaseChronology) -> list[Sealed]:
        opened = []
        for number, agency, sealed, _ in chronology.entries:
            plain = self._keys().decrypt(review_id, sealed)
            if plain is None:
                raise KeyMissingError(
                    "This case's key is missing although its personal details were never "
                    "erased; restore platform_keys from the latest backup."
                )
            entry = ChronologyEntry.from_json(agency, json.loads(plain))
            opened.append(Sealed(number, entry, number in chronology.key))
        return opened
