"""A case's documents in the browser: the list, one document's versions with download links,
and GOV.UK file-upload forms for a new document and a new version.

Titles and file names may name people, so the list and the downloads are for officers and
leads only and every view and download is logged, as the API's are. A refused file (wrong
type, too big, the same as the latest version) is named in the error summary; nothing is kept.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from api.context import current_user, platform, requires
from api.documents_upload import allow_document_upload, max_bytes, send_version
from api.policy import Decision, Permission, decide
from api.web.fields import error_list
from domain.calendar import uk_today
from domain.documents.content import ALLOWED
from domain.errors import DomainError

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
    title = StringField(
        "Title",
        widget=GovTextInput(),
        description="For example 'Overview report, draft 3'.",
        validators=[
            InputRequired("Enter the document's title"),
            Length(max=200, message="The title must be 200 characters or fewer"),
        ],
    )
    action = SelectField(
        "Action it is evidence for",
        widget=GovSelect(),
        description="Only for evidence for an action.",
        validate_choice=False,
    )
    document = FileField("Upload the document", widget=GovFileInput())
    submit = SubmitField("Upload the document", widget=GovSubmitInput())


class NewVersionForm(FlaskForm):
    document = FileField("Upload a new version", widget=GovFileInput())
    submit = SubmitField("Upload the new version", widget=GovSubmitInput())


def _logged(tenant: str) -> None:
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)


def _hint() -> str:
    return f"{ALLOWED}, at most {max_bytes() // (1024 * 1024)} MB."


def _file() -> tuple[bytes, str] | str:
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return "Select the document to upload"
    return upload.read(max_bytes() + 1), upload.filename


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
    return render_template(
        "documents/list.html",
        tenant=tenant,
        case=case,
        documents=documents,
        words=WORDS,
        can_record=decide(g.user, Permission.CASE_RECORD, True) == Decision.ALLOW,
        done=request.args.get("done"),
        protective_marking=True,
    )


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
    form.action.choices = [("", "Not evidence for an action")] + [
        (str(a.id), f"{a.owner}: {a.description[:80]}") for a in actions
    ]
    if problem is None and form.validate_on_submit():
        upload = _file()
        if isinstance(upload, str):
            problem = upload
        else:
            try:
                with platform().ledgers.lease(tenant) as ledger:
                    number = ledger.documents.add(
                        review,
                        form.kind.data or "",
                        (form.title.data or "").strip(),
                        upload[1],
                        upload[0],
                        uk_today(),
                        max_bytes(),
                        UUID(form.action.data) if form.action.data else None,
                    )
            except DomainError as refused:
                problem = str(refused)
            else:
                return redirect(
                    url_for(".one", tenant=tenant, review=review, number=number, done="added")
                )
    errors = error_list(form, problem, form.document if problem else None)
    return render_template(
        "documents/new.html",
        form=form,
        tenant=tenant,
        case=case,
        errors=errors,
        hint=_hint(),
        protective_marking=True,
    )


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
        upload = _file()
        if isinstance(upload, str):
            problem = upload
        else:
            try:
                with platform().ledgers.lease(tenant) as ledger:
                    ledger.documents.add_version(
                        review, number, upload[1], upload[0], uk_today(), max_bytes()
                    )
            except DomainError as refused:
                problem = str(refused)
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
    return render_template(
        "documents/one.html",
        form=form,
        tenant=tenant,
        case=case,
        document=document,
        words=WORDS,
        errors=errors,
        can_record=decide(g.user, Permission.CASE_RECORD, True) == Decision.ALLOW,
        hint=_hint(),
        done=request.args.get("done"),
        protective_marking=True,
    )


@bp.route("/documents/<int:number>/versions/<int:version>")
@requires(Permission.PERSONAL_DATA)
def download(tenant: str, review: UUID, number: int, version: int) -> Any:
    """The version's file; the download is logged before it is sent."""
    return send_version(tenant, review, number, version)
