"""Free text a command cannot do without: a reason, an addressee, a finding, a label.

Blank text is refused in the command's own words, which say what is missing and why it
matters; what is kept is the text without surrounding spaces.
"""

from __future__ import annotations

import re

from domain.errors import InvalidValueError

WRITTEN = 4000
"""The longest a review's own words may be: a finding, a recommendation, an action, a
progress update, an impact review's notes. One limit, however they are recorded or corrected
(the API's schemas and the pages' forms take it from here), so nothing recorded one way
cannot be corrected another."""
NAMED = 200
"""The longest an organisation's or an owner's name may be."""


def required_text(text: str, refusal: str) -> str:
    """``text`` stripped; blank raises ``InvalidValueError(refusal)``."""
    if not text.strip():
        raise InvalidValueError(refusal)
    return text.strip()


# NUL and other C0/C1 controls (tab and new line allowed; a carriage return only before a new
# line), bidirectional embeddings, overrides and isolates (which make text read differently
# from what is stored), unpaired surrogates (cannot be stored as UTF-8) and non-characters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
    "|\r(?!\n)"
)
_NAMES = {"\x00": "a NUL character", "\r": "a carriage return without a new line"}


def not_plain(value: str) -> str | None:
    """What makes ``value`` unfit to keep (characters that are invisible, reorder the text, or
    cannot be stored), in words; None when it is plain text. The API, the pages and the
    commands that take text from elsewhere (the CLI) all ask this."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    char = found.group()[0]
    name = _NAMES.get(char) or (
        "an unpaired surrogate"
        if "\ud800" <= char <= "\udfff"
        else "a bidirectional override"
        if "\u202a" <= char <= "\u2069"
        else "a control character"
    )
    return f"Contains {name} (U+{ord(char):04X} at character {found.start() + 1})"
