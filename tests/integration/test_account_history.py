"""When a person last signed in and who deactivated them, read back from the access store's
events on each real store: found however many later events a busy account has piled on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.account_history import PAGE, deactivation, last_signed_in
from tenants.users.onboarding import add_user
from tenants.users.signin import credentials, end_session


def test_the_last_sign_in_is_found_behind_many_later_events(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    platform.registry.create_region(region := unique("region"), unique("Midshire"))
    platform.register_tenant(tenant := unique("csp"), "Northtown", region)
    user = add_user(platform, unique("officer"), "csp_officer", (tenant,), ())
    access = platform.access
    assert last_signed_in(access, user.id) is None  # never signed in
    creds = credentials(access, user.id)
    creds.signed_in(-1)
    creds.signed_in(-1)
    access.save(creds)
    signed_in = creds.modified_on  # the second SignedIn event's timestamp
    for n in range(PAGE * 2 + 3):  # sign-outs and failures after it, pages of them
        end_session(access, user.id, f"session-{n}")
    creds = credentials(access, user.id)
    creds.fail(datetime.now(UTC))
    access.save(creds)
    assert last_signed_in(access, user.id) == signed_in


def test_a_deactivation_says_when_by_whom_and_why(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    platform.registry.create_region(region := unique("region"), unique("Midshire"))
    platform.register_tenant(tenant := unique("csp"), "Northtown", region)
    user = add_user(platform, unique("officer"), "csp_officer", (tenant,), ())
    assert deactivation(platform.access, user.id) is None
    with acting_as("someone-who-did-it"):
        platform.access.deactivate_user(user.name, "left the council")
    done = deactivation(platform.access, user.id)
    assert done is not None and done.by == "someone-who-did-it"
    assert done.reason == "left the council" and done.at.tzinfo is not None
