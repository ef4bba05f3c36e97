"""The regional board paper: the seed 000 table per partnership with its footnotes,
timeliness, shared themes, overdue actions and money, from the region's read models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from api.charts import months, timeliness_charts
from api.papers.cells import (
    long_date,
    note_and_request,
    region_in_text,
    rounding_note,
    whole_pounds,
)
from api.papers.paper import (
    DHR_DUTY,
    Meeting,
    Paper,
    PaperFigure,
    PaperTable,
    Part,
    Recorded,
    paper_date,
)
from api.plurals import plural
from api.schemas.views import (
    RegionalActionsOut,
    RegionalDhrCountsOut,
    RegionalMoneyOut,
    RegionalThemesOut,
    RegionalTimelinessOut,
)
from api.tables.bodies import owner_rows
from api.tables.catalogue import ACTIONS, DHR_COUNTS, MONEY, THEMES, TIMELINESS
from api.tables.columns import Column, Kind, Section
from domain.calendar import uk_today
from projections.port import ViewStore
from projections.queries import (
    POTS_ROW,
    STATUTORY_START,
    action_counts,
    dhr_counts,
    money,
    shared_themes,
    timeliness,
)
from projections.queries.actions import RegionalActions
from projections.queries.dashboard import ThemeMatrix, theme_matrix
from projections.queries.themes import with_labels


@dataclass(frozen=True)
class RegionalAsk(Meeting, Recorded):
    region: str
    region_name: str
    until: date
    since: date | None = None
    theme_labels: tuple[tuple[str, str], ...] = ()


def regional_paper(
    views: ViewStore, ask: RegionalAsk, today: date | None = None, repeats: Part | None = None
) -> Paper:
    """``repeats``: the part on repeated recommendations (``api.papers.learning``), read from
    the partnerships' stores rather than the views, placed last."""
    kw: dict[str, Any] = {"since": ask.since, "until": ask.until, "today": today}
    # a period ended before today: each case and action as it stood on its last day, as the
    # dashboard shows that day (an action completed since was still overdue then)
    made = uk_today()
    judged = today or made
    ended = ask.until < judged
    stood = {**kw, "on": ask.until} if ended else kw
    counts = RegionalDhrCountsOut().dump(dhr_counts(views, ask.region, **stood))
    timely = RegionalTimelinessOut().dump(timeliness(views, ask.region, **stood))
    theme_view = with_labels(shared_themes(views, ask.region, **kw), dict(ask.theme_labels))
    themes = RegionalThemesOut().dump(theme_view)
    matrix = theme_matrix(views, ask.region, ask.until, theme_view, since=ask.since)
    # every action outstanding on the period's last day, whenever it was planned: counted
    # over the period alone, a year's paper said 0 overdue where the dashboard said 42
    action_view = with_labels(
        action_counts(views, ask.region, **{**stood, "since": None}), dict(ask.theme_labels)
    )
    actions = RegionalActionsOut().dump(action_view)
    cash = RegionalMoneyOut().dump(money(views, ask.region, **kw))
    total, n = counts["total"], len(counts["rows"])
    since, until = date.fromisoformat(counts["since"]), date.fromisoformat(counts["until"])
    window = f"{long_date(since)} to {long_date(until)}"
    dhr, tim, thm, act, mon = (t.sections for t in (DHR_COUNTS, TIMELINESS, THEMES, ACTIONS, MONEY))
    shared = [t for t in themes["themes"] if t["csps"] > 1]
    money_total = cash["total"]
    money_rows = mon[0].rows_of(cash)
    no_pots = not _holds_pots(cash)
    money_columns = mon[0].only(
        "name",
        "grants_approved",
        "grants_allocated",
        "grants_paid",
        *(() if no_pots else POOL_COLUMNS),
        "dhr_costs",
        "completed_dhrs_costed",
        "cost_per_dhr",
    )
    return Paper(
        title=f"Domestic Homicide Reviews in {region_in_text(ask.region_name)}",
        body=f"{ask.region_name} Police and Crime Commissioner and Heads of Community Safety",
        meeting=ask.meeting or f"{ask.region_name} Heads of Community Safety",
        meeting_date=paper_date(ask.meeting_date, made),
        purpose=(
            "To report the position of Domestic Homicide Reviews (DHRs) across "
            f"{_the(n, 'Community Safety Partnership')} of {region_in_text(ask.region_name)} "
            f"from {window}: "
            "reviews commenced and completed, their timeliness, the themes they share, the "
            "actions outstanding and the money spent on them.",
            *ask.recorded_purpose,
        ),
        recommendations=_recommendations(actions["total"]),
        parts=(
            Part(
                "Background",
                (
                    DHR_DUTY,
                    _position_sentence(n, total, until),
                    *_small_numbers(counts["rows"]),
                ),
            ),
            Part(
                "Reviews commenced and completed",
                tables=(
                    PaperTable(
                        "Table 1: DHRs per partnership",
                        f"Reviews per partnership, {window}.",
                        _headed(  # "now" in a paper for last year read as today
                            dhr[0],
                            paused_now="Paused at the period's end",
                        ).only(
                            "name",
                            "notified",
                            "commenced",
                            "completed",
                            "decommissioned",
                            "joint_reviews",
                            "alternative_reviews",
                            "suicides",
                            "paused_now",
                        ),
                        dhr[0].rows_of(counts),
                        DHR_COUNTS.footnotes,
                    ),
                ),
            ),
            Part(
                "Timeliness",
                (
                    "Home Office guidance: a decision within 1 month of the incident and the "
                    "review completed within 6 months of the decision (7 months in all).",
                    _timeliness_sentence(timely["overall"], until),
                ),
                figures=_clocks(timely["rows"]),
                tables=(
                    PaperTable(
                        TABLE_2,
                        "Median and longest times in months (a month is 30.4 days), to one "
                        "decimal place, as the charts show them; time paused for a trial or "
                        "inquest is not counted. The downloads give the same times in days.",
                        TIMES_IN_MONTHS,
                        [_in_months(r) for r in tim[0].rows_of(timely)],
                        _timeliness_footnotes(window, until),
                        groups=TABLE_2_GROUPS,
                    ),
                    PaperTable(
                        *_imrs_caption(since, until),
                        tim[1],
                        tim[1].rows_of(timely),
                        empty="No IMR with a due date had been requested.",
                    ),
                ),
            ),
            Part(
                "Shared themes",
                (
                    f"{plural(len(shared), 'theme recurs', 'themes recur', none='No')} in "
                    "more than one partnership in the period. A call for change carries more "
                    "weight when the same theme appears across the region.",
                ),
                (
                    PaperTable(  # a board reads the names; the codes stay in the downloads
                        "Table 3: themes across the region",
                        THEMES_COUNTED,
                        thm[0].only("label", "csps", "dhrs", "recommendations"),
                        thm[0].rows_of(themes),
                    ),
                    _heat_map(matrix),
                    PaperTable(
                        "Table 3b: recommendations by target sector",
                        "",
                        thm[1].only("label", "recommendations", "csps"),
                        thm[1].rows_of(themes),
                    ),
                ),
            ),
            Part(
                "Actions outstanding",
                (_actions_sentence(actions["total"]),),
                (
                    PaperTable(
                        "Table 4: actions by partnership", "", act[0], act[0].rows_of(actions)
                    ),
                    PaperTable(
                        "Table 4a: actions by owner agency",
                        "Owners are counted by the kind of agency (police, health, housing, ...) "
                        "unless the region's partner directory names them, so 'Police' and "
                        "the force's full name are one row. Indented under a kind, the bodies "
                        "of the directory it counts, as the master action plans name them "
                        "('Health: Acute Hospital Trust'): already counted in their kind's row, "
                        "so only the rows not indented add up to the total.",
                        replace(act[1], total="total", total_label=("label", "Total")),
                        _owner_rows(action_view, actions["total"]),
                    ),
                    PaperTable(
                        "Table 4b: actions by theme",
                        "The most overdue first; an action counts under every theme of its "
                        "recommendation, so the rows add up to more than the total.",
                        act[2],
                        act[2].rows_of(actions),
                        empty="No actions had been planned.",
                    ),
                ),
            ),
            Part(
                "Financial implications",
                (
                    "Grants approved in the period: "
                    f"{whole_pounds(money_total['grants_approved'])}; allocated to "
                    f"partnerships: {whole_pounds(money_total['grants_allocated'])}; "
                    f"paid: {whole_pounds(money_total['grants_paid'])}. "
                    f"{_pool_sentence(money_total, until)} {_cost_sentence(money_total)}",
                ),
                (
                    PaperTable(
                        "Table 5: money per partnership",
                        "Amounts to the nearest pound (the downloads give them to the penny). A "
                        "grant stays with the body that approved it until it is allocated to a "
                        "partnership." + _pots_row_words(money_rows),
                        money_columns,
                        money_rows,
                        (
                            *_rounding(money_columns, money_rows),
                            *((NO_POOL_COLUMNS,) if no_pots else ()),
                        ),
                        whole_pounds=True,
                    ),
                ),
            ),
            *((_whole_history(repeats, since, until, judged),) if repeats is not None else ()),
        ),
        contact=ask.contact,
        facts=(
            ("Period", window),
            *(ask.recorded_facts or (("Data as at", long_date(judged)),)),
            ("Partnerships", str(n)),
        ),
    )


