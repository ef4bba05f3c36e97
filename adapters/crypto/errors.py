"""What goes wrong with keys, said so an operator knows what to do next."""

from __future__ import annotations


class KeyMissingError(RuntimeError):
    """A key needed to read or write stored data is not available (or the master key is wrong)."""


class AlteredError(ValueError):
    """Sealed bytes failed AES-GCM's integrity check: changed after they were sealed, or sealed
    with another key. A ``ValueError``, as it always was; its own class so a reader that carries
    on past one unreadable event can say why."""


def key_missing(error: BaseException | None) -> KeyMissingError | None:
    """The ``KeyMissingError`` behind ``error``: the library wraps what a cipher raises in its
    own ``MapperDeserialisationError``, keeping ours as the cause."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, KeyMissingError):
            return error
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None
