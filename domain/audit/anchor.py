"""The anchor: one line per seal run, kept outside the service, vouching for the seal store.

Seals live in the platform's own store: a person with the database could delete a tenant's
seals along with the events they vouched for, and verify would find nothing to compare. Each
``ledger audit seal`` run therefore appends a line to a file the operator keeps elsewhere: for
each ledger sealed, how many seals it had and the last one; and the seal store's own chain at
its head, so that removing or changing any seal row changes a link the file holds. Verifying
against the file finds a seal gone or changed, and checks each history against the anchored
links as against seals. The lines are JSON, so anyone can read them without this code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from domain.audit.seal import HEX64, Seal
from domain.errors import InvalidValueError

FORMAT = "partnership-ledger-audit-anchor/1"


@dataclass(frozen=True)
class AnchoredSeals:
    """A ledger's seals as the anchor saw them: how many, the last, a digest over them all."""

    count: int
    last: Seal
    digest: str

    @classmethod
    def of(cls, seals: Sequence[Seal]) -> AnchoredSeals:
        return cls(len(seals), seals[-1], seals_digest(seals))

    def changed_in(self, seals: Sequence[Seal], digests: Sequence[str]) -> bool:
        """Whether ``seals`` (the store's now; ``digests`` their ``prefix_digests``) no longer
        start with these, as they were."""
        return (
            len(seals) < self.count
            or seals[self.count - 1] != self.last
            or digests[self.count] != self.digest
        )


@dataclass(frozen=True)
class Anchor:
    """One line of the anchor: a seal run's time, the seal store's head, each ledger's seals."""

    anchored_at: datetime
    seal_store: Seal  # the seal store's own chain at its head, as a seal would record it
    seals: Mapping[str, AnchoredSeals]

    def line(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "anchored_at": self.anchored_at.isoformat(),
                "seal_store": _head(self.seal_store),
                "seals": {
                    name: {"count": s.count, "digest": s.digest, **_head(s.last)}
                    for name, s in sorted(self.seals.items())
                },
            },
            sort_keys=True,
        )

    @classmethod
    def parse(cls, line: str) -> Anchor:
        """A line as ``line`` wrote it; InvalidValueError saying what is wrong with any other."""
        try:
            data = json.loads(line)
            if data.get("format") != FORMAT:
                raise ValueError(f"its format is {data.get('format')!r}, not {FORMAT!r}")
            at = datetime.fromisoformat(data["anchored_at"])
            return cls(
                at,
                _seal(data["seal_store"], at),
                {
                    str(name): AnchoredSeals(_count(s["count"]), _seal(s, at), _hex(s["digest"]))
                    for name, s in data["seals"].items()
                },
            )
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise InvalidValueError(f"not an anchor line ({type(e).__name__}: {e})") from e

    def seals_missing(
        self, name: str, seals: Sequence[Seal], digests: Sequence[str] | None = None
    ) -> str | None:
        """What of ``name``'s seals this line recorded ``seals`` (the store's now) lacks."""
        found = self.missing(name, seals, digests)
        return found.text() if found else None

    def missing(
        self, name: str, seals: Sequence[Seal], digests: Sequence[str] | None = None
    ) -> SealsMissing | None:
        """``seals_missing``, as what was found rather than a sentence."""
        anchored = self.seals.get(name)
        if anchored is None or not anchored.changed_in(seals, digests or prefix_digests(seals)):
            return None
        return SealsMissing(name, len(seals), anchored.count, self.anchored_at, anchored.last)

    @property
    def when(self) -> str:
        return self.anchored_at.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class SealsMissing:
    """A ledger's seals as the anchor recorded them, no longer all in the seal store: fewer
    (``deleted``) or changed. ``earlier``: the earlier anchor lines that find it too."""

    name: str  # the ledger's key, as its seals go by
    held: int  # seals the store holds now
    recorded: int  # seals the anchor's line recorded
    anchored_at: datetime  # when that line was written
    last: Seal  # the last seal it recorded
    earlier: int = 0

    @property
    def deleted(self) -> bool:
        return self.held < self.recorded

    def text(self) -> str:
        """As the command line says it: the ledger by its key, the line's time in UTC."""
        when = self.anchored_at.strftime("%Y-%m-%d %H:%M UTC")
        found = (
            f"the seal store holds {_seals(self.held)} of {self.name}, where the anchor "
            f"recorded {self.recorded} on {when}: seals were deleted behind the application's "
            "back"
            if self.deleted
            else f"the seal store no longer holds the {_seals(self.recorded)} of {self.name} "
            f"the anchor recorded on {when} as they were (the last at position "
            f"{self.last.position}): seals were changed behind the application's back"
        )
        return found + (f" (and {self.earlier} earlier lines)" if self.earlier else "")


def seals_missing(anchors: Sequence[Anchor], name: str, seals: Sequence[Seal]) -> str | None:
    """What of ``name``'s anchored seals ``seals`` (the store's now) lacks, as the newest line
    that finds it says; the earlier lines that find it too are counted."""
    found = missing_seals(anchors, name, seals)
    return found.text() if found else None


def missing_seals(
    anchors: Sequence[Anchor], name: str, seals: Sequence[Seal]
) -> SealsMissing | None:
    """``seals_missing`` as what was found. Each seal is hashed once, however many lines."""
    digests = prefix_digests(seals)
    missing = [m for a in anchors if (m := a.missing(name, seals, digests))]
    if not missing:
        return None
    return replace(missing[-1], earlier=len(missing) - 1)


def read_anchor(lines: Iterable[str]) -> list[Anchor]:
    """Every line of an anchor file, oldest first (blank lines aside)."""
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            found.append(Anchor.parse(line))
        except InvalidValueError as e:
            raise InvalidValueError(
                f"Line {number} of the anchor is {e}: the file was altered, or is not an "
                "anchor; compare it with the copy kept with the backups."
            ) from e
    return found


def seals_digest(seals: Sequence[Seal]) -> str:
    """SHA-256 over each seal's position, event count and link, in order."""
    return prefix_digests(seals)[-1]


def prefix_digests(seals: Sequence[Seal]) -> list[str]:
    """``seals_digest`` of the first 0, 1, … len(seals) seals, in one pass."""
    digest, found = hashlib.sha256(), []
    found.append(digest.hexdigest())
    for seal in seals:
        digest.update(f"{seal.position} {seal.events} {seal.link}\n".encode())
        found.append(digest.hexdigest())
    return found


def _head(seal: Seal) -> dict[str, Any]:
    return {
        "position": seal.position,
        "events": seal.events,
        "link": seal.link,
        "sealed_at": seal.sealed_at.isoformat(),
    }


def _seal(data: Mapping[str, Any], anchored_at: datetime) -> Seal:
    at = data.get("sealed_at")
    sealed_at = datetime.fromisoformat(at) if at else anchored_at
    return Seal(int(data["position"]), _hex(data["link"]), int(data["events"]), sealed_at)


def _count(value: object) -> int:
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"{value!r} is not a number of seals")
    return value


def _hex(value: object) -> str:
    if not isinstance(value, str) or not HEX64.match(value):
        raise ValueError(f"{value!r} is not 64 hexadecimal digits")
    return value


def _seals(count: int) -> str:
    """An auditor reads "1 seal", not "1 seals" (the domain keeps its own: it imports no api)."""
    return f"{count} seal{'' if count == 1 else 's'}"
