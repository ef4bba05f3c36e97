"""After submission, without JavaScript: the QA panel's letter, its answers, approval and
publication as an officer meets them. Each of the letter's points has its own box on the page
that answers them, a missing answer or a wrong date is said beside its box, and the case's
task list and timeline say where the report stands in words."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from flask.testing import FlaskClient

from domain.recording import acting_as
from domain.reviews import FeedbackPoint, PointAnswer
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_case_pages import checked, sent_back
from tests.web.test_corrections_pages import submit

POINTS = [FeedbackPoint(1, "Clarify the chronology"), FeedbackPoint(2, "Expand the GP section")]


def a_submitted_case(platform: Platform, people: People, reference: str) -> UUID:
    """A review submitted to the Home Office on 1 September 2024."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        ledger.reviews.draft(review, "overview_report", date(2024, 7, 1))
        ledger.reviews.draft(review, "executive_summary", date(2024, 7, 2))
        ledger.reviews.agree_action_plan(review, date(2024, 7, 10))
        ledger.reviews.submit(review, date(2024, 9, 1))
    return review


def sent_back_with_points(platform: Platform, people: People, reference: str) -> UUID:
    """A submitted review the QA panel sent back on 1 November 2024 with two points."""
    review = a_submitted_case(platform, people, reference)
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.receive_feedback(review, date(2024, 11, 1), POINTS)
    return review


def version_of(platform: Platform, people: People, review: UUID) -> int:
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        return int(ledger.reviews.get(review).version)


