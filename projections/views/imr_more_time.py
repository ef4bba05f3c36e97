"""Each agency's request for more time for an IMR, for the region's IMR clocks: asked when,
answered when (refused, or agreed by the panel extending the IMR), so the dashboard counts the
IMRs with a request waiting for the panel's answer, now or on a past day.

The agency is kept as ``imr_clocks`` keeps it, a keyed fingerprint of the name recorded
(``ViewTx.fingerprint``), never the name, so the query matches a request to its IMR's row. Its
own model, so existing stores build it from their history on first start, with no migration of
the live IMR table, and a store whose cases never asked for more time simply has no rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from projections.batched import BatchedModel, ids
from projections.items import Item
from projections.model import Tables, on
from projections.port import ViewTx
from projections.rows import RowSet

REQUESTS = (
    "tenant TEXT NOT NULL, case_id TEXT NOT NULL, agency_ref TEXT NOT NULL,"
    " number INTEGER NOT NULL, asked_on TEXT NOT NULL, answered_on TEXT,"
    " PRIMARY KEY (tenant, case_id, agency_ref, number)"
)


class Requests:
    """The requests of the cases one page touches."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        self.agency = tx.fingerprint  # as ``imr_clocks`` keeps an IMR's agency
        self.rows = RowSet(
            t["imr_more_time"], tenant, ("case_id", "agency_ref", "number"), REQUESTS
        )
        self.rows.load(tx, ids(items, "DomesticHomicideReview.Imr"))

    def of(self, e: Any) -> list[dict[str, Any]]:
        case_id, agency = str(e.originator_id), self.agency(e.agency)
        found = (r for r in self.rows.where("case_id", case_id) if r["agency_ref"] == agency)
        return sorted(found, key=lambda r: int(r["number"]))

    def answer(self, e: Any, day: str) -> None:
        """The open request answered (the domain keeps one open at a time); none: nothing."""
        asked = self.of(e)
        if asked and asked[-1]["answered_on"] is None:
            asked[-1]["answered_on"] = day
            self.rows.touch(asked[-1])

    def flush(self, tx: ViewTx) -> None:
        self.rows.flush(tx)


class ImrMoreTime(BatchedModel):
    name = "imr_more_time"
    tables: ClassVar[dict[str, str]] = {"imr_more_time": REQUESTS}
    batch = Requests

    @on("DomesticHomicideReview.ImrExtensionAsked")
    def asked(self, b: Requests, e: Any) -> None:
        b.rows.insert(
            case_id=str(e.originator_id),
            agency_ref=b.agency(e.agency),
            number=len(b.of(e)) + 1,
            asked_on=e.asked_on.isoformat(),
            answered_on=None,
        )

    @on("DomesticHomicideReview.ImrExtensionRefused")
    def refused(self, b: Requests, e: Any) -> None:
        b.answer(e, e.refused_on.isoformat())

    @on("DomesticHomicideReview.ImrExtended")
    def extended(self, b: Requests, e: Any) -> None:
        """Extending answers the open request as agreed (``DomesticHomicideReview.extend_imr``)."""
        b.answer(e, e.extended_on.isoformat())
