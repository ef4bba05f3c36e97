"""The pages of issue 14 on both stores: a lead corrects a fact with its reason; a regional
lead reads figures on a business date and as recorded; an auditor downloads the bundle."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from uuid import UUID

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.recording import acting_as
from tenants.platform import Platform
from tests.api.test_corrections import catch_up_views
from tests.web.conftest import (
    People,
    csrf,
    page_text,
    sign_in,
    sign_in_with_code,
    sign_out,
)

VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


def submit(visitor: FlaskClient, url: str, data: dict[str, object]) -> TestResponse:
    """GET the form, then POST it with its CSRF token and the version it showed, as a visitor does."""
    page = visitor.get(url).data
    found = VERSION.search(page.decode())
    assert found, "the form has no version"
    return visitor.post(url, data={"csrf_token": csrf(page), "version": found.group(1), **data})


def a_case(platform: Platform, tenant: str) -> str:
    with platform.ledgers.lease(tenant) as ledger:
        review = ledger.reviews.notify(
            "WEB-1",
            date(2025, 1, 10),
            date(2025, 2, 12),
            "Corr",
            "dhr",
            "intimate_partner_homicide",
        )
        ledger.reviews.decide(review, date(2025, 2, 20), "hold", "criteria met")
    return str(review)


def test_a_lead_corrects_a_date_with_a_reason_and_sees_it_beside_the_original(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people.tenant)
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections"
    assert "WEB-1" in visitor.get(base).data.decode()
    facts = visitor.get(f"{base}/{review}").data.decode()
    assert "10 January 2025" in facts and f"{base}/{review}/incident_on" in facts
    form = f"{base}/{review}/incident_on"

    empty = submit(visitor, form, {"value": ["1", "2", "2025"], "reason": ""})
    late = submit(visitor, form, {"value": ["21", "2", "2025"], "reason": "typo"})
    done = submit(
        visitor, form, {"value": ["1", "2", "2025"], "reason": "typed the first police call"}
    )

    assert "Say why the recorded date was wrong" in empty.data.decode()
    assert (
        "before the incident" in late.data.decode() and "There is a problem" in late.data.decode()
    )
    assert done.status_code == 302
    page = visitor.get(done.headers["Location"]).data.decode()
    assert "Correction recorded" in page and "typed the first police call" in page
    assert "10 January 2025" in page and "1 February 2025" in page  # was and now
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.timeliness(UUID(review), date(2025, 3, 1)).days_to_decision == 19


def test_a_stale_correction_form_is_refused_and_an_officer_cannot_correct(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people.tenant)
    sign_in(visitor, people.names["lead"])
    form = f"/partnerships/{people.tenant}/corrections/{review}/pseudonym"
    token_page = visitor.get(form).data.decode()
    assert 'value="Corr"' in token_page
    with platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.hold_panel_meeting(UUID(review), date(2025, 3, 1))
    shown = VERSION.search(token_page)
    assert shown is not None
    stale = visitor.post(
        form,
        data={
            "csrf_token": csrf(token_page.encode()),
            "version": shown.group(1),
            "value": "FN",
            "reason": "not the agreed pseudonym",
        },
    )
    assert (
        "This record changed after you opened this page (perhaps in another tab)"
        in stale.data.decode()
    )
    sign_out(visitor)
    sign_in(visitor, people.names["officer"])
    assert visitor.get(form).status_code == 403


def test_a_corrected_pseudonym_shaped_like_a_real_name_is_kept_once_confirmed(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """As on opening a case: refused beside the box with the box to tick, then recorded."""
    review = a_case(platform, people.tenant)
    sign_in(visitor, people.names["lead"])
    form = f"/partnerships/{people.tenant}/corrections/{review}/pseudonym"

    def send(**more: str) -> str:
        page = visitor.get(form).data.decode()
        shown = VERSION.search(page)
        assert shown is not None
        answers = {"value": "Baby Jane", "reason": "the family's name for her", **more}
        data = {"csrf_token": csrf(page.encode()), "version": shown.group(1), **answers}
        return str(visitor.post(form, data=data).data.decode())

    refused = send()
    assert "looks like a real full name" in refused and 'name="pseudonym_confirmed"' in refused
    assert "record the correction again" in refused
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(UUID(review)).pseudonym == "Corr"
    send(pseudonym_confirmed="y")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(UUID(review)).pseudonym == "Baby Jane"


def test_a_regional_lead_reads_figures_on_a_day_and_as_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    a_case(platform, people.tenant)
    catch_up_views(visitor.application, platform, people.tenant, people.neighbour)
    sign_in(visitor, people.names["regional"])
    url = f"/regions/{people.region}/figures"

    now = visitor.get(url).data.decode()
    before = visitor.get(f"{url}?on=1&on=2&on=2025&recorded=&recorded=&recorded=").data.decode()
    recorded = visitor.get(f"{url}?on=&on=&on=&recorded=1&recorded=1&recorded=2020").data.decode()
    bad = visitor.get(f"{url}?on=31&on=2&on=2025&recorded=&recorded=&recorded=").data.decode()

    assert "Figures on a date" in now and "Northtown" in now
    assert "On 1 February 2025" in before
    assert "as recorded at the end of 1 January 2020" in recorded
    assert "must be a real date" in bad
    northtown = now.split("Northtown", 1)[1]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in northtown


def test_an_auditor_downloads_the_bundle_and_it_is_logged(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    a_case(platform, people.tenant)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    index = visitor.get("/audit-bundles").data.decode()
    assert "Northtown" in index and "Southtown" not in index
    page = f"/partnerships/{people.tenant}/audit-bundle"

    assert f'action="{page}/download"' in visitor.get(page).data.decode()
    zipped = visitor.post(f"{page}/download", data={"csrf_token": csrf(visitor.get(page).data)})

    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.data)) as z:
        assert {"manifest.json", "events.jsonl", "seals.json", "verify.py"} <= set(z.namelist())
    assert len(platform.audit.exports(people.tenant)) == 1
    shown = visitor.get(page).data.decode()
    assert "Bundles already taken" in shown
    assert "This file is OFFICIAL-SENSITIVE" in shown and "govuk-warning-text" in shown
    assert visitor.get(f"/partnerships/{people.neighbour}/audit-bundle").status_code == 404


def test_a_correction_reads_in_words_and_names_who_made_it_as_every_history_does(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The field by its heading, "Previous value" and "Corrected to" (never "Previous due
    date"), and the lead by display name on the lead's page and the auditor's alike."""
    review = UUID(a_case(platform, people.tenant))
    lead = platform.access.rename_user(people.names["lead"], "Alex Morgan")
    with acting_as(str(lead.id)), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.correct(review, "pseudonym", "Bea", "not the agreed pseudonym")
        ledger.reviews.correct(review, "incident_on", "2025-01-09", "typed the day after")
        ledger.reviews.correct(review, "kind", "joint_with_sar", "it is a joint review")
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    history = page_text(visitor.get(f"/audit/partnerships/{people.tenant}/cases/{review}").data)
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    facts = page_text(visitor.get(f"/partnerships/{people.tenant}/corrections/{review}").data)

    assert (
        "Fact of the case corrected by Alex Morgan" in history
        and "Field Pseudonym Previous value Corr Corrected to Bea Reason not the agreed pseudonym"
        in history
        and "Field Date of the death Previous value 10 January 2025 Corrected to 9 January 2025"
        in history
        and "Field Kind of review Previous value Domestic Homicide Review Corrected to "
        "Joint review with a Safeguarding Adults Review"
        in history
    ), history
    assert "Previous due date" not in history and "incident_on" not in history
    made = facts.split("Corrections made", 1)[1]
    assert "Alex Morgan" in made and people.names["lead"] not in made
    assert "Pseudonym Corr Bea not the agreed pseudonym" in made


