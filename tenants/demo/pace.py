"""How fast each demo case moves: offsets in days from the incident, varied per case.

Spread around what the seeds and national figures report: a decision 1-3 months after the
incident (a few inside the 1-month guidance), an author commissioned about a month later, a
first panel 3-4 months after the incident, and most reviews taking well over a year to reach
the Home Office; a case paused for a criminal trial loses the months the trial took. Each case's
pace comes from its reference, so loading the demo twice gives the same dates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta


class NotYet(Exception):
    """The next step would be dated after today: the case has got no further yet."""


@dataclass(frozen=True)
class Clock:
    """Days since the incident as dates, refusing any date after today."""

    start: date
    today: date

    def __call__(self, days: int) -> date:
        day = self.start + timedelta(days=days)
        if day > self.today:
            raise NotYet(day)
        return day


@dataclass(frozen=True)
class Pace:
    decided: int
    commissioned: int
    first_panel: int
    paused: int  # only used for a case paused for a trial
    resumed: int
    imrs_back: int
    second_panel: int
    drafted: int
    plan_agreed: int
    submitted: int
    feedback: int
    resubmitted: int
    approved: int
    published: int


def pace_for(reference: str, trial: bool = False, slow: bool = False) -> Pace:
    """``trial``: paused after the first panel until the verdict; ``slow``: drafting drags on."""
    r = random.Random(reference)
    decided = r.choice((r.randint(18, 30), r.randint(31, 95), r.randint(31, 95)))
    commissioned = decided + r.randint(20, 40)
    first_panel = max(commissioned + 10, r.randint(92, 125))
    paused = first_panel + r.randint(10, 30)
    trial_days = r.randint(150, 320) if trial else 0
    resumed = paused + trial_days
    imrs_back = (resumed if trial else first_panel) + r.randint(30, 70)
    second_panel = imrs_back + r.randint(20, 40)
    drafted = second_panel + r.randint(150, 260) + (r.randint(120, 300) if slow else 0)
    plan_agreed = drafted + r.randint(25, 45)
    submitted = plan_agreed + r.randint(15, 45)
    feedback = submitted + r.randint(60, 150)
    resubmitted = feedback + r.randint(30, 75)
    approved = resubmitted + r.randint(20, 60)
    published = approved + r.randint(30, 120)
    return Pace(
        decided,
        commissioned,
        first_panel,
        paused,
        resumed,
        imrs_back,
        second_panel,
        drafted,
        plan_agreed,
        submitted,
        feedback,
        resubmitted,
        approved,
        published,
    )
