"""What a region (a PCC area) records in its own ledger, beside its partnerships' ledgers:
its partner directory, commissioning budgets, commissioned services, groups of partnerships
with their master action plans, and demand figures. Its grants and hosted pooled budgets
reuse ``domain.funding``'s ``BudgetLine`` and ``PooledBudget``.
"""

from domain.region.commissioning import CommissioningBudget, CommissioningYear
from domain.region.demand import DemandRecord, Indicator, Period
from domain.region.groups import GroupKind, PartnershipGroup, PlanItem
from domain.region.partners import Partner, PartnerDirectory, Sector
from domain.region.services import CommissionedService

# Only plain values (str, int, date, tuples) travel in these aggregates' events.
VALUE_OBJECTS: tuple[type, ...] = ()

__all__ = [
    "VALUE_OBJECTS",
    "CommissionedService",
    "CommissioningBudget",
    "CommissioningYear",
    "DemandRecord",
    "GroupKind",
    "Indicator",
    "Partner",
    "PartnerDirectory",
    "PartnershipGroup",
    "Period",
    "PlanItem",
    "Sector",
]
