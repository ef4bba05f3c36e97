"""A correction: which field, its right value, and why it was wrong."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import In, required_text
from api.schemas.funding import confirmation_field


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
