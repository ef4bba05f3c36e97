"""Sign-in attempts sent together: each is counted, and each gets a sign-in answer.

Before, only the first of several attempts saved at once stood; the others failed to save,
so wrong passwords went uncounted (many more guesses than the lockout allows) and were
answered with a conflict only a wrong password could cause.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from domain.errors import InvalidTransitionError
from tenants.platform import Platform
from tenants.users.credentials import MAX_FAILURES
from tenants.users.model import Role, UserInfo
from tenants.users.onboarding import add_user
from tenants.users.signin import (
    SignInRefused,
    check_code,
    check_password,
    credentials,
    current_code,
    enable_two_factor,
)
from tests.conftest import BOTH_STORES
from tests.web.conftest import PASSWORD, People, give_password


@pytest.fixture(params=BOTH_STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    """Hosted, several workers sign people in at once: both stores."""
    return str(request.param)


def together(attempts: Sequence[Callable[[], object]]) -> list[object]:
    """Run ``attempts`` at the same moment, each on its own thread; what each returned or raised."""
    start = threading.Barrier(len(attempts))
    outcomes: list[object] = [None] * len(attempts)

    def run(i: int) -> None:
        start.wait()
        try:
            outcomes[i] = attempts[i]()
        except Exception as e:  # noqa: BLE001 - the outcome under test
            outcomes[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(attempts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_wrong_passwords_sent_together_are_all_counted_and_lock_the_account(
    platform: Platform, people: People
) -> None:
    name = people.names["auditor"]  # two-factor: the right password alone saves nothing
    guesses = [lambda: check_password(platform.access, name, "a wrong guess!")] * 8
    outcomes = together(guesses)
    assert all(isinstance(o, SignInRefused) for o in outcomes), outcomes
    creds = credentials(platform.access, platform.access.user(name).id)
    assert creds.locked_at(datetime.now(UTC))
    failed = [
        e
        for e in platform.access.repository.event_store.get(creds.id)
        if type(e).__qualname__.endswith("SignInFailed")
    ]
    assert len(failed) == MAX_FAILURES  # the fifth locked it; those after it found it locked
    refused = together([lambda: check_password(platform.access, name, PASSWORD)])
    assert isinstance(refused[0], SignInRefused)
    assert credentials(platform.access, creds.user_id).locked_at(datetime.now(UTC))


def test_one_security_code_sent_twice_at_once_signs_in_once(
    platform: Platform, people: People
) -> None:
    name, secret = people.names["admin"], people.totp["admin"]
    user = check_password(platform.access, name, PASSWORD).user
    code = current_code(secret)
    outcomes = together([lambda: check_code(platform.access, user.id, code)] * 2)
    signed_in = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(signed_in) == 1, outcomes
    assert all(isinstance(o, SignInRefused) for o in outcomes if o not in signed_in), outcomes


ONE_PLATFORM = pytest.mark.parametrize("store_kind", ["sqlite"])
"""A platform of the test's own (on PostgreSQL the tests share one, with others' admins)."""


@ONE_PLATFORM
def test_two_admins_deactivating_each_other_at_once_leave_one(
    platform: Platform, people: People
) -> None:
    """Each checked that the other remained, and both saves stood: nobody was left to
    manage people on the pages."""
    first, second = people.names["admin"], "second-" + people.names["admin"]
    add_user(platform, second, "platform_admin", (), ())
    give_password(platform, second)
    enable_two_factor(platform.access, second)
    access = platform.access
    outcomes = together(
        [
            lambda: access.deactivate_user(first, "left"),
            lambda: access.deactivate_user(second, "left"),
        ]
    )
    refused = [o for o in outcomes if isinstance(o, InvalidTransitionError)]
    assert len(refused) == 1 and "only active platform admin" in str(refused[0]), outcomes
    assert sum(access.user(n).active for n in (first, second)) == 1


@ONE_PLATFORM
def test_an_admin_leaving_between_the_check_and_the_save_is_seen(
    platform: Platform, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race above, made certain: the second admin leaves after the first's check saw them
    and before the first's save. The first save must then conflict, be checked again and be
    refused; it stood when the directory was read after the check (one CI run in eight)."""
    first, second = people.names["admin"], "second-" + people.names["admin"]
    add_user(platform, second, "platform_admin", (), ())
    give_password(platform, second)
    enable_two_factor(platform.access, second)
    access, listed = platform.access, platform.access.users
    left: list[object] = []

    def listed_then_second_leaves() -> object:
        users = listed()
        if not left:
            left.append("leaving")  # the second's own check lists as usual
            left[:] = together([lambda: access.deactivate_user(second, "left")])
        return users

    monkeypatch.setattr(access, "users", listed_then_second_leaves)
    with pytest.raises(InvalidTransitionError, match="only active platform admin"):
        access.deactivate_user(first, "left")
    assert left == [None]  # the second admin left
    assert access.user(first).active and not access.user(second).active


