"""A step whose questions take two pages: some can only be asked once an earlier answer is
known (a box for each point of the QA panel's letter, once the officer has said how many
points it raised), so they wait for a page of their own (``Later``), after the step's
question page and before its check page.

Each page's form carries the other page's answers back hidden, as the check page carries
them all: whichever page is sent, the request holds every answer, so what waits sealed for
the next page (``ledger.drafts``) is always the whole step, and the question page shown
again after "Change" keeps the points already typed. The question page checks only its own
questions; the later page checks them all, as the check page does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import Field, FieldList

FIRST = ""  # the step's question page, among its pages
OWN_FIELDS = ("csrf_token", "version", "submission")  # every page's form renders its own


@dataclass(frozen=True)
class Later:
    """The questions a step asks on a later page: its address under the step's ("points"),
    its heading and lede, and the form's fields it asks (the question page asks the rest)."""

    slug: str
    title: str
    fields: tuple[str, ...]
    lede: str = ""


def part_of(later: Later | None, name: str) -> str:
    """The page asking the form's field ``name``: ``later``'s slug, else ``FIRST``."""
    return later.slug if later is not None and name in later.fields else FIRST


def owner(form: FlaskForm, name: str) -> str:
    """The form's field an answer sent as ``name`` answers: a box of a list (``points-2``)
    answers its list (``points``)."""
    head, _, place = name.rpartition("-")
    if name not in form and place.isdigit() and head in form and isinstance(form[head], FieldList):
        return head
    return name


def asked_on(form: FlaskForm, later: Later | None, part: str) -> list[Field]:
    """The questions page ``part`` asks, a list of boxes as its boxes, in the form's order."""
    top = [f for f in form if part_of(later, f.name) == part]
    return [box for f in top for box in (f.entries if isinstance(f, FieldList) else [f])]


def elsewhere(
    form: FlaskForm, later: Later | None, part: str, sent: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The answers ``sent`` that another page asks, for page ``part`` to carry back hidden."""
    return [
        (name, value)
        for name, value in sent
        if name not in OWN_FIELDS and part_of(later, owner(form, name)) != part
    ]


def valid_on(form: FlaskForm, later: Later | None, part: str) -> bool:
    """Whether the questions of page ``part`` are answered well (its CSRF token too), their
    messages beside them as ``validate`` would put them; the other page's are left alone."""
    valid = True
    for field in form:
        if part_of(later, field.name) != part:
            continue
        inline = getattr(type(form), f"validate_{field.name}", None)  # as ``validate`` adds it
        valid = field.validate(form, [inline] if inline else []) and valid
    return valid


def first_in_error(form: FlaskForm, later: Later | None) -> str:
    """The page asking the first question with a message: where the person changes it."""
    wrong = next((f for f in form if f.errors and f.name != "csrf_token"), None)
    return part_of(later, wrong.name) if wrong is not None else FIRST
