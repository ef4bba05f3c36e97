"""People with access, on both stores: a partnership's lead sees, by name, everyone whose access
reaches its records and removes a leaver who worked for it alone; anyone else is the platform
administrator's, and the page says why."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from api.people import Places, places_known
from tenants.platform import Platform
from tenants.users.account_history import deactivation
from tenants.users.onboarding import add_user
from tests.web.conftest import (
    People,
    csrf,
    give_password,
    page_text,
    post_form,
    sign_in,
    sign_in_with_code,
)

UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def table(page: bytes, id: str) -> str:
    """The text of the page's table ``id``, as a person reads it."""
    return page_text(table_html(page, id).encode())


def row(page: bytes, id: str, name: str) -> str:
    """The text of the row of ``name`` in the table ``id``."""
    rows = re.findall(r"<tr.*?</tr>", table_html(page, id), re.S)
    found = [page_text(r.encode()) for r in rows if f">{name}<" in r]
    assert len(found) == 1, f"{name} is not one row of {id}"
    return found[0]


def table_html(page: bytes, id: str) -> str:
    found = re.search(rf'<table[^>]*id="{id}".*?</table>', page.decode(), re.S)
    assert found, f"no table {id}"
    return found.group(0)


def named(platform: Platform, people: People, unique: Callable[[str], str]) -> dict[str, str]:
    """Display names for the people fixture, and the people a lead's page must tell apart: an
    agency's contributor here and one for the whole region, a second lead, the region's OPCC
    officer, a region auditor without two-factor, and a lead of another partnership."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("midshire-police", "Midshire Police", "police", date(2015, 4, 1))
    extra = {
        "agency": ("agency_contributor", (people.tenant,), ()),
        "region_agency": ("agency_contributor", (), (people.region,)),
        "second_lead": ("csp_lead", (people.tenant,), ()),
        "opcc": ("pcc_officer", (), (people.region,)),
        "region_auditor": ("auditor", (), (people.region,)),
        "stranger_lead": ("csp_lead", (people.neighbour,), ()),
    }
    for who, (role, tenants, regions) in extra.items():
        name = unique(who.replace("_", "-"))
        agency = "midshire-police" if role == "agency_contributor" else ""
        add_user(platform, name, role, tenants, regions, agency=agency)
        give_password(platform, name)
        people.names[who] = name
    shown = {}
    for who, name in people.names.items():
        shown[who] = f"Ms {who.replace('_', ' ').title()} {name[-6:]}"
        platform.access.rename_user(name, shown[who])
    return shown


def test_a_lead_sees_by_name_everyone_whose_access_reaches_the_partnership(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    shown = named(platform, people, unique)
    officer = FlaskClient(visitor.application)
    sign_in(officer, people.names["officer"])  # a sign-in the lead's page reports
    sign_in(visitor, people.names["lead"])
    home = visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    assert f'href="/partnerships/{people.tenant}/people"' in home  # in the lead's header

    page = visitor.get(f"/partnerships/{people.tenant}/people")
    assert page.status_code == 200
    own, outside = table(page.data, "own"), table(page.data, "outside")
    for who in ("lead", "second_lead", "officer", "agency"):
        assert shown[who] in own and shown[who] not in outside, who
    for who in ("regional", "opcc", "auditor", "region_auditor", "admin", "region_agency"):
        assert shown[who] in outside and shown[who] not in own, who
    for who in ("neighbour_officer", "stranger_lead"):  # another partnership's people
        assert shown[who] not in page_text(page.data), who
    assert not UUID_TEXT.search(page_text(page.data)), "ids are never shown"
    assert people.names["officer"] not in page_text(page.data), "nor user names"

    assert "Agency contributor, Midshire Police" in row(page.data, "own", shown["agency"])
    assert "Partnership officer" in row(page.data, "own", shown["officer"])
    officer_row = row(page.data, "own", shown["officer"])
    assert f"{date.today():%B %Y}" in officer_row and "Active" in officer_row
    assert "Never" in row(page.data, "own", shown["agency"])
    assert "Deactivate" in officer_row and "Deactivate" in row(page.data, "own", shown["agency"])
    assert "Ask the platform administrator: they are a lead of the partnership too" in row(
        page.data, "own", shown["second_lead"]
    )
    assert "Ask the platform administrator: you cannot deactivate yourself" in row(
        page.data, "own", shown["lead"]
    )
    auditor = row(page.data, "outside", shown["region_auditor"])
    assert "Not set up" in auditor and "Midshire" in auditor  # their role needs it
    assert "Set up" in row(page.data, "outside", shown["auditor"])
    assert "Not needed for their role" in officer_row
    assert "Ask the platform administrator: their access reaches other partnerships" in row(
        page.data, "outside", shown["region_agency"]
    )
    text = page_text(page.data)
    assert "Platform administrator People, partnerships and sign-in" in text
    asked = page_text(page.data.decode().split('id="new-access"')[1].split("</p>")[0].encode())
    assert "such as a new officer" in asked, asked  # the page cannot add anyone: whom to ask
    assert f"ask the platform administrator ({shown['admin']})" in asked, asked
    assert "no case content at all" in text
    assert "OPCC finance officer The region's own ledger" in text


def test_a_lead_removes_a_leaver_with_a_reason_recorded_as_theirs(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    shown = named(platform, people, unique)
    token = platform.access.issue_token(people.names["officer"])
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/people/{people.names['officer']}/deactivation"
    asked = visitor.get(url)
    assert f"Deactivate {shown['officer']}" in page_text(asked.data)

    empty = post_form(visitor, url, {"reason": "  "})
    assert "There is a problem" in empty.data.decode() and "Enter the reason" in empty.data.decode()
    assert platform.access.user(people.names["officer"]).active

    done = post_form(visitor, url, {"reason": "left the council"})
    assert done.status_code == 302
    officer = platform.access.user(people.names["officer"])
    assert not officer.active
    assert platform.access.authenticate(token.secret) is None  # their tokens stop working
    recorded = deactivation(platform.access, officer.id)  # the Deactivated event, read back
    assert recorded is not None and recorded.reason == "left the council"
    assert recorded.by == str(platform.access.user(people.names["lead"]).id)

    page = visitor.get(done.headers["Location"])
    assert f"{shown['officer']} deactivated" in page_text(page.data)
    gone = row(page.data, "own", shown["officer"])
    assert "Deactivated" in gone and f"by {shown['lead']}" in gone
    assert "Already deactivated" in gone
    refused = FlaskClient(visitor.application)
    signing_in = post_form(
        refused, "/", {"username": people.names["officer"], "password": "a long enough password"}
    )
    assert signing_in.status_code == 200  # a deactivated user cannot sign in

    admin = FlaskClient(visitor.application)
    sign_in_with_code(admin, people.names["admin"], people.totp["admin"])
    user_page = page_text(admin.get(f"/admin/users/{people.names['officer']}").data)
    assert f"Deactivated on {date.today().day}" in user_page
    assert f"by {shown['lead']}: left the council" in user_page


def test_a_lead_cannot_remove_another_lead_themselves_or_anyone_reaching_further(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    shown = named(platform, people, unique)
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/people"
    for who, why in (
        ("second_lead", "They are a lead of the partnership too."),
        ("lead", "You cannot deactivate yourself."),
        ("auditor", "Their role reaches beyond this partnership."),
    ):
        url = f"{base}/{people.names[who]}/deactivation"
        page = visitor.get(url)
        said = page_text(page.data)
        assert page.status_code == 200 and f"You cannot deactivate {shown[who]}" in said, who
        assert f"{why} Ask the platform administrator" in said, who
        token = csrf(visitor.get(f"{base}/{people.names['officer']}/deactivation").data)
        sent = visitor.post(url, data={"csrf_token": token, "reason": "left"})
        assert sent.status_code == 200, who
        assert platform.access.user(people.names[who]).active, who
    for who in ("region_agency", "regional", "neighbour_officer", "stranger_lead"):
        url = f"{base}/{people.names[who]}/deactivation"
        assert visitor.get(url).status_code == 404, who  # not this partnership's to remove
        assert platform.access.user(people.names[who]).active, who
    assert visitor.get(f"{base}/no-such-person/deactivation").status_code == 404


def test_officers_and_other_partnerships_leads_never_see_the_page(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    shown = named(platform, people, unique)
    base = f"/partnerships/{people.tenant}/people"
    leaver = f"{base}/{people.names['agency']}/deactivation"
    sign_in(visitor, people.names["officer"])
    refused = visitor.get(base)
    assert refused.status_code == 403
    assert "ask your partnership's lead" in page_text(refused.data)
    assert shown["lead"] in page_text(refused.data)  # by name
    assert "/people" not in visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    assert visitor.post(leaver, data={"reason": "left"}).status_code == 403
    stranger = FlaskClient(visitor.application)
    sign_in(stranger, people.names["stranger_lead"])
    assert stranger.get(base).status_code == 404
    assert stranger.post(leaver, data={"reason": "left"}).status_code == 404
    regional = FlaskClient(visitor.application)
    sign_in(regional, people.names["regional"])
    said = page_text(regional.get(base).data)
    assert "ask the partnership's lead" in said and "who owns its records" in said
    assert platform.access.user(people.names["agency"]).active


def test_a_lead_is_told_how_far_someone_reaches_but_not_the_places_it_may_not_know(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """An auditor of this partnership, its neighbour and another region: the lead, who is told
    "not found" for the other two, sees this partnership named and a count of the rest."""
    far = unique("far")
    platform.registry.create_region(far, unique("Farshire"))
    platform.register_tenant(unique("farcsp"), "Fartown", far)
    name = unique("wide-auditor")
    add_user(platform, name, "auditor", (people.tenant, people.neighbour), (far,))
    platform.access.rename_user(name, "Ms Wide Auditor")

    sign_in(visitor, people.names["lead"])
    page = visitor.get(f"/partnerships/{people.tenant}/people").data
    assert "Northtown and 2 other places" in row(page, "outside", "Ms Wide Auditor")
    for unknown in ("Southtown", "Farshire", "Fartown"):
        assert unknown not in page_text(page), unknown

    token = platform.access.issue_token(people.names["lead"]).secret
    listed = visitor.get(
        f"/api/v1/tenants/{people.tenant}/people", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    (found,) = [p for p in listed if p["name"] == name]
    assert (found["tenants"], found["regions"], found["other_places"]) == ([people.tenant], [], 2)
    regional = next(p for p in listed if p["name"] == people.names["regional"])
    assert (regional["regions"], regional["other_places"]) == ([people.region], 0)

    admin = platform.access.user(people.names["admin"])  # the platform's own view: everything
    assert places_known(platform, admin, platform.access.user(name)) == Places(
        (people.tenant, people.neighbour), (far,), 0
    )


def test_an_agency_contributor_sees_their_agency_on_their_account(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    named(platform, people, unique)
    for who in ("agency", "region_agency"):
        client = web_app.test_client()
        sign_in(client, people.names[who])
        assert "Agency Midshire Police" in page_text(client.get("/account").data), who
    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert "Agency" not in page_text(officer.get("/account").data)


def test_a_researcher_is_listed_with_each_agreement_naming_the_partnerships_reviews(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """A researcher whose agreement names one of the partnership's reviews can take its
    extract away, so its lead sees them, in force or not; one whose agreement names only the
    neighbour's reviews is not shown."""
    from tenants.learning.agreements import ResearchAgreements
    from tests.projections.support import open_case

    with platform.ledgers.lease(people.tenant) as ledger:
        ours = [open_case(ledger, f"NT-{n}", date(2021, 3, n + 1)) for n in range(2)]
    with platform.ledgers.lease(people.neighbour) as ledger:
        theirs = open_case(ledger, "NX-1", date(2021, 5, 1))
    reader, other = unique("reader"), unique("elsewhere")
    for name in (reader, other):
        add_user(platform, name, "researcher", (), ())
    platform.access.rename_user(reader, "Dr Reader")
    platform.access.rename_user(other, "Dr Elsewhere")
    kept = ResearchAgreements.open(platform)
    try:
        both = [(people.tenant, r) for r in ours] + [(people.neighbour, theirs)]
        signed, ends = date(2024, 1, 10), date(2099, 3, 31)
        kept.record(people.region, "DSA-1", reader, "Coercive control", both, signed, ends)
        ended = kept.record(
            people.region, "DSA-2", reader, "Earlier study", both[:1], signed, date(2024, 6, 30)
        )
        kept.revoke(ended.id, "Study stopped", date(2024, 2, 1))
        kept.record(people.region, "DSA-3", other, "Neighbour only", both[2:], signed, ends)
    finally:
        kept.close()

    sign_in(visitor, people.names["lead"])
    page = visitor.get(f"/partnerships/{people.tenant}/people").data
    researcher = row(page, "outside", "Dr Reader")
    assert "Agreement DSA-1: 2 reviews, in force until 31 March 2099" in researcher
    assert "Agreement DSA-2: 1 review, revoked 1 February 2024" in researcher
    assert "the regional lead revokes a data-sharing agreement" in researcher
    assert "Dr Elsewhere" not in page_text(page)
    assert "Researcher The pseudonymised extract" in page_text(page)

    token = platform.access.issue_token(people.names["lead"]).secret
    listed = visitor.get(
        f"/api/v1/tenants/{people.tenant}/people", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    (found,) = [p for p in listed if p["display_name"] == "Dr Reader"]
    assert [(a["reference"], a["reviews"], a["status"]) for a in found["agreements"]] == [
        ("DSA-2", 1, "revoked"),  # newest signed first; the same day, by reference
        ("DSA-1", 2, "in_force"),
    ]
