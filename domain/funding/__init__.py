"""Funding: PCC grants (budget lines, business cases, decisions, allocations, payments),
pooled DHR budgets with their plans, statements and forecasts, and the cost of each DHR.

All money is ``int`` pence; all periods are ``FinancialYear`` (1 April – 31 March).
"""

from domain.funding.accruals import AccrualsStatement, BothBases, accruals
from domain.funding.costs import CostCategory, CostSummary, ReviewCost
from domain.funding.forecast import Forecast, PartnerShare, forecast, forecast_for
from domain.funding.grant_values import AmountLine
from domain.funding.grants import BudgetLine
from domain.funding.index import BudgetKind, BudgetListing, FundingIndex
from domain.funding.money import check_pence, pounds, split_pro_rata
from domain.funding.plans import AllocationPlan
from domain.funding.pooled import PooledBudget
from domain.funding.pooled_values import dhrs_text
from domain.funding.statements import Statement, statement
from domain.funding.years import FinancialYear

# Frozen dataclasses that travel inside events, for the store's transcoder.
VALUE_OBJECTS: tuple[type, ...] = (FinancialYear, AmountLine)

__all__ = [
    "VALUE_OBJECTS",
    "AccrualsStatement",
    "AllocationPlan",
    "BothBases",
    "AmountLine",
    "BudgetKind",
    "BudgetLine",
    "BudgetListing",
    "CostCategory",
    "CostSummary",
    "FinancialYear",
    "Forecast",
    "FundingIndex",
    "PartnerShare",
    "PooledBudget",
    "ReviewCost",
    "Statement",
    "accruals",
    "check_pence",
    "dhrs_text",
    "forecast",
    "forecast_for",
    "pounds",
    "split_pro_rata",
    "statement",
]
