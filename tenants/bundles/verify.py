#!/usr/bin/env python3
"""Verify a Partnership Ledger audit bundle offline, and replay any record from it.

Runs with the Python standard library alone (3.9+), so an auditor needs to trust nothing the
service ships but this short file, which they can read. Usage, from the unzipped bundle or
beside the zip file:

    python3 verify.py [BUNDLE]                 # prove the history complete and unaltered
    python3 verify.py [BUNDLE] --list          # every record (case, action...) in the bundle
    python3 verify.py [BUNDLE] --replay ID     # one record's events folded into a readable state

BUNDLE is the .zip or the folder it was unzipped into (default: the folder of this file).
Exit status: 0 intact, 1 altered or incomplete (an event the service could not read when it
exported the bundle included), 2 unreadable.

What it proves: every file matches the manifest's SHA-256; recomputing the hash chain over the
events' stored bytes, in recorded order, gives every link the bundle carries and the link of
every seal the service made, with the sealed event counts. Compare the printed seal links with
the ones published independently (e.g. in board minutes): if they match, no event up to that
seal was changed, removed, inserted or reordered, by anyone. The chain covers the bytes as
stored, so it needs no key even where event bodies are encrypted at rest.

What it does not prove: event bodies are stored encrypted with the partnership's key, which
never leaves the service, so the readable body beside each event ("body") is the service's
attestation of what that ciphertext holds, made when it exported the bundle. The verifier holds
each body to its event (the manifest's ``bodies_link`` chains every body with its event's link,
so none can be changed, swapped or moved after export) and, where a body was stored before
encryption at rest, checks it byte for byte against the stored event. --list and --replay read
these bodies, and only after the chain has verified.

An event the service could not read when it exported the bundle (its stored bytes failed their
encryption's check, or named a key it does not hold) carries no body and the reason
("unreadable"); the verifier names each and does not report the bundle intact, and --replay
shows it in its place in the history, holding nothing.

The service also verified the whole history before exporting it (``verification`` in the
manifest): if it found it altered, the bundle holds every stored row as evidence (a row planted
at position 0 or below as ``outside_chain``, outside the chain the seals cover; a row not stored
as the application writes it flagged ``altered``), and this verifier reports ALTERED (exit 1).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from uuid import UUID

FORMAT = "partnership-ledger-audit-bundle/3"
# /1: bodies not encrypted, none beside; /2: no verification at export, no rows outside the chain
KNOWN = ("partnership-ledger-audit-bundle/1", "partnership-ledger-audit-bundle/2", FORMAT)
GENESIS = "0" * 64


class Broken(Exception):
    """The bundle is not what the service exported: the first thing that does not hold."""


class Bundle:
    def __init__(self, where: Path) -> None:
        self.zip = zipfile.ZipFile(where) if where.is_file() else None
        self.folder = where

    def read(self, name: str) -> bytes:
        if self.zip is not None:
            return self.zip.read(name)
        return (self.folder / name).read_bytes()


def link_after(
    link: str, position: int, originator_id: str, version: int, topic: str, state: bytes
) -> str:
    """The service's chain step (``domain/audit/chain.py``), restated here to be checked by eye."""
    digest = hashlib.sha256()
    digest.update(bytes.fromhex(link))
    digest.update(position.to_bytes(8, "big"))
    digest.update(UUID(originator_id).bytes)
    digest.update(version.to_bytes(8, "big"))
    digest.update(len(topic).to_bytes(4, "big") + topic.encode())
    digest.update(len(state).to_bytes(8, "big") + state)
    return digest.hexdigest()


def body_link(link: str, event_link: str, body: bytes) -> str:
    """The next step of the chain binding each readable body to its event's chain link."""
    digest = hashlib.sha256()
    digest.update(bytes.fromhex(link))
    digest.update(bytes.fromhex(event_link))
    digest.update(len(body).to_bytes(8, "big") + body)
    return digest.hexdigest()


