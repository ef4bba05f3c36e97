"""The event-sourced application of one tenant, composed of one use-case mixin per domain area."""

from tenants.ledger.application import PartnershipLedger

__all__ = ["PartnershipLedger"]
