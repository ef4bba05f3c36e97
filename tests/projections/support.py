"""Scenario builders and bounded waits shared by the read-model tests."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar
from uuid import UUID

from hypothesis import HealthCheck, settings

from domain.actionplan import Scope
from projections.port import ViewStore
from projections.status import status
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform

T = TypeVar("T")

# The seed table (West Midlands business case, 2013): commenced / completed per CSP since 13.4.11.
WEST_MIDLANDS = {
    "birmingham": ("Birmingham", 13, 2),
    "coventry": ("Coventry", 2, 1),
    "dudley": ("Dudley", 0, 0),
    "sandwell": ("Sandwell", 4, 1),
    "solihull": ("Solihull", 0, 0),
    "walsall": ("Walsall", 5, 1),  # 3 (+1 suicide and +1 DHR tagged on to a SCR)
    "wolverhampton": ("Wolverhampton", 1, 1),
}


# The fed-live property tests (``test_*_follow_the_*``): a few examples a run, each in a
# region of its own, so the suite stays quick; ``HYPOTHESIS_PROFILE=explore`` draws new ones.
fed_live = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def new_partnership(platform: Platform, stem: str) -> tuple[str, str]:
    """A new region with one partnership in it: (region slug, partnership slug)."""
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"{stem}-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"{stem.title()} {suffix}")
    platform.register_tenant(slug, "Partnership", region)
    return region, slug


def wait_for(probe: Callable[[], T | None], what: str, timeout: float = 60.0) -> T:
    """Poll until ``probe`` returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def caught_up(views: ViewStore, platform: Platform) -> bool:
    return all(s.lag == 0 for v in status(views, platform) for s in v.sources)


def wait_caught_up(views: ViewStore, platform: Platform, timeout: float = 60.0) -> None:
    wait_for(lambda: caught_up(views, platform), "the read models to catch up", timeout)


def open_case(
    app: PartnershipLedger,
    ref: str,
    incident: date,
    category: str = "intimate_partner_homicide",
    outcome: str = "hold",
) -> UUID:
    rid = app.reviews.notify(ref, incident, incident + timedelta(days=3), "FN", "dhr", category)
    app.reviews.decide(rid, incident + timedelta(days=25), outcome, "criteria met")
    return rid


def recommend(
    app: PartnershipLedger, rid: UUID, reference: str, themes: list[str], sector: str | None = None
) -> UUID:
    """A multi-agency recommendation of the review, made on 1 January 2012 (on the day of the
    incident, for a later one: nothing of a review precedes it), aimed at ``sector`` or else at
    the police."""
    police = None if sector else "Police"
    made = max(date(2012, 1, 1), app.reviews.get(rid).incident_on)
    return app.recommendations.make(
        rid, reference, f"Do {reference}", Scope.MULTI_AGENCY, made, themes, police, sector
    )


def submit(app: PartnershipLedger, rid: UUID, incident: date) -> None:
    app.reviews.hold_panel_meeting(rid, incident + timedelta(days=100))
    app.reviews.draft(rid, "overview_report", incident + timedelta(days=300))
    app.reviews.draft(rid, "executive_summary", incident + timedelta(days=301))
    app.reviews.agree_action_plan(rid, incident + timedelta(days=302))
    app.reviews.submit(rid, incident + timedelta(days=310))


def seed_west_midlands(platform: Platform, suffix: str) -> tuple[str, dict[str, str]]:
    """The region of the seed table, named "West Midlands <suffix>" (the platform allows a
    region's name once); returns the region slug and seed key -> tenant slug."""
    region = f"west-midlands-{suffix}"
    platform.registry.create_region(region, f"West Midlands {suffix}")
    slugs = {}
    for key, (name, commenced, completed) in WEST_MIDLANDS.items():
        slug = slugs[key] = f"{key}-{suffix}"
        platform.register_tenant(slug, name, region)
        with platform.ledgers.lease(slug) as app:
            for n in range(commenced):
                incident = date(2011, 5, 1) + timedelta(days=40 * n)
                category = (
                    "suspected_victim_suicide"
                    if key == "walsall" and n == 3
                    else "intimate_partner_homicide"
                )
                outcome = "joint_with_scr" if key == "walsall" and n == 4 else "hold"
                rid = open_case(app, f"DHR-{n + 1}", incident, category, outcome)
                if n < completed:
                    submit(app, rid, incident)
                elif key == "birmingham" and n == completed:
                    app.reviews.decommission(
                        rid, incident + timedelta(days=60), "Home Office agreed"
                    )
    return region, slugs
