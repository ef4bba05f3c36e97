"""Importing a spreadsheet from the browser: upload, read the check, then record.

The first step only checks the file and shows every problem by row and column (and offers
the rows with the problems marked as XLSX); nothing is recorded until the person presses
"Record". A workbook with more than one sheet that could be imported first asks which
(``import_sheet``); a sheet with its own headings is then matched to the template's columns
by the officer (``import_columns``). The checked file, and that choice, travel back in the
confirming form, and the file is checked again as it is recorded.

Every page a form leads to is asked for with a GET (the browser is sent on with a 303), so
Back and Refresh never offer to send the file again: the file being checked (with the columns
chosen for it), and then what an import recorded, wait for their pages sealed in the
partnership's store (``ledger.drafts``), found by a token the session holds.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from flask import Blueprint, Response, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import HiddenField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from api.context import current_user, platform, requires, tenant_ledger
from api.imports.problems import marked_workbook
from api.imports.reading import likely, sheets
from api.imports.run import Outcome, import_sheet
from api.imports.sheets import SPECS, SheetSpec
from api.policy import Permission
from api.web import navigation
from api.web.asked import WordsChosen, asks, empty
from api.web.fields import error_list, in_words
from api.web.import_columns import (
    ChecksFile,
    Matching,
    carried,
    carried_back,
    chosen_columns,
    columns_form,
    ignored,
    matching,
    question,
    template_and_more,
)
from api.web.import_sheet import SheetForm, described, sheet_form
from domain.actionplan import Action
from domain.errors import DomainError
from domain.funding import PooledBudget
from domain.reviews import DomesticHomicideReview

bp = Blueprint("imports", __name__)
LIMIT = 20 * 1024 * 1024
TOO_LARGE = (
    f"The file is larger than {LIMIT // (1024 * 1024)} MB, the most a spreadsheet may be; split "
    "its rows into smaller files and upload each"
)
KINDS = [
    ("cases", "Cases"),
    ("actions", "Actions of the master action plan"),
    ("budget", "A pooled budget's history"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTED = "imported"  # the session's token of what the last import recorded (its confirmation)
CHECKING = "import_checking"  # the session's token of the file being checked, and its columns
LISTED = 50  # records the confirmation names, with how many more


class UploadForm(FlaskForm):
    kind = RadioField(
        "What does the spreadsheet hold?",
        choices=[SelectChoice(value, label) for value, label in KINDS],
        widget=GovRadioInput(),
        validators=[InputRequired("Select what the spreadsheet holds")],
    )
    sheet = FileField(
        "Upload the spreadsheet",
        widget=GovFileInput(),
        description="An XLSX or CSV file: the template, or your own spreadsheet (you will be "
        "asked which of its columns is which). From a workbook with more than one sheet that "
        "could be imported, you will be asked which sheet to import.",
    )
    # the columns and the sheet chosen for the file before, so a corrected copy is not matched
    # again, nor its sheet asked for again while the workbook has a sheet of that name
    columns = HiddenField()
    sheet_name = HiddenField()
    submit = SubmitField("Check the file", widget=GovSubmitInput())


def checked_file_asked(_: Mapping[str, Any]) -> FlaskForm:
    """The checked file's form, as the person saw it, for its answers shown back (``asks``):
    what the spreadsheet holds, the file by its name and, where its columns are chosen, the
    template column each question asks for. The file itself, and the columns chosen earlier,
    travel hidden: they are not answers."""

    class Carried(FlaskForm):
        kind = RadioField(UploadForm.kind.args[0], choices=KINDS)
        filename = StringField("The spreadsheet")
        sheet = StringField("The sheet")
        columns = HiddenField()

    spec = SPECS.get(request.form.get("kind", ""))
    for f in spec.fields if spec else ():
        setattr(Carried, question(f.key), WordsChosen(f.header))  # the sheet's own headings
    return empty(Carried)


def _allow_big_uploads() -> None:
    request.max_content_length = LIMIT
    request.max_form_memory_size = LIMIT * 2  # the checked file comes back base64 in a field


@bp.route("/partnerships/<tenant>/imports", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def upload(tenant: str) -> Any:
    _allow_big_uploads()
    name = platform().registry.tenant(tenant).name
    problem = None
    try:
        form = UploadForm()
    except RequestEntityTooLarge:  # the question again, saying why, not an error page
        form, problem = UploadForm(formdata=None), TOO_LARGE
    if request.method == "GET" and request.args.get("kind") in SPECS:  # a corrected file
        form.kind.data, form.columns.data = request.args["kind"], request.args.get("columns", "")
        form.sheet_name.data = request.args.get("sheet", "")
    if problem is None and form.validate_on_submit():
        upload = request.files.get(form.sheet.name)
        if upload is None or not upload.filename:
            problem = "Select a spreadsheet to upload"
        else:
            data, kind = upload.read(), form.kind.data
            try:
                before = _carried_before(form.columns.data)
                offered = [s.name for s in sheets(data, upload.filename, SPECS[kind])]
                if form.sheet_name.data in offered:  # the sheet chosen for the file before
                    return _onward(
                        tenant, kind, upload.filename, data, before, form.sheet_name.data
                    )
                if len(offered) > 1:  # which sheet is asked first, on its own page
                    checking = Checking(kind, upload.filename, data, before, False, pick=True)
                    return _keep_checking(tenant, checking)
                return _onward(tenant, kind, upload.filename, data, before, None)
            except (DomainError, ValueError) as e:
                problem = str(e)
    errors = (
        error_list(form, problem, form.sheet if problem else None)
        if (form.errors or problem)
        else None
    )
    return _page("imports/upload.html", tenant, name, form=form, errors=errors, kinds=KINDS)


@dataclass(frozen=True)
class Checking:
    """A file being checked: its kind and name, its bytes, the columns it is read through
    (None: its own headings, the template's; while its sheet is asked, those chosen for the
    file before), whether the officer chose them (else the template's columns are read beside
    its own), whether they are still to be asked, the workbook's sheet the officer chose (None:
    the one that can be told) and whether that is still to be asked (``pick``)."""

    kind: str
    filename: str
    data: bytes
    columns: dict[str, str] | None
    chose: bool
    ask: bool = False
    sheet: str | None = None
    pick: bool = False

    def said(self) -> list[tuple[str, str]]:
        yes = {True: "yes", False: ""}
        return [
            ("kind", self.kind),
            ("filename", self.filename),
            ("content", base64.b64encode(self.data).decode()),
            ("columns", carried(self.columns)),
            ("chose", yes[self.chose]),
            ("ask", yes[self.ask]),
            *([("sheet", self.sheet)] if self.sheet is not None else []),
            ("pick", yes[self.pick]),
        ]

    @classmethod
    def of(cls, said: list[tuple[str, str]]) -> Checking:
        facts = dict(said)
        return cls(
            facts["kind"],
            facts["filename"],
            base64.b64decode(facts["content"]),
            carried_back(facts["columns"]),
            bool(facts["chose"]),
            bool(facts["ask"]),
            facts.get("sheet"),
            bool(facts.get("pick")),  # kept before sheets were asked: not asked
        )


def _onward(
    tenant: str,
    kind: str,
    filename: str,
    data: bytes,
    before: dict[str, str] | None,
    sheet: str | None,
) -> Any:
    """On from the file and its sheet to the check of its rows, or to the question of its
    columns; ``before``: the columns chosen for the file it corrects, used if they still fit."""
    spec = SPECS[kind]
    found = matching(data, filename, spec, sheet)
    chosen = _chosen_before(before, found, spec)
    more = None if found.exact or chosen else template_and_more(found, spec)
    ask = not found.exact and chosen is None and more is None
    checking = Checking(kind, filename, data, chosen or more, not more, ask, sheet)
    return _keep_checking(tenant, checking)


def _keep(tenant: str, name: str, said: list[tuple[str, str]]) -> None:
    """Keep ``said`` for this session's page ``name`` (IMPORTED, CHECKING), in place of what
    it kept for it before."""
    with tenant_ledger(tenant) as ledger:
        before = session.pop(name, None)
        if isinstance(before, str):
            ledger.drafts.drop(before)
        session[name] = ledger.drafts.keep(str(current_user().id), said)


def _kept(tenant: str, name: str) -> list[tuple[str, str]] | None:
    token = session.get(name)
    if not isinstance(token, str):
        return None
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.drafts.read(token, str(current_user().id))


def _keep_checking(tenant: str, checking: Checking) -> Any:
    """On to the check of the file (or the question of its columns), asked for with a GET."""
    _keep(tenant, CHECKING, checking.said())
    return redirect(url_for(".checked", tenant=tenant), 303)


@bp.route("/partnerships/<tenant>/imports/check")
@requires(Permission.CASE_RECORD)
def checked(tenant: str) -> Any:
    """The file this session is checking: which of its columns is which, or the check of its
    rows; none: the upload page."""
    name = platform().registry.tenant(tenant).name
    said = _kept(tenant, CHECKING)
    if said is None:
        return redirect(url_for(".upload", tenant=tenant))
    c = Checking.of(said)
    try:
        if c.pick:
            return _sheet_question(tenant, name, c)
        if c.ask:
            found = matching(c.data, c.filename, SPECS[c.kind], c.sheet)
            return _columns(tenant, name, c.kind, c.filename, c.data, found, sheet=c.sheet)
        outcome = import_sheet(
            platform(),
            tenant,
            c.kind,
            c.data,
            c.filename,
            record=False,
            chosen=c.columns,
            sheet=c.sheet,
        )
    except (DomainError, ValueError) as e:
        form = UploadForm(formdata=None, kind=c.kind)
        errors = error_list(form, str(e), form.sheet)
        return _page("imports/upload.html", tenant, name, form=form, errors=errors, kinds=KINDS)
    return _report(tenant, name, outcome, c.kind, c.filename, c.data, c.columns, c.chose, c.sheet)


@bp.route("/partnerships/<tenant>/imports/sheet", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def which_sheet(tenant: str) -> Any:
    """Which sheet of the workbook being checked to import: asked, or asked again (Change)."""
    name = platform().registry.tenant(tenant).name
    said = _kept(tenant, CHECKING)
    if said is None:
        return redirect(url_for(".upload", tenant=tenant))
    c = Checking.of(said)
    try:
        offered = sheets(c.data, c.filename, SPECS[c.kind])
        if len(offered) < 2:  # a CSV, or one sheet that could be: nothing to choose
            return redirect(url_for(".checked", tenant=tenant))
        form = sheet_form(offered)
        if form.validate_on_submit():
            before = c.columns if c.pick else None  # chosen for a file it corrects
            return _onward(tenant, c.kind, c.filename, c.data, before, form.chosen_sheet.data)
    except (DomainError, ValueError) as e:  # the sheet chosen cannot be read
        form = UploadForm(formdata=None, kind=c.kind)
        errors = error_list(form, str(e), form.sheet)
        return _page("imports/upload.html", tenant, name, form=form, errors=errors, kinds=KINDS)
    return _sheet_question(tenant, name, c, form if request.method == "POST" else None, offered)


def _sheet_question(
    tenant: str,
    name: str,
    c: Checking,
    form: SheetForm | None = None,
    offered: list[Any] | None = None,
) -> str:
    """The question 'which sheet do you want to import?', each sheet with what it holds; the
    sheet read now chosen, when it is asked again."""
    offered = sheets(c.data, c.filename, SPECS[c.kind]) if offered is None else offered
    if form is None:
        form = sheet_form(offered, sent=False)
        form.chosen_sheet.data = c.sheet
    errors = error_list(form) if form.errors else None
    return _page(
        "imports/sheet.html",
        tenant,
        name,
        form=form,
        hints=[{"hint": {"text": described(s)}} for s in offered],
        filename=c.filename,
        what=dict(KINDS)[c.kind],
        errors=errors,
    )


def _carried_before(text: str | None) -> dict[str, str] | None:
    """The columns chosen for the file this one corrects, as the upload form carried them."""
    try:
        return carried_back(text)
    except ValueError:
        return None


def _chosen_before(
    before: dict[str, str] | None, found: Matching, spec: SheetSpec
) -> dict[str, str] | None:
    """The columns chosen for the file this one corrects, when they still fit it: the same
    kind of sheet, and every heading chosen is still there. Otherwise None: ask again."""
    heads = {head for head, _ in found.heads}
    if before is None or set(before) != {f.key for f in spec.fields}:
        return None
    if not all(not head or head in heads for head in before.values()):
        return None
    # a column added since under the template's own heading (as a problem asked) is read
    added = likely(spec, tuple(heads - set(before.values())), aliases=False)
    return {key: head or added.get(key, "") for key, head in before.items()}


def _page(template: str, tenant: str, name: str, **context: Any) -> str:
    """An import page of the partnership ``name``, marked as protected."""
    return render_template(
        template, tenant=tenant, tenant_name=name, protective_marking=True, **context
    )


def _columns(
    tenant: str,
    name: str,
    kind: str,
    filename: str,
    data: bytes,
    found: Matching,
    form: FlaskForm | None = None,
    sheet: str | None = None,
) -> str:
    """The question 'which of your columns is which?', for a sheet with its own headings
    (``found``: its headings, read once by the caller)."""
    spec = SPECS[kind]
    form = form or columns_form(spec, found)
    if form.kind.data is None:  # a new question: the file rides along in the form
        form.kind.data, form.filename.data = kind, filename
        form.content.data = base64.b64encode(data).decode()
        form.sheet.data = sheet or ""
    asked = {f.key: form[question(f.key)] for f in spec.fields}
    chosen = {key: field.data or "" for key, field in asked.items()}
    errors = [{"text": q.errors[0], "href": f"#{q.id}"} for q in asked.values() if q.errors]
    return _page(
        "imports/columns.html",
        tenant,
        name,
        form=form,
        spec=spec,
        found=found,
        left_out=ignored(found, chosen),
        filename=filename,
        what=dict(KINDS)[kind],
        errors=errors or None,
    )


@bp.route("/partnerships/<tenant>/imports/columns", methods=["POST"])
@asks(checked_file_asked)
@requires(Permission.CASE_RECORD)
def columns(tenant: str) -> Any:
    """Check the file read through the columns the officer chose for it."""
    _allow_big_uploads()
    name = platform().registry.tenant(tenant).name
    checked = _checked(tenant)
    if isinstance(checked, str):
        return _expired(tenant, name, checked)
    kind, filename, data, _, sheet = checked
    spec = SPECS[kind]
    found = matching(data, filename, spec, sheet)
    form = columns_form(spec, found, request.form)
    chosen = chosen_columns(form, spec)
    if chosen is None:
        return _columns(tenant, name, kind, filename, data, found, form)
    return _keep_checking(tenant, Checking(kind, filename, data, chosen, True, sheet=sheet))


def _expired(tenant: str, name: str, message: str) -> str:
    form, errors = UploadForm(formdata=None), [{"text": message, "href": "#sheet"}]
    return _page("imports/upload.html", tenant, name, form=form, kinds=KINDS, errors=errors)


def _report(
    tenant: str,
    name: str,
    outcome: Outcome,
    kind: str,
    filename: str,
    data: bytes,
    chosen: dict[str, str] | None = None,
    chose: bool = True,
    sheet: str | None = None,
) -> str:
    """``chose``: whether the officer chose ``chosen`` (else the template's columns were read
    beside their own, and a corrected file is read so again without carrying them); ``sheet``:
    the workbook's sheet they chose (a corrected file's is read without asking again)."""
    checked = ChecksFile(
        formdata=None,
        kind=kind,
        filename=filename,
        content=base64.b64encode(data).decode(),
        columns=carried(chosen),
        sheet=sheet or "",
    )
    found = outcome.prepared.sheet
    # as people read dates: "1 March 2025", not the ledger's "2025-03-01"; and each column as
    # the officer's own sheet heads it
    problems = [
        replace(p, message=in_words(p.message), column=found.heading(p.column))
        for p in outcome.prepared.problems
    ]
    errors = [{"text": str(p), "href": f"#problem-{i}"} for i, p in enumerate(problems[:50])]
    # the corrected file is of the same kind, and read through the same columns if chosen
    same: dict[str, Any] = {"columns": carried(chosen)} if chosen and chose else {}
    if sheet:
        same["sheet"] = sheet
    again = url_for("web.imports.upload", tenant=tenant, kind=kind, **same)
    return _page(
        "imports/report.html",
        tenant,
        name,
        upload_again=again,
        chose=chose,
        sheet_chosen=bool(sheet),
        outcome=outcome,
        prepared=outcome.prepared,
        problems=problems,
        checked=checked,
        kind=kind,
        filename=filename,
        what=dict(KINDS)[kind],
        errors=errors or None,
        read_as=[
            (found.heading(f.header), f.header)
            for f in SPECS[kind].fields
            if f.key in found.columns and found.heading(f.header) != f.header
        ],
    )


def _checked(tenant: str) -> tuple[str, str, bytes, dict[str, str] | None, str | None] | str:
    """The file (and choice of columns and sheet) the form carried back, or why it cannot be
    used."""
    _allow_big_uploads()
    form = ChecksFile()
    if not form.validate_on_submit() or form.kind.data not in SPECS:
        return "This form expired or was sent from elsewhere. Upload the file again."
    try:
        return (
            form.kind.data,
            form.filename.data or "sheet.xlsx",
            base64.b64decode(form.content.data or "", validate=True),
            carried_back(form.columns.data),
            form.sheet.data or None,
        )
    except (binascii.Error, ValueError):
        return "The checked file did not come back intact. Upload the file again."


@bp.route("/partnerships/<tenant>/imports/record", methods=["POST"])
@asks(checked_file_asked)
@requires(Permission.CASE_RECORD)
def record(tenant: str) -> Any:
    name = platform().registry.tenant(tenant).name
    checked = _checked(tenant)
    if isinstance(checked, str):
        return _expired(tenant, name, checked)
    kind, filename, data, chosen, sheet = checked
    outcome = import_sheet(platform(), tenant, kind, data, filename, chosen=chosen, sheet=sheet)
    if outcome.refused:  # someone recorded meanwhile, or the file was changed
        return _report(tenant, name, outcome, kind, filename, data, chosen, sheet=sheet)
    prepared = outcome.prepared
    made = [
        (KIND_OF[type(a)], str(a.id)) for a in prepared.aggregates.values() if type(a) in KIND_OF
    ]
    said = [("kind", kind), ("filename", filename), ("new", str(prepared.new))]
    said += [("already", str(prepared.already)), *made]
    _keep(tenant, IMPORTED, said)
    checking = session.pop(CHECKING, None)  # recorded: the file no longer waits to be checked
    if isinstance(checking, str):
        with tenant_ledger(tenant) as ledger:
            ledger.drafts.drop(checking)
    return redirect(url_for(".imported", tenant=tenant), 303)


@bp.route("/partnerships/<tenant>/imports/done")
@requires(Permission.CASE_RECORD)
def imported(tenant: str) -> Any:
    """What the last import of this session recorded; none: the upload page."""
    said = _kept(tenant, IMPORTED)
    if said is None:
        return redirect(url_for(".upload", tenant=tenant))
    with tenant_ledger(tenant, writing=False) as ledger:
        facts = dict(said)  # kind, filename, new, already (each once)
        made = [(k, i) for k, i in said if k in RECORD_OF]
        recorded = [_named(tenant, ledger, k, UUID(i)) for k, i in made[:LISTED]]
    kind = facts["kind"]
    return _page(
        "imports/done.html",
        tenant,
        platform().registry.tenant(tenant).name,
        prepared={"new": int(facts["new"]), "already": int(facts["already"])},
        what=dict(KINDS)[kind],
        filename=facts["filename"],
        recorded=recorded,
        more=len(made) - len(recorded),
        rows=SEE[kind][0],
        see=url_for(SEE[kind][1], tenant=tenant),
        see_name=SEE[kind][2],
    )


# where an import's records are seen afterwards: the register, the plan or the money page
SEE = {
    "cases": ("cases", "web.cases.register", "Cases"),
    "actions": ("actions", "web.actions.plan", "Action plan"),
    "budget": ("budget lines", "web.partnership_money.index", "Money"),
}


# the records an import starts, as its confirmation names them: a word for each type, kept
KIND_OF: dict[type, str] = {DomesticHomicideReview: "case", Action: "action", PooledBudget: "pot"}
RECORD_OF = {word: kind for kind, word in KIND_OF.items()}


def _named(tenant: str, ledger: Any, kind: str, record: UUID) -> tuple[str, str]:
    """A case, action or pooled budget the import recorded, with its page, so the officer can
    open what they brought in (the registers it also updates are not listed)."""
    if kind == "case":
        case = ledger.reviews.get(record)
        page = url_for("web.case.case_page", tenant=tenant, review=record)
        return f"{case.reference} ({case.pseudonym})", page
    if kind == "action":
        page = url_for("web.actions.action_page", tenant=tenant, action=record)
        return ledger.actions.get(record).description, page
    page = url_for("web.partnership_money.pot", tenant=tenant, pool=record)
    return ledger.pooled.get(record).name, page


@bp.route("/partnerships/<tenant>/imports/problems.xlsx", methods=["POST"])
@asks(checked_file_asked)
@requires(Permission.CASE_RECORD)
def problems(tenant: str) -> Any:
    checked = _checked(tenant)
    if isinstance(checked, str):
        return Response(checked, status=400, mimetype="text/plain")
    kind, filename, data, chosen, sheet = checked
    outcome = import_sheet(
        platform(), tenant, kind, data, filename, record=False, chosen=chosen, sheet=sheet
    )
    out = Response(
        marked_workbook(outcome.prepared.sheet, outcome.prepared.problems, data), mimetype=XLSX
    )
    out.headers["Content-Disposition"] = f'attachment; filename="{kind}-problems.xlsx"'
    return out


navigation.section(
    "Import spreadsheets",
    "web.imports.upload",
    navigation.PARTNERSHIP_STAFF,
    navigation.own_partnership,
    order=60,
)
