"""Money as dated movements in pence: grants approved, allocated and paid; pooled contributions
agreed, received and not drawn down; reserves brought forward and spent; DHR costs incurred.

One row per event (keyed by aggregate and version, so a repeat cannot add twice) lets any date
range be summed with one indexed query. Where the domain *replaces* an amount (a varied grant
decision, a revised contribution or estimate), the row records the difference.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx


class Money(ReadModel):
    name = "money"
    tables: ClassVar[dict[str, str]] = {
        "movements": "tenant TEXT NOT NULL, event_key TEXT NOT NULL, kind TEXT NOT NULL,"
        " on_date TEXT NOT NULL, amount BIGINT NOT NULL, review_id TEXT,"
        " PRIMARY KEY (tenant, event_key)",
        "amounts": "tenant TEXT NOT NULL, amount_key TEXT NOT NULL, amount BIGINT NOT NULL,"
        " PRIMARY KEY (tenant, amount_key)",
    }
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"movements": ("tenant, kind, on_date",)}

    @on("BudgetLine.Decided")
    def grant_decided(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        delta = _replace(tx, t, tenant, f"grant:{e.originator_id}:{e.number}", int(e.approved))
        _move(tx, t, tenant, e, "grant_approved", e.decided_on, delta)

    @on("BudgetLine.DecisionVaried")
    def grant_varied(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        delta = _replace(tx, t, tenant, f"grant:{e.originator_id}:{e.number}", int(e.approved))
        _move(tx, t, tenant, e, "grant_approved", e.varied_on, delta)

    @on("BudgetLine.Allocated")
    def allocated(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "grant_allocated", e.allocated_on, int(e.amount))

    @on("BudgetLine.Paid")
    def paid(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "grant_paid", e.paid_on, int(e.amount))

    @on("BudgetLine.ClawedBack")
    def clawed_back(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "grant_paid", e.clawed_back_on, -int(e.amount))

    @on("PooledBudget.ContributionAgreed")
    def agreed(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        key = f"pool:{e.originator_id}:{e.year.start_year}:{e.partner}"
        _move(
            tx,
            t,
            tenant,
            e,
            "pool_agreed",
            e.agreed_on,
            _replace(tx, t, tenant, key, int(e.amount)),
        )

    @on("PooledBudget.ContributionReceived")
    def received(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "pool_received", e.received_on, int(e.amount))

    @on("PooledBudget.ContributionNotDrawnDown")
    def not_drawn(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "pool_not_drawn", e.decided_on, int(e.amount))

    @on("PooledBudget.ReserveBroughtForward")
    def brought_forward(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        _move(tx, t, tenant, e, "pool_brought_forward", e.year.start, int(e.amount))

    @on("PooledBudget.Spent")
    def spent(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        review = str(e.review_id) if e.review_id else None
        _move(tx, t, tenant, e, "pool_spent", e.spent_on, int(e.amount), review)

    @on("ReviewCost.ActualCostRecorded")
    def cost_incurred(self, tx: ViewTx, t: Tables, tenant: str, e: Any) -> None:
        """One ReviewCost per review, so its id stands for the review when counting DHRs costed."""
        _move(tx, t, tenant, e, "dhr_cost", e.incurred_on, int(e.amount), str(e.originator_id))


def _move(
    tx: ViewTx,
    t: Tables,
    tenant: str,
    e: Any,
    kind: str,
    on_: date,
    amount: int,
    review: str | None = None,
) -> None:
    tx.execute(
        t.sql(
            "INSERT INTO {movements} (tenant, event_key, kind, on_date, amount, review_id)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
        ),
        (
            tenant,
            f"{e.originator_id}:{e.originator_version}",
            kind,
            on_.isoformat(),
            amount,
            review,
        ),
    )


def _replace(tx: ViewTx, t: Tables, tenant: str, key: str, amount: int) -> int:
    """Store the new amount under ``key``; return the change from the previous one."""
    row = tx.fetchone(
        t.sql("SELECT amount FROM {amounts} WHERE tenant = ? AND amount_key = ?"), (tenant, key)
    )
    tx.execute(
        t.sql(
            "INSERT INTO {amounts} (tenant, amount_key, amount) VALUES (?, ?, ?)"
            " ON CONFLICT (tenant, amount_key) DO UPDATE SET amount = excluded.amount"
        ),
        (tenant, key, amount),
    )
    return amount - (int(row[0]) if row else 0)