# What table 3 counts: its "11 reviews" beside table 1's "6 completed" read as numbers that did
# not add up, and a year's paper counted themes in four reviews beside "no case notified".
THEMES_COUNTED = (
    "A review counts under a theme when its first finding or recommendation carrying the theme "
    "was made in the period, whenever the review began and whether or not it is completed, so "
    "more reviews can carry a theme than table 1 counts as commenced or completed in the "
    "period. Recommendations: those made in the period."
)
TABLE_2 = "Table 2: months from the incident to each step, per partnership"
_NOTIFIED, _OPEN = "Notified in the period", "Open at the period's end"
# The paper's own columns for table 2, in months as its charts and text are (the downloads keep
# the days). Which cases each count counts is said over its columns (``TABLE_2_GROUPS``):
# "Cases 0" beside "Not approved after 7 months 9" read as nine late of none, the first counting
# cases notified in the period and the second every case open at its end; said in every
# heading ("Open at the period's end, not approved after 7 months") they wrapped to six lines.
TIMES_IN_MONTHS = Section(
    "Timeliness",
    "rows",
    (
        Column("name", "Partnership", Kind.TEXT, 24),
        Column("cases", "Cases", Kind.COUNT),
        Column("months.to_decision.median", "To decision: median", Kind.NUMBER),
        Column("months.to_decision.worst", "To decision: longest", Kind.NUMBER),
        Column("months.to_first_panel.median", "To first panel: median", Kind.NUMBER),
        Column("months.to_submission.median", "To submission: median", Kind.NUMBER),
        Column("months.to_submission.worst", "To submission: longest", Kind.NUMBER),
        Column("decided_late", "Decided after 1 month", Kind.COUNT),
        Column("past_decision_target_now", "Awaiting a decision after 1 month", Kind.COUNT),
        Column("past_completion_target_now", "Not approved after 7 months", Kind.COUNT),
    ),
    total="overall",
    row_heading="name",
)
TABLE_2_GROUPS = (("", 1), (_NOTIFIED, 7), (_OPEN, 2))


