"""The auditor's pages: pick a partnership within the grant, replay any record's history in
words, verify the hash chain, and read one's own read log.

Every page here that shows a partnership's records passes the same guard as the API, so an
auditor's reading is itself recorded (``record_audit_read``) and a partnership outside the
grant is a 404 that reveals nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode, urlsplit
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
from api.web.fields import GovDate, LinkForm, error_list
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
from tenants.users.read_log import MAX_DAYS, AuditRead, audit_reads, refused_reads

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
    anchor = service_anchor(platform())
    anchors = anchor.lines
    with tenant_ledger(tenant, writing=False) as ledger:
        result = platform().audit.verify(ledger, None, anchors or ())
    info = platform().registry.tenant(tenant)
    errors, where = [], ""
    if result.broken is not None:
        found, where = _altered(result.broken)
        errors.append({"text": found, "href": "#verification"})
    elif not result.intact:  # the events match; a key or the anchor's seals are gone
        errors.append({"text": result.findings[0].sentence(info.name), "href": "#verification"})
    return _partnership_page(
        tenant,
        form=form,
        result=result,
        errors=errors,
        anchor=anchor.words,
        found=[f.sentence(info.name) for f in result.findings],
        where=where,
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


class PeriodForm(LinkForm):
    since = GovDate("From", "the first date", optional=True)
    until = GovDate("To", "the last date", optional=True)
    submit = SubmitField("Show", widget=GovSubmitInput())


def _period(form: PeriodForm) -> tuple[date, date, list[dict[str, str]]]:
    """The days the auditor chose (the last ``READ_LOG_DAYS`` by default), or the default and
    why not: both within ``MAX_DAYS`` of each other, in order, and none after today."""
    today = uk_today()
    if request.args and not form.validate():
        return today - timedelta(days=READ_LOG_DAYS - 1), today, error_list(form)
    until = form.until.data or today
    since = form.since.data or until - timedelta(days=READ_LOG_DAYS - 1)
    problem, at = None, form.until
    if until > today:
        problem = f"The last date must be today ({today:%-d %-m %Y}) or earlier"
    elif since > until:
        problem, at = "The first date must be on or before the last date", form.since
    elif (until - since).days >= MAX_DAYS:
        problem, at = f"Choose at most {MAX_DAYS} days, from the first date to the last", form.since
    if problem:
        return today - timedelta(days=READ_LOG_DAYS - 1), today, error_list(form, problem, at)
    return since, until, []


@bp.route("/reads")
@requires(Permission.AUDIT_LOG)
def my_reads() -> Any:
    """The auditor's own reads, and the refused attempts to read the cases of the partnerships
    they audit, over the days they choose."""
    user = _auditor()
    form = PeriodForm(request.args)
    since, until, errors = _period(form)
    reads = audit_reads(platform().access, since, until, auditor=user.id)
    audited = [t.slug for region in granted(user) for t in region.tenants]
    refused = refused_reads(platform().access, audited, since, until)
    names = {t.slug: t.name for t in platform().registry.tenants()}
    regions = {r.slug: r.name for r in platform().registry.regions()}
    paths = [(r.tenant, r.path) for r in reads] + [(r.tenant, r.path) for r in refused]
    cases = {tenant for tenant, path in paths if tenant and CASE_ID.search(path)}
    references = _case_references(cases)
    actions: dict[str, set[UUID]] = {}
    for tenant, path in paths:
        if tenant and (found := ACTION_ID.search(path)):
            actions.setdefault(tenant, set()).add(UUID(found[1]))
    action_names = _action_names(actions)
    budgets = _budget_names({path for _, path in paths})

    downloads = _old_bundle_downloads(reads, f"auditor:{user.name}")
    page, pagination = _pages(len(reads))

    def what(read: Any) -> str:
        """What was read, and which case by its reference, so the log is evidence of itself."""
        if read in downloads:
            return BUNDLE_DOWNLOADED
        found = CASE_ID.search(read.path)
        case = references.get(read.tenant, {}).get(UUID(found[1])) if found else None
        action = ACTION_ID.search(read.path)
        if action and not case:
            case = action_names.get(read.tenant, {}).get(UUID(action[1]))
        budget = BUDGET_ID.search(read.path)
        if budget and not case:
            case = budgets.get((budget[1], UUID(budget[2])))
        return f"{what_was_read(read.path)}: {case}" if case else what_was_read(read.path)

    return render_template(
        "audit/reads.html",
        form=form,
        errors=errors,
        reads=reads[::-1][(page - 1) * READS_PER_PAGE : page * READS_PER_PAGE],
        total=len(reads),
        first=(page - 1) * READS_PER_PAGE + 1,
        pagination=pagination,
        refused=refused[::-1],
        since=since,
        until=until,
        tenant_names=names,
        region_names=regions,
        what=what,
    )


READS_PER_PAGE = 100


def _pages(count: int) -> tuple[int, dict[str, Any] | None]:
    """The page of the read log asked for (``?page=``, the days chosen kept) and the GOV.UK
    pagination to the others; None when one page holds them all."""
    pages = max(1, -(-count // READS_PER_PAGE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    if pages == 1:
        return page, None

    def href(n: int) -> str:
        args = request.args.copy()
        args["page"] = str(n)
        return f"{url_for('web.auditing.my_reads')}?{urlencode(list(args.items(multi=True)))}"

    found: dict[str, Any] = {
        "items": [
            {"number": n, "href": href(n), "current": n == page} for n in range(1, pages + 1)
        ],
        "landmarkLabel": "Pages of your reads",
    }
    if page > 1:
        found["previous"] = {"href": href(page - 1)}
    if page < pages:
        found["next"] = {"href": href(page + 1)}
    return page, found


SENT_WITHIN = timedelta(minutes=10)  # a bundle is written within this of the press that asked


def _old_bundle_downloads(reads: list[AuditRead], exported_for: str) -> set[AuditRead]:
    """The bundle page's entries that were downloads: until downloads had their own address
    (6 December 2026) the page's address was logged for both, as the request came in. Each
    export recorded beside the seals with no download entry logged just after it (as one is
    now) was such a download: the last entry of the page before it, for the same auditor."""
    found: set[AuditRead] = set()
    for tenant in {r.tenant for r in reads if r.tenant and r.path.endswith("/audit-bundle")}:
        page = [r for r in reads if r.tenant == tenant and r.path.endswith("/audit-bundle")]
        sent = [r.at for r in reads if r.tenant == tenant and r.path.endswith("/download")]
        for export in platform().audit.exports(tenant):
            at = export.exported_at
            if export.exported_for != exported_for or any(
                at <= s <= at + SENT_WITHIN for s in sent
            ):
                continue
            asked = [r for r in page if at - SENT_WITHIN <= r.at <= at and r not in found]
            if asked:
                found.add(max(asked, key=lambda r: r.at))
    return found


CASE_ID = re.compile(
    r"/(?:cases|reviews)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


ACTION_ID = re.compile(r"/actions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


BUDGET_ID = re.compile(
    r"^/audit/(?:partnerships|regions)/([^/]+)/(?:budgets|ledger)/"
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def _budget_names(paths: set[str]) -> dict[tuple[str, UUID], str]:
    """Each budget, pot, commissioning budget or service whose history was read, by its name
    (the history's heading), keyed by the partnership or region and the record's id."""
    wanted: dict[tuple[bool, str], set[UUID]] = {}
    for path in paths:
        if found := BUDGET_ID.search(path):
            region = path.startswith("/audit/regions/")
            wanted.setdefault((region, found[1]), set()).add(UUID(found[2]))
    names: dict[tuple[str, UUID], str] = {}
    for (region, owner), ids in wanted.items():
        try:
            lease = region_ledger if region else tenant_ledger
            opened: Any = lease(owner, writing=False)
            with opened as ledger:
                listed = {b.budget_id: b.name for b in ledger.funding.budgets()}
                for record in ids:
                    name = listed.get(record) or _commissioning_name(ledger, record, region)
                    if name:
                        names[owner, record] = str(name)
        except NotFoundError:
            continue  # offboarded since: the log still says what kind of thing
    return names


def _commissioning_name(ledger: Any, record: UUID, region: bool) -> str | None:
    for cls in (CommissioningBudget, CommissionedService) if region else ():
        if (found := ledger.find(record, cls)) is not None:
            return str(found.name)
    return None


def _action_names(actions: dict[str, set[UUID]]) -> dict[str, dict[UUID, str]]:
    """Each action read, by its case's and recommendation's references ("BHM-DHR-01 R3"), as
    its history's heading begins: read once per partnership and recommendation in the log."""
    found: dict[str, dict[UUID, str]] = {}
    for tenant, ids in actions.items():
        try:
            with tenant_ledger(tenant, writing=False) as ledger:
                index, cases = ledger.plan.index(), ledger.reviews.index().by_id()
                recs: dict[UUID, str] = {}
                for action in ids & set(index.actions):
                    rec_id = index.actions[action]
                    if rec_id not in recs:
                        rec = unless_unreadable(partial(ledger.recommendations.get, rec_id))
                        recs[rec_id] = rec.reference if rec else ""
                    review = index.recommendations.get(rec_id)
                    case = cases.get(review, "") if review else ""
                    named = f"{case} {recs[rec_id]}".strip()
                    if named:
                        found.setdefault(tenant, {})[action] = named
        except NotFoundError:
            continue  # offboarded since: the log still says what kind of thing
    return found


def _case_references(tenants: set[str]) -> dict[str, dict[UUID, str]]:
    """Each partnership's case references by case id, read once per partnership in the log."""
    found: dict[str, dict[UUID, str]] = {}
    for tenant in tenants:
        try:
            with tenant_ledger(tenant, writing=False) as ledger:
                found[tenant] = dict(ledger.reviews.index().by_id())
        except NotFoundError:
            found[tenant] = {}  # offboarded since: the log still says what kind of thing
    return found


BUNDLE_PAGE = "The audit bundle page, viewed"
BUNDLE_DOWNLOADED = "An audit bundle, downloaded"
READS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (  # (searched for in the address, what it was); the first match wins
        (r"/verification$", "Integrity check"),
        (r"/history$", "A record's history"),
        (r"/audit/reads$", "Auditors' read log"),
        (r"/audit/seals$", "Integrity seals"),
        (r"/personal-data-reads$", "Who read personal details"),
        (r"/document-downloads$", "Who downloaded documents"),
        (r"/audit-bundle/download$|/audit/bundle$", BUNDLE_DOWNLOADED),
        (r"/audit-bundle$", BUNDLE_PAGE),
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
