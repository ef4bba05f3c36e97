"""A board paper's PDF is one a screen reader can read (Public Sector Bodies Accessibility
Regulations 2018): tagged, so its headings, tables and charts are structure rather than marks on
a page; titled with the paper's title; in British English. Untagged, a screen reader met each
table as a run of loose words and each chart as nothing at all."""

from __future__ import annotations

import base64
import re
import subprocess
import zlib
from datetime import date

from api.papers.paper import Paper, PaperFigure, PaperTable, Part
from api.papers.render import to_pdf
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
