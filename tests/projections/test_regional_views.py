"""The regional views, fed live through relay and worker: SQLite with the in-memory broker,
PostgreSQL with RabbitMQ."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from projections.asof import as_of
from projections.queries import RegionalDhrCounts, dhr_counts, timeliness
from projections.rebuild import rebuild, select
from projections.service import ProjectionService
from projections.store import open_views
from tenants.platform import Platform
from tests.projections.support import (
    WEST_MIDLANDS,
    open_case,
    seed_west_midlands,
    wait_caught_up,
    wait_for,
)


def suffix() -> str:
    return uuid.uuid4().hex[:6]


def test_the_west_midlands_view_reproduces_the_seed_table(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)

    view = dhr_counts(service.views, region, until=date(2013, 12, 31))

    found = {row.tenant: (row.name, row.commenced, row.completed) for row in view.rows}
    assert found == {slugs[key]: expected for key, expected in WEST_MIDLANDS.items()}
    assert (view.total.commenced, view.total.completed) == (25, 6)
    assert (
        view.total.decommissioned == 1 and view.rows[0].decommissioned == 1
    )  # Birmingham's footnote
    walsall = next(r for r in view.rows if r.tenant == slugs["walsall"])
    assert (walsall.suicides, walsall.joint_reviews) == (1, 1)


def test_one_partnership_can_be_asked_for_alone(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)

    view = dhr_counts(service.views, region, tenant=slugs["sandwell"], since=date(2011, 4, 13))

    assert [(r.name, r.commenced, r.completed) for r in view.rows] == [("Sandwell", 4, 1)]


def test_timeliness_reports_median_and_worst_days_and_late_open_cases(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)

    view = timeliness(service.views, region, today=date(2014, 1, 1))

    coventry = next(r for r in view.rows if r.tenant == slugs["coventry"])
    assert coventry.cases == 2
    assert (coventry.to_decision.median_days, coventry.to_decision.worst_days) == (25.0, 25)
    assert coventry.to_submission.cases == 1 and coventry.to_submission.worst_days == 310
    assert coventry.past_decision_target_now == 0
    assert (
        coventry.past_completion_target_now == 2
    )  # neither approved within 7 months (domain rule)
    assert view.overall.cases == 25


def test_timeliness_counts_decisions_made_later_than_a_month(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = f"decisions-{suffix()}", {}
    platform.registry.create_region(region, f"Decisions {region}")
    for key in ("prompt", "slow"):
        slugs[key] = f"{key}-{region}"
        platform.register_tenant(slugs[key], key.title(), region)
    incident = date(2012, 1, 31)
    with platform.ledgers.lease(slugs["slow"]) as app:
        for ref, days in (("DHR-1", 29), ("DHR-2", 30), ("DHR-3", 75)):
            rid = app.reviews.notify(ref, incident, incident, "FN", "dhr", "familial_homicide")
            app.reviews.decide(rid, incident + timedelta(days=days), "hold", "criteria met")
        app.reviews.notify("DHR-4", incident, incident, "FN", "dhr", "familial_homicide")
    with platform.ledgers.lease(slugs["prompt"]) as app:
        open_case(app, "DHR-1", incident)
    wait_caught_up(service.views, platform)

    view = timeliness(service.views, region, today=date(2012, 6, 1))

    by_tenant = {r.tenant: r for r in view.rows}
    # a month after 31 January is 29 February 2012: day 29 is on time, day 30 is late
    assert by_tenant[slugs["slow"]].decided_late == 2
    assert by_tenant[slugs["slow"]].past_decision_target_now == 1  # DHR-4, never decided
    assert by_tenant[slugs["prompt"]].decided_late == 0
    assert view.overall.decided_late == 2 and view.overall.to_decision.cases == 4
    assert timeliness(service.views, region, on=date(2012, 3, 10)).overall.decided_late == 1


def test_a_review_paused_again_on_the_day_it_resumed_counts_as_paused(
    platform: Platform, service: ProjectionService
) -> None:
    """Found by ``test_case_views_follow_the_cases``: the view kept pauses by their first day,
    so a second pause begun that day was dropped and the case read as running."""
    region = f"pauses-{suffix()}"
    platform.registry.create_region(region, f"Pauses {region}")
    platform.register_tenant(f"csp-{region}", "Partnership", region)
    with platform.ledgers.lease(f"csp-{region}") as app:
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.reviews.pause(rid, date(2020, 3, 1), "inquest")
        app.reviews.resume(rid, date(2020, 3, 1))  # resumed by mistake
        app.reviews.pause(rid, date(2020, 3, 1), "inquest")
    wait_caught_up(service.views, platform)

    assert dhr_counts(service.views, region, on=date(2020, 6, 1)).total.paused_now == 1
    # the clock stopped on 1 March: open since then, so not yet past its 7 months
    assert (
        timeliness(service.views, region, today=date(2021, 1, 1)).overall.past_completion_target_now
        == 0
    )


def test_an_imr_on_a_past_day_is_as_it_was_then_though_returned_and_resent_since(
    platform: Platform, service: ProjectionService
) -> None:
    """The view kept only the latest receipt: an IMR sent on time, returned for more work
    later and sent again later still read, on a day before its return, as never received and
    late."""
    region = f"imrs-{suffix()}"
    platform.registry.create_region(region, f"IMRs {region}")
    platform.register_tenant(f"csp-{region}", "Partnership", region)
    with platform.ledgers.lease(f"csp-{region}") as app:
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.imrs.request(rid, "police", date(2020, 2, 10), date(2020, 3, 1))
        app.imrs.receive(rid, "police", date(2020, 2, 20))  # on time
        app.imrs.assess(rid, "police", date(2020, 3, 10), "returned", ("add the chronology",))
        app.imrs.receive(rid, "police", date(2020, 4, 20))  # 50 days after it was due
    wait_caught_up(service.views, platform)

    def police(on: date) -> tuple[int, int, int]:
        (imrs,) = timeliness(service.views, region, on=on).imrs_by_agency
        return imrs.awaited, imrs.late, imrs.days_late

    assert police(date(2020, 2, 15)) == (1, 0, 0)  # awaited, not yet due
    assert police(date(2020, 3, 5)) == (0, 0, 0)  # received on time, not yet returned
    assert police(date(2020, 3, 20)) == (1, 1, 19)  # returned: awaited again, past due
    assert police(date(2020, 5, 1)) == (0, 1, 50)
    (now,) = timeliness(service.views, region, today=date(2020, 5, 1)).imrs_by_agency
    assert (now.awaited, now.late, now.days_late) == (0, 1, 50)

    with platform.ledgers.lease(f"csp-{region}") as app:  # the second receipt was keyed late
        app.reviews.correct(rid, "imr.1.received_on", date(2020, 4, 10), "keyed wrong")
    wait_caught_up(service.views, platform)
    assert police(date(2020, 4, 15)) == (0, 1, 40)


def test_an_imr_on_a_past_day_counts_as_chased_only_from_its_first_chase(
    platform: Platform, service: ProjectionService
) -> None:
    """The view counted chases as they are now: on a day before the first chase, an IMR
    chased since read as chased then. Chases may be recorded out of order."""
    region = f"chases-{suffix()}"
    platform.registry.create_region(region, f"Chases {region}")
    platform.register_tenant(f"csp-{region}", "Partnership", region)
    with platform.ledgers.lease(f"csp-{region}") as app:
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.imrs.request(rid, "police", date(2020, 2, 10), date(2020, 3, 1))
        app.imrs.chase(rid, "police", date(2020, 3, 20))
        app.imrs.chase(rid, "police", date(2020, 3, 10))  # an earlier chase, keyed later
    wait_caught_up(service.views, platform)

    def chased(on: date) -> int:
        (imrs,) = timeliness(service.views, region, on=on).imrs_by_agency
        return imrs.chased

    assert chased(date(2020, 3, 9)) == 0
    assert chased(date(2020, 3, 10)) == 1
    assert chased(date(2020, 3, 25)) == 1
    (now,) = timeliness(service.views, region, today=date(2020, 5, 1)).imrs_by_agency
    assert now.chased == 1


def test_the_imrs_with_a_request_for_more_time_waiting_are_counted_now_and_on_a_past_day(
    platform: Platform, service: ProjectionService
) -> None:
    """The agency asks; the panel refuses, the agency asks again, the panel extends: each
    answer ends the wait. Another agency's IMR, never asked about, is never counted."""
    region = f"more-time-{suffix()}"
    platform.registry.create_region(region, f"More time {region}")
    platform.register_tenant(f"csp-{region}", "Partnership", region)
    with platform.ledgers.lease(f"csp-{region}") as app:
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.imrs.request(rid, "police", date(2020, 2, 10), date(2020, 4, 1))
        app.imrs.request(rid, "housing", date(2020, 2, 10), date(2020, 4, 1))
        app.imrs.ask_extension(rid, "police", date(2020, 3, 1), date(2020, 5, 1), "records late")
        app.imrs.refuse_extension(rid, "police", date(2020, 3, 8), "the panel needs it")
        app.imrs.ask_extension(rid, "police", date(2020, 3, 20), date(2020, 5, 1), "still late")
        app.imrs.extend(rid, "police", date(2020, 3, 25), date(2020, 4, 20), "agreed")
        app.imrs.ask_extension(rid, "police", date(2020, 4, 10), date(2020, 5, 10), "again")
    wait_caught_up(service.views, platform)

    def waiting(on: date | None = None) -> dict[str, int]:
        today = date(2020, 5, 1)
        found = timeliness(service.views, region, on=on, today=today).imrs_by_agency
        return {a.key: a.more_time_asked for a in found}

    assert waiting(date(2020, 2, 29)) == {"police": 0, "housing": 0}
    assert waiting(date(2020, 3, 1)) == {"police": 1, "housing": 0}
    assert waiting(date(2020, 3, 8)) == {"police": 0, "housing": 0}  # refused that day
    assert waiting(date(2020, 3, 24))["police"] == 1
    assert waiting(date(2020, 3, 25))["police"] == 0  # extended: agreed
    assert waiting(date(2020, 4, 10))["police"] == 1
    assert waiting() == {"police": 1, "housing": 0}  # now: the third request, unanswered


