"""Audit bundles on both stores: exported over HTTP (and by the CLI), verified offline by the
stand-alone verifier under plain ``python3 -I``, and caught out by any one changed byte."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from api.cli import main
from domain.calendar import date_time, long_date
from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_corrections import correct, decided_case
from tests.api.test_end_to_end import Http


def verifier(bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The bundle's own verify.py, run as an auditor would: isolated, standard library only."""
    folder = bundle.with_suffix("")
    with zipfile.ZipFile(bundle) as z:
        z.extractall(folder)
    return subprocess.run(
        ["python3", "-I", str(folder / "verify.py"), str(bundle), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
    )


def download(client: FlaskClient, world: World, tmp_path: Path, query: str = "") -> Path:
    r = client.get(
        f"/api/v1/tenants/{world.tenant}/audit/bundle{query}", headers=world.auth("auditor")
    )
    assert r.status_code == 200 and r.mimetype == "application/zip", r.data[:200]
    path = tmp_path / "bundle.zip"
    path.write_bytes(r.data)
    return path


def rewrite(bundle: Path, name: str, change: bytes, *, fix_manifest: bool) -> Path:
    """A copy of the bundle with one file replaced, its manifest hash recomputed or not."""
    out = bundle.with_name(f"altered-{fix_manifest}.zip")
    with zipfile.ZipFile(bundle) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files[name] = change
    if fix_manifest:
        import hashlib

        manifest = json.loads(files["manifest.json"])
        manifest["files"][name] = hashlib.sha256(change).hexdigest()
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)
    return out


