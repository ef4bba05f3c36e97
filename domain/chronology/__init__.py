"""A case's merged chronology: what each agency knew and did, in date order.

Entries are free text about people, so they are sealed with the case key before they become
events and are never copied into a projection; erasing the case's vault makes them unreadable.
"""

from domain.chronology.chronology import CaseChronology
from domain.chronology.entry import ChronologyEntry
from domain.chronology.merge import Gap, MergedChronology, MergedEntry, Sealed, merge

VALUE_OBJECTS: tuple[type, ...] = ()  # events hold only ciphertext, numbers and agency names

__all__ = [
    "VALUE_OBJECTS",
    "CaseChronology",
    "ChronologyEntry",
    "Gap",
    "MergedChronology",
    "MergedEntry",
    "Sealed",
    "merge",
]
