"""What a view needs from the request: the platform, the signed-in user, a tenant's ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import current_app, g

from api.policy import Permission
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.users import UserInfo

F = TypeVar("F", bound=Callable[..., Any])
PLATFORM_KEY = "ledger.platform"


def platform() -> Platform:
    return current_app.extensions[PLATFORM_KEY]


def current_user() -> UserInfo:
    return g.user


@contextmanager
def tenant_ledger(tenant: str, *, writing: bool = True) -> Iterator[PartnershipLedger]:
    with platform().ledgers.lease(tenant, writing=writing) as ledger:
        yield ledger


def requires(permission: Permission) -> Callable[[F], F]:
    """Declare what a view needs; the guard in ``api.auth`` enforces it before the view runs."""

    def mark(fn: F) -> F:
        fn.permission = permission  # type: ignore[attr-defined]
        return fn

    return mark
