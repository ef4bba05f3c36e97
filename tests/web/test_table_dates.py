"""A table cell that holds only a date keeps it on one line: in a narrow column "4 September
2013" otherwise ran down the cell a word a line, as GOV.UK's guidance on dates in tables warns
against. The auditor's pages are another area's and are left out here."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).parents[2] / "api" / "web" / "templates"
# a cell whose whole content is one date: <td class="…">{{ something | long_date }}</td>, other
# attributes beside its class (a stacked table's data-label) or not
DATE_CELL = re.compile(r'<td\b[^>]*?\bclass="([^"]*)"[^>]*>\{\{[^}]*\|\s*long_date\s*\}\}</td>')


def date_cells() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(TEMPLATES)), classes)
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not path.relative_to(TEMPLATES).parts[0].startswith("audit")
        for classes in DATE_CELL.findall(path.read_text())
    ]


def test_a_date_alone_in_a_table_cell_stays_on_one_line() -> None:
    wrapping = [where for where, classes in date_cells() if "app-nowrap" not in classes.split()]
    assert not wrapping, wrapping


def test_the_check_finds_date_cells() -> None:
    """The check above would pass on nothing at all if the pattern stopped matching."""
    assert len(date_cells()) >= 10, date_cells()
