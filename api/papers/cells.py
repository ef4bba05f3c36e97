"""How a table cell reads in a board paper: dates in words, money in pounds, counts as digits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from api.tables.columns import Column, Kind

_COMPASS = frozenset({"North", "South", "East", "West"})


def region_in_text(name: str) -> str:
    """A region's name as running text writes it: "DHRs in the West Midlands", "the North
    East", "the Thames Valley", but "in Leicestershire", "in West Yorkshire", "in South
    Wales" (the seeds' board papers write "in the West Midlands"). A name starting "The" is
    left as it is."""
    words = name.split()
    named_by_compass = len(words) >= 2 and (
        (words[0] in _COMPASS and (words[1] in _COMPASS or words[1] in ("Midlands", "of")))
        or words[:2] == ["Thames", "Valley"]
    )
    return f"the {name}" if named_by_compass else name


def long_date(day: date) -> str:
    """4 September 2013, as council papers write it."""
    return f"{day.day} {day:%B %Y}"


def recorded_words(at: datetime) -> str:
    """ "the end of 31 March 2017" for the end of a day (how pages and ``--as-recorded`` ask
    for it), else "14:05 UTC on 3 December 2026"."""
    moment = at.astimezone(UTC)
    if moment.time() == time.max:
        return f"the end of {long_date(moment.date())}"
    return f"{moment:%H:%M} UTC on {long_date(moment.date())}"


def to_the_pound(pence: Any) -> int:
    """Pence to the nearest whole pound, a half pound up (away from zero)."""
    return int((Decimal(int(pence)) / 100).quantize(Decimal(1), ROUND_HALF_UP))


def whole_pounds(pence: Any) -> str:
    """£231,950 for £231,950.00: the seeds' board papers write whole pounds ("£25,500",
    "£350,000"); the pence stay in the downloads."""
    pounds = to_the_pound(pence)
    return f"-£{-pounds:,}" if pounds < 0 else f"£{pounds:,}"


# the meetings a paper can go to, by the last word of their name ("LLR DHR Board", "Safe and
# Strong Communities Select Committee", "Leicestershire & Rutland DHR budget partners")
_MEETINGS = frozenset({"board", "committee", "partners", "group", "panel", "meeting"})


def asked(meeting: str, otherwise: str = "board") -> str:
    """Who a paper's recommendations ask, from the meeting its form names: "The board is asked",
    "The committee is asked", "The partners are asked", as the seeds' papers put it ("The Board
    is asked to note"); ``otherwise`` when the meeting's name does not say (a group's name)."""
    words = meeting.split()
    last = words[-1].casefold() if words else ""
    who = last if last in _MEETINGS else otherwise
    return f"The {who} {'are' if who.endswith('s') else 'is'} asked"


def note_and_request(board: str, noted: str, requests: Sequence[str]) -> tuple[str, ...]:
    """A paper's recommendations as the seeds put them ("The Board is asked to note"): a paper
    does not say what its meeting decides before it meets, and requests something only where
    it is outstanding (``requests``: each what is asked for, after "request that")."""
    note = f"{board} to note {noted}."
    if not requests:
        return (note,)
    return (note, f"{board} to request that {', and that '.join(requests)}.")


ROUNDING_NOTE = (
    "Each amount is rounded to the nearest pound, so a total can differ by a pound or two from "
    "the sum of the amounts above it."
)


def rounding_note(
    columns: Sequence[Column], rows: Sequence[Any], averages: Sequence[str] = ()
) -> tuple[str, ...]:
    """A table's note when rounding each amount to the pound leaves its total row (the last: the
    exact total, rounded) a pound or so from the sum of the amounts above it, so a board member
    adding a column is not left to wonder. ``averages``: money columns that are not summed."""
    if not rows:
        return ()
    *parts, total = rows
    for column in columns:
        if column.kind is not Kind.MONEY or column.key in averages:
            continue
        if to_the_pound(column.raw(total) or 0) != sum(
            to_the_pound(column.raw(r) or 0) for r in parts
        ):
            return (ROUNDING_NOTE,)
    return ()


def cell(column: Column, row: Any, whole: bool = False) -> str:
    """``whole``: money to the nearest pound (``whole_pounds``), else to the penny."""
    value = column.value(row)
    if value is None:
        return "–" if column.kind in (Kind.MONEY, Kind.COUNT, Kind.NUMBER) else ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if column.kind is Kind.MONEY and isinstance(value, Decimal):
        if whole:
            return whole_pounds(column.raw(row))
        return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"
    if column.kind is Kind.NUMBER and isinstance(value, Decimal):
        return f"{value:.1f}"
    return str(value)


def numeric(column: Column) -> bool:
    return column.kind in (Kind.MONEY, Kind.COUNT, Kind.NUMBER)


