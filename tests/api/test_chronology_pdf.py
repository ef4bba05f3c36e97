"""The merged chronology as a PDF over HTTP on both stores: entries in date order, the key entry
and the gap between agencies marked, the protective marking on the page, read back with
pdftotext; only officers and leads may have it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from flask.testing import FlaskClient

from tests.api.conftest import World, body
from tests.api.test_chronology import entry
from tests.api.test_imrs import COUNCIL, HEALTH, POLICE
from tests.api.test_reviews import Case


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "chronology.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


def test_the_merged_chronology_as_a_pdf_marks_key_entries_and_gaps(
    client: FlaskClient, world: World, tmp_path: Path
) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    for agency in (POLICE, HEALTH, COUNCIL):
        case.step("imr-requests", {"on": "2014-03-10", "agency": agency})
    url = f"{case.base}/{case.id}/chronology"
    for data in (
        entry(COUNCIL, "2013-11-02", "Housing officer visit"),
        entry(POLICE, "2013-06-01", "Domestic incident call-out", "22:10"),
        entry(HEALTH, "2013-06-01", "A&E attendance <script>", "08:05"),
    ):
        r = client.post(f"{url}/entries", json=data, headers=world.auth("officer"))
        assert r.status_code == 201, body(r)
    client.post(
        f"{url}/key-entries", json={"number": 2, "key": True}, headers=world.auth("officer")
    )
    r = client.get(f"{url}/export.pdf?gap_days=60", headers=world.auth("lead"))
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data[:5] == b"%PDF-"
    assert 'filename="chronology-DHR-2014-01.pdf"' in r.headers["Content-Disposition"]
    text = pdf_text(r.data, tmp_path)
    assert "OFFICIAL-SENSITIVE" in text and "Merged chronology: case DHR-2014-01" in text
    order = [
        text.index(s)
        for s in (
            "A&E attendance <script>",
            "Domestic incident call-out",
            "Gap of 154 days",
            "Housing officer visit",
        )
    ]
    assert order == sorted(order)
    assert "KEY Domestic incident call-out" in " ".join(text.split())
    assert "Key entries 1" in " ".join(text.split())
    assert client.get(f"{url}/export.pdf", headers=world.auth("auditor")).status_code == 403
