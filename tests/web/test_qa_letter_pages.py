"""The QA panel's letter recorded without JavaScript: its date and how many points it raised,
then a box for each point on a page of their own, then the answers checked before they are
recorded. A point keeps its paragraphs, an empty or too long point is said beside its own
box, and "Change" on the check page leads to the page asking that answer, which keeps the
others typed."""

from __future__ import annotations

import html as markup
import re
from collections.abc import Mapping
from uuid import UUID

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_case_pages import checked, sent_back
from tests.web.test_publication_pages import a_submitted_case, beside, version_of

LETTER_ON = ["1", "11", "2024"]


def sent_as_shown(visitor: FlaskClient, url: str, typed: Mapping[str, object]) -> TestResponse:
    """GET a page, then POST its form as a browser does (``sent_from``)."""
    return sent_from(visitor, visitor.get(url).data.decode(), url, typed)


def sent_from(
    visitor: FlaskClient, shown: str, url: str, typed: Mapping[str, object]
) -> TestResponse:
    """POST the form of the page ``shown`` (at ``url``) as a browser does: what its inputs and
    boxes hold (its token, version and key, the other page's answers hidden), each answer
    ``typed`` in place of what its box held."""
    forms = re.findall(r'(<form method="post"(?: action="([^"]*)")?.*?</form>)', shown, re.S)
    form = next((f for f in forms if 'name="submission"' in f[0]), None)  # not Sign out's
    assert form, shown
    inputs = [
        dict(re.findall(r'(\w+)="([^"]*)"', i)) for i in re.findall(r"<input\b[^>]*>", form[0])
    ]
    areas = re.findall(r'<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', form[0], re.S)
    data = MultiDict(
        [
            (markup.unescape(i["name"]), markup.unescape(i.get("value", "")))
            for i in inputs
            if i.get("type") in ("hidden", "text")
        ]
        + [(name, markup.unescape(held.removeprefix("\n"))) for name, held in areas]
    )
    for name, value in typed.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return visitor.post(form[1] or url, data=data)


def boxes(html: str) -> dict[str, str]:
    """Each point's box on the page: its label, and what it holds."""
    found = re.findall(
        r'<label class="govuk-label[^"]*" for="(points-\d+)">\s*(.*?)\s*</label>.*?'
        r'<textarea[^>]*name="\1"[^>]*>(.*?)</textarea>',
        html,
        re.S,
    )
    return {page_text(label.encode()).strip(): held.strip("\r\n") for _, label, held in found}


def rows(html: str) -> list[tuple[str, str, str]]:
    """The check page's rows: the question, the answer as shown, where its Change leads."""
    found = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
        r'<dd class="govuk-summary-list__value app-pre-wrap">(.*?)</dd>\s*'
        r'<dd class="govuk-summary-list__actions">\s*<a class="govuk-link" href="([^"]*)"',
        html,
        re.S,
    )
    return [(k, markup.unescape(v), href) for k, v, href in found]


def recorded(platform: Platform, people: People, review: UUID) -> list[tuple[int, str]]:
    """The points of the latest letter, as the ledger holds them."""
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        rounds = ledger.reviews.get(review).feedback_rounds
    return [(p.number, p.summary) for p in rounds[-1].points] if rounds else []


def to_the_points(visitor: FlaskClient, url: str, count: str) -> TestResponse:
    """The letter's date and number of points sent: on to the page of boxes."""
    sent = sent_as_shown(visitor, url, {"on": LETTER_ON, "count": count})
    assert sent.status_code == 303, sent.data.decode()[:3000]
    assert sent.headers["Location"] == f"{url}/points"
    return sent


