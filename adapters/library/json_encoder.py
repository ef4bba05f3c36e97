"""The standard library's C JSON encoder, built once and reused (the import path's hot loop).

``json.JSONEncoder.encode`` builds a new ``c_make_encoder`` on every call; at bulk rates that
is a third of mapping an event. ``c_make_encoder`` is what ``JSONEncoder.iterencode`` calls
with the encoder's settings (``json/encoder.py``); it is not documented, so it is reached here
only, and a Python without it gets ``None`` and the caller falls back to ``encode``.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any


def reusable_encoder(
    settings: json.JSONEncoder, default: Callable[[Any], Any] | None = None
) -> Callable[[Any], str] | None:
    """A function encoding like ``settings.encode`` with one C encoder made now, or None.

    ``default``, when given, stands for ``settings.default`` (it must return the same values).
    None when there is no C encoder or the settings need what it does not do (indentation).
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or settings.indent is not None:
        return None
    iterencode = make(
        None,  # no circular-reference markers: event states are trees of values
        default or settings.default,
        json.encoder.encode_basestring_ascii
        if settings.ensure_ascii
        else json.encoder.encode_basestring,
        None,
        settings.key_separator,
        settings.item_separator,
        settings.sort_keys,
        settings.skipkeys,
        settings.allow_nan,
    )
    join = "".join

    def encode(obj: Any) -> str:
        return join(iterencode(obj, 0))

    return encode


def string_encoder(settings: json.JSONEncoder) -> Callable[[str], str]:
    """What the encoder with ``settings`` writes for a string (quotes included): the very
    function the C encoder is given above (``encode_basestring`` or its ASCII twin)."""
    if settings.ensure_ascii:
        return json.encoder.encode_basestring_ascii
    return json.encoder.encode_basestring
