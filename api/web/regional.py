"""The regional lead's dashboard: the seed table, timeliness, themes, actions and money.

One page per region, for the OPCC and the Heads of Community Safety. Every number comes from
``projections.queries.dashboard`` (the same queries as the JSON views); every chart has its
table; the date input shows the region as it stood on any day since 13 April 2011.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.charts import months, timeliness_charts
from api.context import platform, requires
from api.papers.learning import cluster_rows
from api.plurals import plural
from api.policy import Permission
from api.resources.learning import corpus
from api.resources.views import live_views
from api.web.fields import GovDate, LinkForm, error_list
from api.web.navigation import home_for, own_region, section
from domain.calendar import uk_today
from domain.learning.repeats import DEFAULT_THRESHOLD, DEFAULT_WITHIN_YEARS
from domain.themes import DEFAULT_THEMES
from projections.queries import POTS_ROW, STATUTORY_START, DhrCounts
from projections.queries.dashboard import RegionalDashboard, regional_dashboard
from tenants.learning.regional import region_learning
from tenants.theme_names import region_theme_names
from tenants.users import Role

bp = Blueprint("regional", __name__)
SHADES = 5  # heat-map steps: app-heat-0 (none) to app-heat-4 (most)


class OnForm(LinkForm):
    on = GovDate("Show the region as it stood on", "the day to show", optional=True)
    submit = SubmitField("Show", widget=GovSubmitInput())


@bp.route("/regions/<region>/dashboard")
@requires(Permission.REGION_VIEW)
def dashboard(region: str) -> Any:
    name = platform().registry.region(region).name
    form = OnForm(request.args)
    today = uk_today()
    errors: list[dict[str, str]] = []
    if request.args and not form.validate():
        errors = error_list(form)
    on = form.on.data if not errors and form.on.data else today
    if on > today or on < STATUTORY_START:
        form.on.errors = [
            f"The day to show must be between 13 4 2011 and today ({today:%-d %-m %Y})"
        ]
        errors, on = error_list(form), today
    labels = region_theme_names(platform(), region)
    board = regional_dashboard(live_views(), region, on, labels)
    learning = region_learning(corpus(), region, DEFAULT_THRESHOLD, DEFAULT_WITHIN_YEARS)
    repeats = cluster_rows(
        learning,
        {t.code: t.label for t in DEFAULT_THEMES} | labels,
        DEFAULT_WITHIN_YEARS,
        DEFAULT_THRESHOLD,
    )
    return render_template(
        "regional/dashboard.html",
        region_name=name,
        board=board,
        form=form,
        errors=errors,
        today=today,
        charts=_charts(board),
        footnotes={
            r.tenant: footnotes(r, on == today) for r in (*board.counts.rows, board.counts.total)
        },
        shade=lambda n: shade(n, board.matrix.most),
        months=months,
        repeats=repeats,
        repeats_left_out=learning.unreadable,
        within_years=DEFAULT_WITHIN_YEARS,
        pots_row=POTS_ROW,
        # the dashboard's money runs from 2011, so what the reserves hold beyond what was paid
        # in and spent is what pots brought in when first recorded (built up before then)
        brought_in=board.money.total.pool_reserve
        - board.money.total.pool_contributions_received
        + board.money.total.pool_spent,
        paper_href=url_for(
            "web.board_paper.prepare",
            region=region,
            until=None if on == today else [on.day, on.month, on.year],
        ),
        downloads=SHOWN,  # each section's files for the day shown, today's included
    )


SHOWN = (  # the dashboard's sections as downloads, in its order
    ("dhr-counts", "DHRs commenced and completed"),
    ("timeliness", "Timeliness"),
    ("themes", "Themes across partnerships"),
    ("actions", "Actions by owner agency and by theme"),
    ("money", "Money"),
)


def footnotes(row: DhrCounts, today: bool) -> str:
    """What the seed table writes beside the numbers, e.g. '1 decommissioned; 1 suicide'.

    Pauses are counted as they stood on the day shown (``dhr_counts`` with ``on``): "paused
    now" today, "paused that day" on an earlier one, which left them out until the counts
    could be had for a past day.
    """
    paused = "paused now" if today else "paused that day"
    notes = [
        (row.decommissioned, "decommissioned", "decommissioned"),
        (row.suicides, "suicide", "suicides"),
        (row.joint_reviews, "joint with a serious case or safeguarding adults review", None),
        (row.alternative_reviews, "alternative review", "alternative reviews"),
        (row.paused_now, f"{paused} for parallel proceedings", None),
    ]
    return "; ".join(plural(count, one, many or one) for count, one, many in notes if count)


def shade(count: int, most: int) -> str:
    """A heat-map cell's class: 0 for none, then four steps up to the region's largest count."""
    if count <= 0 or most <= 0:
        return "app-heat-0"
    steps = SHADES - 2  # the shades above the lightest
    return f"app-heat-{min(SHADES - 1, 1 + round((count - 1) * steps / max(most - 1, 1)))}"


def _charts(board: RegionalDashboard) -> dict[str, Any]:
    rows = board.timeliness.rows
    return timeliness_charts(
        [r.name for r in rows],
        [r.to_decision.median_days for r in rows],
        [r.to_submission.median_days for r in rows],
        "Timeliness by partnership",
        [r.cases for r in rows],
    )


section("Dashboard", "web.regional.dashboard", {Role.REGIONAL_LEAD}, own_region, order=10)
# OPCC finance staff start at the region ledger they record in; the region's figures follow it.
section("Dashboard", "web.regional.dashboard", {Role.PCC_OFFICER}, own_region, order=45)
home_for(Role.REGIONAL_LEAD, "web.regional.dashboard", own_region)
