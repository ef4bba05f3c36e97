"""Money as dated movements in pence: grants approved, allocated and paid; pooled contributions
agreed, received and not drawn down; reserves brought forward and spent; DHR costs incurred.

One row per event (keyed by aggregate and version, so a repeat cannot add twice) lets any date
range be summed with one indexed query. Where the domain *replaces* an amount (a varied grant
decision, a revised contribution or estimate), the row records the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from projections.batched import BatchedModel
from projections.items import Item
from projections.model import Tables, on, qualname_of
from projections.port import ViewTx
from projections.rows import RowSet

TABLES = {
    "movements": "tenant TEXT NOT NULL, event_key TEXT NOT NULL, kind TEXT NOT NULL,"
    " on_date TEXT NOT NULL, amount BIGINT NOT NULL, review_id TEXT,"
    " PRIMARY KEY (tenant, event_key)",
    "amounts": "tenant TEXT NOT NULL, amount_key TEXT NOT NULL, amount BIGINT NOT NULL,"
    " PRIMARY KEY (tenant, amount_key)",
}


def _grant(e: Any) -> str:
    return f"grant:{e.originator_id}:{e.number}"


def _pool(e: Any) -> str:
    return f"pool:{e.originator_id}:{e.year.start_year}:{e.partner}"


# Events that replace an amount, and the key the current amount is kept under.
REPLACES = {
    "BudgetLine.Decided": _grant,
    "BudgetLine.DecisionVaried": _grant,
    "PooledBudget.ContributionAgreed": _pool,
    "PooledBudget.Corrected": lambda e: corrected_pool(e.originator_id, e.field),
}


# Events that move their own ``amount``, as both money views record them: the kind of movement,
# the event's field that dates it, the sign, and the field naming who receives or pays it.
MOVES: dict[str, tuple[str, str, int, str]] = {
    "BudgetLine.Allocated": ("grant_allocated", "allocated_on", 1, "tenant"),
    "BudgetLine.Paid": ("grant_paid", "paid_on", 1, "tenant"),
    "BudgetLine.ClawedBack": ("grant_paid", "clawed_back_on", -1, "tenant"),
    "PooledBudget.ContributionReceived": ("pool_received", "received_on", 1, "partner"),
    "PooledBudget.ContributionNotDrawnDown": ("pool_not_drawn", "decided_on", 1, "partner"),
}


# A pot's corrected movement (``PooledBudget.MovementCorrected``'s ``movement``) as both money
# views record that movement.
MOVEMENT_KINDS = {
    "contribution": "pool_received",
    "spend": "pool_spent",
    "brought_forward": "pool_brought_forward",
}


# A grant's corrected entry (``BudgetLine.Corrected``'s field) as both money views record it.
GRANT_KINDS = {  # the movement it was recorded as, and its sign there
    "allocation": ("grant_allocated", 1),
    "payment": ("grant_paid", 1),
    "clawback": ("grant_paid", -1),
}


def corrected_pool(pool: object, field: str) -> str:
    """``agreed.<partner>.<2016/17>`` names the same amount as the agreement it corrects."""
    _, partner, label = field.split(".")
    return f"pool:{pool}:{label[:4]}:{partner}"


class Movements:
    """The movements one page of a tenant's events adds, and the replaced amounts it reads."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.movements = RowSet(
            t["movements"], tenant, ("event_key",), TABLES["movements"], upsert=False
        )
        self.amounts = RowSet(t["amounts"], tenant, ("amount_key",), TABLES["amounts"])
        keys = {REPLACES[q](i.event()) for i in items if (q := qualname_of(i.topic)) in REPLACES}
        self.amounts.load(tx, keys)

    def move(
        self, e: Any, kind: str, on_: date, amount: int, review: str | None = None, part: str = ""
    ) -> None:
        """One movement of ``e``; ``part`` names a second one the same event makes."""
        self.movements.insert(
            event_key=f"{e.originator_id}:{e.originator_version}{part}",
            kind=kind,
            on_date=on_.isoformat(),
            amount=amount,
            review_id=review,
        )

    def replace(self, key: str, amount: int) -> int:
        """Keep the new amount under ``key``; return the change from the previous one."""
        row = self.amounts.get(key)
        before = int(row["amount"]) if row else 0
        if row is None:
            self.amounts.insert(amount_key=key, amount=amount)
        else:
            self.amounts.update((key,), amount=amount)
        return amount - before

    def flush(self, tx: ViewTx) -> None:
        self.movements.flush(tx)
        self.amounts.flush(tx)


