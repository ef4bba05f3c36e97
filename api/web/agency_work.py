"""An agency user's pages: its actions and IMRs, a progress update, its IMR and chronology.

The same ``AgencyWork`` service as the API, so another agency's record is "Page not found"
here too. The agency submits; the panel (the partnership's officers and lead) extends,
chases and assesses on the case's own pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SubmitField

from api.context import current_user, platform, requires
from api.policy import Permission
from api.refusals import lead_named
from api.web import navigation
from api.web.action_words import LIVE
from api.web.agency_choices import agencies_named
from api.web.case_imrs import _due, _state
from api.web.fields import FormPage, GovDate, long_text
from domain.actionplan.action import Action
from domain.actionplan.plan import PlanLine
from domain.calendar import uk_today
from domain.funding import PooledBudget
from domain.region import PartnerDirectory
from domain.texts import WRITTEN
from tenants.ledger.agency_work import AgencyWork
from tenants.model import TenantStatus
from tenants.region_ledger.contributors import pots_paid_into
from tenants.unreadable import LeftOut
from tenants.users import Role, UserInfo

bp = Blueprint("agency_work", __name__)
BASE = "/partnerships/<tenant>/agency-work"


class ProgressForm(FlaskForm):
    on = GovDate("Date of the update", "the update")
    text = long_text("What was done", "Enter what was done", max_length=WRITTEN)
    submit = SubmitField("Add the update", widget=GovSubmitInput())


class StartForm(FlaskForm):
    on = GovDate("Date work started", "the start of the work")
    submit = SubmitField("Record work starting", widget=GovSubmitInput())


class ImrForm(FlaskForm):
    on = GovDate("Date you sent the IMR", "sending the IMR")
    with_chronology = BooleanField(
        "Our chronology entries are complete",
        description="Tick if every entry from your agency’s records for this case is added.",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Record that the IMR was sent", widget=GovSubmitInput())


def _region_of(user: UserInfo) -> str:
    if user.regions:
        return user.regions[0]
    return platform().registry.recent_tenant(user.tenants[0]).region


def _directory(region: str) -> PartnerDirectory:
    with platform().region_ledgers.lease(region, writing=False) as ledger:
        return ledger.partners.directory()


def _pots(region: str) -> list[PooledBudget]:
    """The region's pots the user's agency pays into, each read on its own page
    (``agency_pots``)."""
    with platform().region_ledgers.lease(region, writing=False) as ledger:
        return pots_paid_into(ledger, current_user().agency)


@contextmanager
def _work(tenant: str, *, writing: bool = False) -> Iterator[AgencyWork]:
    directory = _directory(platform().registry.recent_tenant(tenant).region)
    with platform().ledgers.lease(tenant, writing=writing) as ledger:
        yield AgencyWork(ledger, directory, current_user().agency)


def _agency_name(directory: PartnerDirectory) -> str:
    key = current_user().agency
    return directory.partners[key].name if key in directory.partners else key


@bp.route("/regions/<region>/agency-work")
@requires(Permission.AGENCY_WORK)
def region_home(region: str) -> Any:
    """The partnerships of the region that asked the agency for work, with what is open in
    each, so the agency goes first where its work is late; and the pots the agency pays into."""
    user = current_user()
    today = uk_today()
    directory = _directory(region)
    tenants = [
        t
        for t in platform().registry.tenants()
        if t.region == region
        and (region in user.regions or t.slug in user.tenants)
        and t.status is not TenantStatus.COPY  # its work is its partnership's, done there
    ]
    rows, left_out = [], 0
    for tenant in sorted(tenants, key=lambda t: t.name):
        skipped = LeftOut("an agency's work in its region", tenant.slug)
        with platform().ledgers.lease(tenant.slug, writing=False) as ledger:
            work = AgencyWork(ledger, directory, user.agency)
            actions, imrs = work.actions(today, skipped), work.imrs(today, skipped)
        left_out += skipped.count
        if not (actions or imrs):
            continue
        live = [a for a in actions if a.status in LIVE]
        rows.append(
            {
                "tenant": tenant,
                "open": len(live),
                "overdue": sum(1 for a in live if a.overdue),
                "awaited": sum(1 for i in imrs if i.imr.outstanding),
                "late": sum(1 for i in imrs if i.imr.outstanding and i.days_late),
            }
        )
    return render_template(
        "agency_work/region.html",
        agency=_agency_name(directory),
        rows=rows,
        left_out=left_out,
        region=region,
        pots=_pots(region),
    )


@bp.route(BASE)
@requires(Permission.AGENCY_WORK)
def home(tenant: str) -> Any:
    """The agency's actions and IMRs in one partnership."""
    today = uk_today()
    left_out = LeftOut("an agency's work", tenant)
    with _work(tenant) as work:
        actions, imrs = work.actions(today, left_out), work.imrs(today, left_out)
        agency = _agency_name(work.directory)
    partnership = platform().registry.recent_tenant(tenant)
    return render_template(
        "agency_work/home.html",
        tenant=tenant,
        region=partnership.region,  # the way back to every partnership with work for the agency
        partnership=partnership.name,
        agency=agency,
        # what still needs the agency first (a stable sort keeps the order within each)
        actions=sorted(actions, key=lambda a: a.status not in LIVE),
        imrs=[
            (i, *_state(i.imr, i.days_late), _due(i.imr))
            for i in sorted(imrs, key=lambda i: not i.imr.outstanding)
        ],
        done=request.args.get("done"),
        left_out=left_out.count,
        protective_marking=True,
    )


