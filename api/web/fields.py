"""Form fields that speak GOV.UK: a date input with the design system's error messages.

"Enter the date of the decision, for example 27 3 2017" when it is missing, "... must be a
real date" when it is not one; the error summary links to the day box.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from flask import render_template
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, Field, FieldList, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, StopValidation

from api.vocabulary import dates_in_words
from domain.calendar import uk_today
from domain.errors import DomainError
from domain.funding import pounds
from domain.funding.money import MOST_PENCE
from domain.texts import not_plain


class PlainText:
    """Refuse text the ledger must not keep, as the API does (``api.schemas.limits``): a NUL
    the store cannot hold, a bidirectional override that makes a record read differently
    from what it says. Pasted from another document, they are invisible; the message says
    where they are so they can be found and deleted."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        problem = not_plain(field.data) if isinstance(field.data, str) else None
        if problem is not None:
            raise StopValidation(
                f"{problem}. Delete it: it may have come with text pasted from another "
                "document, and cannot be kept"
            )


def text_input(label: str, *validators: Any, hint: str = "", width: int = 0) -> StringField:
    """A one-line text box: ``text_input("Title", InputRequired("Enter the title"))``; ``width``
    sizes it for short answers, in characters (the design system's widths: 2, 3, 4, 5, 10, 20)."""
    sized = {"params": {"classes": f"govuk-input--width-{width}"}} if width else None
    return StringField(
        label,
        widget=GovTextInput(),
        description=hint,
        validators=[PlainText(), *validators],
        render_kw=sized,
    )


def text_area(label: str, *validators: Any, hint: str = "") -> TextAreaField:
    return TextAreaField(
        label, widget=GovTextArea(), description=hint, validators=[PlainText(), *validators]
    )


def select(label: str, *validators: Any, hint: str = "", **kwargs: Any) -> SelectField:
    """A drop-down list; its choices are set by the view."""
    return SelectField(
        label, widget=GovSelect(), description=hint, validators=list(validators), **kwargs
    )


def radios(label: str, choices: Any, message: str) -> RadioField:
    """One answer of several, which must be given."""
    return RadioField(
        label, choices=choices, widget=GovRadioInput(), validators=[InputRequired(message)]
    )


def upper_first(words: str) -> str:
    """Words opening a sentence: only the first letter raised ("The Home Office's reply")."""
    return words[:1].upper() + words[1:]


def at_most(label: str, max_length: int) -> Length:
    """The design system's words for too long an answer: "Title must be 200 characters or fewer".
    A question ("What will be done?") cannot open that sentence: such a field names its answer."""
    assert not label.endswith("?"), f"name the answer to {label!r} (named=...)"
    return Length(max=max_length, message=f"{label} must be {max_length} characters or fewer")


def text(
    label: str,
    message: str,
    hint: str = "",
    max_length: int = 120,
    named: str = "",
    width: int = 0,
) -> StringField:
    """A text box that must be filled in, at most ``max_length`` characters (the message about
    that calls the answer ``named``, else by its label); spaces alone are no answer."""
    too_long = at_most(named or label, max_length)
    return text_input(label, DataRequired(message), too_long, hint=hint, width=width)


def long_text(
    label: str, message: str | None, hint: str = "", max_length: int = 500, named: str = ""
) -> TextAreaField:
    """A text area, filled in when ``message`` says what is missing, else optional. Spaces
    alone are no answer: they get the same "Enter ..." message beside the box, not the
    ledger's refusal pinned to the form's first question."""
    required = DataRequired(message) if message else Optional()
    return text_area(label, required, at_most(named or label, max_length), hint=hint)


PLURAL_FACTS = {"themes"}  # facts named in the plural: "why were the recorded themes wrong?"


def why_wrong(kept_in: str, what: str = "amount") -> TextAreaField:
    """Every correction's reason: why the recorded value was wrong, required, kept in
    ``kept_in`` ("the case's history") for auditors."""
    was = "were" if what in PLURAL_FACTS else "was"
    return text_area(
        f"Why {was} the recorded {what} wrong?",
        DataRequired(f"Say why the recorded {what} {was} wrong"),  # spaces alone are no reason
        Length(max=500, message="Keep the reason to 500 characters"),
        hint=f"Kept in {kept_in} with your name, for auditors.",
    )


# One example date, in the hint above the boxes and in the error under them alike
DATE_EXAMPLE = "27 3 2017"
DATE_HINT = f"For example, {DATE_EXAMPLE}"


