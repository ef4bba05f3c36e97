"""The header names who is signed in and for whom: a partnership, a region, or, for people who
have neither, their agency or what they are here, so nobody's name stands there alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import People, give_password, page_text, sign_in
from tests.web.test_agency_pages import police_user

WHO = re.compile(r'<li class="app-account__name">(.*?)</li>', re.S)


def header_name(web_app: Flask, name: str) -> str:
    client = web_app.test_client()
    sign_in(client, name)
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200
    found = WHO.search(page.data.decode())
    assert found, "no name in the header"
    return page_text(found.group(1).encode()).strip()


def test_an_agencys_contributor_is_shown_with_their_agency(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    assert header_name(web_app, police_user(platform, people, unique)).endswith(", Midshire Police")


def test_a_researcher_and_the_national_analyst_are_shown_with_their_role(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    for role, words in (("researcher", "Researcher"), ("national_analyst", "National analyst")):
        name = unique(role.replace("_", "-"))
        add_user(platform, name, role, (), ())
        give_password(platform, name)
        assert header_name(web_app, name) == f"{name}, {words}"


def test_an_officer_is_shown_with_their_partnership(web_app: Flask, people: People) -> None:
    assert header_name(web_app, people.names["officer"]) == f"{people.names['officer']}, Northtown"
