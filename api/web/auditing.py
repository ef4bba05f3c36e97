"""The auditor's pages: pick a partnership within the grant, replay any record's history in
words, verify the hash chain, and read one's own read log.

Every page here that shows a partnership's records passes the same guard as the API, so an
auditor's reading is itself recorded (``record_audit_read``) and a partnership outside the
grant is a 404 that reveals nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import platform, requires, tenant_ledger
from api.names import actor_name
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web.agency_choices import agency_names
from api.web.history_words import timeline
from api.web.navigation import home_for, section
from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.funding import AllocationPlan, BudgetKind
from domain.ordering import reference_order
from domain.region import CommissionedService, CommissioningBudget
from tenants.registry import TenantInfo
from tenants.users import Role, UserInfo
from tenants.users.read_log import audit_reads

bp = Blueprint("auditing", __name__, url_prefix="/audit")
READ_LOG_DAYS = 7


class VerifyForm(FlaskForm):
    submit = SubmitField("Verify integrity", widget=GovSubmitInput())


def _auditor() -> UserInfo:
    user: UserInfo = g.user
    if user.role != Role.AUDITOR:
        abort(403)
    return user


@dataclass(frozen=True)
class GrantedRegion:
    slug: str
    name: str
    whole: bool  # the grant names the region (its dashboard too), not just some partnerships
    tenants: list[TenantInfo]


def granted(user: UserInfo) -> list[GrantedRegion]:
    """Every region the grant reaches, by name, with the partnerships in it that it reaches."""
    registry = platform().registry
    regions = {r.slug: r.name for r in registry.regions()}
    found: dict[str, list[TenantInfo]] = {r: [] for r in user.regions if r in regions}
    for tenant in registry.tenants():
        if tenant.region in user.regions or tenant.slug in user.tenants:
            found.setdefault(tenant.region, []).append(tenant)
    return sorted(
        (
            GrantedRegion(r, regions.get(r, r), r in user.regions, sorted(ts, key=lambda t: t.name))
            for r, ts in found.items()
        ),
        key=lambda g: g.name,
    )


@bp.route("/partnerships")
@requires(Permission.AUDIT_LOG)
def picker() -> Any:
    return render_template("audit/picker.html", regions=granted(_auditor()))


@bp.route("/partnerships/<tenant>")
@requires(Permission.HISTORY)
def partnership(tenant: str) -> Any:
    return _partnership_page(tenant)


@bp.route("/partnerships/<tenant>/verification", methods=["GET", "POST"])
@requires(Permission.HISTORY)
def verify(tenant: str) -> Any:
    if request.method == "GET":  # e.g. the page reloaded: verifying again is one button away
        return redirect(url_for("web.auditing.partnership", tenant=tenant))
    form = VerifyForm()
    if not form.validate_on_submit():
        return _partnership_page(tenant, form=form, errors=[_expired()])
    with tenant_ledger(tenant, writing=False) as ledger:
        result = platform().audit.verify(ledger)
    seals = {s.position: s for s in platform().audit.seals(tenant)}
    errors = []
    if not result.intact:
        broken = seals.get(result.broken_at_seal or -1)
        made = f", made {broken.sealed_at:%-d %B %Y}" if broken else ""
        errors.append(
            {
                "text": f"History altered: the seal at event {result.broken_at_seal:,}{made} no "
                "longer matches. An event at or before it was changed, removed, inserted or "
                "reordered outside the service. Tell the platform operator and keep this page.",
                "href": "#verification",
            }
        )
    return _partnership_page(tenant, form=form, result=result, errors=errors)


def _expired() -> dict[str, str]:
    return {"text": "This form expired. Select verify integrity again.", "href": "#verification"}


def _partnership_page(tenant: str, **extra: Any) -> Any:
    info = platform().registry.tenant(tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        cases = ledger.reviews.all()
        budgets = ledger.funding.budgets()
    return render_template(
        "audit/partnership.html",
        tenant=info,
        region=platform().registry.region(info.region),
        cases=cases,
        budgets=budgets,
        seals=platform().audit.seals(tenant),
        form=extra.pop("form", None) or VerifyForm(),
        protective_marking=True,
        **extra,
    )


def _history(tenant: str, record_id: UUID) -> list[Any]:
    with tenant_ledger(tenant, writing=False) as ledger:
        labels = ledger.themes.labels()
        events = list(ledger.events.get(record_id))
    return timeline(events, actor_name, lambda code: labels.get(code, code), agency_names(tenant))


@bp.route("/partnerships/<tenant>/cases/<uuid:review>")
@requires(Permission.HISTORY)
def case_history(tenant: str, review: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        lines = sorted(  # as the case page lists them: R1 before R2 before R10
            (line for line in ledger.plan.master() if line.review_id == review),
            key=lambda line: (reference_order(line.recommendation_reference), line.due_on),
        )
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Case",
        heading=f"{case.reference} ({case.pseudonym})",
        items=_history(tenant, review),
        lines=lines,
        agencies=agency_names(tenant),
        protective_marking=True,
    )


@bp.route("/partnerships/<tenant>/actions/<uuid:action>")
@requires(Permission.HISTORY)
def action_history(tenant: str, action: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.actions.get(action)
        case = ledger.reviews.get(found.review_id)
        rec = ledger.recommendations.get(found.recommendation_id)
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Action",
        heading=f"{case.reference} {rec.reference}: {agency_names(tenant)(found.owner)}",
        back=(
            f"{case.reference} ({case.pseudonym})",
            url_for("web.auditing.case_history", tenant=tenant, review=case.id),
        ),
        items=_history(tenant, action),
        protective_marking=True,
    )


@bp.route("/partnerships/<tenant>/budgets/<uuid:budget>")
@requires(Permission.HISTORY)
def budget_history(tenant: str, budget: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        listing = _budget(ledger, budget)
        items = timeline(_budget_events(ledger, listing), actor_name)
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Budget",
        heading=listing.name,
        items=items,
    )


@bp.route("/regions/<region>/ledger/<uuid:record>")
@requires(Permission.REGION_LEDGER_READ)
def region_budget_history(region: str, record: UUID) -> Any:
    """A budget line, pot, commissioning budget or commissioned service of the region's own
    ledger, everything recorded: the OPCC's decisions and payments, a pot's contributions,
    spend, plan and year-ends, a commissioning budget's years and allocations, a service's
    agreements, providers, milestones and payments."""
    with region_ledger(region, writing=False) as ledger:
        kind, heading, events = _region_record(ledger, record)
        items = timeline(events, actor_name)
    found = platform().registry.region(region)
    return render_template(
        "audit/history.html",
        owner=found.name,
        kind=kind,
        heading=heading,
        items=items,
        back=("Region ledger", url_for("web.shared.ledger", region=region)),
    )


def _region_record(ledger: Any, record: UUID) -> tuple[str, str, list[Any]]:
    """A record of the region's ledger by its id: what kind it is, its name, its events."""
    for cls, kind in ((CommissioningBudget, "Budget"), (CommissionedService, "Service")):
        found = ledger.find(record, cls)
        if found is not None:
            return kind, found.name, list(ledger.events.get(record))
    listing = _budget(ledger, record)
    return "Budget", listing.name, _budget_events(ledger, listing)


