"""The edge limits are attached once per schema instance, never piled onto the class's fields."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import In


class _Sample(In):
    reason = fields.String()
    amount = fields.Integer()
    owners = fields.List(fields.String())


def test_making_schemas_does_not_add_validators_to_the_declared_fields() -> None:
    declared = {name: len(f.validators) for name, f in _Sample._declared_fields.items()}
    for _ in range(50):  # every request makes its schemas anew
        schema = _Sample()
    assert {n: len(f.validators) for n, f in _Sample._declared_fields.items()} == declared
    assert len(schema.fields["reason"].validators) == declared["reason"] + 1  # still limited
    assert schema.validate({"reason": "a\u0000b"})  # NUL refused
