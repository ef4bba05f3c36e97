"""People choose their own password: changed from their account, or chosen at the first
sign-in after an administrator set a temporary one.

NCSC guidance: only the user should know their password. An administrator's password is
known to the administrator too, so it is ``temporary`` on the user's ``Credentials`` until its
owner replaces it. Each change is the same ``PasswordSet`` event an administrator's is, recorded
with the user as the actor. A wrong current password counts toward the lockout signing in
uses, so changing a password cannot be used to guess one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as
from tenants.users import signin
from tenants.users.access import AccessRegistry
from tenants.users.credentials import Credentials
from tenants.users.signin import LOCKED, check_strength, credentials

WRONG_CURRENT = "Your current password is not right: enter the password you sign in with."
SAME = "Your new password must be different from your current one: choose a new password."
ALREADY_OWN = (
    "Your password is already one you chose: change it from Your account, giving your "
    "current password."
)


def must_choose(access: AccessRegistry, user_id: UUID) -> bool:
    """Their password was set by someone else: they choose their own before any page."""
    found = access.find(Credentials.create_id(user_id), Credentials)
    return found is not None and found.must_choose_password


def change_password(
    access: AccessRegistry, user_id: UUID, current: str, new: str, now: datetime | None = None
) -> None:
    """The user's own change: their current password, then a new one as strong as any."""
    now = now or datetime.now(UTC)
    creds = credentials(access, user_id)
    with acting_as(str(user_id)):
        check_current(access, creds, current, now)
        _replace(access, creds, new)


def check_current(access: AccessRegistry, creds: Credentials, current: str, now: datetime) -> None:
    """The user's current password, before they change how they sign in; a wrong one counts
    toward the lockout (recorded as the acting user's)."""
    if creds.locked_at(now):
        raise InvalidTransitionError(LOCKED)
    if not _matches(creds, current):
        creds.fail(now)
        access.save(creds)
        raise InvalidValueError(LOCKED if creds.locked_at(now) else WRONG_CURRENT)


def choose_password(access: AccessRegistry, user_id: UUID, new: str) -> None:
    """Straight after signing in with a temporary password (which they have just typed), the
    user's own in its place; refused once the password is already their own."""
    creds = credentials(access, user_id)
    if not creds.must_choose_password:
        raise InvalidTransitionError(ALREADY_OWN)
    with acting_as(str(user_id)):
        _replace(access, creds, new)


def _replace(access: AccessRegistry, creds: Credentials, new: str) -> None:
    check_strength(new)
    if _matches(creds, new):
        raise InvalidValueError(SAME)
    creds.set_password_hash(
        signin.HASHER.hash(new), temporary=False, sessions_from=datetime.now(UTC)
    )
    access.save(creds)


def _matches(creds: Credentials, password: str) -> bool:
    if not creds.password_hash or not isinstance(password, str):
        return False
    try:
        return bool(signin.HASHER.verify(creds.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False
