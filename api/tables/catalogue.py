"""Every register and view that can be downloaded, keyed by its Flask endpoint.

One entry per view says which JSON rows make the table and how each column reads; the
rendering layer (``api.tables.negotiate``) does the rest for CSV, XLSX and board papers.
"""

from __future__ import annotations

from api.tables.columns import Table
from api.tables.regional import ACTIONS, DHR_COUNTS, MONEY, THEMES, TIMELINESS
from api.tables.registers import (
    ACTION_PLAN,
    ACTIONS_OF,
    BUDGETS,
    CASES,
    FORECAST,
    RECOMMENDATIONS,
    STATEMENT,
)

__all__ = [
    "ACTION_PLAN",
    "ACTIONS",
    "ACTIONS_OF",
    "BUDGETS",
    "CASES",
    "CATALOGUE",
    "DHR_COUNTS",
    "FORECAST",
    "MONEY",
    "RECOMMENDATIONS",
    "STATEMENT",
    "THEMES",
    "TIMELINESS",
]

CATALOGUE: dict[str, Table] = {
    "regional-views.dhr_counts_view": DHR_COUNTS,
    "regional-views.timeliness_view": TIMELINESS,
    "regional-views.themes_view": THEMES,
    "regional-views.actions_view": ACTIONS,
    "regional-views.money_view": MONEY,
    "reviews.list_reviews": CASES,
    "action-plan.master_plan": ACTION_PLAN,
    "action-plan.master_plan_snapshot": ACTION_PLAN,
    "action-plan.master_plan_as_recorded": ACTION_PLAN,
    "recommendations.list_recommendations": RECOMMENDATIONS,
    "recommendations.list_actions": ACTIONS_OF,
    "pooled-reports.statement": STATEMENT,
    "pooled-reports.forecast": FORECAST,
    "grants.list_budgets": BUDGETS,
}
