"""Signing people in to the pages: passwords (argon2id), TOTP security codes, lockout.

API tokens stay for machines (``tenants/users/tokens.py``); this is for people in a browser.
Every outcome is an event on the user's ``Credentials``, so an auditor can see failed and
successful sign-ins. Messages never say whether a user name exists.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any
from uuid import UUID

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventsourcing.persistence import IntegrityError

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from tenants.users.access import AccessRegistry
from tenants.users.credentials import LOCKOUT, MAX_FAILURES, Credentials
from tenants.users.model import Role, UserInfo

MIN_PASSWORD = 10
# argon2id with the library's current recommended parameters (RFC 9106's low-memory choice);
# always read as ``signin.HASHER``, never imported by name, so there is one hasher to set
HASHER = PasswordHasher()
TWO_FACTOR_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.AUDITOR})
LOCKED = (
    "You entered incorrect details too many times, so sign-in is locked for "
    f"{int(LOCKOUT.total_seconds() // 60)} minutes. Try again later, or ask a platform "
    "administrator to reset your password."
)
# The first step's one answer, wrong or locked alike: only a name that exists can lock, so
# a distinct lock message would tell anyone which names exist (and lock them finding out).
WRONG = (
    "Enter a correct user name and password. After "
    f"{MAX_FAILURES} wrong attempts in a row sign-in is locked for "
    f"{int(LOCKOUT.total_seconds() // 60)} minutes; then try again later, or ask a platform "
    "administrator to reset your password."
)


@cache
def _dummy_hash() -> str:
    """What an unknown name's password is checked against, so it takes as long as a known one's.

    Made on first use, not at import: one argon2id hash briefly takes 64 MiB, which every
    process importing the API (gunicorn workers, the CLI) would otherwise pay at start.
    """
    return HASHER.hash("not a password anyone has")


class SignInRefused(Exception):
    """The sign-in failed; the message is safe to show as it is."""


@dataclass(frozen=True)
class PasswordChecked:
    user: UserInfo
    needs_code: bool


def credentials(access: AccessRegistry, user_id: Any) -> Credentials:
    found = access.find(Credentials.create_id(user_id), Credentials)
    return Credentials(user_id=user_id) if found is None else found


def check_strength(password: str) -> None:
    """The one rule every password keeps, whoever chooses it."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidValueError(
            f"A password needs at least {MIN_PASSWORD} characters; three random words work well."
        )


def set_password(access: AccessRegistry, name: str, password: str, *, temporary: bool) -> None:
    """Give ``name`` a password. ``temporary`` when an administrator or operator chose it for
    them: they know it too, so the user must choose their own when they next sign in (the
    demo's known passwords are not: its people sign in straight away)."""
    check_strength(password)
    user = access.active_user(name)
    creds = credentials(access, user.id)
    creds.set_password_hash(
        HASHER.hash(password), temporary=temporary, sessions_from=datetime.now(UTC)
    )
    access.save(creds)


def enable_two_factor(access: AccessRegistry, name: str, secret: str | None = None) -> str:
    """Give the user a new TOTP secret (returned once, for their authenticator app); not
    to a deactivated user, who signs in no more, nor over the secret they have: replacing it
    would stop their codes at once, which only a reset (a step of its own, on the page after
    a check) may do. The page and ``ledger users enable-2fa`` keep the same rule."""
    user = access.active_user(name)
    creds = credentials(access, user.id)
    if creds.totp_secret is not None:
        raise InvalidTransitionError(
            f"User {name!r} already has two-factor: reset it first (their authenticator's "
            "codes then stop working), then give them a new secret."
        )
    secret = secret or pyotp.random_base32()
    creds.enable_two_factor(secret)
    access.save(creds)
    return secret


def reset_two_factor(access: AccessRegistry, name: str) -> None:
    creds = credentials(access, access.user(name).id)
    if creds.totp_secret is None:
        raise InvalidTransitionError(f"User {name!r} has no two-factor secret to reset.")
    creds.reset_two_factor()
    access.save(creds)


def provisioning_uri(name: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="Partnership Ledger")


