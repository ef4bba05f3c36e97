"""A board paper's tables lay out whatever their length: WeasyPrint cannot place a table it may
not break anywhere, and answered a region's paper with a 500.

A table of groups (counts, then long lists beneath) had every row held to the one before it
(the rule keeping a table's first rows with its caption matched each group's rows), so ten
groups of long theme lists — a large region's repeated recommendations — fitted no page.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from weasyprint import HTML

from api.papers.action_plan import CITED, _cited
from api.papers.layout import table_layout
from api.papers.learning import REPEATS
from api.papers.paper import Paper, PaperTable, Part
from api.papers.render import to_html, to_pdf
from api.tables.catalogue import ACTION_PLAN
from api.tables.columns import Column, Kind, Section

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


def _pages(paper: Paper) -> list[str]:
    """Each page's text, as pdftotext reads the PDF."""
    found = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=to_pdf(paper), check=True, capture_output=True
    )
    return found.stdout.decode().split("\f")


def _page_of(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if re.search(rf"\b{re.escape(text)}\b", page))


def _paper(*parts: Part) -> Paper:
    return Paper(
        "Domestic Homicide Reviews",
        "Heads of Community Safety",
        "Board",
        date(2026, 3, 31),
        ("To report.",),
        ("Note.",),
        parts,
    )


def _rows(n: int) -> PaperTable:
    return PaperTable(
        "Table 4b: actions by theme", "", ROWS, [{"label": f"Row {i}"} for i in range(n)]
    )


ROWS = Section("Rows", "", (Column("label", "Theme", Kind.TEXT),))


def test_a_long_tables_last_row_is_not_left_alone_on_a_page() -> None:
    """Table 4b's last row, "Awareness raising", alone at the top of a page under a header."""
    probe = _pages(_paper(Part("Actions outstanding", ("Text.",), (_rows(80),))))
    first_over = next(i for i in range(80) if _page_of(probe, f"Row {i}") > 0)
    pages = _pages(_paper(Part("Actions outstanding", ("Text.",), (_rows(first_over + 1),))))
    last = _page_of(pages, f"Row {first_over}")
    assert _page_of(pages, f"Row {first_over - 1}") == last, pages


def test_a_heading_and_its_first_sentence_stay_with_the_table_they_introduce() -> None:
    """Section 6's heading and its sentence sat at a page's foot, their table on the next."""
    filler = tuple(f"Line {i}." for i in range(90))
    probe = _pages(_paper(Part("Background", filler)))
    fit = next(i for i in range(90) if _page_of(probe, f"Line {i}") > 0)
    for lines in range(fit - 6, fit):
        pages = _pages(
            _paper(
                Part("Background", filler[:lines]),
                Part("Shared themes", ("No themes recur.",), (_rows(8),)),
            )
        )
        heading = _page_of(pages, "Shared themes")
        assert _page_of(pages, "No themes recur") == heading == _page_of(pages, "Row 0"), lines


def _rows_per_page(pages: list[str], n: int) -> list[int]:
    """How many of a table's rows ("Row 0" ... "Row n-1") each page holds."""
    return [
        len(set(re.findall(r"\bRow (\d+)\b", page)) & {str(i) for i in range(n)}) for page in pages
    ]


def _fit(filler: tuple[str, ...]) -> int:
    """How many of ``filler``'s paragraphs fill the first page."""
    probe = _pages(_paper(Part("Background", filler)))
    return next(i for i in range(len(filler)) if _page_of(probe, f"Line {i}") > 0)


def test_a_long_table_leaves_at_least_four_rows_either_side_of_a_break() -> None:
    """The heat map (table 3a) ended with three rows alone on the next page under a repeated
    header; table 4a began with three at a page's foot."""
    probe = _pages(_paper(Part("Actions outstanding", ("Text.",), (_rows(80),))))
    first_over = next(i for i in range(80) if _page_of(probe, f"Row {i}") > 0)
    for n in range(first_over + 1, first_over + 4):  # one to three rows over the page
        pages = _pages(_paper(Part("Actions outstanding", ("Text.",), (_rows(n),))))
        assert all(count >= 4 for count in _rows_per_page(pages, n) if count), (n, pages)
    filler = tuple(f"Line {i}." for i in range(90))
    fit = _fit(filler)
    for lines in range(fit - 4, fit):  # room for one to three rows at the first page's foot
        pages = _pages(
            _paper(
                Part("Background", filler[:lines]),
                Part("Actions outstanding", ("Text.",), (_rows(60),)),
            )
        )
        assert all(count >= 4 for count in _rows_per_page(pages, 60) if count), (lines, pages)


