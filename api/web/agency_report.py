"""An agency's IMR report, uploaded on its IMR page rather than emailed, and its own uploads
downloaded again. The routes join ``agency_work``'s blueprint.

The file goes through the officers' document upload (``api.web.documents``: the same accepted
types, size limit and checks, a refusal in the error summary with nothing kept) into the
case's documents, recorded as the agency's. ``AgencyWork`` answers only the agency's own
uploads, so another agency's report and the case's other documents are "Page not found".
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import SubmitField

from api.context import current_user, platform, requires
from api.documents_upload import max_bytes, sent
from api.policy import Permission
from api.web.agency_work import BASE, _directory, _work, bp
from api.web.documents import _form, _hint, _stored
from api.web.fields import error_list
from domain.calendar import uk_today
from tenants.ledger.agency_work import AgencyWork


class ReportForm(FlaskForm):
    document = FileField("The report file", widget=GovFileInput())  # named as ``_stored`` reads
    submit = SubmitField("Upload the report", widget=GovSubmitInput())


@bp.route(BASE + "/cases/<uuid:review>/imr/report", methods=["GET", "POST"])
@requires(Permission.AGENCY_WORK)
def report(tenant: str, review: UUID) -> Any:
    """Upload the agency's IMR report (again, as its next version, once revised)."""
    form, problem = _form(ReportForm)  # before anything reads the request's body
    today = uk_today()
    with _work(tenant) as work:
        found, mine = work.imr(review, today), work.reports(review, today)
    if problem is None and form.validate_on_submit():
        directory = _directory(platform().registry.recent_tenant(tenant).region)
        agency = current_user().agency
        version = _stored(
            tenant,
            lambda ledger, content, name: AgencyWork(ledger, directory, agency).attach_report(
                review, name, content, today, max_bytes()
            ),
        )
        if isinstance(version, str):
            problem = version
        else:
            return redirect(url_for(".imr", tenant=tenant, review=review, done="report"))
    errors = error_list(form, problem, form.document) if problem or form.errors else None
    return render_template(
        "agency_work/report.html",
        tenant=tenant,
        partnership=platform().registry.recent_tenant(tenant).name,
        found=found,
        reports=mine,
        form=form,
        errors=errors,
        hint=_hint(),
        protective_marking=True,
    )


@bp.route(BASE + "/cases/<uuid:review>/documents/<int:number>/versions/<int:version>")
@requires(Permission.AGENCY_WORK)
def report_download(tenant: str, review: UUID, number: int, version: int) -> Any:
    """A version of one of the agency's own uploads; the download is logged before it is sent."""
    with _work(tenant) as work:
        info, content = work.report_file(review, number, version, uk_today())
    return sent(tenant, info, content, number, version, digest=False)