def test_a_fact_changed_from_the_case_page_goes_back_to_it_with_a_banner_and_its_history(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_case(platform, people.tenant)
    with platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.commission(UUID(review), date(2025, 3, 1), "CH-1", "AU-1", 850_000)
    sign_in(visitor, people.names["lead"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    page = visitor.get(case).data.decode()
    for change, value in (("pseudonym", "Rose"), ("commission.1.cost_pence", "9,000")):
        found = re.search(rf'href="([^"]+/{re.escape(change)}\?from=case)"', page)
        assert found, f"no Change link for {change}"
        form = found[1].replace("&amp;", "&")
        opened = visitor.get(form).data.decode()
        assert f'href="{case}"' in opened and "Back to the case" in opened  # its back link
        refused = submit(visitor, form, {"value": value, "reason": ""})
        assert refused.status_code == 200  # no reason: refused, and it stays on the form
        done = submit(visitor, form, {"value": value, "reason": "typed from the wrong file"})
        assert done.status_code == 302 and done.headers["Location"].startswith(case + "?")
    said = page_text(visitor.get(done.headers["Location"]).data)
    assert "Correction recorded: Commissioning 1: agreed cost." in said
    assert "Was £8,500.00; corrected to £9,000.00. typed from the wrong file." in said
    assert "Pseudonym corrected by" in said
    assert "Was Corr; corrected to Rose. typed from the wrong file." in said
    facts = visitor.get(f"/partnerships/{people.tenant}/corrections/{review}/pseudonym").data
    assert "Facts of the case" in facts.decode()  # opened from the facts page: back there
