"""What a body that pays into a region's pots reads of them over the API: which pots, and each
pot's year as its agency work page shows it. Money in integer pence; no case is named."""

from __future__ import annotations

from marshmallow import fields, validate

from api.schemas.common import In, Out


class PotYearIn(In):
    year = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^\d{4}/\d{2}$"),
        metadata={"description": "financial year, e.g. 2016/17; default: this financial year"},
    )


class ContributorPotOut(Out):
    """A pot the user's body is a partner of: which, in which region, kept by whom."""

    id = fields.UUID()
    name = fields.String()
    region = fields.String()
    manager = fields.String(metadata={"description": "the body managing the pot"})


class OwnPartOut(Out):
    """The body's own part of the year, in pence."""

    agreed, not_drawn_down = fields.Integer(), fields.Integer()
    due = fields.Integer(metadata={"description": "due for the year (accruals basis)"})
    paid = fields.Integer(metadata={"description": "received for the year"})
    owed = fields.Integer(metadata={"description": "owed at the year's end"})


class PartnershipSpendOut(Out):
    """What the pot paid in the year for one partnership's reviews, as amounts."""

    partnership = fields.String(
        allow_none=True, metadata={"description": "slug; null: a review no partner holds now"}
    )
    partnership_name = fields.String()
    reviews = fields.Integer()
    pence = fields.Integer()


class ContributorPotYearOut(ContributorPotOut):
    """A pot's year as the body that pays into it reads it."""

    year = fields.String(metadata={"description": "financial year, e.g. 2016/17"})
    partner = fields.String(metadata={"description": "the body's partner directory key"})
    own_part = fields.Nested(OwnPartOut)
    left_in_pot_cash = fields.Integer(metadata={"description": "closing reserve, received"})
    left_in_pot_accruals = fields.Integer(metadata={"description": "closing reserve, accruals"})
    review_spend = fields.List(fields.Nested(PartnershipSpendOut))
