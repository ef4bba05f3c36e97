"""Free text a command cannot do without: a reason, an addressee, a finding, a label.

Blank text is refused in the command's own words, which say what is missing and why it
matters; what is kept is the text without surrounding spaces.
"""

from __future__ import annotations

from domain.errors import InvalidValueError


def required_text(text: str, refusal: str) -> str:
    """``text`` stripped; blank raises ``InvalidValueError(refusal)``."""
    if not text.strip():
        raise InvalidValueError(refusal)
    return text.strip()
