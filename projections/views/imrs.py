"""Each IMR's clock, for the region's timeliness view: which agency, due when, back when.

IMR agencies are organisations (partner directory keys, or the names recorded before the
directory), never people; the query resolves them to the directory's entries. Few events
per case, so one statement per event. Its own model, so existing stores build it from their
history on first start.
"""

from __future__ import annotations

from typing import Any, ClassVar

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx

TABLES = {
    "imrs": "tenant TEXT NOT NULL, case_id TEXT NOT NULL, agency TEXT NOT NULL,"
    " requested_on TEXT NOT NULL, due_on TEXT, received_on TEXT, returned INTEGER NOT NULL,"
    " chases INTEGER NOT NULL, PRIMARY KEY (tenant, case_id, agency)",
}


def _agency(name: str) -> str:
    """As the domain matches IMRs (``Imr.is_for``): case and spacing do not matter."""
    return " ".join(name.casefold().split())


class ImrClocks(ReadModel):
    name = "imr_clocks"
    tables: ClassVar[dict[str, str]] = TABLES
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"imrs": ("tenant, agency",)}

    @staticmethod
    def _set(tx: ViewTx, t: Tables, s: str, e: Any, sql: str, *values: Any) -> None:
        tx.execute(
            t.sql(f"UPDATE {{imrs}} SET {sql} WHERE tenant = ? AND case_id = ? AND agency = ?"),
            (*values, s, str(e.originator_id), _agency(e.agency)),
        )

    @on("DomesticHomicideReview.ImrRequested")
    def requested(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        due = getattr(e, "due_on", None)
        tx.execute(
            t.sql(
                "INSERT INTO {imrs} (tenant, case_id, agency, requested_on, due_on, received_on,"
                " returned, chases) VALUES (?, ?, ?, ?, ?, NULL, 0, 0)"
                " ON CONFLICT (tenant, case_id, agency) DO NOTHING"
            ),
            (
                s,
                str(e.originator_id),
                _agency(e.agency),
                e.requested_on.isoformat(),
                due.isoformat() if due else None,
            ),
        )

    @on("DomesticHomicideReview.ImrExtended")
    def extended(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        self._set(tx, t, s, e, "due_on = ?", e.due_on.isoformat())

    @on("DomesticHomicideReview.ImrChased")
    def chased(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        self._set(tx, t, s, e, "chases = chases + 1")

    @on("DomesticHomicideReview.ImrReceived")
    def received(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        self._set(tx, t, s, e, "received_on = ?, returned = 0", e.received_on.isoformat())

    @on("DomesticHomicideReview.ImrAssessed")
    def assessed(self, tx: ViewTx, t: Tables, s: str, e: Any) -> None:
        self._set(tx, t, s, e, "returned = ?", 1 if str(e.outcome) == "returned" else 0)
