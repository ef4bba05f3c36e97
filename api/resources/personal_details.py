"""A case's personal details (the vault): officers and leads only, every read logged.

Erasure is lead-only and needs ``confirm: true``: it destroys the case key, so it cannot be
undone. The case, its history and every statistic stay.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.concurrency import etag_header, if_match_once_stored
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import recording, replacement
from api.resources.reads import logged_read, query
from api.schemas.vault import ErasureIn, PersonalDetailsIn, VaultEntryOut
from domain.calendar import uk_today
from domain.errors import InvalidValueError
from domain.vault import CaseVault, Contact, PersonalDetails

blp = api_blueprint(
    "personal-details",
    "/tenants/<tenant>/reviews/<uuid:review>/personal-details",
    "Real names, dates of birth and addresses, kept apart and erasable",
)


@query(blp, "", VaultEntryOut, Permission.PERSONAL_DATA)
def read(tenant: str, review: UUID) -> Any:
    """The case's personal details; the read is logged against the reader. Its ETag ("0"
    while nothing is recorded) guards their replacement."""
    with tenant_ledger(tenant, writing=False) as ledger:
        entry = ledger.vault.entry(review)
    logged_read(tenant)
    return entry, etag_header(entry.version)


@replacement(blp, "", PersonalDetailsIn, VaultEntryOut, Permission.PERSONAL_DATA)
def record(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record (or replace) the case's personal details: the whole entry, so once any is
    recorded If-Match must carry the ETag read, or another person's edit would be dropped."""
    contacts = tuple(Contact(**c) for c in data.pop("contacts"))
    details = PersonalDetails(**data, contacts=contacts)  # checked before any store is opened
    with tenant_ledger(tenant) as ledger:
        ledger.reviews.get(review)  # an unknown case is a 404, whatever If-Match says
        stored = ledger.vault.of_case(review)
        with if_match_once_stored(CaseVault.create_id(review), stored.version if stored else 0):
            ledger.vault.record(review, details, uk_today())
        entry = ledger.vault.entry(review)
    logged_read(tenant)
    return entry, etag_header(entry.version)


@recording(blp, "/erasure", ErasureIn, VaultEntryOut, Permission.PERSONAL_DATA_ERASE)
def erase(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Erase the case's personal details for good (crypto-shredding); lead only."""
    if data.pop("confirm") is not True:
        raise InvalidValueError(
            "Erasure cannot be undone: send confirm: true to erase this case's personal details."
        )
    with tenant_ledger(tenant) as ledger:
        ledger.vault.erase(review, **data, erased_on=uk_today())
        return ledger.vault.entry(review)
