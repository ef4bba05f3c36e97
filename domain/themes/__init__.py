"""The theme taxonomy: Home Office DHR Library defaults, seed themes, local extensions."""

from domain.themes.catalogue import DEFAULT_THEMES, Theme, ThemeKind, ThemeSource
from domain.themes.listing import ThemeEntry, ThemeListing
from domain.themes.regional import RegionTaxonomy, empty_listing
from domain.themes.taxonomy import Taxonomy

VALUE_OBJECTS: tuple[type, ...] = (Theme,)

__all__ = [
    "DEFAULT_THEMES",
    "VALUE_OBJECTS",
    "RegionTaxonomy",
    "Taxonomy",
    "Theme",
    "ThemeEntry",
    "ThemeKind",
    "ThemeListing",
    "ThemeSource",
    "empty_listing",
]
