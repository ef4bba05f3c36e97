"""The action plan's Owner filter: one choice per body, however its actions were recorded.

Owners stay in the events as recorded: a directory key for actions planned since the region
kept a directory ("housing"), free text before ("Housing"). Offered as recorded, one body
would be two choices and picking one would miss the other's actions. So the filter offers
each owner once by the name the directory gives it (text the directory does not know stays as
recorded, one choice whatever its case, as the API's owner filter compares it), and choosing a
name finds every action that reads so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OwnerFilter:
    names: Callable[[str], str]  # a recorded owner as people read it (``agency_names``)
    chosen: str = ""  # the name asked for; "" for any owner

    @classmethod
    def asked(cls, names: Callable[[str], str], asked: str) -> OwnerFilter:
        """The filter ``?owner=`` asks for: a name, or a key or alias an older link carries."""
        return cls(names, names(asked.strip()) if asked.strip() else "")

    def admits(self, owner: str) -> bool:
        return not self.chosen or self.names(owner).casefold() == self.chosen.casefold()

    def items(self, owners: Iterable[str]) -> list[dict[str, Any]]:
        """The select's items: any owner, then each body once, in alphabetical order."""
        shown: dict[str, str] = {}
        for name in (self.names(owner) for owner in owners):
            shown.setdefault(name.casefold(), name)
        if self.chosen:
            shown.setdefault(self.chosen.casefold(), self.chosen)
        chosen = self.chosen.casefold() if self.chosen else None
        return [{"value": "", "text": "Any owner"}] + [
            {"value": name, "text": name, "selected": folded == chosen}
            for folded, name in sorted(shown.items())
        ]
