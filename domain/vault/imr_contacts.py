"""``ImrAuthorContacts``: who wrote each agency's IMR and how to reach them, for one case.

A person's name, email and phone are personal data: the events hold them sealed with the
case key (as the vault's entry), keyed by the agency (an organisation). An author without an
address, or who asked not to be emailed (``emailed``), gets no reminders: the officer chases
them another way. Who recorded each contact is kept beside it, in the clear (a user id, as
every event's ``recorded_by``): the officer an author's reminder tells them to reply to. Erasing the case's
vault destroys that key, and these contacts with it. The domain checks a contact before it is
sealed (``ImrContact.checked``), because once sealed it cannot see inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidValueError
from domain.recording import CaseRecord, recorded_by_cvar
from domain.texts import required_text

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


@dataclass(frozen=True)
class ImrContact:
    name: str
    email: str  # "": none known, so no reminder goes to them
    phone: str = ""
    emailed: bool = True  # False: they asked not to be emailed reminders

    @property
    def reminded(self) -> bool:
        """Whether the reminder run emails them when their IMR is due or late."""
        return bool(self.email) and self.emailed

    @classmethod
    def checked(
        cls, name: object, email: object, phone: object = "", emailed: object = True
    ) -> ImrContact:
        """A name; an email the panel can write to and a phone number, each if given."""
        named = "Give the IMR author's name (at most 120 characters)."
        if not isinstance(name, str) or len(required_text(name, named)) > 120:
            raise InvalidValueError(named)
        address = email.strip() if isinstance(email, str) else ""
        if email not in ("", None) and not EMAIL.match(address):
            raise InvalidValueError(
                "Give the IMR author's email address, for example name@agency.gov.uk."
            )
        tel = phone.strip() if isinstance(phone, str) else ""
        if phone not in ("", None) and not PHONE.match(tel):
            raise InvalidValueError(
                "Give the phone number in digits (spaces, brackets, + and - allowed)."
            )
        return cls(" ".join(name.split()), address, tel, emailed is not False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "emailed": self.emailed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImrContact:
        """Sealed before ``emailed`` existed: emailed, as every author then was."""
        return cls(
            str(data["name"]),
            str(data.get("email", "")),
            str(data.get("phone", "")),
            bool(data.get("emailed", True)),
        )


class ImrAuthorContacts(CaseRecord):
    KIND = "imr-contacts"

    @event("Opened")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = UUID(str(review_id))
        self.sealed: dict[str, str] = {}  # agency as the IMR records it -> sealed contact
        self.officers: dict[str, str] = {}  # agency -> the user id who recorded its contact

    def record(self, agency: str, sealed: str, recorded_on: date) -> None:
        """The latest contact for an agency's IMR replaces the one before."""
        if not sealed:
            raise InvalidValueError("A contact must be sealed before it is recorded.")
        self._recorded(agency, sealed, recorded_on, recorded_by_cvar.get())

    @event("Recorded")
    def _recorded(self, agency: str, sealed: str, recorded_on: date, officer: str = "") -> None:
        """``officer`` is "" in contacts recorded before it was kept: nobody to name."""
        self.sealed = {**self.sealed, agency: sealed}
        self.officers = {**self.officers, agency: officer}
