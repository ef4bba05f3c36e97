"""The statutory clocks a case has passed, in the words the register's tags, its filter and
its download all use: a board reading the downloaded register sees what the page shows."""

from __future__ import annotations

from typing import Any

from domain.reviews.values import ReviewStatus

S = ReviewStatus
DECISION_OVERDUE, PAST_SEVEN_MONTHS, PAUSED = "Decision overdue", "Past 7 months", "Paused"
FINISHED = (S.APPROVED, S.PUBLISHED, S.PUBLICATION_WITHHELD, S.DECOMMISSIONED)


def clock_words(review: Any, t: Any) -> list[str]:
    """``t``: the case's ``timeliness`` on the day it is judged."""
    found = []
    if (
        review.decision is None
        and t.missed_decision_target
        and review.status is not S.DECOMMISSIONED
    ):
        found.append(DECISION_OVERDUE)
    if t.missed_completion_target and review.status not in FINISHED:
        found.append(PAST_SEVEN_MONTHS)
    if review.status is S.PAUSED:
        found.append(PAUSED)
    return found
