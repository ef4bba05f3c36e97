"""The questions each step on a case asks, in GOV.UK form widgets.

Choices carry the domain's values with the words a person reads; dates use ``GovDate`` so a
missing or impossible date gets the design system's message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovTextArea
from wtforms import BooleanField, Field, FieldList, SelectField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, StopValidation

from api import vocabulary
from api.vocabulary import DEATH_CATEGORIES, DECISIONS, REVIEW_KINDS, choices
from api.web.agency_choices import agency_select
from api.web.fields import (
    DATE_HINT,
    MORE_THAN_ZERO,
    GovDate,
    PlainText,
    Pounds,
    at_most,
    long_text,
    radios,
    select,
    text,
    text_input,
    upper_first,
)
from api.web.steps import StepForm
from domain.errors import InvalidValueError
from domain.funding.plausible import ImplausibleAmountError, check_plausible
from domain.reviews.checks import NOTE, PSEUDONYM, check_pseudonym

OUTCOMES = choices(DECISIONS)
KINDS = choices(REVIEW_KINDS)
DEATHS = choices(DEATH_CATEGORIES)
AGE_BANDS = [("", "Not recorded"), *choices(vocabulary.AGE_BANDS)]
SEXES = [("", "Not recorded"), ("female", "Female"), ("male", "Male")]
RELATIONSHIPS = [("", "Not recorded"), *choices(vocabulary.RELATIONSHIPS)]
PAUSE_REASONS = choices(vocabulary.PAUSE_REASONS)
DOCUMENTS = [("overview_report", "Overview report"), ("executive_summary", "Executive summary")]
MILESTONES = [
    ("contributed", "The family contributed to the review"),
    ("consulted_on_terms_of_reference", "The family was consulted on the terms of reference"),
    ("had_expert_advocate", "The family had an expert advocate"),
    ("received_draft", "The family received the draft report"),
    ("attended_panel", "The family attended a panel meeting"),
]
CHECKS = [
    ("agreed", "The panel agreed with the decision"),
    ("advised_review", "The panel advised that a review should be held"),
]


AGREED_PSEUDONYM = "Yes, this is the pseudonym agreed with the family"


def agreed_pseudonym() -> BooleanField:
    """The box that confirms a pseudonym shaped like a real full name; asked only once the
    pseudonym was refused for it."""
    return BooleanField(
        AGREED_PSEUDONYM,
        widget=GovCheckboxInput(),
        description="Tick only if the family agreed this name; it is kept for good.",
    )


def check_agreed_pseudonym(field: Field, confirmed: bool, again: str) -> None:
    """Refuse, beside its box, a pseudonym shaped like a real full name unless ``confirmed``,
    in the ledger's words (``check_pseudonym``); what else is wrong the box's own checks say."""
    value = field.data
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > PSEUDONYM:
        return
    try:
        check_pseudonym(value, confirmed, f'tick "{AGREED_PSEUDONYM}" and {again}')
    except InvalidValueError as refused:
        raise ValidationError(str(refused)) from None


class ConfirmingForm(StepForm):
    """A step whose ``unusual`` answer (a pseudonym shaped like a real name, an amount far
    above what one review costs) is refused beside its box until the box named after it
    (``<unusual>_confirmed``) is ticked: that box shows only once the answer was refused for
    being unusual (the refusal tells the person to tick it, by its words), or once it is
    ticked, so nobody ticks it out of habit, nor beside an answer left empty."""

    unusual: ClassVar[str]

    def asks(self, field: Field) -> bool:
        if field.name != f"{self.unusual}_confirmed":
            return True
        box = str(field.label.text)
        return bool(field.data) or any(box in str(e) for e in self[self.unusual].errors)


class NotifyForm(ConfirmingForm):
    unusual = "pseudonym"
    reference = text(
        "Case reference",
        "Enter the case reference",
        "Your partnership's own reference, for example DHR-2024-03. Letters, digits, '-', '/', '_' or '.'",
        40,
    )
    pseudonym = text(
        "Pseudonym",
        "Enter the pseudonym the review uses",
        "The name the review will use, for example Mary. Never the person's real name.",
        PSEUDONYM,
    )
    pseudonym_confirmed = agreed_pseudonym()
    kind = radios("Kind of review", KINDS, "Select the kind of review")
    death_category = radios("How the person died", DEATHS, "Select how the person died")
    incident_on = GovDate("Date of the death", "the death")
    notified_on = GovDate("Date the partnership was notified", "the notification")
    victim_age_band = select("Age of the person who died", choices=AGE_BANDS)
    victim_sex = select("Sex of the person who died", choices=SEXES)
    perpetrator_relationship = select("Perpetrator's relationship to them", choices=RELATIONSHIPS)

    def validate_pseudonym(self, field: Field) -> None:
        """Refused beside its box, as the ledger would refuse it, when it looks like a real
        full name; the box to confirm it shows then (``asks``)."""
        check_agreed_pseudonym(field, bool(self.pseudonym_confirmed.data), "open the case again")


class DecisionForm(StepForm):
    outcome = radios(
        "What did the partnership decide?", OUTCOMES, "Select what the partnership decided"
    )
    on = GovDate("Date of the decision", "the decision")
    reason = long_text(
        "Reason for the decision",
        None,
        "Needed when the partnership decided not to hold a review or to hold an alternative one.",
    )


class DecisionCheckForm(StepForm):
    outcome = radios("What did the Home Office QA panel say?", CHECKS, "Select what the panel said")
    on = GovDate("Date of the panel's check", "the panel's check")


class CommissionForm(StepForm):
    chair_ref = text(
        "Independent chair",
        "Enter a reference for the independent chair",
        "A role label or reference, for example 'Chair A (framework lot 2)'. Never a name.",
        80,
    )
    author_ref = text(
        "Report author",
        "Enter a reference for the report author",
        "A role label or reference. Never a name.",
        80,
    )
    cost = Pounds("Agreed cost, in pounds", "the agreed cost")
    on = GovDate("Date of commissioning", "commissioning")


class ImrRequestForm(StepForm):
    agency = agency_select("Agency", "Select the agency asked for an IMR")
    on = GovDate("Date of the request", "the IMR request")
    due_on = GovDate(
        "Date the IMR is due",
        "the IMR due date",
        optional=True,
        description=f"The IMR clock counts days late from this date. {DATE_HINT}",
    )


def _agency_select(message: str) -> SelectField:
    return select("Agency", InputRequired(message))


class ImrExtensionForm(StepForm):
    heading = ""  # "Agree to more time for …" when opened from the agency's request
    agency = _agency_select("Select the agency given more time")
    on = GovDate("Date the extension was agreed", "the extension")
    due_on = GovDate("New due date", "the new due date")
    reason = long_text("Reason for the extension", "Enter why more time was agreed")


class ImrExtensionRefusalForm(StepForm):
    heading = ""  # names the agency once it is known; the step's title until then
    agency = _agency_select("Select the agency whose request you refuse")
    on = GovDate("Date the panel refused", "the refusal of more time")
    reason = long_text(
        "Why the panel refuses",
        "Enter why the panel refuses more time",
        "The agency reads this on its IMR page.",
    )


class ImrChaseForm(StepForm):
    agency = _agency_select("Select the agency you chased")
    on = GovDate("Date you chased", "the chase")


IMR_OUTCOMES = [
    ("accepted", "Accepted"),
    ("returned", "Returned for more work"),
]


class ImrAssessmentForm(StepForm):
    agency = _agency_select("Select the agency whose IMR the panel assessed")
    outcome = radios("The panel's assessment", IMR_OUTCOMES, "Select the panel's assessment")
    points = long_text(
        "Points for the agency",
        None,
        "One point on each line. Needed when the IMR is returned for more work.",
        4000,
    )
    on = GovDate("Date of the assessment", "the assessment")


class ImrReturnForm(StepForm):
    """What the ledger records when an agency's IMR arrives: which agency sent it, the day the
    review received it and whether the agency's chronology came with it."""

    heading = ""  # the page's heading once the agency is known; the step's title until then

    agency = select(
        "Which agency sent its IMR?", InputRequired("Select the agency that sent its IMR")
    )
    on = GovDate("Date received", "receipt of the IMR")
    with_chronology = BooleanField(
        "The agency sent its chronology with it", widget=GovCheckboxInput()
    )


