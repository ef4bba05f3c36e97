"""Which body each action's owner stands for, as a fingerprint: the regional actions view
names the partner directory's bodies within each kind of owner ("Health: Acute Hospital
Trust"), as the master action plans' downloads name each action's owner.

The ``actionplan`` model keeps an owner's agency code, never the text recorded; this one keeps
``owner_ref``, a keyed fingerprint of it (``ViewTx.fingerprint``: an officer typed it, and it
may name a person), that the query matches against the directory's keys, names and aliases
fingerprinted the same way when asked, so a directory set up or mapped later names owners
recorded before it. Its own model, so existing stores build it from their
history on first start, with no migration of the live action table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet

OWNERS = (
    "tenant TEXT NOT NULL, action_id TEXT NOT NULL, owner_ref TEXT NOT NULL,"
    " PRIMARY KEY (tenant, action_id)"
)


class Owners:
    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.owner_ref = tx.fingerprint
        self.rows = RowSet(t["action_owners"], tenant, ("action_id",), OWNERS)
        self.rows.load(tx, ids(items, "Action."))

    def flush(self, tx: ViewTx) -> None:
        self.rows.flush(tx)


class ActionOwners(BatchedModel):
    name = "action_owners"
    version = 2  # 2: a keyed fingerprint (an unkeyed hash could be reversed by guessing names)
    tables: ClassVar[dict[str, str]] = {"action_owners": OWNERS}
    batch = Owners

    @on("Action.Planned")
    def planned(self, b: Owners, e: Any) -> None:
        b.rows.insert(action_id=str(e.originator_id), owner_ref=b.owner_ref(e.owner))

    @on("Action.Corrected")
    def corrected(self, b: Owners, e: Any) -> None:
        if e.field == "owner":
            b.rows.update((str(e.originator_id),), owner_ref=b.owner_ref(e.value))
