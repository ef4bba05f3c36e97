"""What goes wrong with keys, said so an operator knows what to do next."""

from __future__ import annotations


class KeyMissingError(RuntimeError):
    """A key needed to read or write stored data is not available (or the master key is wrong)."""