def test_an_exported_bundle_verifies_offline_and_fails_after_one_changed_byte(
    platform: Platform, client: FlaskClient, world: World, tmp_path: Path
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        seal = platform.audit.seal(ledger)
    correct(http, case, {"field": "incident_on", "value": "2025-02-01", "reason": "first call"})

    bundle = download(client, world, tmp_path)
    good = verifier(bundle)

    assert good.returncode == 0 and good.stdout.startswith("INTACT"), good.stdout + good.stderr
    assert seal.link in good.stdout
    with zipfile.ZipFile(bundle) as z:
        events = z.read("events.jsonl").splitlines()
    for line_no in (0, len(events) - 1):
        row = json.loads(events[line_no])
        state = bytearray(base64.b64decode(row["state"]))
        state[len(state) // 2] ^= 0x01  # one byte of the event as stored
        row["state"] = base64.b64encode(bytes(state)).decode()
        changed = [*events[:line_no], json.dumps(row).encode(), *events[line_no + 1 :]]
        for fix in (False, True):
            bad = rewrite(bundle, "events.jsonl", b"\n".join(changed) + b"\n", fix_manifest=fix)
            result = verifier(bad)
            assert result.returncode == 1 and "ALTERED" in result.stdout, result.stdout
    dropped = rewrite(bundle, "events.jsonl", b"\n".join(events[1:]) + b"\n", fix_manifest=True)
    assert verifier(dropped).returncode == 1


def test_bodies_are_encrypted_as_stored_and_one_changed_byte_of_a_readable_body_is_caught(
    client: FlaskClient, world: World, tmp_path: Path
) -> None:
    http = Http(client, world)
    decided_case(http)
    bundle = download(client, world, tmp_path)
    with zipfile.ZipFile(bundle) as z:
        events = z.read("events.jsonl").splitlines()
        readme = z.read("README.txt").decode()
    rows = [json.loads(line) for line in events]
    assert all(base64.b64decode(r["state"])[:1] != b"{" for r in rows)  # encrypted at rest
    assert b"CORR-1" in base64.b64decode(rows[0]["body"])  # decrypted beside it
    assert "OFFICIAL-SENSITIVE" in readme and "ATTESTED" in readme
    good = verifier(bundle)
    assert good.returncode == 0 and "attestation" in good.stdout, good.stdout

    for line_no in (0, len(events) - 1):
        row = json.loads(events[line_no])
        readable = bytearray(base64.b64decode(row["body"]))
        at = readable.index(b'"', len(readable) // 2)  # one byte, still well-formed JSON
        readable[at - 1 : at] = b"X" if readable[at - 1 : at] != b"X" else b"Y"
        row["body"] = base64.b64encode(bytes(readable)).decode()
        changed = [*events[:line_no], json.dumps(row).encode(), *events[line_no + 1 :]]
        for fix in (False, True):
            bad = rewrite(bundle, "events.jsonl", b"\n".join(changed) + b"\n", fix_manifest=fix)
            result = verifier(bad)
            assert result.returncode == 1 and "ALTERED" in result.stdout, result.stdout
            replay = verifier(bad, "--replay", "CORR-1")
            assert replay.returncode == 1, replay.stdout  # never replays from an altered body
    swapped = [events[0], *events[1:]]
    first, last = json.loads(swapped[0]), json.loads(swapped[-1])
    first["body"], last["body"] = last["body"], first["body"]
    swapped[0], swapped[-1] = json.dumps(first).encode(), json.dumps(last).encode()
    moved = rewrite(bundle, "events.jsonl", b"\n".join(swapped) + b"\n", fix_manifest=True)
    assert verifier(moved).returncode == 1


def test_the_readme_and_the_verifier_name_the_partnership_as_people_know_it(
    platform: Platform, client: FlaskClient, world: World, tmp_path: Path
) -> None:
    """They said "tenant" and its short name; the manifest keeps the short name as its key."""
    decided_case(Http(client, world))
    name = platform.registry.tenant(world.tenant).name
    assert name != world.tenant
    bundle = download(client, world, tmp_path)
    with zipfile.ZipFile(bundle) as z:
        readme = z.read("README.txt").decode()
        manifest = json.loads(z.read("manifest.json"))

    said = verifier(bundle).stdout

    assert readme.startswith(f"Audit bundle of {name}, exported ")
    assert said.startswith("INTACT: ") and f" events of {name} (events " in said, said
    assert "tenant" not in readme.split("\n", 1)[0] and "tenant" not in said.splitlines()[0]
    assert (manifest["tenant"], manifest["partnership"]) == (world.tenant, name)


def test_a_case_replays_from_the_bundle_with_its_correction(
    client: FlaskClient, world: World, tmp_path: Path
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    correct(http, case, {"field": "incident_on", "value": "2025-02-01", "reason": "first call"})

    replay = verifier(download(client, world, tmp_path), "--replay", "CORR-1")

    assert replay.returncode == 0, replay.stdout
    found = json.loads(replay.stdout)
    assert found["record"] == "DomesticHomicideReview" and found["version"] == 3
    assert found["facts"]["incident_on"] == "2025-02-01" and found["facts"]["kind"] == "dhr"
    assert found["steps"]["Decided"]["outcome"] == "hold"
    assert [s["event"] for s in found["history"]] == ["Notified", "Decided", "Corrected"]
    assert found["history"][-1]["reason"] == "first call"


def test_a_listing_read_only_in_part_is_not_called_an_unreadable_bundle(
    client: FlaskClient, world: World, tmp_path: Path
) -> None:
    """An auditor piping the listing or a replay into `head` or `less` and stopping early is
    not told the bundle is unreadable, nor shown a traceback: it was verified before listing."""
    decided_case(Http(client, world))
    bundle = download(client, world, tmp_path)
    verifier(bundle)  # unzips it beside the bundle
    folder = bundle.with_suffix("")
    for args in (["--list"], ["--replay", "CORR-1"]):
        reading, writing = os.pipe()
        os.close(reading)  # the reader has gone before the first line, as `head` goes after some
        lister = subprocess.run(
            ["python3", "-I", str(folder / "verify.py"), str(bundle), *args],
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            cwd=folder,
        )
        os.close(writing)
        assert lister.returncode == 0, lister.stderr
        assert "unreadable bundle" not in lister.stderr and "Traceback" not in lister.stderr


def test_exporting_is_logged_and_limited_to_the_auditors_grant(
    platform: Platform, client: FlaskClient, world: World, tmp_path: Path
) -> None:
    decided_case(Http(client, world))
    download(client, world, tmp_path, f"?from={date.today()}")

    today = date.today().isoformat()
    reads = body(
        client.get(
            f"/api/v1/tenants/{world.tenant}/audit/reads?since={today}&until={today}",
            headers=world.auth("auditor"),
        )
    )
    assert any(r["path"].endswith("/audit/bundle") for r in reads)
    exports = platform.audit.exports(world.tenant)
    assert len(exports) == 1 and exports[0].exported_for.startswith("auditor:")
    for who, status in (("other_auditor", 404), ("officer", 403), ("lead", 403)):
        r = client.get(f"/api/v1/tenants/{world.tenant}/audit/bundle", headers=world.auth(who))
        assert r.status_code == status, who


def test_the_cli_exports_from_a_day_and_refuses_an_auditor_without_the_grant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    for slug in ("coventry", "solihull"):
        assert (
            run(
                main, ["tenants", "register", slug, slug.title(), "--region", "west-mids"]
            ).exit_code
            == 0
        )
    run(main, ["users", "add", "ann", "--role", "auditor", "--tenant", "solihull"])
    out = tmp_path / "coventry.zip"

    refused = run(main, ["audit", "export", "coventry", "-o", str(out), "--auditor", "ann"])
    done = run(main, ["audit", "export", "coventry", "--from", "2000-01-01", "-o", str(out)])

    assert refused.exit_code == 2 and "not an auditor granted" in refused.output
    assert "`ledger users change-grants ann --role auditor --tenant coventry`" in refused.output
    assert done.exit_code == 0, done.output
    assert "OFFICIAL-SENSITIVE" in done.output
    checked = verifier(out)
    assert checked.returncode == 0
    assert checked.stdout.startswith("INTACT: 0 events of Coventry ("), checked.stdout
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        manifest = json.loads(z.read("manifest.json"))
        readme = z.read("README.txt").decode()
    assert manifest["tenant"] == "coventry" and manifest["from"] == "2000-01-01"
    assert readme.startswith("Audit bundle of Coventry, exported ")


def test_a_bundle_from_a_later_day_starts_at_the_link_before_it(
    platform: Platform, client: FlaskClient, world: World, tmp_path: Path
) -> None:
    from tenants.bundles.export import write_bundle

    decided_case(Http(client, world))
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        seal = platform.audit.seal(ledger)
        path = tmp_path / "later.zip"
        with path.open("wb") as out:
            done = write_bundle(
                out, ledger, platform.audit, exported_for="test", since=date(2999, 1, 1)
            )

    result = verifier(path)

    assert done.events == 0 and result.returncode == 0, result.stdout
    assert f"at link {seal.link}" in result.stdout  # the start link is the sealed head


def test_the_verifier_says_event_numbers_and_dates_as_the_pages_do(
    platform: Platform, client: FlaskClient, world: World, tmp_path: Path
) -> None:
    """It said positions ("positions 1-3", "seal at position 3") and times in UTC, as stored."""
    decided_case(Http(client, world))
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        seal = platform.audit.seal(ledger)
    bundle = download(client, world, tmp_path, f"?from={date(2000, 1, 1)}")
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read("manifest.json"))
    exported = datetime.fromisoformat(manifest["exported_at"])

    said = verifier(bundle).stdout

    first, head = manifest["first_position"], manifest["head_position"]
    assert f"(events {first:,} to {head:,}), exported {date_time(exported)}\n" in said, said
    assert (
        f"seal at event {seal.position:,} ({seal.events:,} events, made "
        f"{date_time(seal.sealed_at)}): {seal.link} matches"
    ) in said
    assert "position" not in said and "UTC" not in said and str(date(2000, 1, 1)) not in said
    with zipfile.ZipFile(bundle) as z:
        assert f"exported {date_time(exported)} for " in z.read("README.txt").decode()
    assert long_date(exported) in said


def test_bundles_exported_before_it_said_events_by_number_still_verify(
    client: FlaskClient, world: World, tmp_path: Path
) -> None:
    """A manifest of format /2 (no verification at export), and one of /3 whose verification
    holds what the service found only as the command line said it ("problems", no "found")."""
    decided_case(Http(client, world))
    bundle = download(client, world, tmp_path)
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["verification"]["found"] == []  # intact: nothing found
    two = {**manifest, "format": "partnership-ledger-audit-bundle/2"}
    del two["verification"]

    checked = verifier(
        rewrite(bundle, "manifest.json", json.dumps(two).encode(), fix_manifest=False)
    )

    assert checked.returncode == 0 and checked.stdout.startswith("INTACT: "), checked.stdout
    said = "the seal at position 3 (sealed 2026-12-01 02:30 UTC) no longer matches"
    verification = {**manifest["verification"], "intact": False, "problems": [said]}
    del verification["found"]
    three = json.dumps({**manifest, "verification": verification}).encode()

    checked = verifier(rewrite(bundle, "manifest.json", three, fix_manifest=False))

    assert checked.returncode == 1 and checked.stdout.startswith("ALTERED"), checked.stdout
    assert f"found:\n  {said}\n" in checked.stdout
