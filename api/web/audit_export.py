"""The auditor's export: a partnership's audit bundle, downloaded from the browser.

The same bundle as ``ledger audit export`` and the API's ``.../audit/bundle``; the download is
recorded in the auditor's read log as a download once written (the page itself as a page
viewed) and beside the partnership's seals.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from api.context import current_user, logs_its_own_read, platform, requires
from api.file_names import audit_bundle_name
from api.names import actor_name
from api.policy import Permission
from api.web import navigation
from api.web.fields import GovDate, error_list
from domain.calendar import uk_today
from domain.errors import NotFoundError
from tenants.bundles.logging import export_bundle
from tenants.users import Role

bp = Blueprint("audit_export", __name__)

navigation.section(
    "Audit bundles", "web.audit_export.index", {Role.AUDITOR}, lambda _: {}, order=30
)


class ExportForm(FlaskForm):
    since = GovDate(
        "Only events recorded from",
        what="the first day to export",
        optional=True,
        description="Leave empty for the whole history (needed to check it from the first event).",
    )
    submit = SubmitField("Download the audit bundle", widget=GovSubmitInput())


@bp.route("/audit-bundles")
@requires(Permission.SIGNED_IN)
def index() -> Any:
    """The partnerships the auditor's grant covers, each with its export page."""
    user = current_user()
    if user.role != Role.AUDITOR:
        abort(403)
    registry = platform().registry
    granted = [
        t
        for t in registry.tenants()
        if t.status != "offboarded" and (t.slug in user.tenants or t.region in user.regions)
    ]
    return render_template("audit_export/index.html", tenants=granted)


@bp.route("/partnerships/<tenant>/audit-bundle")
@requires(Permission.AUDIT_EXPORT)
def export(tenant: str) -> Any:
    """Describe the bundle; the guard logs this as the page, viewed."""
    return _page(tenant, ExportForm())


@bp.route("/partnerships/<tenant>/audit-bundle/download", methods=["POST"])
@requires(Permission.AUDIT_EXPORT)
@logs_its_own_read
def download(tenant: str) -> Any:
    """Send the bundle as a zip, logged in the auditor's read log as a download only once it is
    written; a form sent back with an error is logged as the page it shows again."""
    form, region = ExportForm(), platform().registry.tenant(tenant).region
    user = current_user()
    future = form.validate_on_submit() and form.since.data and form.since.data > uk_today()
    if not form.validate_on_submit() or future:
        page = url_for("web.audit_export.export", tenant=tenant)
        platform().access.record_audit_read(user.id, page, tenant, region)
        return _page(tenant, form, _FUTURE.format(today=uk_today()) if future else None)
    exported_for = f"auditor:{user.name}"
    buffer = io.BytesIO()
    done = export_bundle(platform(), tenant, buffer, exported_for, form.since.data)
    platform().access.record_audit_read(user.id, request.path, tenant, region)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/zip",
        as_attachment=True,
        download_name=audit_bundle_name(tenant, form.since.data, done),
    )


_FUTURE = (
    "The first day to export must be today ({today:%-d %-m %Y}) or earlier: nothing is "
    "recorded after today. Leave it empty for the whole history"
)


def _page(tenant: str, form: ExportForm, problem: str | None = None) -> Any:
    return render_template(
        "audit_export/export.html",
        tenant=tenant,
        name=platform().registry.tenant(tenant).name,
        form=form,
        exports=platform().audit.exports(tenant),
        errors=error_list(form, problem, form.since if problem else None),
        exported_for=exported_for,
    )


def exported_for(recorded: str) -> str:
    """Whom a bundle was taken for, as people know them: an auditor by name and user name
    ("Mark Ellis (demo-auditor)", as the read log keeps them), not "auditor:demo-auditor"."""
    kind, _, name = recorded.partition(":")
    if kind == "auditor" and name:
        try:
            return platform().access.user(name).shown_with_name
        except NotFoundError:
            return name  # a user since removed: their user name, as recorded
    return actor_name(recorded)