def _ask(
    tenant: str,
    form: FlaskForm,
    load: Callable[[AgencyWork], Any],
    record: Callable[[AgencyWork], object],
    page_name: str,
    onward: str | None = None,
    **context: Any,
) -> Any:
    """One of the agency's question pages about what ``load`` finds: ``record`` runs on the
    answers, then the agency's home page (or ``onward``) says it is done."""
    with _work(tenant) as work:
        found = load(work)
    page = FormPage(form)
    if page.submitted():
        with page.refusals():
            with _work(tenant, writing=True) as work:
                record(work)
            return redirect(onward or url_for(".home", tenant=tenant, done=page_name))
        if page.problem:  # the agency by its name, not its directory key
            page.problem = agencies_named(page.problem, tenant, [current_user().agency])
    return page.render(
        f"agency_work/{page_name}.html",
        tenant=tenant,
        partnership=platform().registry.recent_tenant(tenant).name,
        found=found,
        protective_marking=True,
        **context,
    )


def with_line(work: AgencyWork, action: UUID) -> tuple[Action, PlanLine | None]:
    """The agency's action ("Page not found" unless it owns it) and its plan line, which
    names the case and recommendation."""
    found = work.action(action)
    lines = work.actions(uk_today())
    return found, next((line for line in lines if line.action_id == action), None)


@bp.route(BASE + "/actions/<uuid:action>", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def progress(tenant: str, action: UUID) -> Any:
    """Add a progress update to one of the agency's actions. The page names the case and
    recommendation and lists the updates so far: an agency often owns the same action text in
    several cases, and its due date alone does not say which one this is."""
    form = ProgressForm()
    return _ask(
        tenant,
        form,
        lambda work: with_line(work, action),
        lambda work: work.record_progress(action, cast(date, form.on.data), form.text.data or ""),
        "progress",
        lead=lead_named(platform().access, tenant),  # whom to ask for more time
    )


@bp.route(BASE + "/actions/<uuid:action>/start", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def start(tenant: str, action: UUID) -> Any:
    """Record that the agency started work on its action, which moves it from "Not started"
    to "In progress": progress updates alone leave it "Not started" on every plan."""
    form = StartForm()
    return _ask(
        tenant,
        form,
        lambda work: with_line(work, action),
        lambda work: work.start_action(action, cast(date, form.on.data)),
        "start",
    )


@bp.route(BASE + "/cases/<uuid:review>/imr", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def imr(tenant: str, review: UUID) -> Any:
    """Send the agency's IMR to the panel, which then assesses it; its report, if uploaded
    here (``agency_report``), is listed and said to be attached."""
    today, form = uk_today(), ImrForm()
    with _work(tenant) as work:
        reports = work.reports(review, today)
    sent = "imr-report" if reports else "imr"
    return _ask(
        tenant,
        form,
        lambda work: work.imr(review, today),
        lambda work: work.submit_imr(
            review, cast(date, form.on.data), bool(form.with_chronology.data), today
        ),
        "imr",
        onward=url_for(".home", tenant=tenant, done=sent),
        reports=reports,
        done=request.args.get("done"),
    )


navigation.section(
    "Our actions and IMRs",
    "web.agency_work.region_home",
    {Role.AGENCY_CONTRIBUTOR},
    lambda user: {"region": _region_of(user)},
)
navigation.home_for(
    Role.AGENCY_CONTRIBUTOR, "web.agency_work.region_home", lambda u: {"region": _region_of(u)}
)
