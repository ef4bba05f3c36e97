"""The auditor's pages: pick a partnership within the grant, replay any record's history in
words and verify the hash chain (the auditor's own read log is ``read_log.py``'s).

Every page here that shows a partnership's records passes the same guard as the API, so an
auditor's reading is itself recorded (``record_audit_read``) and a partnership outside the
grant is a 404 that reveals nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import current_user, logs_its_own_read, platform, requires, tenant_ledger
from api.names import actor_name
from api.policy import Permission
from api.resources.region_common import region_ledger
from api.web import verified
from api.web.agency_choices import agency_names
from api.web.formatting import long_date
from api.web.history_names import money_names
from api.web.history_words import Named, timeline
from api.web.navigation import home_for, home_url, section
from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.funding import AllocationPlan, BudgetKind
from domain.ordering import reference_order
from domain.region import CommissionedService, CommissioningBudget
from domain.region.agencies import agency_label
from domain.reviews import ReviewIndex
from tenants.audit_anchor import service_anchor
from tenants.audit_findings import Break
from tenants.registry import TenantInfo
from tenants.unreadable import (
    LeftOut,
    Unreadable,
    events_of,
    in_recorded_order,
    unless_unreadable,
)
from tenants.users import Role, UserInfo

bp = Blueprint("auditing", __name__, url_prefix="/audit")


class VerifyForm(FlaskForm):
    submit = SubmitField("Verify integrity", widget=GovSubmitInput())


def auditor() -> UserInfo:
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


def _back(text: str, href: str) -> tuple[str, str]:
    """The back link: for an auditor, the auditor's page above this one (``text``, ``href``).
    A partnership's officers and lead may read these pages too (a pot's history is linked
    from their Money page) but not the auditor's list of partnerships above them, which
    would answer 403: theirs goes back to the page they came from, else their start page."""
    user: UserInfo = g.user
    if user.role is Role.AUDITOR:
        return text, href
    return "Back", _came_from() or home_url(user)


def _came_from() -> str | None:
    """The page of the service outside the auditor's pages that the reader followed a link
    from (the Referer, which ``Referrer-Policy: same-origin`` sends only within the site):
    one of the auditor's pages would lead on up to their list."""
    found = urlsplit(request.referrer or "")
    audit = url_for("web.auditing.picker").removesuffix("partnerships")
    if found.netloc != request.host or not found.path.startswith("/"):
        return None
    if found.path.startswith(audit):
        return None
    return found.path + (f"?{found.query}" if found.query else "")


@bp.route("/partnerships")
@requires(Permission.AUDIT_LOG)
def picker() -> Any:
    return render_template("audit/picker.html", regions=granted(auditor()))


@bp.route("/partnerships/<tenant>")
@requires(Permission.HISTORY)
def partnership(tenant: str) -> Any:
    return _partnership_page(tenant)


@bp.route("/partnerships/<tenant>/verification", methods=["GET", "POST"])
@requires(Permission.HISTORY)
@logs_its_own_read
def verify(tenant: str) -> Any:
    """POST: verify the partnership's history and keep what was found, then show it with a GET
    (Post/Redirect/Get: Refresh shows the result again, never verifies again). GET: the result
    this session kept; none (verified elsewhere, or long ago): the partnership's page.

    The read log has one integrity check per verification, the POST that read every event;
    the page shown after it is logged as the partnership's page it is (its cases, budgets),
    and a form sent back expired as that page again, since no check ran."""
    page = url_for("web.auditing.partnership", tenant=tenant)
    if request.method == "GET":
        shown = verified.kept(tenant)
        if shown is None:  # verifying again is one button away
            return redirect(page)  # that page is logged when it is shown
        _logged_read(tenant, page)
        return _partnership_page(
            tenant,
            result=shown,
            errors=[{"text": e, "href": "#verification"} for e in shown.errors],
            anchor=shown.anchor,
            found=list(shown.found),
            where=shown.where,
        )
    form = VerifyForm()
    if not form.validate_on_submit():
        _logged_read(tenant, page)
        return _partnership_page(tenant, form=form, errors=[_expired()])
    verified.keep(tenant, _verification(tenant))
    _logged_read(tenant, request.path)  # "Integrity check", once it has run
    return redirect(url_for("web.auditing.verify", tenant=tenant), 303)


