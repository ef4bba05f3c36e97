"""The words an officer, a lead and an auditor read where a tester found codes, keys or slips
of punctuation: typed text ended once, refusals in words, step pages that say a step is done,
and an auditor's history without codes or bookkeeping."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in, sign_in_with_code
from tests.web.test_corrections_pages import submit

MARAC = "Police and housing should share DASH scores at MARAC."


def a_recommendation(platform: Platform, people: People, reference: str) -> tuple[UUID, UUID]:
    """A case with recommendation 1, its text a full sentence of its own."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            MARAC,
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Midshire Police",
        )
    return review, rec


def test_typed_text_that_ends_a_sentence_is_not_given_a_second_full_stop(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = a_recommendation(platform, people, "WORDS-STOP")
    sign_in(visitor, people.names["lead"])
    form = f"/partnerships/{people.tenant}/corrections/{review}/recommendations/{rec}/text"
    asked = page_text(visitor.get(form).data)
    done = submit(
        visitor,
        form,
        {
            "value": "Police, health and housing should share DASH scores at MARAC.",
            "reason": "Health omitted.",
        },
    )
    assert done.status_code == 302, done.data.decode()[:2000]
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)

    assert f"Recorded now: {MARAC} Reports" in asked, asked
    assert (
        "Was Police and housing should share DASH scores at MARAC; corrected to Police, health "
        "and housing should share DASH scores at MARAC. Health omitted." in case
    ), case
    for page in (asked, case):
        assert ".." not in page


def a_case(platform: Platform, people: People, reference: str) -> UUID:
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        return ledger.reviews.notify(
            reference,
            date(2024, 1, 1),
            date(2024, 1, 3),
            "FN",
            "dhr",
            "familial_homicide",
            victim_age_band="35-44",
            victim_sex="female",
        )


def test_a_step_page_opened_after_its_step_was_taken_says_so_instead_of_asking(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people, "WORDS-ONCE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        before = ledger.reviews.get(review).version
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    opened = visitor.get(f"{case}/decision").data.decode()
    sent = visitor.post(
        f"{case}/decision", data={"outcome": "not_hold", "on": ["21", "1", "2024"]}
    ).data.decode()

    for html in (opened, sent):
        said = page_text(html.encode())
        assert "The decision was already recorded on 20 January 2024." in said, said
        assert f'href="{case}"' in html and "Return to Case WORDS-ONCE" in said
        assert 'name="outcome"' not in html and "There is a problem" not in said
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).version == before


