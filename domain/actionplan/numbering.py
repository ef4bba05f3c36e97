"""A recommendation's number within its case: written as the report numbers it, and never
given to two recommendations of one case.

A number names one recommendation in every paper that quoted it, so a number another
recommendation of the case has now, or had before a correction renumbered it, is refused: an
earlier board paper's "recommendation 3" must not come to mean another one. The record's id
follows from the number it was first made with (``Recommendation.create_id``), which a
renumbering does not change; refusing a number once used also keeps a new recommendation's id
from landing on a renumbered one's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from domain.errors import DuplicateError, InvalidValueError

REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,19}")  # as the report numbers it: 3, R3, 3.1


class Numbered(Protocol):
    reference: str
    former_references: tuple[str, ...]


def check_number(reference: object) -> str:
    """The number as recorded (trimmed), or refused when it is not one a report would use."""
    text = reference.strip() if isinstance(reference, str) else ""
    if not REFERENCE.fullmatch(text):
        raise InvalidValueError(
            f"'{text or reference}' is not a recommendation number; use the review's own, "
            "such as 3, R3 or 3.1 (letters, digits, '.', '-' or '/', up to 20)."
        )
    return text


def check_number_free(reference: str, others: Iterable[Numbered]) -> None:
    """Refuse ``reference`` when another recommendation of the case has it, or had it before
    a correction renumbered it (``others``: the case's recommendations but the one numbered).
    Letters' case does not tell two numbers apart: a reader takes "r3" for "R3"."""
    same = reference.casefold()
    for other in others:
        if other.reference.casefold() == same:
            raise DuplicateError(
                f"This review already has recommendation '{other.reference}'; use another number "
                "(two recommendations keyed the wrong way round are put right by correcting "
                "their other facts, not by swapping numbers)."
            )
        former = next((f for f in other.former_references if f.casefold() == same), None)
        if former is not None:
            raise DuplicateError(
                f"Recommendation '{other.reference}' of this review was numbered "
                f"'{former}' before its number was corrected, and earlier papers name it "
                f"so: a number once used stays with that recommendation. If the report's "
                f"'{reference}' is that one, correct its number back; if it is another, give "
                f"this one a number that tells the two apart (such as '{reference}a')."
            )
