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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html import unescape

from api.papers.paper import Paper, PaperFigure, PaperTable, Part
from api.papers.regional import TABLE_2, TABLE_2_GROUPS, TIMES_IN_MONTHS
from api.papers.render import to_html, to_pdf
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
    across pages, its header repeated on each: every page's cells are linked to their own."""
    tree = _structure(to_pdf(_table_2(40)))
    tables = [t for t in tree.find("Table") if "Notified in the period" in t.words]
    assert len(tables) >= 2, "the table should break across pages"  # its caption on the first
    rows = 0
    for table in tables:
        headings = {th.id: th.words for th in table.find("TH")}
        for tr in next(table.find("TBody")).find("TR"):
            read = [[headings[h] for h in td.headers] for td in tr.find("TD")]
            assert read[0] == ["Partnership"]
            assert read[1] == ["Notified in the period", "Cases"]
            assert read[3] == ["Notified in the period", "To decision: longest"]
            assert read[7] == ["Notified in the period", "Decided after 1 month"]
            assert read[8] == ["Open at the period's end", "Awaiting a decision after 1 month"]
            assert read[9] == ["Open at the period's end", "Not approved after 7 months"]
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