def _logged_read(tenant: str, address: str) -> None:
    """An auditor's read of ``address``, as the guard records the pages it logs itself (only
    an auditor's reads are logged)."""
    user = current_user()
    if user.role is Role.AUDITOR:
        region = platform().registry.recent_tenant(tenant).region
        platform().access.record_audit_read(user.id, address, tenant, region)


def _verification(tenant: str) -> verified.Verified:
    """Verify the partnership's hash chain against its seals and the anchor, in the page's
    words: the first broken seal for the error summary, every finding as a sentence."""
    anchor = service_anchor(platform())
    with tenant_ledger(tenant, writing=False) as ledger:
        result = platform().audit.verify(ledger, None, anchor.lines or ())
    info = platform().registry.tenant(tenant)
    errors, where = [], ""
    if result.broken is not None:
        found, where = _altered(result.broken)
        errors.append(found)
    elif not result.intact:  # the events match; a key or the anchor's seals are gone
        errors.append(result.findings[0].sentence(info.name))
    return verified.Verified(
        result.intact,
        result.events_checked,
        result.seals_checked,
        result.unsealed_events,
        tuple(errors),
        tuple(f.sentence(info.name) for f in result.findings),
        where,
        anchor.words,
    )


def _altered(broken: Break) -> tuple[str, str]:
    """The error summary's line, the first broken seal by its event and day; and, for the page
    beside the findings, the events the change lies among (after the last seal that still
    matches)."""
    at, seal, kind = broken.at, broken.seal, broken.finding.kind
    if seal:
        found = (
            f"History altered: the seal at event {seal.position:,}, made "
            f"{long_date(seal.sealed_at)}, no longer matches"
        )
    elif kind.of_a_row:
        found = f"History altered: event {at:,} is not as the service recorded it"
    else:  # only the link the anchor kept of a seal, or a bundle taken away, vouched for it
        kept = "a bundle took away" if kind.of_a_bundle else "kept outside the service"
        found = f"History altered: the link {kept} for event {at:,} no longer matches"
    earlier = broken.still_matches
    still = (
        f" The seal before it, at event {earlier.position:,}, made "
        f"{long_date(earlier.sealed_at)}, still matches."
        if earlier is not None
        else ""
    )
    return found, (
        f"An event among events {broken.first:,} to {broken.last:,} was changed, removed, "
        f"inserted or reordered outside the service.{still}"
    )


def _expired() -> dict[str, str]:
    return {"text": "This form expired. Select verify integrity again.", "href": "#verification"}