def _in_months(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of table 2 with its times in months, as the charts draw them."""
    return {
        **row,
        "months": {
            step: {
                "median": months(row[step]["median_days"]),
                "worst": months(row[step]["worst_days"]),
            }
            for step in ("to_decision", "to_first_panel", "to_submission")
        },
    }


def _timeliness_footnotes(window: str, until: date) -> tuple[str, ...]:
    """What each of table 2's counts counts, in the period's own dates."""
    return (
        TIMELINESS.footnotes[0],
        f"{_NOTIFIED}: cases notified from {window}. The times and 'decided after 1 month' "
        "are over these cases alone.",
        f"{_OPEN}: every case still open on {long_date(until)}, whenever it was notified, so a "
        f"partnership can show none notified in the period beside cases open and late.",
        *TIMELINESS.footnotes[1:],
    )


def _headed(section: Section, **headers: str) -> Section:
    """A table's columns under the paper's own headings (by key) where a download's differ."""
    return replace(
        section,
        columns=tuple(replace(c, header=headers.get(c.key, c.header)) for c in section.columns),
    )


def _imrs_caption(since: date, until: date) -> tuple[str, str]:
    """Table 2a's heading and intro. Its IMRs are every one requested up to the period's end,
    not those of the period alone: one requested before the period and still awaited holds up
    a review in it. The intro said so, but the heading read like its neighbours' ("... by
    agency" under a table of the period), so a board member reading the table alone took a
    quarter's paper to count the quarter's IMRs; the heading says it, and where the period is
    narrower than the whole history, so does the intro's first sentence."""
    heading = (
        "Table 2a: individual management reviews late, by agency, all requested up to "
        f"{long_date(until)}"
    )
    late = "Late: awaited past its due date, or received after it."
    if since <= STATUTORY_START:
        return heading, f"Individual management reviews (IMRs) with a due date. {late}"
    return heading, (
        f"Not only the period's: every individual management review (IMR) with a due date "
        f"requested up to {long_date(until)}, including those requested before "
        f"{long_date(since)}, as one still awaited holds up a review in the period. {late}"
    )


def _owner_rows(view: RegionalActions, total: dict[str, Any]) -> list[dict[str, Any]]:
    """Table 4a's rows with the bodies within each kind marked to be indented, then the total:
    printed flush, 'Health: Acute Hospital Trust' under 'Health' summed to 69 where table 4
    said 42 actions, the bodies counted twice."""
    rows, each = [], iter(owner_rows(view))
    for kind in view.by_owner:
        rows.append(next(each))
        rows += [{**next(each), "within": True} for _ in kind.bodies]
    return [*rows, {**total, "label": "Total"}]


def _recommendations(actions: dict[str, Any]) -> tuple[str, ...]:
    """What the board is asked to do (``note_and_request``); partnerships are asked for
    progress only where something is outstanding."""
    overdue, awaiting = actions["overdue"], actions["awaiting_impact_review"]
    asks = [
        *(("report progress on the overdue actions (table 4)",) if overdue else ()),
        *(("complete the impact reviews of completed actions",) if awaiting else ()),
    ]
    return note_and_request(
        "The board is asked",
        "the number of reviews commenced and completed per partnership (table 1) and the "
        "reviews past the Home Office timescales (table 2)",
        [f"partnerships {' and '.join(asks)}"] if asks else [],
    )


SMALL = 5  # cases notified below which a partnership's medians and costs are read with care


def _small_numbers(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """The caveat the seeds' papers give with counts this size ("whilst we have seen less than
    2 reviews per year"): a median or a cost per review over one or two cases moves with a
    single case, and a board comparing partnerships should know it."""
    few = sum(1 for r in rows if 0 < r["notified"] < SMALL)
    if not few:
        return ()
    who = (
        "the partnership"
        if len(rows) == 1
        else f"{few} of the {len(rows)} partnerships"
        if few < len(rows)
        else f"each of the {len(rows)} partnerships"
    )
    return (
        f"The numbers are small: {who} had fewer than {SMALL} cases notified in the period. "
        "A median, a longest time or a cost per review over so few cases can change with a "
        "single case, so differences between partnerships, or from one period to the next, "
        "are not on their own evidence of a trend.",
    )


def _whole_history(repeats: Part, since: date, until: date, judged: date) -> Part:
    """The repeats are read over every review the region has recorded, whatever the paper's
    period: a year's paper said "Of the 75 recommendations" beside tables of that year holding
    none, so the part says which reviews it covers whenever the period is narrower."""
    if since <= STATUTORY_START and until >= judged:
        return repeats
    scope = (
        "This part covers every review the region has recorded since reviews began on "
        f"{long_date(STATUTORY_START)}, not only the period of this paper: a recommendation "
        "is often made again years after the first."
    )
    return replace(repeats, paragraphs=(scope, *repeats.paragraphs))


def _timeliness_sentence(overall: dict[str, Any], until: date) -> str:
    """The table's bottom line in words, as a board reads it: how often the first target was
    missed, and how many cases were late on the period's last day (the paper's own date is
    its meeting's, weeks later; time paused for a trial or inquest not counted)."""
    cases, decided = overall["cases"], overall["to_decision"]["cases"]
    late_open, awaiting = overall["past_completion_target_now"], overall["past_decision_target_now"]
    late = overall["decided_late"]
    if not cases:
        first = "No case was notified in the period."
    elif not decided:
        first = f"No decision has yet been made on {_the(cases, 'case')} notified."
    elif decided == 1:
        first = "The one decision made on a case notified in the period came " + (
            "more than a month after the incident." if late else "within a month of it."
        )
    else:
        first = (
            f"Of the {decided} decisions made on cases notified in the period, {late or 'none'} "
            "came more than a month after the incident."
        )
    # counted as past the targets: "no cases are not yet approved" was a double negative
    return (
        f"{first} On {long_date(until)}, {_cases_were(late_open)} more than 7 months past the "
        "incident without the Home Office's approval (submitted reviews awaiting approval "
        f"included) and {_cases_were(awaiting)} more than 1 month past it without a decision, "
        "not counting time paused for a trial or inquest."
    )


def _position_sentence(partnerships: int, total: dict[str, Any], until: date) -> str:
    """Table 1's total in words, as the seeds' papers write it ("the seven partnerships have
    concluded six reviews"): no "0 decommissioned" or "1 reviews" whatever the counts."""
    who = (
        "The partnership has"
        if partnerships == 1
        else f"Between them the {partnerships} partnerships have"
    )
    commenced, completed = total["commenced"], total["completed"]
    return (
        f"{who} commenced {plural(commenced, 'review', none='no')} and completed "
        f"{completed or 'none'} in the period. In the period "
        f"{plural(total['decommissioned'], 'review was', 'reviews were', none='no')} "
        f"decommissioned; on {long_date(until)}, "
        f"{plural(total['paused_now'], 'review was', 'reviews were', none='no')} paused for "
        "parallel proceedings."
    )


def _actions_sentence(total: dict[str, Any]) -> str:
    overdue, awaiting = total["overdue"], total["awaiting_impact_review"]
    return (
        f"{plural(overdue, 'action is', 'actions are', none='No')} overdue and "
        f"{plural(awaiting, 'completed action awaits', 'completed actions await', none='no')} "
        f"{'its' if awaiting == 1 else 'their'} impact review."
    )


def _the(n: int, one: str, many: str | None = None) -> str:
    """ "the one partnership", "the 7 partnerships": a count the reader takes as known."""
    return f"the one {one}" if n == 1 else f"the {plural(n, one, many)}"


def _cases_were(n: int) -> str:
    return plural(n, "case was", "cases were", none="no")


def _pool_sentence(total: dict[str, Any], until: date) -> str:
    """A region with no pooled budget read "contributions received: £0.00; spent: £0.00;
    reserve: £0.00 (cash basis)", as if a pot stood empty: say nothing moved instead."""
    received, spent = total["pool_contributions_received"], total["pool_spent"]
    reserve = total["pool_reserve"]
    if not (received or spent or reserve):
        return "No pooled budget recorded contributions, spending or a reserve in the period."
    return (
        f"Pooled budget contributions received: {whole_pounds(received)}; spent: "
        f"{whole_pounds(spent)}; reserve at {long_date(until)}: {whole_pounds(reserve)} "
        "(cash basis)."
    )


# Table 5's pooled budget columns, left out where no budget is pooled (``_holds_pots``).
POOL_COLUMNS = ("pool_contributions_received", "pool_spent", "pool_reserve")
NO_POOL_COLUMNS = (
    "No pooled budget is held for the region and no partnership's pooled budget recorded "
    "contributions, spending or a reserve in the period, so the table leaves out the pooled "
    "budget columns (contributions received, spent, reserve)."
)


def _holds_pots(cash: Mapping[str, Any]) -> bool:
    """Whether table 5 has pooled budget columns to show: the region hosts a pot, or some row
    has pooled money. A region with none (the West Midlands) printed three columns of £0 on
    every row, read as pots standing empty."""
    rows = [*cash["rows"], cash["total"]]
    return bool(cash["pots"]) or any(row[key] for row in rows for key in POOL_COLUMNS)


def _pots_row_words(rows: list[Mapping[str, Any]]) -> str:
    """Table 5's intro names the row of the region's own pots only when the table has it."""
    if not any(r.get("name") == POTS_ROW for r in rows):
        return ""
    return (
        " What a pooled budget the region holds spent for all its partners (not for one "
        f"partnership's review), and what it holds, are the row '{POTS_ROW}'."
    )


def _cost_sentence(total: dict[str, Any]) -> str:
    """What the reviews cost, as the seeds' papers say it ("The 11 reviews ... cost £231,950 in
    all"). Cost per DHR is over completed reviews only: one under way has not cost all it will,
    so when some are under way the average is given over the completed ones alone."""
    n, costed = total["completed_dhrs_costed"], total["dhrs_costed"]
    if not costed:
        return "No review has costs recorded in the period, so no cost per DHR is given."
    spent, each = whole_pounds(total["dhr_costs"]), whole_pounds(total["cost_per_dhr"] or 0)
    if costed == 1:
        said = f"The one review with costs recorded in the period cost {spent}"
        if n:
            return f"{said}; it was completed by the period's end, so that is the cost per DHR."
        return f"{said}; it was not completed by the period's end, so no cost per DHR is given."
    elif n == costed:
        return (
            f"The {costed} reviews with costs recorded in the period, all completed by its end, "
            f"cost {spent} in all, {each} on average (the cost per DHR, table 5)."
        )
    else:
        said = f"The {costed} reviews with costs recorded in the period cost {spent} in all"
    if not n:
        return f"{said}. None was completed by the period's end, so no cost per DHR is given."
    done = "The one of them completed" if n == 1 else f"The {n} of them completed"
    return (
        f"{said}. {done} by the period's end cost {each} {'' if n == 1 else 'on average '}"
        "(the cost per DHR, table 5): a review still under way has not yet cost all it will."
    )


def _rounding(columns: Section, rows: list[Mapping[str, Any]]) -> tuple[str, ...]:
    """Table 5's rounding note: cost per DHR is an average, not a sum."""
    return rounding_note(columns.columns, rows, averages=("cost_per_dhr",))


def _heat_map(matrix: ThemeMatrix) -> PaperTable:
    """The dashboard's heat map as figures: DHRs carrying each of the most widely shared
    themes, per partnership, so a board sees where a theme recurs and not only how often."""
    slugs = [slug for slug, _ in matrix.partnerships]
    section = Section(
        "Themes by partnership",
        "",
        (
            Column("label", "Theme", Kind.TEXT, 32),
            *(Column(slug, name, Kind.COUNT) for slug, name in matrix.partnerships),
            Column("csps", "Partnerships", Kind.COUNT),
        ),
        row_heading="label",
    )
    rows = [
        {"label": row.label, **dict(zip(slugs, row.dhrs, strict=True)), "csps": row.csps}
        for row in matrix.rows
    ]
    return PaperTable(
        "Table 3a: reviews per theme and partnership",
        f"{_the(len(rows), 'most widely shared theme').capitalize()}: how many of each "
        "partnership's reviews carry the theme in their findings or recommendations."
        if rows
        else "",
        section,
        rows,
        empty="No review carried a theme in the period.",
    )


def _clocks(rows: list[dict[str, Any]]) -> tuple[PaperFigure, ...]:
    """The dashboard's two timeliness charts, above the table that holds their numbers."""
    charts = timeliness_charts(
        [r["name"] for r in rows],
        [r["to_decision"]["median_days"] for r in rows],
        [r["to_submission"]["median_days"] for r in rows],
        TABLE_2,
        [r["cases"] for r in rows],
    )
    # a chart with no bar was a page of axes under a large "No data": the table says it
    medians = {"decision": "to_decision", "submission": "to_submission"}
    return tuple(
        PaperFigure(c.title, c.alt, c.src)
        for key, c in charts.items()
        if any(r[medians[key]]["median_days"] is not None for r in rows)
    )
