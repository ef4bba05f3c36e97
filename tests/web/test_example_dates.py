"""A date field's hint and its error give the same example date (``DATE_EXAMPLE``): a hint of
"27 3 2023" above an error of "for example 27 3 2017" reads as two different rules. A template
hard-coding its own example must be one of the few whose field is of another kind."""

from __future__ import annotations

import re
from pathlib import Path

from api.web.fields import DATE_EXAMPLE

TEMPLATES = Path(__file__).parents[2] / "api" / "web" / "templates"
HARD_CODED = re.compile(r"'hint': \{'text': 'For example, (\d{1,2} \d{1,2} \d{4})")
OWN_KIND = {  # template: the examples it keeps, and why
    "personal_details/edit.html": {"27 3 1980"},  # a date of birth
    "audit/reads.html": {"1 4 2025", "30 4 2025"},  # a period of the read log: start and end
}


def test_no_template_gives_a_date_example_of_its_own() -> None:
    found = {
        str(path.relative_to(TEMPLATES)): HARD_CODED.findall(path.read_text(encoding="utf-8"))
        for path in TEMPLATES.rglob("*.html")
    }
    own = {name: examples for name, examples in found.items() if examples}
    assert {
        name: examples
        for name, examples in own.items()
        if set(examples) - {DATE_EXAMPLE, *OWN_KIND.get(name, ())}
    } == {}
