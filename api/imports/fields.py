"""One column of an import template: its header, whether it is needed, and how a cell an
officer typed becomes a value (or a sentence saying what is wrong with it)."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from marshmallow import ValidationError

from api.schemas.limits import EARLIEST, check_window
from api.vocabulary import Names, in_words, named
from domain.reviews.values import AgeBand
from domain.texts import not_plain


class CellError(ValueError):
    """What is wrong with one cell, in words an officer understands."""


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    meaning: str
    example: str
    parse: Callable[[Any], Any]
    required: bool = False
    choices: tuple[str, ...] = ()  # offered as a drop-down in the template
    width: int = 16
    # other headings officers' own trackers give this column ("Date of death"), offered as the
    # likely match when their sheet is matched to the template, never taken without asking
    aliases: tuple[str, ...] = ()

    def read(self, raw: Any) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError(f"{self.header} is required but empty; fill it in.")
            return None
        return self.parse(raw)


def text(limit: int = 2000) -> Callable[[Any], str]:
    """Plain text of at most ``limit`` characters, as the API and the pages take it. A number
    cell is read as the text the sheet shows (2.10 in a "0.00" cell; ``api.imports.shown``);
    the parsers of amounts, ages and dates read its number."""

    def parse(raw: Any) -> str:
        value = " ".join(str(raw).split())
        if len(value) > limit:
            raise CellError(f"is {len(value)} characters long; shorten it to at most {limit}.")
        problem = not_plain(value)
        if problem is not None:
            raise CellError(f"{problem[:1].lower()}{problem[1:]}; retype it as plain text.")
        return value

    return parse


UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
SHORT_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})")
# "3rd March 2021", "3 Mar 2021", "1 October 2021": how a date is typed as words, and how the
# pages write one (so the example a problem gives can be typed back as it reads)
WRITTEN_DATE = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})", re.I
)
# "01/03/2021 00:00", as Excel saves a date cell to CSV when its format shows the time
TIME_OF_DAY = re.compile(r"[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]\.?m\.?)?$", re.I)
MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = {
    spelling: number
    for number, name in enumerate(MONTH_NAMES, start=1)
    for spelling in (name, name[:3], "sept" if number == 9 else name)
}


def day(raw: Any) -> date:
    """A real spreadsheet date, an ISO date (2013-09-04), a UK one (04/09/2013) or one in words
    (4 September 2013, 4th Sept 2013: as the pages write dates, and officers type them), of a step
    that has happened: not before the earliest date the API takes (``EARLIEST``); the domain
    refuses one after today in its own words ("after today")."""
    found = _day(raw)
    if found < EARLIEST:
        raise CellError(f"{found:%d/%m/%Y} is before {EARLIEST:%d/%m/%Y}; check the year.")
    return found


def due_day(raw: Any) -> date:
    """A ``day`` that may lie ahead (a due date): within the window every API date lies in."""
    return _in_window(_day(raw), past=False)


def past_day(raw: Any) -> date:
    """A ``day`` the domain takes without asking whether it has happened (a budget's lines):
    the API's window for such a date, up to today."""
    return _in_window(_day(raw), past=True)


def _in_window(found: date, past: bool) -> date:
    try:
        check_window(found, past=past)
    except ValidationError as wrong:
        message = " ".join(str(m) for m in wrong.messages) if wrong.messages else str(wrong)
        raise CellError(f"{found:%d/%m/%Y}: {message[:1].lower()}{message[1:]}") from None
    return found


def _day(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # a date in a cell not formatted as one: Excel shows it as its day number (44256)
        raise CellError(
            f"'{raw:g}' is a number, not a date: a spreadsheet shows a date as a number when "
            "its cell is not formatted as a date. Format the cell as a date to see which day "
            "it is, or write the date as 04/09/2013."
        )
    value = TIME_OF_DAY.sub("", str(raw).strip())  # a date saved to CSV with its time
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    match = UK_DATE.fullmatch(value)
    if match:
        d, m, y = (int(g) for g in match.groups())
        try:
            return date(y, m, d)
        except ValueError:
            _month_first(value, d, m, y)
            _past_the_month(value, d, m, y)
    written = WRITTEN_DATE.fullmatch(value)
    if written and written.group(2).lower() in MONTHS:
        d, m, y = int(written[1]), MONTHS[written.group(2).lower()], int(written.group(3))
        try:
            return date(y, m, d)
        except ValueError:
            _past_the_month(value, d, m, y)
    short = SHORT_YEAR.fullmatch(value)
    if short:  # 03.10.21: 1921 or 2021 is not ours to guess
        d, m, yy = (int(g) for g in short.groups())
        raise CellError(
            f"'{value}' has a two-digit year, which could be more than one century; "
            f"write the year in full, as {d:02}/{m:02}/19{yy:02} or {d:02}/{m:02}/20{yy:02}."
        )
    raise CellError(f"'{value}' is not a date; write it as 04/09/2013 or 2013-09-04.")


def _month_first(value: str, d: int, m: int, y: int) -> None:
    """A date typed month first (03/31/2021, as American software writes it) is not read as
    another day: the officer is told the day comes first, with the date rewritten so."""
    try:
        meant = date(y, d, m)
    except ValueError:
        return
    raise CellError(
        f"'{value}' is not a date: the day comes first, so write {meant.day} "
        f"{meant:%B %Y} as {meant:%d/%m/%Y}."
    )


def _past_the_month(value: str, d: int, m: int, y: int) -> None:
    """A day the month does not have (31/02/2021) is said as such, so the officer looks at the
    day rather than at how the date is written."""
    if 1 <= m <= 12 and 1 <= y and d > 28:
        last = monthrange(y, m)[1]
        raise CellError(
            f"'{value}' is not a date: {date(y, m, 1):%B %Y} has {last} days; "
            "check the day and the month."
        )


def pence(raw: Any) -> int:
    """Pounds as typed ("£8,500", "8500.00", 8500) to whole pence; negatives refused. A sum
    a spreadsheet worked out (2550.0000000000005, shown as £2,550.00) is read as the pence
    it shows: the rest is how the spreadsheet stores fractions, not money."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # the number the cell holds, not the text its format shows (``api.imports.shown``)
        raw = int(raw) if isinstance(raw, int) else float(raw)
    if isinstance(raw, float) and abs(raw * 100 - round(raw * 100)) < 1e-6:
        raw = f"{raw:.2f}"
    value = str(raw).strip().replace("£", "").replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise CellError(
            f"'{raw}' is not an amount in pounds; write it as 8500 or £8,500.00."
        ) from None
    if amount < 0:
        raise CellError(f"'{raw}' is negative; write the amount as positive pounds.")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(f"'{raw}' has more than two decimal places; round it to whole pence.")
    return int(amount * 100)


def choice(
    enum: type[StrEnum] | tuple[str, ...],
    what: str,
    names: Names | None = None,
    spellings: dict[str, str] | None = None,
) -> Callable[[Any], str]:
    """Accept the stored code, its words ("in progress" for in_progress) or its name
    ("Domestic Homicide Review" for dhr, as the registers' spreadsheets write it), any case;
    and ``spellings``, other words trackers use for one value ("F" for female), each meaning
    that value and nothing else."""
    values = tuple(m.value for m in enum) if isinstance(enum, type) else enum
    accepted: dict[str, str] = {}
    for value in values:
        for spelling in (value, in_words(value), (names or {}).get(value, value)):
            accepted[" ".join(spelling.split()).lower()] = value
    for spelling, value in (spellings or {}).items():
        accepted[spelling.lower()] = value

    def parse(raw: Any) -> str:
        found = accepted.get(" ".join(str(raw).split()).lower())
        if found is None:
            offered = ", ".join(words(values, names))
            raise CellError(f"'{raw}' is not a known {what}; use one of: {offered}.")
        return found

    return parse


def words(values: tuple[str, ...] | type[StrEnum], names: Names | None = None) -> tuple[str, ...]:
    """What a template offers for each value: its name, or the code in words."""
    found = tuple(m.value for m in values) if isinstance(values, type) else values
    return tuple(named(names or {}, v) for v in found)


def one_of(
    key: str,
    header: str,
    meaning: str,
    example: str,
    values: type[StrEnum] | tuple[str, ...],
    what: str,
    required: bool = False,
    width: int = 16,
    names: Names | None = None,
    aliases: tuple[str, ...] = (),
    spellings: dict[str, str] | None = None,
) -> Field:
    """A column whose cells must be one of ``values`` (``what`` names one in a problem); the
    template offers their names (``names``, else their words) as a drop-down."""
    return Field(
        key,
        header,
        meaning,
        example,
        choice(values, what, names, spellings),
        required,
        words(values, names),
        width,
        aliases,
    )


def age_band(raw: Any) -> str:
    """A band ("25-34", or "25–34" with the dash Word and Excel put in), or an age in whole
    years, kept only as its band: trackers often hold the age, and the ledger keeps no more
    than the band (``AgeBand``)."""
    bands = choice(AgeBand, "age band", spellings={"75 or over": "75+", "75 plus": "75+"})
    value = " ".join(str(raw).split())
    if isinstance(raw, int | float) or value.isdigit():
        try:  # a number cell by its number, whatever its format shows ("34 years")
            age = int(raw) if isinstance(raw, int | float) else int(value)
        except ValueError:
            age = -1
        for band in AgeBand:
            low, _, high = band.value.rstrip("+").partition("-")
            if int(low) <= age <= (int(high) if high else 130):
                return band.value
        raise CellError(
            f"'{value}' is not an age a domestic homicide review covers (16 or over); "
            "write the age in years or its band, such as 25-34."
        )
    try:
        return bands(DASH.sub("-", value.replace(" to ", "-")))
    except CellError:
        return bands(value)  # refused in the words it was typed in, with the bands listed


# a hyphen as word processors and phones type one ("25–34": an en dash), spaced or not
DASH = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*")


def codes(raw: Any) -> tuple[str, ...]:
    """Themes separated by ';' or ',', each by name or code (e.g. 'DASH risk assessment;
    training'); which theme each names is the taxonomy's to say (``api.imports.themes``)."""
    found = tuple(p.strip() for p in re.split(r"[;,]", str(raw)) if p.strip())
    if not found:
        raise CellError("names no theme; name at least one, separated by ';'.")
    return found
