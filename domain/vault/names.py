"""Whether a pseudonym looks like someone's real full name."""

from __future__ import annotations

import re

_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*$")


def looks_like_full_name(text: str) -> bool:
    """Two or more capitalised words ("Jane Smithfield"): how real names are written.

    Pseudonyms in published DHRs are one word ("Mary") or initials ("FN", "Mrs A"), so a
    pseudonym of this shape is far more likely a real name typed by mistake.
    """
    words = text.split()
    return len(words) >= 2 and sum(1 for w in words if _WORD.match(w)) >= 2
