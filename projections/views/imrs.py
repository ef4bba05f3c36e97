"""Each IMR's clock, for the region's timeliness view: which agency, due when, back when.

An IMR's agency is kept as its kind (``domain.actionplan.agencies``) and a keyed fingerprint of
the name recorded (``ViewTx.fingerprint``), never the name: where a region has no partner
directory it is typed, and may name a person. The fingerprint is the IMR's identity (its later
events name it only by that text) and what the query matches against the directory's keys,
names and aliases. A page of a tenant's events reads the IMR rows of the cases it touches once
and writes each changed row once (one statement per event cost a round trip each on
PostgreSQL: a fifth of a rebuild). Its own model, so existing stores build it from their
history on first start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from domain.actionplan.agencies import agency_code
from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet

TABLES = {
    "imrs": "tenant TEXT NOT NULL, case_id TEXT NOT NULL, agency_ref TEXT NOT NULL,"
    " kind TEXT NOT NULL, requested_on TEXT NOT NULL, due_on TEXT, received_on TEXT, returned INTEGER NOT NULL,"
    " first_chased_on TEXT, PRIMARY KEY (tenant, case_id, agency_ref)",
    # Each span an IMR was awaited: from its request (or its return for more work) to the
    # receipt that ended it. The row above keeps only the latest receipt and whether it was
    # returned, which is the IMR now; on a past day, what was awaited then is read from these.
    "imr_waits": "tenant TEXT NOT NULL, case_id TEXT NOT NULL, agency_ref TEXT NOT NULL,"
    " number INTEGER NOT NULL, from_on TEXT NOT NULL, to_on TEXT,"
    " PRIMARY KEY (tenant, case_id, agency_ref, number)",
}


class Clocks:
    """The IMR rows of the cases one page touches."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.agency = tx.fingerprint  # case and spacing aside, as ``Imr.is_for`` matches
        self.rows = RowSet(t["imrs"], tenant, ("case_id", "agency_ref"), TABLES["imrs"])
        self.waits = RowSet(
            t["imr_waits"], tenant, ("case_id", "agency_ref", "number"), TABLES["imr_waits"]
        )
        touched = ids(items, "DomesticHomicideReview.Imr", "DomesticHomicideReview.Corrected")
        self.rows.load(tx, touched)
        self.waits.load(tx, touched)

    def set(self, e: Any, **values: Any) -> None:
        """Change the IMR's row, if it was requested (an ``UPDATE``: nothing happens otherwise)."""
        self.rows.update((str(e.originator_id), self.agency(e.agency)), **values)

    def spans(self, e: Any) -> list[dict[str, Any]]:
        """The IMR's waits, in order."""
        case_id, agency = str(e.originator_id), self.agency(e.agency)
        found = (w for w in self.waits.where("case_id", case_id) if w["agency_ref"] == agency)
        return sorted(found, key=lambda w: int(w["number"]))

    def awaited_from(self, e: Any, day: str) -> None:
        """A wait begins (the request, or a return for more work) unless one is open."""
        spans = self.spans(e)
        if spans and spans[-1]["to_on"] is None:
            return
        self.waits.insert(
            case_id=str(e.originator_id),
            agency_ref=self.agency(e.agency),
            number=len(spans) + 1,
            from_on=day,
            to_on=None,
        )

    def received(self, e: Any, day: str) -> None:
        spans = self.spans(e)
        if spans and spans[-1]["to_on"] is None:
            spans[-1]["to_on"] = day
            self.waits.touch(spans[-1])

    def move_wait(self, e: Any, column: str) -> None:
        """A corrected request moves the first wait's start; a corrected receipt, the end of
        the wait it ended (the latest receipt is the one a correction names)."""
        spans, before = self.spans(e), e.previous.isoformat()
        if column == "requested_on" and spans:
            spans[0]["from_on"] = e.value.isoformat()
            self.waits.touch(spans[0])
        elif column == "received_on":
            ended = [w for w in spans if w["to_on"] == before]
            if ended:
                ended[-1]["to_on"] = e.value.isoformat()
                self.waits.touch(ended[-1])

    def flush(self, tx: ViewTx) -> None:
        self.rows.flush(tx)
        self.waits.flush(tx)


class ImrClocks(BatchedModel):
    name = "imr_clocks"
    # 2: the spans each IMR was awaited (imr_waits); 3: its first chase; 4: the agency's kind
    # and keyed fingerprint, not its name
    version = 4
    tables: ClassVar[dict[str, str]] = TABLES
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"imrs": ("tenant, agency_ref",)}
    batch = Clocks

    @on("DomesticHomicideReview.ImrRequested")
    def requested(self, b: Clocks, e: Any) -> None:
        due = getattr(e, "due_on", None)
        b.rows.insert(  # a second request for the same agency keeps the first (DO NOTHING)
            case_id=str(e.originator_id),
            agency_ref=b.agency(e.agency),
            kind=agency_code(e.agency),
            requested_on=e.requested_on.isoformat(),
            due_on=due.isoformat() if due else None,
            received_on=None,
            returned=0,
            first_chased_on=None,
        )
        if not b.spans(e):  # a second request keeps the first's wait too
            b.awaited_from(e, e.requested_on.isoformat())

    @on("DomesticHomicideReview.ImrExtended")
    def extended(self, b: Clocks, e: Any) -> None:
        b.set(e, due_on=e.due_on.isoformat())

    @on("DomesticHomicideReview.ImrChased")
    def chased(self, b: Clocks, e: Any) -> None:
        """The earliest chase, so a past day reads "chased" only from then (a chase may be
        keyed after a later one; its date is never corrected)."""
        row = b.rows.get(str(e.originator_id), b.agency(e.agency))
        day = e.chased_on.isoformat()
        if row is not None and (row["first_chased_on"] is None or day < row["first_chased_on"]):
            b.set(e, first_chased_on=day)

    @on("DomesticHomicideReview.ImrReceived")
    def received(self, b: Clocks, e: Any) -> None:
        b.set(e, received_on=e.received_on.isoformat(), returned=0)
        b.received(e, e.received_on.isoformat())

    @on("DomesticHomicideReview.ImrAssessed")
    def assessed(self, b: Clocks, e: Any) -> None:
        returned = str(e.outcome) == "returned"
        b.set(e, returned=1 if returned else 0)
        if returned:
            b.awaited_from(e, e.assessed_on.isoformat())

    @on("DomesticHomicideReview.Corrected")
    def corrected(self, b: Clocks, e: Any) -> None:
        """An IMR's corrected date (``imr.<number>.<date>``, its agency on the event). A first
        due date or a receipt moves the row only where the row still holds the date replaced:
        an extension's due date (always later) stands, as a later receipt does."""
        field = str(e.field)
        if not field.startswith("imr.") or getattr(e, "agency", None) is None:
            return
        column = field.rpartition(".")[2]
        row = b.rows.get(str(e.originator_id), b.agency(e.agency))
        if row is None or column not in ("requested_on", "due_on", "received_on"):
            return
        if column == "requested_on" or row[column] == e.previous.isoformat():
            b.set(e, **{column: e.value.isoformat()})
        b.move_wait(e, column)
