"""A board paper's PDF is one a screen reader can read (Public Sector Bodies Accessibility
Regulations 2018): tagged, so its headings, tables and charts are structure rather than marks on
a page; titled with the paper's title; in British English. Untagged, a screen reader met each
table as a run of loose words and each chart as nothing at all."""

from __future__ import annotations

import base64
import re
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from html import unescape

import pytest

from api.papers.commissioning import CommissioningAsk, commissioning_paper
from api.papers.paper import Paper, PaperFigure, PaperTable, Part
from api.papers.regional import TABLE_2, TABLE_2_GROUPS, TIMES_IN_MONTHS
from api.papers.render import to_html, to_pdf
from api.tables.catalogue import DHR_COUNTS
from api.tables.columns import Column, Kind, Section

CHART = "data:image/svg+xml;base64," + base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
    b'<rect width="120" height="40" fill="#1d70b8"/></svg>'
).decode("ascii")
ALT = "Median months from incident to decision, by partnership. The same numbers are in Table 2."
COUNTS = Section(
    "Counts",
    "",
    (Column("partnership", "Partnership", Kind.TEXT), Column("cases", "Cases", Kind.COUNT)),
)


def _paper() -> Paper:
    table = PaperTable(
        "Table 2: cases per partnership",
        "",
        COUNTS,
        [{"partnership": "Birmingham", "cases": 3}, {"partnership": "Coventry", "cases": 1}],
    )
    figure = PaperFigure("Months to decision", ALT, CHART)
    return Paper(
        "Domestic Homicide Reviews in the West Midlands",
        "Heads of Community Safety",
        "Board",
        date(2026, 12, 14),
        ("To report.",),
        ("Note.",),
        (Part("Timeliness", ("Text.",), (table,), (figure,)),),
    )


