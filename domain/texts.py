"""Free text a command cannot do without: a reason, an addressee, a finding, a label.

Blank text is refused in the command's own words, which say what is missing and why it
matters; what is kept is the text without surrounding spaces.
"""

from __future__ import annotations

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
