"""Reading the auditors' read log back: who read what about a tenant or region, and when.

Reads are recorded per auditor per day (``AuditReadLog``), which keeps the write on every
audited request cheap; this query walks those daily logs for a bounded span of days, so
its cost is auditors × days, never the whole platform history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.errors import InvalidValueError, NotFoundError
from tenants.users.access import AccessRegistry
from tenants.users.model import Role, UserInfo
from tenants.users.reads import READ, REFUSED, AuditReadLog, RefusedReadLog

MAX_DAYS = 92


@dataclass(frozen=True)
class AuditRead:
    at: datetime
    user_id: UUID
    auditor: str
    path: str
    tenant: str | None
    region: str | None


def audit_reads(
    access: AccessRegistry,
    since: date,
    until: date,
    *,
    tenant: str | None = None,
    region: str | None = None,
    auditor: UUID | None = None,
) -> list[AuditRead]:
    """Every auditor read of ``tenant`` (or of anything in ``region``) between the two days;
    ``auditor``: only that auditor's own (their logs alone are read)."""

    def readers(user: UserInfo) -> bool:
        return user.role == Role.AUDITOR and auditor in (None, user.id)

    found = [
        AuditRead(e.timestamp, user.id, user.name, e.path, e.tenant, e.region)
        for user, e in logged_reads(access, since, until, readers)
        if (tenant is None or e.tenant == tenant) and (region is None or e.region == region)
    ]
    return sorted(found, key=lambda r: r.at)


def logged_reads(
    access: AccessRegistry, since: date, until: date, readers: Callable[[UserInfo], bool]
) -> Iterator[tuple[UserInfo, Any]]:
    """Each read in the daily logs of the users ``readers`` picks, between the two days (a
    span of at most ``MAX_DAYS``), with its reader."""
    days = _span(since, until)
    chosen = [u for u in access.users() if readers(u)]
    for day in days:
        for user in chosen:
            events: Any = access.events.get(AuditReadLog.create_id(user.id, day))
            yield from ((user, e) for e in events if isinstance(e, READ))


def _span(since: date, until: date) -> list[date]:
    if until < since:
        raise InvalidValueError("'until' is before 'since'; give the earlier day first.")
    if (until - since).days >= MAX_DAYS:
        raise InvalidValueError(f"Ask for at most {MAX_DAYS} days at a time.")
    return [since + timedelta(days=offset) for offset in range((until - since).days + 1)]


@dataclass(frozen=True)
class RefusedRead:
    at: datetime
    user_id: UUID
    reader: str  # the user's name, as the read log names auditors
    path: str
    tenant: str
    status: int  # 404: the partnership is outside their grant; 403: their role may not
    shown_as: str = ""  # the person, as the pages name them: "Ellen Brooks (ellen.brooks)"


def refused_reads(
    access: AccessRegistry, tenants: list[str], since: date, until: date
) -> list[RefusedRead]:
    """Every refused attempt to read a case of ``tenants`` between the two days, oldest first
    (a span of at most ``MAX_DAYS``): the partnerships' logs, days × partnerships reads."""
    names: dict[UUID, tuple[str, str]] = {}

    def name(user_id: UUID) -> tuple[str, str]:
        """The user name and the person: an auditor follows a refusal up with someone by name,
        and the user name tells two people of one name apart."""
        if user_id not in names:
            try:
                user = access.user_by_id(user_id)
                names[user_id] = (user.name, user.shown_with_name)
            except NotFoundError:
                names[user_id] = (str(user_id), "a user since removed")
        return names[user_id]

    found = []
    for day in _span(since, until):
        for tenant in tenants:
            events: Any = access.events.get(RefusedReadLog.create_id(tenant, day))
            found += [
                RefusedRead(
                    e.timestamp,
                    UUID(str(e.user_id)),
                    name(UUID(str(e.user_id)))[0],
                    e.path,
                    tenant,
                    int(e.status),
                    name(UUID(str(e.user_id)))[1],
                )
                for e in events
                if isinstance(e, REFUSED)
            ]
    return sorted(found, key=lambda r: r.at)


def staff_of(tenant: str) -> Callable[[UserInfo], bool]:
    """The tenant's own officers and leads: the roles that may read its personal data."""
    return lambda u: u.role in (Role.CSP_OFFICER, Role.CSP_LEAD) and tenant in u.tenants
