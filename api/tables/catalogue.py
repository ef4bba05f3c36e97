"""Every register and view that can be downloaded, keyed by its Flask endpoint.

One entry per view says which JSON rows make the table and how each column reads; the
rendering layer (``api.tables.negotiate``) does the rest for CSV, XLSX and board papers.
"""

from __future__ import annotations

from api.tables.columns import Column, Kind, Section, Table, period, pounds

C, D, M, N, T, Y, L = Kind.COUNT, Kind.DATE, Kind.MONEY, Kind.NUMBER, Kind.TEXT, Kind.YESNO, Kind.LIST
K = Kind.CODE

DHR_FOOTNOTES = (
    "Commenced: a decision to hold a review (alone, or jointly with a Serious Case Review or "
    "Safeguarding Adults Review), or a review directed by the Secretary of State.",
    "Completed: completed and submitted to the Home Office, counted on the first submission.",
    "Joint reviews are counted once, under the partnership that leads them.",
    "Alternative reviews: the criteria for a DHR were not met and another review was held.",
    "Suicides: deaths recorded as suspected victim suicide (in scope since the 2016 guidance).",
    "Paused: reviews paused for parallel proceedings (criminal trial, inquest) at the time of the view.",
)

PARTNERSHIP = (Column("name", "Partnership", T, 24), Column("tenant", "Key", T, 18))

DHR_COUNTS = Table(
    "DHRs notified, commenced and completed per partnership",
    "Domestic Homicide Reviews per Community Safety Partnership of the region, with the "
    "region's total (the West Midlands table of seed 000).",
    (
        Section(
            "DHRs", "rows",
            (*PARTNERSHIP, Column("notified", "Notified", C), Column("commenced", "Commenced", C),
             Column("completed", "Completed", C), Column("decommissioned", "Decommissioned", C),
             Column("joint_reviews", "Joint reviews", C),
             Column("alternative_reviews", "Alternative reviews", C),
             Column("suicides", "Suicides", C), Column("paused_now", "Paused now", C)),
            total="total",
        ),
    ),
    DHR_FOOTNOTES,
    period,
)


def _spread(key: str, label: str) -> tuple[Column, ...]:
    return (
        Column(f"{key}.cases", f"{label}: cases", C),
        Column(f"{key}.median_days", f"{label}: median days", N),
        Column(f"{key}.worst_days", f"{label}: worst days", C),
    )


TIMELINESS = Table(
    "Timeliness of reviews per partnership",
    "Days from the incident to the decision, the first panel and submission to the Home "
    "Office; cases past the 1-month decision and 7-month completion targets now.",
    (
        Section(
            "Timeliness", "rows",
            (*PARTNERSHIP, Column("cases", "Cases", C), *_spread("to_decision", "To decision"),
             *_spread("to_first_panel", "To first panel"),
             *_spread("to_submission", "To submission"),
             Column("past_decision_target_now", "Past 1-month decision target", C),
             Column("past_completion_target_now", "Past 7-month completion target", C)),
            total="overall",
        ),
    ),
    ("Home Office guidance: decide within 1 month of the incident, complete within 7 months.",),
    period,
)

THEMES = Table(
    "Shared themes and target sectors",
    "Which themes recur in how many partnerships and reviews, and which service sectors "
    "the recommendations target.",
    (
        Section(
            "Themes", "themes",
            (Column("label", "Theme", T, 40), Column("theme", "Code", T, 24),
             Column("csps", "Partnerships", C), Column("dhrs", "Reviews", C),
             Column("recommendations", "Recommendations", C)),
        ),
        Section(
            "Sectors", "sectors",
            (Column("sector", "Target sector", T, 32),
             Column("recommendations", "Recommendations", C), Column("csps", "Partnerships", C)),
        ),
    ),
    ("A call for change carries more weight when a theme recurs across the region's partnerships.",),
    period,
)

_ACTION_COLUMNS = (
    Column("open", "Open", C), Column("overdue", "Overdue", C),
    Column("awaiting_impact_review", "Awaiting impact review", C),
    Column("impact_review_overdue", "Impact review overdue", C),
)
ACTIONS = Table(
    "Outstanding actions across the master action plans",
    "Open and overdue actions, and completed actions awaiting their impact review, by "
    "partnership, owner agency and theme.",
    (
        Section("By partnership", "by_csp", (Column("label", "Partnership", T, 28),
                                             *_ACTION_COLUMNS), total="total",
                total_label=("label", "Total")),
        Section("By owner agency", "by_owner", (Column("label", "Owner agency", T, 36),
                                                *_ACTION_COLUMNS)),
        Section("By theme", "by_theme", (Column("label", "Theme", T, 40), *_ACTION_COLUMNS)),
    ),
    ("Overdue: not completed by its due date. Impact review: a check, after completion, that "
     "the action changed practice.",),
    period,
)

