"""The regional dashboard's numbers, from the demo: the seed table, clocks, heat map, money."""

from __future__ import annotations

from datetime import date

from projections.queries import action_counts, dhr_counts
from projections.queries.dashboard import regional_dashboard
from projections.queries.themes import shared_themes
from projections.store import open_views
from tenants.platform import Platform
from tests.projections.support import WEST_MIDLANDS

SEED_DAY = date(2013, 9, 4)  # decision 036/2013: the table in seed 000 is as of this day


def test_the_west_midlands_dashboard_reproduces_the_seed_table_on_its_day(demo: Platform) -> None:
    views = open_views(demo)
    try:
        board = regional_dashboard(views, "west-midlands", SEED_DAY)
    finally:
        views.close()

    found = {r.tenant: (r.name, r.commenced, r.completed) for r in board.counts.rows}
    assert found == WEST_MIDLANDS
    assert (board.counts.total.commenced, board.counts.total.completed) == (25, 6)
    walsall = next(r for r in board.counts.rows if r.tenant == "walsall")
    assert (walsall.suicides, walsall.joint_reviews) == (1, 1)
    assert board.counts.rows[0].decommissioned == 1  # Birmingham's footnote
    # Decision 036/2013 (£30,000) is the OPCC's, in the region's own ledger: approved on this
    # board's date, it sits on the commissioner's row until allocated (20 September 2013).
    pcc = next(r for r in board.money.rows if r.partner == "west-midlands-pcc")
    assert (pcc.grants_approved, pcc.grants_allocated) == (3_000_000, 0)
    assert board.money.total.grants_approved >= 3_000_000
    assert board.money.total.grants_allocated == 0


def test_the_heat_map_counts_dhrs_per_theme_per_partnership(demo: Platform) -> None:
    views = open_views(demo)
    try:
        board = regional_dashboard(views, "west-midlands", date(2016, 3, 31))
    finally:
        views.close()

    matrix = board.matrix
    assert [slug for slug, _ in matrix.partnerships] == list(WEST_MIDLANDS)
    top = {row.theme: row for row in matrix.rows}
    # the three failures Birmingham's review found recur in every partnership with a plan
    for theme in ("risk-assessment-integration", "abuser-as-source-of-risk"):
        assert top[theme].csps == 5 and sum(top[theme].dhrs) == top[theme].total
    assert matrix.most == max(max(row.dhrs) for row in matrix.rows) > 0
    assert all(row.dhrs[2] == 0 for row in matrix.rows)  # Dudley held no review


def test_each_heat_map_cell_is_the_themes_query_of_that_partnership(demo: Platform) -> None:
    """The cells come from one grouped query; each must still be what the themes view says
    for that partnership alone on that day."""
    views = open_views(demo)
    try:
        on = date(2016, 3, 31)
        matrix = regional_dashboard(views, "west-midlands", on).matrix
        alone = {
            slug: {
                t.theme: t.dhrs
                for t in shared_themes(views, "west-midlands", tenant=slug, until=on).themes
            }
            for slug, _ in matrix.partnerships
        }
    finally:
        views.close()

    for row in matrix.rows:
        expected = tuple(alone[slug].get(row.theme, 0) for slug, _ in matrix.partnerships)
        assert row.dhrs == expected, row.theme
    assert sum(sum(row.dhrs) for row in matrix.rows) > 0


def test_the_demo_spreads_timeliness_around_the_seeds_medians(demo: Platform) -> None:
    views = open_views(demo)
    try:
        boards = [
            regional_dashboard(views, region, date(2026, 11, 30))
            for region in ("west-midlands", "leicestershire-rutland", "staffordshire-stoke")
        ]
    finally:
        views.close()

    for board in boards:
        overall = board.timeliness.overall
        assert overall.to_decision.median_days is not None
        assert 30 <= overall.to_decision.median_days <= 92  # decisions take 1-3 months
        assert overall.to_first_panel.median_days is not None
        assert 90 <= overall.to_first_panel.median_days <= 125  # first panel at 3-4 months
        assert overall.to_submission.median_days is not None
        assert overall.to_submission.median_days > 365  # well over a year
        assert board.actions.total.overdue > 0 and board.actions.total.awaiting_impact_review > 0
    west_midlands = boards[0].timeliness.overall
    assert west_midlands.past_decision_target_now == 1  # Solihull's recent case
    # IMRs of reviews begun years ago came back (around their due dates, a trial's later):
    # none is still awaited, and none is years late
    imrs = boards[0].timeliness.imrs_by_agency
    assert imrs and all(a.awaited == 0 and a.worst_days_late < 365 for a in imrs)
    assert sum(a.late for a in imrs) < sum(a.requested for a in imrs) / 2


def test_on_a_past_day_the_dashboard_counts_actions_as_they_stood_then(demo: Platform) -> None:
    """The dashboard for 30 September 2013 and the 'Figures on a date' page for that business
    day gave 40 and 45 open actions: the dashboard took each action's status today. They
    are one answer now, and an action completed since counts as open then."""
    day = date(2013, 9, 30)
    views = open_views(demo)
    try:
        board = regional_dashboard(views, "west-midlands", day)
        figures = action_counts(views, "west-midlands", today=day, on=day)
        live = action_counts(views, "west-midlands", until=day, today=day)
        counts = dhr_counts(views, "west-midlands", today=day, on=day)
    finally:
        views.close()
    assert board.actions.by_csp == figures.by_csp and board.actions.total == figures.total
    assert board.counts.total == counts.total
    assert board.actions.total.open > live.total.open  # since completed, open on the day
