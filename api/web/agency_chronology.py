"""An agency's chronology entries for a case, one at a time: each added entry brings the form
back empty for the next, with how many the agency has given so far, until it goes on to send
its IMR. Or all at once from a spreadsheet: the officers' import (the same template, checks
and problems by row), on a template whose Agency column takes only the agency's own IMR, so
each entry is recorded as from that agency. The routes join ``agency_work``'s blueprint.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, cast
from uuid import UUID

from flask import Response, redirect, render_template, request, url_for

from api.context import requires
from api.imports.chronology import Checked, agency_spec, check_sheet
from api.imports.problems import Problem
from api.imports.sheets import SheetSpec
from api.imports.template import template_xlsx
from api.policy import Permission
from api.web.agency_work import BASE, _agency_name, _ask, _work, bp
from api.web.asked import asks
from api.web.chronology import EntryForm
from api.web.chronology_upload import XLSX, SheetForm, checked_upload, sheet_form
from api.web.fields import error_list
from domain.calendar import uk_today
from tenants.ledger.agency_work import AgencyImr, AgencyWork


class AgencyEntryForm(EntryForm):
    agency = None  # always the user's own agency


@bp.route(BASE + "/cases/<uuid:review>/chronology", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def entry(tenant: str, review: UUID) -> Any:
    """Add one of the agency's chronology entries to the case's merged chronology."""
    today, form = uk_today(), AgencyEntryForm()

    def load(work: AgencyWork) -> tuple[AgencyImr, int]:
        return work.imr(review, today), work.entries_given(review, today)

    def record(work: AgencyWork) -> None:
        at = (form.occurred_at.data or "").strip()
        work.submit_chronology_entry(
            review,
            cast(date, form.occurred_on.data),
            time.fromisoformat(at.zfill(5)) if at else None,
            form.what_happened.data or "",
            form.source.data or "",
            today,
        )

    return _ask(
        tenant,
        form,
        load,
        record,
        "entry",
        onward=url_for(".entry", tenant=tenant, review=review, done="entry"),
        done=request.args.get("done"),
    )


def _own_template(work: AgencyWork, review: UUID, today: date) -> SheetSpec:
    """The agency's template for a case it was asked on ("Page not found" otherwise): its
    IMR's agency, as recorded, the one value its Agency column takes."""
    return agency_spec(work.imr(review, today).imr.agency, _agency_name(work.directory))


@bp.route(BASE + "/cases/<uuid:review>/chronology/template.xlsx")
@requires(Permission.AGENCY_WORK)
def chronology_template(tenant: str, review: UUID) -> Any:
    """The chronology template for the agency's own entries."""
    with _work(tenant) as work:
        template = _own_template(work, review, uk_today())
    out = Response(template_xlsx(template), mimetype=XLSX)
    out.headers["Content-Disposition"] = 'attachment; filename="chronology-template.xlsx"'
    return out


@bp.route(BASE + "/cases/<uuid:review>/chronology/upload", methods=["GET", "POST"])
@asks(SheetForm)
@requires(Permission.AGENCY_WORK)
def chronology_upload(tenant: str, review: UUID) -> Any:
    """Upload the agency's chronology entries from a spreadsheet, checked whole."""
    form, problem = sheet_form()
    today, problems = uk_today(), list[Problem]()
    with _work(tenant) as work:
        found = work.imr(review, today)
    if problem is None and form.validate_on_submit():

        def check(data: bytes, filename: str) -> Checked:
            with _work(tenant, writing=True) as work:
                template = _own_template(work, review, today)
                return check_sheet(
                    work.ledger, review, data, filename, today, record=True, template=template
                )

        problem, problems = checked_upload(tenant, form, [found.imr.agency], check)
        if problem is None:
            return redirect(url_for(".entry", tenant=tenant, review=review, done="sheet"))
    return render_template(
        "agency_work/chronology_upload.html",
        tenant=tenant,
        found=found,
        form=form,
        errors=error_list(form, problem, form.sheet if problem else None) or None,
        problems=problems,
        protective_marking=True,
    )
