"""``ResearchAgreements``: a region's data-sharing agreements with researchers, event-sourced in
the platform's encrypted ``platform_access`` area, with every extract download logged.

Until 2026-12 they were kept in the keyless ``platform`` area, where their typed purpose,
reference and revocation reason lay in clear. Opening the store moves any found there: each
agreement's events are copied (sealed) to ``platform_access`` in one transaction, then the
old rows' bodies are replaced in place by the same sealed bytes (``adapters/
sealing_in_place.py`` says why they are not deleted). Both steps are idempotent, so a crash
between them, or two processes at once, leaves nothing lost and nothing twice.

They are listed by an ``AgreementIndex``, not by reading the log by topic: the area's log is
shared (on SQLite) with every sign-in and read log, hundreds of thousands of rows in time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import ClassVar, TypeVar
from uuid import UUID

from eventsourcing.domain import event
from eventsourcing.persistence import IntegrityError, StoredEvent

from adapters.crypto.sealed import is_sealed
from adapters.sealing_in_place import replace_states
from domain.errors import DuplicateError, NotFoundError
from domain.ids import ledger_id
from domain.learning.agreement import DataSharingAgreement
from domain.recording import SingleRecord
from tenants.application import LedgerApplication, aggregate_cache
from tenants.platform import ACCESS_AREA, PLATFORM_AREA, Platform

T = TypeVar("T")


class AgreementIndex(SingleRecord):
    """Every agreement's id, in the order recorded (or moved here)."""

    ID = ledger_id("data-sharing-agreements")

    @event("Started")
    def __init__(self) -> None:
        self.ids: tuple[UUID, ...] = ()

    @event("Listed")
    def add(self, agreement_id: UUID) -> None:
        self.ids = (*self.ids, agreement_id)


class ResearchAgreements(LedgerApplication):
    name = "platform_research_agreements"
    env: ClassVar[dict[str, str]] = aggregate_cache(64)

    @classmethod
    def open(cls, platform: Platform) -> ResearchAgreements:
        agreements = cls(platform.stores.factory(ACCESS_AREA, cls.name))
        kept_in_clear = cls(platform.stores.factory(PLATFORM_AREA, cls.name))
        try:
            agreements.take_over(kept_in_clear)
        except BaseException:
            agreements.close()
            raise
        finally:
            kept_in_clear.close()
        return agreements

    def take_over(self, old: LedgerApplication) -> int:
        """Move the agreements ``old`` (the keyless area) holds into this store; how many
        events were copied. Reading ``old``'s log by topic costs one query when it has none."""
        cipher, copied, found = self.mapper.cipher, 0, _agreements_in(old)
        for agreement_id in found:
            rows = old.recorder.select_events(agreement_id)
            sealed = {
                r.originator_version: r.state
                if cipher is None or is_sealed(r.state)
                else cipher.encrypt(r.state)
                for r in rows
            }
            have = self.recorder.select_events(agreement_id, desc=True, limit=1)
            newest = have[0].originator_version if have else 0
            missing = [
                StoredEvent(
                    r.originator_id, r.originator_version, r.topic, sealed[r.originator_version]
                )
                for r in rows
                if r.originator_version > newest
            ]
            if missing:
                try:
                    self.recorder.insert_events(missing)
                    copied += len(missing)
                except IntegrityError:  # another process copied them at the same moment
                    pass
            in_clear = [
                r.originator_version for r in rows if sealed[r.originator_version] is not r.state
            ]
            replace_states(old.recorder, [(agreement_id, v, sealed[v]) for v in in_clear])
        if found:
            self._retried(lambda: self._list(found))
        return copied

    def _list(self, agreements: Sequence[UUID]) -> None:
        index = self._index()
        for agreement_id in agreements:
            if agreement_id not in index.ids:
                index.add(agreement_id)
        self.save(index)

    def record(
        self, region: str, reference: str, researcher: str, purpose: str,
        reviews: Sequence[tuple[str, UUID]], signed_on: date, expires_on: date,
    ) -> DataSharingAgreement:  # fmt: skip
        def recording() -> DataSharingAgreement:
            agreement = DataSharingAgreement.record(
                region, reference, researcher, purpose, reviews, signed_on, expires_on
            )
            if self.find(agreement.id, object) is not None:
                raise DuplicateError(
                    f"Region {region} already has agreement {reference}; use another reference."
                )
            index = self._index()
            index.add(agreement.id)
            self.save(agreement, index)
            return agreement

        return self._retried(recording)

    def _index(self) -> AgreementIndex:
        found = self.find(AgreementIndex.ID, AgreementIndex)
        return AgreementIndex() if found is None else found

    @staticmethod
    def _retried(saving: Callable[[], T]) -> T:
        """``saving()`` again (it reloads what it changes) when another process saved at once."""
        for _ in range(5):
            try:
                return saving()
            except IntegrityError:
                continue
        raise IntegrityError("Agreements kept changing while saving; run the command again.")

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
        """Every agreement, newest signed first: the platform has a handful."""
        mine = [self.get(agreement_id) for agreement_id in self._index().ids]
        return sorted(mine, key=lambda a: (a.signed_on, a.reference), reverse=True)

    def revoke(self, agreement_id: UUID, reason: str, on: date) -> DataSharingAgreement:
        agreement = self.get(agreement_id)
        agreement.revoke(reason, on)
        self.save(agreement)
        return agreement

    def log_download(
        self, agreement_id: UUID, by: str, at: datetime, today: date
    ) -> DataSharingAgreement:
        """The agreement with the download recorded, its last (what the file says of it)."""
        agreement = self.get(agreement_id)
        agreement.log_download(by, at, today)
        self.save(agreement)
        return agreement


def _agreements_in(app: LedgerApplication) -> list[UUID]:
    return app.originators_of(DataSharingAgreement.Recorded)  # type: ignore[attr-defined]
