"""Unwrapped keys by area and number, kept in memory only; new and rotated keys wrapped at once.

An *area* is a store (a tenant's, a region's, the platform's): each has its own data keys,
numbered from 1, the newest encrypting new events and every older one kept (wrapped) so
older events still decrypt. A case's vault key is wrapped by its tenant area's data key.
Another process's rotation is noticed within ``RECHECK`` seconds: one look at the whole key
store (``data_stamp``) for every area, not a read per area, so a process with hundreds of
tenants open (an import, the API) does not pay a query per tenant every few seconds.
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
        self._current: dict[str, int] = {}
        self._stamp: tuple[int, str] | None = None  # the key store's, when last looked at
        self._checked = 0.0
        self._master_known = False  # the master key opened a stored data key (or none is stored)
        self._lock = threading.RLock()

    def _master(self) -> AESGCM:
        master = AESGCM(self.master.get(may_create=self.store.is_empty))
        if not self._master_known:
            self._know(master)
        return master

    def check_master(self) -> None:
        """Refuse now, before anything is recorded, if the master key is missing or is not
        the one this platform's data keys were wrapped with (``tenants register`` asks first)."""
        self._master()

    def _know(self, master: AESGCM) -> None:
        """A master key that opens none of the stored data keys is another platform's (or a
        typo'd secret): it must never wrap a new store's key, which the platform's own master
        key could then not open. Checked once, against a few keys, before the first use."""
        stored = self.store.some_data_keys()
        for area, number, wrapped in stored:
            try:
                open_sealed(master, wrapped, _aad(DATA, area, str(number)))
            except ValueError:
                continue
            break
        else:
            if stored:
                raise KeyMissingError(
                    f"The master key ({self.master.source}) cannot unwrap the data keys this "
                    "platform holds: it is not the key they were wrapped with. Set "
                    "LEDGER_MASTER_KEY (or restore the key file) to the platform's master key; "
                    "nothing was changed."
                )
        self._master_known = True

    def current(self, area: str) -> tuple[int, AESGCM]:
        """The data key new events of ``area`` are encrypted with (made on first use)."""
        if time.monotonic() - self._checked > RECHECK:
            self._recheck()
        number = self._current.get(area)
        if number is None:
            with self._lock:
                numbers = self._load(area)
                if not numbers:
                    self._add(area, 1)
                    numbers = self._load(area)
                number = self._current[area] = max(numbers)
        return number, self._keys[(area, number)]

    def _recheck(self) -> None:
        """Forget every area's current key if any process has added a data key since the
        last look (a rotation, a restore, a new store's first key): each area then reads its
        own again on next use."""
        with self._lock:
            stamp = self.store.data_stamp()
            if stamp != self._stamp:
                self._current.clear()
                self._stamp = stamp
            self._checked = time.monotonic()

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
            self._current[area] = number
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

    def case_key_names(self, area: str) -> set[str]:
        """The cases of ``area`` that still have a key, in one read of the key store."""
        return set(self.store.area_rows(CASE, area))

    # -- a backup's keys (tenants/backup/keys.py) --------------------------------------------

    def wrapped_keys(self, area: str) -> tuple[dict[int, bytes], dict[str, dict[int, bytes]]]:
        """The area's data keys (wrapped by the master key) and case keys (wrapped by those),
        as stored: a backup carries them so it is readable with the master key and nothing else."""
        return self.store.rows(DATA, area, ""), self.store.area_rows(CASE, area)

    def unwrap_data_keys(self, area: str, wrapped: dict[int, bytes]) -> dict[int, bytes]:
        """Data keys wrapped for ``area`` (possibly on another platform), opened with this
        platform's master key; never makes a master key to try."""
        master = AESGCM(self.master.get(may_create=lambda: False))
        try:
            return {n: open_sealed(master, w, _aad(DATA, area, str(n))) for n, w in wrapped.items()}
        except ValueError:
            raise KeyMissingError(
                f"The master key ({self.master.source}) cannot unwrap the data keys in this "
                "backup: it is not the master key of the platform the backup was taken on. Set "
                "LEDGER_MASTER_KEY (or LEDGER_MASTER_KEY_FILE) to that master key and run again; "
                "without it the backup cannot be read. Nothing was restored."
            ) from None

    def install(
        self,
        source: str,
        target: str,
        data: dict[int, bytes],
        cases: dict[str, dict[int, bytes]],
    ) -> int:
        """Put a backup's keys (wrapped for ``source``) in place for ``target``, re-wrapped so
        they stay bound to where they live; returns how many case keys were installed.

        ``data`` are the unwrapped data keys (``unwrap_data_keys``); a data key ``target``
        already has must be the same key, or the restore is refused before anything changes.
        """
        with self._lock:
            master = AESGCM(self.master.get(may_create=lambda: False))
            held = self.store.rows(DATA, target, "")
            for n, w in held.items():
                if n in data and open_sealed(master, w, _aad(DATA, target, str(n))) != data[n]:
                    raise KeyMissingError(
                        f"The key store already holds a different data key {n} for store "
                        f"{target!r} (left by an earlier tenant of that name). Restore under "
                        "another slug with --as; the keys of the old store are kept."
                    )
            rewrapped = []
            for case, numbers in cases.items():
                for number, wrapped in numbers.items():
                    n = key_number(wrapped)
                    if n not in data:
                        raise KeyMissingError(
                            f"The backup's case key for {case} needs data key {n} of store "
                            f"{source!r}, which the backup does not carry. Use another backup."
                        )
                    aead = AESGCM(data[n])
                    raw = open_sealed(aead, wrapped, _aad(CASE, source, case))
                    rewrapped.append((case, number, seal(aead, n, raw, _aad(CASE, target, case))))
            for n, raw in data.items():
                if n not in held:
                    self.store.add(
                        DATA, target, "", n, seal(master, 0, raw, _aad(DATA, target, str(n)))
                    )
            have = set(self.store.area_rows(CASE, target))  # kept as they are
            installed = set()
            for case, number, wrapped in rewrapped:
                if case not in have and self.store.add(CASE, target, case, number, wrapped):
                    installed.add(case)
            self._current.pop(target, None)
            return len(installed)

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
