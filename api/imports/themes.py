"""What an actions sheet may write for a theme or a target sector, and the lists that tell the
person filling it in: a theme's name as the partnership's taxonomy lists it ("Training") or
its code ("training"), in any case. The codes alone left an officer with a blank template and
no way to find them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.imports.sheets import SPECS
from api.imports.template import Listing, template_xlsx
from domain.errors import InvalidValueError
from domain.themes import Taxonomy, ThemeKind
from tenants.platform import Platform

_SHEET = {ThemeKind.THEME: "Themes", ThemeKind.ADDRESSEE: "Target sectors"}
_WHAT = {ThemeKind.THEME: "theme", ThemeKind.ADDRESSEE: "target sector"}


@dataclass(frozen=True)
class ThemeWords:
    """A partnership's taxonomy read once per import, as the words a cell may use."""

    taxonomy: Taxonomy
    themes: dict[str, str]
    sectors: dict[str, str]

    @classmethod
    def of(cls, taxonomy: Taxonomy) -> ThemeWords:
        return cls(
            taxonomy, taxonomy.by_word(ThemeKind.THEME), taxonomy.by_word(ThemeKind.ADDRESSEE)
        )

    def codes(self, words: Sequence[str], kind: ThemeKind) -> tuple[str, ...]:
        """The codes the words name; refused (the taxonomy's own words for a retired theme or
        one of the other kind) unless each names a current one of ``kind``."""
        own, other = (
            (self.themes, self.sectors) if kind is ThemeKind.THEME else (self.sectors, self.themes)
        )
        codes = []
        for word in words:
            key = word.strip().casefold()
            if key not in own and key not in other:
                raise InvalidValueError(
                    f"'{word.strip()}' is not a {_WHAT[kind]} of this partnership; write one "
                    f"by its name or code as the template's {_SHEET[kind]} sheet lists them."
                )
            codes.append(own.get(key) or other[key])
        self.taxonomy.check_taggable(codes, kind)
        return tuple(codes)


def theme_lists(taxonomy: Taxonomy) -> tuple[Listing, ...]:
    """The template's sheets of the current themes and target sectors, by name."""
    return tuple(
        Listing(
            _SHEET[kind],
            ("Name", "Code"),
            tuple(
                (t.label, t.code)
                for t in sorted(taxonomy.active(kind), key=lambda t: t.label.casefold())
            ),
        )
        for kind in (ThemeKind.THEME, ThemeKind.ADDRESSEE)
    )


def template_for(kind: str, partnership: tuple[Platform, str] | None = None) -> bytes:
    """The XLSX template of ``kind``; an actions template lists the themes and target sectors
    of the ``partnership`` (platform, tenant) after its guidance, or the standard ones without
    one. Only the actions template reads a taxonomy."""
    spec = SPECS[kind]
    if kind != "actions":
        return template_xlsx(spec)
    if partnership is None:
        return template_xlsx(spec, theme_lists(Taxonomy.from_default("standard")))
    platform, tenant = partnership
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        return template_xlsx(spec, theme_lists(ledger.themes.taxonomy()))
