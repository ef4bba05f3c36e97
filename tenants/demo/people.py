"""Demo users, one per role, so a newcomer can call the API straight after `make run`.

Only the users are created; tokens are issued on request and shown once, as always.
"""

from __future__ import annotations

from tenants.platform import Platform

# (name, role, tenants, regions)
DEMO_USERS = (
    ("demo-admin", "platform_admin", (), ()),
    ("demo-birmingham-officer", "csp_officer", ("birmingham",), ()),
    ("demo-birmingham-lead", "csp_lead", ("birmingham",), ()),
    ("demo-west-midlands-analyst", "regional_lead", (), ("west-midlands",)),
    ("demo-auditor", "auditor", (), ("west-midlands",)),
)


def ensure_users(platform: Platform) -> list[str]:
    """Add the demo users that are missing; return every demo user's name."""
    existing = {u.name for u in platform.access.users()}
    for name, role, tenants, regions in DEMO_USERS:
        if name not in existing:
            platform.access.add_user(name, role, tenants, regions)
    return [name for name, *_ in DEMO_USERS]
