"""The Beta banner says whom to tell what works and what does not: something true for each
person. Only a partnership's officer has a partnership's lead to tell; the lead, regional staff
and an auditor have their administrator; the administrator has the partnerships themselves."""

from __future__ import annotations

import re

from flask import Flask

from tests.web.conftest import People, page_text, sign_in, sign_in_with_code

BANNER = re.compile(r'<span class="govuk-phase-banner__text">(.*?)</span>', re.S)
OFFICER_WORDS = "Tell your partnership’s lead or your administrator what works and what does not"
OTHERS_WORDS = "Tell your administrator what works and what does not"
ADMIN_WORDS = "Tell the partnerships that share it what works and what does not"


def banner(web_app: Flask, people: People, who: str | None) -> str:
    """The phase banner's words on the start page of ``who`` (None: not signed in yet)."""
    client = web_app.test_client()
    if who in ("auditor", "admin"):
        sign_in_with_code(client, people.names[who], people.totp[who])
    elif who is not None:
        sign_in(client, people.names[who])
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200
    found = BANNER.search(page.data.decode())
    assert found, "no phase banner"
    return page_text(found.group(1).encode())


def test_an_officer_is_told_of_their_partnerships_lead(web_app: Flask, people: People) -> None:
    assert OFFICER_WORDS in banner(web_app, people, "officer")


def test_people_without_a_lead_over_them_are_told_of_their_administrator(
    web_app: Flask, people: People
) -> None:
    """The lead is the partnership's lead; regional staff and auditors have no partnership."""
    for who in ("lead", "regional", "auditor", None):
        words = banner(web_app, people, who)
        assert OTHERS_WORDS in words, (who, words)
        assert "partnership’s lead" not in words, who


def test_the_administrator_is_told_of_the_partnerships(web_app: Flask, people: People) -> None:
    words = banner(web_app, people, "admin")
    assert ADMIN_WORDS in words and "your administrator" not in words