def test_a_store_without_requests_for_more_time_counts_none(
    platform: Platform, service: ProjectionService
) -> None:
    """A store the new model has not been made in yet (a standby before the primary's workers
    made it) reads as before, with nothing waiting, rather than failing the dashboard."""
    region = f"no-more-time-{suffix()}"
    platform.registry.create_region(region, f"No more time {region}")
    platform.register_tenant(f"csp-{region}", "Partnership", region)
    with platform.ledgers.lease(f"csp-{region}") as app:
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.imrs.request(rid, "police", date(2020, 2, 10), date(2020, 4, 1))
    wait_caught_up(service.views, platform)
    views = open_views(platform)
    try:
        with views.writing() as tx:
            tx.execute("DELETE FROM view_generations WHERE name = 'imr_more_time'")
        (imrs,) = timeliness(views, region, today=date(2020, 5, 1)).imrs_by_agency
    finally:
        views.close()
    assert (imrs.awaited, imrs.more_time_asked) == (1, 0)


def test_a_rebuild_equals_the_live_view_and_is_swapped_in(
    platform: Platform, service: ProjectionService
) -> None:
    region, _ = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)
    live_counts, live_times = dhr_counts(service.views, region), timeliness(service.views, region)

    generations = rebuild(service.views, platform, select([]))

    assert all(g >= 2 for g in generations.values())
    assert dhr_counts(service.views, region) == live_counts
    assert timeliness(service.views, region) == live_times


