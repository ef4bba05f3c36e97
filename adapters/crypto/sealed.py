"""The stored form of anything encrypted: a marker, the key's number, a nonce, AES-GCM ciphertext.

``MARK`` can never begin a JSON document (the library's plain event bodies start with ``{``),
so a reader tells encrypted bytes from bodies written before encryption was switched on and
decrypts only what is marked. The key number lets old rows be read after a rotation.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from adapters.crypto.errors import AlteredError

MARK = b"\xf0LK1"
_HEAD = struct.Struct(">4sI")  # marker, key number
NONCE = 12


def is_sealed(data: bytes) -> bool:
    return data[:4] == MARK


def key_number(data: bytes) -> int:
    return int(_HEAD.unpack_from(data)[1])


def seal(aead: AESGCM, number: int, plaintext: bytes, aad: bytes | None = None) -> bytes:
    nonce = os.urandom(NONCE)
    return _HEAD.pack(MARK, number) + nonce + aead.encrypt(nonce, plaintext, aad)


def sealer(aead: AESGCM, number: int, batch: int = 1024) -> Callable[[bytes], bytes]:
    """``seal`` with this key for many bodies in a row (the import path): the same format and
    a fresh random nonce each, drawn from one ``os.urandom`` per ``batch`` bodies, each
    slice used once; the marker and key number packed once."""
    head = _HEAD.pack(MARK, number)
    encrypt = aead.encrypt
    pool, at = b"", 0

    def sealed(plaintext: bytes) -> bytes:
        nonlocal pool, at
        if at >= len(pool):
            pool, at = os.urandom(NONCE * batch), 0
        nonce = pool[at : at + NONCE]
        at += NONCE
        return head + nonce + encrypt(nonce, plaintext, None)

    return sealed


def open_sealed(aead: AESGCM, data: bytes, aad: bytes | None = None) -> bytes:
    start = _HEAD.size
    try:
        return aead.decrypt(data[start : start + NONCE], data[start + NONCE :], aad)
    except InvalidTag:
        raise AlteredError(
            "Stored data failed its integrity check: it was altered, or the key is not the one "
            "it was written with. Check LEDGER_MASTER_KEY, then run `ledger audit verify`."
        ) from None


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)
