"""What each read in the auditor's read log was, in words: the kind of thing (``what_was_read``,
from its address alone), and which one by its name — a case by its reference, an action by its
case's and recommendation's, a budget or commissioned service by its own — looked up once per
partnership or region in the log. The address itself holds ids nobody should read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import UUID

from api.context import tenant_ledger
from api.resources.region_common import region_ledger
from domain.errors import NotFoundError
from domain.region import CommissionedService, CommissioningBudget
from tenants.unreadable import unless_unreadable

CASE_ID = re.compile(
    r"/(?:cases|reviews)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


ACTION_ID = re.compile(r"/actions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


BUDGET_ID = re.compile(
    r"^/audit/(?:partnerships|regions)/([^/]+)/(?:budgets|ledger)/"
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


@dataclass(frozen=True)
class ReadNames:
    """The names of the cases, actions, budgets and services the log's addresses hold ids of,
    keyed by partnership (or region) and id; called with a read's partnership and address, what
    was read in words."""

    cases: dict[str, dict[UUID, str]]
    actions: dict[str, dict[UUID, str]]
    budgets: dict[tuple[str, UUID], tuple[str, str]]  # (what kind of history, its name)

    @classmethod
    def of(cls, paths: Iterable[tuple[str | None, str]]) -> ReadNames:
        paths = list(paths)
        actions: dict[str, set[UUID]] = {}
        for tenant, path in paths:
            if tenant and (found := ACTION_ID.search(path)):
                actions.setdefault(tenant, set()).add(UUID(found[1]))
        return cls(
            _case_references({tenant for tenant, path in paths if tenant and CASE_ID.search(path)}),
            _action_names(actions),
            _budget_names({path for _, path in paths}),
        )

    def __call__(self, tenant: str | None, path: str) -> str:
        found = CASE_ID.search(path)
        name = self.cases.get(tenant or "", {}).get(UUID(found[1])) if found else None
        action = ACTION_ID.search(path)
        if action and not name:
            name = self.actions.get(tenant or "", {}).get(UUID(action[1]))
        budget = BUDGET_ID.search(path)
        if budget and not name and (named := self.budgets.get((budget[1], UUID(budget[2])))):
            return f"{named[0]}: {named[1]}"
        return f"{what_was_read(path)}: {name}" if name else what_was_read(path)


def _budget_names(paths: set[str]) -> dict[tuple[str, UUID], tuple[str, str]]:
    """Each budget, pot, commissioning budget or service whose history was read, by its name
    (the history's heading) and what kind of history it is, keyed by the partnership or region
    and the record's id."""
    wanted: dict[tuple[bool, str], set[UUID]] = {}
    for path in paths:
        if found := BUDGET_ID.search(path):
            region = path.startswith("/audit/regions/")
            wanted.setdefault((region, found[1]), set()).add(UUID(found[2]))
    names: dict[tuple[str, UUID], tuple[str, str]] = {}
    for (region, owner), ids in wanted.items():
        try:
            lease = region_ledger if region else tenant_ledger
            opened: Any = lease(owner, writing=False)
            with opened as ledger:
                listed = {b.budget_id: b.name for b in ledger.funding.budgets()}
                for record in ids:
                    if record in listed:
                        names[owner, record] = (BUDGET_HISTORY, str(listed[record]))
                    elif kind := _commissioning_name(ledger, record, region):
                        names[owner, record] = kind
        except NotFoundError:
            continue  # offboarded since: the log still says what kind of thing
    return names


def _commissioning_name(ledger: Any, record: UUID, region: bool) -> tuple[str, str] | None:
    """A commissioning budget's or commissioned service's kind of history and name."""
    kinds = ((CommissioningBudget, BUDGET_HISTORY), (CommissionedService, SERVICE_HISTORY))
    for cls, kind in kinds if region else ():
        if (found := ledger.find(record, cls)) is not None:
            return kind, str(found.name)
    return None


def _action_names(actions: dict[str, set[UUID]]) -> dict[str, dict[UUID, str]]:
    """Each action read, by its case's and recommendation's references ("BHM-DHR-01 R3"), as
    its history's heading begins: read once per partnership and recommendation in the log."""
    found: dict[str, dict[UUID, str]] = {}
    for tenant, ids in actions.items():
        try:
            with tenant_ledger(tenant, writing=False) as ledger:
                index, cases = ledger.plan.index(), ledger.reviews.index().by_id()
                recs: dict[UUID, str] = {}
                for action in ids & set(index.actions):
                    rec_id = index.actions[action]
                    if rec_id not in recs:
                        rec = unless_unreadable(partial(ledger.recommendations.get, rec_id))
                        recs[rec_id] = rec.reference if rec else ""
                    review = index.recommendations.get(rec_id)
                    case = cases.get(review, "") if review else ""
                    named = f"{case} {recs[rec_id]}".strip()
                    if named:
                        found.setdefault(tenant, {})[action] = named
        except NotFoundError:
            continue  # offboarded since: the log still says what kind of thing
    return found


def _case_references(tenants: set[str]) -> dict[str, dict[UUID, str]]:
    """Each partnership's case references by case id, read once per partnership in the log."""
    found: dict[str, dict[UUID, str]] = {}
    for tenant in tenants:
        try:
            with tenant_ledger(tenant, writing=False) as ledger:
                found[tenant] = dict(ledger.reviews.index().by_id())
        except NotFoundError:
            found[tenant] = {}  # offboarded since: the log still says what kind of thing
    return found


BUDGET_HISTORY = "A budget's history"  # a budget, a pot or a commissioning budget
SERVICE_HISTORY = "A commissioned service's history"  # its address says only "ledger"
BUNDLE_PAGE = "The audit bundle page, viewed"
BUNDLE_DOWNLOADED = "An audit bundle, downloaded"
READS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (  # (searched for in the address, what it was); the first match wins
        (r"/verification$", "Integrity check"),
        (r"/history$", "A record's history"),
        (r"/audit/reads$", "Auditors' read log"),
        (r"/audit/seals$", "Integrity seals"),
        (r"/personal-data-reads$", "Who read personal details"),
        (r"/document-downloads$", "Who downloaded documents"),
        (r"/audit-bundle/download$|/audit/bundle$", BUNDLE_DOWNLOADED),
        (r"/audit-bundle$", BUNDLE_PAGE),
        (r"^/audit/partnerships$", "The partnerships you audit"),
        (r"^/audit/partnerships/[^/]+/cases/", "A case's history"),
        (r"^/audit/partnerships/[^/]+/actions/", "An action's history"),
        (r"^/audit/partnerships/[^/]+/budgets/|^/audit/regions/[^/]+/ledger/", BUDGET_HISTORY),
        (r"/proof$|/document-proofs/", "A document's proof"),
        (r"/papers/|/reports/", "A board paper"),
        (r"/downloads/", "A spreadsheet or CSV download"),
        (r"/template(\.xlsx)?$", "An import template"),
        (r"/dashboard$", "Regional dashboard"),
        (r"/figures$", "Regional figures by day"),
        (r"/views/", "A regional view"),
        (r"/repeated-recommendations$", "Repeated recommendations"),
        (r"/earlier-recommendations$", "Earlier recommendations"),
        (r"/research-agreements/", "A research agreement"),
        (r"/research-agreements$", "Research agreements"),
        (r"/master-action-plan$", "A master action plan"),
        (r"/groups/", "A group of partnerships"),
        (r"/groups$", "Groups of partnerships"),
        (r"/commissioning-budgets/", "A commissioning budget"),
        (r"/commissioning-budgets$", "Commissioning budgets"),
        (r"/services/", "A commissioned service"),
        (r"/services$", "Commissioned services"),
        (r"/demand$", "Demand for reviews"),
        (r"/(pooled-budgets|pots|money)/", "A pooled budget"),
        (r"/money$", "The partnership's money"),
        (r"/(pooled-budgets|pots)$", "Pooled budgets"),
        (r"/budget-lines/", "A budget"),
        (r"/ledger(/|$)", "The regional ledger"),
        (r"/funding/budgets$", "Budgets"),
        (r"/funding/from-region$", "The region's money for the partnership's area"),
        (r"/recommendations/", "A recommendation"),
        (r"/actions/", "An action"),
        (r"/action-plan", "The action plan"),
        (r"/(reviews|cases)/", "A case"),
        (r"/(reviews|cases)$", "The case register"),
    )
)
PARTNERSHIP = "A partnership's records"  # a partnership's audit page, and anything not above


def what_was_read(path: str) -> str:
    """The kind of thing read, in words; the address itself holds ids nobody should read."""
    api = path.startswith("/api/")
    address = path.split("?", 1)[0].removeprefix("/api/v1").rstrip("/")
    label = next((text for pattern, text in READS if pattern.search(address)), PARTNERSHIP)
    return f"{label} (through the API)" if api else label
