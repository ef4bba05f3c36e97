"""The register's index keeps the ids of its references beside them, so a new reference is
checked with one lookup (a sheet import adds thousands): the kept ids must always agree with
the references, after replays and copies too."""

from __future__ import annotations

import copy

import pytest

from domain.errors import DuplicateError
from domain.reviews import ReviewIndex, review_id


def _index(count: int) -> ReviewIndex:
    index = ReviewIndex()
    for n in range(count):
        index.add(f"DHR-{n:04d}")
    return index


def test_a_reference_is_refused_again_whatever_its_case_or_spaces() -> None:
    index = _index(500)
    for again in ("DHR-0000", "dhr-0250", "  Dhr-0499 "):
        assert again in index
        with pytest.raises(DuplicateError, match="already used"):
            index.add(again)
    assert "DHR-0500" not in index
    assert len(index.references) == 500


def test_the_kept_ids_are_the_ids_of_the_references_after_a_replay() -> None:
    index = _index(20)
    replayed = None
    for e in index.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, ReviewIndex)
    assert replayed.taken == {review_id(r) for r in replayed.references} == index.taken
    assert replayed.review_ids == index.review_ids


def test_a_copy_adds_without_changing_the_original() -> None:
    index = _index(3)
    clone = copy.deepcopy(index)
    clone.add("DHR-0099")
    assert "DHR-0099" in clone
    assert "DHR-0099" not in index
