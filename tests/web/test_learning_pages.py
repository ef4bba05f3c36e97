"""The learning pages on both stores: a panel checks its draft against earlier recommendations,
and the regional lead sees the region's repeats."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from domain.actionplan import ImpactOutcome, Scope
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.platform import Platform
from tests.web.conftest import (
    PASSWORD,
    People,
    csrf,
    give_password,
    page_text,
    post_form,
    sign_in,
)

TEXT = "Police call handlers should ask about coercive control at first contact"


def plant(platform: Platform, people: People) -> None:
    with acting_as("officer-1"):
        for tenant, stage, made in (
            (people.neighbour, Stage.PUBLISHED, date(2016, 5, 1)),
            (people.tenant, Stage.UNDER_REVIEW, date(2018, 1, 1)),
        ):
            with platform.ledgers.lease(tenant) as ledger:
                review = record(ledger, DemoCase("LRN-1", "Anne", date(2015, 1, 3), stage))
                rec = ledger.recommendations.make(
                    review, "R1", TEXT, Scope.MULTI_AGENCY, made, ["coercive-control"],
                    target_sector="police",
                )  # fmt: skip
                action = ledger.actions.plan(rec, "Police", "Brief", made + timedelta(days=90))
                if stage == Stage.PUBLISHED:
                    ledger.actions.complete(action, made + timedelta(days=30))
                    ledger.actions.review_impact(
                        action, made + timedelta(days=200), ImpactOutcome.EMBEDDED
                    )


def test_a_panel_sees_earlier_recommendations_with_their_outcomes(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/earlier-recommendations"
    blank = visitor.get(url)
    assert blank.status_code == 200 and b"Has this been recommended before?" in blank.data
    page = visitor.get(url, query_string={"text": TEXT, "theme": "coercive-control"}).data.decode()
    # (the PostgreSQL database is shared by the session: other tests' published ones may follow)
    assert 'Southtown<br><span class="govuk-hint govuk-!-margin-0">Your region, published' in page
    assert 'Northtown<br><span class="govuk-hint govuk-!-margin-0">Your partnership' in page
    assert "1 of 1 action completed, 1 impact reviewed, 1 embedded" in page
    own = page.split("Your partnership</span>")[1].split("</td>")[0]
    assert f'href="/partnerships/{people.tenant}/cases/' in own and ">LRN-1</a>" in own
    theirs = page.split("Your region, published</span>")[1].split("</td>")[0]
    assert "/cases/" not in theirs  # another partnership's case is theirs to open
    refused = visitor.get(url, query_string={"text": ""}).data.decode()
    assert "Give the draft recommendation" in refused
    assert (
        visitor.get(f"/partnerships/{people.neighbour}/earlier-recommendations").status_code == 404
    )


def test_the_regional_lead_sees_repeats_flagged_after_completion(
    visitor: FlaskClient, web_app: Flask, platform: Platform, people: People
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["regional"])
    page = visitor.get(f"/regions/{people.region}/repeated-recommendations")
    assert page.status_code == 200
    text = page.data.decode()
    assert "2 recommendations, 2 partnerships, 2016 to 2018" in text
    assert "Recommended again after completion" in text
    assert "Northtown" in text and "Southtown" in text
    said = page_text(page.data)  # what was made again, counted in words, as the dashboard says
    assert "1 group of similar recommendations made again within 3 years of an action" in said
    assert "Embedded (1 of 1 action completed, 1 embedded)" in said
    heading = text.split("2 recommendations, 2 partnerships, 2016 to 2018", 1)[1]
    # the tag stands on its own line under the heading, not squeezed into it beside its words
    assert heading.startswith("</h2>")
    under = " ".join(heading.split("</p>", 1)[0].split())
    assert under.endswith("Recommended again after completion </strong>"), under
    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert officer.get(f"/regions/{people.region}/repeated-recommendations").status_code == 403


RISK = "Police call handlers should use the DASH risk checklist at first contact with victims"


def plant_risk(platform: Platform, people: People, stranger: str) -> None:
    """On identification of risk: the neighbour's published one (completed, impact reviewed,
    embedded), the neighbour's unpublished one, and another region's published one."""
    with acting_as("officer-1"):
        for tenant, ref, stage, text in (
            (people.neighbour, "RSK-1", Stage.PUBLISHED, RISK),
            (people.neighbour, "RSK-2", Stage.DRAFTED, f"{RISK} (draft, unpublished)"),
            (stranger, "RSK-3", Stage.PUBLISHED, RISK.replace("Police", "Force")),
        ):
            with platform.ledgers.lease(tenant) as ledger:
                review = record(ledger, DemoCase(ref, "Anne", date(2015, 1, 3), stage))
                made = date(2016, 5, 1)
                rec = ledger.recommendations.make(
                    review, "R1", text, Scope.MULTI_AGENCY, made, ["identification-of-risk"],
                    target_sector="police",
                )  # fmt: skip
                action = ledger.actions.plan(rec, "Police", "Brief", made + timedelta(days=90))
                if ref == "RSK-1":
                    ledger.actions.complete(action, made + timedelta(days=30))
                    ledger.actions.review_impact(
                        action, made + timedelta(days=200), ImpactOutcome.EMBEDDED
                    )


def test_a_panel_drafting_on_identification_of_risk_sees_the_regions_earlier_ones(
    visitor: FlaskClient, platform: Platform, people: People, unique: Callable[[str], str]
) -> None:
    """The issue's "done when": on the drafting step, the region's earlier recommendations with
    their outcomes; another region's published one apart; the unpublished one never."""
    far_region, stranger = unique("far"), unique("far-csp")
    platform.registry.create_region(far_region, unique("Farshire"))
    platform.register_tenant(stranger, "Fartown", far_region)
    plant_risk(platform, people, stranger)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        ours = record(ledger, DemoCase("OUR-RSK", "Anne", date(2019, 1, 3), Stage.UNDER_REVIEW))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{ours}/recommendation"
    question = visitor.get(url).data
    assert b"Check for earlier recommendations like this" in question
    draft = {
        "csrf_token": csrf(question),
        "text": "Call handlers to ask the DASH risk checklist questions at first contact",
        "themes": ["identification-of-risk"],
        "target_sector": "police",
        "preview": "yes",
    }
    sent = visitor.post(url, data=draft)  # on to the question page, asked for with a GET
    assert sent.status_code == 303 and sent.headers["Location"] == f"{url}?preview=yes#preview"
    page = visitor.get(sent.headers["Location"])
    assert page.status_code == 200
    text = page.data.decode()
    assert "Earlier recommendations like this" in text
    region = text.split('id="similar-region"')[1].split('id="similar-national"')[0]
    assert RISK in region and "Southtown, 2016" in region
    assert "Identification of risk" in region and "Police" in region
    assert "1 of 1 action completed, 1 impact reviewed, 1 embedded" in region
    national = text.split('id="similar-national"')[1]
    assert "Fartown, 2016" in national
    assert "unpublished" not in text.split('id="similar-heading"')[1]
    assert "DASH risk checklist questions at first contact</textarea>" in text  # kept as typed
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.recommendations.of_review(ours) == []  # nothing recorded
    empty = visitor.post(url, data={**draft, "text": "", "themes": []}, follow_redirects=True)
    assert "Give the draft recommendation" in empty.data.decode()
    answers = {k: v for k, v in draft.items() if k != "preview"}
    more = {"reference": "4", "scope": "multi_agency", "on": ["2", "5", "2019"]}
    saved = visitor.post(url, data={**answers, **more})
    assert saved.status_code == 302  # saved from beside the panel: its draft taken away
    assert "DASH risk checklist" not in visitor.get(url).data.decode()
    forged = visitor.post(url, data={**draft, "csrf_token": "forged"}).data.decode()
    forged_main = forged.split("<main", 1)[1].split("</main>", 1)[0]
    assert "This form expired" in forged_main  # the draft back to send again, no preview
    assert "Earlier recommendations like this" not in forged_main
    assert "DASH risk checklist questions at first contact</textarea>" in forged_main


