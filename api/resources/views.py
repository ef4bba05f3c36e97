"""Regional views for the PCC and the heads of community safety, on two clocks.

``on=DATE`` is the business date (what was true that day, from the facts as known now),
computed from the dates the live read models keep; ``as_recorded=INSTANT`` is what the ledger
showed then, rebuilt from the events recorded by that instant. Both may be given together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from flask_smorest import Blueprint

from api.context import platform
from api.policy import Permission
from api.resources.reads import query
from api.schemas.views import (
    RegionalActionsOut,
    RegionalDhrCountsOut,
    RegionalMoneyOut,
    RegionalThemesOut,
    RegionalTimelinessOut,
    ViewQueryIn,
)
from projections.asof import as_of, end_of_day
from projections.port import ViewStore
from projections.queries import action_counts, dhr_counts, money, shared_themes, timeliness
from projections.queries.themes import with_labels
from projections.store import open_read_views, open_views

blp = Blueprint(
    "regional-views",
    __name__,
    url_prefix="/api/v1/regions/<region>/views",
    description="Cross-partnership views of one region (counts, never case details)",
)
VIEWS_KEY, _lock = "ledger.views", threading.Lock()
PRIMARY_KEY = "ledger.primary_views"


@contextmanager
def _views(args: dict[str, Any], region: str) -> Iterator[ViewStore]:
    """The live read models, or (``as_recorded``) those rebuilt from what was recorded by then."""
    recorded = args.get("as_recorded") or (end_of_day(args["as_of"]) if args.get("as_of") else None)
    if recorded is not None:
        with as_of(platform(), recorded, region) as past:
            yield past
        return
    yield live_views()


def live_views() -> ViewStore:
    """The read-model store, opened once per app on first use."""
    with _lock:
        if VIEWS_KEY not in current_app.extensions:
            current_app.extensions[VIEWS_KEY] = open_read_views(platform())
    return current_app.extensions[VIEWS_KEY]


def primary_views() -> ViewStore:
    """The read-model store on the primary (where workers write): for status and readiness,
    which must see heartbeats and set-aside events as written, and may install tables."""
    if platform().settings.read_postgres is None:
        return live_views()
    with _lock:
        if PRIMARY_KEY not in current_app.extensions:
            current_app.extensions[PRIMARY_KEY] = open_views(platform())
    return current_app.extensions[PRIMARY_KEY]


def shared_views() -> Any:
    """The live read models this app shares between requests (for other blueprints)."""
    return _views({"as_of": None, "as_recorded": None}, "")


def _query(query: Callable[..., Any], args: dict[str, Any], region: str) -> Any:
    platform().registry.region(region)
    recorded = args["as_recorded"]
    with _views(args, region) as views:
        return query(
            views,
            region,
            since=args["since"],
            until=args["until"],
            tenant=args["tenant"],
            today=args["as_of"] or (recorded.date() if recorded else None),
            on=args["on"],
        )


@query(blp, "/dhr-counts", RegionalDhrCountsOut, Permission.REGION_VIEW, args=ViewQueryIn)
def dhr_counts_view(args: dict[str, Any], region: str) -> Any:
    """DHRs notified, commenced and completed per partnership, with the region's total."""
    return _query(dhr_counts, args, region)


@query(blp, "/timeliness", RegionalTimelinessOut, Permission.REGION_VIEW, args=ViewQueryIn)
def timeliness_view(args: dict[str, Any], region: str) -> Any:
    """Days from incident to decision, first panel and submission; cases past target now."""
    return _query(timeliness, args, region)


@query(blp, "/themes", RegionalThemesOut, Permission.REGION_VIEW, args=ViewQueryIn)
def themes_view(args: dict[str, Any], region: str) -> Any:
    """Which themes recur in how many partnerships, and which sectors recommendations target."""
    listing = platform().region_themes.listing(region)
    labels = {e.theme.code: e.theme.label for e in listing.entries}
    return with_labels(_query(shared_themes, args, region), labels)


@query(blp, "/actions", RegionalActionsOut, Permission.REGION_VIEW, args=ViewQueryIn)
def actions_view(args: dict[str, Any], region: str) -> Any:
    """Outstanding and overdue actions by partnership, owner agency and theme."""
    return _query(action_counts, args, region)


@query(blp, "/money", RegionalMoneyOut, Permission.REGION_VIEW, args=ViewQueryIn)
def money_view(args: dict[str, Any], region: str) -> Any:
    """Grants approved, allocated and paid; pooled contributions and reserve; cost per DHR (pence)."""
    return _query(money, args, region)
