"""A case's merged chronology (``ledger.chronology``): entries one at a time (the form) or
many at once (a spreadsheet upload, checked in ``chronology_upload``).

Each entry is checked, then sealed with the case key (as the vault is) before it becomes an
event, and opened only to answer the person who asked; erasing the case's vault destroys the
key, and the chronology with it. Nothing here feeds a projection.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, time
from uuid import UUID

from adapters.crypto.errors import KeyMissingError
from domain.chronology import CaseChronology, ChronologyEntry, MergedChronology, Sealed, merge
from domain.chronology.chronology import MAX_ENTRIES
from domain.errors import DomainError, DuplicateError, InvalidTransitionError, InvalidValueError
from tenants.application import LedgerApplication
from tenants.ledger.chronology_upload import EntryRow, RowsRefused, checked_row
from tenants.ledger.reviews import Reviews
from tenants.ledger.service import Service
from tenants.ledger.vault import Vault

DEFAULT_GAP_DAYS = 90


class Chronology(Service):
    def __init__(self, app: LedgerApplication, reviews: Reviews, vault: Vault) -> None:
        super().__init__(app)
        self.reviews, self.vault = reviews, vault

    def of_case(self, review_id: UUID) -> CaseChronology | None:
        return self.find(CaseChronology.create_id(review_id), CaseChronology)

    def submit(
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
        review = self.reviews.get(review_id)
        imr = review._imr(agency) if isinstance(agency, str) and agency.strip() else None
        if imr is None:
            raise InvalidTransitionError(
                f"No IMR was requested from {str(agency).strip() or 'that agency'} for case "
                f"{review.reference}; request its IMR before it submits chronology entries."
            )
        entry = ChronologyEntry.checked(
            imr.agency, occurred_on, occurred_at, what_happened, source, today=today
        )
        if self.vault.is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no chronology can be kept for it."
            )
        chronology = self.of_case(review_id) or CaseChronology(review_id=review_id)
        if any(
            s.entry.agency == entry.agency
            and s.entry.sameness == entry.sameness
            and s.entry.source == entry.source
            for s in self._opened(review_id, chronology)
        ):
            raise DuplicateError(
                f"{entry.agency} already submitted this entry for {entry.occurred_on}; it is "
                "in the chronology, so there is nothing more to add for it."
            )
        payload = json.dumps(entry.to_json(), separators=(",", ":")).encode()
        number = chronology.submit(
            entry.agency, self.vault.keys().encrypt(review_id, payload), today
        )
        self.save(chronology)
        return number

    def mark_key(self, review_id: UUID, number: int, key: bool) -> None:
        self.reviews.get(review_id)
        chronology = self.of_case(review_id)
        if chronology is None:
            raise InvalidValueError("This case has no chronology entries yet.")
        chronology.mark_key(number, key)
        self.save(chronology)

    def merged(self, review_id: UUID, gap_days: int = DEFAULT_GAP_DAYS) -> MergedChronology:
        self.reviews.get(review_id)
        if not isinstance(gap_days, int) or isinstance(gap_days, bool) or gap_days < 1:
            raise InvalidValueError("Show gaps of at least 1 day (gap_days).")
        chronology = self.of_case(review_id)
        if chronology is not None and chronology.entries and self.vault.is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased, and its chronology with them."
            )
        opened = self._opened(review_id, chronology) if chronology else []
        return merge(opened, gap_days)

    def submit_many(
        self, review_id: UUID, rows: Sequence[EntryRow], today: date, *, record: bool = True
    ) -> list[int]:
        """The entries' numbers, all recorded in one save; or ``RowsRefused`` and nothing."""
        review = self.reviews.get(review_id)
        if self.vault.is_erased(review_id):
            raise InvalidTransitionError(
                "This case's personal details were erased; no chronology can be kept for it."
            )
        if not rows:
            raise InvalidValueError("The upload has no entries.")
        chronology = self.of_case(review_id) or CaseChronology(review_id=review_id)
        seen = {
            (s.entry.agency, s.entry.sameness, s.entry.source)
            for s in self._opened(review_id, chronology)
        }
        problems: list[tuple[int, str]] = []
        entries: list[ChronologyEntry] = []
        for index, row in enumerate(rows):
            try:
                entries.append(checked_row(review, row, seen, today))
            except DomainError as refused:
                problems.append((index, str(refused)))
        if not problems and len(chronology.entries) + len(entries) > MAX_ENTRIES:
            problems.append((len(rows) - 1, f"A chronology holds at most {MAX_ENTRIES} entries."))
        if problems:
            raise RowsRefused(problems)
        if not record:
            return []
        keys = self.vault.keys()
        numbers = []
        for entry in entries:
            payload = json.dumps(entry.to_json(), separators=(",", ":")).encode()
            numbers.append(chronology.submit(entry.agency, keys.encrypt(review_id, payload), today))
        self.save(chronology)
        return numbers

    def _opened(self, review_id: UUID, chronology: CaseChronology) -> list[Sealed]:
        opened = []
        for number, agency, sealed, _ in chronology.entries:
            plain = self.vault.keys().decrypt(review_id, sealed)
            if plain is None:
                raise KeyMissingError(
                    "This case's key is missing although its personal details were never "
                    "erased; restore platform_keys from the latest backup."
                )
            entry = ChronologyEntry.from_json(agency, json.loads(plain))
            opened.append(Sealed(number, entry, number in chronology.key))
        return opened