MONEY = Table(
    "Money per partnership",
    "Grants approved, allocated and paid; pooled budget contributions agreed, received and "
    "not drawn down; pooled spend and the reserve; direct cost per DHR.",
    (
        Section(
            "Money", "rows",
            (*PARTNERSHIP, Column("grants_approved", "Grants approved", M),
             Column("grants_allocated", "Grants allocated", M),
             Column("grants_paid", "Grants paid", M),
             Column("pool_contributions_agreed", "Pool contributions agreed", M),
             Column("pool_contributions_received", "Pool contributions received", M),
             Column("pool_not_drawn_down", "Not drawn down", M),
             Column("pool_spent", "Pool spent", M), Column("pool_reserve", "Pool reserve", M),
             Column("dhr_costs", "DHR costs", M), Column("dhrs_costed", "DHRs costed", C),
             Column("cost_per_dhr", "Cost per DHR", M)),
            total="total",
        ),
    ),
    ("Amounts in pounds. The reserve is the balance at the end of the period (cash basis).",),
    period,
)

CASES = Table(
    "Register of cases",
    "The partnership's Domestic Homicide Review cases, in order of notification.",
    (
        Section(
            "Cases", "",
            (Column("reference", "Reference", T, 16), Column("pseudonym", "Pseudonym", T, 14),
             Column("kind", "Kind", K, 14), Column("status", "Status", K, 20),
             Column("incident_on", "Incident", D), Column("notified_on", "Notified", D)),
        ),
    ),
    ("Cases are anonymised: pseudonyms only, never names.",),
)

_PLAN = (
    Column("recommendation_reference", "Recommendation", T, 14), Column("scope", "Scope", K, 14),
    Column("theme_codes", "Themes", L, 30), Column("target_organisation", "Target", T, 24),
    Column("target_sector", "Target sector", T, 20), Column("owner", "Owner agency", T, 28),
    Column("description", "Action", T, 50), Column("status", "Status", K, 14),
    Column("due_on", "Due", D), Column("overdue", "Overdue", Y),
    Column("completed_on", "Completed", D), Column("confirmed_on", "Signed off", D),
    Column("impact_review_due_on", "Impact review due", D),
    Column("awaiting_impact_review", "Awaiting impact review", Y),
    Column("last_progress_on", "Last progress", D),
)
ACTION_PLAN = Table(
    "Master action plan",
    "Every action of every review of the partnership, with its recommendation.",
    (Section("Action plan", "", _PLAN),),
    ("Completed actions are revisited by an impact review (Leicestershire found no process "
     "to check the impact of completed actions).",),
)

RECOMMENDATIONS = Table(
    "Recommendations of a review",
    "The review's recommendations, their scope, target and themes.",
    (
        Section(
            "Recommendations", "",
            (Column("reference", "Reference", T, 12), Column("text", "Recommendation", T, 60),
             Column("scope", "Scope", K, 14), Column("made_on", "Made", D),
             Column("theme_codes", "Themes", L, 30), Column("target_organisation", "Target", T, 24),
             Column("target_sector", "Target sector", T, 20),
             Column("national_addressee", "National addressee", T, 24),
             Column("national_status", "National status", T, 18)),
        ),
    ),
)

ACTIONS_OF = Table(
    "Actions of a recommendation",
    "The actions that implement one recommendation.",
    (
        Section(
            "Actions", "",
            (Column("owner", "Owner agency", T, 28), Column("description", "Action", T, 50),
             Column("status", "Status", K, 14), Column("due_on", "Due", D),
             Column("completed_on", "Completed", D)),
        ),
    ),
)

STATEMENT = Table(
    "Pooled budget statement",
    "The year's statement: opening reserve + contributions - spend = closing reserve, "
    "with each partner's contribution and each allocation's spend.",
    (
        Section(
            "Partners", "partners",
            (Column("partner", "Partner", T, 32), Column("agreed", "Agreed", M),
             Column("not_drawn_down", "Not drawn down", M),
             Column("received_for_year", "Received for the year", M),
             Column("outstanding", "Outstanding", M)),
        ),
        Section(
            "Allocations", "allocations",
            (Column("purpose", "Purpose", T, 40), Column("key", "Key", T, 18),
             Column("planned", "Planned", M), Column("spent", "Spent", M)),
        ),
    ),
    ("Amounts in pounds; cash received basis.",),
    lambda body: [
        ("Budget", body.get("budget_reference")), ("Financial year", body.get("year")),
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
            "Shares", "shares",
            (Column("partner", "Partner", T, 32), Column("agreed", "Agreed", M),
             Column("required", "Required", M)),
        ),
    ),
    (),
    lambda body: [
        ("Financial year", body.get("year")), ("Expected DHRs", body.get("expected_dhrs")),
        ("Cost per DHR", pounds(body.get("cost_per_dhr"))),
        ("Fixed costs", pounds(body.get("fixed_costs"))),
        ("Annual cost", pounds(body.get("annual_cost"))), ("Reserve", pounds(body.get("reserve"))),
        ("Annual shortfall", pounds(body.get("annual_shortfall"))),
    ],
)

BUDGETS = Table(
    "Budgets",
    "The partnership's pooled budgets and grant budget lines.",
    (
        Section(
            "Budgets", "",
            (Column("kind", "Kind", K, 16), Column("reference", "Reference", T, 16),
             Column("name", "Name", T, 40)),
        ),
    ),
)

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
