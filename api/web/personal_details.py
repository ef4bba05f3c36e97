"""A case's personal details in the browser: for its partnership's officers and leads only.

Every view is written to the reader's read log (as over the API), and the erasure page asks
for a reason and an explicit confirmation before the case key is destroyed. What is shown
here never reaches an event or a log in clear.

A save replaces the whole entry, so the edit form carries the version it showed and is saved
only if the entry still stands there (as If-Match does over the API): otherwise two people
editing at once would silently drop each other's changes. Refused, the page shows what is
recorded now beside the answers as typed, and the next save is made against that.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSubmitInput,
)
from wtforms import BooleanField, Form, FormField, HiddenField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from api.concurrency import expecting
from api.context import current_user, platform, requires
from api.policy import Permission
from api.web.fields import FormPage, GovDate, text_area, text_input
from domain.calendar import uk_today
from domain.errors import ConcurrentChangeError
from domain.vault import CaseVault, Contact, ErasureBasis, PersonalDetails
from tenants.application import guarding_saves
from tenants.users import Role

bp = Blueprint("personal_details", __name__, url_prefix="/partnerships/<tenant>/cases")
CONTACT_SLOTS = 3
TEXT = Length(max=500, message="Use 500 characters or fewer")
CHANGED = (
    "Someone else changed these personal details after you opened this page (or you did, in "
    "another tab), so nothing was saved. Check what is recorded now, shown below, then save "
    "your changes again."
)


class ContactForm(Form):
    name = text_input("Name", TEXT)
    relationship = text_input("Relationship to the victim", TEXT)
    phone = text_input("Phone", Length(max=40))
    address = text_area("Address", TEXT)


class DetailsForm(FlaskForm):
    version = HiddenField()  # the entry's version the form showed ("0": nothing recorded)
    victim_name = text_input(
        "Victim’s full name", InputRequired("Enter the victim’s full name"), TEXT
    )
    victim_date_of_birth = GovDate("Victim’s date of birth", "birth", optional=True)
    victim_address = text_area("Victim’s last address", TEXT)
    contact_1 = FormField(ContactForm, "Family contact 1")
    contact_2 = FormField(ContactForm, "Family contact 2")
    contact_3 = FormField(ContactForm, "Family contact 3")
    notes = text_area("Notes for liaison", TEXT)
    submit = SubmitField("Save personal details", widget=GovSubmitInput())

    def contacts(self) -> tuple[Contact, ...]:
        slots = (self.contact_1, self.contact_2, self.contact_3)
        return tuple(
            Contact(
                s.form.name.data.strip(),
                (s.form.relationship.data or "").strip(),
                (s.form.address.data or "").strip(),
                (s.form.phone.data or "").strip(),
            )
            for s in slots
            if (s.form.name.data or "").strip()
        )


class ErasureForm(FlaskForm):
    reason = text_area(
        "Why are these personal details being erased?",
        InputRequired("Say why the personal details are erased"),
        TEXT,
    )
    confirm = BooleanField(
        "I understand the personal details will be destroyed and can never be recovered",
        widget=GovCheckboxInput(),
        validators=[DataRequired("Confirm that you understand erasure cannot be undone")],
    )
    submit = SubmitField("Erase personal details", widget=GovSubmitInput())


def _logged(tenant: str) -> None:
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)


def _case(tenant: str, review: UUID) -> tuple[Any, Any]:
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        return ledger.reviews.get(review), ledger.vault.entry(review)


@bp.route("/<uuid:review>/personal-details")
@requires(Permission.PERSONAL_DATA)
def show(tenant: str, review: UUID) -> Any:
    """The case's personal details; the view is logged against the reader."""
    case, entry = _case(tenant, review)
    _logged(tenant)
    return render_template(
        "personal_details/show.html",
        tenant=tenant,
        case=case,
        entry=entry,
        may_erase=current_user().role == Role.CSP_LEAD,
        done=request.args.get("done"),
        protective_marking=True,
    )


@bp.route("/<uuid:review>/personal-details/edit", methods=["GET", "POST"])
@requires(Permission.PERSONAL_DATA)
def edit(tenant: str, review: UUID) -> Any:
    """Record or change the case's personal details."""
    case, entry = _case(tenant, review)
    if entry.status == "erased":
        return redirect(url_for(".show", tenant=tenant, review=review))
    form = DetailsForm()
    if request.method == "GET":
        form.version.data = str(entry.version)
        if entry.details is not None:
            _fill(form, entry.details)
            _logged(tenant)
    page, recorded_now = FormPage(form), None
    if page.submitted():
        with page.refusals():
            details = PersonalDetails(
                victim_name=(form.victim_name.data or "").strip(),
                victim_date_of_birth=form.victim_date_of_birth.data,
                victim_address=(form.victim_address.data or "").strip(),
                contacts=form.contacts(),
                notes=(form.notes.data or "").strip(),
            )
            if _saved(tenant, review, details, form.version.data):
                return redirect(url_for(".show", tenant=tenant, review=review, done="saved"))
            _, recorded_now = _case(tenant, review)
            form.version.data = str(recorded_now.version)  # saving again replaces what is shown
            page.problem = CHANGED
            _logged(tenant)
    return page.render(
        "personal_details/edit.html",
        case=case,
        tenant=tenant,
        recorded_now=recorded_now,
        protective_marking=True,
    )


def _saved(tenant: str, review: UUID, details: PersonalDetails, seen: str | None) -> bool:
    """Record ``details`` only if the entry still stands at the version the form showed: False
    if it moved on. A form sent without one saw nothing recorded, as a first save over the API
    may go without If-Match."""
    try:
        version = int(seen or "0")
    except ValueError:
        version = -1  # never a version, so refused and shown again with the one recorded now
    try:
        with (
            guarding_saves(expecting(CaseVault.create_id(review), version)),
            platform().ledgers.lease(tenant) as ledger,
        ):
            ledger.vault.record(review, details, uk_today())
    except (ConcurrentChangeError, IntegrityError):  # IntegrityError: two first saves at once
        return False
    return True


@bp.route("/<uuid:review>/personal-details/erase", methods=["GET", "POST"])
@requires(Permission.PERSONAL_DATA_ERASE)
def erase(tenant: str, review: UUID) -> Any:
    """Erase the case's personal details for good, with a reason (leads only)."""
    case, entry = _case(tenant, review)
    if entry.status != "recorded":
        return redirect(url_for(".show", tenant=tenant, review=review))
    form = ErasureForm()
    page = FormPage(form)
    if page.submitted():
        with page.refusals():
            with platform().ledgers.lease(tenant) as ledger:
                ledger.vault.erase(
                    review, (form.reason.data or "").strip(), uk_today(), ErasureBasis.REQUEST
                )
            return redirect(url_for(".show", tenant=tenant, review=review, done="erased"))
    return page.render(
        "personal_details/erase.html", case=case, tenant=tenant, protective_marking=True
    )


def _fill(form: DetailsForm, details: PersonalDetails) -> None:
    form.victim_name.data = details.victim_name
    form.victim_date_of_birth.data = details.victim_date_of_birth
    form.victim_address.data = details.victim_address
    form.notes.data = details.notes
    for slot, contact in zip(
        (form.contact_1, form.contact_2, form.contact_3), details.contacts, strict=False
    ):
        slot.form.name.data, slot.form.relationship.data = contact.name, contact.relationship
        slot.form.phone.data, slot.form.address.data = contact.phone, contact.address
