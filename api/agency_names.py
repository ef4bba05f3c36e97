"""Owners and IMR agencies by the names people know them by, wherever they are shown.

An action's owner and an IMR's agency stay in their events as recorded: a partner-directory
key since the region keeps a directory ("leicestershire-police"), free text before ("Police").
Nothing stored is rewritten; pages, downloads and board papers read the region's directory
once and name each value through ``agency_label``, so a key or an alias reads as its body's
name and text the directory does not know reads as it was recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import partial
from typing import Any

from domain.actionplan import PlanLine
from domain.region import PartnerDirectory
from domain.region.agencies import agency_key, agency_label
from tenants.platform import Platform


def directory_for(platform: Platform, tenant: str) -> PartnerDirectory:
    """The partner directory of the partnership's region, as it stands now."""
    region = platform.registry.recent_tenant(tenant).region
    with platform.region_ledgers.lease(region, writing=False) as region_ledger:
        return region_ledger.partners.directory()


def agency_names_in(platform: Platform, tenant: str) -> Callable[[str], str]:
    """How the partnership's region names a recorded agency (its directory read once)."""
    return partial(agency_label, directory_for(platform, tenant))


def with_owner_names(
    lines: Iterable[PlanLine], names: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Plan lines with ``owner_name`` beside ``owner``, as ``theme_names`` sits beside
    ``theme_codes``: what the plan's tables and papers show, the recorded owner kept."""
    return [{**asdict(line), "owner_name": names(line.owner)} for line in lines]


def owner_asked(directory: PartnerDirectory, asked: str) -> Callable[[str], bool]:
    """The API's ``?owner=``: an owner recorded as asked (any case), as it always matched, and
    every action of the body a name, key or alias asked for stands for, however recorded."""
    wanted, body = asked.strip().casefold(), agency_key(directory, asked)
    return lambda owner: (
        owner.casefold() == wanted or (body is not None and agency_key(directory, owner) == body)
    )