@ONE_PLATFORM
def test_the_only_admin_who_can_sign_in_stays_while_another_cannot_yet(
    platform: Platform, people: People
) -> None:
    """A new admin with no password or two-factor yet could not sign in: deactivating the one
    who can, beside them, left the pages with nobody to manage people."""
    admin, newcomer = people.names["admin"], "new-" + people.names["admin"]
    add_user(platform, newcomer, "platform_admin", (), ())
    with pytest.raises(InvalidTransitionError, match="only active platform admin who can sign in"):
        platform.access.deactivate_user(admin, "left")
    assert platform.access.user(admin).active
    platform.access.deactivate_user(newcomer, "added by mistake")  # one who cannot sign in may go


def second_admin(platform: Platform, people: People) -> str:
    """Another admin who can sign in, beside ``people``'s."""
    second = "second-" + people.names["admin"]
    add_user(platform, second, "platform_admin", (), ())
    give_password(platform, second)
    enable_two_factor(platform.access, second)
    return second


@ONE_PLATFORM
def test_the_only_admin_keeps_the_role_and_one_who_cannot_sign_in_is_no_cover(
    platform: Platform, people: People
) -> None:
    """Another role for the last admin left nobody to manage people, as deactivating them did."""
    admin, newcomer = people.names["admin"], "new-" + people.names["admin"]
    auditing = ("auditor", (people.tenant,), ())
    with pytest.raises(InvalidTransitionError, match="only active platform admin; no longer"):
        platform.access.change_grants(admin, *auditing)
    add_user(platform, newcomer, "platform_admin", (), ())
    with pytest.raises(InvalidTransitionError, match="only active platform admin who can sign in"):
        platform.access.change_grants(admin, *auditing)
    assert platform.access.user(admin).role == Role.PLATFORM_ADMIN
    platform.access.change_grants(newcomer, *auditing)  # one who cannot sign in may change
    assert platform.access.user(newcomer).role == Role.AUDITOR


@ONE_PLATFORM
def test_two_admins_given_other_roles_at_once_leave_one(platform: Platform, people: People) -> None:
    """One given another role while the other is deactivated: each checked the other remained."""
    first, second = people.names["admin"], second_admin(platform, people)
    access = platform.access
    outcomes = together(
        [
            lambda: access.change_grants(first, "auditor", (people.tenant,), ()),
            lambda: access.deactivate_user(second, "left"),
        ]
    )
    refused = [o for o in outcomes if isinstance(o, InvalidTransitionError)]
    assert len(refused) == 1 and "only active platform admin" in str(refused[0]), outcomes
    admins = [u for u in access.users() if u.role == Role.PLATFORM_ADMIN and u.active]
    assert [u.name for u in admins if u.name in (first, second)] in ([first], [second])


@ONE_PLATFORM
def test_an_admin_leaving_between_the_role_check_and_the_save_is_seen(
    platform: Platform, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for deactivation: the second admin is given another role after the first's check saw
    them and before the first's save; the first save conflicts, is checked again, refused."""
    first, second = people.names["admin"], second_admin(platform, people)
    access, listed = platform.access, platform.access.users
    left: list[object] = []

    def listed_then_second_leaves() -> object:
        users = listed()
        if not left:
            left.append("leaving")
            left[:] = together([lambda: access.change_grants(second, "researcher")])
        return users

    monkeypatch.setattr(access, "users", listed_then_second_leaves)
    with pytest.raises(InvalidTransitionError, match="only active platform admin"):
        access.change_grants(first, "researcher")
    assert isinstance(left[0], UserInfo)  # the second admin became a researcher
    assert access.user(first).role == Role.PLATFORM_ADMIN
    assert access.user(second).role == Role.RESEARCHER
