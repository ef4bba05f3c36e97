"""What a taxonomy looks like from outside: every theme it ever held, retired ones included.

A listing is a frozen query result, so a region's list can be handed to each of its tenants
and an HTTP view can shape it, without either touching the aggregate. ``version`` is the
aggregate's *stored* version (its ETag), not counting changes not saved yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.errors import NotFoundError
from domain.themes.catalogue import Theme


@dataclass(frozen=True)
class ThemeEntry:
    theme: Theme
    retired_on: date | None = None
    retirement_reason: str | None = None
    region: str | None = None  # the region a followed theme came from

    @property
    def active(self) -> bool:
        return self.retired_on is None


@dataclass(frozen=True)
class ThemeListing:
    owner: str  # the region or tenant slug
    id: UUID
    version: int
    entries: tuple[ThemeEntry, ...]

    def labels(self) -> dict[str, str]:
        """Each theme's label by its code, retired ones too: old tags keep their names."""
        return {e.theme.code: e.theme.label for e in self.entries}

    def entry(self, code: str) -> ThemeEntry:
        for found in self.entries:
            if found.theme.code == code:
                return found
        raise NotFoundError(
            f"No theme has the code '{code}' here. List the themes to see the codes in use."
        )
