"""A region adds or retires its own themes, and every active tenant of it follows at once.

The region's list is the truth (``RegionThemes``, platform store); each tenant records what
it follows in its own store. Pushing right away keeps every tenant's history current; a
tenant that could not be written just now (suspended, or a failure half-way) is not wrong,
only behind, and catches up the next time its taxonomy is used or it is reinstated.
"""

from __future__ import annotations

import logging
from datetime import date

from eventsourcing.persistence import IntegrityError

from domain.errors import DomainError, DuplicateError
from domain.themes import Theme, ThemeKind
from tenants.platform import Platform

log = logging.getLogger(__name__)


def add_region_theme(
    platform: Platform,
    region: str,
    code: str,
    label: str,
    kind: ThemeKind | str,
    home_office_code: str,
) -> Theme:
    """Refused if a partnership of the region already uses the code for a theme of its own."""
    platform.registry.region(region)
    for tenant in platform.registry.tenants(region):
        with platform.ledgers.lease(tenant.slug, writing=False) as ledger:
            taken = {e.theme.code: e for e in ledger.themes.listing().entries}.get(code)
        if taken is not None and taken.region != region:
            raise DuplicateError(
                f"The partnership '{tenant.slug}' already uses the code '{code}' for "
                f"'{taken.theme.label}'; choose another code for the region's theme."
            )
    theme = platform.region_themes.add_theme(region, code, label, kind, home_office_code)
    follow(platform, region)
    return theme


def retire_region_theme(
    platform: Platform, region: str, code: str, retired_on: date, reason: str
) -> None:
    """Retire it in the region and so in every tenant of it; old tags keep their meaning."""
    platform.registry.region(region)
    platform.region_themes.retire_theme(region, code, retired_on, reason)
    follow(platform, region)


def follow(platform: Platform, region: str) -> int:
    """Push the region's themes into each of its tenants' stores; how many changed."""
    changed = 0
    for tenant in platform.registry.tenants(region):
        try:
            changed += platform.ledgers.sync_region_themes(tenant.slug)
        except (DomainError, IntegrityError):
            log.warning("tenant %s will catch up on region %s's themes later", tenant.slug, region)
    return changed