WIDE = Section(
    "Themes by partnership",
    "",
    (
        Column("label", "Theme", Kind.TEXT, 32),
        *(Column(f"p{i}", f"Partnership {i}", Kind.COUNT) for i in range(7)),
        Column("csps", "Partnerships", Kind.COUNT),
    ),
)


def test_a_table_short_enough_is_kept_whole_on_one_page_whatever_its_rows() -> None:
    """Fourteen rows of the heat map's small type are a third of a page; counted as long by its
    rows (more than 12), it split across two pages. Moved whole, it reads on one."""
    heat = PaperTable(
        "Table 3a: reviews per theme and partnership",
        "The 14 most widely shared themes.",
        WIDE,
        [
            {"label": f"Row {i} theme", **{f"p{p}": p for p in range(7)}, "csps": 5}
            for i in range(14)
        ],
    )
    filler = tuple(f"Line {i}." for i in range(90))
    fit = _fit(filler)
    for lines in range(fit - 16, fit, 4):
        pages = _pages(
            _paper(Part("Background", filler[:lines]), Part("Shared themes", ("Text.",), (heat,)))
        )
        assert sorted(_rows_per_page(pages, 14))[-1] == 14, (lines, pages)


def test_a_paragraph_leading_into_a_table_is_not_split_from_it() -> None:
    """Section 8.1 left its first two lines at a page's foot, the rest over the page above
    table 5; no paragraph leaves one or two lines alone at a page's foot or head."""
    lead = (
        "Opening words of the paragraph that leads into the table, "
        + "long enough to run to several lines of the page, " * 6
        + "and its closing words."
    )
    filler = tuple(f"Line {i}." for i in range(90))
    fit = _fit(filler)
    for lines in range(fit - 6, fit):
        pages = _pages(
            _paper(
                Part("Background", filler[:lines]),
                Part("Financial implications", (lead,), (_rows(8),)),
            )
        )
        table = _page_of(pages, "Row 0")
        assert _page_of(pages, "Opening") == _page_of(pages, "closing") == table, (lines, pages)
    assert "orphans: 3; widows: 3" in to_html(_paper())


PLAN_ROWS = [
    ("BHM-DHR-01 R9", "Housing", "Add the household's make-up to the housing visit form"),
    (
        "BHM-DHR-01 R4",
        "Mental Health Trust",
        "Agree a joint protocol for shared cases of mental health, substance misuse and abuse",
    ),
    (
        "BHM-DHR-01 R10",
        "Community Safety Partnership",
        "Write to the Home Office asking for a national DHR learning library",
    ),
    (
        "BHM-DHR-01 R5",
        "Clinical Commissioning Group",
        "Brief GP practices on routine enquiry and the referral route",
    ),
]


def test_a_status_is_printed_on_one_line() -> None:
    """Birmingham's plan: the Status column, as narrow as its longest word ("progress"), printed
    "In / progress" on two lines beside the one-line "Not started"."""
    columns = _cited(ACTION_PLAN.sections[0]).only(*CITED, "status", "due_on", "last_progress_on")
    started = {"status": "in_progress", "due_on": "2013-02-15", "last_progress_on": "2012-11-17"}
    rows = [{"cited": c, "owner_name": o, "description": d, **started} for c, o, d in PLAN_ROWS]
    rows.append(
        {
            "cited": "BHM-DHR-01 R6",
            "owner_name": "Acute Hospital Trust",
            "description": "Add a challenge to professional optimism to case supervision",
            "status": "open",
            "due_on": "2013-05-16",
        }
    )
    table = PaperTable("Table 1: overdue actions", "", columns, rows)
    text = "\n".join(_pages(_paper(Part("Actions overdue", tables=(table,)))))
    assert len(re.findall(r"\bIn progress\b", text)) == len(PLAN_ROWS), text
    assert "Not started" in text


