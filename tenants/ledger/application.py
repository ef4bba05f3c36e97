"""``PartnershipLedger``: everything one Community Safety Partnership records, in its own store.

Code never constructs this directly outside tests: the tenant registry hands it out, so
that acting for tenant A can only ever reach tenant A's store.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import InfrastructureFactory, JSONTranscoder
from eventsourcing.utils import EnvType

from adapters.transcodings import register_domain_types
from tenants.ledger.actionplan import ActionPlanUseCases
from tenants.ledger.funding import FundingUseCases
from tenants.ledger.reviews import ReviewUseCases
from tenants.ledger.value_objects import VALUE_OBJECTS


class PartnershipLedger(ReviewUseCases, ActionPlanUseCases, FundingUseCases, Application[Any]):
    """One tenant's application. Its name (and so its table and notify channel) is unique per tenant."""

    def __init__(
        self,
        tenant_slug: str,
        env: EnvType | None = None,
        factory: InfrastructureFactory[Any] | None = None,
    ) -> None:
        self.tenant_slug = tenant_slug
        self.name = "ledger_" + tenant_slug.replace("-", "_")
        self._factory = factory
        super().__init__(env)

    def construct_factory(self, env: Any) -> InfrastructureFactory[Any]:
        return self._factory or super().construct_factory(env)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_types(transcoder, VALUE_OBJECTS)
