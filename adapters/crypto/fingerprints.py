"""Keyed fingerprints of recorded names, for the regional read models.

An IMR's agency and an action's owner are typed by an officer, and where a region has no
partner directory yet they are free text that may name a person ("Dr … 's surgery"). The read
models need a stable identity for each (an IMR's later events name it only by that text) and
the regional queries must still recognise the directory's bodies in it, however late the
directory is set up; so they keep ``HMAC-SHA256`` of the text, case and spacing aside, never the
text, and the queries fingerprint the directory's keys, names and aliases the same way. An
unkeyed hash could be reversed by hashing guessed names; this key is derived (HKDF) from the
master key, so every worker and web process has it with no key of its own to manage. A new
master key gives new fingerprints: rebuild the projections (``ledger projections rebuild``).
"""

from __future__ import annotations

import hmac
import threading
from functools import lru_cache
from hashlib import sha256

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from adapters.crypto.keyring import Keyring

INFO = b"partnership-ledger read-model fingerprints v1"


def normalised(text: str) -> str:
    """As an IMR is matched (``Imr.is_for``) and a body resolved: case and spacing aside."""
    return " ".join(text.casefold().split())


def fingerprint_key(master: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(master)


class Fingerprints:
    """``fingerprints(text)``: 32 hex digits. The master key is read on first use, as the
    keyring reads it, so opening the views (or a health check) needs no key."""

    def __init__(self, keyring: Keyring) -> None:
        self._keyring = keyring
        self._key: bytes | None = None
        self._lock = threading.Lock()
        self._cached = lru_cache(maxsize=4096)(self._compute)  # a region has few agencies

    def __call__(self, text: str) -> str:
        return self._cached(normalised(text))

    def _compute(self, text: str) -> str:
        if self._key is None:
            with self._lock:
                if self._key is None:
                    master = self._keyring.master.get(may_create=self._keyring.store.is_empty)
                    self._key = fingerprint_key(master)
        return hmac.new(self._key, text.encode(), sha256).hexdigest()[:32]
