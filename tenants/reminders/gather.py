"""Reading what is due from each tenant's own store (and a region's own ledger), through their
use cases.

Read straight from the ledgers (not the regional read models) so a run needs no projections
running and sees exactly what the pages show. Each tenant is read once per run, however many
users it has; a suspended or offboarded tenant is not reminded of anything. A case or action
whose stored events cannot all be read is left out and logged (``tenants/unreadable.py``), so
one altered event never stops everyone's reminders. Reading a case with an IMR due or late
also reads its authors' contacts from the case's vault (``authors``), for the authors'
own reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from domain.region import Partner
from domain.region.agencies import agency_entry
from domain.region.partners import PartnerDirectory
from domain.reminders import (
    ReminderItem,
    action_items,
    funding_items,
    milestone_items,
    review_items,
)
from domain.reminders.items import IMR_KINDS
from domain.vault.imr_contacts import ImrAuthorContacts
from tenants.ledger.imr_contacts import ImrContacts
from tenants.model import TenantStatus
from tenants.platform import Platform
from tenants.reminders.authors import AuthorDue, imr_authors
from tenants.unreadable import LeftOut
from tenants.users.model import UserInfo


class DueItems:
    def __init__(self, platform: Platform, today: date) -> None:
        self.platform = platform
        self.today = today
        self._by_tenant: dict[str, list[ReminderItem]] = {}
        self._by_region: dict[str, list[ReminderItem]] = {}
        self._authors: dict[str, list[AuthorDue]] = {}
        self.unreadable = 0  # records left out: one of their events cannot be read
        self._agencies: dict[str, Callable[[str], Partner | None]] = {}
        tenants = platform.registry.tenants()
        self.active = {t.slug: t for t in tenants if t.status == TenantStatus.ACTIVE}

    def scope(self, user: UserInfo) -> list[str]:
        """The active tenants the user's grants reach, in a stable order."""
        slugs = {t for t in user.tenants if t in self.active}
        slugs |= {t.slug for t in self.active.values() if t.region in user.regions}
        return sorted(slugs)

    def of_tenant(self, slug: str) -> list[ReminderItem]:
        if slug not in self._by_tenant:
            self._by_tenant[slug] = self._read(slug)
        return self._by_tenant[slug]

    def for_scope(self, user: UserInfo) -> list[ReminderItem]:
        """The items of the user's partnerships, and of their regions' own ledgers."""
        items = [item for slug in self.scope(user) for item in self.of_tenant(slug)]
        return items + [item for region in sorted(user.regions) for item in self.of_region(region)]

    def authors(self) -> list[AuthorDue]:
        """Every active partnership's IMRs due or late whose author's contact is recorded."""
        return [a for slug in sorted(self.active) for a in self._authors_of(slug)]

    def _authors_of(self, slug: str) -> list[AuthorDue]:
        self.of_tenant(slug)
        return self._authors[slug]

    def of_region(self, slug: str) -> list[ReminderItem]:
        """What the region's own ledger holds that is due: commissioned services' milestones,
        and their funding ending within six months."""
        if slug not in self._by_region:
            with self.platform.region_ledgers.lease(slug, writing=False) as ledger:
                services = ledger.services.all()
            found = milestone_items(slug, services, self.today)
            found += funding_items(slug, services, self.today)
            self._by_region[slug] = sorted(found, key=lambda i: (i.kind, i.due_on, i.what))
        return self._by_region[slug]

    def agencies(self, region: str) -> Callable[[str], Partner | None]:
        """Which entry of the region's directory a recorded agency is (read once per run):
        the agency work pages' rule, so an agency's user is reminded of what its pages list."""
        if region not in self._agencies:
            left_out = LeftOut("reminders", f"@{region}")
            with self.platform.region_ledgers.lease(region, writing=False) as ledger:
                directory = left_out.load(PartnerDirectory.create_id(), ledger.partners.directory)
            self.unreadable += left_out.count
            # a directory that cannot be read names no agency: "an agency", as one it lacks
            self._agencies[region] = (
                partial(agency_entry, directory) if directory is not None else _no_entry
            )
        return self._agencies[region]

    def _read(self, slug: str) -> list[ReminderItem]:
        left_out = LeftOut("reminders", slug)
        names = self.agencies(self.active[slug].region)
        with self.platform.ledgers.lease(slug, writing=False) as ledger:
            contacts, found, authors = ImrContacts(ledger), [], []
            for review in ledger.reviews.readable(left_out):
                items = review_items(slug, review, self.today, names)
                if any(i.kind in IMR_KINDS for i in items):  # its author may be told too
                    sealed = ImrAuthorContacts.create_id(review.id)
                    found_authors = left_out.load(sealed, partial(contacts.authors, review.id))
                    authors += imr_authors(items, found_authors or {})
                found += items
            plan = ledger.plan.readable(self.today, left_out)
            found += action_items(slug, plan, self.today, names)
        self.unreadable += left_out.count
        self._authors[slug] = authors
        return sorted(found, key=lambda i: (i.kind, i.due_on, i.case_reference, i.what))


def _no_entry(recorded: str) -> Partner | None:
    return None