def test_a_letter_of_three_points_is_recorded_with_each_points_paragraphs(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "QA-THREE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"

    first = visitor.get(url).data.decode()
    assert "If the panel accepted the report, record the Home Office's approval instead" in (
        page_text(first.encode())
    )
    assert "Number of points the letter raised" in page_text(first.encode())
    assert "<textarea" not in first  # no box before their number is known
    to_the_points(visitor, url, "3")

    asked = visitor.get(f"{url}/points").data.decode()
    assert "The points the QA panel raised" in page_text(asked.encode())
    assert boxes(asked) == {"Point 1": "", "Point 2": "", "Point 3": ""}, asked
    assert f'href="{url}"' in asked  # Back: the date and the number, kept

    two = "Clarify the chronology's sources.\r\n\r\nEach entry should cite a record."
    typed = {"points-0": two, "points-1": "Expand the GP section", "points-2": "Name <b>them</b>"}
    check = checked(visitor, sent_as_shown(visitor, f"{url}/points", typed))
    shown = check.data.decode()
    assert "Check your answers before you record the QA panel's letter" in page_text(check.data)
    assert rows(shown) == [
        ("Date of the QA panel&#39;s letter", "1 November 2024", f"{url}#on"),
        ("Number of points the letter raised", "3", f"{url}#count"),
        ("Point 1", two.replace("\r\n", "\n"), f"{url}/points#points-0"),
        ("Point 2", "Expand the GP section", f"{url}/points#points-1"),
        ("Point 3", "Name <b>them</b>", f"{url}/points#points-2"),
    ], rows(shown)
    assert "Name &lt;b&gt;them&lt;/b&gt;" in shown
    assert 'class="govuk-back-link">Back' in shown and f'href="{url}/points"' in shown
    assert recorded(platform, people, review) == []  # nothing yet: checked first

    done = visitor.post(f"{url}/check", data=sent_back(check.data))
    assert done.status_code == 302, done.data.decode()[:3000]
    confirmed = visitor.get(done.headers["Location"]).data.decode()
    resubmit = f'href="/partnerships/{people.tenant}/cases/{review}/resubmission"'
    assert f"{resubmit}>Resubmit after QA feedback</a>" in confirmed  # its answer, next
    assert recorded(platform, people, review) == [
        (1, "Clarify the chronology's sources.\n\nEach entry should cite a record."),
        (2, "Expand the GP section"),
        (3, "Name <b>them</b>"),
    ]
    case = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert (
        "On 1 November 2024. 3 points to answer:\n"
        "1. Clarify the chronology&#39;s sources.\n\nEach entry should cite a record.\n"
        "2. Expand the GP section.\n3. Name &lt;b&gt;them&lt;/b&gt;.</p>"
    ) in case, case


def test_an_empty_point_is_said_beside_its_own_box_and_nothing_is_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "QA-EMPTY")
    before = version_of(platform, people, review)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"
    to_the_points(visitor, url, "3")

    typed = {"points-0": "Clarify the chronology", "points-1": " \r\n ", "points-2": "x" * 501}
    refused = sent_as_shown(visitor, f"{url}/points", typed)
    html = refused.data.decode()

    assert refused.status_code == 200
    assert "Check your answers" not in page_text(refused.data)
    assert beside(html, "points-1") == "Error: Enter point 2", html
    assert beside(html, "points-2") == "Error: Point 3 must be 500 characters or fewer"
    assert beside(html, "points-0") == ""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary and 'href="#points-1">Enter point 2</a>' in summary[0]
    assert boxes(html)["Point 1"] == "Clarify the chronology"  # kept as typed
    assert version_of(platform, people, review) == before
    assert recorded(platform, people, review) == []


def test_the_number_of_points_is_a_whole_number_said_beside_its_box(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "QA-COUNT")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"

    for typed, said in [
        ("", "Enter the number of points the letter raised"),
        ("three", "The number of points must be a whole number, like 3"),
        ("0", "The number of points must be between 1 and 40"),
        ("41", "The number of points must be between 1 and 40"),
    ]:
        refused = sent_as_shown(visitor, url, {"on": LETTER_ON, "count": typed})
        assert refused.status_code == 200, typed
        assert beside(refused.data.decode(), "count") == f"Error: {said}", typed
    assert visitor.get(f"{url}/points").headers["Location"] == url  # nothing kept to go on with