def test_the_dashboard_and_the_board_paper_list_repeats_with_their_action_outcomes(
    visitor: FlaskClient, platform: Platform, people: People, tmp_path: Path
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["regional"])
    board = visitor.get(f"/regions/{people.region}/dashboard")
    assert board.status_code == 200
    part = board.data.decode().split('id="repeated"')[1]
    row = part.split('id="repeats-table"')[1].split("</tr>")[1]
    assert "Coercive control" in row and "to Police" in row
    assert "Northtown, Southtown" in row and "2016 to 2018" in row
    assert "1 of 2" in row  # actions completed of all the group's actions
    assert 'govuk-tag--red">Yes' in row  # made again after an action was completed
    assert "1 group of similar recommendations made again within 3 years" in part
    assert f'href="/regions/{people.region}/repeated-recommendations"' in part
    html = visitor.get(f"/regions/{people.region}/papers/regional.html").data.decode()
    assert "Repeated recommendations" in html and "Table 6" in html
    assert "This group holds a recommendation made again within 3 years" in html
    # the group's lists print across the table under its counts (PaperTable.beneath)
    assert "<strong>Partnerships:</strong> Northtown; Southtown" in html
    pdf = visitor.get(f"/regions/{people.region}/papers/regional.pdf")
    assert pdf.mimetype == "application/pdf"
    (tmp_path / "paper.pdf").write_bytes(pdf.data)
    subprocess.run(["pdftotext", "-layout", "paper.pdf", "paper.txt"], cwd=tmp_path, check=True)
    text = (tmp_path / "paper.txt").read_text()
    assert "Table 6: recommendations made again by other reviews" in text
    table = text.split("Table 6")[1]
    assert "Northtown;" in table and "Southtown" in table and "Coercive" in table