def _partnership_page(tenant: str, **extra: Any) -> Any:
    info = platform().registry.tenant(tenant)
    left_out = LeftOut("the auditor's partnership page", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        cases = ledger.reviews.readable(left_out)
        references = left_out.load(ReviewIndex.create_id(), lambda: ledger.reviews.index().by_id())
        budgets = ledger.funding.budgets()
    unread = [(r, references[r]) for r in left_out.records if references and r in references]
    return render_template(
        "audit/partnership.html",
        tenant=info,
        back=_back("Partnerships you audit", url_for("web.auditing.picker")),
        region=platform().registry.region(info.region),
        cases=cases,
        unreadable=left_out.count,
        unread_cases=sorted(unread, key=lambda pair: reference_order(pair[1])),
        budgets=budgets,
        seals=platform().audit.seals(tenant),
        form=extra.pop("form", None) or VerifyForm(),
        protective_marking=True,
        **extra,
    )


def _partnership_back(tenant: str) -> tuple[str, str]:
    """Back to the auditor's page of the partnership (for anyone else, ``_back``'s)."""
    name = platform().registry.tenant(tenant).name
    return _back(name, url_for("web.auditing.partnership", tenant=tenant))


def _words(
    events: list[Any],
    labels: dict[str, str] | None = None,
    agencies: Callable[[str], str] = str,
    keys: Named | None = None,
) -> dict[str, Any]:
    """A history page's timeline of ``events`` (in the order recorded), newest first, in
    words (``labels``: the partnership's theme labels; ``agencies``: ``agency_names``;
    ``keys``: what other recorded keys stand for); and how many of them could not be read,
    for the warning above it."""
    named = labels or {}
    return {
        "items": timeline(events, actor_name, lambda code: named.get(code, code), agencies, keys),
        "unreadable": sum(isinstance(e, Unreadable) for e in events),
    }


@dataclass(frozen=True)
class ActionLine:
    """One of a case's actions beside its history, as it reads now; ``owner`` None where the
    action cannot be replayed (its own history marks the event that cannot be read)."""

    action_id: UUID
    recommendation_reference: str
    owner: str | None = None
    status: Any = None
    overdue: bool = False
    due_on: date = date.max
    description: str = ""

    @property
    def what(self) -> str:
        """What will be done, cut to a few words, so a case's actions for one owner under one
        recommendation read apart in the list."""
        words = self.description.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def _actions(ledger: Any, review: UUID) -> list[ActionLine]:
    """The case's actions as its page lists them: by recommendation as people number them (R2
    before R10), then due date. Each is read on its own, so one that cannot be is still listed."""
    index, today, lines = ledger.plan.index(), uk_today(), []
    for rec_id in index.recommendations_of(review):
        rec = unless_unreadable(partial(ledger.recommendations.get, rec_id))
        reference = rec.reference if rec else "A recommendation that cannot be read"
        for action_id in index.actions_of(rec_id):
            act = unless_unreadable(partial(ledger.actions.get, action_id))
            lines.append(
                ActionLine(action_id, reference)
                if act is None
                else ActionLine(
                    action_id,
                    reference,
                    act.owner,
                    act.status,
                    act.is_overdue(today),
                    act.due_on,
                    act.description,
                )
            )
    return sorted(lines, key=lambda x: (reference_order(x.recommendation_reference), x.due_on))


def _case_name(ledger: Any, review: UUID, case: Any) -> str:
    """ "DHR-7 (Anna)"; a case that cannot be replayed by its reference in the register."""
    if case is not None:
        return f"{case.reference} ({case.pseudonym})"
    return ledger.reviews.index().by_id().get(review, "A case")


@bp.route("/partnerships/<tenant>/cases/<uuid:review>")
@requires(Permission.HISTORY)
def case_history(tenant: str, review: UUID) -> Any:
    """Everything recorded about the case, across its records (``ledger.history.of_case``, as
    its page for officers), with its actions beside it."""
    with tenant_ledger(tenant, writing=False) as ledger:
        case = unless_unreadable(lambda: ledger.reviews.get(review))  # no such case: 404
        heading = _case_name(ledger, review, case)
        agencies = agency_names(tenant)  # the region's directory, read once for the page
        history = _words(ledger.history.of_case(review), ledger.themes.labels(), agencies)
        lines = _actions(ledger, review)
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Case",
        heading=heading,
        back=_partnership_back(tenant),
        lines=lines,
        agencies=agencies,
        protective_marking=True,
        **history,
    )


@bp.route("/partnerships/<tenant>/actions/<uuid:action>")
@requires(Permission.HISTORY)
def action_history(tenant: str, action: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        found = unless_unreadable(lambda: ledger.actions.get(action))
        index = ledger.plan.index()
        rec_id = found.recommendation_id if found else index.actions[action]
        review = found.review_id if found else index.recommendations[rec_id]
        case = unless_unreadable(lambda: ledger.reviews.get(review))
        rec = unless_unreadable(lambda: ledger.recommendations.get(rec_id))
        name = _case_name(ledger, review, case)
        reference = case.reference if case else name
        agencies = agency_names(tenant)
        owner = agencies(found.owner) if found else "an action whose history cannot all be read"
        heading = f"{reference} {rec.reference if rec else 'A recommendation'}: {owner}"
        events = events_of(ledger, action)
        replaced_by = _replacements(ledger, events, agencies)
        history = _words(events, ledger.themes.labels(), agencies, replaced_by)
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Action",
        heading=heading,
        back=(name, url_for("web.auditing.case_history", tenant=tenant, review=review)),
        protective_marking=True,
        **history,
    )


