"""What the pots a region's ledger holds have spent on each of a partnership's reviews.

A pot held for the region (Leicestershire's, kept by the Safeguarding Boards' business office)
pays a chair or an author for one district's review; the spend names the review, and the
regional money view keeps it beside the pot that paid (``views.region_money``). The review's
own page and the costs download show it, apart from the partnership's own incurred costs:
it is the pot's money, already counted in the pot's statement and the region's money view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from projections.model import region_source
from projections.port import ViewStore
from projections.queries.reading import placeholders, snapshot

SQL = """
SELECT review_id, pot, SUM(amount) FROM {region_movements}
WHERE tenant = ? AND kind = 'pool_spent' AND review_id IN (@REVIEWS@)
GROUP BY review_id, pot HAVING SUM(amount) <> 0
"""


class MoneyViewNotBuilt(LookupError):
    """The regional money view has no tables yet (a standby before the primary's workers made
    them): what the pots paid is unknown, which is not that they paid nothing."""


@dataclass(frozen=True)
class PotSpend:
    pot: UUID  # the pot's budget id in the region's ledger
    amount: int  # pence, net of corrections


def pot_spend_on_reviews(
    views: ViewStore, region: str, reviews: Iterable[UUID], wait: float | None = None
) -> dict[UUID, tuple[PotSpend, ...]]:
    """By review, what each pot held for ``region`` has spent on it (corrections included);
    a review no pot paid for is not a key. ``MoneyViewNotBuilt`` before the regional money
    view is built. ``wait``: ``ViewStore.reading``'s."""
    ids = sorted({str(r) for r in reviews})
    if not ids:
        return {}
    with snapshot(views, wait) as snap:
        if "region_movements" not in snap.names:
            raise MoneyViewNotBuilt("the regional money view is not built yet")
        rows = snap.all(SQL.replace("@REVIEWS@", placeholders(ids)), (region_source(region), *ids))
    found: dict[UUID, list[PotSpend]] = defaultdict(list)
    for review, pot, amount in sorted(rows, key=lambda r: (str(r[0]), str(r[1]))):
        found[UUID(str(review))].append(PotSpend(UUID(str(pot)), int(amount)))
    return {review: tuple(spends) for review, spends in found.items()}


def paid_from_pots(spends: dict[UUID, tuple[PotSpend, ...]], review: UUID) -> int | None:
    """What the region's pots have paid for one review in all; None when none paid for it."""
    paid = spends.get(review)
    return sum(s.amount for s in paid) if paid else None
