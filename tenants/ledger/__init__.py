"""The event-sourced application of one tenant, holding one service per domain area."""

from tenants.ledger.application import PartnershipLedger

__all__ = ["PartnershipLedger"]
