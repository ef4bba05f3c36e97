"""Pooled DHR budgets (e.g. Leicestershire & Rutland): who pays in, what is planned and spent."""

from __future__ import annotations

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, on_tenant, register
from api.resources.records import Record, serve
from api.schemas.pooled import ContributionIn, PartnerIn, PoolIn, PoolOut, ReceiptIn, SpendIn

blp = api_blueprint(
    "pooled-budgets",
    "/tenants/<tenant>/funding/pooled-budgets",
    "Pooled DHR budgets: partners, contributions, spend",
)
POOL = "/<uuid:pool>"
POOL_RECORD = Record(
    "",
    POOL,
    PoolIn(),
    PoolOut,
    "pooled.open",
    "pooled.get",
    ("open_pool", "get_pool"),
    (
        "Open a pooled budget managed for several partners.",
        "One pooled budget and its partners; its ETag guards every change to it.",
    ),
    once=("pooled-budgets", "PooledBudget"),
)
CASE_RECORD = Permission.CASE_RECORD


# Money and partners are guarded by the pool's ETag; its plan by the plan's own.
on_pool = on_tenant("pooled.get")


serve(blp, POOL_RECORD, tenant_ledger, ("tenant", "pool"), (CASE_RECORD, Permission.CASE_READ))


POOL_COMMANDS = (
    Command(
        "add_partner",
        f"{POOL}/partners",
        PartnerIn,
        "pooled.add_partner",
        "Add a contributing partner.",
    ),
    Command(
        "agree",
        f"{POOL}/contributions",
        ContributionIn,
        "pooled.agree_contribution",
        "Agree a partner's contribution for a financial year.",
    ),
    Command(
        "receive",
        f"{POOL}/receipts",
        ReceiptIn,
        "pooled.receive_contribution",
        "Record a contribution received (possibly early, for a later year).",
    ),
    Command(
        "spend",
        f"{POOL}/spend",
        SpendIn,
        "pooled.spend",
        "Spend against a planned allocation, optionally for one DHR.",
    ),
)
register(blp, PoolOut, on_pool, ("tenant", "pool"), CASE_RECORD, POOL_COMMANDS)