def test_the_regional_lead_lists_the_regions_agreements_and_revokes_one(
    visitor: FlaskClient, web_app: Flask, platform: Platform, people: People
) -> None:
    from tenants.learning.agreements import ResearchAgreements
    from tenants.users.onboarding import add_user

    researcher = f"researcher-{people.tenant}"
    add_user(platform, researcher, "researcher", (), (), display_name="Ellen Brooks")
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        review = record(ledger, DemoCase("RES-1", "Anne", date(2015, 1, 3), Stage.PUBLISHED))
    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            agreement = store.record(
                people.region, "DSA-7", researcher, "Lessons of the region's DHRs",
                [(people.tenant, review)], date(2025, 1, 1), date.today() + timedelta(days=90),
            )  # fmt: skip
        finally:
            store.close()
    sign_in(visitor, people.names["regional"])
    listing = f"/regions/{people.region}/research-agreements"
    page = visitor.get(listing).data.decode()
    assert "DSA-7" in page and "In force" in page
    assert f"Ellen Brooks ({researcher})" in page  # named as people are, not by user name alone
    revoke = f"{listing}/{agreement.id}/revoke"
    assert f"Ellen Brooks ({researcher})" in visitor.get(revoke).data.decode()
    assert f'href="{revoke}"' in page
    blank = post_form(visitor, revoke, {"reason": ""})
    assert (
        blank.status_code == 200
        and "Enter why the agreement is being revoked" in blank.data.decode()
    )
    done = post_form(visitor, revoke, {"reason": "The study was withdrawn"})
    assert done.status_code == 302
    after = visitor.get(done.headers["Location"]).data.decode()
    assert f"Agreement DSA-7 revoked: Ellen Brooks ({researcher})" in after and "Revoked" in after
    assert "The study was withdrawn" in after and f'href="{revoke}"' not in after
    again = post_form(visitor, revoke, {"reason": "twice"}).data.decode()
    assert "already revoked" in again
    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert officer.get(listing).status_code == 403


