"""A user's role and grants changed on each real store: read back after a restart, and no
partnership that has left the platform given to anyone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.errors import InvalidTransitionError, NotFoundError
from tenants.platform import Platform
from tenants.users.model import Role
from tenants.users.onboarding import add_user, change_grants


def test_changed_grants_are_what_a_restarted_platform_reads(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    platform.registry.create_region(region := unique("region"), unique("Midshire"))
    platform.register_tenant(tenant := unique("csp"), "Northtown", region)
    name = add_user(platform, unique("jo"), "csp_officer", (tenant,), ()).name
    change_grants(platform, name, "regional_lead", (), (region,))
    events = list(platform.access.events.get(platform.access.user(name).id))
    change_grants(platform, name, "regional_lead", (), (region,))  # the same: nothing more
    assert len(list(platform.access.events.get(platform.access.user(name).id))) == len(events)
    again = make_platform().access.user(name)
    assert (again.role, again.tenants, again.regions) == (Role.REGIONAL_LEAD, (), (region,))
    assert type(events[-1]).__name__ == "GrantsChanged"


def test_nobody_is_newly_given_an_offboarded_partnership_but_one_held_stays(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """As adding: its store is kept for audit only. An auditor who already reads it keeps it."""
    platform.registry.create_region(region := unique("region"), unique("Midshire"))
    platform.register_tenant(gone := unique("gone"), "Gone Town", region)
    platform.register_tenant(here := unique("here"), "Here Town", region)
    officer = add_user(platform, unique("officer"), "csp_officer", (here,), ()).name
    auditor = add_user(platform, unique("auditor"), "auditor", (gone,), ()).name
    platform.registry.offboard_tenant(gone, "left the platform")
    with pytest.raises(InvalidTransitionError, match="offboarded") as refused:
        change_grants(platform, officer, "csp_officer", (gone,), ())
    assert f"ledger audit export {gone}" in str(refused.value)
    assert platform.access.user(officer).tenants == (here,)
    kept = change_grants(platform, auditor, "auditor", (gone, here), ())
    assert kept.tenants == (gone, here)
    with pytest.raises(NotFoundError):
        change_grants(platform, officer, "regional_lead", (), (unique("nowhere"),))
    assert platform.access.user(officer).role == Role.CSP_OFFICER
