"""The draft a panel is writing, and the earlier recommendations it is compared with.

``Reach`` says why the reader may see an earlier recommendation: it is their own
partnership's (every one), or it belongs to a published review — public — of their region
or of any other region.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.actionplan import Scope
from domain.errors import InvalidValueError
from domain.learning.outcomes import ActionOutcomes, Outcome
from domain.texts import visible


class Reach(StrEnum):
    OWN = "own"
    REGION = "region"
    NATIONAL = "national"


@dataclass(frozen=True)
class Draft:
    text: str
    theme_codes: tuple[str, ...] = ()
    addressee: str | None = None  # a service sector (an addressee theme code)
    organisation: str | None = None

    def __post_init__(self) -> None:
        if not visible(self.text) and not self.theme_codes:
            raise InvalidValueError(
                "Give the draft recommendation's text (or at least its themes) to compare."
            )
        object.__setattr__(self, "theme_codes", tuple(self.theme_codes))


@dataclass(frozen=True)
class EarlierRecommendation:
    tenant: str
    region: str
    recommendation_id: UUID
    review_id: UUID
    text: str
    scope: Scope
    theme_codes: tuple[str, ...]
    addressee: str | None
    organisation: str | None
    made_on: date  # shown as its year only outside the region's own views
    published: bool
    outcomes: ActionOutcomes
    outcome: Outcome
    open_actions: bool = False  # an action is still to be done
    national_status: str = "not_routed"  # the Commissioner's scale once routed nationally

    @property
    def year(self) -> int:
        return self.made_on.year

    def visible_as(self, reader_tenant: str, reader_region: str) -> Reach | None:
        """How a reader of ``reader_tenant`` may see it, or None when they may not."""
        if self.tenant == reader_tenant:
            return Reach.OWN
        if not self.published:
            return None
        return Reach.REGION if self.region == reader_region else Reach.NATIONAL
