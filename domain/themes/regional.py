"""``RegionTaxonomy``: the themes a region adds for all its partnerships, and retires again.

Recorded in the platform's store (a region is not a tenant), and *followed* by each tenant
of the region into its own ``Taxonomy`` (``following.py``), so every partnership's history
stays self-contained: a tag is always checked against themes recorded in that tenant's store.
Only the region's own themes are listed here; the default catalogue belongs to everyone.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.ids import ledger_id
from domain.recording import LedgerAggregate
from domain.texts import required_text
from domain.themes.catalogue import DEFAULT_THEMES, Theme, ThemeKind, ThemeSource
from domain.themes.listing import ThemeEntry, ThemeListing
from domain.themes.naming import new_theme

_DEFAULTS = {t.code: t for t in DEFAULT_THEMES}


class RegionTaxonomy(LedgerAggregate):
    @staticmethod
    def create_id(region: str) -> UUID:
        return ledger_id("region-taxonomy", region)

    @event("Started")
    def __init__(self, region: str) -> None:
        self.region = region
        self.themes: dict[str, Theme] = {}
        self.retired: dict[str, tuple[date, str]] = {}

    def add_theme(
        self, code: str, label: str, kind: ThemeKind | str, home_office_code: str
    ) -> Theme:
        theme = new_theme(
            code, label, kind, home_office_code, ThemeSource.REGION, {**_DEFAULTS, **self.themes}
        )
        self._add(theme)
        return theme

    @event("ThemeAdded")
    def _add(self, theme: Theme) -> None:
        self.themes[theme.code] = theme

    def retire_theme(self, code: str, retired_on: date, reason: str) -> None:
        if code not in self.themes:
            if code in _DEFAULTS:
                raise InvalidValueError(
                    f"'{code}' is in the default catalogue, not one of the region's own themes; "
                    "each partnership retires defaults in its own taxonomy."
                )
            raise NotFoundError(f"The region has no theme '{code}'; list its themes to check.")
        if code in self.retired:
            raise InvalidTransitionError(
                f"The theme '{code}' is already retired (since {self.retired[code][0].isoformat()})."
            )
        if not isinstance(retired_on, date):
            raise InvalidValueError("Give the retirement date as a date.")
        reason = required_text(reason, "Say why the theme is being retired.")
        self._retire(code=code, retired_on=retired_on, reason=reason)

    @event("ThemeRetired")
    def _retire(self, code: str, retired_on: date, reason: str) -> None:
        self.retired[code] = (retired_on, reason)

    def listing(self) -> ThemeListing:
        entries = []
        for theme in self.themes.values():
            retired_on, reason = self.retired.get(theme.code, (None, None))
            entries.append(ThemeEntry(theme, retired_on, reason, self.region))
        stored = self.version - len(self.pending_events)
        return ThemeListing(self.region, self.id, stored, tuple(entries))


def empty_listing(region: str) -> ThemeListing:
    """A region that never added a theme: nothing for its tenants to follow."""
    return ThemeListing(region, RegionTaxonomy.create_id(region), 0, ())