def _replacements(ledger: Any, events: list[Any], agencies: Callable[[str], str]) -> Named:
    """An action superseded by another names that action as the case's list does ("R3: West
    Midlands Police, Give every MARAC action a named owner…"), not by the id its event keeps."""
    names: dict[str, str] = {}
    others: set[UUID] = {e.by_action_id for e in events if getattr(e, "by_action_id", None)}
    for other in others:
        act = unless_unreadable(partial(ledger.actions.get, other))
        rec = act and unless_unreadable(partial(ledger.recommendations.get, act.recommendation_id))
        names[str(other)] = (
            f"{rec.reference if rec else 'A recommendation'}: {agencies(act.owner)}, "
            f"{ActionLine(other, '', description=act.description).what}"
            if act
            else "Another action, whose history cannot all be read"
        )
    return {"by_action_id": ("Replaced by", lambda key: names.get(key, "Another action"))}


@bp.route("/partnerships/<tenant>/budgets/<uuid:budget>")
@requires(Permission.HISTORY)
def budget_history(tenant: str, budget: UUID) -> Any:
    with tenant_ledger(tenant, writing=False) as ledger:
        listing = _budget(ledger, budget)
        events = _budget_events(ledger, listing)
    region = platform().registry.tenant(tenant).region
    history = _money_words(events, region, agency_names(tenant))
    return render_template(
        "audit/history.html",
        tenant=platform().registry.tenant(tenant),
        kind="Budget",
        heading=listing.name,
        back=_partnership_back(tenant),
        **history,
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
        agencies = partial(agency_label, ledger.partners.directory())
    history = _money_words(events, region, agencies)
    found = platform().registry.region(region)
    return render_template(
        "audit/history.html",
        owner=found.name,
        kind=kind,
        heading=heading,
        back=("Region ledger", url_for("web.shared.ledger", region=region)),
        **history,
    )


def _money_words(events: list[Any], region: str, agencies: Callable[[str], str]) -> dict[str, Any]:
    """A budget's or service's history with each partnership, business case, body and
    allocation by its name (``money_names``), not the key its events keep."""
    partnerships = {t.slug: t.name for t in platform().registry.tenants() if t.region == region}
    return _words(events, agencies=agencies, keys=money_names(events, partnerships, agencies))


def _region_record(ledger: Any, record: UUID) -> tuple[str, str, list[Any]]:
    """A record of the region's ledger by its id: what kind it is, its name, its events."""
    for cls, kind in ((CommissioningBudget, "Budget"), (CommissionedService, "Service")):
        found = ledger.find(record, cls)
        if found is not None:
            return kind, found.name, events_of(ledger, record)
    listing = _budget(ledger, record)
    return "Budget", listing.name, _budget_events(ledger, listing)


def _budget(ledger: Any, budget: UUID) -> Any:
    for listing in ledger.funding.budgets():
        if listing.budget_id == budget:
            return listing
    raise NotFoundError("No such budget in this ledger.")


def _budget_events(ledger: Any, listing: Any) -> list[Any]:
    """A budget's events; a pooled budget's with its allocation plan's, in the order recorded."""
    records = [listing.budget_id]
    if listing.kind == BudgetKind.POOLED_BUDGET:
        records.append(AllocationPlan.create_id(listing.reference))
    return in_recorded_order(events_of(ledger, record) for record in records)


section("Partnerships", "web.auditing.picker", {Role.AUDITOR}, lambda _: {}, order=10)
home_for(Role.AUDITOR, "web.auditing.picker", lambda _: {})
