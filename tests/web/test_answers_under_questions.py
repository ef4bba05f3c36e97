"""Every form of the service, sent after its session ended, shows its answers back under the
questions the person saw, never under its field names ("Due on", "Per dhr").

Walks every address of the pages that takes a POST (Flask's url_map, so a page added later is
walked too) and sends its form signed out, every question answered; the page must show each
answer under its question, and no answer under a name the form does not ask by. A page whose
form the service cannot tell (no ``asks`` declared, and its code names no one form) fails
here: declare it (``api/web/asked.py``). A button's form (a confirmation) asks no question,
so shows nothing back. Pages that take their form signed out (signing in is what they are
for) are listed in ``SIGNED_OUT``.

The answers are typed by this test, each shown in the words it should read as, not asked of
the code under test; the pages whose questions take words from their page (a pot's, a
correction's, a checked spreadsheet's) are also sent with the field names their pages have.
"""

from __future__ import annotations

import html
import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

from flask import Flask, url_for
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from wtforms import BooleanField, DateField, FieldList, FileField, HiddenField, SubmitField
from wtforms.csrf.core import CSRFTokenField
from wtforms.fields.choices import SelectChoice, SelectFieldBase

from api.web.actions import ACTIONS
from api.web.asked import form_asked
from api.web.case_steps import CASES
from api.web.correction_facts import BY_FIELD
from api.web.correction_questions import ACTION, FINDING, RECOMMENDATION
from api.web.pots import QUESTIONS
from api.web.unsent import NOT_ANSWERS
from tests.web.conftest import People, sign_in, sign_out
from tests.web.test_partnership_money_pages import demo, opened, site

__all__ = ["demo", "site"]

SIGNED_OUT = {  # their form is for someone not signed in: nothing to show back
    "web.signin.sign_in_page",
    "web.signin.security_code",
    "web.signin.sign_out_page",
    "web.timeout.stay_signed_in",
    "web.account.choose_password",
    "web.invitations.accept_page",
}

STEPS = {"web.case_steps": list(CASES.steps), "web.actions": list(ACTIONS.steps)}
FIELDS = {  # the values an address's own argument takes that say which form it asks
    "web.corrections.correct": {"field": list(BY_FIELD)},
    "web.plan_corrections.recommendation": {"field": list(RECOMMENDATION)},
    "web.plan_corrections.finding": {"field": list(FINDING)},
    "web.plan_corrections.action": {"field": list(ACTION)},
    "web.plan_corrections.cost": {
        "figure": ["estimate.chair", "actual.author", "incurred.1.amount", "incurred.1.incurred_on"]
    },
    "web.part_corrections.part": {
        "field": [
            "commission.1.cost_pence",
            "panel_meeting.1.met_on",
            "imr.1.requested_on",
            "imr.1.due_on",
            "imr.1.received_on",
        ]
    },
    "web.commissioning_corrections.correct": {
        "figure": [
            "value.2018-19",
            "minimum.stoke.2018-19",
            "allocation.2018-19.1.amount",
            "allocation.2018-19.1.area",
        ]
    },
}
CHOSEN = "The one you chose (choose it again from the list)"
PLAIN = {"uuid": str(uuid.UUID(int=7)), "int": "1"}
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
DAY = ["3", "4", "2024"]
ROW = re.compile(
    r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
    r'<dd class="govuk-summary-list__value[^"]*">(.*?)</dd>',
    re.S,
)


def _arguments(rule: Rule) -> Iterator[dict[str, Any]]:
    """Each set of the rule's arguments that asks a form of its own: every step, every field
    a correction asks; one value for the rest."""
    steps = next((v for k, v in STEPS.items() if rule.endpoint.startswith(k + ".")), [])
    own = {"step": steps, **FIELDS.get(rule.endpoint, {})}
    kinds = {name: kind for kind, name in ARGUMENT.findall(rule.rule)}
    names = sorted(rule.arguments)
    choices = [own.get(name) or [PLAIN.get(kinds.get(name, ""), "x")] for name in names]
    for values in itertools.product(*choices):
        yield dict(zip(names, values, strict=True))


def _posts(app: Flask) -> list[tuple[str, dict[str, Any]]]:
    rules = [
        r
        for r in app.url_map.iter_rules()
        if "POST" in (r.methods or ()) and r.endpoint.startswith("web.")
    ]
    return [
        (rule.endpoint, args)
        for rule in sorted(rules, key=lambda r: r.rule)
        if rule.endpoint not in SIGNED_OUT
        for args in _arguments(rule)
    ]


