"""The regional views as tables: the seed 000 table per partnership, timeliness, shared themes,
outstanding actions and money (``api.tables.catalogue`` keys them by endpoint).

Themes and target sectors are named as their taxonomies name them, with no code column: no
import takes these sheets back (the action-plan import reads a theme or sector by its name,
and its template lists each code beside its name), so a code would only be a second, less
readable name. The JSON views keep the codes for programs."""

from __future__ import annotations

from api.tables.columns import Column, Kind, Section, Table, in_words, period

C, M, N, T = Kind.COUNT, Kind.MONEY, Kind.NUMBER, Kind.TEXT

DHR_FOOTNOTES = (
    "Commenced: a decision to hold a review (alone, or jointly with a Serious Case Review or "
    "Safeguarding Adults Review), or a review directed by the Secretary of State.",
    "Completed: completed and submitted to the Home Office, counted on the first submission.",
    "Joint reviews are counted once, under the partnership that leads them.",
    "Alternative reviews: the criteria for a DHR were not met and another review was held.",
    "Suicides: deaths recorded as suspected victim suicide (in scope since the 2016 guidance).",
    "Paused: reviews paused for parallel proceedings (criminal trial, inquest) on the last day "
    "of the period.",
)

# A partnership by its name; its slug ("tenant" in the JSON) is the address's key, not a reference
# anyone quotes, so a sheet people read leaves it out (as the board papers always have).
PARTNERSHIP = (Column("name", "Partnership", T, 24),)


def _per_partnership(
    title: str,
    about: str,
    section: str,
    columns: tuple[Column, ...],
    footnotes: tuple[str, ...],
    total: str = "total",
    also: tuple[Section, ...] = (),
) -> Table:
    """A view with one row per partnership under ``rows`` and the region's row under ``total``
    (and ``also`` its other tables)."""
    rows = Section(section, "rows", (*PARTNERSHIP, *columns), total=total, row_heading="name")
    return Table(title, about, (rows, *also), footnotes, period)


DHR_COUNTS = _per_partnership(
    "DHRs notified, commenced and completed per partnership",
    "Domestic Homicide Reviews per Community Safety Partnership of the region, with the "
    "region's total.",
    "DHRs",
    (
        *in_words(C, "notified", "commenced", "completed", "decommissioned"),
        *in_words(C, "joint_reviews", "alternative_reviews", "suicides", "paused_now"),
    ),
    DHR_FOOTNOTES,
)


def _spread(key: str, label: str) -> tuple[Column, ...]:
    return (
        Column(f"{key}.cases", f"{label}: cases", C),
        Column(f"{key}.median_days", f"{label}: median days", N),
        Column(f"{key}.worst_days", f"{label}: worst days", C),
    )


TIMELINESS = _per_partnership(
    "Timeliness of reviews per partnership",
    "Days from the incident to the decision, the first panel and submission to the Home "
    "Office; decisions made later than a month; cases awaiting a decision after 1 month or not "
    "yet approved by the Home Office after 7 months now.",
    "Timeliness",
    (
        Column("cases", "Cases", C),
        *_spread("to_decision", "To decision"),
        *_spread("to_first_panel", "To first panel"),
        *_spread("to_submission", "To submission"),
        Column("decided_late", "Decided after 1 month", C),
        Column("past_decision_target_now", "Awaiting a decision after 1 month", C),
        Column("past_completion_target_now", "Not approved after 7 months", C),
    ),
    (
        "Home Office guidance: decide within 1 month of the incident, complete within 7 months.",
        "Not approved after 7 months: a review is complete when the Home Office approves it, so "
        "one submitted and awaiting its approval is counted, beside 'Completed' (submitted).",
    ),
    total="overall",
    also=(
        Section(  # the dashboard's table of late individual management reviews
            "IMRs by agency",
            "imrs_by_agency",
            (
                Column("label", "Agency", T, 32),
                Column("requested", "IMRs with a due date", C),
                Column("awaited", "Awaited", C),
                Column("late", "Late", C),
                Column("days_late", "Days late in all", C),
                Column("worst_days_late", "Most days late", C),
                Column("chased", "Chased", C),
                Column("more_time_asked", "More time asked, not yet answered", C),
            ),
            row_heading="label",
        ),
    ),
)

# named by the region's and its partnerships' taxonomies (``tenants.theme_names``), no codes
_THEMES = (
    Column("label", "Theme", T, 40),
    Column("csps", "Partnerships", C),
    Column("dhrs", "Reviews", C),
    Column("recommendations", "Recommendations", C),
)
_SECTORS = (
    Column("label", "Target sector", T, 40),
    Column("recommendations", "Recommendations", C),
    Column("csps", "Partnerships", C),
)
THEMES = Table(
    "Shared themes and target sectors",
    "Which themes recur in how many partnerships and reviews, and which service sectors "
    "the recommendations target.",
    (
        Section("Themes", "themes", _THEMES, row_heading="label"),
        Section("Sectors", "sectors", _SECTORS, row_heading="label"),
    ),
    (
        "A call for change carries more weight when a theme recurs across the region's partnerships.",
        "A review counts under every theme of its findings and recommendations, and a "
        "recommendation under each of its themes, so the rows add up to more than the region's "
        "reviews and recommendations.",
    ),
    period,
)

_ACTION_COLUMNS = in_words(C, "open", "overdue", "awaiting_impact_review", "impact_review_overdue")
ACTIONS = Table(
    "Outstanding actions across the master action plans",
    "Open and overdue actions, and completed actions awaiting their impact review, by "
    "partnership, owner agency and theme.",
    (
        Section(
            "By partnership",
            "by_csp",
            (Column("label", "Partnership", T, 28), *_ACTION_COLUMNS),
            total="total",
            total_label=("label", "Total"),
            row_heading="label",
        ),
        Section(
            "By owner agency",
            "by_owner",
            (Column("label", "Owner agency", T, 36), *_ACTION_COLUMNS),
            row_heading="label",
        ),
        Section(
            "By theme",
            "by_theme",
            (Column("label", "Theme", T, 40), *_ACTION_COLUMNS),
            row_heading="label",
        ),
    ),
    (
        "Overdue: not completed by its due date. Impact review: a check, after completion, that "
        "the action changed practice.",
        "By owner agency: each kind of agency's row counts all of its bodies; the rows after it, "
        "such as Health: Acute Hospital Trust, share out that row's figures, so add up one or "
        "the other, not both.",
        "By theme: an action counts under every theme of its recommendation, so the rows add up "
        "to more than the total.",
    ),
    period,
)

MONEY = _per_partnership(
    "Money per partnership",
    "Grants approved, allocated and paid; pooled budget contributions agreed, received and "
    "not drawn down; pooled spend and the reserve; direct cost per completed DHR.",
    "Money",
    (
        *in_words(M, "grants_approved", "grants_allocated", "grants_paid"),
        *in_words(M, "pool_contributions_agreed", "pool_contributions_received"),
        Column("pool_not_drawn_down", "Not drawn down", M),
        *in_words(M, "pool_spent", "pool_reserve"),
        Column("dhr_costs", "DHR costs", M),
        Column("dhrs_costed", "DHRs costed", C),
        Column("completed_dhrs_costed", "Completed DHRs costed", C),
        Column("cost_per_dhr", "Cost per completed DHR", M),
    ),
    (
        "Amounts in pounds. The reserve is the balance at the end of the period (cash basis).",
        "Cost per completed DHR: the costs in the period of reviews submitted to the Home Office "
        "by its end, over their number; a review still under way would understate it.",
    ),
)
