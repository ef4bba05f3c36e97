"""A lead corrects a case's recommendation, action or cost figure from the browser, one fact a
form, on both stores: the corrected value and the correction (with the value it replaced) on
the case's corrections page; a refusal beside the box; a form opened before the record changed
refused; an officer refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import unescape as html_unescape
from uuid import UUID

from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in, sign_in_with_code, sign_out
from tests.web.test_corrections_pages import VERSION, submit


def a_plan(platform: Platform, people: People, reference: str) -> tuple[UUID, UUID, UUID]:
    """A case with one recommendation (made 1 May 2024, for the police) and one action."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("midshire-police", "Midshire Police", "police", date(2015, 4, 1))
        region.partners.add("midshire-housing", "Midshire Homes", "housing", date(2015, 4, 1))
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "Do better.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Midshire Police",
        )
        action = ledger.actions.plan(rec, "midshire-police", "Train.", date(2024, 9, 1))
    return review, rec, action


def corrections_page(visitor: FlaskClient, people: People, review: UUID) -> str:
    return page_text(visitor.get(f"/partnerships/{people.tenant}/corrections/{review}").data)


def beside_the_box(page: str, words: str) -> bool:
    """The refusal in the error summary and in the box's own error message."""
    own = re.search(r'<p id="value[-\w]*error" class="govuk-error-message">(.*?)</p>', page, re.S)
    return "There is a problem" in page and own is not None and words in own.group(1)


def stale(
    visitor: FlaskClient, url: str, data: dict[str, object], change: Callable[[], None]
) -> str:
    """The form opened, the record changed by someone else (``change()``), then sent."""
    page = visitor.get(url).data
    shown = VERSION.search(page.decode())
    assert shown is not None
    change()
    sent = {"csrf_token": csrf(page), "version": shown.group(1), **data}
    return visitor.post(url, data=sent).data.decode()


def test_a_lead_corrects_a_recommendation_and_sees_it_beside_the_value_it_replaced(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec, _ = a_plan(platform, people, "PC-REC")
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Recommendations and actions" in listing and "Recommendation 1" in listing
    assert "1 May 2024" in listing and "Midshire Police" in listing
    base = f"/partnerships/{people.tenant}/corrections/{review}/recommendations/{rec}"

    late = submit(visitor, f"{base}/made_on", {"value": ["1", "5", "2099"], "reason": "typo"})
    nobody = submit(visitor, f"{base}/target_organisation", {"value": "", "reason": "wrong"})
    done = submit(
        visitor, f"{base}/made_on", {"value": ["24", "4", "2024"], "reason": "the panel's date"}
    )

    assert late.status_code == 200 and "There is a problem" in late.data.decode()
    assert beside_the_box(nobody.data.decode(), "Say who the recommendation targets")
    assert done.status_code == 302, done.data.decode()[:2000]
    page = page_text(visitor.get(done.headers["Location"]).data)
    assert "Correction recorded: Recommendation 1: date the recommendation was made." in page
    made = page.split("Corrections made", 1)[1]
    assert (
        "Recommendation 1: date the recommendation was made 1 May 2024 24 April 2024 "
        "the panel's date" in made
    ), made
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.recommendations.get(rec).made_on == date(2024, 4, 24)


def test_a_lead_corrects_an_actions_owner_from_the_directory_and_its_due_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, action = a_plan(platform, people, "PC-ACT")
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}/actions/{action}"
    form = visitor.get(f"{base}/owner").data.decode()
    assert '<option value="midshire-housing">Midshire Homes</option>' in form
    assert "Recorded now: <strong>Midshire Police</strong>" in form

    owner = submit(visitor, f"{base}/owner", {"value": "midshire-housing", "reason": "mis-keyed"})
    early = submit(visitor, f"{base}/due_on", {"value": ["1", "4", "2024"], "reason": "typo"})

    assert owner.status_code == 302, owner.data.decode()[:2000]
    assert beside_the_box(early.data.decode(), "its recommendation was only made on 1 May 2024")
    made = corrections_page(visitor, people, review).split("Corrections made", 1)[1]
    assert "Recommendation 1, action 1: owner agency Midshire Police Midshire Homes mis-keyed" in (
        made
    ), made
    assert visitor.get(f"{base}/completed_on").status_code == 404  # nothing completed yet
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).owner == "midshire-housing"
        assert ledger.actions.get(action).due_on == date(2024, 9, 1)  # the refused one: unchanged


