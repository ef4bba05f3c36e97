"""Actions, themes and target sectors across a region, fed live (SQLite + memory broker,
PostgreSQL + RabbitMQ)."""

from __future__ import annotations

import uuid
from datetime import date

from domain.actionplan import ImpactOutcome, Scope
from projections.queries import action_counts, shared_themes
from projections.rebuild import outdated, rebuild, rebuild_outdated, select
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import open_case, wait_caught_up


def two_partnerships_with_plans(platform: Platform) -> tuple[str, list[str]]:
    suffix = uuid.uuid4().hex[:6]
    region = f"region-{suffix}"
    platform.registry.create_region(region, f"West Midlands {suffix}")
    slugs = [f"coventry-{suffix}", f"walsall-{suffix}"]
    for i, slug in enumerate(slugs):
        platform.register_tenant(slug, slug.split("-")[0].title(), region)
        with platform.ledgers.lease(slug) as app:
            rid = open_case(app, "DHR-1", date(2014, 1, 1))
            app.findings.record(
                rid, "Risk not shared", ["identification-of-risk"], date(2014, 9, 1)
            )
            rec = app.recommendations.make(
                rid,
                "1",
                "Train GPs in DASH",
                Scope.MULTI_AGENCY,
                date(2014, 10, 1),
                ["training", "identification-of-risk"],
                target_sector="health",
            )
            late = app.actions.plan(rec, "Police", "Brief officers", date(2015, 1, 31))
            done = app.actions.plan(rec, "CCG", "GP training", date(2015, 3, 31))
            app.actions.complete(done, date(2015, 3, 1))
            if i == 1:
                app.actions.review_impact(
                    done, date(2016, 3, 1), ImpactOutcome.EMBEDDED, "embedded"
                )
                app.actions.start(late, date(2015, 1, 5))
    return region, slugs


def test_actions_are_counted_by_partnership_owner_and_theme(
    platform: Platform, service: ProjectionService
) -> None:
    region, (coventry, walsall) = two_partnerships_with_plans(platform)
    wait_caught_up(service.views, platform)

    view = action_counts(service.views, region, today=date(2016, 6, 1))

    assert [(r.key, r.open, r.overdue, r.awaiting_impact_review) for r in view.by_csp] == [
        (coventry, 1, 1, 1),
        (walsall, 1, 1, 0),
    ]
    assert {r.key: r.open for r in view.by_owner} == {"health": 0, "police": 2}
    # Without a partner directory, owners are shown by their agency type's words, not codes.
    assert {r.key: r.label for r in view.by_owner} == {"health": "Health", "police": "Police"}
    assert {r.key: r.awaiting_impact_review for r in view.by_theme} == {
        "identification-of-risk": 1,
        "training": 1,
    }
    assert view.total.impact_review_overdue == 1  # Coventry's review fell due in March 2016


def test_themes_show_how_many_partnerships_and_dhrs_share_them(
    platform: Platform, service: ProjectionService
) -> None:
    region, _ = two_partnerships_with_plans(platform)
    wait_caught_up(service.views, platform)

    view = shared_themes(service.views, region)

    assert view.partnerships == 2
    assert [(t.theme, t.csps, t.dhrs, t.recommendations) for t in view.themes] == [
        ("identification-of-risk", 2, 2, 2),
        ("training", 2, 2, 2),
    ]
    assert [(s.sector, s.label, s.recommendations, s.csps) for s in view.sectors] == [
        ("health", "Health", 2, 2)
    ]
    live = (shared_themes(service.views, region), action_counts(service.views, region))
    rebuild(service.views, platform, select(["actionplan"]))
    assert (shared_themes(service.views, region), action_counts(service.views, region)) == live


def test_a_read_model_an_earlier_version_built_is_rebuilt_by_the_combined_process(
    platform: Platform, service: ProjectionService
) -> None:
    """After an upgrade bumps a read model's version, `ledger serve`'s projections process
    rebuilds it as it starts, instead of applying new events to the old tables."""
    region, _ = two_partnerships_with_plans(platform)
    wait_caught_up(service.views, platform)
    live = shared_themes(service.views, region)
    model = select(["actionplan"])[0]
    with service.views.writing() as tx:
        tx.execute(
            "UPDATE view_generations SET version = ? WHERE name = ?",
            (model.version - 1, model.name),
        )
        found = tx.fetchone("SELECT generation FROM view_generations WHERE name = ?", (model.name,))
    assert found is not None
    before = int(found[0])
    assert [m.name for m in outdated(service.views)] == ["actionplan"]

    assert rebuild_outdated(service.views, platform) == ["actionplan"]

    assert outdated(service.views) == [] and rebuild_outdated(service.views, platform) == []
    with service.views.reading() as tx:
        row = tx.fetchone(
            "SELECT generation, version FROM view_generations WHERE name = ?", (model.name,)
        )
    assert row is not None and (int(row[0]), int(row[1])) == (before + 1, model.version)
    assert shared_themes(service.views, region) == live


def test_each_kind_of_owner_names_the_directory_bodies_it_counts(
    platform: Platform, service: ProjectionService
) -> None:
    """A PCC analyst reconciles "Health 4" with the master plan's download, which names each
    owner by the region's partner directory: the row names those bodies, however the owner was
    recorded (key, name otherwise cased, alias), and counts those the directory does not know
    apart. The directory was set up after the actions were planned: names are found when asked."""
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Region {suffix}")
    platform.register_tenant(slug, "Northtown", region)
    owners = ("acute-trust", "ACUTE hospital  trust", "CCG", "Community Nursing Trust", "Police")
    with platform.ledgers.lease(slug) as app:
        rid = open_case(app, "DHR-1", date(2014, 1, 1))
        rec = app.recommendations.make(
            rid, "R1", "Share risk", Scope.MULTI_AGENCY, date(2014, 10, 1), ["training"], "Police"
        )
        for owner in owners:
            app.actions.plan(rec, owner, f"Brief {owner}", date(2015, 1, 31))
    with platform.region_ledgers.lease(region) as shared:
        shared.partners.add("acute-trust", "Acute Hospital Trust", "health", date(2014, 1, 1))
        shared.partners.add("ccg", "Clinical Commissioning Group", "health", date(2014, 1, 1))
        shared.partners.map_name("CCG", "ccg", date(2014, 1, 1))
        shared.partners.add("west-police", "West Police", "police", date(2014, 1, 1))
        shared.partners.map_name("Police", "west-police", date(2014, 1, 1))
    wait_caught_up(service.views, platform)

    view = action_counts(service.views, region, today=date(2016, 6, 1))

    rows = {r.label: r for r in view.by_owner}
    assert (rows["Health"].open, rows["Health"].overdue) == (4, 4)
    assert [(b.key, b.label, b.open, b.overdue) for b in rows["Health"].bodies] == [
        ("acute-trust", "Acute Hospital Trust", 2, 2),
        ("ccg", "Clinical Commissioning Group", 1, 1),
        ("", "owners not in the region's partner directory", 1, 1),
    ]
    assert rows["West Police"].open == 1 and rows["West Police"].bodies == ()  # named already
    rebuild(service.views, platform, select(["actionplan", "action_days", "action_owners"]))
    assert action_counts(service.views, region, today=date(2016, 6, 1)) == view
    on_a_day = action_counts(service.views, region, today=date(2016, 6, 1), on=date(2015, 6, 1))
    assert {r.label: r.bodies for r in on_a_day.by_owner}["Health"] == rows["Health"].bodies
