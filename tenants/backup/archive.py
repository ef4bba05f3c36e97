"""The backup file: a tar archive holding ``manifest.json`` and the store's dump.

The manifest says what the dump is (tenant, region, store kind, head position, seals) and
carries the dump's SHA-256, so a damaged or mismatched file is refused before it is loaded.
It also carries the tenant's data keys still wrapped by the master key and its vault's case
keys still wrapped by those (``keys.py``): never an unwrapped key, so the file is unreadable
without the master key, and a restore needs that master key and nothing else.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from adapters.private_files import private_output
from domain.audit import Seal
from domain.errors import InvalidValueError

FORMAT = "partnership-ledger-tenant-backup/1"
MANIFEST, DUMP = "manifest.json", "store.dump"


@dataclass(frozen=True)
class Manifest:
    tenant: str
    name: str
    region: str
    store: str  # "postgres" or "sqlite"
    app_name: str
    area: str
    head: int  # last notification id in the dump
    seals: tuple[Seal, ...]
    created_at: str
    sha256: str = ""
    data_key: str = "platform store"  # where the tenant's wrapped data key lives, if any
    format: str = FORMAT
    keys: dict[str, Any] = field(default_factory=dict)  # CarriedKeys.to_json(); {} before keys

    def to_json(self) -> bytes:
        body: dict[str, Any] = asdict(self)
        body["seals"] = [{**asdict(s), "sealed_at": s.sealed_at.isoformat()} for s in self.seals]
        return json.dumps(body, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        body = json.loads(raw)
        if body.get("format") != FORMAT:
            raise InvalidValueError(
                f"Not a tenant backup this version can read (format {body.get('format')!r})."
            )
        body["seals"] = tuple(
            Seal(s["position"], s["link"], s["events"], datetime.fromisoformat(s["sealed_at"]))
            for s in body["seals"]
        )
        return cls(**body)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(path: Path, manifest: Manifest, dump: Path) -> None:
    """Write atomically: a half-written backup file is never left under the asked-for name.
    Owner-only (0600) like the store it copies: its events are sealed, its manifest is not."""
    partial = path.with_name(path.name + ".partial")
    with private_output(partial) as out, tarfile.open(fileobj=out, mode="w") as tar:
        data = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        tar.add(dump, arcname=DUMP)
    partial.replace(path)


def read(path: Path, into: Path) -> tuple[Manifest, Path]:
    """The manifest, and the dump extracted into ``into`` after its checksum matched."""
    try:
        with tarfile.open(path, "r") as tar:
            manifest_file = tar.extractfile(MANIFEST)
            if manifest_file is None:
                raise KeyError(MANIFEST)
            manifest = Manifest.from_json(manifest_file.read())
            tar.extract(DUMP, into, filter="data")
    except (tarfile.TarError, KeyError, ValueError, OSError) as e:
        reason = "not a tar archive" if isinstance(e, tarfile.ReadError) else str(e)
        raise InvalidValueError(
            f"{path} is not a readable tenant backup ({reason}); check the file and its copy."
        ) from None
    dump = into / DUMP
    if sha256_of(dump) != manifest.sha256:
        raise InvalidValueError(
            f"{path} is damaged: its dump does not match the checksum in its manifest. "
            "Use another copy of the backup."
        )
    return manifest, dump
