"""A case's documents in the browser: the list, one document's versions with download links,
and GOV.UK file-upload forms for a new document and a new version.

Titles and file names may name people, so the list and the downloads are for officers and
leads only and every view and download is logged, as the API's are. A refused file (wrong
type, too big, the same as the latest version) is named in the error summary; nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
)
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired

from api.context import current_user, may, platform, requires
from api.documents_upload import allow_document_upload, max_bytes, send_version
from api.policy import Permission
from api.web.agency_choices import agency_names
from api.web.fields import error_list, select, text
from domain.calendar import uk_today
from domain.documents.content import ALLOWED
from domain.errors import DomainError
from tenants.ledger import PartnershipLedger

T = TypeVar("T")
bp = Blueprint("documents", __name__, url_prefix="/partnerships/<tenant>/cases/<uuid:review>")
KINDS = [
    ("overview_report_draft", "Overview report draft"),
    ("executive_summary", "Executive summary"),
    ("qa_letter", "Quality assurance letter"),
    ("imr", "Individual Management Review"),
    ("action_evidence", "Evidence for an action"),
    ("other", "Something else"),
]
WORDS = dict(KINDS)


class NewDocumentForm(FlaskForm):
    kind = RadioField(
        "What is it?",
        choices=KINDS,
        widget=GovRadioInput(),
        validators=[InputRequired("Select what the document is")],
    )
    title = text(
        "Title",
        "Enter the document's title",
        "For example 'Overview report, draft 3'.",
        200,
        named="The title",
    )
    action = select(
        "Action it is evidence for", hint="Only for evidence for an action.", validate_choice=False
    )
    document = FileField("Upload the document", widget=GovFileInput())
    submit = SubmitField("Upload the document", widget=GovSubmitInput())


class NewVersionForm(FlaskForm):
    document = FileField("Upload a new version", widget=GovFileInput())
    submit = SubmitField("Upload the new version", widget=GovSubmitInput())


def _logged(tenant: str) -> None:
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)


def _page(template: str, tenant: str, case: Any, **context: Any) -> str:
    """A page about the documents of ``case``: what they are, who may add one, what was done."""
    return render_template(
        template,
        tenant=tenant,
        case=case,
        words=WORDS,
        can_record=may(Permission.CASE_RECORD),
        agency_name=agency_names(tenant),  # whose IMR report an agency's own upload is
        done=request.args.get("done"),
        protective_marking=True,
        **context,
    )


def _hint() -> str:
    return f"{ALLOWED}, at most {max_bytes() // (1024 * 1024)} MB."


def _stored(tenant: str, store: Callable[[PartnershipLedger, bytes, str], T]) -> T | str:
    """What ``store`` returns for the uploaded file, or why nothing was kept, in words."""
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return "Select the document to upload"
    content = upload.read(max_bytes() + 1)
    try:
        with platform().ledgers.lease(tenant) as ledger:
            return store(ledger, content, upload.filename)
    except DomainError as refused:
        return str(refused)
    except IntegrityError:  # another upload to the case was saved first; nothing was kept
        return "Someone else added a document to this case at the same moment. Upload it again"


def _form(kind: type[FlaskForm]) -> tuple[FlaskForm, str | None]:
    allow_document_upload()
    try:
        return kind(), None
    except RequestEntityTooLarge:
        return kind(formdata=None), (
            f"The file is larger than {max_bytes() // (1024 * 1024)} MB, the most a document "
            "may be; reduce it or split it"
        )


@bp.route("/documents")
@requires(Permission.PERSONAL_DATA)
def listing(tenant: str, review: UUID) -> Any:
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        documents = ledger.documents.of_case(review)
    _logged(tenant)
    return _page("documents/list.html", tenant, case, documents=documents)


@bp.route("/documents/new", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def add(tenant: str, review: UUID) -> Any:
    form, problem = _form(NewDocumentForm)
    assert isinstance(form, NewDocumentForm)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        actions = [
            a
            for r in ledger.recommendations.of_review(review)
            for a in ledger.actions.of_recommendation(r.id)
        ]
    owner = agency_names(tenant)
    form.action.choices = [("", "Not evidence for an action")] + [
        (str(a.id), f"{owner(a.owner)}: {a.description[:80]}") for a in actions
    ]
    if problem is None and form.validate_on_submit():
        action = UUID(form.action.data) if form.action.data else None
        kind, title = form.kind.data or "", (form.title.data or "").strip()
        number = _stored(
            tenant,
            lambda lg, content, name: lg.documents.add(
                review, kind, title, name, content, uk_today(), max_bytes(), action
            ),
        )
        if isinstance(number, str):
            problem = number
        else:
            return redirect(
                url_for(".one", tenant=tenant, review=review, number=number, done="added")
            )
    errors = error_list(form, problem, form.document if problem else None)
    return _page("documents/new.html", tenant, case, form=form, errors=errors, hint=_hint())


@bp.route("/documents/<int:number>")
@requires(Permission.PERSONAL_DATA)
def one(tenant: str, review: UUID, number: int) -> Any:
    """One document's versions, each with its download link and digest."""
    return _document_page(tenant, review, number, NewVersionForm(), None)


@bp.route("/documents/<int:number>/versions", methods=["POST"])
@requires(Permission.CASE_RECORD)
def add_version(tenant: str, review: UUID, number: int) -> Any:
    """Upload the next version; a refusal shows the document page with the reason."""
    form, problem = _form(NewVersionForm)
    if problem is None and form.validate_on_submit():
        version = _stored(
            tenant,
            lambda lg, content, name: lg.documents.add_version(
                review, number, name, content, uk_today(), max_bytes()
            ),
        )
        if isinstance(version, str):
            problem = version
        else:
            return redirect(
                url_for(".one", tenant=tenant, review=review, number=number, done="version")
            )
    return _document_page(tenant, review, number, form, problem)


def _document_page(
    tenant: str, review: UUID, number: int, form: FlaskForm, problem: str | None
) -> Any:
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        document = ledger.documents.get(review, number)
    _logged(tenant)
    errors = error_list(form, problem, form.document) if problem or form.errors else None
    return _page(
        "documents/one.html",
        tenant,
        case,
        form=form,
        document=document,
        errors=errors,
        hint=_hint(),
    )


@bp.route("/documents/<int:number>/versions/<int:version>")
@requires(Permission.PERSONAL_DATA)
def download(tenant: str, review: UUID, number: int, version: int) -> Any:
    """The version's file; the download is logged before it is sent."""
    return send_version(tenant, review, number, version)
