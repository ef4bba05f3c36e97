"""Domain events to stored rows for the import path: the application's own mapping, minus its overhead.

``Mapper.to_stored_event`` builds a ``StoredEvent`` and a fresh JSON encoder object per event
(``JSONEncoder.encode`` makes one on every call); at bulk rates that is a third of the cost.
``EventRows`` does the same steps with one encoder built once from the transcoder's own settings
and its ``default`` with one function per registered type (``transcoding_default``: the same
dicts, without a lookup and a method call per value), and then the mapper's compressor and
cipher, so the bytes are exactly what ``to_stored_event`` would store and replay identically.
Every event's first field is its ``timestamp``: its JSON is spliced in front of the rest
(``timestamp_head``) rather than handed to ``default`` (about 6% of mapping an event). Anything
it cannot mirror exactly (another transcoder, no C encoder) falls back to the transcoder's
``encode``.

Faster still, and what runs for the library's plain transcoder (``_event_encoder``): the
state's JSON written field by field straight from the event's ``__dict__`` (no copy), strings
by the C encoder's own string function (``string_encoder``), datetimes, dates and UUIDs as the text their
transcodings give behind the transcoder's own head (``value_heads``), ints by ``repr``, booleans; only
enums, tuples and lists and the domain's value objects by ``_nested_writer``; only floats,
dicts, decimals and the like go through the encoder above. The C encoder called back into
Python for every timestamp, date and id; that was about a quarter less CPU per event. Then
(issue 19, figure c) the texts of days are remembered across imports
(``_value_texts``) and value objects, enums and tuples written here too instead of through
the encoder and its callback: about a fifth less CPU again for mapping and sealing an event
(13.6 -> 10.6 us per event, the same events alternating in one process). The bytes are the
same (``test_library_seams``, ``test_bulk_import``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper
from eventsourcing.utils import get_topic

from adapters.library.eventsourcing import (
    json_settings,
    timestamp_head,
    transcoding_default,
    value_heads,
    value_object_heads,
)
from adapters.library.json_encoder import reusable_encoder, string_encoder

Row = tuple[UUID | str, int, str, bytes]
"""``(originator_id, originator_version, topic, state)``: one row of a tenant's events table."""


