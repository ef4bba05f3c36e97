"""Aggregates take their ids from a natural key through a keyed base (``domain/recording.py``).

Stored aggregates are found again by these ids, so each must stay exactly the ``uuid5`` it was
when the aggregate declared its own ``create_id``: the expected values here are spelled out as
they were then, not through the bases.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.actionplan.findings import ReviewFindings
from domain.actionplan.index import ActionPlanIndex
from domain.actionplan.settings import PlanSettings
from domain.chronology.chronology import CaseChronology
from domain.documents.documents import CaseDocuments
from domain.funding.costs import ReviewCost
from domain.funding.grants import BudgetLine
from domain.funding.index import FundingIndex
from domain.funding.pooled import PooledBudget
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.region.commissioning import CommissioningBudget
from domain.region.demand import DemandRecord
from domain.region.partners import PartnerDirectory
from domain.region.services import CommissionedService
from domain.reviews.index import ReviewIndex
from domain.vault.imr_contacts import ImrAuthorContacts
from domain.vault.retention import RetentionSchedule
from domain.vault.vault import CaseVault

REVIEW = UUID("6f1c1d4e-2b8a-4c39-9e55-0d2f3a1b7c88")


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (CaseChronology, ledger_id("chronology", str(REVIEW))),
        (CaseDocuments, ledger_id("documents", str(REVIEW))),
        (ImrAuthorContacts, ledger_id("imr-contacts", str(REVIEW))),
        (CaseVault, ledger_id("vault", str(REVIEW))),
        (ReviewFindings, ledger_id(f"findings:{REVIEW}")),
        (ReviewCost, ledger_id("cost", str(REVIEW))),
    ],
)
def test_a_case_record_keeps_its_id(cls: type[LedgerAggregate], expected: UUID) -> None:
    assert cls.create_id(review_id=REVIEW) == expected
    assert cls.create_id(REVIEW) == expected


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (ActionPlanIndex, ledger_id("action-plan-index:coventry")),
        (PlanSettings, ledger_id("plan-settings:coventry")),
    ],
)
def test_a_tenant_record_keeps_its_id(cls: type[LedgerAggregate], expected: UUID) -> None:
    assert cls.create_id(tenant_slug="coventry") == expected


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (BudgetLine, ledger_id("budget-line", "ITS-2013")),
        (PooledBudget, ledger_id("pooled-budget", "ITS-2013")),
        (CommissioningBudget, ledger_id("commissioning-budget", "ITS-2013")),
        (CommissionedService, ledger_id("commissioned-service", "ITS-2013")),
    ],
)
def test_a_referenced_record_keeps_its_id(cls: type[LedgerAggregate], expected: UUID) -> None:
    assert cls.create_id(reference="ITS-2013") == expected


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (ReviewIndex, ledger_id("review-index")),
        (FundingIndex, ledger_id("index", "budgets")),
        (DemandRecord, ledger_id("region", "demand")),
        (PartnerDirectory, ledger_id("region", "partner-directory")),
        (RetentionSchedule, ledger_id("retention-schedule")),
    ],
)
def test_a_single_record_keeps_its_id(cls: type[LedgerAggregate], expected: UUID) -> None:
    assert cls.create_id() == expected


def test_the_library_creates_each_record_under_that_id() -> None:
    """The library picks ``create_id``'s arguments out of the created event's by name."""
    assert CaseVault(review_id=REVIEW).id == ledger_id("vault", str(REVIEW))
    assert ActionPlanIndex(tenant_slug="coventry").id == ledger_id("action-plan-index:coventry")
    opened = PooledBudget.open("LR-DHR", "DHR pot", "Leicestershire", date(2024, 4, 1))
    assert opened.id == ledger_id("pooled-budget", "LR-DHR")
    assert DemandRecord().id == ledger_id("region", "demand")
