"""Free text a command cannot do without: a reason, an addressee, a finding, a label.

Blank text is refused in the command's own words, which say what is missing and why it
matters; what is kept is the text without surrounding spaces. Blank means showing nothing
(``visible``), not just empty after ``str.strip``: every command that needs a text asks
``required_text``, so the pages and the CLI refuse the lone accent or zero-width space the
API's schemas refuse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from domain.errors import InvalidValueError

WRITTEN = 4000
"""The longest a review's own words may be: a finding, a recommendation, an action, a
progress update, an impact review's notes. One limit, however they are recorded or corrected
(the API's schemas and the pages' forms take it from here), so nothing recorded one way
cannot be corrected another."""
NAMED = 200
"""The longest an organisation's or an owner's name may be."""
REASON = 500
"""The longest a reason for an administrator's change may be (deactivating a user): the API's
``ReasonIn`` and the admin pages' ``ReasonForm`` take it from here, and the command itself
holds to it, so the CLI cannot keep what they refuse."""


def required_text(text: str, refusal: str) -> str:
    """``text`` stripped; blank (nothing ``visible``) raises ``InvalidValueError(refusal)``."""
    if not visible(text):
        raise InvalidValueError(refusal)
    return text.strip()


def limited_text(
    value: object, refusal: str, max_length: int, too_long: Callable[[int], str]
) -> str:
    """``value`` as ``required_text`` keeps it, for a value that may not be text at all (a
    correction's JSON, a command's argument): refused with ``refusal`` unless it is text that
    shows something, and with ``too_long(its length)`` when longer than ``max_length``."""
    if not isinstance(value, str):
        raise InvalidValueError(refusal)
    text = required_text(value, refusal)
    if len(text) > max_length:
        raise InvalidValueError(too_long(len(text)))
    return text


# NUL and other C0/C1 controls (tab and new line allowed; a carriage return only before a new
# line), bidirectional embeddings, overrides, isolates and marks (which make text read
# differently from what is stored), unpaired surrogates (cannot be stored as UTF-8),
# non-characters, and the other invisible format characters (Unicode category Cf): zero-width
# space, word joiner and invisible operators, the byte order mark, the soft hyphen, interlinear
# annotations, tag characters. Each makes two texts that read alike differ (a name that no
# longer matches itself, an owner counted twice) or a text that reads as blank count as given.
# Kept, because real text needs them: the zero-width non-joiner and joiner (U+200C, U+200D;
# Persian and Indic spelling, emoji sequences), the Cf marks that print (the Arabic number
# signs and other prepended concatenation marks), and tag characters inside a subdivision flag
# (England's, Scotland's, Wales's: U+1F3F4, tags, U+E007F). tests/unit/test_texts.py checks
# this list against Python's Unicode database.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
    "|\r(?!\n)"
)
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_NAMES = {"\x00": "a NUL character", "\r": "a carriage return without a new line"}
_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u061c\u200e\u200f")
# Letters that print nothing (the Hangul fillers) and the blank braille pattern.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: a letter, digit, punctuation mark or symbol. Spaces,
    invisible characters and combining accents with nothing to sit on read as blank, so text
    that must be given (a pseudonym, a reason) is not given by them."""
    return any(
        unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LOOKING for char in text
    )


def not_plain(value: str) -> str | None:
    """What makes ``value`` unfit to keep (characters that are invisible, reorder the text, or
    cannot be stored), in words; None when it is plain text. The API's schemas, the pages'
    forms, the imports and the commands every channel reaches ask the same."""
    found = _FORBIDDEN.search(_FLAG.sub(lambda flag: "f" * len(flag.group()), value))
    if found is None:
        return None
    char = found.group()[0]
    name = _NAMES.get(char) or (
        "an unpaired surrogate"
        if "\ud800" <= char <= "\udfff"
        else "a bidirectional override"
        if char in _BIDI_OVERRIDES
        else "a bidirectional mark"
        if char in _BIDI_MARKS
        else "an invisible formatting character"
        if unicodedata.category(char) == "Cf"
        else "a control character"
    )
    return f"Contains {name} (U+{ord(char):04X} at character {found.start() + 1})"


def plain_text(text: str, what: str, most: int) -> str:
    """``text`` stripped, refused when longer than ``most`` or not plain text: checked in the
    command itself, so the CLI, which has no schema or form in front of it, keeps the rule
    the pages and the API keep."""
    kept = text.strip()
    if len(kept) > most:
        raise InvalidValueError(f"The {what} is {len(kept):,} characters; keep it to {most}.")
    problem = not_plain(kept)
    if problem is not None:
        raise InvalidValueError(
            f"The {what} {problem[0].lower()}{problem[1:]}; delete it (it may have come with "
            "text pasted from another document) and give plain text: printable characters, "
            "tabs and new lines only."
        )
    return kept
