"""What a vault entry holds. Never an event argument: it is encrypted before it is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import InvalidValueError

MAX_TEXT = 500
MAX_CONTACTS = 20


@dataclass(frozen=True)
class Contact:
    """A family member or friend the review contacts for liaison."""

    name: str
    relationship: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PersonalDetails:
    victim_name: str
    victim_date_of_birth: date | None = None
    victim_address: str = ""
    contacts: tuple[Contact, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        texts = [self.victim_name, self.victim_address, self.notes] + [
            v for c in self.contacts for v in (c.name, c.relationship, c.address, c.phone)
        ]
        if not self.victim_name.strip():
            raise InvalidValueError("Personal details need at least the victim's name.")
        if any(len(t) > MAX_TEXT for t in texts):
            raise InvalidValueError(
                f"Each field of personal details is at most {MAX_TEXT} characters."
            )
        if len(self.contacts) > MAX_CONTACTS or any(not c.name.strip() for c in self.contacts):
            raise InvalidValueError(
                f"Give each contact a name; at most {MAX_CONTACTS} contacts per case."
            )

    def to_json(self) -> dict[str, Any]:
        return {
            "victim_name": self.victim_name,
            "victim_date_of_birth": self.victim_date_of_birth.isoformat()
            if self.victim_date_of_birth
            else None,
            "victim_address": self.victim_address,
            "contacts": [vars(c) for c in self.contacts],
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PersonalDetails:
        dob = data.get("victim_date_of_birth")
        return cls(
            victim_name=data["victim_name"],
            victim_date_of_birth=date.fromisoformat(dob) if dob else None,
            victim_address=data.get("victim_address", ""),
            contacts=tuple(Contact(**c) for c in data.get("contacts", ())),
            notes=data.get("notes", ""),
        )
