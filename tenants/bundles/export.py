"""Writing a tenant's audit bundle: its events exactly as stored, the seals, the chain, a verifier.

The bundle is a zip an auditor can take away: ``events.jsonl`` (each stored event's bytes,
base64, with its chain link, and beside them the service's decryption of its body),
``seals.json``, ``manifest.json`` (what was exported, for whom, the SHA-256 of every other file
and a digest binding each body to its event's link), ``verify.py`` (standard library only)
and a README.

Two kinds of evidence, kept apart on purpose. The chain runs over the stored (encrypted)
bytes, so completeness and integrity of the stored history are proven with no key. Event
bodies are AES-GCM encrypted at rest with the tenant's data key, which never leaves the
service (handing it out would expose every later event too, and AES is not in Python's
standard library), so the readable bodies an auditor replays from are the service's
attestation of what that ciphertext holds, made at export time and held to its event by the
manifest. Where a stored body is not encrypted (written before encryption at rest), the
verifier checks the readable body equals the stored bytes.

An event the service cannot read (one altered byte fails AES-GCM's check) does not stop the
export: exactly then an auditor needs the evidence. It goes into the bundle as stored, with an
empty readable body and the reason, and the manifest lists it (``tenants/unreadable.py``).

The events are every row of the tenant's table (``adapters/audit_rows.py``), as the audit reads
them: a row planted at position 0 or below is loaded by the application, so the bundle holds it,
outside the chain (the seals never covered it) and flagged; a row not stored as the application
writes it is flagged in its place. The history is verified before it is exported, and the result
(intact, or every problem found) goes into the manifest: an altered history is still exported,
marked ALTERED, because that is when an auditor needs the evidence.
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

from adapters.audit_rows import stored_rows
from domain.audit import GENESIS, RecordedEvent, extend
from domain.calendar import date_time
from tenants.audit import AuditTrail, Verification
from tenants.bundles.verify import FORMAT, body_link
from tenants.ledger import PartnershipLedger
from tenants.unreadable import Unreadable, UnreadableError, readable_body, unless_unreadable

VERIFIER = Path(__file__).with_name("verify.py")
README = """Audit bundle of {partnership}, exported {exported_at} for {exported_for}.

OFFICIAL-SENSITIVE. This bundle holds the readable history of the partnership's reviews
(special-category personal data about victims, families and perpetrators). Keep it as
OFFICIAL-SENSITIVE material: on encrypted, access-controlled storage, shared with no one
outside the audit, and destroyed when the audit no longer needs it.

Check it offline with Python 3 alone (no packages, no network):

    python3 verify.py              (from this folder, once unzipped; or)
    python3 verify.py BUNDLE.zip   (the zip as received)
    python3 verify.py --list       (the records it holds)
    python3 verify.py --replay ID  (one record, e.g. a case, replayed to a readable state)

'INTACT' means every file matches manifest.json and the hash chain over the events' stored bytes
reproduces every link and every seal. Compare the seal links it prints with the ones the
partnership published independently (board minutes): matching links prove that no event up to
that seal was changed, removed, inserted or reordered.

