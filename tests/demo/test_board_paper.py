"""The region's board paper from the demo: a period that ended before today reads as the
dashboard did on its last day, and the paper carries the dashboard's charts, heat map and late
IMRs beside its tables."""

from __future__ import annotations

import re
from datetime import date

from api.papers import build
from api.papers.render import to_html
from api.web.regional import footnotes
from projections.queries.dashboard import regional_dashboard
from projections.store import open_views
from tenants.platform import Platform

WM = "west-midlands"


def test_a_paper_for_a_period_that_ended_reads_as_the_dashboard_did_that_day(
    demo: Platform,
) -> None:
    """For 30 September 2013 the paper took each action's status on the day it was made, so
    an action completed since was not overdue at the meeting that period went to."""
    day = date(2013, 9, 30)
    views = open_views(demo)
    try:
        board = regional_dashboard(views, WM, day)
        paper = build.regional(
            demo,
            views,
            WM,
            day,
            meeting="Heads of Community Safety, second quarter",
            meeting_date=date(2013, 10, 21),
            contact="Policy officer, OPCC",
        )
    finally:
        views.close()
    parts = {p.heading: p for p in paper.parts}
    by_partnership = parts["Actions outstanding"].tables[0].rows
    total = by_partnership[-1]
    assert (total["open"], total["overdue"]) == (
        board.actions.total.open,
        board.actions.total.overdue,
    )
    assert total["open"] > 0
    seed = parts["Reviews commenced and completed"].tables[0].rows[-1]
    assert (seed["commenced"], seed["completed"]) == (25, 6)  # seed 000's table

    timeliness = parts["Timeliness"]
    imrs = timeliness.tables[1].rows
    assert [(r["label"], r["late"]) for r in imrs] == [
        (a.label, a.late) for a in board.timeliness.imrs_by_agency
    ]
    assert [f.src[:26] for f in timeliness.figures] == ["data:image/svg+xml;base64,"] * 2

    heat = parts["Shared themes"].tables[1]
    assert heat.heading.startswith("Table 3a")
    assert [h.header for h in heat.columns[1:-1]] == [name for _, name in board.matrix.partnerships]
    assert [[r[slug] for slug, _ in board.matrix.partnerships] for r in heat.rows] == [
        list(row.dhrs) for row in board.matrix.rows
    ]

    html = to_html(paper)
    assert "Heads of Community Safety, second quarter" in html
    assert "21 October 2013" in html and "Policy officer, OPCC" in html
    assert "Figure 5.1: Median months from incident to decision" in html
    assert re.search(
        r"on 30 September 2013, (no reviews were|1 review was|\d+ reviews were) paused for "
        "parallel proceedings",
        html,
    )


def test_a_years_paper_counts_every_action_outstanding_at_its_end_and_pauses_that_day(
    demo: Platform,
) -> None:
    """A paper for 2015/16 said '0 actions are overdue' where the dashboard for 31 March 2016
    said 42: it counted only actions planned within the year. And the dashboard for a past
    day left out the reviews paused then, which 'Figures on a date' counted."""
    day = date(2016, 3, 31)
    views = open_views(demo)
    try:
        board = regional_dashboard(views, WM, day)
        paper = build.regional(demo, views, WM, day, since=date(2015, 4, 1))
    finally:
        views.close()
    actions = {p.heading: p for p in paper.parts}["Actions outstanding"]
    total = actions.tables[0].rows[-1]
    assert total["overdue"] == board.actions.total.overdue > 0
    assert f"{total['overdue']} actions are overdue" in actions.paragraphs[0]
    birmingham = next(r for r in board.counts.rows if r.tenant == "birmingham")
    assert birmingham.paused_now == 2
    assert "2 paused that day for parallel proceedings" in footnotes(birmingham, today=False)
    assert "2 paused now" in footnotes(birmingham, today=True)
    html = to_html(paper)
    assert "On 31 March 2016" in html and "At the date of this paper" not in html
