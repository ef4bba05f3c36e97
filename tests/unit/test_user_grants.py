"""A user's role and grants changed under the same name: held to the rules adding keeps,
nothing recorded when refused or when nothing changes."""

from __future__ import annotations

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as
from tenants.users.access import AccessRegistry
from tenants.users.model import Role, User


def officer() -> User:
    user = User.add("jo.smith", Role.CSP_OFFICER, ("coventry",), ())
    user.collect_events()
    return user


def test_a_new_role_and_grants_are_recorded_as_one_event() -> None:
    user = officer()
    assert user.change_grants(Role.REGIONAL_LEAD, (), ("west-midlands",))
    info = user.info()
    assert (info.role, info.tenants, info.regions) == (Role.REGIONAL_LEAD, (), ("west-midlands",))
    assert [type(e).__name__ for e in user.collect_events()] == ["GrantsChanged"]


def test_the_same_role_and_grants_record_nothing() -> None:
    user = officer()
    assert not user.change_grants(Role.CSP_OFFICER, ("coventry",), ())
    assert user.collect_events() == []


@pytest.mark.parametrize(
    ("role", "tenants", "regions", "agency", "words"),
    [
        (Role.CSP_OFFICER, ("coventry", "solihull"), (), "", "exactly one partnership"),
        (Role.REGIONAL_LEAD, ("coventry",), (), "", "exactly one region"),
        (Role.PLATFORM_ADMIN, ("coventry",), (), "", "give no partnership"),
        (Role.AUDITOR, (), (), "", "at least one partnership"),
        (Role.CSP_OFFICER, ("coventry",), (), "police", "no other role does"),
        (Role.AGENCY_CONTRIBUTOR, ("coventry",), (), "", "names one partner agency"),
    ],
)
def test_grants_adding_would_refuse_are_refused_and_nothing_is_recorded(
    role: Role, tenants: tuple[str, ...], regions: tuple[str, ...], agency: str, words: str
) -> None:
    user = officer()
    with pytest.raises(InvalidValueError, match=words):
        user.change_grants(role, tenants, regions, agency)
    assert user.collect_events() == []
    assert user.info().role == Role.CSP_OFFICER


def test_a_deactivated_user_is_given_nothing() -> None:
    user = officer()
    user.deactivate("left the team")
    user.collect_events()
    with pytest.raises(InvalidTransitionError, match="is deactivated"):
        user.change_grants(Role.CSP_LEAD, ("coventry",), ())
    assert user.collect_events() == []


def test_an_agency_contributor_becomes_an_officer_without_their_agency() -> None:
    user = User.add("al.jones", Role.AGENCY_CONTRIBUTOR, ("coventry",), (), agency="police")
    user.change_grants(Role.CSP_OFFICER, ("coventry",), ())
    assert (user.info().role, user.info().agency) == (Role.CSP_OFFICER, "")


def test_the_changed_grants_are_what_the_store_replays_and_lists() -> None:
    access = AccessRegistry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with acting_as("admin"):
        access.add_user("ann", "csp_officer", ("north",))
        assert [u.tenants for u in access.users()] == [("north",)]  # kept current from here
        changed = access.change_grants("ann", "auditor", ("north", "south", "north"), ("east",))
    assert (changed.role, changed.tenants, changed.regions) == (
        Role.AUDITOR,
        ("north", "south"),  # a grant named twice is one grant
        ("east",),
    )
    assert access.user("ann") == changed
    assert access.users() == [changed]
    with pytest.raises(InvalidValueError, match="Unknown role 'boss'"):
        access.change_grants("ann", "boss")
