"""Who asks, what to do and whom to contact: the words around a digest's items, by who
receives it (an agency's user records on its own list and asks the partnership; the
partnership's staff chase the agencies; OPCC staff the providers)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.reminders import ItemKind, ReminderItem
from domain.reminders.items import IMR_KINDS, MILESTONES


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def asking(items: Iterable[ReminderItem], names: Mapping[str, str]) -> str:
    """Who is asking: the partnership (or region) the items belong to, each named once."""
    return _listed(sorted({names.get(i.tenant, i.tenant) for i in items}))


def asking_briefly(items: Iterable[ReminderItem], names: Mapping[str, str]) -> str:
    """Who is asking, for a subject line: one or two by name, more as the ledger."""
    named = {i.tenant for i in items}
    return asking(items, names) if len(named) <= 2 else "Partnership Ledger"


def what_to_do(items: list[ReminderItem], names: Mapping[str, str], agency: bool) -> str:
    """What to do with the items and whom to contact: an agency's user records on its own
    list and asks the partnership; the partnership's staff chase the agencies."""
    kinds = {i.kind for i in items}
    if agency:
        return (
            "Sign in to the Partnership Ledger to record progress, evidence or completion of "
            "your agency's actions, or that you sent an IMR: each link opens your agency's "
            "list. If you need more time, a date is wrong or the work is not your agency's, "
            "contact the community safety team of "
            f"{asking(items, names)}."
        )
    words = ["Sign in to the Partnership Ledger to update them: each link opens its page."]
    if kinds & IMR_KINDS:
        words.append(
            "To chase an IMR, contact its author: the case's page links to the IMR authors' "
            "contacts, or record the new due date if the panel gave more time."
        )
    if ItemKind.MORE_TIME_ASKED in kinds:
        words.append(
            "Answer a request for more time on its case's page: Agree records the extension "
            "(to the agency's date or another), Refuse asks why; the agency reads the answer."
        )
    if kinds & {ItemKind.ACTION_OVERDUE, ItemKind.ACTION_DUE}:
        words.append(
            "For an action's progress, contact the agency named beside it, or record a new "
            "due date if one was agreed."
        )
    if ItemKind.SIGN_OFF_DUE in kinds:
        words.append(
            "Sign off a completed action on its page (Sign off completion) once its evidence "
            "satisfies you."
        )
    if kinds & MILESTONES:
        words.append(
            "Record a milestone as reached on its service's page; for how the work stands, "
            "contact the service's provider, named on that page."
        )
    return " ".join(words)
