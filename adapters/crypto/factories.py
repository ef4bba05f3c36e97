"""Store factories that hand every application its area's cipher.

The library builds an application's mapper from ``factory.cipher()``; these subclasses return
the ``AreaCipher`` the store chose for the area, so no application can open a store without
encryption, and the bulk import path (which maps rows with the application's mapper) encrypts
the same way.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Cipher
from eventsourcing.sqlite import SQLiteFactory

from adapters.postgres_schema import SchemaFactory


class EncryptingSQLiteFactory(SQLiteFactory):
    area_cipher: Cipher | None = None

    def cipher(self) -> Cipher | None:
        return self.area_cipher or super().cipher()


class EncryptingSchemaFactory(SchemaFactory):
    area_cipher: Cipher | None = None

    def cipher(self) -> Cipher | None:
        return self.area_cipher or super().cipher()


def with_cipher(factory: Any, cipher: Cipher) -> Any:
    factory.area_cipher = cipher
    return factory
