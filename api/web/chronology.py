"""A case's merged chronology in the browser: the panel's merged view, and a form for an
agency's entry. The merged view is personal data: officers and leads only, every view logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any, cast
from uuid import UUID

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from api.chronology_export import XLSX, filename, workbook
from api.context import current_user, platform, requires
from api.papers import chronology as chronology_pdf
from api.policy import Permission
from api.web.agency_choices import agencies_named, agency_names
from api.web.fields import (
    FormPage,
    GovDate,
    long_text,
    select,
    text,
    text_input,
)
from domain.calendar import uk_today
from domain.chronology import Gap
from domain.errors import DomainError

bp = Blueprint("chronology", __name__, url_prefix="/partnerships/<tenant>/cases")
HH_MM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _time(_: Any, field: Any) -> None:
    if (field.data or "").strip() and not HH_MM.fullmatch(field.data.strip()):
        raise ValidationError("Enter the time as hours and minutes, for example 14:30")


class EntryForm(FlaskForm):
    agency = select("Agency", InputRequired("Select the agency whose record this is"))
    occurred_on = GovDate("Date it happened", "what happened")
    occurred_at = text_input(
        "Time, if known",
        _time,
        hint="24-hour clock, for example 14:30. Leave blank if the record has no time.",
    )
    what_happened = long_text("What happened", "Enter what happened", max_length=4000)
    source = text(
        "Source document",
        "Enter the source document",
        "The record this comes from, for example 'GP record, consultation note'.",
        300,
    )
    submit = SubmitField("Add the entry", widget=GovSubmitInput())


class KeyForm(FlaskForm):
    number = HiddenField()
    key = HiddenField()


def _logged(tenant: str) -> None:
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)


def _gap_days() -> int:
    try:
        return max(1, min(3650, int(request.args.get("gap_days", "90"))))
    except ValueError:
        return 90


def _merged_file(
    tenant: str, review: UUID, render: Callable[[Any, Any, int], tuple[bytes, str, str]]
) -> Any:
    """The merged chronology as a file, ``render(case, chronology, gap_days)`` giving its bytes,
    type and name; the download is logged as a read. Back to the page if it cannot be merged."""
    gap_days = _gap_days()
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        try:
            found = ledger.chronology.merged(review, gap_days)
        except DomainError:
            return redirect(url_for(".merged", tenant=tenant, review=review))
    _logged(tenant)
    body, mimetype, name = render(case, found, gap_days)
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/<uuid:review>/chronology.xlsx")
@requires(Permission.PERSONAL_DATA)
def download(tenant: str, review: UUID) -> Any:
    """The merged chronology as a spreadsheet; the download is logged as a read."""
    return _merged_file(
        tenant,
        review,
        lambda case, found, gap_days: (
            workbook(case, found, gap_days, uk_today(), agency_names(tenant)),
            XLSX,
            filename(case),
        ),
    )


@bp.route("/<uuid:review>/chronology.pdf")
@requires(Permission.PERSONAL_DATA)
def download_pdf(tenant: str, review: UUID) -> Any:
    """The merged chronology as a PDF, key entries and gaps marked; logged as a read."""

    def pdf(case: Any, found: Any, gap_days: int) -> tuple[bytes, str, str]:
        name = platform().registry.tenant(tenant).name
        names = agency_names(tenant)
        body = chronology_pdf.to_pdf(case, found, gap_days, uk_today(), name, names)
        return body, chronology_pdf.PDF, chronology_pdf.filename(case)

    return _merged_file(tenant, review, pdf)


@bp.route("/<uuid:review>/chronology")
@requires(Permission.PERSONAL_DATA)
def merged(tenant: str, review: UUID) -> Any:
    """The merged chronology, with gaps longer than ``gap_days`` (default 90) shown."""
    gap_days = _gap_days()
    problem = None
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        try:
            chronology = ledger.chronology.merged(review, gap_days)
        except DomainError as refused:
            chronology, problem = None, str(refused)
    _logged(tenant)
    return render_template(
        "chronology/merged.html",
        tenant=tenant,
        case=case,
        chronology=chronology,
        problem=problem,
        gap_days=gap_days,
        is_gap=lambda row: isinstance(row, Gap),
        agencies=agency_names(tenant),  # recorded as directory keys, read by the body's name
        key_form=KeyForm(),
        done=request.args.get("done"),
        protective_marking=True,
    )


@bp.route("/<uuid:review>/chronology/entries", methods=["GET", "POST"])
@requires(Permission.CASE_RECORD)
def add(tenant: str, review: UUID) -> Any:
    """One agency's entry; the agency must have been asked for an IMR."""
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    form = EntryForm()
    names = agency_names(tenant)
    form.agency.choices = [("", "Select an agency")] + [
        (i.agency, names(i.agency)) for i in case.imrs
    ]
    page = FormPage(form)
    if page.submitted():
        at = (form.occurred_at.data or "").strip()
        with page.refusals():
            with platform().ledgers.lease(tenant) as ledger:
                ledger.chronology.submit(
                    review,
                    form.agency.data or "",
                    cast(date, form.occurred_on.data),  # required: validated above
                    time.fromisoformat(at.zfill(5)) if at else None,
                    (form.what_happened.data or "").strip(),
                    (form.source.data or "").strip(),
                    uk_today(),
                )
            return redirect(url_for(".merged", tenant=tenant, review=review, done="added"))
        if page.problem:  # naming an agency as recorded: as the directory names it
            asked = [form.agency.data, *(i.agency for i in case.imrs)]
            page.problem = agencies_named(page.problem, tenant, asked)
    return page.render("chronology/add.html", case=case, tenant=tenant, protective_marking=True)


@bp.route("/<uuid:review>/chronology/key", methods=["POST"])
@requires(Permission.CASE_RECORD)
def mark_key(tenant: str, review: UUID) -> Any:
    """Mark or unmark an entry as key, then back to the merged chronology at that entry."""
    form = KeyForm()
    done = "not-marked"
    if form.validate_on_submit() and (form.number.data or "").isdigit():
        try:
            with platform().ledgers.lease(tenant) as ledger:
                ledger.chronology.mark_key(
                    review, int(form.number.data or 0), form.key.data == "yes"
                )
            done = "marked" if form.key.data == "yes" else "unmarked"
        except DomainError:
            done = "not-marked"
    return redirect(url_for(".merged", tenant=tenant, review=review, done=done))