def _answers(form: Any) -> Iterator[tuple[str, str, Any, str]]:
    """Each question the form asks: its name and label, a value as a browser sends it, and
    the words the page should show it in (a date as a date, a choice offered by its words).
    A list of boxes (one a point of a letter, made by its page) is sent as two boxes, shown
    by their places: "Answer 1 on the form"."""
    for field in form:
        if isinstance(field, HiddenField | SubmitField | CSRFTokenField | FileField):
            continue
        if field.name in NOT_ANSWERS:
            continue
        if isinstance(field, FieldList):
            for n in (1, 2):
                place = f"{field.label.text} {n} on the form"
                yield f"{field.name}-{n - 1}", place, f"Answer {n}", f"Answer {n}"
        elif isinstance(field, DateField):
            yield field.name, field.label.text, DAY, "3 April 2024"
        elif isinstance(field, BooleanField):
            yield field.name, field.label.text, "y", "Yes"
        elif getattr(field, "choices", None):
            offered = [_pair(c) for c in field.choices]
            chosen = next((c for c in offered if c[0]), ("a-choice", "a-choice"))
            yield field.name, field.label.text, *chosen
        elif isinstance(field, SelectFieldBase):  # offered from records: a key, never shown
            yield field.name, field.label.text, "a-record-key", CHOSEN
        else:
            yield field.name, field.label.text, "An answer", "An answer"


def _pair(choice: Any) -> tuple[str, str]:
    if isinstance(choice, SelectChoice):
        return str(choice.value), str(choice.label)
    if isinstance(choice, list | tuple):
        return str(choice[0]), str(choice[1])
    return str(choice), str(choice)


def _shown(page: bytes) -> dict[str, str]:
    found = ROW.findall(page.decode())
    return {html.unescape(k).strip(): html.unescape(v).strip() for k, v in found}


def test_every_form_sent_signed_out_shows_its_answers_under_its_questions(
    web_app: Flask, visitor: FlaskClient
) -> None:
    unknown, wrong = [], []
    walked = 0
    for endpoint, args in _posts(web_app):
        with web_app.test_request_context(method="POST"):
            address = url_for(endpoint, **args)
        with web_app.test_request_context(address, method="POST"):
            form = form_asked(set())
            answers = list(_answers(form)) if form is not None else []
            expected = {label: words for _, label, _, words in answers}
        if form is None:
            unknown.append(f"{endpoint} {args}")
            continue
        data = {name: v for name, _, v, _ in answers}
        sent = visitor.post(address, data=data)
        walked += 1
        shown = _shown(sent.data) if answers else {}
        if sent.status_code != 401 or shown != expected:
            wrong.append(f"{endpoint} {args}: {sent.status_code} {shown} != {expected}")
    assert not unknown, "no form known to ask (declare it with asks):\n" + "\n".join(unknown)
    assert not wrong, "answers not under their questions:\n" + "\n".join(wrong)
    assert walked > 100  # every step and correction, not a few pages


def _signed_out_answers(client: FlaskClient, address: str, data: dict[str, Any]) -> str:
    sent = client.post(address, data=data)
    assert sent.status_code == 401
    return " ".join(f"{k} {v}" for k, v in _shown(sent.data).items())


def test_a_pots_question_sent_signed_out_shows_its_answers_under_the_words_of_its_page(
    visitor: FlaskClient, people: People
) -> None:
    """A pot's questions are made per pot page and name their date for what they record: the
    answers sit under "Date of the agreement", not "On"."""
    pot = f"/partnerships/{people.tenant}/money/{uuid.uuid4()}"
    said = _signed_out_answers(
        visitor,
        f"{pot}/contributions/new",
        {"partner": "blaby", "year": "2016/17", "amount": "2,500", "on": ["1", "4", "2016"]},
    )
    assert said == (
        f"Partner {CHOSEN} Financial year 2016/17 Amount, in pounds 2,500 "
        "Date of the agreement 1 April 2016"
    )  # the partner's key ("blaby") says nothing; its words are not read for someone signed out
    spent = _signed_out_answers(
        visitor,
        f"{pot}/spend/new",
        {"allocation": "chairs", "review": f"{people.tenant}|{uuid.uuid4()}", "amount": "8500"},
    )
    assert spent == f"What it pays for {CHOSEN} For which review {CHOSEN} Amount, in pounds 8500"


def test_a_choice_of_records_sent_signed_out_says_it_was_chosen_never_its_key(
    visitor: FlaskClient, people: People
) -> None:
    """A group's owner and members are chosen from the region's partnerships, sent as their
    keys: not shown, and not read for someone signed out, who is told to choose again."""
    said = _signed_out_answers(
        visitor,
        f"/regions/{people.region}/ledger/groups/new",
        {
            "name": "Shire board",
            "kind": "partnerships",
            "owner": people.tenant,
            "members": [people.tenant, people.neighbour],
            "on": ["1", "4", "2024"],
        },
    )
    assert said == (
        "Name Shire board What kind of group is it? A group of partnerships "
        f"Who owns the plan {CHOSEN} "
        "Member partnerships The 2 you chose (choose them again from the list) "
        "Date the group was formed 1 April 2024"
    )
    assert people.tenant not in said and people.neighbour not in said


def test_an_agency_typed_where_the_directory_lists_none_is_shown_as_typed(
    visitor: FlaskClient, people: People
) -> None:
    """Where the region's directory lists no agency, the agency is a text box: what was typed
    is the person's own words, shown back as typed; a directory's key is not."""
    step = f"/partnerships/{people.tenant}/cases/{uuid.uuid4()}/imr-request"
    typed = _signed_out_answers(visitor, step, {"agency": "Northtown Health Trust"})
    assert typed == "Agency Northtown Health Trust"
    keyed = _signed_out_answers(visitor, step, {"agency": "northtown-health-trust"})
    assert keyed == f"Agency {CHOSEN}"


