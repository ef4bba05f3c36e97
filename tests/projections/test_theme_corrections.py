"""A corrected theme or date moves the region's themes: the review's themes are made again
from its findings' and recommendations' own tags (SQLite + memory broker, PostgreSQL +
RabbitMQ), live and rebuilt alike."""

from __future__ import annotations

import uuid
from datetime import date

from domain.actionplan import Scope
from projections.queries import action_counts, shared_themes
from projections.queries.reading import regional
from projections.queries.themes import dhrs_by_partnership
from projections.rebuild import rebuild, select
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import open_case, wait_caught_up

WHY = "ticked the wrong theme"


def spread(service: ProjectionService, region: str, **kw: date) -> dict[str, tuple[int, int]]:
    view = shared_themes(service.views, region, **kw)  # type: ignore[arg-type]
    return {t.theme: (t.dhrs, t.recommendations) for t in view.themes}


def test_corrected_themes_and_dates_move_the_regional_themes(
    platform: Platform, service: ProjectionService
) -> None:
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"dudley-{suffix}"
    platform.registry.create_region(region, "West Midlands")
    platform.register_tenant(slug, "Dudley", region)
    with platform.ledgers.lease(slug) as app:
        rid = open_case(app, "DHR-1", date(2014, 1, 1))
        app.findings.record(rid, "Risk not shared", ["identification-of-risk"], date(2014, 9, 1))
        rec = app.recommendations.make(
            rid,
            "1",
            "Train GPs in DASH",
            Scope.MULTI_AGENCY,
            date(2014, 10, 1),
            ["training", "identification-of-risk"],
            target_sector="health",
        )
        app.actions.plan(rec, "Police", "Brief officers", date(2015, 1, 31))
    wait_caught_up(service.views, platform)
    assert spread(service, region) == {"identification-of-risk": (1, 1), "training": (1, 1)}

    with platform.ledgers.lease(slug) as app:
        app.findings.correct(rid, 1, "theme_codes", ["policy"], WHY)
        app.recommendations.correct(rec, "theme_codes", ["training"], WHY)
        app.findings.correct(rid, 1, "recorded_on", "2014-12-01", WHY)
        app.recommendations.correct(rec, "scope", "regional", WHY)
    wait_caught_up(service.views, platform)

    assert spread(service, region) == {"policy": (1, 0), "training": (1, 1)}
    # the finding's corrected date is the day its theme first appeared in the review
    assert spread(service, region, until=date(2014, 11, 30)) == {"training": (1, 1)}
    with regional(service.views, region) as q:
        assert dhrs_by_partnership(q) == {slug: {"policy": 1, "training": 1}}
    by_theme = {r.key: r.open for r in action_counts(service.views, region).by_theme}
    assert by_theme == {"training": 1}

    with platform.ledgers.lease(slug) as app:  # a recommendation redated moves its themes too
        app.recommendations.correct(rec, "made_on", "2014-12-15", WHY)
    wait_caught_up(service.views, platform)
    assert spread(service, region, until=date(2014, 12, 10)) == {"policy": (1, 0)}

    live = (shared_themes(service.views, region), action_counts(service.views, region))
    rebuild(service.views, platform, select(["actionplan"]))
    assert (shared_themes(service.views, region), action_counts(service.views, region)) == live