def test_an_owner_recorded_by_name_opens_on_its_body_and_the_same_body_is_no_correction(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec, _ = a_plan(platform, people, "PC-NAMED")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        named = ledger.actions.plan(rec, "Midshire Police", "Brief every shift.", date(2024, 9, 1))
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/actions/{named}/owner"
    form = visitor.get(url).data.decode()
    assert '<option value="midshire-police" selected>Midshire Police</option>' in form

    same = submit(visitor, url, {"value": "midshire-police", "reason": "use the key"})

    assert beside_the_box(same.data.decode(), "already Midshire Police; there is nothing")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(named).owner == "Midshire Police"


def test_a_lead_corrects_a_cost_in_pounds_and_the_history_keeps_the_wrong_figure(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, _ = a_plan(platform, people, "PC-COST")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.estimate(review, "chair", 8_500_000, date(2024, 3, 1))
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Estimate: Independent chair £85,000.00" in listing
    url = f"/partnerships/{people.tenant}/corrections/{review}/costs/estimate.chair"
    assert 'value="85,000.00"' in visitor.get(url).data.decode()

    same = submit(visitor, url, {"value": "85,000", "reason": "An extra nought"})
    done = submit(visitor, url, {"value": "£8,500", "reason": "An extra nought"})

    assert beside_the_box(same.data.decode(), "nothing to correct")
    assert done.status_code == 302, done.data.decode()[:2000]
    page = page_text(visitor.get(done.headers["Location"]).data)
    assert "Correction recorded: Estimate: Independent chair." in page
    assert "Estimate: Independent chair £85,000.00 £8,500.00 An extra nought" in page
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "Was £85,000.00; corrected to £8,500.00. An extra nought." in case
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.of_review(review).total_estimate == 850_000


def test_a_cost_corrected_to_far_above_what_a_review_costs_needs_confirming(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A correction's right amount is held to what a first entry is: £2,500,000 for one
    review's chair is refused beside the box, nothing recorded, until "Yes, this figure is
    right" is ticked."""
    review, _, _ = a_plan(platform, people, "PC-COST-BIG")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.estimate(review, "chair", 850_000, date(2024, 3, 1))
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/costs/estimate.chair"
    assert 'name="amount_confirmed"' not in visitor.get(url).data.decode()
    typed: dict[str, object] = {
        "value": "2,500,000",
        "reason": "The chair's fee was agreed at last",
    }

    refused = submit(visitor, url, typed).data.decode()

    assert beside_the_box(refused, "£2,500,000.00 is far more than one review usually costs")
    assert 'tick "Yes, this figure is right" and record the correction again' in page_text(
        refused.encode()
    )
    assert 'name="amount_confirmed"' in refused and 'value="2,500,000"' in refused
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.of_review(review).total_estimate == 850_000  # nothing recorded
    done = submit(visitor, url, typed | {"amount_confirmed": "y"})
    assert done.status_code == 302, done.data.decode()[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.of_review(review).total_estimate == 250_000_000


def test_a_correction_on_a_record_changed_since_the_form_opened_is_refused(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec, action = a_plan(platform, people, "PC-STALE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.record(review, "author", 400_000, date(2024, 3, 1), "Invoice 1")
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}"
    reason: dict[str, object] = {"reason": "mis-keyed"}

    def progress() -> None:
        with platform.ledgers.lease(people.tenant) as ledger:
            ledger.actions.record_progress(action, date(2024, 6, 1), "Half the staff trained.")

    def route() -> None:
        with platform.ledgers.lease(people.tenant) as ledger:
            ledger.recommendations.correct(rec, "text", "Do much better.", "typo")

    def invoice() -> None:
        with platform.ledgers.lease(people.tenant) as ledger:
            ledger.costs.record(review, "author", 100_000, date(2024, 4, 1), "Invoice 2")

    pages = [
        stale(visitor, f"{base}/actions/{action}/description", {"value": "Train all."} | reason,
              progress),
        stale(visitor, f"{base}/recommendations/{rec}/target_organisation",
              {"value": "Midshire Constabulary"} | reason, route),
        stale(visitor, f"{base}/costs/actual.author", {"value": "4,000"} | reason, invoice),
    ]  # fmt: skip

    for page in pages:
        assert beside_the_box(
            page, "This record changed after you opened this page (perhaps in another tab)"
        )
    assert "Recorded now: <strong>£5,000.00</strong>" in pages[2]  # as it stands now
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).description == "Train."
        assert ledger.recommendations.get(rec).target_organisation == "Midshire Police"
        assert ledger.costs.of_review(review).total_actual == 500_000
    again = submit(visitor, f"{base}/costs/actual.author", {"value": "4,000"} | reason)
    assert again.status_code == 302  # opened afresh, it is recorded


def test_an_officer_cannot_correct_a_recommendation_an_action_or_a_cost(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec, action = a_plan(platform, people, "PC-OFFICER")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.estimate(review, "chair", 8_500_000, date(2024, 3, 1))
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/corrections/{review}"
    for url in (
        f"{base}/recommendations/{rec}/text",
        f"{base}/actions/{action}/owner",
        f"{base}/costs/estimate.chair",
    ):
        assert visitor.get(url).status_code == 403, url
        assert visitor.post(url, data={"value": "x", "reason": "y"}).status_code == 403, url
    case = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert "/corrections/" not in case


def test_every_history_words_a_plan_correction_as_the_corrections_page_does(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The case's timeline names the recommendation, the action's its owner by the directory's
    name, and the auditor's reads "Field / Previous value / Corrected to", a sector by its
    label: never a field's code or a directory key."""
    review, rec, action = a_plan(platform, people, "PC-HISTORY")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        sector = ledger.themes.all(ThemeKind.ADDRESSEE)[0]
    lead = platform.access.rename_user(people.names["lead"], "Alex Morgan")
    with acting_as(str(lead.id)), platform.ledgers.lease(people.tenant) as ledger:
        ledger.recommendations.correct(rec, "made_on", "2024-04-24", "the panel's date")
        ledger.recommendations.correct(rec, "target_sector", sector.code, "for every force")
        ledger.actions.correct(action, "owner", "midshire-housing", "mis-keyed")
    sign_in(visitor, people.names["lead"])
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    own = page_text(visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data)
    sign_out(visitor)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    audit = f"/audit/partnerships/{people.tenant}"
    audited_case = page_text(visitor.get(f"{audit}/cases/{review}").data)
    audited_action = page_text(visitor.get(f"{audit}/actions/{action}").data)

    assert (
        "Recommendation 1: date the recommendation was made corrected" in case
        and "Was 1 May 2024; corrected to 24 April 2024. the panel's date." in case
        and f"Was Not recorded; corrected to {sector.label}." in case
    ), case
    assert (
        "Owner agency corrected" in own
        and "Was Midshire Police; corrected to Midshire Homes" in own
    )
    assert (
        "Recommendation corrected by Alex Morgan" in audited_case
        and "Field Date the recommendation was made Previous value 1 May 2024 Corrected to "
        "24 April 2024 Reason the panel's date"
        in audited_case
        and f"Field Service sector it is addressed to Previous value Not recorded Corrected to "
        f"{sector.label}"
        in audited_case
    ), audited_case
    assert (
        "Action corrected by Alex Morgan" in audited_action
        and "Field Owner agency Previous value Midshire Police Corrected to Midshire Homes"
        in audited_action
    ), audited_action
    for page in (case, own, audited_case, audited_action):
        assert "made_on" not in page and "midshire-housing" not in page


def test_a_lead_corrects_one_invoice_its_amount_and_date_and_its_total_follows(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, _ = a_plan(platform, people, "PC-INVOICE")  # incident 1 January 2024
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.record(review, "chair", 500_000, date(2024, 3, 1), "Chair invoice 1")
        ledger.costs.record(review, "chair", 200_000, date(2024, 4, 1), "Chair invoice 2")
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Cost incurred 2: amount £2,000.00 (Independent chair: Chair invoice 2)" in listing
    assert "Cost incurred 2: date incurred 1 April 2024" in listing
    base = f"/partnerships/{people.tenant}/corrections/{review}/costs"

    def another_invoice() -> None:
        with platform.ledgers.lease(people.tenant) as ledger:
            ledger.costs.record(review, "author", 100_000, date(2024, 4, 2), "Author invoice")

    late = stale(
        visitor,
        f"{base}/incurred.2.amount",
        {"value": "200", "reason": "an extra nought"},
        another_invoice,
    )
    early = submit(
        visitor, f"{base}/incurred.2.incurred_on", {"value": ["31", "12", "2023"], "reason": "x"}
    )
    huge = submit(visitor, f"{base}/incurred.2.amount", {"value": "2500000", "reason": "x"})
    assert beside_the_box(huge.data.decode(), "far more than one review usually costs")
    assert 'name="amount_confirmed"' in huge.data.decode()  # the box that confirms it
    amount = submit(visitor, f"{base}/incurred.2.amount", {"value": "200", "reason": "a nought"})
    dated = submit(
        visitor,
        f"{base}/incurred.2.incurred_on",
        {"value": ["15", "4", "2024"], "reason": "the invoice's own date"},
    )

    assert beside_the_box(late, "This record changed after you opened this page")
    assert beside_the_box(early.data.decode(), "before the incident the review is about")
    assert amount.status_code == 302 and dated.status_code == 302, dated.data.decode()[:2000]
    page = page_text(visitor.get(dated.headers["Location"]).data)
    assert "Correction recorded: Cost incurred 2: date incurred." in page
    assert "Incurred: Independent chair £5,200.00" in page  # the category's total followed
    assert "Cost incurred 2: amount £2,000.00 £200.00 a nought" in page
    assert (
        "Cost incurred 2: date incurred 1 April 2024 15 April 2024 the invoice's own date" in page
    )
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "Cost incurred 2: amount corrected by" in case
    assert "Was £2,000.00; corrected to £200.00. a nought." in case
    money = page_text(visitor.get(f"/partnerships/{people.tenant}/money").data)
    assert "PC-INVOICE" in money and "£6,200.00 incurred" in money  # not £8,000.00
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        entry = ledger.costs.of_review(review).incurred[1]
    assert (entry.amount, entry.incurred_on) == (20_000, date(2024, 4, 15))


def test_a_lead_corrects_a_commissionings_agreed_cost_and_the_money_page_follows(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, _ = a_plan(platform, people, "PC-COMMISSION")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold", "criteria met")
        ledger.reviews.commission(review, date(2024, 2, 1), "CH-1", "AU-1", 8_500_000)
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Commissioning 1: agreed cost £85,000.00 (commissioned 1 February 2024)" in listing
    url = f"/partnerships/{people.tenant}/corrections/{review}/parts/commission.1.cost_pence"
    form = visitor.get(url).data.decode()
    assert "Correct the agreed cost of commissioning 1" in form and 'value="85,000.00"' in form

    def officer_commissions() -> None:
        with platform.ledgers.lease(people.tenant) as ledger:
            ledger.reviews.commission(review, date(2024, 3, 1), "CH-2", "AU-2", 100_000)

    late = stale(visitor, url, {"value": "8,500", "reason": "a nought"}, officer_commissions)
    same = submit(visitor, url, {"value": "85,000", "reason": "a nought"})
    done = submit(visitor, url, {"value": "8,500", "reason": "an extra nought"})

    assert beside_the_box(late, "This record changed after you opened this page")
    assert beside_the_box(same.data.decode(), "nothing to correct")
    assert done.status_code == 302, done.data.decode()[:2000]
    page = page_text(visitor.get(done.headers["Location"]).data)
    assert "Correction recorded: Commissioning 1: agreed cost." in page
    assert "Commissioning 1: agreed cost £85,000.00 £8,500.00 an extra nought" in page
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "Commissioning 1: agreed cost corrected by" in case
    assert "Was £85,000.00; corrected to £8,500.00. an extra nought." in case
    money = page_text(visitor.get(f"/partnerships/{people.tenant}/money").data)
    assert "£9,500.00 agreed when chairs and authors were commissioned" in money
    assert visitor.get(url.replace("commission.1", "commission.3")).status_code == 404


def test_a_lead_corrects_a_panel_meeting_and_an_imrs_due_date_from_the_facts_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, _ = a_plan(platform, people, "PC-PANEL")  # incident 1 January 2024
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold", "criteria met")
        ledger.reviews.hold_panel_meeting(review, date(2024, 3, 4))
        ledger.imrs.request(review, "midshire-police", date(2024, 2, 1), date(2024, 3, 1))
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Panel meeting 1: date 4 March 2024" in listing
    assert "IMR 1: due date (Midshire Police) 1 March 2024" in listing
    assert "IMR 1: date received (Midshire Police) Not recorded" in listing
    assert "Correct IMR 1: due date" in listing and "iMR" not in listing  # read aloud as written
    base = f"/partnerships/{people.tenant}/corrections/{review}/parts"
    form = visitor.get(f"{base}/imr.1.due_on").data.decode()
    assert "Correct the due date of IMR 1" in form and "the IMR from Midshire Police" in form

    early = submit(
        visitor, f"{base}/panel_meeting.1.met_on", {"value": ["10", "1", "2024"], "reason": "x"}
    )
    panel = submit(
        visitor,
        f"{base}/panel_meeting.1.met_on",
        {"value": ["11", "3", "2024"], "reason": "the minutes' date"},
    )
    due = submit(
        visitor, f"{base}/imr.1.due_on", {"value": ["15", "3", "2024"], "reason": "the letter"}
    )

    assert beside_the_box(early.data.decode(), "before the decision to review")
    assert panel.status_code == 302 and due.status_code == 302, due.data.decode()[:2000]
    page = page_text(visitor.get(due.headers["Location"]).data)
    assert "Correction recorded: IMR 1: due date." in page
    assert "Panel meeting 1: date 4 March 2024 11 March 2024 the minutes' date" in page
    assert "IMR 1: due date 1 March 2024 15 March 2024 the letter" in page
    assert visitor.get(f"{base}/imr.1.received_on").status_code == 404  # not received yet
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        case = ledger.reviews.get(review)
    assert case.panel_meetings == (date(2024, 3, 11),)
    assert case.imrs[0].due_on == date(2024, 3, 15)


def test_a_lead_who_corrects_an_action_from_its_page_lands_back_on_it_with_a_banner(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, action = a_plan(platform, people, "PC-BACK")
    sign_in(visitor, people.names["lead"])
    page_url = f"/partnerships/{people.tenant}/actions/{action}"
    page = visitor.get(page_url).data.decode()
    base = f"/partnerships/{people.tenant}/corrections/{review}/actions/{action}"
    change = f"{base}/due_on?from=action"
    assert f'href="{change}"' in page and "the action's due date" in page_text(page.encode())
    form = visitor.get(change).data.decode()
    assert f'href="{page_url}"' in form and "Back to the action" in form
    done = submit(visitor, change, {"value": ["1", "10", "2024"], "reason": "typo"})
    assert done.status_code == 302 and done.location == f"{page_url}?corrected=due_on"
    landed = page_text(visitor.get(done.location).data)
    assert "Correction recorded: the action's due date." in landed and "1 October 2024" in landed
    plain = submit(visitor, f"{base}/due_on", {"value": ["2", "10", "2024"], "reason": "typo"})
    assert plain.location.startswith(f"/partnerships/{people.tenant}/corrections/{review}?")


def test_a_case_cost_corrected_to_0_is_refused_beside_the_box_in_pounds_where_the_ledger_would(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, _ = a_plan(platform, people, "PC-ZERO")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.estimate(review, "chair", 500_000, date(2024, 2, 1))
        ledger.costs.record(review, "chair", 200_000, date(2024, 4, 1), "Chair invoice")
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}/costs"
    nothing = submit(visitor, f"{base}/incurred.1.amount", {"value": "£0.00", "reason": "x"})
    page = nothing.data.decode()
    assert nothing.status_code == 200 and beside_the_box(page, "Enter an amount more than £0")
    assert "pence" not in page
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.of_review(review).incurred[0].amount == 200_000  # nothing changed
    # an estimate may be put right to nothing: the case costs nothing for it after all
    none_due = submit(visitor, f"{base}/estimate.chair", {"value": "0", "reason": "pro bono"})
    assert none_due.status_code == 302, page_text(none_due.data)[:2000]


def test_an_amount_with_a_comma_out_of_place_is_refused_beside_the_box_not_read_as_pounds(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "1,2,00" is a slip, not £1,200.00; commas between thousands are how people write pounds."""
    review, _, _ = a_plan(platform, people, "PC-COMMA")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold", "criteria met")
        ledger.reviews.commission(review, date(2024, 2, 1), "CH-1", "AU-1", 850_000)
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/parts/commission.1.cost_pence"
    for slip in ("1,2,00", "85,00", "£1,20,000.00", ",500"):
        refused = submit(visitor, url, {"value": slip, "reason": "keyed wrong"})
        page = refused.data.decode()
        assert refused.status_code == 200, slip
        assert beside_the_box(page, "has a comma in the wrong place; enter it like 8,500"), slip
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).commissions[0].cost_pence == 850_000
    done = submit(visitor, url, {"value": "£12,000.50", "reason": "keyed wrong"})
    assert done.status_code == 302, page_text(done.data)[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).commissions[0].cost_pence == 1_200_050


def test_a_correction_to_the_value_recorded_now_says_so_in_the_pages_words_not_pence_or_keys(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, action = a_plan(platform, people, "PC-SAME")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 1, 20), "hold", "criteria met")
        ledger.reviews.commission(review, date(2024, 2, 1), "CH-1", "AU-1", 850_000)
        ledger.costs.record(review, "chair", 200_000, date(2024, 4, 1), "Chair invoice")
        ledger.costs.estimate(review, "chair", 500_000, date(2024, 2, 1))
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}"
    asked = {
        "parts/commission.1.cost_pence": ("8,500", "The cost recorded now is already £8,500.00"),
        "costs/incurred.1.amount": ("2000", "The amount recorded now is already £2,000.00"),
        "costs/estimate.chair": ("5,000.00", "The amount recorded now is already £5,000.00"),
        "notified_on": (["3", "1", "2024"], "The date recorded now is already 3 January 2024"),
        f"actions/{action}/due_on": (
            ["1", "9", "2024"],
            "The date recorded now is already 1 September 2024",
        ),
    }
    for path, (same, words) in asked.items():
        page = submit(visitor, f"{base}/{path}", {"value": same, "reason": "x"}).data.decode()
        assert beside_the_box(page, f"{words}; there is nothing to correct. Enter the right"), (
            path,
            page_text(page.encode())[:1500],
        )
        for unread in ("850000", "200000", "500000", "pence", "notified_on", "due_on", "estimate."):
            assert unread not in page_text(page.encode()), (path, unread)


def test_a_choice_is_asked_by_its_name_and_a_long_text_is_not_said_again_when_unchanged(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec, _ = a_plan(platform, people, "PC-WORDS")
    long_text = (
        "Every agency shares its risk assessment with the others at first contact, records "
        "who it told and when, and the chair checks each of those records at every panel."
    )
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.recommendations.correct(rec, "text", long_text, "the report's own words")
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}"
    kind = f"{base}/kind"
    assert "Why was the recorded kind of review wrong?" in page_text(visitor.get(kind).data)
    same_kind = submit(visitor, kind, {"value": "dhr", "reason": "x"}).data.decode()
    assert beside_the_box(
        same_kind, "The kind of review recorded now is already Domestic Homicide Review;"
    ), page_text(same_kind.encode())[:1500]
    text = f"{base}/recommendations/{rec}/text"
    same_text = submit(visitor, text, {"value": long_text, "reason": "x"}).data.decode()
    assert beside_the_box(same_text, "The text recorded now is already what you entered;")
    assert page_text(same_text.encode()).count("at every panel") == 2  # above and in the box


def test_an_actions_description_is_corrected_under_a_heading_that_reads_as_english(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, action = a_plan(platform, people, "PC-HEADING")
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/actions/{action}/description"
    page = page_text(visitor.get(url).data)
    assert "Correct what the action will do" in page
    assert "the action's what" not in page


def test_the_action_pages_change_links_say_what_they_change_in_english(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A screen reader heard "Change the action's what will be done"."""
    _, _, action = a_plan(platform, people, "PC-CHANGE")
    sign_in(visitor, people.names["lead"])
    html = visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data.decode()
    hidden = re.findall(r'Change<span class="govuk-visually-hidden">([^<]*)</span>', html)
    assert [html_unescape(h).strip() for h in hidden] == [
        "the action's owner agency",
        "what the action will do",
        "the action's due date",
    ], hidden