def _budget(ledger: Any, budget: UUID) -> Any:
    for listing in ledger.funding.budgets():
        if listing.budget_id == budget:
            return listing
    raise NotFoundError("No such budget in this ledger.")


def _budget_events(ledger: Any, listing: Any) -> list[Any]:
    """A budget's events; a pooled budget's with its allocation plan's, in the order recorded."""
    events = list(ledger.events.get(listing.budget_id))
    if listing.kind == BudgetKind.POOLED_BUDGET:
        events += ledger.events.get(AllocationPlan.create_id(listing.reference))
    return sorted(events, key=lambda e: e.timestamp)


@bp.route("/reads")
@requires(Permission.AUDIT_LOG)
def my_reads() -> Any:
    user = _auditor()
    until = uk_today()
    since = until - timedelta(days=READ_LOG_DAYS - 1)
    reads = [r for r in audit_reads(platform().access, since, until) if r.user_id == user.id]
    names = {t.slug: t.name for t in platform().registry.tenants()}
    regions = {r.slug: r.name for r in platform().registry.regions()}
    return render_template(
        "audit/reads.html",
        reads=reads[::-1],
        since=since,
        until=until,
        tenant_names=names,
        region_names=regions,
        what=what_was_read,
    )


READS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (  # (searched for in the address, what it was); the first match wins
        (r"/verification$", "Integrity check"),
        (r"/history$", "A record's history"),
        (r"/audit/reads$", "Auditors' read log"),
        (r"/audit/seals$", "Integrity seals"),
        (r"/personal-data-reads$", "Who read personal details"),
        (r"/document-downloads$", "Who downloaded documents"),
        (r"/audit-bundle$|/audit/bundle$", "An audit bundle"),
        (r"^/audit/partnerships$", "The partnerships you audit"),
        (r"^/audit/partnerships/[^/]+/cases/", "A case's history"),
        (r"^/audit/partnerships/[^/]+/actions/", "An action's history"),
        (
            r"^/audit/partnerships/[^/]+/budgets/|^/audit/regions/[^/]+/ledger/",
            "A budget's history",
        ),
        (r"/proof$|/document-proofs/", "A document's proof"),
        (r"/papers/|/reports/", "A board paper"),
        (r"/downloads/", "A spreadsheet or CSV download"),
        (r"/template(\.xlsx)?$", "An import template"),
        (r"/dashboard$", "Regional dashboard"),
        (r"/figures$", "Regional figures by day"),
        (r"/views/", "A regional view"),
        (r"/repeated-recommendations$", "Repeated recommendations"),
        (r"/earlier-recommendations$", "Earlier recommendations"),
        (r"/research-agreements/", "A research agreement"),
        (r"/research-agreements$", "Research agreements"),
        (r"/master-action-plan$", "A master action plan"),
        (r"/groups/", "A group of partnerships"),
        (r"/groups$", "Groups of partnerships"),
        (r"/commissioning-budgets/", "A commissioning budget"),
        (r"/commissioning-budgets$", "Commissioning budgets"),
        (r"/services/", "A commissioned service"),
        (r"/services$", "Commissioned services"),
        (r"/demand$", "Demand for reviews"),
        (r"/(pooled-budgets|pots|money)/", "A pooled budget"),
        (r"/money$", "The partnership's money"),
        (r"/(pooled-budgets|pots)$", "Pooled budgets"),
        (r"/budget-lines/", "A budget"),
        (r"/ledger(/|$)", "The regional ledger"),
        (r"/funding/budgets$", "Budgets"),
        (r"/funding/from-region$", "The region's money for the partnership's area"),
        (r"/recommendations/", "A recommendation"),
        (r"/actions/", "An action"),
        (r"/action-plan", "The action plan"),
        (r"/(reviews|cases)/", "A case"),
        (r"/(reviews|cases)$", "The case register"),
    )
)
PARTNERSHIP = "A partnership's records"  # a partnership's audit page, and anything not above


def what_was_read(path: str) -> str:
    """The kind of thing read, in words; the address itself holds ids nobody should read."""
    api = path.startswith("/api/")
    address = path.split("?", 1)[0].removeprefix("/api/v1").rstrip("/")
    label = next((text for pattern, text in READS if pattern.search(address)), PARTNERSHIP)
    return f"{label} (through the API)" if api else label


section("Partnerships", "web.auditing.picker", {Role.AUDITOR}, lambda _: {}, order=10)
section("My read log", "web.auditing.my_reads", {Role.AUDITOR}, lambda _: {}, order=70)
home_for(Role.AUDITOR, "web.auditing.picker", lambda _: {})
