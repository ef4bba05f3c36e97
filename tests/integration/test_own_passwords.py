"""People choose their own password, on both stores: an administrator's is temporary, a
person's own change needs their current one (wrong ones lock as signing in does), and a
change is the same ``PasswordSet`` event, recorded with the person as the actor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.credentials import Credentials
from tenants.users.onboarding import add_user
from tenants.users.passwords import change_password, choose_password, must_choose
from tenants.users.signin import (
    SignInRefused,
    check_password,
    credentials,
    set_password,
)

GIVEN, OWN = "given by the admin", "only I know this one"


def _officer(platform: Platform, unique: Callable[[str], str], temporary: bool) -> str:
    region, tenant = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Midshire"))
    platform.register_tenant(tenant, "Northtown", region)
    name = unique("officer")
    add_user(platform, name, "csp_officer", (tenant,), ())
    with acting_as("an-admin"):
        set_password(platform.access, name, GIVEN, temporary=temporary)
    return name


def _events(platform: Platform, name: str, kind: str) -> list[object]:
    user_id = platform.access.user(name).id
    stored = platform.access.repository.event_store.get(Credentials.create_id(user_id))
    return [e for e in stored if type(e).__qualname__ == f"Credentials.{kind}"]


def test_an_administrators_password_is_temporary_until_its_owner_chooses_their_own(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    name = _officer(platform, unique, temporary=True)
    user = platform.access.user(name)
    assert must_choose(platform.access, user.id)
    check_password(platform.access, name, GIVEN)  # signing in does not make it their own
    assert must_choose(platform.access, user.id)

    choose_password(platform.access, user.id, OWN)
    assert not must_choose(platform.access, user.id)
    check_password(platform.access, name, OWN)
    with pytest.raises(SignInRefused):
        check_password(platform.access, name, GIVEN)
    given, chosen = _events(platform, name, "PasswordSet")
    assert getattr(given, "temporary") is True and getattr(given, "recorded_by") == "an-admin"  # noqa: B009
    assert getattr(chosen, "recorded_by") == str(user.id)  # noqa: B009
    assert getattr(chosen, "temporary") is False  # noqa: B009

    with pytest.raises(InvalidTransitionError, match="already one you chose"):
        choose_password(platform.access, user.id, "another one of mine")  # needs the current


def test_a_person_changes_their_own_password_giving_their_current_one(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    name = _officer(platform, unique, temporary=False)
    user = platform.access.user(name)
    change_password(platform.access, user.id, GIVEN, OWN)
    check_password(platform.access, name, OWN)
    with pytest.raises(SignInRefused):
        check_password(platform.access, name, GIVEN)
    changed = _events(platform, name, "PasswordSet")[-1]
    assert getattr(changed, "recorded_by") == str(user.id)  # noqa: B009


def test_a_weak_or_unchanged_new_password_is_refused_and_nothing_is_recorded(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    name = _officer(platform, unique, temporary=True)
    user = platform.access.user(name)
    before = credentials(platform.access, user.id).version
    with pytest.raises(InvalidValueError, match="at least 10 characters"):
        change_password(platform.access, user.id, GIVEN, "short")
    with pytest.raises(InvalidValueError, match="different from your current one"):
        change_password(platform.access, user.id, GIVEN, GIVEN)
    with pytest.raises(InvalidValueError, match="different from your current one"):
        choose_password(platform.access, user.id, GIVEN)
    with pytest.raises(InvalidValueError, match="at least 10 characters"):
        choose_password(platform.access, user.id, "short")
    assert credentials(platform.access, user.id).version == before
    assert must_choose(platform.access, user.id)


def test_wrong_current_passwords_count_toward_the_sign_in_lockout(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    name = _officer(platform, unique, temporary=False)
    user = platform.access.user(name)
    now = datetime.now(UTC)
    for _ in range(4):
        with pytest.raises(InvalidValueError, match="current password is not right"):
            change_password(platform.access, user.id, "a guess at it", OWN, now)
    with pytest.raises(InvalidValueError, match="locked"):
        change_password(platform.access, user.id, "a fifth guess", OWN, now)
    with pytest.raises(InvalidTransitionError, match="locked"):  # the right one, too
        change_password(platform.access, user.id, GIVEN, OWN, now)
    with pytest.raises(SignInRefused, match="locked for 15 minutes"):
        check_password(platform.access, name, GIVEN, now)
    assert credentials(platform.access, user.id).locked_at(now)
    failed = _events(platform, name, "SignInFailed")
    assert len(failed) == 5 and all(getattr(e, "recorded_by") == str(user.id) for e in failed)  # noqa: B009
    later = now + timedelta(minutes=16)
    change_password(platform.access, user.id, GIVEN, OWN, later)
    check_password(platform.access, name, OWN, later)


def test_a_password_stored_before_temporary_ones_existed_loads_as_the_owners_own(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    name = _officer(platform, unique, temporary=False)
    user = platform.access.user(name)
    creds = credentials(platform.access, user.id)
    creds.set_password_hash(creds.password_hash or "", temporary=True)
    pending = creds.pending_events[-1]
    del pending.__dict__["temporary"]  # as every PasswordSet was written before this change
    platform.access.save(creds)
    platform.close()
    again = make_platform()  # a restart: read from the store, not the cache
    assert not must_choose(again.access, user.id)
    assert credentials(again.access, user.id).password_temporary is False
    check_password(again.access, name, GIVEN)