What is proven, and what is attested:
- PROVEN by the hash chain and the seals, with no key: the stored history is complete and
  unaltered. Event bodies are stored encrypted (AES-GCM, the partnership's data key), and the
  chain runs over those stored, encrypted bytes.
- ATTESTED by the service: that each readable body in events.jsonl ("body") is the decryption
  of the stored event beside it, made by the service when it exported this bundle. The
  partnership's key never leaves the service, so no one outside it can check a decryption.
  The manifest's bodies_link ties every readable body to its event's chain link, so no body
  can be changed, swapped or moved after export without the verifier noticing. Bodies stored
  before encryption at rest was switched on are checked byte for byte against the stored event.
--replay and --list read the readable bodies, after the chain has been verified.

An event the service could not read when it exported this bundle (its stored bytes fail their
encryption's integrity check, or name a key the service does not hold) is exported as stored,
in the chain like every other, with no readable body and the reason in its row ("unreadable")
and in manifest.json ("unreadable": position, kind of record, version, why). verify.py names
each one and does not report the bundle intact.

The service verified the whole history (as `ledger audit verify` does) just before this export;
manifest.json ("verification") holds the result. If it found the history altered, the bundle
still holds every stored row as evidence (a row planted outside the chain is marked
"outside_chain", a row not stored as the application writes it "altered") and verify.py
reports ALTERED with what was found.
"""


@dataclass(frozen=True)
class Exported:
    tenant: str
    events: int
    first_position: int
    head_position: int
    head_link: str
    unreadable: int = 0  # events exported without a readable body (see ``_readable``)
    problems: tuple[str, ...] = ()  # what verifying the history before export found


def write_bundle(
    out: IO[bytes],
    ledger: PartnershipLedger,
    audit: AuditTrail,
    *,
    exported_for: str,
    since: date | None = None,
    progress: Callable[[int], None] | None = None,
    partnership: str | None = None,
) -> Exported:
    """Write the zip to ``out``; events recorded from ``since`` on (UTC), or all of them.
    ``partnership`` is its name, as the README and the verifier's answer name it for people
    (the manifest keeps the short name too, the key the service knows it by)."""
    named = partnership or ledger.tenant_slug
    cutoff = datetime.combine(since, time.min, tzinfo=UTC) if since else None
    start_link, before, start_position = GENESIS, 0, 0
    link, count, first, head = GENESIS, 0, 0, 0
    bodies = GENESIS
    digests: dict[str, str] = {}
    unreadable: list[dict[str, Any]] = []
    altered: list[dict[str, Any]] = []
    verification = audit.verify(ledger)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        with bundle.open("events.jsonl", "w") as raw:
            digest = hashlib.sha256()
            for event, included in _from(ledger, cutoff):
                if event.position <= 0:  # loaded by the application, never sealed: evidence
                    why = _OUTSIDE.format(position=event.position)
                    altered.append({"position": event.position, "why": why})
                    readable, _ = _readable(ledger, event)
                    row = {**_row(event, "", readable, ""), "outside_chain": why}
                    del row["link"]  # in no chain: the seals and this bundle's links skip it
                    line = json.dumps(row, separators=(",", ":")).encode() + b"\n"
                    raw.write(line)
                    digest.update(line)
                    continue
                link = extend(link, event)
                if not included:
                    start_link, before, start_position = link, before + 1, event.position
                    continue
                readable, why = _readable(ledger, event)
                bodies = body_link(bodies, link, readable)
                row = _row(event, link, readable, why)
                if why:
                    unreadable.append(_flag(event, why))
                if event.malformed:
                    row["altered"] = event.malformed
                    altered.append({"position": event.position, "why": event.malformed})
                line = json.dumps(row, separators=(",", ":")).encode() + b"\n"
                raw.write(line)
                digest.update(line)
                count, head = count + 1, event.position
                first = first or event.position
                if progress and count % 1000 == 0:
                    progress(1000)
            digests["events.jsonl"] = digest.hexdigest()
        now = datetime.now(tz=UTC)
        exported_at = now.isoformat(timespec="seconds")
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
                partnership=named, exported_at=date_time(now), exported_for=exported_for
            ).encode(),
        }
        for name, data in files.items():
            bundle.writestr(name, data)
            digests[name] = hashlib.sha256(data).hexdigest()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "tenant": ledger.tenant_slug,
            "partnership": named,
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
            "bodies": "decrypted by the service at export: its attestation, see README.txt",
            "bodies_link": bodies,
            "unreadable": unreadable,
            "altered": altered,
            "verification": _verified(verification, named),
            "files": digests,
        }
        bundle.writestr("manifest.json", json.dumps(manifest, indent=1))
    return Exported(
        ledger.tenant_slug,
        count,
        first,
        manifest["head_position"],
        manifest["head_link"],
        len(unreadable),
        verification.problems,
    )


_OUTSIDE = (
    "a row numbered {position}: events are numbered from 1, so it was written behind the "
    "application's back; the application loads it, the seals never covered it"
)


def _verified(result: Verification, partnership: str) -> dict[str, Any]:
    """The service's verification of the whole history, made just before this export: what it
    found as the command line says it, and in words (``found``), which the verifier prints."""
    return {
        "intact": result.intact,
        "events_checked": result.events_checked,
        "seals_checked": result.seals_checked,
        "exports_checked": result.exports_checked,
        "head_position": result.head_position,
        "problems": list(result.problems),
        "found": [finding.sentence(partnership) for finding in result.findings],
    }


def _from(
    ledger: PartnershipLedger, cutoff: datetime | None
) -> Iterator[tuple[RecordedEvent, bool]]:
    """Every stored event with whether it is exported: all from the first recorded at ``cutoff``."""
    including = cutoff is None
    for event in stored_rows(ledger.recorder):
        if event.position <= 0:
            yield event, True  # evidence whatever the day: never before the bundle's start
            continue
        if not including:
            assert cutoff is not None
            recorded = _recorded_at(ledger, event)
            including = recorded is None or recorded >= cutoff
        yield event, including


def _recorded_at(ledger: PartnershipLedger, event: RecordedEvent) -> datetime | None:
    """When the event was recorded, or None if it cannot be read: the bundle then starts at
    it, so an auditor asking from a day gets it flagged rather than silently left before."""
    stored = StoredEvent(
        originator_id=event.originator_id,
        originator_version=event.originator_version,
        topic=event.topic,
        state=event.state,
    )
    domain_event: Any = unless_unreadable(lambda: ledger.mapper.to_domain_event(stored))
    return None if domain_event is None else domain_event.timestamp


def _readable(ledger: PartnershipLedger, event: RecordedEvent) -> tuple[bytes, str]:
    """The body as the service reads it (needs the tenant's key, held only here), or no body
    and why not: one unreadable event is flagged, and the rest of the history still exported."""
    try:
        return readable_body(ledger, event.state), ""
    except UnreadableError as error:
        return b"", error.why


def _row(event: RecordedEvent, link: str, readable: bytes, why: str) -> dict[str, Any]:
    row = {
        "position": event.position,
        "originator_id": str(event.originator_id),
        "originator_version": event.originator_version,
        "topic": event.topic,
        "state": base64.b64encode(event.state).decode(),
        "link": link,
        "body": base64.b64encode(readable).decode(),
    }
    return {**row, "unreadable": why} if why else row


def _flag(event: RecordedEvent, why: str) -> dict[str, Any]:
    """The manifest's note of an event exported without a readable body: where, what kind of
    record, why; never anything it holds."""
    found = Unreadable(event.originator_id, event.originator_version, event.topic, why)
    return {
        "position": event.position,
        "record": found.record,
        "originator_id": str(event.originator_id),
        "originator_version": event.originator_version,
        "why": why,
    }