def events_of(bundle: Bundle) -> list[dict[str, Any]]:
    lines = bundle.read("events.jsonl").decode("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def verify(bundle: Bundle) -> dict[str, Any]:
    manifest = json.loads(bundle.read("manifest.json"))
    if manifest.get("format") not in KNOWN:
        raise Broken(f"not a bundle this verifier knows (format {manifest.get('format')!r})")
    for name, expected in sorted(manifest["files"].items()):
        found = hashlib.sha256(bundle.read(name)).hexdigest()
        if found != expected:
            raise Broken(f"{name} does not match the manifest's SHA-256 (altered after export)")
    everything = events_of(bundle)
    outside = [e for e in everything if "outside_chain" in e]  # planted at position 0 or below
    events = [e for e in everything if "outside_chain" not in e]
    if len(events) != manifest["events"]:
        raise Broken(
            f"the manifest lists {manifest['events']} events; the bundle holds {len(events)}"
        )
    seals = {int(s["position"]): s for s in json.loads(bundle.read("seals.json"))}
    link, count, position = manifest["start_link"], manifest["events_before"], 0
    with_bodies = manifest["format"] != KNOWN[0]
    bodies = GENESIS
    checked = []
    unreadable: list[dict[str, Any]] = []
    altered = [{"position": e["position"], "why": e["outside_chain"]} for e in outside]
    if any(int(e["position"]) > 0 for e in outside):
        raise Broken("a row flagged outside the chain has an event number the chain covers")
    for event in events:
        if event["position"] <= position:
            raise Broken(f"event {event['position']:,} is out of recorded order")
        state = base64.b64decode(event["state"], validate=True)
        link = link_after(
            link,
            event["position"],
            event["originator_id"],
            event["originator_version"],
            event["topic"],
            state,
        )
        count, position = count + 1, event["position"]
        if link != event["link"]:
            raise Broken(f"event {position:,} was altered (its chain link differs)")
        if "altered" in event:  # the service found it not stored as the application writes it
            altered.append({"position": position, "why": event["altered"]})
        if with_bodies and "unreadable" in event:  # the service could not read it: no body
            if event["body"]:
                raise Broken(f"event {position:,} is flagged unreadable yet has a body")
            unreadable.append({"position": position, "why": event["unreadable"]})
            bodies = body_link(bodies, link, b"")
        elif with_bodies:
            readable = base64.b64decode(event["body"], validate=True)
            if state[:1] == b"{" and readable != state:  # stored before encryption at rest
                raise Broken(f"the readable body of event {position:,} is not the stored one")
            if not isinstance(_json(readable), dict):
                raise Broken(f"the readable body of event {position:,} is not an event body")
            bodies = body_link(bodies, link, readable)
        seal = seals.get(position)
        if seal is not None:
            if seal["link"] != link or int(seal["events"]) != count:
                raise Broken(
                    f"the seal at event {position:,} no longer matches the events before it"
                    + _unreadable_words(unreadable)
                )
            checked.append(seal)
    if link != manifest["head_link"] or (events and position != manifest["head_position"]):
        raise Broken("the last event's link is not the head link the service exported")
    if with_bodies and bodies != manifest["bodies_link"]:
        raise Broken("a readable body was altered, swapped or moved (bodies_link differs)")
    flagged = [int(u["position"]) for u in manifest.get("unreadable", [])]
    if flagged != [u["position"] for u in unreadable]:
        raise Broken("the manifest's unreadable events are not the ones flagged in events.jsonl")
    if [int(a["position"]) for a in manifest.get("altered", [])] != [
        a["position"] for a in altered
    ]:
        raise Broken("the manifest's altered rows are not the ones flagged in events.jsonl")
    start = manifest["start_position"]  # seals up to it vouch for events before this bundle
    for at in sorted(seals):
        if start < at <= position and seals[at] not in checked:
            raise Broken(f"the sealed event {at:,} is missing")
        if at > max(position, start):
            raise Broken(
                f"a seal vouches for event {at:,}, beyond the last event: events are missing"
            )
    return {
        "manifest": manifest,
        "events": count - manifest["events_before"],
        "seals": checked,
        "unreadable": manifest.get("unreadable", []),
        "altered": altered,
        "problems": (manifest.get("verification") or {}).get("problems", []),
        "found": (manifest.get("verification") or {}).get("found", []),
    }


def _unreadable_words(unreadable: list[dict[str, Any]]) -> str:
    if not unreadable:
        return ""
    at = ", ".join(f"{u['position']:,}" for u in unreadable)
    return f"; the service could not read event {at} when it exported this bundle"


def unreadable_lines(result: dict[str, Any]) -> list[str]:
    """Each event the service could not read at export, in words: where, what, why."""
    return [
        f"event {u['position']:,} ({u['record']}, version {u['originator_version']}): {u['why']}"
        for u in result["unreadable"]
    ]


def altered_words(result: dict[str, Any]) -> str:
    """What the service found when it verified the whole history before exporting, and each
    row it flagged: the bundle holds the evidence, as stored, but the history is not intact.
    A bundle exported before the service said what it found in words ("found") says it as the
    service's command line did then ("problems")."""
    found = (
        result["found"]
        or result["problems"]
        or [f"event {a['position']:,}: {a['why']}" for a in result["altered"]]
    )
    return (
        "ALTERED: the service verified this history before exporting it and found:\n  "
        + "\n  ".join(found)
        + '\nThe bundle holds every stored row as evidence (manifest.json, "verification" and '
        '"altered"; rows outside the chain are marked "outside_chain" in events.jsonl).'
    )


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def day_words(value: str) -> str:
    """ "4 September 2013", from an ISO date (or the day of an ISO time, as ``when`` says it)."""
    if "T" in value:
        return when(value).split(" at ", 1)[0]
    day = datetime.strptime(value[:10], "%Y-%m-%d")
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def when(value: str) -> str:
    """An ISO time as the service's pages say it: "4 September 2013 at 2:05pm", UK time (UTC,
    and said so, where this Python has no time zone database)."""
    at = datetime.fromisoformat(value)
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)  # noqa: UP017 (3.9)
    try:
        from zoneinfo import ZoneInfo

        local, zone = at.astimezone(ZoneInfo("Europe/London")), ""
    except Exception:  # Python 3.8, or no time zone database (Windows without tzdata)
        local, zone = at.astimezone(timezone.utc), " UTC"  # noqa: UP017
    hour = local.hour % 12 or 12
    noon = "am" if local.hour < 12 else "pm"
    month = MONTHS[local.month - 1]
    return f"{local.day} {month} {local.year} at {hour}:{local.minute:02d}{noon}{zone}"


