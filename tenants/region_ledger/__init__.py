"""A region's own ledger (``RegionLedger``) and the only way to reach it (``RegionLedgers``)."""

from tenants.region_ledger.application import RegionLedger, store_area
from tenants.region_ledger.ledgers import RegionLedgers

__all__ = ["RegionLedger", "RegionLedgers", "store_area"]
