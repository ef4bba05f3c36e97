"""How a download writes a cell: what a person reads in the spreadsheet or CSV."""

from __future__ import annotations

from api.tables.columns import Column, Kind


def test_a_yes_or_no_cell_reads_as_a_spreadsheet_writes_it() -> None:
    """The plans' "Overdue" and "Awaiting impact review" read "yes" and "no", in lower case
    beside capitalised names and dates: a board's spreadsheet writes Yes and No."""
    overdue = Column("overdue", "Overdue", Kind.YESNO)
    assert [overdue.value({"overdue": v}) for v in (True, False)] == ["Yes", "No"]
    assert overdue.value({"overdue": None}) is None  # not known: an empty cell, not "No"
