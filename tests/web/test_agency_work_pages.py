"""An agency's user walking its own work in a partnership, as someone new to the service: what
the pages must show them to finish each thing they are asked for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Flask

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_agency_pages import POLICE, police_action, police_user, post
from tests.web.test_imr_pages import under_review


def main_text(page: bytes) -> str:
    """What a person reads in the page's main content (the timeout dialog sits after it)."""
    return page_text(page.split(b"<main", 1)[1].split(b">", 1)[1].split(b"</main>", 1)[0])


def test_an_imr_returned_for_more_work_shows_the_agency_the_points_to_address(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """The panel returns an IMR with numbered points; the agency's pages said only "Returned
    for more work", so its author could not know what to change before sending it again."""
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "AG-R1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(review, POLICE, date(2024, 3, 28), with_chronology=True)
        points = ["Add the contacts from 2019.", "Say who saw the DASH risk assessment."]
        ledger.imrs.assess(review, POLICE, date(2024, 4, 10), "returned", points)
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"

    home = main_text(police.get(mine).data)
    assert "Returned for more work Read the panel’s points and send it again" in home, home
    page = main_text(police.get(f"{mine}/cases/{review}/imr").data)
    assert "Send the IMR to the panel again" in page
    assert (
        "The panel returned your IMR on 10 April 2024. Address these points, then send it "
        "again. Add the contacts from 2019. Say who saw the DASH risk assessment." in page
    ), page
    assert "Due 1 April 2024" in page


def test_an_agency_adds_evidence_and_records_its_action_complete_for_the_lead_to_sign_off(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """An agency does the work and holds the proof, but its pages let it only add progress: the
    action stayed "In progress" until the partnership's officer heard and recorded it."""
    agency = police_user(platform, people, unique)
    own = police_action(platform, people.tenant, "AG-C1", "3")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = ledger.actions.get(own).recommendation_id
        other = ledger.actions.plan(rec, "Midshire Health", "Train GPs.", date(2024, 9, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"
    page = main_text(police.get(f"{mine}/actions/{own}").data)
    assert "Add evidence Record the action as complete" in page, page
    assert "If you need more time Only the partnership can change the due date." in page

    added = post(
        police,
        f"{mine}/actions/{own}/evidence",
        {"reference": "Briefing register, June 2024", "on": ["3", "6", "2024"]},
    )
    assert added.status_code == 302, added.data.decode()[:2000]
    done = post(police, f"{mine}/actions/{own}/complete", {"on": ["4", "6", "2024"]})
    assert done.status_code == 302, done.data.decode()[:2000]
    home = main_text(police.get(done.headers["Location"]).data)
    assert "Action recorded as complete: the partnership’s lead signs it off" in home

    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        action = ledger.actions.get(own)
    assert action.status == "completed" and action.completed_on == date(2024, 6, 4)
    assert [e.reference for e in action.evidence] == ["Briefing register, June 2024"]
    for step in ("evidence", "complete"):
        assert police.get(f"{mine}/actions/{other}/{step}").status_code == 404


def test_the_agencys_first_page_counts_its_late_imrs_beside_the_awaited(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Actions overdue had a red count, but an IMR months past its due date counted only as
    "awaited", like one not due for a year: the page meant to send the agency first where its
    work is late did not show where its IMRs were."""
    agency = police_user(platform, people, unique)
    late, due = (under_review(platform, people.tenant, ref) for ref in ("AG-L1", "AG-L2"))
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(late, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(due, POLICE, date(2024, 3, 1), date(2099, 4, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    page = main_text(police.get(f"/regions/{people.region}/agency-work").data)
    assert "Partnership Open actions Actions overdue IMRs awaited IMRs late" in page, page
    assert "Northtown 0 0 2 1" in page, page


def test_the_imr_page_offers_the_report_upload_and_the_button_records_the_date(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """ "Send the IMR to the panel" under a date and a tick box read as though the button sent
    the report; it records only the date. The report is uploaded on its own page, or sent to
    the team as before: uploading is not required."""
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "AG-I1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    page = main_text(
        police.get(f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr").data
    )
    assert (
        "You can still send it to the community safety team as they asked you to instead: "
        "uploading it here is not required. Upload your IMR report" in page
    ), page
    assert "Record here the date you sent the report, so the panel knows" in page
    assert "Tick if every entry from your agency’s records for this case is added." in page
    assert page.endswith("Record that the IMR was sent "), page


def test_your_account_says_where_your_reminders_go_and_what_they_hold(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Nothing on the pages said an agency's user is emailed its work coming up or late, nor
    to which address, nor that without one nothing comes."""
    agency = police_user(platform, people, unique)
    police = web_app.test_client()
    sign_in(police, agency)
    page = main_text(police.get("/account").data)
    assert "Reminder emails None: no email address is set for you." in page, page

    platform.access.change_email(agency, "laura.bennett@police.example.gov.uk")
    page = main_text(police.get("/account").data)
    assert (
        "Reminder emails Sent to laura.bennett@police.example.gov.uk: a daily list of your "
        "agency's actions and IMRs coming up or late" in page
    ), page


def test_an_agency_adds_one_chronology_entry_after_another_and_sees_how_many(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Each entry went back to the list of every case, with nothing to say how many the agency
    had added: an agency with forty entries clicked back in forty times and lost count."""
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "AG-E1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(review, "Midshire Health", date(2024, 3, 1), date(2024, 4, 1))
        ledger.chronology.submit(
            review,
            "Midshire Health",
            date(2023, 5, 1),
            None,
            "GP visit.",
            "GP record",
            date(2024, 3, 5),
        )
    police = web_app.test_client()
    sign_in(police, agency)
    url = f"/partnerships/{people.tenant}/agency-work/cases/{review}/chronology"
    assert "Your agency has added no entries to this case’s chronology yet." in main_text(
        police.get(url).data
    )
    for day, what in (("2", "Call to a disturbance."), ("9", "Arrest for assault.")):
        added = post(
            police,
            url,
            {"occurred_on": [day, "11", "2023"], "what_happened": what, "source": "command log"},
        )
        assert added.status_code == 302, added.data.decode()[:2000]
        assert added.headers["Location"].startswith(url)
    page = main_text(police.get(added.headers["Location"]).data)
    assert "Chronology entry added Add the next one below." in page, page
    assert (
        "Your agency has added 2 entries to this case’s chronology. When they are all added, "
        "send the IMR" in page
    ), page


def test_an_agency_reminded_of_an_impact_review_finds_it_on_its_pages(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """An agency is emailed "Impact reviews due" for its signed-off actions, but its list said
    only "Signed off" and its action page offered nothing to do: a dead end."""
    agency = police_user(platform, people, unique)
    own = police_action(platform, people.tenant, "AG-IR1", "5")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review_due = ledger.actions.complete(own, date(2024, 8, 1))
        ledger.actions.confirm_completion(own, date(2024, 8, 5))
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"
    due = f"{review_due.day} {review_due:%B %Y}"
    home = main_text(police.get(mine).data)
    assert f"Signed off Impact review due {due}" in home, home
    page = main_text(police.get(f"{mine}/actions/{own}").data)
    assert (
        f"The partnership reviews by {due} whether the change has lasted. Add evidence that it "
        "has" in page
    ), page
    assert "Add evidence" in page and "Record the action as complete" not in page


def test_an_entry_given_twice_is_refused_saying_nothing_more_is_needed(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """The refusal said only that the entry was there already, not whether the agency had
    anything left to do about it."""
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "AG-D1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    url = f"/partnerships/{people.tenant}/agency-work/cases/{review}/chronology"
    entry = {"occurred_on": ["2", "11", "2023"], "what_happened": "Call.", "source": "log"}
    assert post(police, url, entry).status_code == 302
    again = post(police, url, entry)
    said = main_text(again.data)
    assert again.status_code == 200 and (
        "Midshire Police already submitted this entry for 2 November 2023; it is in the "
        "chronology, so there is nothing more to add for it." in said
    ), said


def test_an_agencys_list_puts_what_still_needs_it_first(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """IMRs were listed oldest request first and actions by due date, so years of received IMRs
    and signed-off actions stood above the one IMR still awaited and the action still open."""
    agency = police_user(platform, people, unique)
    old, new = (under_review(platform, people.tenant, ref) for ref in ("AG-O1", "AG-O2"))
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(old, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(old, POLICE, date(2024, 3, 28), with_chronology=True)
        ledger.imrs.request(new, POLICE, date(2024, 5, 1), date(2024, 6, 1))
    done, live = (police_action(platform, people.tenant, ref, "1") for ref in ("AG-O3", "AG-O4"))
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.actions.correct(live, "due_on", date(2024, 12, 1), "Agreed at the panel")
        ledger.actions.complete(done, date(2024, 8, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    page = main_text(police.get(f"/partnerships/{people.tenant}/agency-work").data)
    assert page.index("AG-O2") < page.index("AG-O1"), page
    assert page.index("AG-O4 1") < page.index("AG-O3 1"), page


def test_the_work_starting_page_names_the_case_and_recommendation(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """It named the action only by its due date, though the agency owns the same words in
    several cases; the progress page beside it names the case."""
    agency = police_user(platform, people, unique)
    own = police_action(platform, people.tenant, "AG-W1", "7")
    police = web_app.test_client()
    sign_in(police, agency)
    url = f"/partnerships/{people.tenant}/agency-work/actions/{own}/start"
    page = main_text(police.get(url).data)
    assert page.startswith(" Case AG-W1, recommendation 7 Record work starting Brief officers."), (
        page
    )


def test_every_question_about_an_action_is_titled_with_its_case(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """The browser tab (and a screen reader's first words) tells apart the same action text
    owned in several cases: the work starting page's title named no case, as its sisters'
    did, until the three shared one layout."""
    agency = police_user(platform, people, unique)
    own = police_action(platform, people.tenant, "AG-T1", "4")
    police = web_app.test_client()
    sign_in(police, agency)
    for step, heading in (
        ("start", "Record work starting"),
        ("evidence", "Add evidence"),
        ("complete", "Record the action as complete"),
    ):
        html = police.get(f"/partnerships/{people.tenant}/agency-work/actions/{own}/{step}").data
        title = html.decode().split("<title>")[1].split("</title>")[0]
        assert title.startswith(f"{heading} – AG-T1 4 – "), (step, title)


def test_an_agencys_list_offers_what_each_action_can_still_take(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Every action said "Add progress", signed off, superseded or not achievable alike: a
    signed-off one needs evidence for its impact review, and a closed one takes nothing more
    (its page offered a form that then refused every update)."""
    agency = police_user(platform, people, unique)
    signed, dropped, replaced = (
        police_action(platform, people.tenant, ref, "2") for ref in ("AG-N1", "AG-N2", "AG-N3")
    )
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.actions.complete(signed, date(2024, 8, 1))
        ledger.actions.confirm_completion(signed, date(2024, 8, 5))
        ledger.actions.mark_not_achievable(dropped, date(2024, 8, 1), "The unit closed.")
        ledger.actions.supersede(replaced, date(2024, 8, 1), "Merged into the force plan")
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"
    page_html = police.get(mine).data.decode()
    # the table alone: the page after it holds random tokens, which could read "N2"
    table = page_html.split('id="agency-actions"')[1].split("</table>")[0]
    rows = {ref: row for row in table.split("<tr")[1:] for ref in ("N1", "N2", "N3") if ref in row}
    assert "Add progress" not in "".join(rows.values())
    assert f'href="{mine}/actions/{signed}/evidence"' in rows["N1"]
    assert ">Add evidence for its impact review<" in rows["N1"], rows["N1"]
    for ref, action in (("N2", dropped), ("N3", replaced)):
        assert f'href="{mine}/actions/{action}">View<' in rows[ref], rows[ref]

    page = police.get(f"{mine}/actions/{dropped}").data
    said = main_text(page)
    assert (
        "Not achievable Brief officers. The partnership recorded that this action cannot be "
        "achieved: The unit closed. Progress and evidence are no longer recorded on it." in said
    ), said
    assert "Add the update" not in said and "Add evidence" not in said
    said = main_text(police.get(f"{mine}/actions/{replaced}").data)
    assert (
        "The partnership replaced this action on 1 August 2024: Merged into the force plan. "
        "Progress and evidence are no longer recorded on it." in said
    ), said
    evidence = main_text(police.get(f"{mine}/actions/{signed}/evidence").data)
    assert "so the partnership can see it when it reviews the action’s impact by" in evidence
