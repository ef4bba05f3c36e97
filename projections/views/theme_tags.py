"""Which themes each recommendation and each finding of a review carries, and since when: the
rows a review's themes are made from (``actionplan``'s ``review_themes``).

A review's themes only grew until corrections: a theme ticked by mistake, or a finding or
recommendation dated wrongly, must leave the review's themes, or move the day a theme first
appeared in it, as if it had been recorded right. So each tag is kept (``tags``: the record
tagged, the finding's number or 0 for a recommendation, the theme, its review and the day it
was tagged), and a review whose tags a correction changed has its themes made again from its
tags when the page is written; a review only added to keeps the cheaper fold of new themes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from projections.model import Tables
from projections.port import ViewTx, chunks
from projections.rows import IN_LIST, RowSet

TAGS = (
    "tenant TEXT NOT NULL, record TEXT NOT NULL, item INTEGER NOT NULL, theme TEXT NOT NULL,"
    " review_id TEXT NOT NULL, tagged_on TEXT NOT NULL, PRIMARY KEY (tenant, record, item, theme)"
)
RECOMMENDATION = 0  # the ``item`` of a recommendation's tags; a finding's is its number


class ThemeTags:
    """One page's changes to a tenant's tags, and the reviews they change."""

    def __init__(self, tx: ViewTx, t: Tables, tenant: str, corrected: Iterable[str]) -> None:
        self.t, self.tenant = t, tenant
        self.rows = RowSet(t["tags"], tenant, ("record", "item", "theme"), TAGS)
        self.rows.load(tx, corrected)
        self.changed: set[str] = set()  # reviews whose themes are made again from their tags

    def tag(self, record: str, item: int, review: str, codes: Iterable[str], on: str) -> None:
        for code in codes:
            self.rows.insert(record=record, item=item, theme=code, review_id=review, tagged_on=on)

    def retag(self, record: str, item: int, codes: Iterable[str]) -> None:
        """The record's themes corrected: its tags replaced, its day and review kept."""
        found = self._of(record, item)
        if found:
            review, on = found[0]["review_id"], found[0]["tagged_on"]
            for row in found:
                self.rows.delete((record, item, row["theme"]))
            self.tag(record, item, review, codes, on)
            self.changed.add(review)

    def redate(self, record: str, item: int, on: str) -> None:
        """The record's date corrected: each of its tags dated so."""
        for row in self._of(record, item):
            row["tagged_on"] = on
            self.rows.touch(row)
            self.changed.add(row["review_id"])

    def _of(self, record: str, item: int) -> list[dict[str, Any]]:
        return [r for r in self.rows.where("record", record) if r["item"] == item]

    def flush(self, tx: ViewTx) -> None:
        """Write the tags, then make each changed review's themes again from them."""
        self.rows.flush(tx)
        for part in chunks(sorted(self.changed), IN_LIST):
            marks = ", ".join("?" * len(part))
            tx.execute(
                self.t.sql(
                    f"DELETE FROM {{review_themes}} WHERE tenant = ? AND review_id IN ({marks})"
                ),
                (self.tenant, *part),
            )
            tx.execute(
                self.t.sql(
                    "INSERT INTO {review_themes} (tenant, review_id, theme, first_on)"
                    " SELECT tenant, review_id, theme, MIN(tagged_on) FROM {tags}"
                    f" WHERE tenant = ? AND review_id IN ({marks})"
                    " GROUP BY tenant, review_id, theme"
                ),
                (self.tenant, *part),
            )
