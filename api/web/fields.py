"""Form fields that speak GOV.UK: a date input with the design system's error messages.

"Enter the date of the decision, for example 27 3 2017" when it is missing, "... must be a
real date" when it is not one; the error summary links to the day box.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField, Field
from wtforms.validators import StopValidation


class GovDate(DateField):
    """Day, month and year boxes; ``what`` names the date: "the decision"."""

    widget = GovDateInput()

    def __init__(self, label: str, what: str, optional: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, **kwargs)
        self.what, self.optional = what, optional

    def process_formdata(self, valuelist: list[str]) -> None:
        self.raw_data = [v.strip() for v in valuelist] if valuelist else None
        self.data = None
        if not valuelist:
            return
        parts = [v.strip() for v in valuelist][:3]
        names = ("day", "month", "year")
        if not any(parts):
            return  # "required" is checked in pre_validate, with the right words
        missing = [n for n, v in zip(names, parts, strict=False) if not v]
        if missing:
            raise ValueError(f"The date of {self.what} must include a {' and '.join(missing)}")
        try:
            d, m, y = (int(p) for p in parts)
            if y < 1000:
                raise ValueError
            self.data = date(y, m, d)
        except ValueError:
            raise ValueError(
                f"The date of {self.what} must be a real date, for example 27 3 2017"
            ) from None

    def pre_validate(self, form: Any) -> None:
        if self.data is None and not self.process_errors:
            if self.optional:
                raise StopValidation()
            raise StopValidation(f"Enter the date of {self.what}, for example 27 3 2017")


def anchor(field: Field) -> str:
    """Where the error summary links: the field, or the first box of a date."""
    return f"#{field.name}-day" if isinstance(field, GovDate) else f"#{field.id}"


def error_list(
    form: FlaskForm, problem: str | None = None, at: Field | None = None
) -> list[dict[str, str]]:
    """The error summary's entries: each field's first message, then a refusal from the ledger."""
    found = [
        {"text": field.errors[0], "href": anchor(field)}
        for field in form
        if field.errors and field.name != "csrf_token"
    ]
    csrf = getattr(form, "csrf_token", None)
    if csrf is not None and csrf.errors:
        found.append(
            {
                "text": "This form expired or was sent from elsewhere. Submit it again.",
                "href": "#main-content",
            }
        )
    if problem:
        first = at or next(
            (f for f in form if f.type not in ("CSRFTokenField", "SubmitField")), None
        )
        found.append({"text": problem, "href": anchor(first) if first else "#main-content"})
    return found
