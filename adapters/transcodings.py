"""Teach the event store the domain's value types.

JSON knows neither ``date`` nor frozen dataclasses, and turns tuples into lists;
without these transcodings a replayed aggregate would not equal the one saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class FrozenValueObject(Transcoding):
    """Stores a frozen dataclass as its fields; lists come back as tuples."""

    def __init__(self, cls: type) -> None:
        if not (dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen):  # type: ignore[attr-defined]
            raise TypeError(f"{cls.__qualname__} must be a frozen dataclass to be stored in events")
        self.type = cls
        self.name = f"{cls.__module__}.{cls.__qualname__}"

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**{k: _tuples(v) for k, v in data.items()})


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def register_domain_types(transcoder: JSONTranscoder, value_objects: Iterable[type]) -> None:
    """Register dates and every value object the domain puts in its events."""
    transcoder.register(DateAsISO())
    for cls in value_objects:
        transcoder.register(FrozenValueObject(cls))
