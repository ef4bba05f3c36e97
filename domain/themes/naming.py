"""The rules a new theme must meet, whoever adds it (a partnership or a region).

Shared so that a region's theme and a partnership's own theme are judged alike: a stable,
well-formed code nobody uses yet, a readable label, and a Home Office Library code to roll
up to, so that locally added themes still flow into national analyses.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.errors import DuplicateError, InvalidValueError
from domain.texts import required_text
from domain.themes.catalogue import CODE_PATTERN, Theme, ThemeKind, ThemeSource


def new_theme(
    code: str,
    label: str,
    kind: ThemeKind | str,
    home_office_code: str,
    source: ThemeSource,
    known: Mapping[str, Theme],
) -> Theme:
    """The theme to record, or the domain error saying what to change (``known``: codes in use)."""
    kind = ThemeKind(kind)
    if home_office_code == "other" and kind == ThemeKind.ADDRESSEE:
        home_office_code = "other-addressee"  # 'other' is the catch-all of either kind
    if not CODE_PATTERN.match(code):
        raise InvalidValueError(
            f"'{code}' is not a valid code: use lower-case words joined by hyphens."
        )
    if code in known:
        raise DuplicateError(f"The code '{code}' is already in the taxonomy; choose another.")
    label = required_text(label, "A theme needs a label; give it a short readable name.")
    parent = known.get(home_office_code)
    if parent is None or parent.source != ThemeSource.HOME_OFFICE or parent.kind != kind:
        raise InvalidValueError(
            f"'{home_office_code}' is not a Home Office Library {kind} code; map the new "
            f"{kind} to one of them (use 'other' if none fits)."
        )
    return Theme(code, label, kind, source, home_office_code)
