"""A correction: which field, its right value, and why it was wrong."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from api.schemas.common import In, required_text
from api.schemas.funding import confirmation_field
from api.schemas.limits import check_window


class CorrectionIn(In):
    field = required_text(
        80,
        metadata={
            "description": "the field to correct, e.g. incident_on (see the 422 for the list)"
        },
    )
    value = fields.Raw(
        required=True,
        allow_none=True,
        metadata={
            "description": "the right value: an ISO date, text, a code, whole pence, or a list "
            'of theme codes (theme_codes, e.g. ["training", "policy"])'
        },
    )
    reason = required_text(
        500, metadata={"description": "why the recorded value was wrong; shown in the history"}
    )

    @validates_schema
    def _dates_in_the_window(self, data: dict[str, Any], **_: Any) -> None:
        """A corrected date (a field ``…_on``, or a past pause's ``…_on`` keys) lies in the
        window every date the API takes does, as when it was first recorded."""
        value = data.get("value")
        dated = [(data.get("field", ""), value)]
        if isinstance(value, dict):
            dated = list(value.items())
        for name, text in dated:
            if not (isinstance(name, str) and name.endswith("_on") and isinstance(text, str)):
                continue
            try:
                day = date.fromisoformat(text)
            except ValueError:
                continue  # not a date: the ledger says what it wants
            try:
                check_window(day)
            except ValidationError as wrong:
                raise ValidationError(wrong.messages, "value") from None


class CaseCorrectionIn(CorrectionIn):
    """A case's correction: a pseudonym shaped like a full name needs ``pseudonym_confirmed``,
    as when the case is opened."""

    pseudonym_confirmed = fields.Boolean(
        load_default=False,
        metadata={"description": "true to keep a pseudonym that looks like a full name"},
    )


class CostCorrectionIn(CorrectionIn):
    """A cost figure's correction: the right amount above £100,000 needs ``amount_confirmed``,
    as when the figure is first recorded."""

    amount_confirmed = confirmation_field()