def events_words(first: int, head: int) -> str:
    return f"events {first:,} to {head:,}" if head else "no events"


def plain(value: Any) -> Any:
    """Stored values as readable JSON: the store's typed values ({_type_, _data_}) unwrapped."""
    if isinstance(value, dict):
        if set(value) == {"_type_", "_data_"}:
            return plain(value["_data_"])
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None  # encrypted (or compressed) at rest, or not JSON at all


def body(event: dict[str, Any]) -> dict[str, Any] | None:
    """The event's readable body: the one exported beside it, else (format /1) as stored."""
    decoded = _json(base64.b64decode(event.get("body", event["state"])))
    return plain(decoded) if isinstance(decoded, dict) else None


def replay(bundle: Bundle, wanted: str) -> dict[str, Any]:
    """One record (by id, or a case by its reference) folded from its events, oldest first.

    ``facts`` are what the record was created with, ``steps`` what each later kind of event
    recorded (a list where it happened more than once), each with corrections applied where
    they belong; ``history`` is every event as recorded, with who recorded it and when.
    """
    events = [e for e in events_of(bundle) if e["originator_id"] == wanted]
    if not events:
        found = [  # a case (or budget) by its reference, given when it was first recorded
            e
            for e in events_of(bundle)
            if e["originator_version"] == 1 and (body(e) or {}).get("reference") == wanted
        ]
        ids = {e["originator_id"] for e in found}
        events = [e for e in events_of(bundle) if e["originator_id"] in ids]
    if not events:
        raise Broken(f"no record {wanted!r} in this bundle; list them with --list")
    facts: dict[str, Any] = {}
    steps: dict[str, list[dict[str, Any]]] = {}
    history = []
    for event in sorted(events, key=lambda e: e["originator_version"]):
        name = event["topic"].rsplit(".", 1)[-1]
        if "unreadable" in event:  # in its place in the history, holding nothing
            history.append(
                {
                    "version": event["originator_version"],
                    "event": name,
                    "unreadable": event["unreadable"],
                }
            )
            continue
        data = body(event)
        if data is None:
            raise Broken(
                f"the event at version {event['originator_version']} has no readable body "
                "(encrypted at rest, and the bundle carries no decryption of it): the chain "
                "was verified without a key, but replaying needs a bundle from this service "
                "that holds its bodies"
            )
        meta = {k: data.pop(k, None) for k in ENVELOPE}
        if event["originator_version"] == 1:
            facts.update(data)
        elif name == "Corrected":
            _correct(facts, steps, data["field"], data["value"])
        else:
            steps.setdefault(name, []).append(data)
        history.append(
            {
                "version": event["originator_version"],
                "event": name,
                "recorded_at": meta["timestamp"],
                "recorded_by": meta["recorded_by"],
                **data,
                **_altered(event),
            }
        )
    return {
        "bodies": (
            "as decrypted by the service at export (its attestation); the stored events "
            "they belong to were verified by the chain"
            if "body" in events[0]
            else "as stored, verified by the chain"
        ),
        "id": events[0]["originator_id"],
        "record": _kind(events[0]["topic"]),
        "version": events[-1]["originator_version"],
        "facts": facts,
        "steps": {name: found[0] if len(found) == 1 else found for name, found in steps.items()},
        "history": history,
    }