def test_a_table_whose_longest_words_cannot_fit_the_line_takes_the_smaller_type() -> None:
    """Eight columns of long words (a partnership's table 5 once both set-aside columns stood
    beside the rest) fitted no line at the usual type, and "Decommissioned" printed broken over
    two lines: such a table takes the wide tables' smaller type, and every word stays whole."""
    words = ("Decommissioned", "Commissioning", "Administration", "Representation")
    columns = tuple(Column(f"c{n}", f"{words[n % 4]} {n}", Kind.TEXT) for n in range(8))
    table = PaperTable(
        "Table 5: what each review cost",
        "",
        Section("Costs", "", columns),
        [{f"c{n}": words[(n + 1) % 4] for n in range(8)}],
    )
    assert table_layout(table).wide
    text = "".join(_pages(_paper(Part("Costs", ("Text.",), (table,)))))
    for word in words:
        assert re.search(rf"\b{word}\b", text), f"{word} broken in {text}"


def test_a_row_headings_bold_letters_are_given_their_room() -> None:
    """A row's heading (``<th scope="row">``: a partnership, a theme) is set bold, its letters
    some 8% wider than regular ones in Liberation Sans: a column sized for regular letters was
    counted too narrow for it, and the table's height with it, in a table squeezed to its
    words' widths as in one with room to spare."""
    counts = tuple(Column(f"c{i}", f"Count {i}", Kind.COUNT) for i in range(12))
    names = Section(
        "Names", "", (Column("label", "Theme", Kind.TEXT), *counts), row_heading="label"
    )
    for figure in (10**9, 1):  # squeezed, and with room to spare
        rows = [{"label": "Leicestershire safeguarding", **{c.key: figure for c in counts}}]
        bold = table_layout(PaperTable("Table 1: themes", "", names, rows))
        regular = replace(names, row_heading=None)
        assert (
            bold.widths[0]
            > table_layout(PaperTable("Table 1: themes", "", regular, rows)).widths[0]
        )


def test_each_of_several_columns_heading_a_row_is_given_its_bolds_room() -> None:
    """A row named by several columns together (a commissioning budget, its year and its area)
    has each of them bold: counted regular, the columns after the first were reckoned narrower
    than their bold letters."""
    counts = tuple(Column(f"c{i}", f"Count {i}", Kind.COUNT) for i in range(10))
    named = (Column("budget", "Budget", Kind.TEXT), Column("area", "Area", Kind.TEXT))
    areas = Section("Areas", "", (*named, *counts), row_heading=("budget", "area"))
    rows = [
        {"budget": "Domestic abuse services", "area": "Stoke-on-Trent City", "c0": 10**9}
        | {c.key: 1 for c in counts[1:]}
    ]
    bold = table_layout(PaperTable("Table 1: areas", "", areas, rows))
    for regular in (replace(areas, row_heading="budget"), replace(areas, row_heading=None)):
        plain = table_layout(PaperTable("Table 1: areas", "", regular, rows))
        assert bold.widths[1] > plain.widths[1], (bold.widths, plain.widths)


def test_the_columns_heading_a_row_come_before_its_data() -> None:
    """A reader links a data cell to the row headings on its left only: a provider printed
    between a service and its agreement was read without the agreement."""
    columns = tuple(Column(key, key.capitalize(), Kind.TEXT) for key in ("service", "provider"))
    agreements = Section(
        "Agreements",
        "",
        (*columns, Column("agreement", "Agreement", Kind.TEXT)),
        row_heading=("service", "agreement"),
    )
    with pytest.raises(ValueError, match="the columns heading its rows go first"):
        PaperTable("Table 2: funding agreements", "", agreements, [])
    PaperTable("Table 2: funding agreements", "", agreements.only("service", "agreement"), [])
