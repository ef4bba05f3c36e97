"""Reports and downloads: every table a person's role may take away, and its board paper: the
region's views, its joint commissioning and its groups' master plans for OPCC staff, regional
leads and auditors granted the region; a partnership's registers, pooled budgets and the plans
of the groups it belongs to for its people (and its auditors).

Every table and board paper can be had as the ledger had recorded things by the end of an
earlier day (the copy an auditor, or a later board, takes of what a meeting saw): a GET form, so
the day is in the link."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import current_user, may, platform, requires
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import navigation
from api.web.fields import LinkForm, error_list, recorded_day
from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.funding.index import BudgetKind, BudgetListing
from tenants.region_ledger import RegionLedger
from tenants.users import Role

bp = Blueprint("reports", __name__)
REGIONAL_VIEWS = (
    ("dhr-counts", "DHRs notified, commenced and completed per partnership"),
    ("timeliness", "Timeliness of reviews"),
    ("themes", "Shared themes and target sectors"),
    ("actions", "Outstanding actions"),
    ("money", "Money per partnership"),
)
REGISTERS = (
    ("cases", "Register of cases"),
    ("action-plan", "Master action plan"),
    ("costs", "What the reviews cost"),
)
READERS = {Role.CSP_OFFICER, Role.CSP_LEAD, Role.REGIONAL_LEAD, Role.PCC_OFFICER, Role.AUDITOR}
# They read their regions' views and papers; an auditor granted a region, its partnerships' too.
REGIONAL = (Role.REGIONAL_LEAD, Role.PCC_OFFICER, Role.AUDITOR)


class RecordedForm(LinkForm):
    as_recorded = recorded_day("Tables and board papers as recorded at the end of")
    submit = SubmitField("Show them", widget=GovSubmitInput())


@bp.route("/reports")
@requires(Permission.SIGNED_IN)
def reports() -> Any:
    user = current_user()
    registry = platform().registry
    form = RecordedForm(formdata=request.args if request.args else None)
    valid = not request.args or form.validate()
    recorded = form.as_recorded.data if valid else None
    if recorded is not None and recorded > uk_today():
        form.as_recorded.errors = ["The day the ledger is shown as of must be today or before"]
        recorded = None
    regions = []
    for slug in user.regions if user.role in REGIONAL else ():
        with region_ledger(slug, writing=False) as shared:
            commissioning = bool(shared.commissioning.all() or shared.services.all())
            groups = shared.groups.all()
            pots = hosted_pots(shared)
        regions.append((registry.region(slug), commissioning, groups, pots))
    partnerships = []
    if user.role in (Role.CSP_OFFICER, Role.CSP_LEAD, Role.AUDITOR):
        slugs = list(user.tenants)
        if user.role is Role.AUDITOR:
            granted = (t.slug for region in user.regions for t in registry.tenants(region))
            slugs += sorted(set(granted) - set(slugs))
        for slug in slugs:
            with platform().ledgers.lease(slug, writing=False) as ledger:
                pools = [b for b in ledger.funding.budgets() if b.kind == BudgetKind.POOLED_BUDGET]
            region = registry.recent_tenant(slug).region
            groups, paid_into = [], []
            if user.role is not Role.AUDITOR:  # theirs: under their regions, or by its history
                with region_ledger(region, writing=False) as shared:
                    groups = shared.groups.joined_by(slug)
                    paid_into = hosted_pots(shared, slug)
            partnerships.append((registry.tenant(slug), pools, region, groups, paid_into))
    return render_template(
        "reports/reports.html",
        regions=regions,
        partnerships=partnerships,
        regional_views=REGIONAL_VIEWS,
        registers=REGISTERS,
        can_report_demand=may(Permission.SHARED_RECORD),
        today=uk_today(),
        form=form,
        recorded=recorded,
        errors=error_list(form),
        year=FinancialYear.of(uk_today()).label,
        protective_marking=True,
    )


def hosted_pots(shared: RegionLedger, partner: str | None = None) -> list[BudgetListing]:
    """The pots the region's ledger hosts; given a partnership, those it pays into."""
    return [
        b
        for b in shared.funding.budgets()
        if b.kind == BudgetKind.POOLED_BUDGET
        and (partner is None or partner in shared.pooled.partner_tenants(b.budget_id))
    ]


navigation.section("Reports and downloads", "web.reports.reports", READERS, lambda _: {})
