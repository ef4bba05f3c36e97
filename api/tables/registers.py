"""A partnership's registers as tables: cases, the master action plan, recommendations and
their actions, pooled budget statements and forecasts, budgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from api.tables.columns import Column, Kind, Section, Table, Unread, facts, in_words, pounds
from api.vocabulary import (
    ACTION_STATUSES,
    GROUP_ITEM_STATUSES,
    NATIONAL_STATUSES,
    REVIEW_KINDS,
    REVIEW_STATUSES,
    SCOPES,
)

D, M, T, Y, L, K = Kind.DATE, Kind.MONEY, Kind.TEXT, Kind.YESNO, Kind.LIST, Kind.CODE


_REFERENCE = Column("reference", "Reference", T, 16)  # a case's, as the partnership quotes it
_KIND = Column("kind", "Kind", K, 26, REVIEW_KINDS)
_STATUS = Column("status", "Status", K, 20, REVIEW_STATUSES)


def _register(
    title: str,
    about: str,
    section: str,
    columns: tuple[Column, ...],
    *footnotes: str,
    row_heading: str | None = None,
) -> Table:
    """A register: the body is the list of its rows, one table of them."""
    return Table(title, about, (Section(section, "", columns, row_heading=row_heading),), footnotes)


CASES = _register(
    "Register of cases",
    "The partnership's Domestic Homicide Review cases, in order of notification.",
    "Cases",
    (
        _REFERENCE,
        Column("pseudonym", "Pseudonym", T, 14),
        _KIND,
        _STATUS,
        Column("incident_on", "Incident", D),
        Column("notified_on", "Notified", D),
    ),
    "Cases are anonymised: pseudonyms only, never names.",
    row_heading="reference",
)
# The register as the partnership's page lists it, for its board: each case's statutory clocks
# beside its facts, judged on the day the file is read (or the day it is read as recorded by).
REGISTER = replace(
    CASES,
    sections=(
        replace(
            CASES.sections[0],
            columns=(
                *CASES.sections[0].columns,
                Column("decision_due", "Decision due", D),
                Column("decided_on", "Decided", D),
                Column("completion_due", "Review due to complete", D),
                Column("clocks", "Statutory clock", L, 30),
                # new columns go last: formulas over the earlier ones keep their cells
                Column("more_time_asked", "Requests for more time waiting", L, 40),
            ),
        ),
    ),
    footnotes=(
        *CASES.footnotes,
        "Requests for more time waiting are agencies' requests to have their IMR due later "
        "that the panel has not yet agreed or refused: the agency works to its old date until "
        "answered. Agencies are named as the region's partner directory names them.",
        # last: the partnership's board paper quotes it under its table of cases
        "Guidance expects a decision within 1 month of the death and the review completed "
        "within 7 months; days paused for parallel proceedings move the review's due date on.",
    ),
)


def _in_all(*columns: Column) -> Callable[[Any], list[tuple[str, Any]]]:
    """A register's money columns added up for its notes sheet ("In all, incurred:
    £85,050.00"), as the page's sentence under the table adds them: nothing recorded adds
    nothing. The rows themselves stay one a review, so a sheet sorted or summed is not thrown
    by a total among them; a CSV, which has no notes, adds them up on a last line labelled
    Total (``Section.sums``), as the regional views' CSVs end with the region's total."""

    def of(body: Any) -> list[tuple[str, Any]]:
        rows = body if isinstance(body, list) else []
        return [(f"In all, {c.header.lower()}", in_all(c, rows)) for c in columns]

    def in_all(column: Column, rows: list[Any]) -> str:
        cells = [column.raw(r) for r in rows]
        unread = next((c for c in cells if isinstance(c, Unread)), None)  # unknown, not £0
        return str(unread) if unread else pounds(sum(int(c or 0) for c in cells))

    return of


_AGREED = Column("agreed_cost_pence", "Agreed when commissioned", M)
_ESTIMATED = Column("estimated_pence", "Estimated", M)
_INCURRED = Column("incurred_pence", "Incurred", M)
_SET_ASIDE = Column("estimate_set_aside_pence", "Estimate set aside (decommissioned)", M)
_AGREED_SET_ASIDE = Column("agreed_set_aside_pence", "Agreed cost set aside (decommissioned)", M)
# New columns go last: a finance officer's formulas over the earlier ones keep their cells.
FROM_POTS_NOTE = (  # the paper's table 5, without the column, goes without it
    "Paid from the region's pots is what a pooled budget held for the region (such as one "
    "kept by a business office for its partners) paid for the review: the pot's money, not "
    "the partnership's own, so it is not in Incurred."
)
_FROM_POTS = Column("paid_from_region_pence", "Paid from the region's pots", M)
_COSTS = (_AGREED, _ESTIMATED, _INCURRED, _SET_ASIDE, _AGREED_SET_ASIDE, _FROM_POTS)
COSTS = Table(
    "What the reviews cost",
    "Each review's agreed cost, what it is estimated to cost and what it has cost so far.",
    (
        Section(
            "Costs",
            "",
            (_REFERENCE, _KIND, _STATUS, *_COSTS),
            sums=tuple(c.key for c in _COSTS),
            row_heading="reference",  # and "Total" in a board paper's last row
        ),
    ),
    (
        "An estimate is the latest for each thing a review pays for (chair, author, "
        "administration, legal, translation, venues); incurred is what its invoices add up to.",
        "A decommissioned review will spend nothing more, so neither its agreed cost nor its "
        "estimate is counted as agreed or estimated: each shows as set aside instead (what "
        "the review did incur still counts).",
        FROM_POTS_NOTE,
    ),
    _in_all(*_COSTS),
)

# What a recommendation and its actions say wherever they are listed: the case first, since a
# recommendation's reference ("R3") is only unique within its case.
_CASE = Column("review_reference", "Case reference", T, 14)
_SCOPE = Column("scope", "Scope", K, 14, SCOPES)
# Themes and sector as the partnership's taxonomy names them (a plan line and a listed
# recommendation carry the names beside the codes); the action-plan import takes them back.
_TARGET = (
    Column("theme_names", "Themes", L, 40),
    Column("target_organisation", "Target", T, 24),
    Column("target_sector_name", "Target sector", T, 24),
)
_ACTION = (
    Column("owner_name", "Owner agency", T, 28),  # a directory key by its body's name
    Column("description", "Action", T, 50),
    Column("status", "Status", K, 14, ACTION_STATUSES),
    Column("due_on", "Due", D),
)
# Its number and, as the action-plan import names it, its text: the plan reads on its own.
_RECOMMENDATION = Column("recommendation_reference", "Recommendation", T, 14)
_RECOMMENDATION_TEXT = Column("recommendation_text", "Recommendation text", T, 50)
_OVERDUE = Column("overdue", "Overdue", Y)
_COMPLETED = Column("completed_on", "Completed", D)
_AWAITING = (  # where a completed action stands: its impact still to review, its last news
    Column("awaiting_impact_review", "Awaiting impact review", Y),
    Column("last_progress_on", "Last progress", D),
)
_OWNERS_NAMED = (
    "Owners are named as the region's partner directory names them; an owner it does not "
    "list is shown as the review recorded it."
)

ACTION_PLAN = _register(
    "Master action plan",
    "Every action of every review of the partnership, with its recommendation.",
    "Action plan",
    (
        _CASE,
        _RECOMMENDATION,
        _RECOMMENDATION_TEXT,
        _SCOPE,
        *_TARGET,
        *_ACTION,
        _OVERDUE,
        _COMPLETED,
        Column("confirmed_on", "Signed off", D),
        Column("impact_review_due_on", "Impact review due", D),
        *_AWAITING,
    ),
    "Completed actions are revisited by an impact review (Leicestershire found no process "
    "to check the impact of completed actions).",
    _OWNERS_NAMED,
)

GROUP_PLAN = Table(
    "Master action plan of a group",
    "Every member partnership's actions from its reviews, and the actions the group owns "
    "itself (a board's multi-agency actions).",
    (
        Section(
            "Members' actions",
            "lines",
            (
                Column("partnership", "Partnership", T, 22),
                _CASE,
                _RECOMMENDATION,
                _RECOMMENDATION_TEXT,
                *_ACTION,
                _OVERDUE,
                _COMPLETED,
                *_AWAITING,
            ),
        ),
        Section(
            "Group's own actions",
            "items",
            (
                Column("reference", "Reference", T, 14),
                Column("text", "Action", T, 50),
                Column("owner_name", "Owner", T, 28),
                Column("status", "Status", K, 14, GROUP_ITEM_STATUSES),
                Column("due_on", "Due", D),
                _COMPLETED,
                Column("last_update", "Latest update", T, 40),
            ),
            row_heading="reference",  # a group's own action has a reference of its own
        ),
    ),
    (_OWNERS_NAMED,),
    facts(Column("group", "Group"), Column("owner_name", "Who owns the plan")),
)

_YEAR = Column("year", "Financial year", T, 10)
_PURPOSE = Column("purpose", "Purpose", T, 40)
_SERVICE = Column("service", "Service", T, 36)  # what ties a service's rows across the tables

COMMISSIONING = Table(
    "Joint commissioning",
    "The region's commissioning budgets with each area's minimum spend beside what it is "
    "allocated, and the services bought: their funding agreements and what each funder paid.",
    (
        Section(
            "Minimum spend by area",
            "areas",
            (
                Column("budget", "Budget", T, 32),
                _YEAR,
                Column("area", "Area", T, 24),
                Column("minimum", "Minimum spend", M),
                Column("allocated", "Allocated", M),
                Column("short_of_minimum", "Still to reach the minimum", M),
            ),
            # no one column names a row: a budget sets a minimum for each area in each year
            row_heading=("budget", "year", "area"),
        ),
        Section(
            "Funding agreements",
            "agreements",
            (
                _SERVICE,
                Column("provider", "Provider now", T, 24),
                Column("area", "Area served", T, 20),
                Column("agreement", "Agreement", T, 20),
                Column("starts_on", "From", D),
                Column("ends_on", "To", D),
                Column("annual_value", "Each year", M),
                Column("funders", "Who pays each year", L, 48),
                Column("extensions", "Extensions", L, 40),
            ),
            row_heading=("service", "agreement"),  # a service's original agreement, its next
        ),
        Section(
            "Paid to providers",
            "payments",
            (
                _SERVICE,
                Column("funder", "Paid by", T, 32),
                Column("paid", "Paid so far", M),
            ),
            row_heading=("service", "funder"),
        ),
        Section(
            "Milestones",
            "milestones",
            (
                _SERVICE,
                Column("milestone", "Milestone", T, 36),
                Column("due_on", "Due", D),
                Column("reached_on", "Reached", D),
                Column("overdue", "Overdue", Y),
            ),
            row_heading=("service", "milestone"),
        ),
    ),
    (
        "Bodies are named as the region's partner directory names them.",
        "A milestone is overdue when it was not reached by its due date, at the date of the file.",
    ),
)

RECOMMENDATIONS = _register(
    "Recommendations of a review",
    "The review's recommendations, their scope, target and themes.",
    "Recommendations",
    (
        Column("reference", "Reference", T, 12),
        Column("text", "Recommendation", T, 60),
        _SCOPE,
        Column("made_on", "Made", D),
        *_TARGET,
        Column("national_addressee", "National addressee", T, 24),
        Column("national_status", "National status", K, 18, NATIONAL_STATUSES),
    ),
)

ACTIONS_OF = replace(
    _register(
        "Actions of a recommendation",
        "The actions that implement one recommendation.",
        "Actions",
        # the API's records as stored; a download names the owner as the plan's does
        (Column("owner", "Owner agency", T, 28), *_ACTION[1:], _COMPLETED),
    ),
    agencies=("owner",),
)

_PARTNER = (Column("partner", "Partner", T, 32), Column("agreed", "Agreed", M))
_PARTNERS = (
    *_PARTNER,
    Column("not_drawn_down", "Not drawn down", M),
    Column("received_for_year", "Received for the year", M),
    Column("outstanding", "Outstanding", M),
)
_ALLOCATIONS = (  # an allocation by its purpose: its key (made from it) is for the API's calls
    _PURPOSE,
    Column("planned", "Planned", M),
    Column("spent", "Spent", M),
)
STATEMENT = Table(
    "Pooled budget statement",
    "The year's statement: opening reserve + contributions - spend = closing reserve, "
    "with each partner's contribution and each allocation's spend.",
    (
        Section(
            "Partners",
            "partners",
            _PARTNERS,
            total="partners_total",
            total_label=("partner", "Total"),
            row_heading="partner",
        ),
        Section("Allocations", "allocations", _ALLOCATIONS, row_heading="purpose"),
    ),
    ("Amounts in pounds; cash received basis.",),
    facts(
        Column("budget_reference", "Budget"),
        Column("year", "Financial year"),
        Column("opening_reserve", "Opening reserve", M),
        Column("contributions", "Contributions received", M),
        Column("received_in_year_for_year", "Of which for the year", M),
        Column("received_in_advance", "Of which paid early for later years", M),
        Column("received_late", "Of which paid late for earlier years", M),
        *in_words(M, "spend", "closing_reserve", "carried_forward"),
    ),
    partners=("partner",),
)

_SHARES = (*_PARTNER, Column("required", "Required", M))
_COMMITMENTS = (  # approved variations not yet paid in full
    _PURPOSE,
    _YEAR,
    Column("decided_on", "Approved", D),
    Column("approved", "Amount approved", M),
    Column("spent", "Paid", M),
    Column("unpaid", "Still to pay", M),
    Column("in_cost", "In the year's cost", Y),
)
FORECAST = Table(
    "Pooled budget forecast",
    "What a year costs at the expected number of DHRs, and each partner's share.",
    (
        Section("Shares", "shares", _SHARES, row_heading="partner"),
        Section("Commitments", "commitments", _COMMITMENTS),
    ),
    (),
    facts(
        Column("year", "Financial year"),
        Column("expected_dhrs", "Expected DHRs"),
        Column("cost_per_dhr", "Cost per DHR", M),
        *in_words(M, "fixed_costs", "annual_cost", "reserve", "annual_shortfall"),
        Column("committed_from_reserve", "Committed from the reserve", M),
    ),
    partners=("partner",),
)

BUDGETS = _register(
    "Budgets",
    "The partnership's pooled budgets and grant budget lines.",
    "Budgets",
    (
        Column("kind", "Kind", K, 16),
        Column("reference", "Reference", T, 16),
        Column("name", "Name", T, 40),
    ),
)
