"""``Taxonomy``: the themes a partnership tags findings and recommendations with.

It starts from a copy of the default catalogue *recorded in its first event*, so a later change
to the code's defaults never changes what an old tag meant. The partnership may add and retire
its own themes; its region's themes are followed (``following.py``), not edited here. Retired
themes stay resolvable; only new tagging with them is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.texts import required_text
from domain.themes.catalogue import DEFAULT_THEMES, Theme, ThemeKind, ThemeSource
from domain.themes.following import Adopt, Reinstate, follow
from domain.themes.listing import ThemeEntry, ThemeListing
from domain.themes.naming import new_theme

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
        self.reasons: dict[str, str] = {}
        self.region_of: dict[str, str] = {}  # followed themes: the region each came from

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
            t
            for t in self.themes.values()
            if t.code not in self.retired and (kind is None or t.kind == kind)
        )

    def by_word(self, kind: ThemeKind) -> dict[str, str]:
        """Each code of ``kind`` under its label and under itself, in lower case: what a person
        may write for it (an import's cell says "Training" or "training"). A code wins over
        another theme's label of the same spelling."""
        of_kind = [t for t in self.themes.values() if t.kind == kind]
        return {t.label.casefold(): t.code for t in of_kind} | {
            t.code.casefold(): t.code for t in of_kind
        }

    def listing(self) -> ThemeListing:
        entries = tuple(
            ThemeEntry(
                t, self.retired.get(t.code), self.reasons.get(t.code), self.region_of.get(t.code)
            )
            for t in self.themes.values()
        )
        stored = self.version - len(self.pending_events)
        return ThemeListing(self.owner_slug, self.id, stored, entries)

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
        """The partnership's own theme (a region's themes arrive by ``follow_region``)."""
        self._add(new_theme(code, label, kind, home_office_code, ThemeSource.TENANT, self.themes))

    @event("ThemeAdded")
    def _add(self, theme: Theme) -> None:
        self.themes[theme.code] = theme

    def follow_region(self, region: ThemeListing, on: date) -> None:
        """Record whatever it takes for the region's themes to stand here as in ``region``."""
        for step in follow(self, region, on):
            if isinstance(step, Adopt):
                self._adopt(*step)
            elif isinstance(step, Reinstate):
                self._reinstate(*step)
            else:
                self._retire(*step)

    @event("RegionThemeAdopted")
    def _adopt(self, theme: Theme, region: str) -> None:
        self.themes[theme.code] = theme
        self.region_of[theme.code] = region

    def retire_theme(self, code: str, retired_on: date, reason: str) -> None:
        self.resolve(code)
        if code in self.region_of:
            raise InvalidTransitionError(
                f"'{code}' is a theme of region '{self.region_of[code]}'; its regional lead "
                "retires it for every partnership of the region."
            )
        if code in self.retired:
            raise InvalidTransitionError(
                f"The theme '{code}' is already retired (since {self.retired[code].isoformat()})."
            )
        reason = required_text(reason, "Say why the theme is being retired.")
        self._retire(code=code, retired_on=retired_on, reason=reason)

    @event("ThemeRetired")
    def _retire(self, code: str, retired_on: date, reason: str) -> None:
        self.retired[code] = retired_on
        self.reasons[code] = reason

    @event("ThemeReinstated")
    def _reinstate(self, code: str, reinstated_on: date, reason: str) -> None:
        self.retired.pop(code, None)
        self.reasons.pop(code, None)
