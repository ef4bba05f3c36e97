"""A region's figures on two clocks: 'on' a business day (what was true then, from the facts
as known now) and 'as recorded' at the end of a day (what the ledger showed then).

The page is a GET form, so a date pair is a link people can share; it reads the same query
functions as the API's regional views.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import Any

from flask import Blueprint, current_app, render_template, request
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import platform, requires
from api.policy import Permission
from api.web import navigation
from api.web.fields import GovDate, LinkForm, error_list, recorded_day
from domain.errors import DomainError
from projections.asof import as_of, end_of_day
from projections.port import ViewStore
from projections.queries import action_counts, dhr_counts
from projections.store import open_views
from tenants.users import Role

bp = Blueprint("two_clocks", __name__)
VIEWS_KEY = "ledger.views"


class DatePairForm(LinkForm):
    on = GovDate(
        "Show the figures as they stood on",
        what="the date the figures are for",
        optional=True,
        description="What was true on this day, using the facts as known now. Empty: today.",
    )
    recorded = recorded_day("As recorded at the end of")
    submit = SubmitField("Show the figures", widget=GovSubmitInput())


navigation.section(
    "Figures on a date",
    "web.two_clocks.figures",
    {Role.REGIONAL_LEAD},
    navigation.own_region,
    order=20,
)


def _views(recorded: date | None, region: str) -> AbstractContextManager[ViewStore]:
    if recorded is not None:
        return as_of(platform(), end_of_day(recorded), region)
    if VIEWS_KEY not in current_app.extensions:
        current_app.extensions[VIEWS_KEY] = open_views(platform())
    return nullcontext(current_app.extensions[VIEWS_KEY])


@bp.route("/regions/<region>/figures")
@requires(Permission.REGION_VIEW)
def figures(region: str) -> Any:
    """DHR counts and actions per partnership, on a business day and as recorded."""
    name = platform().registry.region(region).name
    form = DatePairForm(formdata=request.args if request.args else None)
    counts = actions = None
    problem = None
    if not request.args or form.validate():
        on, recorded = form.on.data, form.recorded.data
        try:
            with _views(recorded, region) as views:
                day = on or recorded
                counts = dhr_counts(views, region, today=day, on=on)
                actions = action_counts(views, region, today=day, on=on)
        except DomainError as refused:
            problem = str(refused)
    return render_template(
        "two_clocks/figures.html",
        region=region,
        region_name=name,
        form=form,
        counts=counts,
        actions=actions,
        on=form.on.data,
        recorded=form.recorded.data,
        errors=error_list(form, problem),
    )
