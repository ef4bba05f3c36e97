"""The eventsourcing ``Cipher`` every store gets from the store factory (``adapters/stores.py``).

Event bodies are sealed with the area's current data key; reading opens whatever key number
the body names, and passes through unchanged a body written before encryption was switched
on (it is not marked, see ``sealed.py``). The hash chain hashes these stored bytes, so
``ledger audit verify`` needs no key.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher
from eventsourcing.utils import Environment

from adapters.crypto.keyring import Keyring
from adapters.crypto.sealed import is_sealed, key_number, open_sealed, seal, sealer

KEYLESS_AREAS = frozenset({"platform", "platform_audit"})
"""Stores left unencrypted, on purpose: the registry (names of councils and regions, the
region's themes) and the audit seals (hashes). Neither holds personal data, and with them in
clear an auditor verifies every tenant's chain without holding any key. Nothing typed as free
text belongs in them: such words go to ``platform_access`` (``tenants/status_notes.py``)."""


class AreaCipher(Cipher):
    def __init__(self, keyring: Keyring, area: str) -> None:  # not from the environment: handed in
        self.keyring, self.area = keyring, area

    def encrypt(self, plaintext: bytes) -> bytes:
        number, aead = self.keyring.current(self.area)
        return seal(aead, number, plaintext)

    def encryptor(self) -> Callable[[bytes], bytes]:
        """Encrypt with the key current now, for a batch that must not look keys up midway."""
        number, aead = self.keyring.current(self.area)
        return sealer(aead, number)

    def decrypt(self, ciphertext: bytes) -> bytes:
        if not is_sealed(ciphertext):
            return ciphertext  # written before encryption at rest
        return open_sealed(self.keyring.key(self.area, key_number(ciphertext)), ciphertext)


class StaticKeyCipher(Cipher):
    """The same format and AES-GCM with one key from ``CIPHER_KEY`` (base64): for a bare
    library application (``CIPHER_TOPIC=adapters.crypto.cipher:StaticKeyCipher``), such as the
    benchmarks' baseline, so both sides of a figure pay for the same cipher."""

    def __init__(self, environment: Environment) -> None:
        self.aead = AESGCM(base64.b64decode(environment["CIPHER_KEY"]))

    def encrypt(self, plaintext: bytes) -> bytes:
        return seal(self.aead, 1, plaintext)

    def decrypt(self, ciphertext: bytes) -> bytes:
        if not is_sealed(ciphertext):
            return ciphertext
        return open_sealed(self.aead, ciphertext)
