"""Every aggregate keeps its state in immutable values or in containers of them.

``LedgerAggregate.__deepcopy__`` copies only dicts, lists and sets and shares the rest; this
holds every aggregate the demo records (all kinds, every tenant, the platform's own) to
that rule, and checks a copy's containers are independent of the original's.
"""

from __future__ import annotations

import dataclasses
import enum
import numbers
from collections.abc import Iterator
from copy import deepcopy
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from click.testing import CliRunner
from eventsourcing.application import Application

from adapters.settings import Settings
from api.cli import main
from domain.recording import LedgerAggregate
from tenants.platform import bootstrap

ATOMS = (str, numbers.Number, type(None), date, datetime, UUID, enum.Enum)


def immutable(value: Any) -> bool:
    if isinstance(value, ATOMS):
        return True
    if isinstance(value, tuple | frozenset):
        return all(immutable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        return frozen and all(immutable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def state_is_safe(value: Any) -> bool:
    if isinstance(value, dict):
        return all(immutable(k) and state_is_safe(v) for k, v in value.items())
    if isinstance(value, list | set):
        return all(state_is_safe(v) for v in value)
    return immutable(value)


def aggregates(app: Application[Any]) -> Iterator[LedgerAggregate]:
    ids = {n.originator_id for n in app.recorder.select_notifications(start=None, limit=100_000)}
    for aggregate_id in ids:
        yield app.repository.get(aggregate_id)


def test_every_recorded_aggregate_can_be_copied_by_its_containers(tmp_path: Path) -> None:
    env = {"LEDGER_DATA_DIR": str(tmp_path)}
    assert CliRunner().invoke(main, ["demo"], env=env).exit_code == 0
    platform = bootstrap(Settings.from_environ(env))
    try:
        apps: list[Application[Any]] = [platform.registry, platform.access, platform.audit]
        for region in ("west-midlands", "leicestershire-rutland", "staffordshire-stoke"):
            with platform.region_ledgers.lease(region, writing=False) as shared:
                apps.append(shared)  # the regions' own ledgers stay open once used
        seen: set[str] = set()
        for tenant in ("birmingham", "charnwood", "wolverhampton"):
            with platform.ledgers.lease(tenant) as ledger:
                for aggregate in [
                    *aggregates(ledger),
                    *(a for app in apps for a in aggregates(app)),
                ]:
                    seen.add(type(aggregate).__name__)
                    bad = {
                        k: type(v)
                        for k, v in aggregate.__dict__.items()
                        if k != "_pending_events" and not state_is_safe(v)
                    }
                    assert not bad, f"{type(aggregate).__name__} holds mutable state: {bad}"
                    copy = deepcopy(aggregate)
                    assert copy == aggregate and copy is not aggregate
                    for k, v in aggregate.__dict__.items():
                        if isinstance(v, dict | list | set) and k != "_pending_events":
                            assert copy.__dict__[k] is not v
        assert {
            "DomesticHomicideReview",
            "Action",
            "PooledBudget",
            "BudgetLine",
            "Taxonomy",
            "Tenant",
            "User",
            "PartnerDirectory",
            "CommissioningBudget",
            "CommissionedService",
            "PartnershipGroup",
            "DemandRecord",
        } <= seen
    finally:
        platform.close()