def test_the_regional_lead_records_an_agreement_ticking_the_reviews_it_covers(
    visitor: FlaskClient, web_app: Flask, platform: Platform, people: People
) -> None:
    import re

    from tenants.users.onboarding import add_user

    researcher = f"researcher-{people.tenant}-2"
    add_user(platform, researcher, "researcher", (), ())
    with acting_as("officer-1"):
        for tenant, reference in ((people.tenant, "RES-2"), (people.neighbour, "RES-3")):
            with platform.ledgers.lease(tenant) as ledger:
                record(ledger, DemoCase(reference, "Anne", date(2015, 1, 3), Stage.PUBLISHED))
    sign_in(visitor, people.names["regional"])
    new = f"/regions/{people.region}/research-agreements/new"
    form = visitor.get(new).data.decode()
    ticks = dict(
        (label.split(": ")[1], value)
        for value, label in re.findall(
            r'value="([^"|]+\|[0-9a-f-]+)"[^>]*>\s*<label[^>]*>\s*([^<]+?)\s*<', form
        )
    )
    assert {"RES-2", "RES-3"} <= set(ticks), "every partnership of the region offers its reviews"
    answers = {
        "reference": "DSA-9",
        "researcher": researcher,
        "purpose": "Lessons of the region's DHRs",
        "reviews": [ticks["RES-2"], ticks["RES-3"]],
        "signed_on": ["1", "1", "2026"],
        "expires_on": ["1", "1", "2025"],
    }
    backwards = post_form(visitor, new, answers).data.decode()
    said = "The date it expires must be after the date it was signed (1 January 2026)"
    assert f'<a href="#expires_on-day">{said}</a>' in backwards  # the summary links the expiry
    beside = re.search(
        r'<p id="(\w+)-error" class="govuk-error-message">(.*?)</p>', backwards, re.S
    )
    assert beside is not None and beside[1] == "expires_on" and said in beside[2]
    assert "signed_on-error" not in backwards
    nothing = post_form(visitor, new, answers | {"reviews": []})
    assert "Select at least one review" in nothing.data.decode()
    done = post_form(visitor, new, answers | {"expires_on": ["1", "1", "2099"]})
    assert done.status_code == 302, done.data.decode()[:3000]
    after = visitor.get(done.headers["Location"]).data.decode()
    assert "Agreement DSA-9 recorded" in after and "may download 2 reviews" in after
    from api.resources.research import agreements

    with web_app.app_context():
        found = [a for a in agreements().of_region(people.region) if a.reference == "DSA-9"]
    assert len(found) == 1 and len(found[0].covered) == 2  # the refused answers recorded nothing
    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert officer.get(new).status_code == 403


def test_a_researcher_downloads_the_extract_their_agreement_allows_until_it_is_revoked(
    visitor: FlaskClient, web_app: Flask, platform: Platform, people: People
) -> None:
    """Signing in lands on their own agreements; each download is the API's extract, recorded
    on the agreement; another researcher's agreement is neither listed nor downloadable."""
    import json

    from tenants.learning.agreements import ResearchAgreements
    from tenants.users.onboarding import add_user

    mine, theirs = f"researcher-{people.tenant}-3", f"researcher-{people.tenant}-4"
    for name in (mine, theirs):
        add_user(platform, name, "researcher", (), ())
    give_password(platform, mine)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        review = record(ledger, DemoCase("RES-5", "Anne", date(2015, 1, 3), Stage.PUBLISHED))
    until = date.today() + timedelta(days=90)
    store = ResearchAgreements.open(platform)
    try:
        with acting_as("regional"):
            granted, other = (
                store.record(
                    people.region,
                    reference,
                    name,
                    "Lessons of the region's DHRs",
                    [(people.tenant, review)],
                    date(2025, 1, 1),
                    until,
                )  # fmt: skip
                for reference, name in (("DSA 11/A", mine), ("DSA-12", theirs))
            )
    finally:
        store.close()

    landed = post_form(visitor, "/", {"username": mine, "password": PASSWORD})
    assert landed.headers["Location"].endswith("/research")
    page = page_text(visitor.get("/research").data)
    assert "DSA 11/A" in page and people.region_name in page and "DSA-12" not in page
    link = f'href="/research/agreements/{granted.id}/extract.json"'
    # a plain link: Chromium cancels a download-attribute link whose answer is a page, so an
    # old tab clicked after a revocation would show nothing rather than why
    assert f"{link}>" in visitor.get("/research").data.decode()
    got = visitor.get(f"/research/agreements/{granted.id}/extract.json")
    assert got.status_code == 200 and got.mimetype == "application/json"
    assert 'filename="DSA-11-A-extract.json"' in got.headers["Content-Disposition"]
    extract = json.loads(got.data)
    assert [r["number"] for r in extract["reviews"]] == [1] and "Anne" not in got.data.decode()
    assert "Downloaded 1 time" in page_text(visitor.get("/research").data)
    assert visitor.get(f"/research/agreements/{other.id}/extract.json").status_code == 404

    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            store.revoke(granted.id, "The study was withdrawn", date.today())
            assert len(store.get(granted.id).downloads) == 1
        finally:
            store.close()
    after = page_text(visitor.get("/research").data)
    assert "Revoked" in after and "The study was withdrawn" in after and "Download" not in after
    refused = visitor.get(f"/research/agreements/{granted.id}/extract.json")
    said = page_text(refused.data)
    assert refused.status_code == 410 and "Page not found" not in said
    assert f"Agreement DSA 11/A was revoked on {date.today():%-d %B %Y}" in said
    assert "The study was withdrawn" in said and f"Ask the {people.region_name} regional" in said
    assert visitor.get(f"/research/agreements/{other.id}/extract.json").status_code == 404


