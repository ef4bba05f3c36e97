"""A one-form question page, as every recording page of the service asks it (``ask``): its
words (``Words``), what it is about (``Asked``: the books it records in, its caption, the way
back), the page (``shared/question.html``: caption, heading, lede, the form's fields in order,
one button, a way back), the refusal shown or the confirmation after it, and the small helpers
its views share (a select's empty first choice, the form's date, a key made from a name)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from flask import flash, redirect, request
from flask_wtf import FlaskForm
from wtforms import Field, SelectField

from api.web.asked import empty
from api.web.fields import FormPage, field_for
from domain.calendar import uk_today
from domain.errors import InvalidValueError
from domain.funding import FinancialYear


@dataclass(frozen=True)
class Words:
    """What a question page says: heading, lede, button, the confirmation's verb ("allocated
    to") and the name of its date ("the allocation")."""

    title: str
    lede: str
    button: str
    done: str
    dated: str

    @classmethod
    def correction(cls, title: str, lede: str) -> Words:
        """A figure keyed wrongly, put right in pounds: every such question has the button of
        the case's correction forms (``correction_page``), says the figure was "corrected", and
        asks no date (the right figure stands from the day the wrong one was recorded)."""
        return cls(title, lede, "Record the correction", "corrected", "")


def _render(page: FormPage, words: Words, caption: str, back: tuple[str, str]) -> Any:
    """The question page; ``back`` is (address, its name)."""
    href, named = back
    return page.render(
        "shared/question.html",
        title=words.title,
        lede=words.lede,
        button=words.button,
        caption=caption,
        back=href,
        back_name=named,
    )


def _done(message: str, to: str) -> Any:
    flash(message)
    return redirect(to)


@dataclass(frozen=True)
class Asked:
    """What a question is about, as its page needs to know: the books its answer is recorded
    in (``books()`` opens them for writing), the caption over its heading (the pot's, the
    service's name) and the way back (address, its name), where the confirmation shows unless
    the answer names another page."""

    books: Callable[[], AbstractContextManager[Any]]
    caption: str
    back: tuple[str, str]


def ask(
    form: Any,
    words: Words,
    at: Field | Callable[[str], Field],
    record: Callable[[Any], str | tuple[str, str]],
    asked: Asked,
    names: Mapping[str, str] | None = None,
) -> Any:
    """One question, asked the one way every recording page asks it: once the form is valid,
    ``record(books)`` runs its use case and says what was recorded (with the page to confirm
    it on, when that is not the way back), and that page confirms it; a refusal shows in the
    error summary, at the question it names (else ``at``: a field, or a function of the
    refusal's words), keys spelled as people name them (``names``, read after ``record`` ran),
    and nothing is recorded."""
    focus = at if not isinstance(at, Field) else (lambda problem: field_for(form, problem) or at)
    page = FormPage(form, focus)
    if page.submitted():
        with page.refusals(), asked.books() as writing:
            said = record(writing)
            message, to = said if isinstance(said, tuple) else (said, asked.back[0])
            return _done(message, to)
    _name_keys(page, names or {})
    return _render(page, words, asked.caption, asked.back)


def dated(form: Any, words: Words) -> None:
    """Name the form's date for what it records: "Date of the payment"."""
    form.on.what = words.dated
    form.on.label.text = f"Date of {words.dated}"


def dated_form(form: type[FlaskForm], words: Words) -> Callable[[Mapping[str, Any]], FlaskForm]:
    """The form a question page asks, its date named as ``dated`` names it, for ``asks``: what
    was typed is shown back under "Date of the agreement", the question the person saw."""

    def built(_: Mapping[str, Any]) -> FlaskForm:
        shown = empty(form)
        dated(shown, words)
        return shown

    return built


def _name_keys(page: FormPage, names: Mapping[str, str]) -> None:
    if page.problem:
        page.problem = keys_named(page.problem, names)


def keys_named(problem: str, names: Mapping[str, str]) -> str:
    """A refusal speaks of partners and allocations by key ('charnwood'), as the API does; a
    page by name ("Charnwood")."""
    for key, name in names.items():
        problem = problem.replace(f"'{key}'", name)
    return problem


def day(form: Any) -> date:
    """The form's date, there once the form is valid."""
    return cast(date, form.on.data)


def choose(field: SelectField, choices: list[tuple[str, str]]) -> None:
    """A select's choices with an empty first option, so nothing is chosen by default."""
    field.choices = [("", "Choose")] + choices


def year_shown(form: Any) -> None:
    """Start the question at the year the pot's page showed (its links carry ``year``), else
    the current one."""
    if request.method == "GET" and not form.year.data:
        form.year.data = request.args.get("year") or FinancialYear.of(uk_today()).label


def key_of(name: str, what: str) -> str:
    """A short key made from a name ("Leicestershire Police" -> "leicestershire-police"), which
    the ledger keeps money under; a name with no letter or digit is refused."""
    key = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60].rstrip("-")
    if not key:
        raise InvalidValueError(f"The {what} needs a letter or a digit.")
    return key


def review_choices(ledger: Any, tenant: str, name: str) -> list[tuple[str, str]]:
    """One partnership's reviews as choices of a select (spend for a review, an agreement's
    reviews): "tenant|review id", "Blaby: BLA-01"."""
    index = ledger.reviews.index()
    return [
        (f"{tenant}|{rid}", f"{name}: {reference}")
        for reference, rid in zip(index.references, index.review_ids, strict=True)
    ]
