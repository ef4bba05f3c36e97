"""A partnership's registers as tables: cases, the master action plan, recommendations and
their actions, pooled budget statements and forecasts, budgets."""

from __future__ import annotations

from api.tables.columns import Column, Kind, Section, Table, pounds

D, M, T, Y, L, K = Kind.DATE, Kind.MONEY, Kind.TEXT, Kind.YESNO, Kind.LIST, Kind.CODE

CASES = Table(
    "Register of cases",
    "The partnership's Domestic Homicide Review cases, in order of notification.",
    (
        Section(
            "Cases",
            "",
            (
                Column("reference", "Reference", T, 16),
                Column("pseudonym", "Pseudonym", T, 14),
                Column("kind", "Kind", K, 14),
                Column("status", "Status", K, 20),
                Column("incident_on", "Incident", D),
                Column("notified_on", "Notified", D),
            ),
        ),
    ),
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

RECOMMENDATIONS = Table(
    "Recommendations of a review",
    "The review's recommendations, their scope, target and themes.",
    (
        Section(
            "Recommendations",
            "",
            (
                Column("reference", "Reference", T, 12),
                Column("text", "Recommendation", T, 60),
                Column("scope", "Scope", K, 14),
                Column("made_on", "Made", D),
                Column("theme_codes", "Themes", L, 30),
                Column("target_organisation", "Target", T, 24),
                Column("target_sector", "Target sector", T, 20),
                Column("national_addressee", "National addressee", T, 24),
                Column("national_status", "National status", T, 18),
            ),
        ),
    ),
)

ACTIONS_OF = Table(
    "Actions of a recommendation",
    "The actions that implement one recommendation.",
    (
        Section(
            "Actions",
            "",
            (
                Column("owner", "Owner agency", T, 28),
                Column("description", "Action", T, 50),
                Column("status", "Status", K, 14),
                Column("due_on", "Due", D),
                Column("completed_on", "Completed", D),
            ),
        ),
    ),
)

STATEMENT = Table(
    "Pooled budget statement",
    "The year's statement: opening reserve + contributions - spend = closing reserve, "
    "with each partner's contribution and each allocation's spend.",
    (
        Section(
            "Partners",
            "partners",
            (
                Column("partner", "Partner", T, 32),
                Column("agreed", "Agreed", M),
                Column("not_drawn_down", "Not drawn down", M),
                Column("received_for_year", "Received for the year", M),
                Column("outstanding", "Outstanding", M),
            ),
        ),
        Section(
            "Allocations",
            "allocations",
            (
                Column("purpose", "Purpose", T, 40),
                Column("key", "Key", T, 18),
                Column("planned", "Planned", M),
                Column("spent", "Spent", M),
            ),
        ),
    ),
    ("Amounts in pounds; cash received basis.",),
    lambda body: [
        ("Budget", body.get("budget_reference")),
        ("Financial year", body.get("year")),
        ("Opening reserve", pounds(body.get("opening_reserve"))),
        ("Contributions received", pounds(body.get("contributions"))),
        ("Spend", pounds(body.get("spend"))),
        ("Closing reserve", pounds(body.get("closing_reserve"))),
        ("Carried forward", pounds(body.get("carried_forward"))),
    ],
)

FORECAST = Table(
    "Pooled budget forecast",
    "What a year costs at the expected number of DHRs, and each partner's share.",
    (
        Section(
            "Shares",
            "shares",
            (
                Column("partner", "Partner", T, 32),
                Column("agreed", "Agreed", M),
                Column("required", "Required", M),
            ),
        ),
    ),
    (),
    lambda body: [
        ("Financial year", body.get("year")),
        ("Expected DHRs", body.get("expected_dhrs")),
        ("Cost per DHR", pounds(body.get("cost_per_dhr"))),
        ("Fixed costs", pounds(body.get("fixed_costs"))),
        ("Annual cost", pounds(body.get("annual_cost"))),
        ("Reserve", pounds(body.get("reserve"))),
        ("Annual shortfall", pounds(body.get("annual_shortfall"))),
    ],
)

BUDGETS = Table(
    "Budgets",
    "The partnership's pooled budgets and grant budget lines.",
    (
        Section(
            "Budgets",
            "",
            (
                Column("kind", "Kind", K, 16),
                Column("reference", "Reference", T, 16),
                Column("name", "Name", T, 40),
            ),
        ),
    ),
)
