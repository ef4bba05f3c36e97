"""Money recorded in a region's own ledger, attributed to who pays and what it was for.

Contributions to a hosted pot are attributed to the partner paying (a directory key, which
stands for a partnership or another body); grant allocations to the partnership receiving
them; pot spend to the review it paid for (the review's partnership is found through the
DHR view); payments to commissioned services to the funder paying. The partner directory is
kept here too, so the queries can name each row. Few events, so one statement per event.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx
from projections.views.money import GRANT_KINDS, MOVEMENT_KINDS, MOVES, corrected_pool

TABLES = {
    "region_movements": "tenant TEXT NOT NULL, event_key TEXT NOT NULL, kind TEXT NOT NULL,"
    " on_date TEXT NOT NULL, amount BIGINT NOT NULL, partner TEXT, pot TEXT, review_id TEXT,"
    " PRIMARY KEY (tenant, event_key)",
    "region_amounts": "tenant TEXT NOT NULL, amount_key TEXT NOT NULL, amount BIGINT NOT NULL,"
    " PRIMARY KEY (tenant, amount_key)",
    "region_partners": "tenant TEXT NOT NULL, partner TEXT NOT NULL, name TEXT NOT NULL,"
    " sector TEXT NOT NULL, csp TEXT, PRIMARY KEY (tenant, partner)",
    "region_aliases": "tenant TEXT NOT NULL, alias TEXT NOT NULL, partner TEXT NOT NULL,"
    " PRIMARY KEY (tenant, alias)",
}


# A region's ledger also records what partners pay commissioned services. (What commissioning
# budgets allocate to areas is read from the budgets themselves: no money view counts it.)
REGION_MOVES = {
    **MOVES,
    "CommissionedService.Paid": ("commissioned_paid", "paid_on", 1, "funder"),
}


class RegionMoney(ReadModel):
    """``tenant`` is the source: ``@<region>``, the region's ledger."""

    name = "region_money"
    version = 2  # 2: corrected agreements in hosted pots counted; commissioning left to budgets
    source: ClassVar[Literal["tenant", "registry", "region"]] = "region"
    tables: ClassVar[dict[str, str]] = TABLES
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"region_movements": ("tenant, kind, on_date",)}

    @staticmethod
    def _move(
        tx: ViewTx,
        t: Tables,
        source: str,
        e: Any,
        kind: str,
        on_: date,
        amount: int,
        *,
        partner: str | None = None,
        review: str | None = None,
    ) -> None:
        """One movement row; ``partner`` and ``review`` (two optional texts) are named."""
        tx.execute(
            t.sql(
                "INSERT INTO {region_movements} (tenant, event_key, kind, on_date, amount, partner, pot,"
                " review_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, event_key) DO NOTHING"
            ),
            (
                source,
                f"{e.originator_id}:{e.originator_version}",
                kind,
                on_.isoformat(),
                amount,
                partner,
                str(e.originator_id),
                review,
            ),
        )

    @staticmethod
    def _replace(tx: ViewTx, t: Tables, source: str, key: str, amount: int) -> int:
        row = tx.fetchone(
            t.sql("SELECT amount FROM {region_amounts} WHERE tenant = ? AND amount_key = ?"),
            (source, key),
        )
        before = int(row[0]) if row else 0
        tx.execute(
            t.sql(
                "INSERT INTO {region_amounts} (tenant, amount_key, amount) VALUES (?, ?, ?)"
                " ON CONFLICT (tenant, amount_key) DO UPDATE SET amount = excluded.amount"
            ),
            (source, key, amount),
        )
        return amount - before

    @on("PooledBudget.ContributionAgreed")
    def agreed(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        key = f"pool:{e.originator_id}:{e.year.start_year}:{e.partner}"
        self._move(
            tx,
            t,
            s,
            e,
            "pool_agreed",
            e.agreed_on,
            self._replace(tx, t, s, key, int(e.amount)),
            partner=e.partner,
        )

    @on("PooledBudget.Corrected")
    def corrected(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        """A corrected agreement moves by the difference on the day the wrong one took effect."""
        key = corrected_pool(e.originator_id, e.field)
        delta = self._replace(tx, t, s, key, int(e.value))
        partner = str(e.field).split(".")[1]
        self._move(tx, t, s, e, "pool_agreed", e.effective_on, delta, partner=partner)

    @on("PooledBudget.MovementCorrected")
    def movement_corrected(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        """A receipt, spend or reserve keyed wrong moves by the difference on its own day,
        attributed as the movement was (the partner paying, the review it paid for)."""
        review = str(e.review_id) if e.review_id else None
        delta = int(e.value) - int(e.previous)
        kind = MOVEMENT_KINDS[e.movement]
        self._move(tx, t, s, e, kind, e.effective_on, delta, partner=e.partner, review=review)

    @on("PooledBudget.NotDrawnDownCorrected")
    def not_drawn_corrected(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        """A decision not to call keyed wrong moves the partner's figure by the difference on
        the day it was decided."""
        delta = int(e.value) - int(e.previous)
        self._move(tx, t, s, e, "pool_not_drawn", e.effective_on, delta, partner=e.partner)

    @on("BudgetLine.Corrected")
    def grant_corrected(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        """An allocation or payment keyed wrong moves the receiving partnership's figure by
        the difference on its own day."""
        kind, sign = GRANT_KINDS[str(e.field).split(".")[0]]
        delta = sign * (int(e.value) - int(e.previous))
        self._move(tx, t, s, e, kind, e.effective_on, delta, partner=e.tenant)

    @on("CommissionedService.Corrected")
    def payment_corrected(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        """A payment keyed wrong moves the funder's figure by the difference on its own day."""
        delta = int(e.value) - int(e.previous)
        self._move(tx, t, s, e, "commissioned_paid", e.effective_on, delta, partner=e.funder)

    @on("PooledBudget.ReserveBroughtForward")
    def brought_forward(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        self._move(tx, t, s, e, "pool_brought_forward", e.year.start, int(e.amount))

    @on("PooledBudget.Spent")
    def spent(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        review = str(e.review_id) if e.review_id else None
        self._move(tx, t, s, e, "pool_spent", e.spent_on, int(e.amount), review=review)

    @on("BudgetLine.Decided", "BudgetLine.DecisionVaried")
    def decided(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        delta = self._replace(tx, t, s, f"grant:{e.originator_id}:{e.number}", int(e.approved))
        day = getattr(e, "decided_on", None) or e.varied_on
        self._move(tx, t, s, e, "grant_approved", day, delta)

    @on(*REGION_MOVES)
    def moved(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        kind, dated_by, sign, partner = REGION_MOVES[type(e).__qualname__]
        amount = sign * int(e.amount)
        self._move(tx, t, s, e, kind, getattr(e, dated_by), amount, partner=getattr(e, partner))

    @on("PartnerDirectory.PartnerAdded")
    def partner_added(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {region_partners} (tenant, partner, name, sector, csp) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (tenant, partner) DO NOTHING"
            ),
            (s, e.key, e.name, str(e.sector), e.tenant),
        )

    @on("PartnerDirectory.NameMapped")
    def name_mapped(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {region_aliases} (tenant, alias, partner) VALUES (?, ?, ?)"
                " ON CONFLICT (tenant, alias) DO NOTHING"
            ),
            (s, " ".join(e.name.lower().split()), e.key),
        )
