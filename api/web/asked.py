"""The form a request's answers were typed into, so they can be shown back under the questions
the person saw ("Date the IMR is due": "3 April 2024", "How the person died": "Familial
homicide"), not the form's field names and codes ("Due on": "3 4 2024", "familial_homicide").

A page that cannot record a form (sent signed out, or while the store is away) shows its answers
back to copy. The form is the one its view asks: declared with ``asks`` where the address says
which (a step's question page asks its step's form), else the one form class the view's own
code names (``form = NotifyForm()``) whose fields hold every answer sent. When neither says,
an answer is labelled by its field's name in words, as before.

A choice offered from records (a partner, an agency, a pot, a review: choices a page fills at
request time) is sent as the record's key, which says nothing to a person ("blaby", an id).
Its words are not read back here: the answers are shown to someone who is not signed in, or
while a store is away, and reading a partnership's records for a key anyone can send would
name them to anyone. Such an answer is said plainly, as one chosen from the list, to choose
again (``chosen_from_records``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from flask import current_app, request
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Field, FieldList, SelectField
from wtforms.fields.choices import SelectChoice, SelectFieldBase

from api.web.formatting import long_date

FormClass = type[FlaskForm]
# A record's key as a choice sends it: a slug ("west-midlands-police"), an id, a review's
# "tenant|id"; never words a person typed (a field that is a text box while its list is
# empty takes those).
RECORD_KEY = re.compile(r"^[a-z0-9]+(?:[-_.|:][a-z0-9]+)*$")
Asks = FormClass | Callable[[Mapping[str, Any]], FormClass | FlaskForm | None]
F = TypeVar("F", bound=Callable[..., Any])


class WordsChosen(SelectField):
    """A select whose options are the person's own words, not records (a spreadsheet's own
    column headings, offered back): the value sent is what it says."""


def asks(form: Asks) -> Callable[[F], F]:
    """Declare the form a view asks: a class, or a function of the address's arguments giving
    a class or the form itself, built with the words its page gives it (``empty``)."""

    def mark(view: F) -> F:
        view.asks = form  # type: ignore[attr-defined]
        return view

    return mark


def form_asked(sent: set[str]) -> FlaskForm | None:
    """The form the request's view asks, empty, to read its questions from; None when the
    view does not say and its code names no one form holding every answer ``sent``."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return None
    declared = getattr(view, "asks", None)
    if declared is None:
        fitting = {f for f in _named_by(view) if sent <= set(_fields(f))}
        declared = fitting.pop() if len(fitting) == 1 else None
    elif not isinstance(declared, type):
        declared = declared(request.view_args or {})
    return empty(declared) if isinstance(declared, type) else declared


def empty(form: FormClass) -> FlaskForm:
    """A form with nothing typed in it, to read its questions from."""
    return form(formdata=None, meta={"csrf": False})


def boxes_sent(boxes: FieldList, sent: Iterable[str]) -> list[tuple[str, int]]:
    """The names sent for a list of boxes (``answers-0``, ``answers-1``, one a point of a
    letter), each with its place on the form, counted from 1, in order: the page that asked
    them labelled each by its point, which is the case's record, not read for a request
    signed out or while the store is away (as ``commissioning.placed`` names an area)."""
    found = (re.fullmatch(rf"{re.escape(boxes.name)}-(\d+)", name) for name in sent)
    return sorted(((m[0], int(m[1]) + 1) for m in found if m), key=lambda sent: sent[1])


def _named_by(view: Callable[..., Any]) -> list[FormClass]:
    """The form classes a view's code names, from its module or from the function that built
    it (a view made in a loop, one per kind of record)."""
    fn = inspect.unwrap(view)
    code = getattr(fn, "__code__", None)
    if code is None:
        return []
    found = [fn.__globals__.get(name) for name in code.co_names]
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            found.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return [f for f in found if isinstance(f, type) and issubclass(f, FlaskForm)]


def _fields(form: FormClass) -> list[str]:
    return [name for name in dir(form) if hasattr(getattr(form, name, None), "field_class")]


def answer_in_words(field: Field, values: list[str]) -> str:
    """An answer as the person chose it: a date as a date, a choice by its words, a ticked
    box as "Yes"; anything else as typed."""
    if isinstance(field, DateField) and len(values) == 3:
        try:
            day, month, year = (int(v) for v in values)
            return long_date(date(year, month, day))
        except ValueError:  # not a real date: as typed, to correct
            return " ".join(values)
    if isinstance(field, BooleanField):
        return "Yes"
    choices = getattr(field, "choices", None)
    if isinstance(choices, list | tuple) and choices:
        named = dict(_pairs(choices))
        return ", ".join(named.get(v, v) for v in values)
    if chosen_from_records(field, values):
        return _chosen(len(values))
    return " ".join(values)


def chosen_from_records(field: Field, values: list[str]) -> bool:
    """Whether ``values`` were chosen from a list of records the page filled (the empty form
    offers no choices of its own): keys, not words. A field that becomes a text box while
    its list is empty (``typed_when_unlisted``) took words when a value is not a key."""
    if not isinstance(field, SelectFieldBase) or isinstance(field, WordsChosen):
        return False
    if getattr(field, "choices", None):
        return False
    typed = getattr(field, "typed_when_unlisted", False)
    return not typed or all(RECORD_KEY.match(v) for v in values)


def _chosen(count: int) -> str:
    if count == 1:
        return "The one you chose (choose it again from the list)"
    return f"The {count} you chose (choose them again from the list)"


def _pairs(choices: list[Any] | tuple[Any, ...]) -> list[tuple[str, str]]:
    """A field's choices as (value, words): WTForms takes pairs, ``SelectChoice``s, or values
    that are their words."""
    return [_pair(c) for c in choices]


def _pair(choice: Any) -> tuple[str, str]:
    if isinstance(choice, SelectChoice):
        return str(choice.value), str(choice.label if choice.label is not None else choice.value)
    if isinstance(choice, list | tuple):
        return str(choice[0]), str(choice[1])
    return str(choice), str(choice)
