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

from flask import Flask, current_app

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
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
from tenants.theme_names import region_theme_names

blp = api_blueprint(
    "regional-views",
    "/regions/<region>/views",
    "Cross-partnership views of one region (counts, never case details)",
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


def close_views(app: Flask) -> None:
    """Close the read-model stores ``app`` opened, ending their pools' threads: for a process
    that builds apps and drops them (the tests), where a pool left to the garbage collector
    may be collected on its own thread, which cannot join itself."""
    for key in (VIEWS_KEY, PRIMARY_KEY):
        views = app.extensions.pop(key, None)
        if views is not None:
            views.close()


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


def _labelled(query: Callable[..., Any]) -> Callable[..., Any]:
    """The view with the region's and its partnerships' own themes and sectors named (they are
    not in the views' events)."""

    def answer(views: ViewStore, region: str, **window: Any) -> Any:
        labels = region_theme_names(platform(), region)
        return with_labels(query(views, region, **window), labels)

    return answer


VIEWS = (  # (path, answer, query, the view's name and its summary)
    (
        "/dhr-counts",
        RegionalDhrCountsOut,
        dhr_counts,
        "dhr_counts_view",
        "DHRs notified, commenced and completed per partnership, with the region's total.",
    ),
    (
        "/timeliness",
        RegionalTimelinessOut,
        timeliness,
        "timeliness_view",
        "Days from incident to decision, first panel and submission; cases past target now.",
    ),
    (
        "/themes",
        RegionalThemesOut,
        _labelled(shared_themes),
        "themes_view",
        "Which themes recur in how many partnerships, and which sectors recommendations target.",
    ),
    (
        "/actions",
        RegionalActionsOut,
        _labelled(action_counts),
        "actions_view",
        "Outstanding and overdue actions by partnership, owner agency and theme.",
    ),
    (
        "/money",
        RegionalMoneyOut,
        money,
        "money_view",
        "Grants approved, allocated and paid; pooled contributions and reserve; cost per DHR "
        "(pence).",
    ),
)


def _view(query: Callable[..., Any], name: str, doc: str) -> Callable[..., Any]:
    def view(args: dict[str, Any], region: str) -> Any:
        return _query(query, args, region)

    view.__name__ = view.__qualname__ = name
    view.__doc__ = doc
    return view


for _path, _out, _answer, _name, _doc in VIEWS:
    query(blp, _path, _out, Permission.REGION_VIEW, args=ViewQueryIn)(_view(_answer, _name, _doc))
