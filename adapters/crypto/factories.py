"""Store factories that hand every application its area's cipher.

The library builds an application's mapper from ``factory.cipher()``; these subclasses return
the ``AreaCipher`` the store chose for the area (given at construction), so no application can
open a store without encryption, and the bulk import path (which maps rows with the
application's mapper) encrypts the same way. ``area_cipher`` None: the library's own choice
(``CIPHER_TOPIC``), i.e. none for the keyless areas.
"""

from __future__ import annotations

from collections.abc import Callable

from eventsourcing.persistence import Cipher
from eventsourcing.sqlite import SQLiteFactory
from eventsourcing.utils import Environment

from adapters.library.eventsourcing import SchemaDatastore, SchemaFactory


class EncryptingSQLiteFactory(SQLiteFactory):
    def __init__(self, env: Environment, cipher: Cipher | None = None) -> None:
        super().__init__(env)
        self.area_cipher = cipher

    def cipher(self) -> Cipher | None:
        return self.area_cipher or super().cipher()


class EncryptingSchemaFactory(SchemaFactory):
    def __init__(
        self,
        env: Environment,
        datastore: SchemaDatastore,
        ddl: Callable[[Callable[[], None]], None],
        cipher: Cipher | None = None,
    ) -> None:
        super().__init__(env, datastore, ddl)
        self.area_cipher = cipher

    def cipher(self) -> Cipher | None:
        return self.area_cipher or super().cipher()


__all__ = ["EncryptingSQLiteFactory", "EncryptingSchemaFactory"]
