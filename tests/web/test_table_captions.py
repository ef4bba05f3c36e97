"""Every data table has a caption, as GOV.UK's table component has (WCAG 2.2 1.3.1): a screen
reader's list of tables, and the name of a table's scrolling box on a phone, come from it. Where
the heading above already says what the table is, the caption is visually hidden."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).parents[2] / "api" / "web" / "templates"
# a call of macros/table.html's table(), from its name to the end of its tag
CALL = re.compile(r"\{%-?\s*call(?:\([^)]*\))?\s+table\((.*?)\)\s*-?%\}", re.S)


def test_every_table_a_page_calls_for_has_a_caption() -> None:
    uncaptioned = [
        f"{path.relative_to(TEMPLATES)}: {args[:60]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.name != "table.html"
        for args in CALL.findall(path.read_text())
        if "caption=" not in args
    ]
    assert not uncaptioned, uncaptioned


def test_the_check_finds_a_table_call() -> None:
    """The check above would pass on nothing at all if the pattern stopped matching."""
    calls = sum(len(CALL.findall(p.read_text())) for p in TEMPLATES.rglob("*.html"))
    assert calls > 20, calls