def test_a_researcher_following_an_old_link_to_an_expired_agreement_is_told_it_expired(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """The download link leaves their page when the agreement expires, but a bookmark or an old
    tab still leads there: the page says it expired and whom to ask, and records no download."""
    from tenants.learning.agreements import ResearchAgreements
    from tenants.users.onboarding import add_user

    name = f"researcher-{people.tenant}-5"
    add_user(platform, name, "researcher", (), ())
    give_password(platform, name)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        review = record(ledger, DemoCase("RES-6", "Anne", date(2015, 1, 3), Stage.PUBLISHED))
    store = ResearchAgreements.open(platform)
    try:
        with acting_as("regional"):
            ended = store.record(
                people.region, "DSA-13", name, "A finished study",
                [(people.tenant, review)], date(2024, 1, 1), date(2024, 12, 31),
            )  # fmt: skip
    finally:
        store.close()

    post_form(visitor, "/", {"username": name, "password": PASSWORD})
    assert "Expired" in page_text(visitor.get("/research").data)
    refused = visitor.get(f"/research/agreements/{ended.id}/extract.json")
    said = page_text(refused.data)
    assert refused.status_code == 410
    assert "Agreement DSA-13 expired on 31 December 2024" in said
    assert f"Ask the {people.region_name} regional lead" in said
    store = ResearchAgreements.open(platform)
    try:
        assert not store.get(ended.id).downloads
    finally:
        store.close()


def test_what_became_of_an_earlier_recommendation_is_named_for_people(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/earlier-recommendations"
    answer = visitor.get(url, query_string={"text": TEXT, "theme": "coercive-control"})
    shown = page_text(answer.data)
    assert "to Police Embedded 1 of 1 action completed" in shown  # Southtown's, published
    assert "to Police Actions open 0 of 1 action completed" in shown  # Northtown's, under review
    assert " Open " not in shown


def test_a_researchers_own_page_says_which_reviews_each_agreement_covers_as_the_extract_does(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """The page gave only a count. Each review now reads as its extract heads it (kind, year
    notified, kind of death, numbered in the extract's order), and never by anything the
    extract keeps back: its reference, pseudonym or partnership."""
    from tenants.learning.agreements import ResearchAgreements
    from tenants.users.onboarding import add_user

    mine = f"researcher-{people.tenant}-6"
    add_user(platform, mine, "researcher", (), ())
    give_password(platform, mine)
    covered = []
    with acting_as("officer-1"):
        for tenant, case in (
            (people.tenant, DemoCase("RES-61", "Zelda", date(2015, 1, 3), Stage.PUBLISHED)),
            (
                people.neighbour,
                DemoCase(
                    "RES-62", "Quentin", date(2017, 3, 3), Stage.PUBLISHED,
                    category="familial_homicide", kind="dardr",
                ),
            ),
        ):  # fmt: skip
            with platform.ledgers.lease(tenant) as ledger:
                covered.append((tenant, record(ledger, case)))
    store = ResearchAgreements.open(platform)
    try:
        with acting_as("regional"):
            store.record(
                people.region, "DSA-61", mine, "Lessons", covered,
                date(2025, 1, 1), date.today() + timedelta(days=30),
            )  # fmt: skip
    finally:
        store.close()

    sign_in(visitor, mine)
    page = visitor.get("/research").data
    shown = page_text(page)

    assert "2 reviews, numbered as in the extract" in shown
    assert b'<details class="govuk-details' in page  # folded, so the table stays readable
    assert (
        "Domestic Homicide Review notified in 2015 (intimate partner homicide) "
        "Domestic Abuse Related Death Review notified in 2017 (familial homicide)"
    ) in shown
    names = {platform.registry.tenant(t).name for t, _ in covered}
    for kept_back in ("RES-61", "RES-62", "Zelda", "Quentin", *names):
        assert kept_back not in shown

    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            store.revoke(store.of_researcher(mine)[0].id, "Study withdrawn", date.today())
        finally:
            store.close()
    ended = page_text(visitor.get("/research").data)
    assert "2 reviews" in ended and "notified in" not in ended  # an ended agreement: a count
