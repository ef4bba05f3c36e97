"""The order people list references in: "R2" before "R10", "DHR-9" before "DHR-10".

Partnerships number recommendations and cases with digits inside text; sorted as strings,
a review's eleventh recommendation came second.
"""

from __future__ import annotations

import re


def reference_order(reference: str) -> tuple[str | int, ...]:
    """A sort key: runs of digits compare as numbers, the rest without case. Text and number
    runs alternate from the first (text, possibly empty), so two keys always compare."""
    return tuple(
        int(part) if n % 2 else part.lower() for n, part in enumerate(re.split(r"(\d+)", reference))
    )
