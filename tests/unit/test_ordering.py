"""References sort as people number them."""

from __future__ import annotations

from domain.ordering import reference_order


def test_numbers_inside_references_sort_as_numbers_and_letters_without_case() -> None:
    given = ["R10", "r2", "R1", "DHR-10", "DHR-9", "10", "2", "R1a", "Rec 3"]
    assert sorted(given, key=reference_order) == [
        "2",
        "10",
        "DHR-9",
        "DHR-10",
        "R1",
        "R1a",
        "r2",
        "R10",
        "Rec 3",
    ]
