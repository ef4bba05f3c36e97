"""The registry on real stores: regions, tenants, their lifecycle, and restarts."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import LedgerAggregate, acting_as
from tenants.model import TenantStatus
from tenants.platform import Platform
from tenants.users.onboarding import add_user


def test_registering_a_tenant_creates_its_own_store(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, tenant = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Test Region"))
    info = platform.register_tenant(tenant, "Test CSP", region)
    assert platform.stores.area_exists(info.store_area)
    assert [t.slug for t in platform.registry.tenants(region)] == [tenant]


def test_duplicate_and_unknown_slugs_are_clear_errors(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region = unique("region")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(unique("csp"), "A", region)
    with pytest.raises(DuplicateError, match="already exists"):
        platform.registry.create_region(region, unique("Again"))
    with pytest.raises(DuplicateError, match="already exists"):
        platform.register_tenant(unique("csp"), "Again", region)
    with pytest.raises(NotFoundError, match="No region"):
        platform.register_tenant(unique("other"), "X", unique("missing"))
    with pytest.raises(NotFoundError, match="No tenant"):
        platform.registry.tenant(unique("missing"))
    with pytest.raises(InvalidValueError, match="slug"):
        platform.registry.create_region("Bad Slug!", "R")


def test_a_partnership_cannot_take_a_name_its_region_already_reads(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """Two rows called Birmingham on the West Midlands dashboard could not be told apart; the
    same name in another region, or one an offboarded partnership had, is another matter."""
    region, elsewhere = unique("region"), unique("elsewhere")
    platform.registry.create_region(region, unique("Region"))
    platform.registry.create_region(elsewhere, unique("Elsewhere"))
    first = platform.register_tenant(unique("birmingham"), "Birmingham", region)
    before = [t.slug for t in platform.registry.tenants(region)]
    with pytest.raises(DuplicateError, match="already has a partnership called Birmingham"):
        platform.register_tenant(unique("brum"), " birmingham ", region)
    assert [t.slug for t in platform.registry.tenants(region)] == before  # nothing recorded
    other = platform.register_tenant(unique("solihull"), "Solihull", region)
    with pytest.raises(DuplicateError, match="tell apart"):
        platform.registry.rename_tenant(other.slug, "BIRMINGHAM")
    platform.registry.rename_tenant(first.slug, "Birmingham")  # its own name: no clash
    moving = platform.register_tenant(unique("moving"), "Birmingham", elsewhere)
    with pytest.raises(DuplicateError, match="Birmingham"):
        platform.move_tenant(moving.slug, region)
    assert platform.registry.tenant(moving.slug).region == elsewhere
    platform.registry.offboard_tenant(first.slug, "merged with its neighbour")
    platform.move_tenant(moving.slug, region)  # the offboarded one no longer shows
    assert platform.registry.tenant(moving.slug).region == region


def test_a_region_cannot_take_a_name_another_region_already_has(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """Regions are told apart by name everywhere people choose one (a user's grants, the
    administrator's lists, a paper's title): "West  Midlands" or "west midlands" beside West
    Midlands could not be. The name is unique to the test, as the PostgreSQL database is shared."""
    name = unique("West Midlands")
    first, second = unique("wm"), unique("wm-again")
    platform.registry.create_region(first, name)
    before = platform.registry.regions()
    for alike in (name.replace(" ", "  "), f" {name.lower()} ", name.upper()):
        with pytest.raises(DuplicateError) as refused:
            platform.registry.create_region(second, alike)
        assert str(refused.value) == (
            f"There is already a region called {name} ({first}); give this one a name people "
            "can tell apart, such as the police force area it covers."
        )
    assert platform.registry.regions() == before  # nothing recorded
    other = unique("staffs")
    platform.registry.create_region(other, unique("Staffordshire"))
    with pytest.raises(DuplicateError, match=f"already a region called {name} "):
        platform.registry.rename_region(other, name.lower())
    assert platform.registry.region(other).name == unique("Staffordshire")
    platform.registry.rename_region(first, name.upper())  # its own name, written otherwise
    assert platform.registry.region(first).name == name.upper()


def test_tenant_lifecycle_is_recorded_with_the_operator(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    first, second, tenant = unique("first"), unique("second"), unique("csp")
    with acting_as("admin-7"):
        platform.registry.create_region(first, unique("First"))
        platform.registry.create_region(second, unique("Second"))
        platform.register_tenant(tenant, f"CSP {tenant}", first)
        platform.registry.rename_tenant(tenant, "Renamed CSP")
        platform.registry.move_tenant(tenant, second)
        platform.registry.suspend_tenant(tenant, "contract paused")
        with pytest.raises(InvalidTransitionError):
            platform.registry.suspend_tenant(tenant, "again")
        platform.registry.reinstate_tenant(tenant)
        platform.registry.offboard_tenant(tenant, "left the service")
    info = platform.registry.tenant(tenant)
    assert (info.name, info.region, info.status) == ("Renamed CSP", second, TenantStatus.OFFBOARDED)
    with pytest.raises(InvalidTransitionError, match="offboarded"):
        platform.registry.move_tenant(tenant, first)
    from tenants.model import Tenant

    events = list(platform.registry.events.get(Tenant.create_id(tenant)))
    assert [type(e).__name__ for e in events] == [
        "Registered",
        "Renamed",
        "MovedRegion",
        "SuspendedWithNote",  # the reason kept apart, encrypted (tenants/status_notes.py)
        "Reinstated",
        "OffboardedWithNote",
    ]
    assert {cast(LedgerAggregate.Event, e).recorded_by for e in events} == {"admin-7"}
    assert [(c.status, c.reason, c.by) for c in platform.registry.status_history(tenant)] == [
        (TenantStatus.SUSPENDED, "contract paused", "admin-7"),
        (TenantStatus.OFFBOARDED, "left the service", "admin-7"),
    ]


def test_a_restart_loses_and_duplicates_nothing(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    region = unique("region")
    first = make_platform()
    first.registry.create_region(region, unique("R"))
    for n in range(3):
        first.register_tenant(unique(f"csp{n}"), f"CSP {n}", region)
    before = first.registry.tenants(region)
    first.close()
    again = make_platform()
    assert again.registry.tenants(region) == before
    again.register_tenant(unique("csp3"), "CSP 3", region)
    assert len(again.registry.tenants(region)) == 4


def test_a_region_renamed_by_another_process_is_seen_by_this_ones_list_and_name_check(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    """Each registry keeps the regions it has read and reads again only those changed since:
    a rename made elsewhere (the CLI, another worker) still shows here, and is checked."""
    here = make_platform()
    elsewhere = make_platform(LEDGER_DATA_DIR=str(here.settings.data_dir))
    slug, old, new = unique("region"), unique("Oldshire"), unique("Newshire")
    with acting_as("admin"):
        here.registry.create_region(slug, old)
        assert old in [r.name for r in here.registry.regions()]
        elsewhere.registry.rename_region(slug, new)
        assert [r.name for r in here.registry.regions() if r.slug == slug] == [new]
        with pytest.raises(DuplicateError, match=new):
            here.registry.create_region(unique("other"), new.upper())
        here.registry.create_region(unique("third"), old)  # the old name is free again


def test_partnerships_changed_by_another_process_are_seen_by_this_ones_list_and_name_check(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    """The tenants are kept as regions are: registered, renamed, moved or offboarded elsewhere
    (the CLI, another worker), each shows here, and a name check reads them."""
    here = make_platform()
    elsewhere = make_platform(LEDGER_DATA_DIR=str(here.settings.data_dir))
    region, other = unique("region"), unique("other-region")
    first, second, third = unique("csp1"), unique("csp2"), unique("csp3")
    with acting_as("admin"):
        here.registry.create_region(region, unique("Shire"))
        here.registry.create_region(other, unique("Othershire"))
        here.register_tenant(first, "Northtown", region)
        assert [t.name for t in here.registry.tenants(region)] == ["Northtown"]
        elsewhere.register_tenant(second, "Southtown", region)
        elsewhere.registry.rename_tenant(first, "North Town")
        assert [t.name for t in here.registry.tenants(region)] == ["North Town", "Southtown"]
        with pytest.raises(DuplicateError, match="North Town"):
            here.register_tenant(third, "north  town", region)
        elsewhere.registry.move_tenant(second, other)
        elsewhere.registry.offboard_tenant(first, "merged")
        assert [t.slug for t in here.registry.tenants(other)] == [second]
        assert [t.status for t in here.registry.tenants(region)] == [TenantStatus.OFFBOARDED]
        here.register_tenant(third, "North Town", region)  # an offboarded one's name is free


def test_nobody_new_is_given_an_offboarded_partnership_but_a_suspended_one_is_granted(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """An offboarded partnership's store stays only for audit: a new officer given it read
    its cases. A suspended one comes back when reinstated, and its people only read till then."""
    region, gone, paused = unique("region"), unique("gone"), unique("paused")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(gone, "Gone Town", region)
    platform.register_tenant(paused, "Paused Town", region)
    platform.registry.offboard_tenant(gone, "left the platform")
    platform.registry.suspend_tenant(paused, "contract paused")
    for role in ("csp_officer", "auditor"):
        name = unique(role.replace("_", "-"))
        with pytest.raises(InvalidTransitionError, match="offboarded") as refused:
            add_user(platform, name, role, (gone,), ())
        assert f"ledger audit export {gone}" in str(refused.value)  # what to do instead
        assert name not in [u.name for u in platform.access.users()]
    kept = add_user(platform, unique("officer"), "csp_officer", (paused,), ())
    assert kept.tenants == (paused,)


def test_a_refused_suspension_or_offboarding_leaves_no_reason_behind(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """The reason goes to the notes store only once the tenant may take the change: a second
    suspension, or an offboarding of an offboarded tenant, is refused and notes nothing."""
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, "Notes CSP", region)
    notes = platform.registry.notes
    assert notes is not None

    def kept() -> int:
        return len(notes.recorder.select_notifications(1, 1_000_000))

    platform.registry.suspend_tenant(slug, "Audit under way")
    before = kept()
    with pytest.raises(InvalidTransitionError, match="only an active tenant"):
        platform.registry.suspend_tenant(slug, "Again")
    assert kept() == before
    platform.registry.offboard_tenant(slug, "Merged with a neighbour")
    before = kept()
    with pytest.raises(InvalidTransitionError, match="has been offboarded"):
        platform.registry.offboard_tenant(slug, "Twice")
    assert kept() == before
    reasons = [c.reason for c in platform.registry.status_history(slug)]
    assert reasons == ["Audit under way", "Merged with a neighbour"]
