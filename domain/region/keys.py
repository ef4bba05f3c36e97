"""Keys of things a region ledger holds (partners, groups, services): short, stable, URL-safe."""

from __future__ import annotations

import re

from domain.errors import InvalidValueError

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,78}[a-z0-9]$")


def check_key(key: object, what: str) -> str:
    if not isinstance(key, str) or not KEY.match(key):
        raise InvalidValueError(
            f"{what} {key!r} is not valid: use 2-80 lower-case letters, digits and hyphens "
            "(e.g. 'leicestershire-police')."
        )
    return key
