"""What a download's notes sheet says about whose table it is."""

from __future__ import annotations

from typing import Any

from tenants.platform import Platform

Notes = list[tuple[str, Any]]


def whose(platform: Platform, region: str | None = None, tenant: str | None = None) -> Notes:
    """The region and partnership as people call them ("West Midlands", not its key): the key
    is already in the file's name."""
    found: Notes = []
    if region is not None:
        found.append(("Region", platform.registry.region(region).name))
    if tenant is not None:
        found.append(("Partnership", platform.registry.tenant(tenant).name))
    return found


def left_out_words(count: int) -> str:
    """What a download or paper says of the records it left out because one of their stored
    events cannot be read (``tenants.unreadable.LeftOut``): never silently fewer rows."""
    records, verb, them = (
        ("1 record", "is", "it") if count == 1 else (f"{count} records", "are", "them")
    )
    return (
        f"{records} of the partnership could not be read and {verb} left out. The service has "
        f"logged {them} for the platform operator; ask your auditor to verify the "
        "partnership's integrity."
    )


def left_out(count: int) -> Notes:
    """The notes sheet's line on records left out, if any were."""
    return [("Left out", left_out_words(count))] if count else []


# How a JSON list answers how many records it left out (a list has no field for it; the
# download made of it reads it back into its notes and name).
UNREADABLE = "Unreadable-Records"
UNREADABLE_DOC = {
    UNREADABLE: {
        "description": "How many records are left out of the list because one of their "
        "stored events cannot be read (logged for the platform operator); 0 when none.",
        "schema": {"type": "integer", "minimum": 0},
    }
}


def unreadable_header(count: int) -> dict[str, str]:
    return {UNREADABLE: str(count)}
