"""The master key: from ``LEDGER_MASTER_KEY``, or a key file made on the embedded store's first run.

It only ever wraps data keys (``keyring.py``); it never touches an event. Hosted
deployments set ``LEDGER_MASTER_KEY`` from their secret store; the embedded default keeps
``master.key`` (0600) in a 0700 data directory, which is why backups of that directory
must be kept as carefully as the key itself (or the file stored elsewhere, see
``LEDGER_MASTER_KEY_FILE``).
"""

from __future__ import annotations

import base64
import binascii
import os
import threading
from collections.abc import Callable
from pathlib import Path

from adapters.crypto.errors import KeyMissingError
from adapters.crypto.sealed import new_key
from adapters.private_files import private_dir

KEY_FILE = "master.key"


def parse_master_key(text: str, where: str) -> bytes:
    """32 bytes as base64 (standard or URL-safe) or 64 hex digits."""
    raw = text.strip()
    try:
        key = (
            bytes.fromhex(raw)
            if len(raw) == 64
            else base64.urlsafe_b64decode(
                raw.replace("+", "-").replace("/", "_") + "=" * (-len(raw) % 4)
            )
        )
    except (ValueError, binascii.Error):
        key = b""
    if len(key) != 32:
        raise KeyMissingError(
            f"The master key in {where} is not 32 bytes as base64 or hex; create one with "
            "`ledger keys new-master` and keep it in your secret store."
        )
    return key


def format_master_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


class MasterKey:
    """Loads the key once, when a data key is first wrapped or unwrapped, not at start-up:
    verifying the audit chain or serving the health check needs no key at all."""

    def __init__(self, env_value: str | None, key_file: Path) -> None:
        self._env_value = env_value
        self.key_file = key_file
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def get(self, *, may_create: Callable[[], bool]) -> bytes:
        """The key; a new key file only if ``may_create()`` (nothing wrapped by any key yet)."""
        if self._key is None:
            with self._lock:
                if self._key is None:
                    self._key = self._load(may_create)
        return self._key

    @property
    def source(self) -> str:
        return "LEDGER_MASTER_KEY" if self._env_value else str(self.key_file)

    def _load(self, may_create: Callable[[], bool]) -> bytes:
        if self._env_value:
            return parse_master_key(self._env_value, "LEDGER_MASTER_KEY")
        try:
            return parse_master_key(self.key_file.read_text(), str(self.key_file))
        except FileNotFoundError:
            pass
        if not may_create():
            raise KeyMissingError(
                f"The master key is missing: {self.key_file} does not exist and "
                "LEDGER_MASTER_KEY is not set, but stored data keys were wrapped with one. "
                "Restore the key file from your key backup or set LEDGER_MASTER_KEY."
            )
        return self._create()

    def _create(self) -> bytes:
        """Write the file 0600 under a temporary name and link it in: never a half-written key,
        and if two processes race, both use whichever file landed first."""
        private_dir(self.key_file.parent)
        key = new_key()
        tmp = self.key_file.with_name(f".{self.key_file.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, (format_master_key(key) + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, self.key_file)
        except FileExistsError:
            return parse_master_key(self.key_file.read_text(), str(self.key_file))
        finally:
            tmp.unlink(missing_ok=True)
        return key
