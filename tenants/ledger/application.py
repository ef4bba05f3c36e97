"""``PartnershipLedger``: everything one Community Safety Partnership records, in its own store.

Code never constructs this directly outside tests: the tenant registry hands it out, so
that acting for tenant A can only ever reach tenant A's store.
"""

from __future__ import annotations

from typing import Any, ClassVar

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import EnvType

from tenants.application import LedgerApplication
from tenants.ledger.actionplan import ActionPlanUseCases
from tenants.ledger.chronology import ChronologyUseCases
from tenants.ledger.chronology_upload import ChronologyUploadUseCases
from tenants.ledger.corrections import CorrectionUseCases
from tenants.ledger.documents import DocumentUseCases
from tenants.ledger.funding import FundingUseCases
from tenants.ledger.importing import ImportUseCases
from tenants.ledger.reviews import ReviewUseCases
from tenants.ledger.value_objects import VALUE_OBJECTS
from tenants.ledger.vault import VaultUseCases


class PartnershipLedger(
    ReviewUseCases,
    ActionPlanUseCases,
    FundingUseCases,
    ImportUseCases,
    ChronologyUploadUseCases,
    ChronologyUseCases,
    DocumentUseCases,
    VaultUseCases,
    CorrectionUseCases,
    LedgerApplication,
):
    """One tenant's application. Its name (and so its table and notify channel) is unique per tenant."""

    # Cached aggregates are fast-forwarded from the store on every get, so several
    # processes (gunicorn workers, the CLI) never act on a stale copy.
    env: ClassVar[dict[str, str]] = {
        "AGGREGATE_CACHE_MAXSIZE": "256",
        "AGGREGATE_CACHE_FASTFORWARD": "y",
    }
    value_objects = VALUE_OBJECTS

    def __init__(
        self,
        tenant_slug: str,
        env: EnvType | None = None,
        factory: InfrastructureFactory[Any] | None = None,
    ) -> None:
        self.tenant_slug = tenant_slug
        self.name = self.app_name(tenant_slug)
        super().__init__(factory, env)

    @staticmethod
    def app_name(tenant_slug: str) -> str:
        """Distinct per tenant: the library names tables, notify channels and tracking rows after it."""
        return "ledger_" + tenant_slug.replace("-", "_")
