"""What a vault entry holds. Never an event argument: it is encrypted before it is recorded."""

from __future__ import annotations

from dataclasses import InitVar, dataclass
from datetime import date
from typing import Any

from domain.errors import InvalidValueError
from domain.texts import required_text

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
    checking: InitVar[bool] = True
    """False only when read back from the vault: what was sealed is shown as it was kept, so
    a rule tightened since can never make recorded details unreadable."""

    def __post_init__(self, checking: bool) -> None:
        if not checking:
            return
        texts = [self.victim_name, self.victim_address, self.notes] + [
            v for c in self.contacts for v in (c.name, c.relationship, c.address, c.phone)
        ]
        required_text(self.victim_name, "Personal details need at least the victim's name.")
        if any(len(t) > MAX_TEXT for t in texts):
            raise InvalidValueError(
                f"Each field of personal details is at most {MAX_TEXT} characters."
            )
        named = f"Give each contact a name; at most {MAX_CONTACTS} contacts per case."
        if len(self.contacts) > MAX_CONTACTS:
            raise InvalidValueError(named)
        for contact in self.contacts:
            required_text(contact.name, named)

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
            checking=False,
        )
