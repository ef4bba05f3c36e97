"""Writing a tenant's audit bundle: its events exactly as stored, the seals, the chain, a verifier.

The bundle is a zip an auditor can take away: ``events.jsonl`` (each stored event's bytes,
base64, with its chain link), ``seals.json``, ``manifest.json`` (what was exported, for whom,
and the SHA-256 of every other file), ``verify.py`` (standard library only) and a README.
It carries stored bytes, never decoded ones, so it proves the store itself; where event bodies
are encrypted at rest, the chain still verifies without a key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any

from eventsourcing.persistence import StoredEvent

from domain.audit import GENESIS, RecordedEvent, extend
from tenants.audit import AuditTrail, recorded_events
from tenants.bundles.verify import FORMAT
from tenants.ledger import PartnershipLedger

VERIFIER = Path(__file__).with_name("verify.py")
README = """Audit bundle of tenant {tenant}, exported {exported_at} for {exported_for}.

Check it offline with Python 3 alone (no packages, no network):

    python3 verify.py              (from this folder, once unzipped; or)
    python3 verify.py BUNDLE.zip   (the zip as received)
    python3 verify.py --list       (the records it holds)
    python3 verify.py --replay ID  (one record, e.g. a case, replayed to a readable state)

'INTACT' means every file matches manifest.json and the hash chain over the events' stored bytes
reproduces every link and every seal. Compare the seal links it prints with the ones the
partnership published independently (board minutes): matching links prove that no event up to
that seal was changed, removed, inserted or reordered.
"""


@dataclass(frozen=True)
class Exported:
    tenant: str
    events: int
    first_position: int
    head_position: int
    head_link: str


def write_bundle(
    out: IO[bytes],
    ledger: PartnershipLedger,
    audit: AuditTrail,
    *,
    exported_for: str,
    since: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Exported:
    """Write the zip to ``out``; events recorded from ``since`` on (UTC), or all of them."""
    cutoff = datetime.combine(since, time.min, tzinfo=UTC) if since else None
    start_link, before, start_position = GENESIS, 0, 0
    link, count, first, head = GENESIS, 0, 0, 0
    digests: dict[str, str] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        with bundle.open("events.jsonl", "w") as raw:
            digest = hashlib.sha256()
            for event, included in _from(ledger, cutoff):
                link = extend(link, event)
                if not included:
                    start_link, before, start_position = link, before + 1, event.position
                    continue
                line = json.dumps(_row(event, link), separators=(",", ":")).encode() + b"\n"
                raw.write(line)
                digest.update(line)
                count, head = count + 1, event.position
                first = first or event.position
                if progress and count % 1000 == 0:
                    progress(1000)
            digests["events.jsonl"] = digest.hexdigest()
        exported_at = datetime.now(tz=UTC).isoformat(timespec="seconds")
        seals = [
            {
                "position": s.position,
                "link": s.link,
                "events": s.events,
                "sealed_at": s.sealed_at.isoformat(),
            }
            for s in audit.seals(ledger.tenant_slug)
        ]
        files: dict[str, bytes] = {
            "seals.json": json.dumps(seals, indent=1).encode(),
            "verify.py": VERIFIER.read_bytes(),
            "README.txt": README.format(
                tenant=ledger.tenant_slug, exported_at=exported_at, exported_for=exported_for
            ).encode(),
        }
        for name, data in files.items():
            bundle.writestr(name, data)
            digests[name] = hashlib.sha256(data).hexdigest()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "tenant": ledger.tenant_slug,
            "exported_at": exported_at,
            "exported_for": exported_for,
            "from": since.isoformat() if since else None,
            "events": count,
            "events_before": before,
            "start_position": start_position,
            "first_position": first,
            "head_position": head if count else 0,
            "start_link": start_link,
            "head_link": link if count else start_link,
            "files": digests,
        }
        bundle.writestr("manifest.json", json.dumps(manifest, indent=1))
    return Exported(
        ledger.tenant_slug, count, first, manifest["head_position"], manifest["head_link"]
    )


def _from(
    ledger: PartnershipLedger, cutoff: datetime | None
) -> Iterator[tuple[RecordedEvent, bool]]:
    """Every stored event with whether it is exported: all from the first recorded at ``cutoff``."""
    including = cutoff is None
    for event in recorded_events(ledger, 0):
        if not including:
            assert cutoff is not None
            including = _recorded_at(ledger, event) >= cutoff
        yield event, including


def _recorded_at(ledger: PartnershipLedger, event: RecordedEvent) -> datetime:
    stored = StoredEvent(
        originator_id=event.originator_id,
        originator_version=event.originator_version,
        topic=event.topic,
        state=event.state,
    )
    domain_event: Any = ledger.mapper.to_domain_event(stored)
    return domain_event.timestamp  # type: ignore[no-any-return]


def _row(event: RecordedEvent, link: str) -> dict[str, Any]:
    return {
        "position": event.position,
        "originator_id": str(event.originator_id),
        "originator_version": event.originator_version,
        "topic": event.topic,
        "state": base64.b64encode(event.state).decode(),
        "link": link,
    }