class GovDate(DateField):
    """Day, month and year boxes; ``what`` names the date: "the decision". A date that says
    when something ``happened`` (the API's ``"past"`` dates) cannot be after today in the UK:
    a decision or a receipt dated next year would count in every total until then."""

    widget = GovDateInput()

    def __init__(
        self, label: str, what: str, optional: bool = False, happened: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        kwargs.setdefault("description", DATE_HINT)  # the pattern's hint: which box is which
        super().__init__(label, **kwargs)
        self.what, self.optional, self.happened = what, optional, happened

    def process_formdata(self, valuelist: list[str]) -> None:
        # always day, month and year, however many boxes came back (the widget unpacks three)
        self.data = None
        if not valuelist:
            self.raw_data = None
            return
        parts = ([v.strip() for v in valuelist] + ["", "", ""])[:3]
        self.raw_data = parts
        names = ("day", "month", "year")
        if not any(parts):
            return  # "required" is checked in pre_validate, with the right words
        missing = [n for n, v in zip(names, parts, strict=False) if not v]
        if missing:
            raise ValueError(f"{upper_first(self.subject)} must include a {' and '.join(missing)}")
        if parts[2].isdigit() and len(parts[2]) < 4:  # "24": 1924 or 2024 is not ours to guess
            raise ValueError(
                f"The year in {self.subject} must have 4 numbers, for example {DATE_EXAMPLE}"
            )
        try:
            d, m, y = (int(p) for p in parts)
            if y < 1000:
                raise ValueError
            self.data = date(y, m, d)
        except ValueError:
            raise ValueError(
                f"{upper_first(self.subject)} must be a real date, for example {DATE_EXAMPLE}"
            ) from None

    def pre_validate(self, form: Any) -> None:
        if self.data is None and not self.process_errors:
            if self.optional:
                raise StopValidation()
            raise StopValidation(f"Enter {self.subject}, for example {DATE_EXAMPLE}")
        if self.happened and self.data is not None and self.data > uk_today():
            raise StopValidation(f"{upper_first(self.subject)} must be today or in the past")

    @property
    def subject(self) -> str:
        """ "the date of the decision", but "the due date", never "the date of the due date";
        "the update" holds the letters, not the word ("Enter the update" asked for words)."""
        return self.what if re.search(r"\bdate\b", self.what) else f"the date of {self.what}"


class LinkForm(FlaskForm):
    """A GET form that changes nothing: what it asks belongs in the link people share, so it
    carries no CSRF token."""

    class Meta:
        csrf = False


def recorded_day(label: str) -> GovDate:
    """The day a page or paper reads the ledger as of: what it showed at that day's end."""
    return GovDate(
        label,
        what="the day the ledger is shown as of",
        optional=True,
        description="What the ledger showed at the end of this day, as a board paper or an "
        "audit saw it: later entries and corrections are left out. Empty: as recorded now.",
    )


def questions(form: FlaskForm) -> Iterator[Field]:
    """Every question of ``form`` in its order, a list of boxes (a ``FieldList``: one box for
    each point of a letter) as its boxes, each with its own label, message and place to link
    to: what the question page shows, the error summary lists and the check page rows."""
    for field in form:
        if isinstance(field, FieldList):
            yield from field.entries
        else:
            yield field


def anchor(field: Field) -> str:
    """Where the error summary links: the field, or the first box of a date."""
    return f"#{field.name}-day" if isinstance(field, GovDate) else f"#{field.id}"


def error_list(
    form: FlaskForm, problem: str | None = None, at: Field | None = None
) -> list[dict[str, str]]:
    """The error summary's entries: each field's first message, then a refusal from the ledger.

    A refusal is also put beside the box it is about (``at``, else the first question), as
    the design system asks, so it is read where the answer is changed."""
    target = (at or first_question(form)) if problem else None
    extra = []
    if problem and target is None:
        extra.append({"text": problem, "href": "#main-content"})
    elif problem and target is not None and problem not in target.errors:
        if target.errors:  # its own message shows first beside it; the refusal still counts
            extra.append({"text": problem, "href": anchor(target)})
        target.errors = [*target.errors, problem]
    found = [
        {"text": field.errors[0], "href": anchor(field)}
        for field in questions(form)
        if field.errors and field.name != "csrf_token"
    ]
    csrf = getattr(form, "csrf_token", None)
    if csrf is not None and csrf.errors:
        found.append(
            {
                "text": "This form expired or was sent from elsewhere, so nothing was saved. "
                "Check your answers and send them again.",
                "href": "#main-content",
            }
        )
    return found + extra


def first_question(form: FlaskForm) -> Field | None:
    """The first field a person fills in: not the CSRF token, a button or a hidden version
    (an error linked to a hidden input leaves a screen reader's focus nowhere)."""
    skipped = ("CSRFTokenField", "SubmitField", "HiddenField")
    return next((f for f in questions(form) if f.type not in skipped), None)


class FormPage:
    """One question page: its form checked when sent, the ledger's refusal caught, the page shown.

    Use::

        page = FormPage(SomeForm())
        if page.submitted():
            with page.refusals():
                ...  # the command, which may refuse with a DomainError
                return redirect(...)
        return page.render("some/page.html", **context)

    A refusal shows in the error summary and beside its field (``error_list``): ``at`` (a field,
    or a function of the refusal's words that picks one), else the form's first question.
    """

    def __init__(
        self, form: FlaskForm, at: Field | Callable[[str], Field | None] | None = None
    ) -> None:
        self.form = form
        self.at = at
        self.problem: str | None = None

    def submitted(self) -> bool:
        """Sent and every field valid."""
        return bool(self.form.validate_on_submit())

    @contextmanager
    def refusals(self) -> Iterator[None]:
        """Keep the ledger's refusal to show on the page again, in words (its dates written
        out), instead of raising it."""
        try:
            yield
        except DomainError as refused:
            self.problem = in_words(str(refused))

    @property
    def errors(self) -> list[dict[str, str]]:
        at = self.at
        if at is not None and not isinstance(at, Field):
            at = at(self.problem or "")
        return error_list(self.form, self.problem, at)

    def render(self, template: str, **context: Any) -> str:
        return render_template(template, form=self.form, errors=self.errors, **context)


POUNDS = re.compile(r"£?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{0,2}))?")
"""Pounds as people type them: '8500', '8,500', '£8,500.00', '8500.5'; a comma only between
thousands, since '1,2,00' could mean £1.20 or £1,200 and guessing would record either."""


def pence_typed(typed: str) -> int | None:
    """An amount typed in pounds (``POUNDS``) as whole pence, exactly (never through a float);
    None when it is not one."""
    found = POUNDS.fullmatch(typed.strip())
    if found is None:
        return None
    whole, pennies = found.groups()
    return int(whole.replace(",", "")) * 100 + int((pennies or "").ljust(2, "0"))


class Pounds(StringField):
    """An amount typed in pounds ("8,500" or "£8,500.00"), kept as whole pence. Commas only
    group thousands: "1,2,00" or "85,00" is a slip to check, not £1,200 or £8,500."""

    def __init__(self, label: str, what: str, *, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GovTextInput())
        kwargs.setdefault(  # the design system's money input: "£" before a box sized for it
            "render_kw",
            {
                "params": {
                    "prefix": {"text": "£"},
                    "classes": "govuk-input--width-10",
                    "inputmode": "decimal",
                    "spellcheck": False,
                }
            },
        )
        super().__init__(label, **kwargs)
        self.what = what
        self.required = required
        self.pence: int | None = None

    def pre_validate(self, form: Any) -> None:
        self.pence = None
        text = (self.data or "").strip().removeprefix("£").strip()
        if not text and not self.required:
            raise StopValidation()  # left empty: no amount, and no message
        if not text:
            raise StopValidation(f"Enter {self.what}, for example 8500.00")
        self.pence = pence_typed(text)
        if self.pence is None and pence_typed(text.replace(",", "")) is not None:  # "1,2,00"
            raise StopValidation(
                f"{upper_first(self.what)} has a comma in the wrong place; enter it like "
                "8,500 or 8500.00"
            )
        if self.pence is None:
            raise StopValidation(f"Enter {self.what} in pounds, like 8500 or 8500.00")
        if self.pence > MOST_PENCE:  # the ledger refuses it too; here the box says so
            raise StopValidation(
                f"{upper_first(self.what)} must be {pounds(MOST_PENCE)} or less; check the figure"
            )


class MoreThanZero:
    """A ``Pounds`` validator for an amount the ledger refuses at £0 (a payment, a receipt, a
    spend, an allocation): refused beside the box, in pounds, before the ledger refuses it in
    pence. Left off where nothing is a real answer (an award of nothing, a contribution agreed
    or corrected to nothing). An empty optional box is not checked."""

    def __init__(self, message: str = "Enter an amount more than £0") -> None:
        self.message = message

    def __call__(self, form: Any, field: Field) -> None:
        if getattr(field, "pence", None) == 0:
            raise StopValidation(self.message)


MORE_THAN_ZERO = MoreThanZero()
# for an optional box, where someone typing 0 may mean "none": leaving it empty says so
OPTIONAL_MORE_THAN_ZERO = MoreThanZero("Enter an amount more than £0, or leave the box empty")


CHANGED_SINCE_OPENED = "This record changed after you opened this page (perhaps in another tab)."
"""Why a form was refused when the record moved on under it: worded for whoever changed it,
someone else or the same person in another tab. Each form adds what to do next."""


def in_words(message: str) -> str:
    """A ledger refusal as a person reads it: its ISO dates written out ("4 September 2013")."""
    return dates_in_words(message)


def field_for(form: FlaskForm, message: str) -> Field | None:
    """The field a refusal is about: when it speaks of dates, the date it names first ("The
    notification is dated …, before the incident" is about the notification's date), else
    the form's first date; None for any other refusal (the first question)."""
    words = message.lower()
    if "date" not in words:
        return None
    dates = [field for field in form if isinstance(field, GovDate)]

    def named_at(field: GovDate) -> int:
        at = words.find(f" {field.what.split()[-1].lower()} ")
        return at if at >= 0 else len(words)

    return min(dates, key=named_at, default=None)
