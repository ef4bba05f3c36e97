"""What a view needs from the request: the platform, the signed-in user, a tenant's ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import current_app, g

from api.policy import Decision, Permission, decide
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.users import UserInfo

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
PLATFORM_KEY = "ledger.platform"


def platform() -> Platform:
    return current_app.extensions[PLATFORM_KEY]


def per_platform(key: str, make: Callable[[Platform], T]) -> T:
    """What ``make`` builds from the app's platform, kept in the app's extensions under ``key``
    and built again only when the app is given another platform."""
    found = current_app.extensions.get(key)
    if found is None or found[0] is not platform():
        found = current_app.extensions[key] = (platform(), make(platform()))
    return found[1]


def current_user() -> UserInfo:
    return g.user


@contextmanager
def tenant_ledger(tenant: str, *, writing: bool = True) -> Iterator[PartnershipLedger]:
    with platform().ledgers.lease(tenant, writing=writing) as ledger:
        yield ledger


def may(permission: Permission, user: UserInfo | None = None) -> bool:
    """Whether the signed-in user's role may do this on the page being shown (whose scope the
    guard has already checked): what a page asks before offering a link or a button."""
    return decide(user or g.user, permission, True) == Decision.ALLOW


def requires(permission: Permission) -> Callable[[F], F]:
    """Declare what a view needs; the guard in ``api.auth`` enforces it before the view runs."""

    def mark(fn: F) -> F:
        fn.permission = permission  # type: ignore[attr-defined]
        return fn

    return mark


def logs_its_own_read(fn: F) -> F:
    """An auditor's read of this page is recorded by the view, once it knows what happened (a
    bundle sent is a download; a form sent back with an error is only the page again), not by
    the guard before it runs."""
    fn.logs_own_read = True  # type: ignore[attr-defined]
    return fn
