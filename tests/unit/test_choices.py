"""One enum coercion for the domain: a member, or the caller's refusal with the values allowed."""

from __future__ import annotations

import pytest

from domain.choices import choose, coerce
from domain.correcting import one_of
from domain.errors import InvalidValueError
from domain.region.partners import Sector
from domain.reviews.values import PauseReason


def test_a_known_value_or_member_becomes_the_member() -> None:
    assert coerce(PauseReason, "inquest", "pause reason") is PauseReason.INQUEST
    assert coerce(PauseReason, PauseReason.OTHER, "pause reason") is PauseReason.OTHER


@pytest.mark.parametrize("value", ["Inquest", "", None, 3, True])
def test_anything_else_is_refused_with_the_values_allowed(value: object) -> None:
    with pytest.raises(InvalidValueError) as refused:
        coerce(PauseReason, value, "pause reason")
    assert str(refused.value) == (
        f"'{value}' is not a known pause reason; use one of: criminal_trial, inquest, other."
    )


def test_the_refusal_is_in_the_callers_words() -> None:
    with pytest.raises(InvalidValueError, match=r"^'ngo' is not a sector; choose from: csp, "):
        choose(Sector, "ngo", "'{value}' is not a sector; choose from: {allowed}.")


def test_a_correction_keeps_the_plain_string() -> None:
    parse = one_of(PauseReason, optional=True)
    assert parse("inquest", "pause reason") == "inquest"
    assert type(parse("inquest", "pause reason")) is str
    assert parse("", "pause reason") is None
    with pytest.raises(InvalidValueError, match="is not a known pause reason"):
        parse("strike", "pause reason")
