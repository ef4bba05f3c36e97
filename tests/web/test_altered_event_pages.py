"""One altered event, on both stores: the auditor still takes the evidence away (the audit
bundle flags the event it could not read) and reads the history (the event marked in its
place), where both used to fail with a decryption error."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from uuid import UUID

from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tenants.unreadable import ALTERED
from tests.api.test_audit_bundle import verifier
from tests.integration.test_audit_tampering import flip_a_byte
from tests.projections.support import open_case, recommend
from tests.web.conftest import People, csrf, page_text, sign_in_with_code


def an_action_altered(platform: Platform, people: People) -> tuple[UUID, UUID, int]:
    """A case with an action under way, sealed; then one byte of the action's first event
    altered in the store. The case, the action and the altered event's position."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-ALT", date(2013, 3, 1))
        rec = recommend(ledger, rid, "R1", ["training"])
        act = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2014, 1, 1))
        ledger.actions.start(act, date(2013, 6, 1))
        platform.audit.seal(ledger)
    return rid, act, flip_a_byte(platform, people.tenant, act, 1)


def test_the_bundle_still_downloads_and_flags_the_event_it_cannot_read(
    visitor: FlaskClient, people: People, platform: Platform, tmp_path: Path
) -> None:
    _, act, position = an_action_altered(platform, people)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    page = f"/partnerships/{people.tenant}/audit-bundle"
    zipped = visitor.post(f"{page}/download", data={"csrf_token": csrf(visitor.get(page).data)})

    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.data)) as z:
        manifest = json.loads(z.read("manifest.json"))
        rows = [json.loads(line) for line in z.read("events.jsonl").splitlines()]
    assert manifest["unreadable"] == [  # where, what, why: never what it holds
        {
            "position": position,
            "record": "Action",
            "originator_id": str(act),
            "originator_version": 1,
            "why": ALTERED,
        }
    ]
    flagged = [r for r in rows if "unreadable" in r]
    assert [(r["position"], r["body"], r["unreadable"]) for r in flagged] == [
        (position, "", ALTERED)
    ]
    assert manifest["events"] == len(rows) and all(r["body"] for r in rows if r not in flagged)
    assert len(platform.audit.exports(people.tenant)) == 1
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(zipped.data)
    checked = verifier(bundle)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"could not read event {position:,} when it exported" in checked.stdout


def test_the_history_marks_the_event_it_cannot_read_and_shows_the_rest(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    rid, act, _ = an_action_altered(platform, people)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    history = visitor.get(f"/audit/partnerships/{people.tenant}/actions/{act}")
    case = visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}")

    assert history.status_code == 200
    shown = page_text(history.data)
    assert "1 event of this history cannot be read; it is marked below" in shown
    assert "This event could not be read by Not known" in shown
    assert "Recorded as Action planned" in shown and "Its stored bytes fail" in shown
    assert "Work on the action started" in shown  # the rest of its history still reads
    assert "Train call handlers" not in shown
    assert case.status_code == 200  # its case lists it still, for its history
    assert f"/audit/partnerships/{people.tenant}/actions/{act}" in case.data.decode()