class EventRows:
    """Maps domain events to rows with one application's transcoder, compressor and cipher."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self.mapper = mapper
        self.encode = _state_encoder(mapper)
        self.encode_event = _event_encoder(mapper)
        self._classes: dict[type, tuple[str, int]] = {}

    def __call__(
        self, events: Iterable[Any], key: Callable[[Any], Any] | None = None
    ) -> Iterator[Row]:
        """Rows, made as they are consumed; ``key`` spells each originator id as the store
        wants it (the id itself without). The cipher's key is chosen now, not while a COPY
        holds a connection: finding it may need the key store (another pooled connection)."""
        cipher = self.mapper.cipher
        encryptor = getattr(cipher, "encryptor", None)
        encrypt = encryptor() if encryptor else cipher.encrypt if cipher else None
        return self._rows(events, encrypt, key)

    def _rows(
        self,
        events: Iterable[Any],
        encrypt: Callable[[bytes], bytes] | None,
        key: Callable[[Any], Any] | None,
    ) -> Iterator[Row]:
        encode, encode_event, classes = self.encode, self.encode_event, self._classes
        compressor = self.mapper.compressor
        last_id: Any = None
        last_key: Any = None
        for event in events:
            cls = type(event)
            known = classes.get(cls)
            if known is None:
                known = classes[cls] = (get_topic(cls), getattr(cls, "class_version", 1))
            topic, class_version = known
            attrs = event.__dict__  # what ``vars(event)`` gives the mapper
            originator_id = attrs["originator_id"]
            originator_version = attrs["originator_version"]
            if encode_event is not None and (class_version == 1 or "class_version" not in attrs):
                data = encode_event(attrs, class_version)
            else:
                state = attrs.copy()
                del state["originator_id"], state["originator_version"]
                if class_version > 1:
                    state["class_version"] = class_version
                data = encode(state)
            if compressor:
                data = compressor.compress(data)
            if encrypt:
                data = encrypt(data)
            if key is not None:  # an aggregate's events come together: spell its id once
                if originator_id is not last_id:
                    last_id, last_key = originator_id, key(originator_id)
                originator_id = last_key
            yield originator_id, originator_version, topic, data


def _state_encoder(mapper: Mapper[Any]) -> Callable[[dict[str, Any]], bytes]:
    """One reusable C encoder configured like the transcoder's ``json.JSONEncoder``; an event's
    leading ``timestamp`` spliced in front as the encoder would have written it."""
    settings = json_settings(mapper)
    encode = (
        reusable_encoder(settings, transcoding_default(mapper)) if settings is not None else None
    )
    if encode is None:
        return mapper.transcoder.encode
    head = timestamp_head(mapper)
    if head is None:

        def plain(state: dict[str, Any]) -> bytes:
            return encode(state).encode("utf8")

        return plain

    def encoded(state: dict[str, Any]) -> bytes:
        stamp = state.get("timestamp")
        if type(stamp) is not datetime or next(iter(state)) != "timestamp":
            return encode(state).encode("utf8")
        del state["timestamp"]  # the caller's copy
        rest = encode(state)
        stamp_json = head + stamp.isoformat() + '"}'
        if rest == "{}":
            return (stamp_json + "}").encode("utf8")
        return (stamp_json + "," + rest[1:]).encode("utf8")

    return encoded


def _event_encoder(mapper: Mapper[Any]) -> Callable[[dict[str, Any], int], bytes] | None:
    """The mapper's bytes for an event's state, from its ``__dict__`` and class version, written
    field by field as the transcoder's ``json.JSONEncoder`` writes them; None unless the
    transcoder is the library's plain one with the library's datetime and UUID transcodings
    and our date one (``value_heads``). ``originator_id`` and ``originator_version`` are
    left out and a ``class_version`` above 1 appended, as ``Mapper.to_stored_event`` does (the
    caller uses the other encoder for an event with a ``class_version`` field of its own)."""
    settings = json_settings(mapper)
    heads = value_heads(mapper)
    value = (
        reusable_encoder(settings, transcoding_default(mapper)) if settings is not None else None
    )
    if settings is None or heads is None or value is None:
        return None
    string = string_encoder(settings)
    int_text = int.__repr__
    uid = heads[UUID]
    stamp_text, day_text = _value_texts(heads[datetime], heads[date])
    nested = _nested_writer(string, stamp_text, day_text, uid, value_object_heads(mapper), value)
    keys: dict[str, str] = {"originator_id": "", "originator_version": ""}  # "": not in the state
    version_key = string("class_version") + ":"

    def encode(attrs: dict[str, Any], class_version: int) -> bytes:
        parts: list[str] = []
        append = parts.append
        for name, v in attrs.items():
            key = keys.get(name)
            if key is None:
                key = keys[name] = string(name) + ":"
            elif not key:
                continue
            kind = type(v)
            if kind is str:
                append(key + string(v))
            elif kind is datetime:
                append(key + stamp_text(v))
            elif kind is UUID:
                append(f'{key}{uid}{v.hex}"}}')
            elif kind is date:
                append(key + day_text(v))
            elif kind is int:
                append(key + int_text(v))
            elif v is None:
                append(key + "null")
            else:  # enums, value objects, tuples, booleans... (``_nested_writer``)
                append(key + nested(v))
        if class_version > 1:
            append(version_key + int_text(class_version))
        return ("{" + ",".join(parts) + "}").encode()

    return encode


_REMEMBERED = 50_000  # days' texts kept (a few MB), then forgotten at once


@cache
def _value_texts(stamp: str, day: str) -> tuple[Callable[[datetime], str], Callable[[date], str]]:
    """The transcoder's JSON for a datetime and a date (``value_heads``), made cheaper.

    ``datetime.isoformat`` of an aware datetime costs about five dict lookups (it formats
    through ``PyUnicode_FromFormat`` and builds the offset from a ``timedelta``) and
    ``date.isoformat`` two or three. Histories span a few thousand days, the same for every
    tenant, so days' texts are remembered once per process for the transcoder's heads (at
    most ``_REMEMBERED``; a day is not personal). A UTC timestamp is its day's text, ``T``,
    its naive time's ``isoformat`` and ``+00:00`` — exactly what ``isoformat`` writes, the
    fraction left out at 0 µs by both; any other timezone goes through ``isoformat`` as it is.
    Ids are not remembered: a ``UUID``'s hash is Python code, and keeping their texts measured
    no faster than ``hex``.
    """
    days: dict[date, str] = {}  # date -> "YYYY-MM-DD"
    dated: dict[date, str] = {}  # date -> its whole JSON object

    def stamp_text(v: datetime) -> str:
        if v.tzinfo is not UTC:
            return f'{stamp}{v.isoformat()}"}}'
        d = v.date()
        text = days.get(d)
        if text is None:
            if len(days) >= _REMEMBERED:
                days.clear()
            text = days[d] = d.isoformat()
        return f'{stamp}{text}T{v.time().isoformat()}+00:00"}}'

    def day_text(v: date) -> str:
        text = dated.get(v)
        if text is None:
            if len(dated) >= _REMEMBERED:
                dated.clear()
            text = dated[v] = f'{day}{v.isoformat()}"}}'
        return text

    return stamp_text, day_text


def _nested_writer(
    string: Callable[[str], str],
    stamp_text: Callable[[datetime], str],
    day_text: Callable[[date], str],
    uid: str,
    objects: dict[type, tuple[str, tuple[tuple[str, str], ...]]],
    value: Callable[[Any], str],
) -> Callable[[Any], str]:
    """Any other value's JSON, checked in the C encoder's own order (``c_make_encoder``): None,
    booleans, then any ``str`` (a ``StrEnum`` too: it never reaches ``default``), any ``int``
    (``IntEnum``: ``int.__repr__``), lists and tuples (as JSON arrays, items written here too);
    then the registered types the encoder would hand to ``default`` — dates, datetimes, UUIDs
    and our frozen value objects (``value_object_heads``: the same dict the transcoding gives,
    written field by field). Floats, dicts, decimals and anything else go to the encoder as
    they are. Was: every enum and tuple an encoder call, every value object a Python callback."""
    int_text = int.__repr__

    def write(v: Any) -> str:
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, str):
            return string(v)
        if isinstance(v, int):
            return int_text(v)
        if isinstance(v, (list, tuple)):
            return "[" + ",".join([write(item) for item in v]) + "]"
        kind = type(v)
        if kind is datetime:
            return stamp_text(v)
        if kind is UUID:
            return f'{uid}{v.hex}"}}'
        if kind is date:
            return day_text(v)
        shape = objects.get(kind)
        if shape is None:
            return value(v)
        head, fields = shape
        return head + ",".join([key + write(getattr(v, name)) for name, key in fields]) + "}}"

    return write
