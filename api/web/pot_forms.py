"""The questions a pooled budget's page asks (``pot_questions.py``), as forms: one class a question."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Optional

from api.web.fields import (
    MORE_THAN_ZERO,
    GovDate,
    Pounds,
    long_text,
    radios,
    select,
    text,
    text_input,
    why_wrong,
)


def _year(hint: str = "For example 2016/17.") -> StringField:
    return text("Financial year", "Enter the financial year", hint, 9, width=5)


class OpenPotForm(FlaskForm):
    reference = text(
        "Reference", "Enter the pooled budget's reference", "For example DHR-POOL.", 40, width=10
    )
    name = text(
        "Name", "Enter the pooled budget's name", "For example Charnwood DHR pooled budget.", 200
    )
    manager = text(
        "Managed by",
        "Enter who manages the pooled budget",
        "For example the council's community safety team, or a safeguarding business office.",
        200,
    )
    on = GovDate("Date the pooled budget was opened", "opening the pooled budget", happened=True)


class ContributionForm(FlaskForm):
    """A partner's contribution to a pot for a financial year: agreed (£0 when a partner
    pays nothing that year), or received (``ReceiptForm``)."""

    partner = select("Partner", InputRequired("Select the partner"))
    year = _year()
    amount = Pounds("Amount, in pounds", "the amount")
    on = GovDate("Date", "the contribution", happened=True)


class ReceiptForm(ContributionForm):
    """A contribution received: money came in, so more than nothing. Its date is declared
    again so that it is still asked after the amount (fields show in the order made)."""

    amount = Pounds("Amount, in pounds", "the amount", validators=[MORE_THAN_ZERO])
    on = GovDate("Date", "the contribution", happened=True)


class SpendForm(FlaskForm):
    allocation = select("What it pays for", InputRequired("Select what the spend pays for"))
    review = select(
        "For which review",
        hint="The partnership's case reference, when the spend is for one DHR.",
    )
    amount = Pounds("Amount, in pounds", "the amount", validators=[MORE_THAN_ZERO])
    on = GovDate("Date of the spend", "the spend", happened=True)
    reason = long_text(
        "What was bought",
        "Enter what the money was spent on",
        "For example 'Chair's fee, first panel'.",
        2000,
    )


class AllocationForm(FlaskForm):
    """What a year's money is for: an amount outright, or so much per DHR for those expected."""

    year = _year()
    purpose = text(
        "What it is for",
        "Enter what the money is for",
        "For example 'Business office' or 'Chairs and authors'.",
        200,
    )
    amount = Pounds(
        "Amount for the year, in pounds",
        "the amount for the year",
        required=False,
        description="Leave empty when it is so much per DHR.",
        validators=[MORE_THAN_ZERO],
    )
    per_dhr = Pounds(
        "Or an amount per DHR, in pounds",
        "the amount per DHR",
        required=False,
        description="For example 8500 for a chair and an author.",
        validators=[MORE_THAN_ZERO],
    )
    expected_dhrs = text_input(
        "DHRs expected in the year",
        Optional(),
        hint="With an amount per DHR, for example 3 or 2.5.",
        width=3,
    )
    on = GovDate("Date it was planned", "the plan", happened=True)


class NotCalledForm(FlaskForm):
    """A partner's contribution not called for a year (the reserve covers it), or deferred."""

    partner = select("Partner", InputRequired("Select the partner"))
    year = _year()
    amount = Pounds(
        "Amount not called, in pounds",
        "the amount not called",
        required=False,
        description="Leave empty for all that is outstanding for the year.",
        validators=[MORE_THAN_ZERO],
    )
    deferred_to = text_input(
        "Called instead in the financial year",
        Optional(),
        hint="Leave empty when it is not called at all. For example 2017/18.",
        width=5,
    )
    reason = long_text(
        "Why",
        "Enter why the contribution is not called",
        "For example 'The reserve covers the year'.",
        2000,
    )
    on = GovDate("Date of the decision", "the decision", happened=True)


class YearForm(FlaskForm):
    """A financial year closed (its closing reserve carried forward) or reopened."""

    year = _year()
    reason = long_text("Why", None, "", 2000)
    on = GovDate("Date", "closing the year", happened=True)


class VariationForm(FlaskForm):
    """A request to change what a year's allocation is (the business office asks for more)."""

    allocation = select("Which allocation", InputRequired("Select the allocation"))
    amount = Pounds(
        "Amount asked for, in pounds", "the amount asked for", validators=[MORE_THAN_ZERO]
    )
    requested_by = text("Asked for by", "Enter who asks", "For example the business office.", 200)
    reason = long_text("Why", "Enter why the change is asked for", "", 2000)
    on = GovDate("Date of the request", "the request", happened=True)


class VariationDecisionForm(FlaskForm):
    """A variation awaiting a decision, approved (the allocation becomes what was asked) or not."""

    allocation = select("Which request", InputRequired("Select the request"))
    outcome = radios(
        "Decision",
        [("approve", "Approve: the allocation becomes the amount asked for"), ("refuse", "Refuse")],
        "Select approve or refuse",
    )
    reason = long_text("Why", "Enter the reason for the decision", "", 2000)
    on = GovDate("Date of the decision", "the decision", happened=True)


class MovementCorrectionForm(FlaskForm):
    """A receipt, spend or reserve brought in keyed wrongly, put right with the reason."""

    movement = select("Which receipt or spend", InputRequired("Select the receipt or spend"))
    amount = Pounds("The right amount, in pounds", "the right amount", validators=[MORE_THAN_ZERO])
    reason = why_wrong("the pot's history")


class NotCalledCorrectionForm(FlaskForm):
    """A decision not to call a contribution recorded with the wrong amount, put right with
    the reason."""

    decision = select("Which decision", InputRequired("Select the decision"))
    amount = Pounds(
        "The right amount not called, in pounds", "the right amount", validators=[MORE_THAN_ZERO]
    )
    reason = why_wrong("the pot's history")


class ContributionCorrectionForm(FlaskForm):
    """An agreed contribution keyed wrongly, put right with the reason (kept for auditors)."""

    contribution = select("Which agreed contribution", InputRequired("Select the contribution"))
    amount = Pounds("The right amount, in pounds", "the right amount")  # £0: nothing agreed
    reason = why_wrong("the pot's history")
