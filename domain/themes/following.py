"""How a tenant's taxonomy follows its region's: the region's themes mirrored, never edited.

A theme the region adds is adopted (recorded in the tenant's own store, source ``region``);
one it retires is retired here on the same date; when the partnership moves to another
region, the old region's themes retire ("no longer in the region") and, should it move
back, are reinstated. Retired themes keep resolving, so old tags keep their meaning. A code
the partnership already uses for its own theme keeps that meaning and is not adopted.
Following is idempotent: run it as often as you like; it records only what differs.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from domain.themes.catalogue import Theme
from domain.themes.listing import ThemeListing


class FollowingRegion:
    """Mixed into ``Taxonomy``, which provides the state and the event methods used here."""

    if TYPE_CHECKING:
        themes: dict[str, Theme]
        retired: dict[str, date]
        region_of: dict[str, str]

        def _adopt(self, theme: Theme, region: str) -> None: ...
        def _retire(self, code: str, retired_on: date, reason: str) -> None: ...
        def _reinstate(self, code: str, reinstated_on: date, reason: str) -> None: ...

    def follow_region(self, region: ThemeListing, on: date) -> None:
        """Record whatever it takes for the region's themes to stand here as in ``region``."""
        listed = {e.theme.code: e for e in region.entries}
        for code, entry in listed.items():
            if code not in self.themes and entry.active:
                self._adopt(theme=entry.theme, region=region.owner)
        for code, source in list(self.region_of.items()):
            now = listed.get(code) if source == region.owner else None
            if now is not None and now.active:
                if code in self.retired:
                    self._reinstate(
                        code=code,
                        reinstated_on=on,
                        reason=f"The partnership is in region '{source}' again.",
                    )
            elif code not in self.retired:
                if now is not None and now.retired_on is not None:
                    self._retire(code, now.retired_on, now.retirement_reason or "")
                else:
                    self._retire(code, on, f"The partnership is no longer in region '{source}'.")
