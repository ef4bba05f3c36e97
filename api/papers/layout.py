"""How a paper's table is laid out on the page: its columns' widths, whether its type is the
smaller one of a wide table, and whether it is kept whole on one page or may break between its
rows (``paper.css``: ``figure.table`` and ``figure.table.long``).

A table is kept whole when it is short enough that moving it to the next page costs less than
splitting it: by its height, estimated from its rows' wrapped lines, not by its count of rows. A
count could not tell the heat map's fourteen rows of seven pt type, most of them one line (a
third of a page), from fourteen rows of an action plan running to four lines each (a page); at
more than twelve rows both split, and the heat map left three rows alone on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.papers.cells import (
    BOLD,
    LINE_CHARACTERS,
    PADDING_CHARACTERS,
    ROW_HEADING,
    WIDE_LINE_CHARACTERS,
    cell,
    column_widths,
    word_width,
    words_fit,
)
from api.papers.paper import PaperTable

WIDE_TABLE = 8  # columns beyond which a table's text is smaller, so amounts fit whole

# paper.css, in mm: a line of the tables' 8.5 pt type (7 pt when wide) at line-height 1.4, a
# cell's padding above and below (a header's 1.2 mm), a caption's 10 pt line, a note's 8 pt.
_POINT = 25.4 / 72
TABLE_LINE, WIDE_LINE = 8.5 * 1.4 * _POINT, 7 * 1.4 * _POINT
CELL_PADDING, HEADER_PADDING = 2.0, 2.4
CAPTION_LINE, CAPTION_CHARACTERS = 10 * 1.4 * _POINT, LINE_CHARACTERS * 8.5 / 10
NOTE_LINE, NOTE_CHARACTERS = 8 * 1.4 * _POINT, (LINE_CHARACTERS - 4) * 8.5 / 8
FIGURE_MARGINS = 3 + 5 + 1.5  # figure.table's margins and the caption's padding

# The tallest table kept whole: three fifths of an A4 page's 255 mm of text, so the heat map
# and a 15-row table of counts (caption, intro and notes included, about 140 mm) print whole.
# Moved whole to the next page, a table leaves at most this much of the page before it empty;
# one taller breaks between its rows, at least four rows either side of a break (paper.css).
KEEP_WHOLE_MM = 150.0


@dataclass(frozen=True)
class TableLayout:
    widths: tuple[float, ...]  # each column's share of the width, per cent
    wide: bool  # more than WIDE_TABLE columns, or words too long for the line: the smaller type
    height: float  # estimated, mm, caption and notes included
    long: bool  # taller than KEEP_WHOLE_MM: may break between its rows

    @property
    def whole(self) -> bool:
        return not self.long


def lines_of(text: str, room: float) -> int:
    """The lines ``text`` wraps to in a column ``room`` average letters wide, a word wider than
    the column broken inside it (``overflow-wrap: anywhere``)."""
    room = max(room, 1.0)
    lines, used = 1, 0.0
    for word in text.split():
        width = word_width(word)
        if used and used + 1 + width > room:
            lines, used = lines + 1, 0.0
        used += (1 if used else 0) + width
        while used > room:
            lines, used = lines + 1, used - room
    return lines


def table_layout(table: PaperTable) -> TableLayout:
    columns, rows = table.columns, table.rows
    headings = table.section.row_headings
    wide = len(columns) > WIDE_TABLE or not words_fit(columns, rows, table.whole_pounds, headings)
    widths = tuple(column_widths(columns, rows, table.whole_pounds, wide, headings))
    line = WIDE_LINE_CHARACTERS if wide else LINE_CHARACTERS
    rooms = [line * w / 100 - PADDING_CHARACTERS for w in widths]
    height = TABLE_LINE if not wide else WIDE_LINE
    # a row's heading is bold (``PaperTable.heads_row``): its column holds fewer of its letters
    cell_rooms = [
        room / ROW_HEADING if table.heads_row(c) else room
        for c, room in zip(columns, rooms, strict=True)
    ]

    def row_height(texts: list[str], padding: float) -> float:
        spans = [lines_of(t, room) for t, room in zip(texts, cell_rooms, strict=True)]
        return max(spans, default=1) * height + padding

    # the columns' own headings, under any headings over runs of them (table 2's groups)
    head = (
        max(lines_of(c.header, room / BOLD) for c, room in zip(columns, rooms, strict=True))
        * height
        + HEADER_PADDING
    )
    starts = [sum(span for _, span in table.groups[:i]) for i in range(len(table.groups))]
    over = [
        lines_of(words, sum(rooms[at : at + span]) / BOLD)
        for (words, span), at in zip(table.groups, starts, strict=True)
        if words
    ]
    if over:
        head += max(over) * height + HEADER_PADDING
    body = 0.0
    for row in rows:
        body += row_height([cell(c, row, table.whole_pounds) for c in columns], CELL_PADDING)
        for c in table.lines:  # "Header: text" lines across the width beneath the row
            words = f"{c.header}: {cell(c, row, table.whole_pounds)}"
            body += lines_of(words, line - PADDING_CHARACTERS) * height
        if table.lines:
            body += CELL_PADDING
    if not rows:
        body = height + CELL_PADDING
    caption = lines_of(table.heading, CAPTION_CHARACTERS / BOLD) * CAPTION_LINE
    if table.intro:
        caption += lines_of(table.intro, CAPTION_CHARACTERS) * CAPTION_LINE
    notes = sum(lines_of(f, NOTE_CHARACTERS) * NOTE_LINE for f in table.footnotes)
    total = FIGURE_MARGINS + caption + head + body + notes
    return TableLayout(widths, wide, round(total, 1), total > KEEP_WHOLE_MM)
