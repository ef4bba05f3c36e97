"""Unwrapped keys by area and number, kept in memory only; new and rotated keys wrapped at once.

An *area* is a store (a tenant's, a region's, the platform's): each has its own data keys,
numbered from 1, the newest encrypting new events and every older one kept (wrapped) so
older events still decrypt. A case's vault key is wrapped by its tenant area's data key.
Another process's rotation is noticed within ``RECHECK`` seconds.
"""

from __future__ import annotations

import threading
import time

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from adapters.crypto.errors import KeyMissingError
from adapters.crypto.keystore import CASE, DATA, KeyStore
from adapters.crypto.master import MasterKey
from adapters.crypto.sealed import key_number, new_key, open_sealed, seal

RECHECK = 10.0


class Keyring:
    def __init__(self, master: MasterKey, store: KeyStore) -> None:
        self.master, self.store = master, store
        self._keys: dict[tuple[str, int], AESGCM] = {}
        self._current: dict[str, tuple[int, float]] = {}
        self._lock = threading.RLock()

    def _master(self) -> AESGCM:
        return AESGCM(self.master.get(may_create=self.store.is_empty))

    def current(self, area: str) -> tuple[int, AESGCM]:
        """The data key new events of ``area`` are encrypted with (made on first use)."""
        known = self._current.get(area)
        if known is None or time.monotonic() - known[1] > RECHECK:
            with self._lock:
                numbers = self._load(area)
                if not numbers:
                    self._add(area, 1)
                    numbers = self._load(area)
                self._current[area] = (max(numbers), time.monotonic())
            known = self._current[area]
        return known[0], self._keys[(area, known[0])]

    def key(self, area: str, number: int) -> AESGCM:
        found = self._keys.get((area, number))
        if found is None:
            with self._lock:
                self._load(area)
                found = self._keys.get((area, number))
            if found is None:
                raise KeyMissingError(
                    f"Data key {number} of store {area!r} is missing from the key store, so its "
                    "events cannot be decrypted. Restore platform_keys from the backup taken "
                    "with this store; no other key can read them."
                )
        return found

    def numbers(self, area: str) -> list[int]:
        with self._lock:
            return sorted(self._load(area))

    def rotate(self, area: str) -> int:
        """Add a new data key for ``area``; new events use it, old keys stay for old events."""
        with self._lock:
            numbers = self._load(area)
            number = max(numbers, default=0) + 1
            while not self._add(area, number):  # another process rotated at the same moment
                number += 1
            self._load(area)
            self._current[area] = (number, time.monotonic())
            return number

    # -- case keys (the personal-data vault) ---------------------------------------------------

    def case_key(self, area: str, case: str, *, create: bool = False) -> AESGCM | None:
        """The case's vault key, or None if there is none (never made, or destroyed)."""
        rows = self.store.rows(CASE, area, case)
        if not rows and create:
            number, wrapping = self.current(area)
            self.store.add(
                CASE, area, case, 1, seal(wrapping, number, new_key(), _aad(CASE, area, case))
            )
            rows = self.store.rows(CASE, area, case)
        if not rows:
            return None
        wrapped = rows[max(rows)]
        data_key = self.key(area, key_number(wrapped))
        return AESGCM(open_sealed(data_key, wrapped, _aad(CASE, area, case)))

    def destroy_case_key(self, area: str, case: str) -> bool:
        """Crypto-shred: after this, nothing can decrypt what the case key encrypted."""
        return self.store.delete(CASE, area, case) > 0

    # -- internals ---------------------------------------------------------------------------

    def _add(self, area: str, number: int) -> bool:
        wrapped = seal(self._master(), 0, new_key(), _aad(DATA, area, str(number)))
        return self.store.add(DATA, area, "", number, wrapped)

    def _load(self, area: str) -> set[int]:
        rows = self.store.rows(DATA, area, "")
        missing = [n for n in rows if (area, n) not in self._keys]
        if missing:
            master = self._master()
            for n in missing:
                try:
                    raw = open_sealed(master, rows[n], _aad(DATA, area, str(n)))
                except ValueError:
                    raise KeyMissingError(
                        f"The master key ({self.master.source}) cannot unwrap the data keys of "
                        f"store {area!r}: it is not the key they were wrapped with. Set "
                        "LEDGER_MASTER_KEY (or restore the key file) to the original master key."
                    ) from None
                self._keys[(area, n)] = AESGCM(raw)
        return set(rows)


def _aad(kind: str, area: str, name: str) -> bytes:
    """Binds a wrapped key to its place, so a row copied to another area will not unwrap."""
    return f"{kind}:{area}:{name}".encode()
