"""An anchor line reads back as written, and a line that is not one is refused by number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.audit import Seal
from domain.audit.anchor import Anchor, AnchoredSeals, read_anchor
from domain.errors import InvalidValueError

AT = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
SEALS = (Seal(4, "a" * 64, 4, AT), Seal(9, "b" * 64, 9, AT))


def anchor() -> Anchor:
    return Anchor(AT, Seal(20, "c" * 64, 20, AT), {"coventry": AnchoredSeals.of(SEALS)})


def test_a_line_reads_back_as_written_and_finds_its_seals_unchanged() -> None:
    (read,) = read_anchor(["", anchor().line(), "  "])
    assert read == anchor()
    assert read.seals_missing("coventry", SEALS) is None
    assert read.seals_missing("coventry", (*SEALS, Seal(12, "d" * 64, 12, AT))) is None
    assert read.seals_missing("another", ()) is None  # a ledger this line did not seal


def test_a_seal_deleted_or_changed_is_named_with_the_line_that_recorded_it() -> None:
    line = anchor()
    assert line.seals_missing("coventry", SEALS[:1]) == (
        "the seal store holds 1 seal of coventry, where the anchor recorded 2 on "
        "2026-12-01 02:30 UTC: seals were deleted behind the application's back"
    )
    changed = (replace(SEALS[0], link="e" * 64), SEALS[1])  # the last one as it was
    assert "no longer holds the 2 seals of coventry" in (
        line.seals_missing("coventry", changed) or ""
    )


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        '{"format": "another/1"}',
        anchor().line().replace("c" * 64, "C" * 64),
        anchor().line().replace('"count": 2', '"count": 0'),
    ],
)
def test_a_line_that_is_not_an_anchor_line_is_refused_by_its_number(bad: str) -> None:
    with pytest.raises(InvalidValueError, match="Line 2 of the anchor is not an anchor line"):
        read_anchor([anchor().line(), bad])
