"""``PartnershipLedger``: everything one Community Safety Partnership records, in its own store.

Code never constructs this directly outside tests: the tenant registry hands it out, so
that acting for tenant A can only ever reach tenant A's store. Its use cases are grouped by
domain area, one service each: ``ledger.reviews.decide(...)``, ``ledger.actions.complete(...)``,
``ledger.pooled.spend(...)``. Every service saves through the ledger's ``save``, so the
request's guards (If-Match, Idempotency-Key) hold for each of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import EnvType

from adapters.crypto.case_keys import CaseKeys
from domain.themes import ThemeListing
from tenants.application import LedgerApplication, aggregate_cache
from tenants.ledger.actions import Actions
from tenants.ledger.chronology import Chronology
from tenants.ledger.costs import Costs
from tenants.ledger.documents import Documents
from tenants.ledger.drafts import Drafts
from tenants.ledger.findings import Findings
from tenants.ledger.funding import Funding
from tenants.ledger.funding_pooled import Pooled
from tenants.ledger.history import History
from tenants.ledger.importing import Imports
from tenants.ledger.imrs import Imrs
from tenants.ledger.plan import Plan
from tenants.ledger.recommendations import Recommendations
from tenants.ledger.reviews import Reviews
from tenants.ledger.themes import Themes
from tenants.ledger.value_objects import VALUE_OBJECTS
from tenants.ledger.vault import Vault


class PartnershipLedger(LedgerApplication):
    """One tenant's application. Its name (and so its table and notify channel) is unique per tenant."""

    # Cached aggregates are fast-forwarded from the store on every get, so several
    # processes (gunicorn workers, the CLI) never act on a stale copy.
    env: ClassVar[dict[str, str]] = aggregate_cache(256)
    value_objects = VALUE_OBJECTS
    # Set by ``TenantLedgers`` when it opens the ledger (None: e.g. in unit tests).
    region_themes: Callable[[], ThemeListing] | None = None  # the current region's themes
    case_keys: CaseKeys | None = None  # the vault's keys, wrapped by the tenant's data key

    def __init__(
        self,
        tenant_slug: str,
        env: EnvType | None = None,
        factory: InfrastructureFactory[Any] | None = None,
    ) -> None:
        self.tenant_slug = tenant_slug
        self.name = self.app_name(tenant_slug)
        super().__init__(factory, env)
        slug = tenant_slug
        self.reviews = Reviews(self)
        self.imrs = Imrs(self, self.reviews)
        self.themes = Themes(self, slug, self._region_listing)
        self.plan = Plan(self, slug, self.themes)
        self.recommendations = Recommendations(self, slug, self.plan, self.themes)
        self.actions = Actions(self, slug, self.plan)
        self.findings = Findings(self, slug, self.themes)
        self.funding = Funding(self)
        self.costs = Costs(self, self.reviews)
        self.pooled = Pooled(self)
        self.vault = Vault(self, self.reviews, lambda: self.case_keys)
        self.chronology = Chronology(self, self.reviews, self.vault)
        self.documents = Documents(self, self.reviews, self.actions, self.vault)
        self.drafts = Drafts(self, self.vault)
        self.imports = Imports(self)
        self.history = History(self, self.plan)

    def _region_listing(self) -> ThemeListing | None:
        return None if self.region_themes is None else self.region_themes()

    @staticmethod
    def app_name(tenant_slug: str) -> str:
        """Distinct per tenant: the library names tables, notify channels and tracking rows after it."""
        return "ledger_" + tenant_slug.replace("-", "_")
