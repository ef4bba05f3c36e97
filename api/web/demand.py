"""Demand beside deaths as pages: the figures partners report (MARAC cases, repeat cases,
referrals, domestic abuse incidents) by area and period, each with its change on the previous
period, beside the DHRs notified and commenced each financial year; and the question that
records a figure.

The PCC reads deaths, which are few, against demand, which is many ("MARAC: 2,247 cases in
2016/17, 447 in the first quarter of 2017/18"). The page shows the API's view
(``/api/v1/regions/{region}/views/demand``, ``beside_deaths``); recording runs the same use case
as the API, OPCC staff for any area of the region and a partnership's people for their own.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import Blueprint, g, render_template, url_for
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, Regexp

from api.context import may, platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.resources.region_demand import areas_to_record, beside_deaths
from api.web import questions
from api.web.fields import GovDate, long_text, select, text, text_input
from api.web.navigation import home_url
from api.web.questions import Words
from domain.region import Indicator
from tenants.region_ledger import RegionLedger

bp = Blueprint("demand", __name__)
DEMAND = "/regions/<region>/demand"
INDICATORS = {
    Indicator.MARAC_CASES.value: "MARAC cases",
    Indicator.MARAC_REPEAT_CASES.value: "MARAC repeat cases",
    Indicator.REFERRALS_TO_SERVICES.value: "Referrals to services",
    Indicator.DA_INCIDENTS.value: "Domestic abuse incidents",
}


class FigureForm(FlaskForm):
    indicator = select("What is counted", InputRequired("Select what is counted"))
    area = select("For which area", InputRequired("Select the area"))
    period = text(
        "Period",
        "Enter the period",
        "A financial year, 2016/17, or a quarter of one, 2017/18 Q1.",
        20,
        width=10,
    )
    value = text_input(
        "Count",
        InputRequired("Enter the count"),
        Regexp(r"^\s*\d[\d,]*\s*$", message="The count must be a whole number, like 2247"),
        width=5,
    )
    on = GovDate("Date it was reported", "the report", happened=True)
    reason = long_text("Note", None, "Where the figure comes from, if it helps.", 2000)


RECORD = Words(
    "Record a demand figure",
    "A count a partner reports for an area and a period, read beside the deaths reviewed.",
    "Record the figure",
    "recorded",
    "the report",
)


@bp.route(DEMAND)
@requires(Permission.REGION_VIEW)
def demand_page(region: str) -> Any:
    view = beside_deaths(region)
    with region_ledger(region, writing=False) as ledger:
        names = ledger.partners.names()
    names[region] = platform().registry.region(region).name
    return render_template(
        "demand/page.html",
        region=platform().registry.region(region),
        figures=view["demand"],
        deaths=view["dhrs_by_year"],
        names=names,
        indicators=INDICATORS,
        can_record=may(Permission.SHARED_RECORD),
    )


@bp.route(f"{DEMAND}/new", methods=["GET", "POST"])
@requires(Permission.SHARED_RECORD)
def record(region: str) -> Any:
    form = FigureForm()
    questions.choose(form.indicator, list(INDICATORS.items()))
    areas = areas_to_record(region)
    questions.choose(form.area, sorted(areas.items(), key=lambda item: item[1]))

    def figure(ledger: RegionLedger) -> str:
        period, count = form.period.data.strip(), int(form.value.data.replace(",", ""))
        ledger.demand.record(
            form.indicator.data,
            form.area.data,
            period,
            count,
            questions.day(form),
            (form.reason.data or "").strip(),
        )
        said = f"{INDICATORS[form.indicator.data]} for {areas[form.area.data]}, {period}"
        return f"{said}: {count:,} {RECORD.done}"

    name = platform().registry.region(region).name
    asked = questions.Asked(partial(region_ledger, region), name, _back(region))
    return questions.ask(form, RECORD, form.period, figure, asked)


def _back(region: str) -> tuple[str, str]:
    """The demand page for those who read the region's views; a partnership's people, who
    record for their own area but do not read the region's, go back to their home page."""
    if may(Permission.REGION_VIEW):
        return url_for("web.demand.demand_page", region=region), "demand"
    return home_url(g.user), "your home page"
