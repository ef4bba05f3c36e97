"""``PartnershipGroup``: partnerships (or a board) that keep one master action plan.

Leicestershire collates every district's DHR actions into one county-wide plan; the pan-
Staffordshire DA board owns a multi-agency plan of its own. The group lists its member
partnerships (whose recommendations the master plan is built from) and holds the items it
owns itself, each with an owner from the partner directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.choices import choose
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.checks import check_date, check_text
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.region.keys import check_key


class GroupKind(StrEnum):
    PARTNERSHIPS = "partnerships"  # a county and its districts
    BOARD = "board"  # a multi-agency board owning its own plan


class ItemStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


@dataclass(frozen=True)
class PlanItem:
    reference: str
    text: str
    owner: str
    due_on: date | None
    added_on: date
    status: ItemStatus = ItemStatus.OPEN
    completed_on: date | None = None
    updates: tuple[tuple[date, str], ...] = ()


def check_due(due_on: date, added_on: date) -> None:
    """An item falls due on or after the day it joined the plan: one due before it would be
    overdue from its first day and count as late in every figure, when the date was only
    keyed wrong. Checked as an item is added, never on replay, so items stored before the
    rule still load."""
    if due_on < added_on:
        raise InvalidValueError(
            f"The due date ({due_on.isoformat()}) is before the date the item was recorded "
            f"({added_on.isoformat()}); enter a due date on or after it."
        )


def check_progress(on: date, added_on: date) -> None:
    """Progress is dated on or after the day its item joined the plan: nothing can be done on
    an item before the plan had it, so an earlier date was keyed wrong, and would put the
    item's timeline (and a completion) before the item itself. Checked as progress is
    recorded, never on replay, so progress stored before the rule still loads."""
    if on < added_on:
        raise InvalidValueError(
            f"The date of the update ({on.isoformat()}) is before the date the item was "
            f"recorded ({added_on.isoformat()}); enter a date on or after it."
        )


class PartnershipGroup(LedgerAggregate):
    @staticmethod
    def create_id(key: str) -> UUID:
        return ledger_id("partnership-group", key)

    @classmethod
    def form(
        cls,
        key: str,
        name: str,
        kind: GroupKind | str,
        owner: str,
        members: Iterable[str],
        on: date,
    ) -> PartnershipGroup:
        kind = choose(GroupKind, kind, "A group's kind is 'partnerships' or 'board'.")
        found = tuple(dict.fromkeys(members))
        if kind is GroupKind.PARTNERSHIPS and not found:
            raise InvalidValueError("A group of partnerships needs at least one member.")
        return cls(
            key=check_key(key, "The group's key"),
            name=check_text(name, "The group's name"),
            kind=kind.value,
            owner=check_text(owner, "Who owns the plan"),
            members=found,
            formed_on=check_date(on, "The date"),
        )

    @event("Formed")
    def __init__(
        self, key: str, name: str, kind: str, owner: str, members: tuple[str, ...], formed_on: date
    ) -> None:
        self.key, self.name, self.kind, self.owner = key, name, GroupKind(kind), owner
        self.members, self.formed_on = tuple(members), formed_on
        self.items: dict[str, PlanItem] = {}

    def add_item(
        self, reference: str, text: str, owner: str, due_on: date | None, on: date
    ) -> None:
        if check_text(reference, "The item's reference") in self.items:
            raise DuplicateError(f"Plan item '{reference}' already exists.")
        day = check_date(on, "The date")
        if due_on is not None:
            check_due(check_date(due_on, "The due date"), day)
        self._item_added(
            reference,
            check_text(text, "What is to be done"),
            check_text(owner, "The owner"),
            due_on,
            day,
        )

    @event("ItemAdded")
    def _item_added(
        self, reference: str, text: str, owner: str, due_on: date | None, on: date
    ) -> None:
        self.items[reference] = PlanItem(reference, text, owner, due_on, on)

    def update_item(self, reference: str, note: str, on: date, completed: bool = False) -> None:
        item = self.item(reference)
        if item.status is ItemStatus.COMPLETED:
            raise InvalidTransitionError(f"Plan item '{reference}' is completed already.")
        said, day = check_text(note, "The update"), check_date(on, "The date")
        check_progress(day, item.added_on)
        self._item_updated(reference, said, day, bool(completed))

    @event("ItemUpdated")
    def _item_updated(self, reference: str, note: str, on: date, completed: bool) -> None:
        item = self.items[reference]
        self.items[reference] = replace(
            item,
            updates=(*item.updates, (on, note)),
            status=ItemStatus.COMPLETED if completed else item.status,
            completed_on=on if completed else item.completed_on,
        )

    def item(self, reference: str) -> PlanItem:
        if reference not in self.items:
            raise NotFoundError(f"No plan item '{reference}' in this group; add it first.")
        return self.items[reference]
