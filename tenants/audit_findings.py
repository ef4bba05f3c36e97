"""What verifying a history found, as facts: which seal, at which event, made when, and what
kind of finding; and where the history first breaks (``Break``).

Each finding is said two ways from the same facts, side by side so neither drifts from the
other: ``text()`` as the command line and the API have always said it (positions, UTC, the
ledger's key), and ``sentence()`` as a person reads it on the auditor's page and in an audit
bundle's verifier (event numbers, UK dates, the partnership's name, never an id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from uuid import UUID

from domain.audit import Seal
from domain.audit.anchor import SealsMissing
from domain.calendar import date_time

CHANGED = "an event up to it was changed, removed, inserted or reordered"


class Kind(Enum):
    SEAL_CHANGED = "a seal no longer matches"
    SEAL_GONE = "a seal vouches for an event that is gone"
    ROW_OUTSIDE = "a row before the first position"
    ROW_EDITED = "a row not stored as the application writes it"
    ROW_OUT_OF_ORDER = "a row out of its record's order"
    BUNDLE_CHANGED = "an exported bundle's head no longer matches"
    BUNDLE_GONE = "an exported bundle's head is gone"
    ANCHOR_CHANGED = "a link the anchor holds no longer matches"
    ANCHOR_GONE = "a link the anchor holds is gone"
    SEALS_MISSING = "seals gone from the seal store"
    CASE_KEY_GONE = "a case's key gone without an erasure"

    @property
    def of_a_seal(self) -> bool:
        return self in (Kind.SEAL_CHANGED, Kind.SEAL_GONE)

    @property
    def of_a_row(self) -> bool:
        return self in (Kind.ROW_OUTSIDE, Kind.ROW_EDITED, Kind.ROW_OUT_OF_ORDER)

    @property
    def of_a_bundle(self) -> bool:
        return self in (Kind.BUNDLE_CHANGED, Kind.BUNDLE_GONE)


@dataclass(frozen=True)
class Finding:
    """One thing verifying found. ``event`` is the position it concerns (None for the seal
    store and case keys); ``made`` when the seal or anchored link was made, or the bundle
    exported; the rest only for the kinds that have them."""

    kind: Kind
    event: int | None = None
    made: datetime | None = None
    seal: Seal | None = None  # the seal (or link the anchor holds) the finding is about
    exported_for: str = ""  # a bundle's: whom it was exported for
    why: str = ""  # a row's: how it is not stored as the application writes it
    version: int = 0  # a row's: its version of its record...
    due: int = 0  # ...where this one was due
    later: int = 0  # links the anchor holds after this one that fail too
    missing: SealsMissing | None = None
    case: str = ""  # a case's reference, where its key is gone (empty if it cannot be read)
    case_id: UUID | None = None

    def text(self) -> str:
        """As ``ledger audit verify`` and the API say it."""
        at, kind = self.event, self.kind
        made = self.made.strftime("%Y-%m-%d %H:%M UTC") if self.made else ""
        if kind is Kind.SEAL_CHANGED:
            return f"the seal at position {at} (sealed {made}) no longer matches" + (
                f": {CHANGED}" if at else ""
            )
        if kind is Kind.SEAL_GONE:
            return f"the seal at position {at} (sealed {made}) vouches for an event that is gone"
        if kind is Kind.ROW_OUTSIDE:
            return (
                f"a row at position {at}: positions start at 1, so it was written behind the "
                "application's back"
            )
        if kind is Kind.ROW_EDITED:
            return (
                f"the row at position {at} is not stored as the application writes it "
                f"({self.why}): it was edited behind the application's back"
            )
        if kind is Kind.ROW_OUT_OF_ORDER:
            return (
                f"the row at position {at} is version {self.version} of its record where "
                f"version {self.due} was due (planted, duplicated or reordered)"
            )
        if kind.of_a_bundle:
            return f"the audit bundle exported {made} for {self.exported_for} vouched for the " + (
                f"event at position {at}, which no longer matches: {CHANGED}"
                if kind is Kind.BUNDLE_CHANGED
                else f"event at position {at}, which is gone"
            )
        if kind in (Kind.ANCHOR_CHANGED, Kind.ANCHOR_GONE):
            return (
                f"the link the anchor holds for position {at} (sealed {made}) "
                + (
                    f"no longer matches: {CHANGED}"
                    if kind is Kind.ANCHOR_CHANGED
                    else "vouches for an event that is gone"
                )
                + (f" (and {self.later} later links the anchor holds)" if self.later else "")
            )
        if kind is Kind.SEALS_MISSING:
            assert self.missing is not None
            return self.missing.text()
        named = f"{self.case} ({self.case_id})" if self.case else str(self.case_id)
        return (
            f"the key of case {named} is gone, though the case was never erased: it was "
            "erased outside the service, and the case's personal details, chronology, "
            "documents and IMR authors' contacts can no longer be read. Restore platform_keys "
            "from the latest backup and investigate access logs (if this tenant was restored "
            "from a backup taken before the case was erased, record the erasure again with "
            "`ledger vault erase`)"
        )

    def sentence(self, name: str) -> str:
        """As a person reads it: events by number, times in UK words, the partnership (or
        store) by ``name``, no case by its id."""
        at, kind = f"{self.event or 0:,}", self.kind
        made = date_time(self.made) if self.made else ""
        if kind is Kind.SEAL_CHANGED:
            return f"The seal at event {at} (made {made}) no longer matches" + (
                f": {CHANGED}." if self.event else "."
            )
        if kind is Kind.SEAL_GONE:
            return f"The seal at event {at} (made {made}) vouches for an event that is gone."
        if kind is Kind.ROW_OUTSIDE:
            return (
                f"Event {self.event}: events are numbered from 1, so it was written behind the "
                "application's back."
            )
        if kind is Kind.ROW_EDITED:
            return (
                f"Event {at} is not stored as the application writes it ({self.why}): it was "
                "edited behind the application's back."
            )
        if kind is Kind.ROW_OUT_OF_ORDER:
            return (
                f"Event {at} is version {self.version} of its record where version {self.due} "
                "was due (planted, duplicated or reordered)."
            )
        if kind.of_a_bundle:
            return f"The audit bundle exported {made} for {self.exported_for} vouched for " + (
                f"event {at}, which no longer matches: {CHANGED}."
                if kind is Kind.BUNDLE_CHANGED
                else f"event {at}, which is gone."
            )
        if kind in (Kind.ANCHOR_CHANGED, Kind.ANCHOR_GONE):
            return (
                f"The link the anchor holds for event {at} (made {made}) "
                + (
                    f"no longer matches: {CHANGED}"
                    if kind is Kind.ANCHOR_CHANGED
                    else "vouches for an event that is gone"
                )
                + (f" (and {self.later:,} later links the anchor holds)" if self.later else "")
                + "."
            )
        if kind is Kind.SEALS_MISSING:
            assert self.missing is not None
            return _missing(self.missing, name)
        return (
            f"The key of case {self.case or 'that cannot be read'} is gone, though the case was "
            "never erased: it was erased outside the service, and the case's personal details, "
            "chronology, documents and IMR authors' contacts can no longer be read. Restore "
            "platform_keys from the latest backup and investigate access logs (if this "
            "partnership was restored from a backup taken before the case was erased, record "
            "the erasure again with `ledger vault erase`)."
        )


def _missing(found: SealsMissing, name: str) -> str:
    on = date_time(found.anchored_at)
    seals = f"{found.held:,} seal{'' if found.held == 1 else 's'}"
    recorded = f"{found.recorded:,} seal{'' if found.recorded == 1 else 's'}"
    said = (
        f"The seal store holds {seals} of {name}, where the anchor recorded "
        f"{found.recorded:,} on {on}: seals were deleted behind the application's back"
        if found.deleted
        else f"The seal store no longer holds the {recorded} of {name} the anchor recorded "
        f"on {on} as they were (the last at event {found.last.position:,}): seals were "
        "changed behind the application's back"
    )
    return said + (f" (and {found.earlier:,} earlier lines)" if found.earlier else "") + "."


@dataclass(frozen=True)
class Break:
    """Where the history first no longer matches: the event (``at``), what was found there
    first, the first seal from it on that no longer matches (None where no seal covered it:
    only a row, a link the anchor holds or a bundle's head), the events the change lies among
    (``first`` to ``last``: after the last seal that still matches, up to the broken seal or
    the event), and that earlier seal, which still matches (None if there is none)."""

    at: int
    finding: Finding
    seal: Seal | None
    first: int
    last: int
    still_matches: Seal | None

    @classmethod
    def of(cls, findings: tuple[Finding, ...], seals: dict[int, Seal]) -> Break | None:
        placed = sorted((f for f in findings if f.event is not None), key=_where)
        if not placed:
            return None
        first = placed[0]
        at = first.event or 0
        broken = next((f.seal for f in placed if f.kind.of_a_seal), None)
        earlier = max((p for p in seals if p < at), default=None)
        return cls(
            at,
            first,
            broken,
            1 if earlier is None else earlier + 1,
            broken.position if broken else at,
            None if earlier is None else seals[earlier],
        )


def _where(finding: Finding) -> int:
    return finding.event or 0