def _altered(event: dict[str, Any]) -> dict[str, Any]:
    """Why the service flagged this row (the application loads it as it is stored)."""
    why = event.get("outside_chain") or event.get("altered")
    return {"altered": why} if why else {}


ENVELOPE = ("originator_id", "originator_version", "timestamp", "recorded_by", "originator_topic")


def _correct(
    facts: dict[str, Any], steps: dict[str, list[dict[str, Any]]], field: str, value: Any
) -> None:
    """Put a corrected value where the record holds it: a fact, or the latest step naming it."""
    if field in facts:
        facts[field] = value
        return
    for found in reversed([entry for entries in steps.values() for entry in entries]):
        if field in found:
            found[field] = value
            return
    steps.setdefault(f"Corrected {field}", []).append({field: value})


def _kind(topic: str) -> str:
    return topic.split(":", 1)[-1].split(".")[0]


def listing(bundle: Bundle) -> list[str]:
    seen: dict[str, str] = {}
    for event in events_of(bundle):
        if event["originator_version"] == 1:
            ref = (body(event) or {}).get("reference", "")
            seen[event["originator_id"]] = (
                f"{event['originator_id']}\t{_kind(event['topic'])}\t{ref or ''}"
            )
    return list(seen.values())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Verify a Partnership Ledger audit bundle offline."
    )
    parser.add_argument("bundle", nargs="?", default=str(Path(__file__).resolve().parent))
    parser.add_argument("--list", action="store_true", help="list the records in the bundle")
    parser.add_argument("--replay", metavar="ID", help="replay one record (id or case reference)")
    args = parser.parse_args(argv)
    try:
        bundle = Bundle(Path(args.bundle))
        result = verify(bundle)
        if result["unreadable"]:
            print(
                "ALTERED OR INCOMPLETE: the service could not read "
                + "; ".join(unreadable_lines(result))
                + ". The chain and seals over the stored bytes check out otherwise; an event "
                'altered after the last seal is caught only this way (manifest.json, "unreadable")',
                file=sys.stderr if args.list or args.replay else sys.stdout,
            )
        if (result["problems"] or result["altered"]) and (args.list or args.replay):
            print(altered_words(result), file=sys.stderr)
        if args.list:
            print("\n".join(listing(bundle)))
            sys.stdout.flush()  # a reader gone (`| head`) is answered here, not at exit
            return 0
        if args.replay:
            print(json.dumps(replay(bundle, args.replay), indent=2))
            sys.stdout.flush()
            return 0
    except Broken as e:
        print(f"ALTERED OR INCOMPLETE: {e}")
        return 1
    except BrokenPipeError:
        # the reader stopped early (`--list | head`, `--replay ID | less`): the bundle was
        # verified before anything was listed, so it is not "unreadable"; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if result["problems"] or result["altered"] or result["unreadable"] else 0
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as e:
        print(f"unreadable bundle ({type(e).__name__}: {e}); check the path, or export it again")
        return 2
    if result["unreadable"]:
        if result["problems"] or result["altered"]:
            print(altered_words(result))
        return 1
    if result["problems"] or result["altered"]:
        print(altered_words(result))
        return 1
    m = result["manifest"]
    print(
        f"INTACT: {result['events']:,} events of {m.get('partnership') or m['tenant']} "
        f"({events_words(m['first_position'], m['head_position'])}), exported "
        f"{when(m['exported_at'])}"
    )
    print(f"head link {m['head_link']}")
    if "bodies_link" in m:
        print(
            "readable bodies: each held to its event (bodies link "
            f"{m['bodies_link']}); that each is the decryption of the stored event is the "
            "service's attestation at export, not proven here (see README.txt)"
        )
    if m["events_before"]:
        print(
            f"starts after {m['events_before']:,} earlier events, at link {m['start_link']}: "
            f"compare it with a seal made before {day_words(m['from'])}"
        )
    for seal in result["seals"]:
        print(
            f"seal at event {seal['position']:,} ({seal['events']:,} events, made "
            f"{when(seal['sealed_at'])}): {seal['link']} matches"
        )
    if not result["seals"]:
        print("no seal falls within these events: compare the head link with one published later")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
