"""Who is reminded of what: ONE table, one row per role that gets reminders.

A user's scope is their grants: the tenants they hold, and every tenant of the regions they
hold (a CSP officer or lead has one tenant, a regional lead one region). Within that scope a
row says which kinds of item come in the daily digest, whether a weekly summary comes, and
which items are theirs (``mine``): everything for the partnership's own staff. A role scoped
to one agency adds a row whose ``mine`` compares ``item.agency`` with the user's agency, and
whose ``daily`` lists only the agency's kinds (actions and IMRs). Roles without a row (auditor,
administrator, analysts) get no reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.reminders import ItemKind, ReminderItem
from tenants.users.model import Role, UserInfo

EVERY_KIND = frozenset(ItemKind)


def _everything(user: UserInfo, item: ReminderItem) -> bool:
    return True


@dataclass(frozen=True)
class Audience:
    daily: frozenset[ItemKind]  # kinds in the daily digest; empty: no daily digest
    weekly: bool  # a weekly summary of their scope
    mine: Callable[[UserInfo, ReminderItem], bool] = _everything


RECIPIENTS: dict[Role, Audience] = {
    Role.CSP_OFFICER: Audience(daily=EVERY_KIND, weekly=False),
    Role.CSP_LEAD: Audience(daily=EVERY_KIND, weekly=True),
    Role.REGIONAL_LEAD: Audience(daily=frozenset(), weekly=True),
}


def audience_of(user: UserInfo) -> Audience | None:
    return RECIPIENTS.get(user.role) if user.active else None


def for_user(
    user: UserInfo, items: list[ReminderItem], kinds: frozenset[ItemKind]
) -> list[ReminderItem]:
    """The items of ``kinds`` that are this user's, by their role's row."""
    row = audience_of(user)
    if row is None:
        return []
    return [i for i in items if i.kind in kinds and row.mine(user, i)]