class DraftForm(StepForm):
    document = radios("Which document was drafted?", DOCUMENTS, "Select which document was drafted")
    on = GovDate("Date of the draft", "the draft")


MOST_POINTS = 40  # a letter's points one form takes: 40 boxes full hold under MAX_CONTENT_LENGTH


def _how_many(form: Any, field: Field) -> None:
    """A whole number of points from 1 to ``MOST_POINTS``, in the design system's words."""
    typed = (field.data or "").strip()
    if not typed.isdecimal():
        raise StopValidation("The number of points must be a whole number, like 3")
    if not 1 <= int(typed) <= MOST_POINTS:
        raise StopValidation(f"The number of points must be between 1 and {MOST_POINTS}")


def _kept_breaks(typed: Any) -> Any:
    """A box's line breaks as ``\n`` (a browser sends ``\r\n``), as the API takes them."""
    return typed.replace("\r\n", "\n") if isinstance(typed, str) else typed


class FeedbackForm(StepForm):
    """The letter's date and how many points it raised; then, on a page of their own (the
    step's ``later``), a box for each point (``ask``), sent as ``points-0``, ``points-1``…, so
    a point may run to paragraphs without being taken for the next."""

    on = GovDate("Date of the QA panel's letter", "the feedback letter")
    count = text_input(
        "Number of points the letter raised",
        DataRequired("Enter the number of points the letter raised"),
        _how_many,
        hint="Count the letter's numbered points. You type each one on the next page.",
        width=2,
    )
    points = FieldList(
        TextAreaField("Point", widget=GovTextArea(), filters=[_kept_breaks]), label="Point"
    )

    def how_many(self) -> int:
        """The number of points given, 0 until it is a good one."""
        typed = (self.count.data or "").strip()
        return int(typed) if typed.isdecimal() and 1 <= int(typed) <= MOST_POINTS else 0

    def ask(self) -> None:
        """A box for each point, "Point 2", saying "Enter point 2" when left empty; a box sent
        beyond the number given is dropped, one missing is asked for empty."""
        boxes = self.points
        while len(boxes.entries) > self.how_many():
            boxes.pop_entry()
        while len(boxes.entries) < self.how_many():
            boxes.append_entry()
        for number, box in enumerate(boxes.entries, start=1):
            box.label.text = f"Point {number}"
            box.validators = [
                PlainText(),
                DataRequired(f"Enter point {number}"),
                at_most(f"Point {number}", NOTE),
            ]

    def given(self) -> list[tuple[int, str]]:
        """Each point's number, from 1, with its words as typed."""
        return [(number, box.data or "") for number, box in enumerate(self.points, start=1)]