def test_a_refusal_names_the_case_s_stages_in_words(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people, "WORDS-STAGE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
    sign_in(visitor, people.names["officer"])
    refused = submit(
        visitor,
        f"/partnerships/{people.tenant}/cases/{review}/approval",
        {"on": ["1", "3", "2024"]},
    )
    said = page_text(refused.data)
    assert (
        "Cannot approve case WORDS-STAGE while it is under review; that needs the case to be "
        "submitted to the Home Office." in said
    ), said
    assert "under_review" not in said


def test_a_refusal_names_an_agency_as_the_region_s_directory_does(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("wm-police", "West Midlands Police", "police", date(2015, 4, 1))
    review = a_case(platform, people, "WORDS-IMR")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        ledger.imrs.request(review, "wm-police", date(2024, 2, 1), date(2024, 3, 1))
        ledger.imrs.receive(review, "wm-police", date(2024, 2, 20))
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    again = submit(
        visitor,
        f"{case}/imr-request",
        {"agency": "wm-police", "on": ["1", "3", "2024"], "due_on": ["1", "4", "2024"]},
    )
    chronology = f"/partnerships/{people.tenant}/cases/{review}/chronology/entries"
    entry = {"agency": "wm-police", "what_happened": "Call logged.", "source": "Log"}
    page = visitor.get(chronology).data
    visitor.post(  # the same entry twice: the second is refused, naming who sent it
        chronology,
        data={"csrf_token": csrf(page), **entry, "occurred_on": ["1", "1", "2023"]},
    )
    twice = visitor.post(
        chronology,
        data={"csrf_token": csrf(page), **entry, "occurred_on": ["1", "1", "2023"]},
    )

    said = page_text(again.data)
    assert "An IMR from West Midlands Police is already requested for case WORDS-IMR." in said
    assert "West Midlands Police already submitted this entry" in page_text(twice.data)
    for page in (again.data, twice.data):
        assert "wm-police" not in page_text(page)


def test_an_auditors_case_history_reads_without_codes_or_bookkeeping(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        sector = ledger.themes.all(ThemeKind.ADDRESSEE)[0]
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "WORDS-AUDIT",
            date(2024, 1, 1),
            date(2024, 1, 3),
            "FN",
            "dhr",
            "familial_homicide",
            victim_age_band="35-44",
        )
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        ledger.imrs.request(review, "Midshire Police", date(2024, 2, 1), date(2024, 3, 1))
        ledger.imrs.chase(review, "Midshire Police", date(2024, 3, 5))
        ledger.costs.estimate(review, "chair", 850_000, date(2024, 2, 1), "")
        ledger.findings.record(review, "Risk not shared.", [theme], date(2024, 6, 1))
        rec = ledger.recommendations.make(
            review,
            "1",
            "Share risk.",
            Scope.SINGLE_AGENCY,
            date(2024, 11, 1),
            [theme],
            target_sector=sector.code,
        )
        first = ledger.actions.plan(rec, "Housing", "Rehouse the family first.", date(2025, 1, 31))
        ledger.actions.plan(rec, "Housing", "Train every housing officer.", date(2025, 6, 30))
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    audit = f"/audit/partnerships/{people.tenant}"
    case = page_text(visitor.get(f"{audit}/cases/{review}").data)
    action = page_text(visitor.get(f"{audit}/actions/{first}").data)

    assert f"Service sector it is addressed to {sector.label}" in case, case
    assert "IMR chased by" in case and "Imr chased" not in case
    assert "Victim's age band 35 to 44" in case and "35-44" not in case
    assert "Costs record opened" not in case and "Findings record opened" not in case
    assert "1: Housing: Rehouse the family first. Due 31 January 2025" in case
    assert "1: Housing: Train every housing officer. Due 30 June 2025" in case
    assert "Its recommendation was made on 1 November 2024" in action
    assert "Not before" not in action


def test_a_lead_corrects_a_fact_of_the_case_from_its_page_and_reads_what_uses_it(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people, "WORDS-FACT")
    case = f"/partnerships/{people.tenant}/cases/{review}"
    facts = f"/partnerships/{people.tenant}/corrections/{review}"
    sign_in(visitor, people.names["officer"])
    officers = page_text(visitor.get(case).data)
    lead = web_app.test_client()
    sign_in(lead, people.names["lead"])
    page = lead.get(case).data.decode()
    corrections = page_text(lead.get(f"/partnerships/{people.tenant}/corrections").data)
    incident = page_text(lead.get(f"{facts}/incident_on").data)
    age_page = lead.get(f"{facts}/victim_age_band").data
    age = page_text(age_page)
    sex = page_text(lead.get(f"{facts}/victim_sex").data)

    assert "Correct a fact of the case" not in officers
    assert f'href="{facts}">Correct a fact of the case' in page
    assert (
        "a date, the pseudonym, the kind of review or how the person died, their age band or "
        "sex, the perpetrator’s relationship to them, a recommendation, an action or a cost"
        in corrections
    ), corrections
    assert "Correct the date of the death" in incident
    assert "Timeliness, the regional views and reports will use the corrected date" in incident
    assert "Correct the victim's age band" in age
    assert "Recorded now: <strong>35 to 44</strong>." in age_page.decode()
    assert "The case's page and the national learning export will use the corrected value" in age
    assert "Timeliness" not in age and "Timeliness" not in sex