def check_password(
    access: AccessRegistry, name: str, password: str, now: datetime | None = None
) -> PasswordChecked:
    """The first step of signing in; raises ``SignInRefused`` for any failure."""
    now = now or datetime.now(UTC)
    user = _active_user(access, name)
    creds = credentials(access, user.id) if user else None
    if creds is not None and creds.locked_at(now):
        raise SignInRefused(WRONG)
    dummy = _dummy_hash()
    stored = creds.password_hash if creds and creds.password_hash else dummy
    try:
        ok = HASHER.verify(stored, password) and stored is not dummy
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None or creds is None:
        raise SignInRefused(WRONG)
    stronger = HASHER.hash(password) if ok and HASHER.check_needs_rehash(stored) else None

    def outcome(found: Credentials) -> str | None:
        if found.locked_at(now):  # guesses sent with this one locked the account meanwhile
            return WRONG
        if not ok:
            return _failure(found, now, WRONG, locked=WRONG)
        if found.password_hash != stored:  # the password changed while this one was checked
            return WRONG
        if stronger is not None:
            found.set_password_hash(stronger, found.must_choose_password)
        if not _needs_code(found, user):
            found.signed_in(-1)
        return None

    with acting_as(str(user.id)):  # the attempt is the user's own, in the history
        settled = _settle(access, creds, outcome)
    return PasswordChecked(user, _needs_code(settled, user))


def check_code(
    access: AccessRegistry, user_id: Any, code: str, now: datetime | None = None
) -> UserInfo:
    """The second step: a current 6-digit code from the user's authenticator, used once."""
    now = now or datetime.now(UTC)
    user = access.user_by_id(user_id)
    creds = credentials(access, user.id)
    if not user.active:
        raise SignInRefused(WRONG)
    typed = code.strip().replace(" ", "")

    def outcome(found: Credentials) -> str | None:
        if found.locked_at(now):
            return LOCKED
        if found.totp_secret is None:
            return (
                "Your account needs two-factor authentication but has none set up. Ask a "
                "platform administrator to set up two-factor for you."
            )
        step = _matching_step(found.totp_secret, typed, now)
        if step is None or step <= found.last_code_step:  # wrong, or used already
            return _failure(
                found, now, "Enter the current security code from your authenticator app."
            )
        found.signed_in(step)
        return None

    with acting_as(str(user.id)):
        _settle(access, creds, outcome)
    return user


def end_session(access: AccessRegistry, user_id: UUID, session: str) -> None:
    """Sign-out, recorded: the cookie is emptied in the browser, and refused if replayed."""
    creds = credentials(access, user_id)
    with acting_as(str(user_id)):
        creds.end_session(session, datetime.now(UTC))
        access.save(creds)


def session_ended(access: AccessRegistry, user_id: UUID, session: str, began: datetime) -> bool:
    found = access.find(Credentials.create_id(user_id), Credentials)
    return found is not None and found.session_ended(session, began)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    totp = pyotp.TOTP(secret)
    here = int(now.timestamp()) // totp.interval
    for step in (here - 1, here, here + 1):  # one step either side for clock drift
        if code.isdigit() and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def code_step(secret: str, code: str, now: datetime) -> int | None:
    """The step of a code an authenticator holding ``secret`` shows about now (setting one
    up), or None for a wrong code."""
    return _matching_step(secret, code.strip().replace(" ", ""), now)


def current_code(secret: str, at: float | None = None) -> str:
    """What an authenticator app would show now (for the demo and tests)."""
    return pyotp.TOTP(secret).at(at if at is not None else time.time())


def _needs_code(creds: Credentials, user: UserInfo) -> bool:
    return creds.totp_secret is not None or user.role in TWO_FACTOR_ROLES


def _failure(creds: Credentials, now: datetime, message: str, locked: str = LOCKED) -> str:
    """One more wrong password or code counted; what to say: ``locked`` once it locks."""
    creds.fail(now)
    return locked if creds.locked_at(now) else message


SETTLE_TRIES = 20


def _settle(
    access: AccessRegistry, creds: Credentials, outcome: Callable[[Credentials], str | None]
) -> Credentials:
    """Record an attempt's ``outcome`` on the user's credentials and raise its refusal, if any.

    Guesses sent together each load the same credentials, and only the first save stands:
    the others reload and apply their outcome again, so every failure is counted and a lock
    set meanwhile holds. Answering before the failure is saved would let an attacker guess
    many times more than the lockout allows (and a refused save would say "wrong").
    """
    for _ in range(SETTLE_TRIES):
        refusal = outcome(creds)
        try:
            access.save(creds)
        except IntegrityError:
            creds = credentials(access, creds.user_id)
            continue
        if refusal is not None:
            raise SignInRefused(refusal)
        return creds
    raise IntegrityError("Too many sign-ins for this account at once; try again in a minute.")


def _active_user(access: AccessRegistry, name: str) -> UserInfo | None:
    try:
        user = access.user(name.strip().lower())
    except (NotFoundError, InvalidValueError):
        return None
    return user if user.active else None
