"""A case's documents: the form fields of an upload, and what the API says of each document."""

from __future__ import annotations

from marshmallow import fields, validate

from api.schemas.common import In, Out, enum, integers, required_text
from domain.documents import DocumentKind
from tenants.ledger.documents import MAX_TITLE


class DocumentFormIn(In):
    """The fields sent beside the file (multipart/form-data) for a new document."""

    kind = enum(DocumentKind, required=True)
    title = required_text(MAX_TITLE, metadata={"description": "may name people: kept sealed"})
    action_id = fields.UUID(
        load_default=None, metadata={"description": "the action this is evidence for"}
    )


class VersionOut(Out):
    number = fields.Integer()
    sha256 = fields.String(metadata={"description": "what the audit chain proves"})
    size = fields.Integer(metadata={"description": "bytes"})
    media_type = fields.String()
    filename = fields.String(allow_none=True, metadata={"description": "null once erased"})
    added_on = fields.Date()


class DocumentOut(Out):
    number = fields.Integer()
    kind = fields.String()
    title = fields.String(allow_none=True, metadata={"description": "null once erased"})
    action_id = fields.UUID(allow_none=True)
    versions = fields.List(fields.Nested(VersionOut))
    agency = fields.String(
        allow_none=True, metadata={"description": "the agency whose own IMR report this is"}
    )


class DigestIn(In):
    sha256 = fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9a-fA-F]{64}$"),
        metadata={"description": "the SHA-256 of the file, in hex"},
    )


class CarrierOut(Out):
    review_id = fields.UUID()
    reference = fields.String()
    document, version = integers(2)
    position = fields.Integer(metadata={"description": "the event's position in the chain"})
    event = fields.String()
    sealed_at_position = fields.Integer(allow_none=True)


class DigestProofOut(Out):
    tenant = fields.String()
    sha256 = fields.String()
    proven = fields.Boolean(
        metadata={"description": "an event carries it, the chain verifies and a seal vouches"}
    )
    carriers = fields.List(fields.Nested(CarrierOut))
    chain_intact = fields.Boolean()
    events_checked, seals_checked, head_position = integers(3)
    problems = fields.List(fields.String())


class DocumentDownloadOut(Out):
    at = fields.DateTime()
    user_id = fields.UUID()
    who = fields.String()
    review_id = fields.UUID()
    document = fields.Integer()
    version = fields.Integer()
