"""A person sets up two-factor for themselves, from Your account: their authenticator app is
given a new secret, and a code from it proves the app has it before it counts.

An administrator can still give a secret (``signin.enable_two_factor``, for a role that needs
one before its first sign-in); this is for anyone who wants the security code, an officer
recording the most sensitive data on the platform included. Their current password comes
first, so an unlocked screen is not enough to tie the account to someone else's phone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as
from tenants.users.access import AccessRegistry
from tenants.users.passwords import check_current
from tenants.users.signin import code_step, credentials

WRONG_CODE = (
    "Enter the 6-digit code your authenticator app shows now for Partnership Ledger, after "
    "adding the setup key"
)
ALREADY = "You have two-factor set up already: you sign in with a code from your app."


def set_up_two_factor(
    access: AccessRegistry,
    user_id: UUID,
    current: str,
    secret: str,
    code: str,
    now: datetime | None = None,
) -> None:
    """Their password, then a current code from the app holding ``secret``; then it is theirs."""
    now = now or datetime.now(UTC)
    creds = credentials(access, user_id)
    with acting_as(str(user_id)):
        check_current(access, creds, current, now)
        if creds.totp_secret is not None:
            raise InvalidTransitionError(ALREADY)
        step = code_step(secret, code, now)
        if step is None:
            raise InvalidValueError(WRONG_CODE)
        creds.enable_two_factor(secret, code_step=step)  # that code is spent: not a sign-in
        access.save(creds)
