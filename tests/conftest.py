"""Fixtures shared by every test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tenants.ledger import PartnershipLedger


@pytest.fixture
def memory_ledger() -> Iterator[PartnershipLedger]:
    """A tenant's application with the in-memory store: for fast use-case tests."""
    app = PartnershipLedger(
        tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env={"PERSISTENCE_MODULE": "eventsourcing.popo"}
    )
    yield app
    app.close()