def _pdfinfo(pdf: bytes, *options: str) -> str:
    found = subprocess.run(["pdfinfo", *options, "-"], input=pdf, check=True, capture_output=True)
    return found.stdout.decode()


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects as text: WeasyPrint packs the catalogue and the structure tree into
    compressed object streams, which pdfinfo does not show (its language, the charts' text)."""
    inflated = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            inflated.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # not deflated (an embedded font's own encoding)
    return b"\n".join(inflated)


def test_a_board_papers_pdf_is_tagged_titled_and_in_british_english() -> None:
    pdf = to_pdf(_paper())
    info = _pdfinfo(pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Domestic Homicide Reviews in the West Midlands$", info, re.M)
    assert b"/Lang (en-GB)" in _objects(pdf)


def test_a_board_papers_tables_have_header_cells_and_its_charts_their_words() -> None:
    """A screen reader announces "Partnership" and "Cases" as the headers of each count, and
    reads a chart's alternative text (which names the table holding its numbers)."""
    pdf = to_pdf(_paper())
    tree = _pdfinfo(pdf, "-struct")
    counts = tree.split("Table (block)")[-1]  # after the masthead's table of facts
    assert len(re.findall(r"^\s+TH\b", counts, re.M)) == 2, tree
    assert len(re.findall(r"^\s+TD\b", counts, re.M)) == 4, tree
    assert re.search(r"^\s+H1\b", tree, re.M) and re.search(r"^\s+Figure\b", tree, re.M), tree
    assert f"/Alt ({ALT})".encode() in _objects(pdf)


@dataclass
class Tagged:
    """One structure element as ``pdfinfo -struct-text`` prints it: its line, then its own."""

    line: str
    kids: list[Tagged] = field(default_factory=list)

    def find(self, kind: str) -> Iterator[Tagged]:
        for kid in self.kids:
            if kid.line.split(" ")[0].rstrip(":") == kind:
                yield kid
            yield from kid.find(kind)

    @property
    def words(self) -> str:
        said = (k.line[1:-1] if k.line.startswith('"') else k.words for k in self.kids)
        return " ".join(w for w in said if w)

    @property
    def id(self) -> str:
        found = re.match(r"TH <(.*)>", self.line)
        return found.group(1) if found else ""

    @property
    def scope(self) -> str:
        said = [k.line for k in self.kids if k.line.startswith("/Scope ")]
        return said[0].removeprefix("/Scope /") if said else ""

    @property
    def headers(self) -> list[str]:
        said = [k.line for k in self.kids if k.line.startswith("/Headers [")]
        return re.findall(r"\(([^)]*)\)", said[0]) if said else []


def _structure(pdf: bytes) -> Tagged:
    root = Tagged("")
    stack: list[tuple[int, Tagged]] = [(-1, root)]
    for line in _pdfinfo(pdf, "-struct-text").splitlines():
        if not line.strip():
            continue
        indent, node = len(line) - len(line.lstrip()), Tagged(line.strip())
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].kids.append(node)
        stack.append((indent, node))
    return root


def test_each_fact_at_the_top_of_a_paper_heads_its_row_and_is_read_with_its_value() -> None:
    """A screen reader reads "14 December 2026" with "Date" in the table of facts under every
    paper's title, and a checker finds each fact's name scoped to its row (``/Scope /Row``):
    WeasyPrint wrote no scope, so a reader going by scope took "Date" for a column's heading
    (Kozea/WeasyPrint#2508). The headings of a table of numbers head their columns."""
    facts, counts = _structure(to_pdf(_paper())).find("Table")
    read = []
    for tr in facts.find("TR"):
        (th,), (td,) = tr.find("TH"), tr.find("TD")
        assert th.scope == "Row" and td.headers == [th.id], tr
        read.append((th.words, td.words))
    assert read[:2] == [("Meeting", "Board"), ("Date", "14 December 2026")], read
    assert read[-1] == ("Protective marking", "OFFICIAL-SENSITIVE"), read
    assert [(th.words, th.scope) for th in counts.find("TH")] == [
        ("Partnership", "Column"),
        ("Cases", "Column"),
    ]


def _table_2(partnerships: int) -> Paper:
    """Table 2 of the regional paper, its headings over runs of columns as that paper has them."""
    step = {"median": Decimal("1.5"), "worst": Decimal("4.0")}
    rows = [
        {
            "name": f"Partnership {n}",
            "cases": n,
            "months": {"to_decision": step, "to_first_panel": step, "to_submission": step},
            "decided_late": 1,
            "past_decision_target_now": 2,
            "past_completion_target_now": 3,
        }
        for n in range(partnerships)
    ]
    table = PaperTable(TABLE_2, "", TIMES_IN_MONTHS, rows, groups=TABLE_2_GROUPS)
    return Paper(
        "Domestic Homicide Reviews in the West Midlands",
        "Heads of Community Safety",
        "Board",
        date(2026, 12, 14),
        ("To report.",),
        ("Note.",),
        (Part("Timeliness", ("Text.",), (table,)),),
    )


def test_each_cell_under_a_heading_over_a_run_of_columns_is_read_with_it() -> None:
    """A screen reader reads "To decision: longest" with "Notified in the period" over it, and
    "Not approved after 7 months" with "Open at the period's end": WeasyPrint links a heading
    spanning columns to the first column under it alone. Forty partnerships break the table
    across pages, its header repeated on each: every page's cells are linked to their own, and
    to the partnership heading their row."""
    tree = _structure(to_pdf(_table_2(40)))
    tables = [t for t in tree.find("Table") if "Notified in the period" in t.words]
    assert len(tables) >= 2, "the table should break across pages"  # its caption on the first
    rows = 0
    for table in tables:
        headings = {th.id: th.words for th in table.find("TH")}
        for tr in next(table.find("TBody")).find("TR"):
            (th,) = tr.find("TH")  # the partnership heads its row
            assert [headings[h] for h in th.headers] == ["Partnership"]
            name = th.words
            read = [[headings[h] for h in td.headers] for td in tr.find("TD")]
            notified, still_open = "Notified in the period", "Open at the period's end"
            assert read[0] == [name, notified, "Cases"]
            assert read[2] == [name, notified, "To decision: longest"]
            assert read[6] == [name, notified, "Decided after 1 month"]
            assert read[7] == [name, still_open, "Awaiting a decision after 1 month"]
            assert read[8] == [name, still_open, "Not approved after 7 months"]
            rows += 1
    assert rows == 40


def test_the_web_pages_heading_over_a_run_of_columns_heads_those_columns_alone() -> None:
    """HTML gives a heading with ``scope="colgroup"`` to each cell of its column group from its
    own column on (the "algorithm for assigning header cells"): with all ten columns in one
    ``<colgroup>``, "Notified in the period" headed the counts of cases open at the period's
    end as well. Each run of columns is a column group of its own."""
    page = to_html(_table_2(3))
    table = page[page.index('<table class="data') :]  # after the masthead's table of facts
    table = table[: table.index("</table>")]
    starts = [0]
    for group in re.findall(r"<colgroup>(.*?)</colgroup>", table):
        starts.append(starts[-1] + group.count("<col "))
    top = re.search(r"<thead><tr>(.*?)</tr>", table, re.S)
    assert top, table
    headings, x = [], 0
    for attributes, words in re.findall(r"<t[hd]([^>]*)>([^<]*)</t[hd]>", top.group(1)):
        if 'scope="colgroup"' in attributes:
            headings.append((x, unescape(words)))
        span = re.search(r'colspan="(\d+)"', attributes)
        x += int(span.group(1)) if span else 1

    def group_of(column: int) -> int:
        return max(i for i, start in enumerate(starts[:-1]) if start <= column)

    over = [
        [words for at, words in headings if group_of(at) == group_of(column) and at <= column]
        for column in range(len(TIMES_IN_MONTHS.columns))
    ]
    assert over == [[]] + [["Notified in the period"]] * 7 + [["Open at the period's end"]] * 2


def test_each_figure_is_read_with_its_rows_heading_as_well_as_its_columns() -> None:
    """A screen reader read table 1's "13" with "Commenced" but not with "Birmingham", the
    partnership it counts: the name was a data cell. It heads its row (``/Scope /Row``) and
    each figure beside it is linked to it, the total's figures to "Total"."""
    section = DHR_COUNTS.sections[0].only("name", "commenced", "completed")
    counts = {
        "rows": [
            {"name": "Birmingham", "commenced": 13, "completed": 2},
            {"name": "Coventry", "commenced": 2, "completed": 1},
        ],
        "total": {"commenced": 15, "completed": 3},
    }
    table = PaperTable("Table 1: DHRs per partnership", "", section, section.rows_of(counts))
    paper = Paper(
        "Domestic Homicide Reviews in the West Midlands",
        "Heads of Community Safety",
        "Board",
        date(2026, 12, 14),
        ("To report.",),
        ("Note.",),
        (Part("Reviews commenced and completed", ("Text.",), (table,)),),
    )
    _, counted = _structure(to_pdf(paper)).find("Table")
    headings = {th.id: th.words for th in counted.find("TH")}
    read = []
    for tr in next(counted.find("TBody")).find("TR"):
        (th,) = tr.find("TH")
        assert th.scope == "Row" and [headings[h] for h in th.headers] == ["Partnership"], tr
        read.append([(td.words, [headings[h] for h in td.headers]) for td in tr.find("TD")])
    assert read == [
        [("13", ["Birmingham", "Commenced"]), ("2", ["Birmingham", "Completed"])],
        [("2", ["Coventry", "Commenced"]), ("1", ["Coventry", "Completed"])],
        [("15", ["Total", "Commenced"]), ("3", ["Total", "Completed"])],
    ], read


def test_a_total_is_labelled_in_the_column_heading_the_rows() -> None:
    """ "Total" put in another column would leave the total's figures read without it."""
    with pytest.raises(ValueError, match="the total's label goes in name, not label"):
        replace(DHR_COUNTS.sections[0], total_label=("label", "Total"))


def _commissioning() -> Paper:
    """Seed 004's joint commissioning: rows named by two or three columns together."""
    idva, east = "IDVA and outreach (county)", "East Staffordshire refuge"
    share = [("Staffordshire County Council", 6_000_000)]
    agreement = {"area": "Staffordshire", "funders": [], "shares": share, "extensions": []}
    rows = {
        "budgets": 1,
        "services": 2,
        "areas": [
            {
                "budget": "Domestic abuse services",
                "year": "2018",
                "area": area,
                "minimum": 1_200_000,
                "allocated": allocated,
                "short_of_minimum": max(1_200_000 - allocated, 0),
            }
            for area, allocated in (("Staffordshire", 1_500_000), ("Stoke-on-Trent", 900_000))
        ],
        "agreements": [
            {
                **agreement,
                "service": service,
                "provider": provider,
                "agreement": reference,
                "starts_on": date(2015, 4, 1),
                "ends_on": date(2018, 3, 31),
                "annual_value": 60_000_000,
            }
            for service, provider, reference in (
                (idva, "Glow", "original"),
                (idva, "Glow", "extension-2018"),
                (east, "Pathway Project", "original"),
            )
        ],
        "payments": [
            {"service": idva, "funder": "Staffordshire County Council", "paid": 60_000_000},
            {"service": idva, "funder": "Stoke-on-Trent City Council", "paid": 1_200_000},
        ],
        "milestones": [
            {
                "service": idva,
                "milestone": "New services start",
                "due_on": date(2018, 10, 1),
                "reached_on": None,
                "overdue": True,
            }
        ],
        "handovers": [],
    }
    ask = CommissioningAsk("Staffordshire and Stoke-on-Trent", date(2018, 11, 1))
    return commissioning_paper(rows, ask)


COMMISSIONING_HEADINGS = {  # each table's columns that name its rows together
    "Table 1": ["Budget", "Financial year", "Area"],
    "Table 2": ["Service", "Agreement"],
    "Table 3": ["Service", "Milestone"],
    "Table 4": ["Service", "Paid by"],
}


def test_each_figure_of_the_commissioning_paper_is_read_with_the_columns_naming_its_row() -> None:
    """A screen reader read table 1's "£1,200,000" with "Minimum spend" alone: no one column
    names a row (a budget's minimum for an area in a year), so none headed it. Each column that
    names a row with the others heads it (``<th scope="row">``), first in the row, in the web
    page; in the tagged PDF each is scoped to its row and each data cell is linked to them all
    and to its column's heading."""
    paper = _commissioning()
    page = to_html(paper)
    for table in re.findall(r'<table class="data.*?</table>', page, re.S):
        (caption,) = re.findall(r"<caption>([^<:]*):", table)
        header = re.findall(r"<th[^>]*>([^<]*)</th>", table.split("</thead>")[0])
        heads = COMMISSIONING_HEADINGS[caption]
        assert header[: len(heads)] == heads, (caption, header)
        body = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
        assert body, caption
        for tr in body:
            cells = re.findall(r"<(t[hd])([^>]*)>", tr)
            scopes = [(tag, ' scope="row"' in attributes) for tag, attributes in cells]
            assert scopes == [("th", True)] * len(heads) + [("td", False)] * (
                len(cells) - len(heads)
            ), (caption, tr)

    tables = list(_structure(to_pdf(paper)).find("Table"))[1:]  # after the table of facts
    assert len(tables) == 4, [t.words[:40] for t in tables]
    for table, heads in zip(tables, COMMISSIONING_HEADINGS.values(), strict=True):
        headings = {th.id: th.words for th in table.find("TH")}
        header = [th.words for th in next(table.find("THead")).find("TH")]
        for tbody in table.find("TBody"):
            for tr in (tr for tr in tbody.find("TR") if list(tr.find("TH"))):
                ths, tds = list(tr.find("TH")), list(tr.find("TD"))
                assert [th.scope for th in ths] == ["Row"] * len(heads), tr
                names = [th.words for th in ths]
                for n, th in enumerate(ths):  # a heading is read with those before it
                    assert [headings[h] for h in th.headers] == [*names[:n], heads[n]], tr
                for column, td in zip(header[len(heads) :], tds, strict=True):
                    assert [headings[h] for h in td.headers] == [*names, column], (td, tr)
