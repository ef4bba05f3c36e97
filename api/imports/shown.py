"""A number cell as the officer sees it. A workbook keeps recommendation 2.10 as the number 2.1
and shows it as 2.10 through the cell's number format ("0.00"); read as the number, its actions
would land on recommendation 2.1, another recommendation. So a number whose format shows it
otherwise than Python writes it is read as a ``Shown`` number: the same number to a column of
amounts, ages or dates, and the text the sheet shows to a column of text (``str``).

openpyxl has no number formatter. This one knows the formats a sheet shows numbers in (General,
Text, "0", "0.00", "00", "00#", "#,##0.00", "0%", with quoted words, currency, colours and a section
for negatives); any other (a date's, a fraction's, scientific, a condition) leaves the number
as it is, as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

Format = Callable[[Decimal], str]


class Shown:
    """A number with the text its cell shows: ``str`` gives the text, arithmetic the number."""

    text: str

    def __new__(cls, value: Any, text: str) -> Any:
        made = super().__new__(cls, value)  # type: ignore[call-arg]
        made.text = text
        return made

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({super().__repr__()}, {self.text!r})"


class ShownInt(Shown, int):
    """A whole number ("01" for 1 in a "00" cell)."""


class ShownFloat(Shown, float):
    """A number with a fraction ("2.10" for 2.1 in a "0.00" cell)."""


def as_shown(value: Any, number_format: str | None) -> Any:
    """``value`` as the sheet shows it: a number whose text differs is a ``Shown`` one; any
    other value, and a number in a format this does not know, is returned as it is."""
    kind = type(value)
    if kind is not int and kind is not float:  # a bool is neither; a date is not a number
        return value
    if kind is int and number_format in (None, "General", "@"):
        return value  # the common case, answered without formatting
    text = shown_text(value, number_format or "General")
    if text is None or text == str(value):
        return value
    return ShownInt(value, text) if kind is int else ShownFloat(value, text)


def shown_text(value: int | float, number_format: str) -> str | None:
    """The text a sheet shows for ``value`` in ``number_format``, or None if not known."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    sections = _sections(number_format)
    number = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    if number < 0 and len(sections) > 1:
        section, number = sections[1], -number  # the section writes its own sign
    elif number == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
    if section is None:
        return None
    try:
        text = section(abs(number))
    except InvalidOperation:  # more digits than a sheet shows
        return None
    return f"-{text}" if number < 0 and text.strip(" 0.,") else text


@lru_cache(maxsize=256)
def _sections(number_format: str) -> tuple[Format | None, ...]:
    """Each of a format's sections (positive; negative; zero) made into a function; None for a
    section this does not know."""
    if number_format.strip() == "@":
        number_format = "General"  # a number in a cell formatted as text shows as General
    parts = [""]
    for token in TOKEN.findall(number_format):
        if token == ";":
            parts.append("")
        else:
            parts[-1] += token
    return tuple(_section(p) if p.strip() else None for p in parts[:3])


TOKEN = re.compile(r'"[^"]*"|\\.|[_*].|\[[^\]]*\]|general|[0#?.,]+|.', re.I | re.S)
COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}


def _section(text: str) -> Format | None:
    """One section: the words around one run of digit places (or General)."""
    before: list[str] = []
    after: list[str] = []
    digits: str | None = None
    scale = Decimal(1)
    for token in TOKEN.findall(text):
        low = token.lower()
        if token[0] == '"':
            word = token[1:-1]
        elif token[0] == "\\":
            word = token[1]
        elif token[0] in "_*":
            word = ""  # padding the width of a character, or filling the cell
        elif token[0] == "[":
            inner = token[1:-1]
            if inner.lower() in COLOURS or low.startswith("[color"):
                word = ""
            elif inner.startswith("$"):
                word = inner[1:].split("-")[0]  # [$£-809]: the currency sign
            else:
                return None  # a condition, or elapsed time
        elif low == "general" or token[0] in "0#?.,":
            if digits is not None:
                return None  # digits split by words (000-000): not known here
            digits = "general" if low == "general" else token
            continue
        elif token == "%":
            scale *= 100
            word = "%"
        elif token.isalpha() or token in "@/":
            return None  # a date's or a time's letters, scientific, text, a fraction
        else:
            word = token  # $ - + ( ) : and spaces are shown as typed
        (before if digits is None else after).append(word)
    number = _general if digits == "general" else _digits(digits) if digits else _words_only
    head, tail = "".join(before), "".join(after)
    return lambda x: head + number(x * scale) + tail


def _words_only(x: Decimal) -> str:
    return ""  # a section of words alone ("-" for nothing) shows no digits


def _general(x: Decimal) -> str:
    """As General shows a number: no trailing zeros, none of a float's last-digit noise."""
    return format(x.normalize(), "f") if x else "0"


def _digits(places: str) -> Format:
    """A run of digit places: '0' a digit always shown, '#' one shown if needed, '?' a space
    if not; a comma between places groups thousands, after them divides by a thousand."""
    whole, point, fraction = places.partition(".")
    stripped = whole.rstrip(",")
    thousands = Decimal(1000) ** (len(whole) - len(stripped))
    grouped = "," in stripped.strip(",")
    fraction = fraction.replace(",", "")
    places = stripped.replace(",", "")
    # the whole digits always shown: every place from the leftmost 0 on ("00#" shows 7 as
    # 007), as the fraction's run to its rightmost 0
    least = len(places) - places.find("0") if "0" in places else 0
    kept = fraction.rfind("0") + 1  # the fraction's digits always shown

    def show(x: Decimal) -> str:
        x = (x / thousands).quantize(Decimal(1).scaleb(-len(fraction)), ROUND_HALF_UP)
        units, _, decimals = format(x, "f").partition(".")
        units = "" if units == "0" and not least else units.zfill(least)
        if grouped:
            units = f"{int(units):,}" if units else ""
        shown = decimals[:kept] + "".join(
            d if d != "0" or decimals[i + 1 :].strip("0") else (" " if p == "?" else "")
            for i, (d, p) in enumerate(zip(decimals[kept:], fraction[kept:], strict=True), kept)
        )
        return units + point + shown

    return show
