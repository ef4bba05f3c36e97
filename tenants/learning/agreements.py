"""``ResearchAgreements``: a region's data-sharing agreements with researchers, event-sourced in
the platform's store (own table in the ``platform`` area), with every extract download logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from domain.errors import DuplicateError, NotFoundError
from domain.learning.agreement import DataSharingAgreement
from tenants.application import LedgerApplication, aggregate_cache
from tenants.platform import PLATFORM_AREA, Platform

AGREEMENT = f"{DataSharingAgreement.__module__}:{DataSharingAgreement.__qualname__}."


class ResearchAgreements(LedgerApplication):
    name = "platform_research_agreements"
    env: ClassVar[dict[str, str]] = aggregate_cache(64)

    @classmethod
    def open(cls, platform: Platform) -> ResearchAgreements:
        return cls(platform.stores.factory(PLATFORM_AREA, cls.name))

    def record(
        self, region: str, reference: str, researcher: str, purpose: str,
        reviews: Sequence[tuple[str, UUID]], signed_on: date, expires_on: date,
    ) -> DataSharingAgreement:  # fmt: skip
        agreement = DataSharingAgreement.record(
            region, reference, researcher, purpose, reviews, signed_on, expires_on
        )
        if self.find(agreement.id, object) is None:
            self.save(agreement)
            return agreement
        raise DuplicateError(
            f"Region {region} already has agreement {reference}; use another reference."
        )

    def get(self, agreement_id: UUID) -> DataSharingAgreement:
        found = self.find(agreement_id, DataSharingAgreement)
        if found is None:
            raise NotFoundError(f"No data-sharing agreement {agreement_id}; check the id.")
        return found

    def of_region(self, region: str) -> list[DataSharingAgreement]:
        """The region's agreements, newest signed first."""
        return [a for a in self._every() if a.region == region]

    def of_researcher(self, name: str) -> list[DataSharingAgreement]:
        """The agreements naming a researcher, in every region, newest signed first."""
        return [a for a in self._every() if a.researcher == name]

    def _every(self) -> list[DataSharingAgreement]:
        """Every agreement, newest signed first, from the notification log: the platform has a
        handful. The log may be the whole platform area's (other applications' records share
        it on some stores), so only agreements' events are read."""
        ids: dict[UUID, None] = {}
        start = 1
        while True:
            page = self.recorder.select_notifications(start=start, limit=500)
            ids.update(
                (UUID(str(n.originator_id)), None) for n in page if n.topic.startswith(AGREEMENT)
            )
            if len(page) < 500:
                break
            start = page[-1].id + 1
        mine = []
        for agreement_id in ids:
            try:
                agreement = self.get(agreement_id)
            except NotFoundError:  # not an agreement (nothing else is stored here today)
                continue
            mine.append(agreement)
        return sorted(mine, key=lambda a: (a.signed_on, a.reference), reverse=True)

    def revoke(self, agreement_id: UUID, reason: str, on: date) -> DataSharingAgreement:
        agreement = self.get(agreement_id)
        agreement.revoke(reason, on)
        self.save(agreement)
        return agreement

    def log_download(self, agreement_id: UUID, by: str, at: datetime, today: date) -> None:
        agreement = self.get(agreement_id)
        agreement.log_download(by, at, today)
        self.save(agreement)
