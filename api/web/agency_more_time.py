"""An agency asks for more time for its IMR: the date it proposes and why, then its answers to
check, then a confirmation saying who decides and what happens next. The routes join
``agency_work``'s blueprint.

Only the panel extends an IMR; the request is recorded on the case (``ImrExtensionAsked``) so
the officer sees it waiting and the agency sees the answer on its IMR page. As on the case's
step pages (``api.web.steps``), the answers wait for the check page sealed in the tenant's
store (``ledger.drafts``), never in the session cookie: the session holds only the token.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast
from uuid import UUID

from flask import redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from werkzeug.datastructures import MultiDict
from wtforms import SubmitField

from api.context import current_user, platform, requires
from api.policy import Permission
from api.refusals import lead_named
from api.web.agency_choices import agencies_named
from api.web.agency_work import BASE, _work, bp
from api.web.fields import FormPage, GovDate, field_for, long_text
from api.web.steps import forget_draft, keep_draft, kept_draft
from domain.calendar import uk_today
from domain.reviews.checks import NOTE
from tenants.ledger.agency_work import AgencyImr

PAGE = BASE + "/cases/<uuid:review>/imr/more-time"
SENT = ("due_on", "reason")  # the answers a check page carries back


class MoreTimeForm(FlaskForm):
    due_on = GovDate("Date you propose", "the date you propose")
    reason = long_text(
        "Why you need more time",
        "Enter why you need more time",
        "The panel reads this when it decides. Say what is holding the IMR up; do not name "
        "the people in the case.",
        NOTE,
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


def _draft(review: UUID) -> str:
    return f"agency-more-time:{review}"


def _answers() -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.form.items(multi=True) if k in SENT]


def _context(tenant: str, found: AgencyImr) -> dict[str, Any]:
    due = found.imr.current_due_on
    later = due + timedelta(days=28) if due else None  # the hint's example: a date it could be
    return {
        "tenant": tenant,
        "found": found,
        "example": f"{later.day} {later.month} {later.year}" if later else "",
        "partnership": platform().registry.recent_tenant(tenant).name,
        "lead": lead_named(platform().access, tenant),  # who decides, by name
        "protective_marking": True,
    }


def _named(problem: str | None, tenant: str) -> str | None:
    """The agency by its name, not its directory key, in a refusal."""
    return agencies_named(problem, tenant, [current_user().agency]) if problem else problem


@bp.route(PAGE, methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def more_time(tenant: str, review: UUID) -> Any:
    """Ask for more time: the date proposed and why. Answers the ledger would take go on to
    be checked; one it would refuse (a date not after the due date) is said beside its box."""
    today = uk_today()
    kept = kept_draft(tenant, _draft(review)) if request.method == "GET" else None
    form = MoreTimeForm(formdata=MultiDict(kept)) if kept else MoreTimeForm()
    with _work(tenant) as work:
        found = work.imr(review, today)
    page = FormPage(form, lambda problem: field_for(form, problem) or form.reason)
    if page.submitted():
        with page.refusals():
            with _work(tenant) as work:
                due_on = cast(date, form.due_on.data)
                work.check_more_time(review, due_on, form.reason.data or "", today)
            keep_draft(tenant, _draft(review), _answers())
            return redirect(url_for(".more_time_check", tenant=tenant, review=review), 303)
        page.problem = _named(page.problem, tenant)
    return page.render("agency_work/more_time.html", **_context(tenant, found))


@bp.route(PAGE + "/check", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def more_time_check(tenant: str, review: UUID) -> Any:
    """GET: the answers kept, to check (none kept: the question page). POST: send the request
    with the answers the page carried back, checked again as the question page checks them."""
    today = uk_today()
    with _work(tenant) as work:
        found = work.imr(review, today)
    if request.method == "GET":
        kept = kept_draft(tenant, _draft(review))
        if kept is None:
            return redirect(url_for(".more_time", tenant=tenant, review=review))
        form = MoreTimeForm(formdata=MultiDict(kept), meta={"csrf": False})
        form.validate()
        return _checking(tenant, found, form, kept)
    form = MoreTimeForm()
    page = FormPage(form, lambda problem: field_for(form, problem) or form.reason)
    if page.submitted():
        with page.refusals():
            with _work(tenant, writing=True) as work:
                due_on = cast(date, form.due_on.data)
                work.ask_for_more_time(review, due_on, form.reason.data or "", today)
            forget_draft(tenant, _draft(review))
            return redirect(url_for(".more_time_sent", tenant=tenant, review=review))
        page.problem = _named(page.problem, tenant)
    # refused (asked already in another tab, say): the question page, with the answers as sent
    action = url_for(".more_time", tenant=tenant, review=review)
    return page.render("agency_work/more_time.html", action=action, **_context(tenant, found))


def _checking(
    tenant: str, found: AgencyImr, form: MoreTimeForm, kept: list[tuple[str, str]]
) -> Any:
    change = url_for(".more_time", tenant=tenant, review=found.review_id)
    return render_template(
        "agency_work/more_time_check.html",
        form=form,
        carried=kept,
        confirm=FlaskForm(),  # a fresh CSRF token for the answers carried back
        change=change,
        **_context(tenant, found),
    )


@bp.route(PAGE + "/sent")
@requires(Permission.AGENCY_WORK)
def more_time_sent(tenant: str, review: UUID) -> Any:
    """The confirmation: who decides, and that the IMR stays due until they agree."""
    with _work(tenant) as work:
        found = work.imr(review, uk_today())
    if found.imr.open_extension_request is None:  # answered since, or never sent
        return redirect(url_for(".imr", tenant=tenant, review=review))
    return render_template("agency_work/more_time_sent.html", **_context(tenant, found))
