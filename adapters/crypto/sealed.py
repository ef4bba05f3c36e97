"""The stored form of anything encrypted: a marker, the key's number, a nonce, AES-GCM ciphertext.

``MARK`` can never begin a JSON document (the library's plain event bodies start with ``{``),
so a reader tells encrypted bytes from bodies written before encryption was switched on and
decrypts only what is marked. The key number lets old rows be read after a rotation.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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


def open_sealed(aead: AESGCM, data: bytes, aad: bytes | None = None) -> bytes:
    start = _HEAD.size
    try:
        return aead.decrypt(data[start : start + NONCE], data[start + NONCE :], aad)
    except InvalidTag:
        raise ValueError(
            "Stored data failed its integrity check: it was altered, or the key is not the one "
            "it was written with. Check LEDGER_MASTER_KEY, then run `ledger audit verify`."
        ) from None


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)
