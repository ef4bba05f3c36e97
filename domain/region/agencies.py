"""Which partner agency a recorded owner or IMR agency stands for.

Actions and IMRs recorded before the directory existed name their agency in free text
("Police"); newer ones carry the directory key. Both are one agency when the directory
resolves them to the same entry (by key, name or mapped alias), so an agency's user sees
its records whatever they were called when recorded.
"""

from __future__ import annotations

from domain.region.partners import Partner, PartnerDirectory


def agency_entry(directory: PartnerDirectory, recorded: str) -> Partner | None:
    """The directory entry a recorded agency stands for, or None if the directory does not
    know it: the one rule for "which agency is this", so pages and reminders agree."""
    return directory.resolve(recorded.strip())


def agency_key(directory: PartnerDirectory, recorded: str) -> str | None:
    """The directory key a recorded agency stands for, or None if the directory does not know it."""
    found = agency_entry(directory, recorded)
    return None if found is None else found.key


def owned_by(directory: PartnerDirectory, key: str, recorded: str) -> bool:
    """Whether ``recorded`` (an owner or IMR agency as stored) is the agency ``key``."""
    return bool(key) and agency_key(directory, recorded) == key


def agency_label(directory: PartnerDirectory, recorded: str) -> str:
    """What a person sees: the directory's name for a key or alias, else the text as recorded."""
    found = agency_entry(directory, recorded)
    return recorded if found is None else found.name
