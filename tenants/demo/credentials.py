"""Demo sign-in details: one known password for every demo user, and fixed two-factor secrets
for the roles that need them, so `make run` can print how to sign in every time it runs.

Only for the demo, set as the system, not as an administrator's temporary password, so the
demo's people sign in straight away: real users are given a temporary one
(``ledger users set-password``) and choose their own at their first sign-in.
"""

from __future__ import annotations

import base64
import hashlib

from tenants.users.access import AccessRegistry
from tenants.users.model import Role
from tenants.users.signin import (
    TWO_FACTOR_ROLES,
    credentials,
    enable_two_factor,
    reset_two_factor,
    set_password,
)

DEMO_PASSWORD = "demo-password-1"


def demo_totp_secret(name: str) -> str:
    digest = hashlib.sha256(f"partnership-ledger-demo-totp:{name}".encode()).digest()
    return base64.b32encode(digest[:20]).decode()


def ensure_demo_credentials(access: AccessRegistry, names: list[str]) -> list[str]:
    """Give each demo user the demo password (and a TOTP secret where the role needs one);
    return lines saying how each signs in."""
    lines = []
    for name in names:
        user = access.user(name)
        creds = credentials(access, user.id)
        if creds.password_hash is None:
            set_password(access, name, DEMO_PASSWORD, temporary=False)  # signs in straight away
        line = f"  {name} ({user.role}): password {DEMO_PASSWORD}"
        if Role(user.role) in TWO_FACTOR_ROLES:
            secret = demo_totp_secret(name)
            if creds.totp_secret != secret:  # none yet, or changed since: reset, then give
                if creds.totp_secret is not None:
                    reset_two_factor(access, name)
                enable_two_factor(access, name, secret)
            line += f", two-factor secret {secret}"
        lines.append(line)
    return lines