def _point_answer() -> TextAreaField:
    """One answer's box; ``ResubmitForm.ask`` labels it by its point. Its line breaks are kept
    (as a browser's ``\r\n`` sent them, as ``\n``, as the API takes them)."""
    return TextAreaField(
        "Answer",
        widget=GovTextArea(),
        validators=_answer_checks("the point"),
        filters=[_kept_breaks],
    )


def _answer_checks(point: str) -> list[Any]:
    """An answer to ``point`` ("point 2"): given, plain, no longer than the ledger keeps."""
    return [
        PlainText(),
        DataRequired(f"Enter your answer to {point}"),
        at_most(f"Your answer to {point}", NOTE),
    ]


PARAGRAPHS = {"params": {"label": {"classes": "app-pre-line"}}}  # a label's breaks kept


class ResubmitForm(StepForm):
    """The date, then a box for each point of the QA panel's latest letter (``ask``): sent back
    as ``answers-0``, ``answers-1``…, in the letter's order, so an answer may run to several
    lines and paragraphs without being taken for the next point's."""

    on = GovDate("Date of resubmission", "the resubmission")
    answers = FieldList(_point_answer(), label="Answer")
    numbers: tuple[int, ...] = ()  # the points the boxes answer, in order (set by ``ask``)

    def ask(self, points: Sequence[tuple[int, str]]) -> None:
        """One box for each (number, summary) of the letter, labelled "Point 2: Clarify the
        chronology" and saying "Enter your answer to point 2" when left empty; a box sent for
        no point is dropped, a point sent without one gets an empty box."""
        boxes = self.answers
        while len(boxes.entries) > len(points):
            boxes.pop_entry()
        while len(boxes.entries) < len(points):
            boxes.append_entry()
        for box, (number, summary) in zip(boxes.entries, points, strict=True):
            box.label.text = f"Point {number}: {summary}"
            box.validators = _answer_checks(f"point {number}")
            box.render_kw = PARAGRAPHS  # a point of the letter may run to paragraphs
        self.numbers = tuple(number for number, _ in points)

    def given(self) -> list[tuple[int, str]]:
        """Each point's number with its answer as typed."""
        return [(n, box.data or "") for n, box in zip(self.numbers, self.answers, strict=True)]