class Money(BatchedModel):
    name = "money"
    tables: ClassVar[dict[str, str]] = TABLES
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"movements": ("tenant, kind, on_date",)}
    batch = Movements

    @on("BudgetLine.Decided", "BudgetLine.DecisionVaried")
    def grant_decided(self, b: Movements, e: Any) -> None:
        delta = b.replace(_grant(e), int(e.approved))
        b.move(e, "grant_approved", getattr(e, "decided_on", None) or e.varied_on, delta)

    @on(*MOVES)
    def moved(self, b: Movements, e: Any) -> None:
        kind, dated_by, sign, _ = MOVES[type(e).__qualname__]
        b.move(e, kind, getattr(e, dated_by), sign * int(e.amount))

    @on("PooledBudget.ContributionAgreed")
    def agreed(self, b: Movements, e: Any) -> None:
        b.move(e, "pool_agreed", e.agreed_on, b.replace(_pool(e), int(e.amount)))

    @on("PooledBudget.ReserveBroughtForward")
    def brought_forward(self, b: Movements, e: Any) -> None:
        b.move(e, "pool_brought_forward", e.year.start, int(e.amount))

    @on("PooledBudget.Spent")
    def spent(self, b: Movements, e: Any) -> None:
        review = str(e.review_id) if e.review_id else None
        b.move(e, "pool_spent", e.spent_on, int(e.amount), review)

    @on("ReviewCost.ActualCostRecorded")
    def cost_incurred(self, b: Movements, e: Any) -> None:
        """One ReviewCost per review, so its id stands for the review when counting DHRs costed."""
        b.move(e, "dhr_cost", e.incurred_on, int(e.amount), str(e.originator_id))

    @on("PooledBudget.Corrected")
    def pool_corrected(self, b: Movements, e: Any) -> None:
        """A corrected agreement takes effect when the wrong one did, by the difference."""
        delta = b.replace(corrected_pool(e.originator_id, e.field), int(e.value))
        b.move(e, "pool_agreed", e.effective_on, delta)

    @on("BudgetLine.Corrected")
    def grant_corrected(self, b: Movements, e: Any) -> None:
        """An allocation or payment keyed wrong moves by the difference on its own day."""
        kind, sign = GRANT_KINDS[str(e.field).split(".")[0]]
        b.move(e, kind, e.effective_on, sign * (int(e.value) - int(e.previous)))

    @on("PooledBudget.MovementCorrected")
    def pot_movement_corrected(self, b: Movements, e: Any) -> None:
        """A receipt, spend or reserve keyed wrong moves by the difference on its own day."""
        review = str(e.review_id) if e.review_id else None
        b.move(
            e, MOVEMENT_KINDS[e.movement], e.effective_on, int(e.value) - int(e.previous), review
        )

    @on("PooledBudget.NotDrawnDownCorrected")
    def not_drawn_corrected(self, b: Movements, e: Any) -> None:
        """A decision not to call keyed wrong moves by the difference on the day decided."""
        b.move(e, "pool_not_drawn", e.effective_on, int(e.value) - int(e.previous))

    @on("ReviewCost.Corrected")
    def cost_corrected(self, b: Movements, e: Any) -> None:
        """A category's cost or one entry's amount moves by the difference where the wrong
        figure took effect; an entry's corrected date moves its amount from that day to the
        right one."""
        field, review = str(e.field), str(e.originator_id)
        moved: Any = getattr(e, "amount", None)
        if field.startswith("actual.") or field.startswith("incurred.") and moved is None:
            amount = int(e.value) - int(e.previous)
            b.move(e, "dhr_cost", e.effective_on, amount, review)
        elif field.startswith("incurred."):
            b.move(e, "dhr_cost", e.previous, -int(moved), review)
            b.move(e, "dhr_cost", e.value, int(moved), review, ":moved")
