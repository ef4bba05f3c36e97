"""What a budget's or a commissioned service's history names by key, as people read it.

A money record's events keep keys: the partnership a grant is allocated to ("wolverhampton"),
the business case a decision answers ("dhr-research"), a pot's partner or a service's funder
and provider (directory keys), the allocation spend is charged to ("chairs-authors"). The
history shows what each stands for: the partnership's name, the business case's title, the
body's name, the allocation's purpose. Titles and purposes come from the record's own events
(the event that named them), so a history read from any ledger needs nothing else; a key
nothing names reads as it was recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from api.web.history_words import Named


def money_names(
    events: Iterable[Any], partnerships: Mapping[str, str], agencies: Callable[[str], str]
) -> Named:
    """``partnerships``: the region's partnerships' names by slug; ``agencies``: the region's
    directory (``agency_names``)."""
    cases: dict[str, str] = {}
    purposes: dict[str, str] = {}
    partners: dict[str, str] = {}
    for event in events:
        kind = type(event).__name__
        if kind == "BusinessCaseSubmitted":
            cases[event.reference] = event.title
        elif kind == "AllocationPlanned":
            purposes[event.key] = event.purpose
        elif kind == "PartnerAdded" and hasattr(event, "partner"):
            partners[event.partner] = event.name

    def body(key: str) -> str:
        """A pot's partner as it joined, else the directory's body, else a partnership."""
        named = partners.get(key) or agencies(key)
        return partnerships.get(key, key) if named == key else named

    def allocation(key: str) -> str:
        return purposes.get(key, key)

    return {
        "tenant": ("Partnership", lambda slug: partnerships.get(slug) or body(slug)),
        "case_reference": ("Business case", lambda ref: cases.get(ref, ref)),
        "key": ("Allocation", allocation),
        "allocation": ("Allocation", allocation),
        "partner": ("Partner", body),
        "area": ("Area", body),
        "lead": ("Lead", body),
        "funder": ("Funder", body),
        "provider": ("Provider", body),
    }