def beside(html: str, name: str) -> str:
    """The error message shown beside the question ``name``."""
    found = re.search(rf'<p id="{name}-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    return page_text(found[1].encode()).strip() if found else ""


THREE = [
    FeedbackPoint(1, "Clarify the chronology's sources"),
    FeedbackPoint(2, "Expand the GP section"),
    FeedbackPoint(3, "Name the agencies consulted"),
]


def sent_back_with_three_points(platform: Platform, people: People, reference: str) -> UUID:
    review = a_submitted_case(platform, people, reference)
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.receive_feedback(review, date(2024, 11, 1), THREE)
    return review


def boxes(html: str) -> dict[str, str]:
    """Each answer box on the page: its label, and what it holds."""
    found = re.findall(
        r'<label class="govuk-label[^"]*" for="(answers-\d+)">\s*(.*?)\s*</label>.*?'
        r'<textarea[^>]*name="\1"[^>]*>(.*?)</textarea>',
        html,
        re.S,
    )
    return {page_text(label.encode()).strip(): held.strip() for _, label, held in found}


def answered(platform: Platform, people: People, review: UUID) -> list[tuple[int, str]]:
    """The answers recorded to the latest letter, as the ledger holds them."""
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        letter = ledger.reviews.get(review).feedback_rounds[-1]
    return [(a.number, a.response) for a in letter.answers]


def test_the_resubmission_page_asks_a_box_for_each_point_of_the_letter_labelled_by_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = sent_back_with_three_points(platform, people, "PUB-BOXES")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/resubmission"

    asked = visitor.get(url).data.decode()
    assert "The QA panel's letter of 1 November 2024 raised 3 points." in page_text(asked.encode())
    assert boxes(asked) == {
        "Point 1: Clarify the chronology's sources": "",
        "Point 2: Expand the GP section": "",
        "Point 3: Name the agencies consulted": "",
    }, asked
    assert asked.count("<textarea") == 3
    assert "one answer on each line" not in asked


def test_an_empty_or_long_box_is_said_beside_it_in_its_own_words_and_nothing_is_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = sent_back_with_three_points(platform, people, "PUB-EMPTY")
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/resubmission"
    typed = {"answers-0": "Sources cited", "answers-1": "  ", "answers-2": "Annex B " * 63}

    refused = submit(visitor, url, {"on": ["1", "12", "2024"], **typed})
    html = refused.data.decode()

    assert refused.status_code == 200
    assert "Check your answers" not in page_text(refused.data)  # not sent on to be confirmed
    assert beside(html, "answers-1") == "Error: Enter your answer to point 2", html
    assert beside(html, "answers-2") == (
        "Error: Your answer to point 3 must be 500 characters or fewer"
    )
    assert beside(html, "answers-0") == ""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary and 'href="#answers-1">Enter your answer to point 2</a>' in summary[0]
    assert 'href="#answers-2">Your answer to point 3 must be' in summary[0]
    assert boxes(html)["Point 1: Clarify the chronology's sources"] == "Sources cited"
    assert version_of(platform, people, review) == before
    assert answered(platform, people, review) == []


def test_a_box_missing_from_the_check_pages_answers_is_asked_again_beside_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The check page carries the answers back hidden: one lost on the way (an altered page)
    is not recorded as missing, but its box asked again, empty, with its own message."""
    review = sent_back_with_three_points(platform, people, "PUB-LOST")
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/resubmission"
    typed = {"answers-0": "Sources cited", "answers-1": "GP added", "answers-2": "Annex B"}

    check = checked(visitor, submit(visitor, url, {"on": ["1", "12", "2024"], **typed}))
    answers = sent_back(check.data)
    assert answers.getlist("answers-1") == ["GP added"]
    answers.pop("answers-2")
    refused = visitor.post(f"{url}/check", data=answers)
    html = refused.data.decode()

    assert beside(html, "answers-2") == "Error: Enter your answer to point 3", html
    assert 'href="#answers-2"' in html
    assert version_of(platform, people, review) == before


def test_answers_of_several_lines_are_kept_whole_from_their_boxes_to_the_case_history(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = sent_back_with_points(platform, people, "PUB-LINES")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/resubmission"
    first = "Chronology merged.\r\n\r\nSources are cited <b>per entry</b>."  # as a browser sends
    typed = {"answers-0": first, "answers-1": "GP section rewritten"}

    check = checked(visitor, submit(visitor, url, {"on": ["1", "12", "2024"], **typed}))
    html = check.data.decode()
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
        r'<dd class="govuk-summary-list__value app-pre-wrap">(.*?)</dd>',
        html,
        re.S,
    )
    assert rows[1:] == [
        (
            "Point 1: Clarify the chronology",
            "Chronology merged.\n\nSources are cited &lt;b&gt;per entry&lt;/b&gt;.",
        ),
        ("Point 2: Expand the GP section", "GP section rewritten"),
    ], rows
    assert f'href="{url}#answers-0">Change<span class="govuk-visually-hidden"> point 1' in html

    changing = visitor.get(url).data.decode()  # "Change": the boxes filled in as kept
    assert boxes(changing)["Point 1: Clarify the chronology"] == (
        "Chronology merged.\n\nSources are cited &lt;b&gt;per entry&lt;/b&gt;."
    )

    done = visitor.post(f"{url}/check", data=sent_back(check.data))
    assert done.status_code == 302, done.data.decode()[:2000]
    assert answered(platform, people, review) == [
        (1, "Chronology merged.\n\nSources are cited <b>per entry</b>."),
        (2, "GP section rewritten"),
    ]
    case = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert (
        '<p class="govuk-body app-pre-line">On 1 December 2024. Answers:\n'
        "1. Chronology merged.\n\nSources are cited &lt;b&gt;per entry&lt;/b&gt;.\n"
        "2. GP section rewritten.</p>"
    ) in case, case


def test_a_date_the_ledger_refuses_is_said_beside_its_box_before_the_check_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "PUB-EARLY")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.approve(review, date(2024, 10, 1))
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/publication"

    refused = submit(visitor, url, {"on": ["1", "9", "2024"]})
    html = refused.data.decode()

    said = "The publication is dated 1 September 2024, before the approval (1 October 2024)"
    assert said in beside(html, "on"), html
    assert 'href="#on-day"' in html
    assert "Check your answers" not in page_text(refused.data)
    assert version_of(platform, people, review) == before


def test_answers_refused_once_confirmed_go_back_to_their_boxes_on_the_question_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The check page was right when shown, but the ledger refuses what it sends (the
    approval's date was corrected meanwhile, or the answers were altered on the way): the
    refusal is said beside the box to change, not above a list of answers."""
    review = a_submitted_case(platform, people, "PUB-LATE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.approve(review, date(2024, 10, 1))
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/publication"

    check = checked(visitor, submit(visitor, url, {"on": ["1", "11", "2024"]}))
    assert "Check your answers before you record publication" in page_text(check.data)
    answers = sent_back(check.data)
    answers.setlist("on", ["1", "9", "2024"])
    refused = visitor.post(f"{url}/check", data=answers)
    html = refused.data.decode()

    said = "The publication is dated 1 September 2024, before the approval (1 October 2024)"
    assert said in beside(html, "on"), html
    assert 'href="#on-day"' in html
    assert re.search(r'id="on-year"[^>]*value="2024"|value="2024"[^>]*id="on-year"', html)
    assert "Check your answers" not in page_text(refused.data)
    assert version_of(platform, people, review) == before


def test_the_timeline_says_the_letters_points_and_their_answers_in_words(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = sent_back_with_points(platform, people, "PUB-WORDS")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        answers = [PointAnswer(1, "Chronology merged."), PointAnswer(2, "GP section rewritten")]
        ledger.reviews.resubmit(review, date(2024, 12, 1), answers)
    sign_in(visitor, people.names["officer"])
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)

    assert (
        "On 1 November 2024. 2 points to answer: 1. Clarify the chronology; "
        "2. Expand the GP section." in case
    ), case
    assert "On 1 December 2024. Answers: 1. Chronology merged. 2. GP section rewritten." in case
    assert "point(s)" not in case


def test_the_task_list_says_which_qa_step_records_what_and_what_each_waits_for(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "PUB-TASKS")
    sign_in(visitor, people.names["officer"])
    case_url = f"/partnerships/{people.tenant}/cases/{review}"

    submitted = page_text(visitor.get(case_url).data)
    assert "Record the QA panel's letter if it sends the report back with points" in submitted
    assert "Record this when the QA panel accepts the report" in submitted
    assert "Publish Needs the Home Office's approval Cannot start yet" in submitted, submitted

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.receive_feedback(review, date(2024, 11, 1), POINTS)
    sent_back_page = page_text(visitor.get(case_url).data)
    assert (
        "Home Office approval Needs the feedback answered and the report resubmitted "
        "Cannot start yet" in sent_back_page
    ), sent_back_page

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.resubmit(
            review, date(2024, 12, 1), [PointAnswer(1, "a"), PointAnswer(2, "b")]
        )
        ledger.reviews.approve(review, date(2025, 1, 10))
        ledger.reviews.withhold_publication(review, date(2025, 1, 20), "Until the inquest ends")
    withheld = page_text(visitor.get(case_url).data)
    assert "QA feedback 1 letter answered Completed" in withheld, withheld
    assert (
        "Publish Until the inquest ends. Publish it when it can go ahead. Withheld" in withheld
    ), withheld
    assert "On 20 January 2025. Until the inquest ends. " in withheld  # the timeline's entry


def test_the_resubmission_page_says_what_it_waits_for_and_when_the_letter_was_answered(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Back to it after resubmitting, or to it before any letter: no form the ledger would
    refuse once filled in, but what was done or what comes first."""
    review = a_submitted_case(platform, people, "PUB-ONCE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/resubmission"

    waiting = visitor.get(url).data.decode()
    assert "Needs the QA panel's letter asking for changes recorded." in page_text(waiting.encode())
    assert f'href="/partnerships/{people.tenant}/cases/{review}/qa-feedback"' in waiting
    assert 'name="answers-0"' not in waiting

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.receive_feedback(review, date(2024, 11, 1), POINTS)
        ledger.reviews.resubmit(
            review, date(2024, 12, 1), [PointAnswer(1, "a"), PointAnswer(2, "b")]
        )
    answered = visitor.get(url).data.decode()
    assert (
        "The answers to the QA panel's letter of 1 November 2024 were already sent to the "
        "Home Office on 1 December 2024." in page_text(answered.encode())
    ), page_text(answered.encode())
    assert 'name="answers-0"' not in answered


def test_approval_which_stops_the_clocks_for_good_is_checked_before_it_is_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "PUB-APPROVE")
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/approval"

    check = checked(visitor, submit(visitor, url, {"on": ["1", "10", "2024"]}))
    shown = page_text(check.data)
    assert "Check your answers before you record the approval" in shown, shown
    assert "Date of approval 1 October 2024" in shown
    assert "Once recorded this cannot be undone" in shown
    assert version_of(platform, people, review) == before

    done = visitor.post(f"{url}/check", data=sent_back(check.data))
    assert done.headers["Location"].endswith("/approval/done")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).approved_on == date(2024, 10, 1)


def test_the_cases_clocks_give_the_home_offices_dates_without_opening_the_timeline(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = sent_back_with_points(platform, people, "PUB-DATES")
    sign_in(visitor, people.names["officer"])
    case_url = f"/partnerships/{people.tenant}/cases/{review}"

    def clocks_of() -> str:
        return (
            page_text(visitor.get(case_url).data)
            .split("Statutory clocks")[1]
            .split("About the case")[0]
        )

    clocks = clocks_of()
    assert "Submitted to the Home Office 1 September 2024" in clocks, clocks
    assert "Resubmitted" not in clocks and "Published" not in clocks

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        answers = [PointAnswer(1, "a"), PointAnswer(2, "b")]
        ledger.reviews.resubmit(review, date(2024, 12, 1), answers)
        ledger.reviews.approve(review, date(2025, 1, 10))
        ledger.reviews.withhold_publication(review, date(2025, 1, 20), "Until the inquest ends")
    withheld = clocks_of()
    assert "Resubmitted after QA feedback 1 December 2024" in withheld, withheld
    assert "Publication withheld Since 20 January 2025" in withheld

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.publish(review, date(2025, 3, 3))
    published = clocks_of()
    assert "Published 3 March 2025" in published and "withheld" not in published
