"""A partnership's registers as tables: cases, the master action plan, recommendations and
their actions, pooled budget statements and forecasts, budgets."""

from __future__ import annotations

from api.tables.columns import Column, Kind, Section, Table, facts

D, M, T, Y, L, K = Kind.DATE, Kind.MONEY, Kind.TEXT, Kind.YESNO, Kind.LIST, Kind.CODE

_CASES = (
    Column("reference", "Reference", T, 16),
    Column("pseudonym", "Pseudonym", T, 14),
    Column("kind", "Kind", K, 14),
    Column("status", "Status", K, 20),
    Column("incident_on", "Incident", D),
    Column("notified_on", "Notified", D),
)
CASES = Table(
    "Register of cases",
    "The partnership's Domestic Homicide Review cases, in order of notification.",
    (Section("Cases", "", _CASES),),
    ("Cases are anonymised: pseudonyms only, never names.",),
)

_PLAN = (
    Column("recommendation_reference", "Recommendation", T, 14),
    Column("scope", "Scope", K, 14),
    Column("theme_codes", "Themes", L, 30),
    Column("target_organisation", "Target", T, 24),
    Column("target_sector", "Target sector", T, 20),
    Column("owner", "Owner agency", T, 28),
    Column("description", "Action", T, 50),
    Column("status", "Status", K, 14),
    Column("due_on", "Due", D),
    Column("overdue", "Overdue", Y),
    Column("completed_on", "Completed", D),
    Column("confirmed_on", "Signed off", D),
    Column("impact_review_due_on", "Impact review due", D),
    Column("awaiting_impact_review", "Awaiting impact review", Y),
    Column("last_progress_on", "Last progress", D),
)
ACTION_PLAN = Table(
    "Master action plan",
    "Every action of every review of the partnership, with its recommendation.",
    (Section("Action plan", "", _PLAN),),
    (
        "Completed actions are revisited by an impact review (Leicestershire found no process "
        "to check the impact of completed actions).",
    ),
)

_RECOMMENDATIONS = (
    Column("reference", "Reference", T, 12),
    Column("text", "Recommendation", T, 60),
    Column("scope", "Scope", K, 14),
    Column("made_on", "Made", D),
    Column("theme_codes", "Themes", L, 30),
    Column("target_organisation", "Target", T, 24),
    Column("target_sector", "Target sector", T, 20),
    Column("national_addressee", "National addressee", T, 24),
    Column("national_status", "National status", T, 18),
)
RECOMMENDATIONS = Table(
    "Recommendations of a review",
    "The review's recommendations, their scope, target and themes.",
    (Section("Recommendations", "", _RECOMMENDATIONS),),
)

_ACTIONS = (
    Column("owner", "Owner agency", T, 28),
    Column("description", "Action", T, 50),
    Column("status", "Status", K, 14),
    Column("due_on", "Due", D),
    Column("completed_on", "Completed", D),
)
ACTIONS_OF = Table(
    "Actions of a recommendation",
    "The actions that implement one recommendation.",
    (Section("Actions", "", _ACTIONS),),
)

_PARTNERS = (
    Column("partner", "Partner", T, 32),
    Column("agreed", "Agreed", M),
    Column("not_drawn_down", "Not drawn down", M),
    Column("received_for_year", "Received for the year", M),
    Column("outstanding", "Outstanding", M),
)
_ALLOCATIONS = (
    Column("purpose", "Purpose", T, 40),
    Column("key", "Key", T, 18),
    Column("planned", "Planned", M),
    Column("spent", "Spent", M),
)
STATEMENT = Table(
    "Pooled budget statement",
    "The year's statement: opening reserve + contributions - spend = closing reserve, "
    "with each partner's contribution and each allocation's spend.",
    (
        Section("Partners", "partners", _PARTNERS),
        Section("Allocations", "allocations", _ALLOCATIONS),
    ),
    ("Amounts in pounds; cash received basis.",),
    facts(
        Column("budget_reference", "Budget"),
        Column("year", "Financial year"),
        Column("opening_reserve", "Opening reserve", M),
        Column("contributions", "Contributions received", M),
        Column("spend", "Spend", M),
        Column("closing_reserve", "Closing reserve", M),
        Column("carried_forward", "Carried forward", M),
    ),
)

_SHARES = (
    Column("partner", "Partner", T, 32),
    Column("agreed", "Agreed", M),
    Column("required", "Required", M),
)
FORECAST = Table(
    "Pooled budget forecast",
    "What a year costs at the expected number of DHRs, and each partner's share.",
    (Section("Shares", "shares", _SHARES),),
    (),
    facts(
        Column("year", "Financial year"),
        Column("expected_dhrs", "Expected DHRs"),
        Column("cost_per_dhr", "Cost per DHR", M),
        Column("fixed_costs", "Fixed costs", M),
        Column("annual_cost", "Annual cost", M),
        Column("reserve", "Reserve", M),
        Column("annual_shortfall", "Annual shortfall", M),
    ),
)

_BUDGETS = (
    Column("kind", "Kind", K, 16),
    Column("reference", "Reference", T, 16),
    Column("name", "Name", T, 40),
)
BUDGETS = Table(
    "Budgets",
    "The partnership's pooled budgets and grant budget lines.",
    (Section("Budgets", "", _BUDGETS),),
)
