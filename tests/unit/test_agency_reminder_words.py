"""The words an agency's user reads under its reminders: what it can do when it signs in, and
whom to ask for what its pages cannot do."""

from __future__ import annotations

from datetime import date

from domain.reminders import ItemKind, ReminderItem
from tenants.reminders.asking import what_to_do


def test_an_agencys_reminder_says_it_can_record_completion_and_whom_to_ask_for_more_time() -> None:
    """It said only "record progress ... or send an IMR": nothing told the agency it could say
    its action was done, nor whom to ask when it needed longer."""
    late = ReminderItem(
        ItemKind.ACTION_OVERDUE,
        "northtown",
        "a1",
        "NT-1",
        "Police",
        "recommendation 2",
        date(2024, 6, 1),
        "/partnerships/northtown/agency-work",
    )
    said = what_to_do([late], {"northtown": "Northtown"}, agency=True)
    assert "record progress, evidence or completion of your agency's actions" in said
    assert (
        "If you need more time, a date is wrong or the work is not your agency's, contact the "
        "community safety team of Northtown." in said
    )
