"""Learning across reviews: the draft compared, the earlier recommendations found, and the
region's repeated recommendations. Earlier recommendations carry their year, never a date."""

from __future__ import annotations

from marshmallow import fields, validate

from api.schemas.common import LEFT_OUT, In, Out, dates, integers, optional_text, strings

Code = fields.String(validate=validate.Length(min=1, max=80))


class RecommendationDraftIn(In):
    text = optional_text(4000)
    theme_codes = fields.List(Code, load_default=list, validate=validate.Length(max=20))
    target_sector = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=80),
        metadata={"description": "the addressee: a service sector code"},
    )
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class OutcomesOut(Out):
    actions, completed, impact_reviewed, embedded = integers(4)


class SimilarOut(Out):
    score = fields.Float(metadata={"description": "cosine similarity, 0 to 1"})
    reach = fields.String(metadata={"description": "own, region or national"})
    partnership = fields.String()
    year = fields.Integer()
    text, scope = strings(2)
    theme_codes = fields.List(fields.String())
    addressee, organisation = strings(2, allow_none=True)
    published = fields.Boolean()
    outcome = fields.String()
    actions = fields.Nested(OutcomesOut)
    recommendation_id = fields.UUID(
        allow_none=True, metadata={"description": "only for the reader's own partnership"}
    )
    review_id = fields.UUID(allow_none=True)


class SimilarListOut(Out):
    matches = fields.List(fields.Nested(SimilarOut))
    unreadable_own = fields.Integer(metadata={"description": f"this partnership's {LEFT_OUT}"})
    unreadable_others = fields.Integer(metadata={"description": f"other partnerships' {LEFT_OUT}"})


class RepeatsQuery(In):
    threshold = fields.Float(load_default=0.5, validate=validate.Range(min=0.05, max=1.0))
    within_years = fields.Integer(load_default=3, validate=validate.Range(min=1, max=20))


class MemberOut(Out):
    partnership, tenant = strings(2)
    year = fields.Integer()
    text = fields.String()
    theme_codes = fields.List(fields.String())
    addressee = fields.String(allow_none=True)
    published = fields.Boolean()
    outcome = fields.String()
    actions = fields.Nested(OutcomesOut)


class ClusterOut(Out):
    themes = fields.List(fields.String())
    addressees = fields.List(fields.String())
    tenants = fields.List(fields.String())
    years = fields.List(fields.Integer())
    actions = fields.Nested(OutcomesOut)
    recommended_again_after_completion = fields.Boolean()
    members = fields.List(fields.Nested(MemberOut))


class HeatCellOut(Out):
    theme, tenant = strings(2)
    year, recommendations = integers(2)


class RepeatsOut(Out):
    region = fields.String()
    recommendations = fields.Integer()
    threshold = fields.Float()
    within_years = fields.Integer()
    clusters = fields.List(fields.Nested(ClusterOut))
    heat_map = fields.List(fields.Nested(HeatCellOut))
    unreadable = fields.Integer(metadata={"description": f"the partnerships' {LEFT_OUT}"})


class NationalExportQuery(In):
    since = fields.String(
        required=True,
        validate=validate.Regexp(
            r"^(199[0-9]|20[0-9]{2})-(0[1-9]|1[0-2])$",
            error="Give since as YYYY-MM, a month from 1990-01 on, for example 2016-04.",
        ),
        metadata={"description": "cases notified from this month on (YYYY-MM)"},
    )
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))


class CoveredReviewIn(In):
    tenant = fields.String(required=True, validate=validate.Length(min=1, max=40))
    review_id = fields.UUID(required=True)


class ResearchAgreementIn(In):
    reference = fields.String(required=True, validate=validate.Length(min=1, max=40))
    researcher = fields.String(
        required=True,
        validate=validate.Length(min=1, max=80),
        metadata={"description": "the researcher's user name (role researcher)"},
    )
    purpose = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    reviews = fields.List(
        fields.Nested(CoveredReviewIn), required=True, validate=validate.Length(min=1, max=500)
    )
    signed_on = fields.Date(required=True)
    expires_on = fields.Date(required=True)


class DownloadOut(Out):
    by = fields.String()
    at = fields.DateTime()


class ResearchAgreementOut(Out):
    id = fields.UUID()
    region, reference, researcher, purpose = strings(4)
    reviews = fields.Integer(metadata={"description": "how many reviews it covers"})
    signed_on, expires_on = dates(2)
    downloads = fields.List(fields.Nested(DownloadOut))
    status = fields.String(metadata={"description": "in_force, expired or revoked"})
    revoked_on = fields.Date(allow_none=True)
    revocation_reason = fields.String()


class ResearchAgreementListOut(Out):
    agreements = fields.List(fields.Nested(ResearchAgreementOut))


class RevocationIn(In):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    revoked_on = fields.Date(
        load_default=None, metadata={"past": True, "description": "default: today"}
    )
