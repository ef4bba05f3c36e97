"""Who is reminded of what: ONE table, one row per role that gets reminders.

A user's scope is their grants: the tenants they hold, and every tenant of the regions they
hold (a CSP officer or lead has one tenant, a regional lead one region). Within that scope a
row says which kinds of item come in the daily digest, which in a weekly notice (six months'
notice, told once a week), whether a weekly summary comes, and which items are theirs (``mine``): everything for the partnership's own staff. A role scoped
to one agency adds a row whose ``mine`` compares the directory key ``item.agency`` resolves to
with the user's agency, and
whose ``daily`` lists only the agency's kinds (actions and IMRs). OPCC staff are reminded of
what their region's own ledger holds (commissioned services' milestones daily, their funding
ending within six months weekly). Roles without a row
(auditor, administrator, analysts) get no reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from domain.reminders import ItemKind, ReminderItem
from domain.reminders.items import MILESTONES, WEEKLY_NOTICES
from tenants.users.model import Role, UserInfo

DIGEST_KINDS = frozenset(ItemKind) - WEEKLY_NOTICES  # in a daily digest or a summary's counts
LEADS_ONLY = frozenset({ItemKind.SIGN_OFF_DUE})  # only the partnership's lead signs off


def _everything(user: UserInfo, item: ReminderItem) -> bool:
    return True


@dataclass(frozen=True)
class Audience:
    daily: frozenset[ItemKind]  # kinds in the daily digest; empty: no daily digest
    weekly: bool  # a weekly summary of their scope
    mine: Callable[[UserInfo, ReminderItem], bool] = _everything
    page: Callable[[ReminderItem], str] | None = None  # their own page, when not the case's
    notices: frozenset[ItemKind] = frozenset()  # kinds told once a week in a notice of their own


def _their_agency(user: UserInfo, item: ReminderItem) -> bool:
    """The directory key the item's agency resolves to (gathered by ``agency_entry``, as the
    agency work pages resolve it), so an agency recorded by name or alias is theirs too."""
    return bool(user.agency) and item.agency_key == user.agency


def _agency_work(item: ReminderItem) -> str:
    """Agency users cannot open the case pages; their list of actions and IMRs is theirs."""
    return f"/partnerships/{item.tenant}/agency-work"


RECIPIENTS: dict[Role, Audience] = {
    Role.CSP_OFFICER: Audience(daily=DIGEST_KINDS - LEADS_ONLY, weekly=False),
    Role.CSP_LEAD: Audience(daily=DIGEST_KINDS, weekly=True),
    Role.REGIONAL_LEAD: Audience(daily=frozenset(), weekly=True),
    Role.PCC_OFFICER: Audience(daily=MILESTONES, weekly=False, notices=WEEKLY_NOTICES),
    Role.AGENCY_CONTRIBUTOR: Audience(
        daily=frozenset(
            {
                ItemKind.ACTION_OVERDUE,
                ItemKind.ACTION_DUE,
                ItemKind.IMPACT_REVIEW_DUE,
                ItemKind.IMR_LATE,
                ItemKind.IMR_DUE,
            }
        ),
        weekly=False,
        mine=_their_agency,
        page=_agency_work,
    ),
}


def audience_of(user: UserInfo) -> Audience | None:
    return RECIPIENTS.get(user.role) if user.active else None


STAFF = frozenset({Role.CSP_OFFICER, Role.CSP_LEAD})  # the partnership's own: they act on items


def nobody_reminded(users: list[UserInfo], tenant: str) -> bool:
    """Whether no officer or lead of the partnership has an email address, so its actions,
    IMRs and clocks due or late reach nobody of its own (its page says what to set up)."""
    return not any(
        u.email and u.role in STAFF and tenant in u.tenants and audience_of(u) for u in users
    )


def for_user(
    user: UserInfo, items: list[ReminderItem], kinds: frozenset[ItemKind]
) -> list[ReminderItem]:
    """The items of ``kinds`` that are this user's, by their role's row."""
    row = audience_of(user)
    if row is None:
        return []
    mine = [i for i in items if i.kind in kinds and row.mine(user, i)]
    return [replace(i, path=row.page(i)) for i in mine] if row.page else mine
