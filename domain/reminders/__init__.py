"""What needs someone, and when: the items reminders are made of (pure; no I/O).

``items.py`` the item and its kinds; ``due.py`` which actions, impact reviews, IMRs and review
clocks are due within the notice period or late, as of a day, and which commissioned services'
milestones are due and funding ends within six months. Who receives which item is the
application's business (``tenants/reminders/audience.py``).
"""

from domain.reminders.due import (
    NOTICE_DAYS,
    action_items,
    funding_items,
    milestone_items,
    review_items,
)
from domain.reminders.items import ItemKind, ReminderItem

__all__ = [
    "NOTICE_DAYS",
    "ItemKind",
    "ReminderItem",
    "action_items",
    "funding_items",
    "milestone_items",
    "review_items",
]
