"""A form sent after its session ended: nothing is saved, and what was typed is shown back.

Sent signed out (idle for too long, the day's limit reached, signed out in another tab), a
form's answers cannot be recorded, and sending the person to the sign-in page would drop them:
they come back to an empty form. Instead the page says what happened and shows each answer
they typed, so they can copy it, sign in, and return to the form. The answers are the
browser's own, sent back to it and nowhere else (pages are never cached); nothing is kept.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import make_response, render_template, request, url_for
from werkzeug.wrappers import Response
from wtforms import FieldList

from api.web.asked import answer_in_words, boxes_sent, chosen_from_records, form_asked
from api.web.session import idle_in_words, safe_next

FILE_CARRIED = "content"  # a checked spreadsheet riding along in its import form, as base64
NOT_ANSWERS = ("csrf_token", "version", "submission", "submit", "preview", "change", FILE_CARRIED)
CHOSEN_ID = re.compile(  # a record's id, or a partnership's review as "tenant|id"
    r"^(?:[\w-]+\|)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def typed() -> list[dict[str, str]]:
    """Each answer with something in it, under the question the person saw, in the form's
    order: a date's three boxes (one name) as the date, a choice by its words (``asked``). A
    field the form does not name is labelled by its name in words ("Progress update"). A
    record chosen from a list is sent as its key, which says nothing to a person: under its
    question it is said to be the one chosen from the list (``asked``); an id the form asks no
    question for is left out, as is a field the form holds hidden (the page's bookkeeping)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return []  # sent from another site: its words are not shown as if they were the person's
    answers: dict[str, list[str]] = {}
    ids: dict[str, list[str]] = {}
    for key, value in request.form.items(multi=True):
        if key in NOT_ANSWERS or not value.strip():
            continue
        into = ids if CHOSEN_ID.match(value.strip()) else answers
        into.setdefault(key, []).append(value.strip())
    form = form_asked(set(answers))
    for name, chosen in ids.items():  # an id under a question of records: that it was chosen
        if form is not None and name in form and chosen_from_records(form[name], chosen):
            answers.setdefault(name, []).extend(chosen)
    shown = []
    for field in form if form is not None else ():
        if isinstance(field, FieldList):  # a box a point of a letter: "Answer 2 on the form"
            for key, n in boxes_sent(field, answers):
                label = f"{field.label.text} {n} on the form"
                shown.append({"label": label, "text": " ".join(answers.pop(key))})
        elif field.name in answers and field.type == "HiddenField":  # bookkeeping, not answers
            answers.pop(field.name)
        elif field.name in answers:
            shown.append(
                {"label": field.label.text, "text": answer_in_words(field, answers.pop(field.name))}
            )
    return shown + [
        {"label": name.replace("_", " ").replace("-", " ").capitalize(), "text": " ".join(v)}
        for name, v in answers.items()
    ]


def files_chosen() -> bool:
    """Whether the form carried a file, which is never shown back: it must be chosen again."""
    return bool(request.files) or FILE_CARRIED in request.form


def return_to() -> str | None:
    """Where signing in again leads: the form's own address, or, for an address that only
    takes forms (an import's record step), the page the form was on; else the start page."""
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        return request.path
    came_from = urlsplit(request.referrer or "")
    if came_from.netloc != request.host:
        return None
    return safe_next(came_from.path + (f"?{came_from.query}" if came_from.query else ""))


def page(why: str | None) -> Response:
    """The answer to a form sent signed out: 401, nothing recorded, the answers shown back."""
    back = url_for("web.signin.sign_in_page", next=return_to(), timed_out=why)  # None: left out
    answers = typed()
    shown = render_template(
        "signin/not_saved.html",
        why=why,
        idle=idle_in_words(),
        answers=answers,
        protective_marking=bool(answers),  # what was typed is case content
        files=files_chosen(),
        sign_in=back,
    )
    return make_response(shown, 401)
