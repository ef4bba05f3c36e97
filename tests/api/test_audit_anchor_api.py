"""`GET .../audit/verification` checks the seals against the audit anchor the server keeps
(``LEDGER_AUDIT_ANCHOR``), as `ledger audit verify --anchor` does, and says whether it did."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tenants.audit_anchor import NOT_ANCHORED_HERE, UNREADABLE_HERE
from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.integration.anchor_support import sealed_with_anchor, seals_deleted_with_an_edit


@pytest.fixture
def anchor(tmp_path: Path) -> Path:
    return tmp_path / "anchor.jsonl"


@pytest.fixture
def platform(make_platform: Callable[..., Platform], anchor: Path) -> Platform:
    """The server's platform, with LEDGER_AUDIT_ANCHOR naming the anchor."""
    return make_platform(LEDGER_AUDIT_ANCHOR=str(anchor))


def test_the_api_verify_checks_the_anchor_and_says_so(
    client: FlaskClient,
    world: World,
    platform: Platform,
    anchor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"/api/v1/tenants/{world.tenant}/audit/verification"
    unanchored = body(client.get(url, headers=world.auth("auditor")))
    assert unanchored["intact"] is True and unanchored["anchored"] is False
    assert unanchored["anchor"] == NOT_ANCHORED_HERE  # named, but no seal run wrote it yet

    sealed_with_anchor(platform, anchor, monkeypatch, world.tenant)
    seals_deleted_with_an_edit(platform, world.tenant)

    found = body(client.get(url, headers=world.auth("auditor")))

    assert found["intact"] is False and found["anchored"] is True, found
    assert found["seals_checked"] == 0 and found["anchored_checked"] == 1
    assert found["anchor"].startswith("Checked against the anchor kept outside the service: 1 line")
    assert any(
        f"the seal store holds 0 seals of {world.tenant}, where the anchor recorded 1" in problem
        for problem in found["problems"]
    ), found["problems"]


def test_the_api_says_a_damaged_anchor_could_not_be_read(
    client: FlaskClient,
    world: World,
    platform: Platform,
    anchor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sealed_with_anchor(platform, anchor, monkeypatch, world.tenant)
    anchor.write_bytes(anchor.read_bytes()[:-20])  # its last line cut short
    url = f"/api/v1/tenants/{world.tenant}/audit/verification"

    found = body(client.get(url, headers=world.auth("auditor")))

    assert found["anchored"] is False and found["anchor"] == UNREADABLE_HERE, found