class PauseForm(StepForm):
    reason = radios("Why is the review paused?", PAUSE_REASONS, "Select why the review is paused")
    on = GovDate("Date the review was paused", "the pause")
    note = long_text("Note", None, "Optional. For example, the expected trial date.", NOTE)


class FamilyForm(StepForm):
    milestone = radios("What happened?", MILESTONES, "Select what happened")
    on = GovDate("Date it happened", "the family's involvement")


class WithholdForm(StepForm):
    on = GovDate("Date of the decision to withhold", "the decision to withhold")
    reason = long_text(
        "Reason for withholding publication",
        "Enter the reason for withholding publication",
        "For example, until the inquest has concluded. Do not include anyone's name.",
    )


class DecommissionForm(StepForm):
    on = GovDate("Date the Home Office agreed", "the Home Office's agreement")
    reason = long_text("Reason for decommissioning", "Enter the reason for decommissioning")


COST_CATEGORIES = [
    ("chair", "Independent chair"),
    ("author", "Report author"),
    ("admin", "Administration"),
    ("legal", "Legal advice"),
    ("translation", "Translation and interpreting"),
    ("venue", "Venues"),
    ("other", "Other"),
]
COST_WORDS = dict(COST_CATEGORIES)


FIGURE_IS_RIGHT = "Yes, this figure is right"


def figure_is_right() -> BooleanField:
    """The box that confirms an amount far above what one review costs, declared right after
    the amount so that it shows beside it; asked only once that amount was refused."""
    return BooleanField(
        FIGURE_IS_RIGHT,
        widget=GovCheckboxInput(),
        description="Tick only if this one review's figure really is that much.",
    )


def check_figure(amount: Pounds, confirmed: bool, again: str = "save again") -> None:
    """Refuse, beside its box, an ``amount`` far above what one review costs unless
    ``confirmed``, in the ledger's words (``domain.funding.plausible``)."""
    if amount.pence is None:
        return
    confirm = f'tick "{FIGURE_IS_RIGHT}" and {again}'
    try:
        check_plausible(amount.pence, upper_first(amount.what), confirmed, confirm)
    except ImplausibleAmountError as refused:
        raise ValidationError(str(refused)) from None


class CostFigureForm(ConfirmingForm):
    """A figure of one review's cost (``amount``, with ``amount_confirmed`` beside it): an
    amount far above what a review costs is refused beside its box, as the ledger would refuse
    it (``domain.funding.plausible``), with the box to confirm it; nothing is recorded until
    it is confirmed or changed."""

    unusual = "amount"
    amount: Pounds
    amount_confirmed: BooleanField

    def validate_amount(self, field: Pounds) -> None:
        check_figure(field, self.amount_confirmed.data)


class CostEstimateForm(CostFigureForm):
    category = radios(
        "What is the estimate for?", COST_CATEGORIES, "Select what the estimate is for"
    )
    amount = Pounds("Estimated cost, in pounds", "the estimated cost")
    amount_confirmed = figure_is_right()
    on = GovDate("Date of the estimate", "the estimate")
    reason = long_text(
        "Why it was estimated or revised",
        None,
        "Optional. A new estimate for the same thing replaces the earlier one.",
        2000,
    )


class CostForm(CostFigureForm):
    category = radios("What was the cost for?", COST_CATEGORIES, "Select what the cost was for")
    amount = Pounds("Cost, in pounds", "the cost", validators=[MORE_THAN_ZERO])  # an invoice
    amount_confirmed = figure_is_right()
    on = GovDate("Date the cost was incurred", "the cost")
    description = long_text(
        "What the cost was",
        "Enter what the cost was",
        "For example 'Author's invoice 2017-014, first draft'.",
        2000,
    )
