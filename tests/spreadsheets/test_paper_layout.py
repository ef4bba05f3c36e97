"""A board paper's tables lay out whatever their length: WeasyPrint cannot place a table it may
not break anywhere, and answered a region's paper with a 500.

A table of groups (counts, then long lists beneath) had every row held to the one before it
(the rule keeping a table's first rows with its caption matched each group's rows), so ten
groups of long theme lists — a large region's repeated recommendations — fitted no page.
"""

from __future__ import annotations

from datetime import date

from weasyprint import HTML

from api.papers.learning import REPEATS
from api.papers.paper import Paper, PaperTable, Part
from api.papers.render import to_html, to_pdf

THEMES = [f"A theme of practice with a long name, number {n}" for n in range(18)]


def _group(n: int) -> dict[str, object]:
    return {
        "themes": THEMES,
        "addressees": [f"Agency {a}" for a in range(12)],
        "partnerships": [f"Partnership {p}" for p in range(n, n + 7)],
        "span": "2015 to 2026",
        "recommendations": 191,
        "actions": {"actions": 363, "completed": 239, "embedded": 98},
        "recommended_again_after_completion": True,
    }


def test_a_table_of_ten_long_groups_breaks_across_pages_between_its_groups() -> None:
    table = PaperTable(
        "Table 6: recommendations made again by other reviews",
        "At most 10 groups.",
        REPEATS,
        [_group(n) for n in range(10)],
        beneath=("themes", "addressees", "partnerships"),
    )
    paper = Paper(
        "Domestic Homicide Reviews in a large region",
        "Heads of Community Safety",
        "Board",
        date(2026, 12, 14),
        ("To report.",),
        ("Note.",),
        (Part("Repeated recommendations", ("Text.",), (table,)),),
    )
    assert to_pdf(paper).startswith(b"%PDF")
    pages = HTML(string=to_html(paper)).render().pages
    assert len(pages) >= 3  # the groups run on over the pages, as a long table does
