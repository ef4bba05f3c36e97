"""Encryption at rest: AES-GCM event bodies, per-area data keys wrapped by one master key.

``master.py`` finds the master key (environment or a 0600 key file), ``keystore.py`` keeps the
wrapped keys (mutable, so a case key can be destroyed), ``keyring.py`` hands out unwrapped
keys by area and number, ``cipher.py`` is the eventsourcing ``Cipher`` the store factory gives
every application, ``sealed.py`` is the byte format they all share.
"""

from adapters.crypto.errors import KeyMissingError

__all__ = ["KeyMissingError"]
