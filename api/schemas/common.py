"""Shared schema pieces: the problem document, strict inputs, reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property, lru_cache
from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from api.schemas import limits
from domain.texts import REASON, not_plain, visible


class In(Schema):
    """Base of every input schema: unknown fields are refused, never ignored, and every field
    keeps the limits of ``api.schemas.limits`` (plain text, £10bn, a sane date window).

    A body loads straight into the keyword arguments of the use case it is for, so a view
    calls ``ledger.funding.pay(line, **data)``. Where the use case spells a field otherwise
    (``on`` is ``withdrawn_on`` to ``withdraw_business_case``), the schema says so in
    ``RENAME``, or, where one body serves two use cases, the view's instance does:
    ``GrantMoneyIn(rename={"on": "paid_on"})``. Only what is loaded changes: the document,
    the field names clients send and the messages about them stay the JSON names. A field one
    use of a shared body documents as ignored is checked, then left out: ``ignore=("due_on",)``.
    """

    RENAME: ClassVar[Mapping[str, str]] = {}

    class Meta:
        unknown = RAISE

    def __init__(
        self,
        *args: Any,
        rename: Mapping[str, str] | None = None,
        ignore: Iterable[str] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.rename = dict(self.RENAME if rename is None else rename)
        self.ignore = frozenset(ignore)

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        limits.guard(field_obj)

    @post_load
    def _as_arguments(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if not self.rename and not self.ignore:  # left as loaded, whatever another hook made
            return data
        return {self.rename.get(k, k): v for k, v in data.items() if k not in self.ignore}

    def as_sent(self, loaded: Mapping[str, Any]) -> dict[str, Any]:
        """The loaded body under its JSON names again (an idempotency key's fingerprint is
        of what was sent, whatever the use case calls it)."""
        back = {v: k for k, v in self.rename.items()}
        return {back.get(k, k): v for k, v in loaded.items()}


def strings(count: int, **kw: Any) -> tuple[fields.String, ...]:
    """``count`` alike string fields, declared on one line: ``slug, name = strings(2)``."""
    return tuple(fields.String(**kw) for _ in range(count))


def integers(count: int, **kw: Any) -> tuple[fields.Integer, ...]:
    """``count`` alike integer fields, declared on one line."""
    return tuple(fields.Integer(**kw) for _ in range(count))


def dates(count: int, **kw: Any) -> tuple[fields.Date, ...]:
    """``count`` alike date fields, declared on one line."""
    return tuple(fields.Date(**kw) for _ in range(count))


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type, title = strings(2)
    status = fields.Integer()
    detail, instance = strings(2)
    errors = fields.Dict(metadata={"description": "per-field messages, by location then field"})
    request_id = fields.String(
        metadata={"description": "also in the X-Request-ID header; quote it to the operator"}
    )


Text = fields.String
Slug = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$"))


class _Shows(validate.Validator):
    def __call__(self, value: Any) -> Any:
        # text that is not plain is refused for that, in words that say where (limits.py)
        if isinstance(value, str) and not visible(value) and not_plain(value) is None:
            raise ValidationError(
                "Give a letter, digit or sign: spaces and invisible characters alone are blank."
            )
        return value


def required_text(max_len: int = 2000, **kwargs: object) -> fields.String:
    """Text that must be given: at least one character that shows (``domain.texts.visible``),
    so spaces, invisible characters or a lone accent do not pass for it."""
    return fields.String(
        required=True,
        validate=[validate.Length(min=1, max=max_len), _Shows()],
        **kwargs,  # type: ignore[arg-type]
    )


def optional_text(max_len: int = 2000) -> fields.String:
    return fields.String(load_default="", validate=validate.Length(max=max_len))


class ReasonIn(In):
    reason = required_text(REASON)


# What an answer's ``unreadable*`` field counts (``tenants.unreadable.LeftOut``).
LEFT_OUT = "records left out because one of their events cannot be read (logged for the operator)"


class Out(Schema):
    """Base of every output schema."""


class History(fields.Nested):
    """One entry of a record's history (a progress update, a piece of evidence): a frozen
    value, dumped once per distinct value rather than on every answer.

    Why: an action's answer is the whole action, so each command on it dumped every earlier
    update again through marshmallow (~10 µs an entry), a tenth of a command's time over HTTP
    as histories grow (figure b, README). The entries are frozen dataclasses, hashable and
    never changed, so one's dump is the same every time; each answer gets its own copy.
    """

    SIZE = 16384  # distinct entries kept per field: a few MB

    def _serialize(self, nested_obj: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:  # type: ignore[override]  # Nested and Field name it differently
        if nested_obj is None:
            return None
        return dict(self._dumped(nested_obj))

    @cached_property
    def _dumped(self) -> Callable[[Any], dict[str, Any]]:
        """Made on first use, on the copy of this field its schema holds (a ``List`` copies
        its inner field when bound), so the dump uses that copy's nested schema."""
        return lru_cache(maxsize=self.SIZE)(
            lambda value: super(History, self)._serialize(value, None, None)
        )


def enum(cls: type, **kw: object) -> fields.Enum:
    return fields.Enum(cls, by_value=True, **kw)  # type: ignore[arg-type]


class DatedIn(In):
    on = fields.Date(
        required=True, metadata={"description": "the day it happened (ISO date)", "past": True}
    )