def test_a_resubmission_sent_signed_out_shows_each_answer_whole_under_its_place_on_the_form(
    visitor: FlaskClient, people: People
) -> None:
    """The letter's points are the case's record, not read for a form that cannot be
    recorded: each answer is under its box's place, its line breaks kept to copy."""
    sent = visitor.post(
        f"/partnerships/{people.tenant}/cases/{uuid.uuid4()}/resubmission",
        data={
            "on": ["1", "12", "2024"],
            "answers-0": "Chronology merged.\r\n\r\nSources cited.",
            "answers-1": "GP section rewritten",
        },
    )
    assert sent.status_code == 401
    assert _shown(sent.data) == {
        "Date of resubmission": "1 December 2024",
        "Answer 1 on the form": "Chronology merged.\r\n\r\nSources cited.",
        "Answer 2 on the form": "GP section rewritten",
    }
    assert 'app-pre-wrap">Chronology merged.' in sent.data.decode()


def test_a_qa_letters_points_sent_signed_out_show_each_under_its_place_on_the_form(
    visitor: FlaskClient, people: People
) -> None:
    """The page of a box for each point, sent after the session ended: the date and number
    carried on it, and each point whole under its place, its paragraphs kept to copy."""
    sent = visitor.post(
        f"/partnerships/{people.tenant}/cases/{uuid.uuid4()}/qa-feedback/points",
        data={
            "on": ["1", "11", "2024"],
            "count": "2",
            "points-0": "Clarify the chronology.\r\n\r\nCite each source.",
            "points-1": "Expand the GP section",
        },
    )
    assert sent.status_code == 401
    assert _shown(sent.data) == {
        "Date of the QA panel's letter": "1 November 2024",
        "Number of points the letter raised": "2",
        "Point 1 on the form": "Clarify the chronology.\r\n\r\nCite each source.",
        "Point 2 on the form": "Expand the GP section",
    }


def test_a_correction_sent_signed_out_shows_its_answers_under_the_fact_it_corrects(
    visitor: FlaskClient, people: People
) -> None:
    """A correction's form is built for the one fact its address names."""
    said = _signed_out_answers(
        visitor,
        f"/partnerships/{people.tenant}/corrections/{uuid.uuid4()}/incident_on",
        {"version": "4", "value": ["2", "3", "2024"], "reason": "Keyed as the 3rd"},
    )
    assert said == (
        "The right date of the death 2 March 2024 Why was the recorded date wrong? Keyed as the 3rd"
    )


def test_a_year_budgeted_sent_signed_out_names_each_areas_minimum_by_its_place(
    visitor: FlaskClient, people: People
) -> None:
    """An area's name is the region's record, not read for a form that cannot be recorded:
    its minimum is named by its place on the form, never as "Minimum 1"."""
    said = _signed_out_answers(
        visitor,
        f"/regions/{people.region}/commissioning-budgets/STAFFS-DA/years/new",
        {"year": "2017/18", "annual_value": "1,836,000", "minimum_0": "", "minimum_1": "421,000"},
    )
    assert said == (
        "Financial year 2017/18 Value of the year, in pounds 1,836,000 "
        "Minimum spend in area 2 on the form, in pounds 421,000"
    )


def test_a_checked_file_sent_signed_out_shows_what_it_holds_and_its_columns_by_their_names(
    visitor: FlaskClient, people: People
) -> None:
    """The columns step carries the file and the columns chosen before as hidden fields: they
    are not answers; each column chosen sits under the template's heading."""
    imports = f"/partnerships/{people.tenant}/imports"
    sent = {
        "kind": "cases",
        "filename": "tracker.xlsx",
        "content": "UEsDBA==",
        "columns": '{"reference": "DHR Ref"}',
        "column_reference": "DHR Ref",
        "column_incident_on": "Date of death",
    }
    said = _signed_out_answers(visitor, f"{imports}/columns", sent)
    assert said == (
        "What does the spreadsheet hold? Cases The spreadsheet tracker.xlsx "
        "Reference DHR Ref Incident date Date of death"
    )


NAMED = re.compile(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"')


def test_a_pots_questions_declare_the_forms_their_pages_ask(site: FlaskClient) -> None:
    """What a pot's questions declare is what their pages ask: the same field names, so
    every answer sent finds its question."""
    pot = opened(site)
    sign_out(site)
    sign_in(site, "charnwood-lead")  # who may ask every question
    app = site.application
    for endpoint, path, *_ in QUESTIONS:
        address = f"{pot}/{path}/new"
        asking = site.get(address)
        assert asking.status_code == 200, address
        on_page = set(NAMED.findall(asking.data.decode())) - {"csrf_token"}
        with app.test_request_context(address, method="POST"):
            form = form_asked(set())
        assert form is not None, endpoint
        assert on_page == {f.name for f in form if f.type != "SubmitField"} - {"csrf_token"}, (
            endpoint
        )
