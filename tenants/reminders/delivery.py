"""Whether the mail server refused a recipient's last reminder: one ``Delivery`` per recipient
(a user, or an IMR author known only as a contact), kept with the users in ``platform_access``.

A refused address is an address to correct, and only a person can: so the refusal is kept
where one looks (the user's page in the admin pages; the case's IMR authors page for an
author), with the day of the reminder, and the next email the server accepts for them clears
it. Ids and dates only, never the address.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.recording import LedgerAggregate
from tenants.model import PLATFORM_NAMESPACE
from tenants.users.access import AccessRegistry


class Delivery(LedgerAggregate):
    @staticmethod
    def create_id(recipient: UUID) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"reminder-delivery:{recipient}")

    @event("Started")
    def __init__(self, recipient: UUID) -> None:
        self.recipient = UUID(str(recipient))
        self.refused_on: date | None = None  # the day of the reminder the server refused

    @event("Refused")
    def refuse(self, on: date) -> None:
        self.refused_on = on

    @event("Delivered")
    def deliver(self, on: date) -> None:
        self.refused_on = None


def refused_on(access: AccessRegistry, recipient: UUID) -> date | None:
    """The day of the recipient's reminder the server refused, while no later one got through."""
    found = access.find(Delivery.create_id(recipient), Delivery)
    return None if found is None else found.refused_on


def record_refused(access: AccessRegistry, recipient: UUID, on: date) -> None:
    access.append_to_log(
        Delivery,
        Delivery.create_id(recipient),
        lambda: Delivery(recipient=recipient),
        lambda delivery: delivery.refuse(on=on),
        "Could not record that the mail server refused a reminder.",
    )


def record_delivered(access: AccessRegistry, recipient: UUID, on: date) -> None:
    """Clear a refusal once the server accepted a later email; nothing to record otherwise."""
    if refused_on(access, recipient) is not None:
        access.append_to_log(
            Delivery,
            Delivery.create_id(recipient),
            lambda: Delivery(recipient=recipient),
            lambda delivery: delivery.deliver(on=on),
            "Could not clear a refused reminder; the next accepted one clears it.",
        )
