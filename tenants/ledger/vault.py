"""The personal-data vault and the retention schedule (``ledger.vault``).

An entry is encrypted with its case's key (``CaseKeys``, wrapped by the tenant's data key)
before it becomes an event, and decrypted only to answer the officer who asked. Erasing
records the erasure and then destroys the case key; if the key cannot be destroyed at that
moment the erasure is recorded all the same and erasing again finishes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from adapters.crypto.case_keys import CaseKeys
from adapters.crypto.errors import KeyMissingError
from domain.errors import InvalidTransitionError, NotFoundError
from domain.vault import CaseVault, ErasureBasis, PersonalDetails, RetentionSchedule
from domain.vault.retention import retention_due_on
from tenants.application import LedgerApplication
from tenants.ledger.reviews import Reviews
from tenants.ledger.service import Service


@dataclass(frozen=True)
class VaultEntry:
    review_id: UUID
    status: str  # "empty" | "recorded" | "erased"
    details: PersonalDetails | None
    recorded_on: date | None
    erased_on: date | None
    erasure_basis: str | None
    version: int


@dataclass(frozen=True)
class RetentionItem:
    review_id: UUID
    reference: str
    ended_on: date
    due_on: date


class Vault(Service):
    def __init__(
        self, app: LedgerApplication, reviews: Reviews, case_keys: Callable[[], CaseKeys | None]
    ) -> None:
        super().__init__(app)
        self.reviews, self.case_keys = reviews, case_keys

    def keys(self) -> CaseKeys:
        """The tenant's case keys (set when the platform opens the ledger)."""
        keys = self.case_keys()
        if keys is None:
            raise KeyMissingError(
                "This ledger was opened without its case keys; open it through the platform."
            )
        return keys

    def of_case(self, review_id: UUID) -> CaseVault | None:
        return self.find(CaseVault.create_id(review_id), CaseVault)

    def is_erased(self, review_id: UUID) -> bool:
        vault = self.of_case(review_id)
        return vault is not None and vault.erased

    def record(self, review_id: UUID, details: PersonalDetails, today: date) -> None:
        self.reviews.get(review_id)  # 404 for an unknown case
        vault = self.of_case(review_id) or CaseVault(review_id=review_id)
        if vault.erased:
            raise InvalidTransitionError(
                "This case's personal details were erased; nothing more can be kept for it."
            )
        payload = json.dumps(details.to_json(), separators=(",", ":")).encode()
        vault.record(self.keys().encrypt(review_id, payload), today)
        self.save(vault)

    def entry(self, review_id: UUID) -> VaultEntry:
        self.reviews.get(review_id)
        vault = self.of_case(review_id)
        if vault is None or vault.sealed is None and not vault.erased:
            return VaultEntry(
                review_id, "empty", None, None, None, None, vault.version if vault else 0
            )
        details = None
        if not vault.erased and vault.sealed:
            plain = self.keys().decrypt(review_id, vault.sealed)
            if plain is None:
                raise KeyMissingError(
                    "This case's vault key is missing although this history records no "
                    "erasure: it was erased after the backup this tenant was restored from (erase "
                    "it again to record that), or the key store was lost (restore platform_keys "
                    "from the latest backup)."
                )
            details = PersonalDetails.from_json(json.loads(plain))
        return VaultEntry(
            review_id,
            "erased" if vault.erased else "recorded",
            details,
            vault.recorded_on,
            vault.erased_on,
            str(vault.erasure_basis) if vault.erasure_basis else None,
            vault.version,
        )

    def erase(
        self,
        review_id: UUID,
        reason: str,
        erased_on: date,
        basis: ErasureBasis = ErasureBasis.REQUEST,
    ) -> None:
        self.reviews.get(review_id)
        vault = self.of_case(review_id)
        if vault is None or (vault.sealed is None and not vault.erased):
            raise NotFoundError("This case has no personal details to erase.")
        if vault.erased:
            if self.keys().destroy(review_id):
                return  # an erasure that was recorded but not finished: finished now
            raise InvalidTransitionError(
                f"This case's personal details were already erased on {vault.erased_on}."
            )
        vault.erase(reason, erased_on, basis)
        self.save(vault)
        self.keys().destroy(review_id)

    # -- retention ---------------------------------------------------------------------------

    def retention_years(self) -> int | None:
        schedule = self.find(RetentionSchedule.create_id(), RetentionSchedule)
        return None if schedule is None else schedule.years

    def set_retention_years(self, years: int, today: date) -> None:
        schedule_id = RetentionSchedule.create_id()
        schedule = self.find_or(schedule_id, RetentionSchedule, RetentionSchedule)
        self.perform(schedule.set_years, years, today)

    def retention_due(self, today: date) -> list[RetentionItem]:
        """Cases whose vault entry the schedule says must be erased by ``today``."""
        years = self.retention_years()
        if years is None:
            return []
        due = []
        for review in self.reviews.all():
            ended = _ended_on(review)
            vault = self.of_case(review.id)
            if ended is None or vault is None or vault.erased or vault.sealed is None:
                continue
            due_on = retention_due_on(ended, years)
            if due_on <= today:
                due.append(RetentionItem(review.id, review.reference, ended, due_on))
        return due


def _ended_on(review: Any) -> date | None:
    """Publication, closure, or a decision not to hold a review: when the case's work ended."""
    if review.published_on:
        return review.published_on
    closed = getattr(review, "decommissioned", None)
    if closed is not None and closed.closed_on:
        return closed.closed_on
    decision = review.decision
    if decision is not None and not decision.outcome.holds_review and not review.directed_on:
        return decision.decided_on
    return None
