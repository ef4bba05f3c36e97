"""The tenant's keys a backup carries, and how a restore puts them back.

A backup holds the tenant's data keys still wrapped by the master key, and its vault's case
keys still wrapped by those: the file is unreadable without the master key, and with it the
restored events decrypt wherever they land. A restore under another slug re-wraps the keys
for the new store's name (a wrapped key is bound to where it lives), checks every event
decrypts before anything goes live, and leaves erased case keys erased: a case whose erasure
the restored history records, or whose key this platform destroyed after the backup was
taken, gets no key back.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from adapters.crypto.errors import KeyMissingError
from adapters.crypto.keyring import Keyring
from adapters.crypto.sealed import is_sealed, key_number, open_sealed
from adapters.stores import EventStores
from domain.vault import CaseVault
from tenants.ledger import PartnershipLedger

PAGE = 1000


@dataclass(frozen=True)
class CarriedKeys:
    data: dict[int, bytes]  # wrapped by the master key
    cases: dict[str, dict[int, bytes]]  # wrapped by the data keys

    def to_json(self) -> dict[str, Any]:
        return {
            "data": {str(n): _b64(w) for n, w in self.data.items()},
            "cases": {c: {str(n): _b64(w) for n, w in ns.items()} for c, ns in self.cases.items()},
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> CarriedKeys:
        return cls(
            {int(n): base64.b64decode(w) for n, w in body.get("data", {}).items()},
            {
                c: {int(n): base64.b64decode(w) for n, w in ns.items()}
                for c, ns in body.get("cases", {}).items()
            },
        )


@dataclass(frozen=True)
class InstalledKeys:
    case_keys: int
    erased_in_history: tuple[str, ...]  # skipped: the restored events record the erasure
    erased_since_backup: tuple[str, ...]  # skipped: this platform destroyed them later


def carried(keyring: Keyring, area: str) -> CarriedKeys:
    data, cases = keyring.wrapped_keys(area)
    return CarriedKeys(data, cases)


def from_manifest(keyring: Keyring, area: str, body: dict[str, Any]) -> CarriedKeys:
    """The keys a backup carries. A backup written before backups carried keys falls back to
    this platform's keys of the backed-up store: right on the platform it was taken on."""
    keys = CarriedKeys.from_json(body)
    return keys if keys.data else carried(keyring, area)


def open_data_keys(keyring: Keyring, area: str, keys: CarriedKeys) -> dict[int, bytes]:
    """The backup's data keys, unwrapped: refused (nothing changed) without the right master key."""
    return keyring.unwrap_data_keys(area, keys.data) if keys.data else {}


def check_decrypts(
    stores: EventStores, staging: str, slug: str, data_keys: dict[int, bytes]
) -> int:
    """Open every staged event body with the backup's keys; how many were encrypted."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aeads = {n: AESGCM(k) for n, k in data_keys.items()}
    ledger = PartnershipLedger(
        slug, factory=stores.factory(staging, PartnershipLedger.app_name(slug))
    )
    sealed, start = 0, 1
    try:
        while True:
            page = ledger.recorder.select_notifications(start, PAGE)
            for note in page:
                state = bytes(note.state)
                if not is_sealed(state):
                    continue
                aead = aeads.get(key_number(state))
                if aead is None:
                    raise KeyMissingError(
                        f"Event {note.id} of the backup needs data key {key_number(state)}, "
                        "which neither the backup nor this platform holds; nothing was "
                        "restored. Restore platform_keys from the backup taken with the store."
                    )
                try:
                    open_sealed(aead, state)
                except ValueError:
                    raise KeyMissingError(
                        f"Event {note.id} of the backup does not decrypt with the key it names; "
                        "nothing was restored. Use another copy of the backup."
                    ) from None
                sealed += 1
            if len(page) < PAGE:
                return sealed
            start = page[-1].id + 1
    finally:
        ledger.close()


def erased_in(stores: EventStores, staging: str, slug: str, cases: list[str]) -> set[str]:
    """The cases among ``cases`` whose vault erasure the staged history records (topics and
    originator ids are stored in clear, so no key is needed to tell)."""
    ledger = PartnershipLedger(
        slug, factory=stores.factory(staging, PartnershipLedger.app_name(slug))
    )
    try:
        erased_vaults = set(ledger.originators_of(CaseVault.Erased))  # type: ignore[attr-defined]
    finally:
        ledger.close()
    return {c for c in cases if _vault_id(c) in erased_vaults}


def install(
    keyring: Keyring,
    source: str,
    target: str,
    keys: CarriedKeys,
    data_keys: dict[int, bytes],
    erased: set[str],
) -> InstalledKeys:
    """Install the backup's keys for ``target``, leaving out every erased case key."""
    here, here_cases = keyring.wrapped_keys(source)
    same_lineage = bool(here) and _same(keyring, source, here, data_keys)
    since = {c for c in keys.cases if same_lineage and c not in here_cases and c not in erased}
    keep = {c: ns for c, ns in keys.cases.items() if c not in erased and c not in since}
    count = keyring.install(source, target, data_keys, keep)
    return InstalledKeys(count, tuple(sorted(erased)), tuple(sorted(since)))


def _same(keyring: Keyring, area: str, here: dict[int, bytes], data_keys: dict[int, bytes]) -> bool:
    """Whether this platform's store ``area`` is the one backed up (it holds the same data
    key), so a case key missing here was destroyed after the backup was taken."""
    common = sorted(set(here) & set(data_keys))
    if not common:
        return False
    try:
        mine = keyring.unwrap_data_keys(area, {common[0]: here[common[0]]})
    except KeyMissingError:
        return False
    return mine[common[0]] == data_keys[common[0]]


def _vault_id(case: str) -> UUID | None:
    try:
        return CaseVault.create_id(UUID(case))
    except ValueError:
        return None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
