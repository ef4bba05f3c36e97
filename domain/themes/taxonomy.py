"""``Taxonomy``: the themes an owner (a tenant or a region) tags findings and recommendations with.

It starts from a copy of the default catalogue *recorded in its first event*, so a later change
to the code's defaults never changes what an old tag meant. Retired themes stay resolvable;
only new tagging with them is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.themes.catalogue import CODE_PATTERN, DEFAULT_THEMES, Theme, ThemeKind, ThemeSource

_A = {ThemeKind.THEME: "a theme", ThemeKind.ADDRESSEE: "an addressee"}


class Taxonomy(LedgerAggregate):
    @staticmethod
    def create_id(owner_slug: str) -> UUID:
        return ledger_id(f"taxonomy:{owner_slug}")

    @classmethod
    def from_default(cls, owner_slug: str) -> Taxonomy:
        return cls(owner_slug=owner_slug, themes=DEFAULT_THEMES)

    @event("Started")
    def __init__(self, owner_slug: str, themes: tuple[Theme, ...]) -> None:
        self.owner_slug = owner_slug
        self.themes: dict[str, Theme] = {t.code: t for t in themes}
        self.retired: dict[str, date] = {}

    # queries
    def resolve(self, code: str) -> Theme:
        """The theme behind a code, retired or not (old tags keep their meaning)."""
        try:
            return self.themes[code]
        except KeyError:
            raise NotFoundError(
                f"No theme has the code '{code}'. List the taxonomy to see the codes in use."
            ) from None

    def active(self, kind: ThemeKind | None = None) -> tuple[Theme, ...]:
        return tuple(
            t for t in self.themes.values()
            if t.code not in self.retired and (kind is None or t.kind == kind)
        )

    def check_taggable(self, codes: Iterable[str], kind: ThemeKind) -> None:
        """Refuse unknown, retired or wrong-kind codes for *new* tagging."""
        for code in codes:
            theme = self.themes.get(code)
            if theme is None:
                raise InvalidValueError(
                    f"'{code}' is not a known {kind} code in this taxonomy. "
                    "Use a listed code, or add the theme to the taxonomy first."
                )
            if theme.kind != kind:
                raise InvalidValueError(
                    f"'{code}' is {_A[theme.kind]} code, not {_A[kind]} code; use {_A[kind]} code."
                )
            if code in self.retired:
                raise InvalidValueError(
                    f"The {kind} '{code}' was retired on {self.retired[code].isoformat()}; "
                    "choose a current one."
                )

    # commands
    def add_theme(self, code: str, label: str, kind: ThemeKind, home_office_code: str) -> None:
        kind = ThemeKind(kind)
        if not CODE_PATTERN.match(code):
            raise InvalidValueError(
                f"'{code}' is not a valid code: use lower-case words joined by hyphens."
            )
        if code in self.themes:
            raise DuplicateError(f"The code '{code}' is already in the taxonomy; choose another.")
        if not label.strip():
            raise InvalidValueError("A theme needs a label; give it a short readable name.")
        parent = self.themes.get(home_office_code)
        if parent is None or parent.source != ThemeSource.HOME_OFFICE or parent.kind != kind:
            raise InvalidValueError(
                f"'{home_office_code}' is not a Home Office Library {kind} code; map the new "
                f"{kind} to one of them (use 'other' if none fits)."
            )
        self._add(Theme(code, label.strip(), kind, ThemeSource.REGION, home_office_code))

    @event("ThemeAdded")
    def _add(self, theme: Theme) -> None:
        self.themes[theme.code] = theme

    def retire_theme(self, code: str, retired_on: date, reason: str) -> None:
        self.resolve(code)
        if code in self.retired:
            raise InvalidTransitionError(
                f"The theme '{code}' is already retired (since {self.retired[code].isoformat()})."
            )
        if not reason.strip():
            raise InvalidValueError("Say why the theme is being retired.")
        self._retire(code=code, retired_on=retired_on, reason=reason.strip())

    @event("ThemeRetired")
    def _retire(self, code: str, retired_on: date, reason: str) -> None:
        self.retired[code] = retired_on
