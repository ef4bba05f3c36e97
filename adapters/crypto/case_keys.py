"""One tenant's case keys for the personal-data vault, seen as encrypt / decrypt / destroy."""

from __future__ import annotations

import base64
from uuid import UUID

from adapters.crypto.keyring import Keyring
from adapters.crypto.sealed import open_sealed, seal


class CaseKeys:
    def __init__(self, keyring: Keyring, area: str) -> None:
        self.keyring, self.area = keyring, area

    def encrypt(self, case: UUID, plaintext: bytes) -> str:
        key = self.keyring.case_key(self.area, str(case), create=True)
        assert key is not None  # create=True makes one
        return base64.b64encode(seal(key, 1, plaintext, case.bytes)).decode("ascii")

    def decrypt(self, case: UUID, sealed: str) -> bytes | None:
        """The entry, or None if the case key was destroyed (the entry was erased)."""
        key = self.keyring.case_key(self.area, str(case))
        if key is None:
            return None
        return open_sealed(key, base64.b64decode(sealed), case.bytes)

    def destroy(self, case: UUID) -> bool:
        return self.keyring.destroy_case_key(self.area, str(case))

    def held(self) -> set[str]:
        """Every case of the tenant that still has a key (named as ``str(case)``)."""
        return self.keyring.case_key_names(self.area)
