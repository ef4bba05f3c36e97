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
other values (value objects, decimals, lists...) go through the encoder above. The C encoder
called back into Python for every timestamp, date and id; this is about a quarter less CPU
per event, and the bytes are the same (``test_library_seams``, ``test_bulk_import``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper
from eventsourcing.utils import get_topic

from adapters.library.eventsourcing import (
    json_settings,
    timestamp_head,
    transcoding_default,
    value_heads,
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
    stamp, day, uid = heads[datetime], heads[date], heads[UUID]
    int_text = int.__repr__
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
                append(f"{key}{string(v)}")
            elif kind is datetime:
                append(f'{key}{stamp}{v.isoformat()}"}}')
            elif kind is date:
                append(f'{key}{day}{v.isoformat()}"}}')
            elif kind is UUID:
                append(f'{key}{uid}{v.hex}"}}')
            elif v is None:
                append(f"{key}null")
            elif kind is int:
                append(f"{key}{int_text(v)}")
            elif kind is bool:
                append(f"{key}true" if v else f"{key}false")
            else:  # value objects, decimals, lists, floats, bools...: the encoder as it is
                append(f"{key}{value(v)}")
        if class_version > 1:
            append(version_key + int_text(class_version))
        return f"{{{','.join(parts)}}}".encode()

    return encode
