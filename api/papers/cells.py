"""How a table cell reads in a board paper: dates in words, money in pounds, counts as digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from api.tables.columns import Column, Kind


def long_date(day: date) -> str:
    """4 September 2013, as council papers write it."""
    return f"{day.day} {day:%B %Y}"


def cell(column: Column, row: Any) -> str:
    value = column.value(row)
    if value is None:
        return "–" if column.kind in (Kind.MONEY, Kind.COUNT, Kind.NUMBER) else ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if column.kind is Kind.MONEY and isinstance(value, Decimal):
        return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"
    if column.kind is Kind.NUMBER and isinstance(value, Decimal):
        return f"{value:.1f}"
    return str(value)


def numeric(column: Column) -> bool:
    return column.kind in (Kind.MONEY, Kind.COUNT, Kind.NUMBER)
