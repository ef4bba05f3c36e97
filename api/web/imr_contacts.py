"""IMR authors' contacts on the pages: the partnership's officers and lead only, each view
logged, sealed in the case's vault and erased with it (``tenants/ledger/imr_contacts.py``).

The case's contacts are kept as one sealed record, so the form carries the version of it the
page showed and a contact is saved only if it still stands there (as If-Match does over the
API): otherwise one person's save could drop a contact another recorded meanwhile. Refused,
the page lists the contacts recorded now and keeps the answers as typed. Each contact says
whether the reminder run emails them (``reminded_words``): not without an address, not once
they asked not to be, and not while the mail server refuses their address.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, HiddenField, SubmitField
from wtforms.validators import InputRequired, Length

from api.concurrency import expecting
from api.context import current_user, platform, requires
from api.policy import Permission
from api.web.agency_choices import agencies_named, agency_names
from api.web.fields import error_list, select, text_input
from domain.calendar import long_date, uk_today
from domain.errors import ConcurrentChangeError, DomainError
from domain.vault.imr_contacts import ImrAuthorContacts, ImrContact
from tenants.application import guarding_saves
from tenants.ledger.imr_contacts import ImrContacts
from tenants.reminders.authors import author_id
from tenants.reminders.delivery import refused_on

bp = Blueprint("imr_contacts", __name__, url_prefix="/partnerships/<tenant>/cases")
CHANGED = (
    "Someone else changed this case's IMR author contacts after you opened this page (or you "
    "did, in another tab), so nothing was saved. Check the contacts recorded now, then save "
    "the contact again."
)


class ContactForm(FlaskForm):
    version = HiddenField()  # the contacts' version the page showed ("0": none recorded)
    agency = select("Agency", InputRequired("Select the agency"))
    name = text_input(
        "IMR author's name", InputRequired("Enter the author's name"), Length(max=120)
    )
    email = text_input(
        "Email address (optional)",
        Length(max=254),
        hint="Reminders go here when the IMR is due within 14 days or late; the author needs "
        "no account.",
    )
    phone = text_input("Phone number (optional)", Length(max=20))
    not_emailed = BooleanField("They asked not to be emailed reminders", widget=GovCheckboxInput())
    submit = SubmitField("Save the contact", widget=GovSubmitInput())


@bp.route("/<uuid:review>/imr-contacts", methods=["GET", "POST"])
@requires(Permission.PERSONAL_DATA)
def contacts(tenant: str, review: UUID) -> Any:
    """Who wrote each agency's IMR and how to reach them; a contact recorded or replaced."""
    names = agency_names(tenant)
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
        found, version = ImrContacts(ledger).of(review), ImrContacts(ledger).version(review)
    form, problem = ContactForm(), None
    form.agency.choices = [("", "Select an agency")] + [
        (i.agency, names(i.agency)) for i in case.imrs
    ]
    if request.method == "GET":
        form.version.data = str(version)
    if form.validate_on_submit():
        try:
            contact = ImrContact.checked(
                form.name.data,
                form.email.data or "",
                form.phone.data or "",
                not form.not_emailed.data,
            )
            with (
                guarding_saves(expecting(ImrAuthorContacts.create_id(review), _seen(form))),
                platform().ledgers.lease(tenant) as ledger,
            ):
                ImrContacts(ledger).record(review, form.agency.data or "", contact, uk_today())
        except (ConcurrentChangeError, IntegrityError):  # IntegrityError: two first saves at once
            with platform().ledgers.lease(tenant, writing=False) as ledger:
                found, version = ImrContacts(ledger).of(review), ImrContacts(ledger).version(review)
            form.version.data, problem = str(version), CHANGED  # saved again against these
        except DomainError as refused:
            asked = [form.agency.data, *(i.agency for i in case.imrs)]
            problem = agencies_named(str(refused), tenant, asked)
        else:
            return redirect(url_for(".contacts", tenant=tenant, review=review, done="saved"))
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)
    return render_template(
        "imr_contacts/contacts.html",
        tenant=tenant,
        case=case,
        contacts=sorted(
            ((names(a), c, reminded_words(c, tenant, review, a)) for a, c in found.items()),
            key=lambda row: row[0],
        ),
        missing=sorted(
            {names(i.agency) for i in case.imrs if i.outstanding and i.agency not in found}
        ),
        form=form,
        errors=error_list(form, problem) if form.is_submitted() else [],
        done=request.args.get("done"),
        protective_marking=True,
    )


def reminded_words(contact: ImrContact, tenant: str, review: UUID, agency: str) -> str:
    """Whether the reminder run emails the author, and why not."""
    if not contact.email:
        return "Not emailed: no address"
    if not contact.emailed:
        return "Not emailed: they asked not to be"
    refused: date | None = refused_on(platform().access, author_id(tenant, review, agency))
    if refused is not None:
        return (
            f"Reminder of {long_date(refused)} not delivered: the mail server refused the "
            "address. Check it with the author and correct it here; this shows until a "
            "reminder gets through."
        )
    return "Emailed when the IMR is due within 14 days or late"


def _seen(form: ContactForm) -> int:
    """The version the page showed: none sent means it saw nothing recorded, as a first
    contact over the API may go without If-Match; anything else never matches."""
    try:
        return int(form.version.data or "0")
    except ValueError:
        return -1