def test_change_from_the_check_page_keeps_the_points_typed_and_asks_what_it_changes(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "QA-CHANGE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"
    to_the_points(visitor, url, "2")
    typed = {"points-0": "Clarify the chronology", "points-1": "Expand the GP section"}
    checked(visitor, sent_as_shown(visitor, f"{url}/points", typed))

    # Change a point: its page, the points kept in their boxes
    assert boxes(visitor.get(f"{url}/points").data.decode()) == {
        "Point 1": "Clarify the chronology",
        "Point 2": "Expand the GP section",
    }
    # Change the number: the question page, the points carried on it, one more box after
    again = visitor.get(url).data.decode()
    assert re.search(r'id="count"[^>]*value="2"|value="2"[^>]*id="count"', again), again
    sent_as_shown(visitor, url, {"count": "3"})
    more = visitor.get(f"{url}/points").data.decode()
    assert boxes(more) == {
        "Point 1": "Clarify the chronology",
        "Point 2": "Expand the GP section",
        "Point 3": "",
    }
    check = checked(
        visitor, sent_as_shown(visitor, f"{url}/points", {"points-2": "Name the agencies"})
    )
    assert [r[:2] for r in rows(check.data.decode())][1:] == [
        ("Number of points the letter raised", "3"),
        ("Point 1", "Clarify the chronology"),
        ("Point 2", "Expand the GP section"),
        ("Point 3", "Name the agencies"),
    ]
    assert visitor.post(f"{url}/check", data=sent_back(check.data)).status_code == 302
    assert [n for n, _ in recorded(platform, people, review)] == [1, 2, 3]


def test_a_letter_of_twelve_points_gets_twelve_boxes_and_its_answer_a_box_each(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = a_submitted_case(platform, people, "QA-TWELVE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"
    to_the_points(visitor, url, "12")

    asked = visitor.get(f"{url}/points").data.decode()
    assert list(boxes(asked)) == [f"Point {n}" for n in range(1, 13)]
    typed = {f"points-{n - 1}": f"Point raised {n}.\r\n\r\nIts detail {n}." for n in range(1, 13)}
    check = checked(visitor, sent_as_shown(visitor, f"{url}/points", typed))
    assert visitor.post(f"{url}/check", data=sent_back(check.data)).status_code == 302
    assert recorded(platform, people, review) == [
        (n, f"Point raised {n}.\n\nIts detail {n}.") for n in range(1, 13)
    ]

    resubmit = visitor.get(f"/partnerships/{people.tenant}/cases/{review}/resubmission")
    answer = resubmit.data.decode()
    assert "raised 12 points." in page_text(resubmit.data)
    labels = re.findall(
        r'<label class="govuk-label[^"]*" for="answers-(\d+)">\s*(.*?)\s*</label>', answer, re.S
    )
    assert [(int(i), re.sub(r"\n +", "\n", text)) for i, text in labels] == [
        (n - 1, f"Point {n}: Point raised {n}.\n\nIts detail {n}.") for n in range(1, 13)
    ]
    assert 'class="govuk-label app-pre-line"' in answer  # the point's paragraphs shown apart


def test_a_date_the_ledger_refuses_goes_back_beside_the_date_with_the_points_kept(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The ledger refuses a letter dated before the submission once every answer is known:
    the date's page says so beside it, and carries the points typed on to send again."""
    review = a_submitted_case(platform, people, "QA-EARLY")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/qa-feedback"
    sent = sent_as_shown(visitor, url, {"on": ["1", "8", "2024"], "count": "1"})
    assert sent.status_code == 303

    refused = sent_as_shown(visitor, f"{url}/points", {"points-0": "Clarify the chronology"})
    html = refused.data.decode()

    assert "before the submission" in beside(html, "on"), html
    assert f'<form method="post" action="{url}"' in html
    assert '<input type="hidden" name="points-0" value="Clarify the chronology">' in html
    assert recorded(platform, people, review) == []

    sent_again = sent_from(visitor, html, url, {"on": LETTER_ON})  # the date changed
    assert sent_again.headers["Location"] == f"{url}/points"
    assert boxes(visitor.get(f"{url}/points").data.decode()) == {
        "Point 1": "Clarify the chronology"
    }
