"""The auditor's "Verify integrity" checks the seals against the audit anchor the server keeps
(``LEDGER_AUDIT_ANCHOR``), as `ledger audit verify --anchor` does, and says in one line whether
it did: without it, seals deleted with the events they vouched for verified as intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tenants.audit_anchor import NOT_ANCHORED_HERE, UNREADABLE_HERE
from tenants.platform import Platform
from tests.integration.anchor_support import sealed_with_anchor, seals_deleted_with_an_edit
from tests.web.conftest import People
from tests.web.conftest import page_text as text
from tests.web.test_oversight_pages import signed_in_with_code, verified


@pytest.fixture
def anchor(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    return tmp_path / "outside" / "anchor.jsonl"


@pytest.fixture
def platform(make_platform: Callable[..., Platform], anchor: Path) -> Platform:
    """The server's platform, with LEDGER_AUDIT_ANCHOR naming the anchor."""
    return make_platform(LEDGER_AUDIT_ANCHOR=str(anchor))


def test_the_page_checks_the_anchor_and_finds_seals_deleted_with_an_edit(
    visitor: FlaskClient,
    people: People,
    platform: Platform,
    anchor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sealed_with_anchor(platform, anchor, monkeypatch, people.tenant)
    seals_deleted_with_an_edit(platform, people.tenant)
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"

    result = verified(visitor, page)

    shown = text(result.data)
    assert result.status_code == 200, shown
    assert "History intact" not in shown
    assert "History altered: the link kept outside the service for event" in shown
    name = platform.registry.tenant(people.tenant).name
    assert f"The seal store holds 0 seals of {name}, where the anchor recorded 1 on " in shown
    assert people.tenant not in shown.split("everything found:", 1)[1].split("Cases", 1)[0]
    assert "Checked against the anchor kept outside the service: 1 line, the newest of" in shown
    assert str(anchor) not in shown  # the host's paths are the operator's business


def test_the_page_says_whether_the_seal_store_was_checked_against_an_anchor(
    visitor: FlaskClient,
    people: People,
    platform: Platform,
    anchor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"
    unanchored = text(verified(visitor, page).data)
    assert "History intact" in unanchored and NOT_ANCHORED_HERE in unanchored  # no anchor file yet

    sealed_with_anchor(platform, anchor, monkeypatch, people.tenant)
    anchored = text(verified(visitor, page).data)

    assert "History intact" in anchored and NOT_ANCHORED_HERE not in anchored
    assert "Checked against the anchor kept outside the service: 1 line" in anchored


def test_a_damaged_anchor_is_said_to_be_damaged_not_merely_missing(
    visitor: FlaskClient,
    people: People,
    platform: Platform,
    anchor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An anchor edited by hand is itself a question for the auditor to ask: it was reported as
    "not checked against an anchor", as if none had been kept, with the reason only in the log."""
    sealed_with_anchor(platform, anchor, monkeypatch, people.tenant)
    anchor.write_text(anchor.read_text(encoding="utf-8") + "not an anchor's line\n")
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"

    shown = text(verified(visitor, page).data)

    assert UNREADABLE_HERE in shown and NOT_ANCHORED_HERE not in shown
    assert str(anchor) not in shown
