"""Learning across reviews, as pages: a panel checks its draft recommendation against earlier
ones (with what became of their actions), and the regional lead sees the region's repeats.

Read-only: the draft is sent by GET and never recorded; the same use cases as the API.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from api.context import platform, requires, tenant_ledger
from api.policy import Permission
from api.resources.learning import corpus
from api.vocabulary import LEARNING_OUTCOMES
from api.web import navigation
from api.web.navigation import PARTNERSHIP_STAFF as STAFF
from api.web.navigation import own_partnership, own_region
from api.web.tags import worded
from domain.errors import InvalidValueError
from domain.learning import Draft
from domain.learning.outcomes import Outcome
from domain.learning.repeats import DEFAULT_THRESHOLD, DEFAULT_WITHIN_YEARS
from domain.themes import DEFAULT_THEMES, ThemeKind
from tenants.learning.lookup import LeftOut, left_out, similar_recommendations
from tenants.learning.regional import region_learning
from tenants.learning.shaping import region_row, similar_row
from tenants.theme_names import region_theme_names
from tenants.users import Role

bp = Blueprint("learning", __name__)
OUTCOME_COLOURS = {
    Outcome.EMBEDDED: "green",
    Outcome.PARTLY_EMBEDDED: "yellow",
    Outcome.NOT_EMBEDDED: "red",
    Outcome.COMPLETED_NOT_REVIEWED: "orange",
    Outcome.OPEN: "blue",
    Outcome.NO_ACTIONS: "grey",
    Outcome.CLOSED_WITHOUT_COMPLETION: "grey",
}
OUTCOMES = {o: (LEARNING_OUTCOMES[o], colour) for o, colour in OUTCOME_COLOURS.items()}


@bp.app_template_global()
def outcome_tag(outcome: str) -> dict[str, str]:
    """What became of an earlier recommendation, as the learning pages tag it."""
    return worded(OUTCOMES, Outcome(outcome))


@bp.route("/partnerships/<tenant>/earlier-recommendations")
@requires(Permission.CASE_READ)
def earlier(tenant: str) -> Any:
    text = request.args.get("text", "").strip()[:4000]
    theme = request.args.get("theme", "").strip()
    addressee = request.args.get("addressee", "").strip()
    with tenant_ledger(tenant, writing=False) as ledger:
        themes = ledger.themes.all(ThemeKind.THEME)
        addressees = ledger.themes.all(ThemeKind.ADDRESSEE)
        searching = "text" in request.args
        cases = ledger.reviews.index().by_id() if searching else {}  # own matches name their case
    matches: list[dict[str, Any]] | None = None
    skipped = LeftOut(0, 0)
    errors = []
    if searching:
        try:
            draft = Draft(text, (theme,) if theme else (), addressee or None)
            found = similar_recommendations(corpus(), tenant, draft, 10)
            matches = [similar_row(m) for m in found]
            skipped = left_out(corpus(), tenant)
        except InvalidValueError as refusal:
            errors.append({"text": str(refusal), "href": "#text"})
    return render_template(
        "learning/earlier.html",
        protective_marking=True,
        tenant=tenant,
        text=text,
        theme=theme,
        addressee=addressee,
        themes=themes,
        addressees=addressees,
        matches=matches,
        left_out=skipped,
        cases=cases,
        errors=errors,
        labels={t.code: t.label for t in (*themes, *addressees)},
    )


@bp.route("/regions/<region>/repeated-recommendations")
@requires(Permission.REGION_VIEW)
def repeated(region: str) -> Any:
    try:
        within = min(max(int(request.args.get("within_years", DEFAULT_WITHIN_YEARS)), 1), 20)
    except ValueError:
        within = DEFAULT_WITHIN_YEARS
    learning = region_learning(corpus(), region, DEFAULT_THRESHOLD, within)
    data = region_row(learning, DEFAULT_THRESHOLD, within)
    years = sorted({c["year"] for c in data["heat_map"]})
    heat: dict[tuple[str, str], dict[int, int]] = {}
    for c in data["heat_map"]:
        heat.setdefault((c["theme"], c["tenant"]), {})[c["year"]] = c["recommendations"]
    return render_template(
        "learning/repeated.html",
        protective_marking=True,
        region=region,
        data=data,
        names=learning.tenant_names,
        years=years,
        heat=sorted(heat.items()),
        labels={t.code: t.label for t in DEFAULT_THEMES} | region_theme_names(platform(), region),
        flagged=sum(1 for c in data["clusters"] if c["recommended_again_after_completion"]),
    )


navigation.section(
    "Repeated recommendations", "web.learning.repeated", {Role.REGIONAL_LEAD}, own_region, order=30
)
navigation.section(
    "Earlier recommendations", "web.learning.earlier", STAFF, own_partnership, order=30
)
