"""The region's data-sharing agreements with researchers, as pages: the regional lead sees each
(in force, expired or revoked, and who downloaded what) and revokes one with a reason; the
researcher's next download is then refused. Recording one stays in the API (it lists reviews).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import platform, requires
from api.policy import Decision, Permission, decide
from api.resources.research import agreements, in_region
from api.web.fields import error_list, long_text
from api.web.navigation import section
from domain.calendar import uk_today
from domain.errors import DomainError
from tenants.users import Role

bp = Blueprint("research", __name__)


class RevokeForm(FlaskForm):
    reason = long_text(
        "Why is the agreement being revoked?",
        "Enter why the agreement is being revoked",
        "Recorded with the agreement, for example 'the study was withdrawn'.",
        2000,
        named="The reason",
    )
    submit = SubmitField("Revoke the agreement", widget=GovSubmitInput())


@bp.route("/regions/<region>/research-agreements")
@requires(Permission.REGION_VIEW)
def agreements_page(region: str) -> Any:
    name = platform().registry.region(region).name
    return render_template(
        "research/agreements.html",
        region=region,
        region_name=name,
        agreements=agreements().of_region(region),
        today=uk_today(),
        can_revoke=decide(g.user, Permission.RESEARCH_AGREEMENT, True) == Decision.ALLOW,
    )


@bp.route("/regions/<region>/research-agreements/<uuid:agreement>/revoke", methods=["GET", "POST"])
@requires(Permission.RESEARCH_AGREEMENT)
def revoke(region: str, agreement: UUID) -> Any:
    found = in_region(region, agreement)
    form, errors = RevokeForm(), []
    if form.validate_on_submit():
        try:
            agreements().revoke(agreement, (form.reason.data or "").strip(), uk_today())
        except DomainError as refused:
            errors = error_list(form, str(refused), form.reason)
        else:
            flash(f"Agreement {found.reference} revoked: {found.researcher} can no longer download")
            return redirect(url_for("web.research.agreements_page", region=region))
    elif form.is_submitted():
        errors = error_list(form)
    return render_template(
        "research/revoke.html", region=region, agreement=found, form=form, errors=errors
    )


section(
    "Research agreements",
    "web.research.agreements_page",
    {Role.REGIONAL_LEAD},
    lambda user: {"region": user.regions[0]},
    order=60,
)