# A page's text width (A4 less 18 mm margins, 174 mm) in characters of the tables' 8.5 pt type,
# counted a little short: digits and capitals are wider than the average letter.
LINE_CHARACTERS = 108
# A wide table's type (``layout.WIDE_TABLE``: 7 pt, paper.css) fits 8.5 / 7 as many on a line.
# Counted at 8.5 pt, the heat map's theme names were squeezed into three lines while its counts'
# columns stood half empty.
WIDE_LINE_CHARACTERS = 130
PADDING_CHARACTERS = 2  # a cell's 1.5 mm padding on each side
BOLD = 1.15  # headers are bold
# A row's heading is bold too (``PaperTable.heads_row``): Liberation Sans Bold set the
# demo papers' partnerships, themes and agencies 5-10% wider than its regular (measured in
# WeasyPrint), so 8% on average. Counted at the headers' 15%, theme names the width of their
# column were reckoned to wrap where they did not, and table 3 to be 15 mm taller than printed.
ROW_HEADING = 1.08


def word_width(word: str) -> float:
    """A word's width in average letters of the tables' type (Liberation Sans): a capital is
    about 1.4 of one, a digit 1.1. A case reference ("CHA-DHR-01") is a fifth wider than its
    length, and a column narrower than a word breaks it at its hyphens."""
    capitals, digits = sum(c.isupper() for c in word), sum(c.isdigit() for c in word)
    return len(word) + 0.4 * capitals + 0.1 * digits


# A cell this short ("In progress", "Not started") is a phrase read as one value, so its column
# is never narrower than it: the action plan's Status column, given the width of its longest
# word, printed "In / progress" on two lines beside the one-line "Not started".
SHORT_PHRASE = 12


def phrase_width(text: str) -> float:
    """A run of words' width on one line, spaces included, in average letters."""
    words = text.split()
    return sum(word_width(w) for w in words) + max(len(words) - 1, 0)


def _least(column: Column, texts: Sequence[str], weight: float = 1.0) -> float:
    """A column's narrowest: its longest word (header or cell) or short phrase, padded; its
    cells' letters ``weight`` times as wide as regular ones (``ROW_HEADING`` for bold)."""
    return PADDING_CHARACTERS + max(
        [BOLD * word_width(w) for w in column.header.split()]
        + [weight * word_width(w) for text in texts for w in text.split()]
        + [weight * phrase_width(text) for text in texts if len(text) <= SHORT_PHRASE]
        + [1]
    )


def _weight(column: Column, headings: Collection[str]) -> float:
    """How much wider than regular a column's cells are set: bold where it heads the rows."""
    return ROW_HEADING if column.key in headings else 1.0


def words_fit(
    columns: Sequence[Column],
    rows: Sequence[Any],
    whole: bool = False,
    headings: Collection[str] = (),
) -> bool:
    """Whether every column can be as wide as its longest word at the tables' usual type
    (the columns keyed in ``headings`` in bold, as ``column_widths`` counts them).

    When they cannot, the table takes the smaller type (``layout.table_layout``): squeezed
    below their narrowest, the columns broke words mid-way, table 5 of a partnership's paper
    printing "Decommissione" over "d" once both set-aside columns stood beside the others."""
    return (
        sum(_least(c, [cell(c, row, whole) for row in rows], _weight(c, headings)) for c in columns)
        <= LINE_CHARACTERS
    )


def column_widths(
    columns: Sequence[Column],
    rows: Sequence[Any],
    whole: bool = False,
    wide: bool = False,
    headings: Collection[str] = (),
) -> list[float]:
    """Each column's share of the table's width, in per cent, from the lengths of its text.

    The papers lay tables out with ``table-layout: fixed``: WeasyPrint's automatic layout
    measured every cell twice with Pango (its narrowest and widest lines) before placing it, a
    third of a board paper's render. Counting characters is close enough: a column is never
    narrower than its longest word (header or cell), and the room left over goes to the columns
    whose text is longest, as the automatic layout would give it. The columns keyed in
    ``headings`` head their rows (``PaperTable.heads_row``): their cells are bold
    (``ROW_HEADING``).
    """
    narrowest, widest = [], []
    for column in columns:
        texts = [cell(column, row, whole) for row in rows]
        weight = _weight(column, headings)
        least = _least(column, texts, weight)
        most = max(
            [least, BOLD * len(column.header) + PADDING_CHARACTERS]
            + [weight * len(t) + PADDING_CHARACTERS for t in texts]
        )
        if column.width is not None:  # the spreadsheet's width: wider text wraps
            most = max(least, min(most, column.width + PADDING_CHARACTERS))
        narrowest.append(least)
        widest.append(most)
    line = WIDE_LINE_CHARACTERS if wide else LINE_CHARACTERS
    if sum(widest) <= line:
        chars = widest
    elif sum(narrowest) >= line:
        chars = narrowest
    else:
        spare, stretch = line - sum(narrowest), sum(widest) - sum(narrowest)
        chars = [n + spare * (w - n) / stretch for n, w in zip(narrowest, widest, strict=True)]
    total = sum(chars)
    return [round(100 * c / total, 1) for c in chars]
