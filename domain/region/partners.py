"""``PartnerDirectory``: the bodies a region's partnerships work with, each once, by key.

Money, actions and reviews name partners by key rather than free text, so "Police" and
"West Midlands Police" are one owner in every count. A CSP partner stands for one of the
region's tenants (``tenant`` is its slug, checked by the use case against the registry);
any other body has a sector. Free-text names already recorded elsewhere keep working: an
alias maps such a name to an entry by a recorded event, and counts follow the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from difflib import get_close_matches
from enum import StrEnum

from eventsourcing.domain import event

from domain.choices import choose
from domain.errors import DuplicateError, InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.ids import ledger_id
from domain.recording import SingleRecord
from domain.region.keys import check_key


class Sector(StrEnum):
    CSP = "csp"
    COUNTY_COUNCIL = "county_council"
    CITY_COUNCIL = "city_council"
    POLICE = "police"
    PCC = "pcc"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    PROBATION = "probation"
    FIRE = "fire"
    HOUSING = "housing"
    BUSINESS_OFFICE = "business_office"
    DA_SERVICE = "da_service"
    BOARD = "board"
    OTHER = "other"


AREAS = frozenset({Sector.CSP, Sector.COUNTY_COUNCIL, Sector.CITY_COUNCIL})
"""The bodies an area is: what a commissioned service serves and commissioning money is
allocated or held to a minimum for (a partnership's or a council's area)."""
FUNDERS = frozenset(Sector) - {Sector.DA_SERVICE, Sector.BOARD, Sector.OTHER}
"""The bodies that pay a share of a service's funding: not its providers, boards or others."""


@dataclass(frozen=True)
class Partner:
    key: str
    name: str
    sector: Sector
    tenant: str | None  # the tenant slug, for a CSP
    joined_on: date
    aliases: tuple[str, ...] = ()


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def _either(names: tuple[str, ...]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class PartnerDirectory(SingleRecord):
    """One per region ledger, with a fixed id."""

    ID = ledger_id("region", "partner-directory")

    @event("Started")
    def __init__(self) -> None:
        self.partners: dict[str, Partner] = {}

    def add(self, key: str, name: str, sector: Sector | str, tenant: str | None, on: date) -> None:
        """Add a body; a CSP must name its tenant, any other body must not."""
        check_key(key, "The partner's key")
        if key in self.partners:
            raise DuplicateError(f"'{key}' is already in the partner directory.")
        kind = choose(Sector, sector, "'{value}' is not a sector; choose from: {allowed}.")
        if (kind is Sector.CSP) != (tenant is not None):
            raise InvalidValueError("A CSP partner names its tenant; no other kind of body does.")
        if tenant is not None and self.for_tenant(tenant) is not None:
            raise DuplicateError(f"Tenant '{tenant}' is already in the directory.")
        self._added(
            key,
            check_text(name, "The partner's name"),
            kind.value,
            tenant,
            check_date(on, "The date"),
        )

    @event("PartnerAdded")
    def _added(self, key: str, name: str, sector: str, tenant: str | None, on: date) -> None:
        self.partners[key] = Partner(key, name, Sector(sector), tenant, on)

    def map_name(self, name: str, key: str, on: date) -> None:
        """Say which entry a free-text name recorded elsewhere ("Police") stands for."""
        self.get(key)
        text = check_text(name, "The name to map")
        current = self.resolve(text)
        if current is not None and current.key != key:
            raise DuplicateError(f"'{text}' already stands for '{current.key}'.")
        self._mapped(text, key, check_date(on, "The date"))

    @event("NameMapped")
    def _mapped(self, name: str, key: str, on: date) -> None:
        partner = self.partners[key]
        self.partners[key] = replace(partner, aliases=(*partner.aliases, name))

    def get(self, key: str) -> Partner:
        """The entry, or a refusal listing the valid keys by name (so the caller can pick one)."""
        if key not in self.partners:
            named = (f"{p.key} ({p.name})" for p in self.partners.values())
            valid = ", ".join(sorted(named)) or "none yet: add partners first"
            raise InvalidValueError(
                f"'{key}' is not in the region's partner directory; valid partners: {valid}."
            )
        return self.partners[key]

    def get_of(self, key: str, sectors: frozenset[Sector], role: str) -> Partner:
        """The entry, if it is of one of ``sectors``; else a refusal listing the bodies that
        are (``role``: what the body would be, e.g. "an area")."""
        partner = self.get(key)
        if partner.sector not in sectors:
            valid = ", ".join(sorted(p.key for p in self.partners.values() if p.sector in sectors))
            raise InvalidValueError(
                f"'{key}' ({partner.name}) cannot be {role}: its sector is "
                f"{partner.sector.value.replace('_', ' ')}; valid ones: {valid or 'none yet'}."
            )
        return partner

    def get_csp(self, key: str) -> Partner:
        partner = self.get(key)
        if partner.tenant is None:
            valid = ", ".join(sorted(p.key for p in self.partners.values() if p.tenant))
            raise InvalidValueError(f"'{key}' is not a partnership (CSP); valid ones: {valid}.")
        return partner

    @property
    def names(self) -> dict[str, str]:
        """Every body by key, as the directory names it: what a page offers to choose from,
        names a refusal's keys by, and a table or paper prints."""
        return {key: p.name for key, p in self.partners.items()}

    def for_tenant(self, tenant: str) -> Partner | None:
        return next((p for p in self.partners.values() if p.tenant == tenant), None)

    def check_named(self, name: str, *, typed: bool = False) -> None:
        """An action owner or IMR agency is picked from the directory once the region keeps
        one (a key, a name or a mapped alias); before that, free text is kept. An API client
        names bodies by key, so its refusal lists them; a name a person ``typed`` (a cell of a
        spreadsheet) is answered with the closest names, if any, and who can add the body:
        short enough to act on, and never the keys, which people do not type."""
        if not self.partners or self.resolve(name) is not None:
            return
        if not typed:
            valid = ", ".join(sorted(f"{p.key} ({p.name})" for p in self.partners.values()))
            raise InvalidValueError(
                f"'{name}' is not in the region's partner directory; valid partners: {valid}. "
                "Ask the OPCC to add the body, or to map this name to an entry."
            )
        close = self.close_to(name)
        meant = f" Did you mean {_either(close)}? If not, ask" if close else " Ask"
        raise InvalidValueError(
            f"'{name}' is not in the region's partner directory.{meant} the OPCC to add it "
            "to the directory, or to record that this name stands for a body already in it."
        )

    def close_to(self, name: str, most: int = 3) -> tuple[str, ...]:
        """The directory's names nearest to ``name`` (a misspelling, a shortened name), each
        body once by its name, even when it is one of its aliases that is near."""
        spellings: dict[str, str] = {}
        for partner in self.partners.values():
            for spelling in (partner.name, *partner.aliases):
                spellings.setdefault(_norm(spelling), partner.name)
        near = get_close_matches(_norm(name), list(spellings), n=most * 2, cutoff=0.6)
        return tuple(dict.fromkeys(spellings[n] for n in near))[:most]

    def resolve(self, name: str) -> Partner | None:
        """The entry a key, a name or a mapped alias stands for, ignoring case and spacing."""
        if name in self.partners:
            return self.partners[name]
        wanted = _norm(name)
        for partner in self.partners.values():
            if wanted == _norm(partner.name) or wanted in {_norm(a) for a in partner.aliases}:
                return partner
        return None