def test_as_of_a_past_instant_equals_what_the_live_view_held_then(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)
    then = datetime.now(UTC)
    held_then = dhr_counts(service.views, region, today=then.date())
    times_then = timeliness(service.views, region, today=then.date())
    with platform.ledgers.lease(slugs["dudley"]) as app:
        open_case(app, "DHR-LATE", date(2013, 2, 1))
    wait_for(
        lambda: dhr_counts(service.views, region).total.commenced == 26, "the new case to show"
    )

    with as_of(platform, then, region) as past:
        assert dhr_counts(past, region, today=then.date()) == held_then
        assert timeliness(past, region, today=then.date()) == times_then


def test_a_tenant_registered_while_running_appears_without_restart(
    platform: Platform, service: ProjectionService
) -> None:
    region = f"region-{suffix()}"
    platform.registry.create_region(region, f"Leicestershire & Rutland {region}")
    slug = f"charnwood-{suffix()}"
    platform.register_tenant(slug, "Charnwood", region)
    with platform.ledgers.lease(slug) as app:
        open_case(app, "DHR-1", date(2014, 3, 1))

    view = wait_for(
        lambda: (v := dhr_counts(service.views, region)).total.commenced == 1 and v,
        "the new tenant's case",
    )
    assert isinstance(view, RegionalDhrCounts)
    assert [r.tenant for r in view.rows] == [slug]


def test_an_offboarded_tenant_leaves_the_regional_views(
    platform: Platform, service: ProjectionService
) -> None:
    region, slugs = seed_west_midlands(platform, suffix())
    wait_caught_up(service.views, platform)

    platform.registry.offboard_tenant(slugs["birmingham"], "merged into a combined authority")

    view = wait_for(
        lambda: (v := dhr_counts(service.views, region)).total.commenced == 12 and v,
        "Birmingham to leave",
    )
    assert isinstance(view, RegionalDhrCounts)
    assert slugs["birmingham"] not in {r.tenant for r in view.rows}
    with as_of(platform, datetime.now(UTC) - timedelta(days=3650), region) as past:
        assert dhr_counts(past, region).rows == ()


def test_a_first_rebuild_on_views_never_built_needs_no_live_run(platform: Platform) -> None:
    """`ledger projections rebuild` on a new installation: nothing tracked yet, nothing to swap from."""
    region, _ = seed_west_midlands(platform, suffix())
    views = open_views(platform)
    try:
        rebuild(views, platform, select([]))
        counts = dhr_counts(views, region)
        assert (counts.total.commenced, counts.total.completed) == (25, 6)
    finally:
        views.close()
