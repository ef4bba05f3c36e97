"""A pooled budget across financial years: contributions not drawn down, a reserve brought in
on onboarding, and closing and reopening years. Each changes the pool, so each is guarded by
the pool's ETag. Closing and reopening a year are the lead's sign-off: a closed year's
carried-forward reserve is the next year's opening, which statements rely on.
"""

from __future__ import annotations

from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, register
from api.resources.pooled import POOL, on_pool
from api.schemas.pooled import BroughtForwardIn, NotDrawnDownIn, PoolOut, YearCloseIn, YearReopenIn

blp = api_blueprint(
    "pooled-years",
    "/tenants/<tenant>/funding/pooled-budgets",
    "Pooled DHR budgets: reserves, draw-downs and financial year closes",
)


YEAR_COMMANDS = (
    Command(
        "not_draw_down",
        f"{POOL}/not-drawn-down",
        NotDrawnDownIn,
        "pooled.not_draw_down",
        "Decide not to call (all or part of) a partner's contribution, or defer it to a later year.",
    ),
    Command(
        "bring_forward",
        f"{POOL}/reserve-brought-forward",
        BroughtForwardIn,
        "pooled.bring_forward",
        "Onboard a pot that already held a reserve at the start of a year (before any money).",
    ),
    Command(
        "close_year",
        f"{POOL}/year-closure",
        YearCloseIn,
        "pooled.close_year",
        "Close a financial year; its closing reserve is carried forward as the next opening.",
        Permission.CASE_SIGN_OFF,
    ),
    Command(
        "reopen_year",
        f"{POOL}/year-reopening",
        YearReopenIn,
        "pooled.reopen_year",
        "Reopen a closed year, saying why, so money can be recorded in it again.",
        Permission.CASE_SIGN_OFF,
    ),
)
register(blp, PoolOut, on_pool, ("tenant", "pool"), Permission.CASE_RECORD, YEAR_COMMANDS)
