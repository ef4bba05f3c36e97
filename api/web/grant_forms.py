"""The questions of a budget line's pages (``region_money.py``) that need more than a field
a line: a business case, whose costed lines the page asks for one by one."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField

from api.web.fields import GovDate, MoreThanZero, Pounds, text, text_input

COSTED_LINES = 3  # a bid's costed lines the page asks for: the first must be given


def _optional_line(n: int) -> tuple[StringField, Pounds]:
    """Costed line ``n`` after the first: what it is for and its amount, both optional (the
    form's ``validate`` asks for the other half of a line given in part)."""
    return text_input(f"Costed line {n}: what the money is for (optional)"), Pounds(
        f"Costed line {n}: amount, in pounds (optional)",
        "the amount",
        required=False,
        validators=[MoreThanZero(f"Enter an amount more than £0 for costed line {n}")],
    )


class BusinessCaseForm(FlaskForm):
    """A bid against a line: what it seeks is its costed lines added up, never typed twice."""

    reference = text(
        "Reference", "Enter the business case's reference", "For example dhr-training.", 40
    )
    title = text(
        "Title", "Enter the business case's title", "For example Training for DHR chairs.", 200
    )
    submitted_by = text(
        "Submitted by",
        "Enter who submitted the business case",
        "For example West Midlands Heads of Community Safety.",
        200,
    )
    purpose_1 = text(
        "Costed line 1: what the money is for",
        "Enter what the money is for",
        "For example Consultancy and research.",
        200,
        named="What the money is for",
    )
    amount_1 = Pounds(
        "Costed line 1: amount, in pounds",
        "the amount for costed line 1",
        validators=[MoreThanZero("Enter an amount more than £0 for costed line 1")],
    )
    purpose_2, amount_2 = _optional_line(2)
    purpose_3, amount_3 = _optional_line(3)
    on = GovDate("Date it was submitted", "the submission", happened=True)

    def validate(self, extra_validators: Any = None) -> bool:
        """An optional costed line is given whole: what it is for and its amount (no line
        costs nothing: ``MoreThanZero``, as the ledger would refuse it in pence)."""
        valid = super().validate(extra_validators)
        for n in range(2, COSTED_LINES + 1):
            purpose, amount = self[f"purpose_{n}"], self[f"amount_{n}"]
            said, costed = bool((purpose.data or "").strip()), amount.pence is not None
            if amount.errors:  # its own message says what to do
                pass
            elif said and not costed:
                amount.errors = [f"Enter the amount for costed line {n}, for example 8500.00"]
            elif costed and not said:
                purpose.errors = [f"Enter what the money of costed line {n} is for"]
            valid = valid and not amount.errors and not purpose.errors
        return valid

    def costed(self) -> list[tuple[str, int]]:
        """The lines given, as (what for, pence)."""
        return [
            (self[f"purpose_{n}"].data.strip(), self[f"amount_{n}"].pence or 0)
            for n in range(1, COSTED_LINES + 1)
            if self[f"amount_{n}"].pence is not None
        ]
