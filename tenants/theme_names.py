"""What a region's views call each theme and target sector they count: the name its
partnerships' taxonomies give the code.

The read models count codes only (a name can change; the code a case was tagged with does
not). The default taxonomy's names come with the views; a region's own themes live in the
platform's store and a partnership's own in its store, so a download, paper or page of the
region asks here, or a partnership's own theme or the region's own sector reads as its code.
"""

from __future__ import annotations

from domain.themes import Taxonomy
from tenants.platform import Platform
from tenants.unreadable import LeftOut


def region_theme_names(platform: Platform, region: str) -> dict[str, str]:
    """Each code's name: the region's own names first, then each partnership's (its own
    themes, added on its taxonomy page; the first partnership's name where two gave one code
    different names). A partnership whose taxonomy cannot be read (an altered event) is left
    out and logged: its own themes read as their codes, and the region's page still answers."""
    names: dict[str, str] = {}
    for partnership in platform.registry.tenants(region):
        with platform.ledgers.lease(partnership.slug, writing=False) as ledger:
            left_out = LeftOut("theme names", partnership.slug)
            taxonomy = Taxonomy.create_id(partnership.slug)
            for code, label in (left_out.load(taxonomy, ledger.themes.labels) or {}).items():
                names.setdefault(code, label)
    return names | platform.region_themes.listing(region).labels()
