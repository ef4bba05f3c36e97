"""Reminders to IMR authors known only as contacts: a person with an address and no account.

An author recorded for an agency's IMR (``domain/vault/imr_contacts.py``) is emailed when that
IMR is due within 14 days or late, once a day, as the partnership's own staff are: the same
words for the item (case reference, the agency by the directory's name, the dates), and no
link, because every page needs an account they do not have. They are told to reply to the
officer who recorded them (the email's Reply-To, when that officer has an address), or else to
contact the partnership's community safety team. An author without an address, or who asked
not to be emailed, is skipped; the IMR authors page says so. Their address is read from the
case's vault for the email alone and never logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from email.message import EmailMessage
from uuid import UUID, uuid5

from domain.reminders import ReminderItem
from domain.reminders.due import SOME_AGENCY
from domain.reminders.items import IMR_KINDS
from domain.vault.imr_contacts import ImrContact
from tenants.model import PLATFORM_NAMESPACE
from tenants.reminders.emails import DAILY_DIGEST
from tenants.reminders.log import sent_keys
from tenants.reminders.outgoing import Outgoing
from tenants.users.access import AccessRegistry
from tenants.users.model import UserInfo


def author_id(tenant: str, review_id: UUID | str, agency: str) -> UUID:
    """An IMR author's own id, for the sent log and refused deliveries: the author of one
    agency's IMR on one case (replacing the contact keeps the id: the IMR is the same)."""
    return uuid5(PLATFORM_NAMESPACE, f"imr-author:{tenant}:{review_id}:{agency.casefold()}")


@dataclass(frozen=True)
class AuthorDue:
    """An IMR due or late, and the author recorded for it."""

    item: ReminderItem
    contact: ImrContact
    officer: str  # the user id of who recorded the contact; "": not known

    @property
    def id(self) -> UUID:
        return author_id(self.item.tenant, self.item.subject_id, self.item.agency)

    @property
    def who(self) -> str:
        """For progress and logs: which IMR, never the person."""
        agency = self.item.agency_name or SOME_AGENCY
        return f"the author of the IMR from {agency} on case {self.item.case_reference}"


def imr_authors(
    items: Iterable[ReminderItem], authors: Mapping[str, tuple[ImrContact, str]]
) -> list[AuthorDue]:
    """The case's IMRs due or late whose author is recorded (by the agency the IMR records)."""
    return [
        AuthorDue(item, *authors[item.agency])
        for item in items
        if item.kind in IMR_KINDS and item.agency in authors
    ]


def author_mail(
    sender: str, due: AuthorDue, partnership: str, officer: UserInfo | None, today: date
) -> EmailMessage:
    """The daily digest's words for one IMR, without a link, replying to the officer."""
    item = replace(due.item, path="")  # every page needs an account
    ask = (
        f"reply to this email or contact {officer.shown_as} of the community safety team of "
        f"{partnership}"
        if officer is not None and officer.email
        else f"contact the community safety team of {partnership}"
    )
    mail = DAILY_DIGEST.mail(
        sender,
        due.contact.email,
        [item],
        {item.tenant: partnership},
        "",
        today,
        outro=(
            f"To send the IMR, or if you need more time, a date is wrong or the IMR is not "
            f"yours to write, {ask}."
        ),
        footer=(
            f"You get this email because {partnership} recorded you as the author of an IMR "
            "it asked for; you need no account in the Partnership Ledger. If these emails "
            f"should not come to you, tell the community safety team of {partnership}."
        ),
    )
    if officer is not None and officer.email:
        mail["Reply-To"] = officer.email
    return mail


def plan_authors(
    access: AccessRegistry,
    due: Iterable[AuthorDue],
    sender: str,
    names: Mapping[str, str],
    period: str,
    today: date,
) -> list[Outgoing]:
    """An email per author reminded whose IMR was not yet sent today; an officer is named
    while active."""
    officers = {str(u.id): u for u in access.users() if u.active}
    out = []
    for author in due:
        if not author.contact.reminded or author.item.key in sent_keys(access, author.id, period):
            continue
        partnership = names.get(author.item.tenant, author.item.tenant)
        mail = author_mail(sender, author, partnership, officers.get(author.officer), today)
        check = " Check the author's address on the case's IMR authors page."
        what = "IMR reminder, 1 item"
        out.append(Outgoing(author.id, author.who, period, (author.item.key,), mail, what, check))
    return out
