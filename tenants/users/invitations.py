"""Inviting a new user by email: a link, used once within a week, where they choose their own
password, so that nobody else ever knows it and nothing needs passing on by phone.

The link's token is random and only its SHA-256 is kept (``Credentials.invite``); choosing a
password with it spends it, and a new invitation replaces the one before. The email names the
person, their partnership or region, their user name, who invited them and where to sign in,
and nothing about any case.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from tenants.users.access import AccessRegistry
from tenants.users.model import UserInfo
from tenants.users.signin import HASHER, check_strength, credentials

LIFETIME = timedelta(days=7)
SPENT = (
    "This link has been used already, has expired or was replaced by a newer invitation. "
    "Ask your platform administrator to send you a new invitation."
)


@dataclass(frozen=True)
class Invitation:
    user: UserInfo
    token: str  # in the link only: never stored
    expires_at: datetime


def invite(access: AccessRegistry, name: str, now: datetime | None = None) -> Invitation:
    """Record an invitation for ``name`` (who needs an email address to receive it)."""
    user = access.active_user(name)
    if not user.email:
        raise InvalidTransitionError(
            f"{user.shown_as} has no email address for the invitation: add one first, or set "
            "a temporary password and give it to them yourself."
        )
    token = secrets.token_urlsafe(32)
    expires_at = (now or datetime.now(UTC)) + LIFETIME
    creds = credentials(access, user.id)
    creds.invite(_digest(token), expires_at)
    access.save(creds)
    return Invitation(user, token, expires_at)


def invited(access: AccessRegistry, name: str, token: str, now: datetime | None = None) -> UserInfo:
    """The active user this link invites, or ``NotFoundError`` saying what to do."""
    try:
        user = access.active_user(name)
    except (NotFoundError, InvalidValueError, InvalidTransitionError):
        raise NotFoundError(SPENT) from None
    if not credentials(access, user.id).invitation_for(_digest(token), now or datetime.now(UTC)):
        raise NotFoundError(SPENT)
    return user


def accept(access: AccessRegistry, name: str, token: str, password: str) -> UserInfo:
    """The invited user's own password: not temporary, since nobody else has seen it."""
    check_strength(password)
    now = datetime.now(UTC)
    user = invited(access, name, token, now)
    creds = credentials(access, user.id)
    with acting_as(str(user.id)):  # their own act, in the history
        creds.set_password_hash(HASHER.hash(password), temporary=False, sessions_from=now)
        access.save(creds)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
