"""What a download's notes sheet says about whose table it is."""

from __future__ import annotations

from collections.abc import Mapping
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


def left_out_words(count: int, whose: str = "the partnership") -> str:
    """What a download or paper says of the records it left out because one of their stored
    events cannot be read (``tenants.unreadable.LeftOut``): never silently fewer rows.
    ``whose``: the partnership they belong to, by name where there are several."""
    records, verb, them = (
        ("1 record", "is", "it") if count == 1 else (f"{count} records", "are", "them")
    )
    return (
        f"{records} of {whose} could not be read and {verb} left out. The service has "
        f"logged {them} for the platform operator; ask your auditor to verify the "
        "partnership's integrity."
    )


def each_left_out_words(by_partnership: Mapping[str, int]) -> str:
    """``left_out_words`` for each partnership (by name) that left records out, as one text."""
    return " ".join(left_out_words(n, name) for name, n in sorted(by_partnership.items()) if n)


def left_out(count: int, words: str | None = None) -> Notes:
    """The notes sheet's line on records left out, if any were; ``words``: said otherwise
    than of one partnership (``each_left_out_words``)."""
    return [("Left out", words or left_out_words(count))] if count else []


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
