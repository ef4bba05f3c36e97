"""Bulk import (``ledger.imports``): load a partnership's history (a spreadsheet, another system) in bulk.

A migration builds the aggregates with the domain's own commands (so every rule and every
event is what live use would have recorded), then hands them here instead of saving them
a few at a time: ``adapters.bulk`` writes all their pending events in one transaction at
close to the database's own ingest rate, and the regional views see them like any save.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adapters.bulk import append_in_bulk
from tenants.ledger.service import Service


class Imports(Service):
    def history(self, aggregates: Iterable[Any]) -> int:
        """Store every pending event of ``aggregates`` at once; returns the number stored.

        All or nothing: if any event's version is already stored (someone recorded meanwhile,
        or the import ran twice) the library's ``IntegrityError`` is raised, nothing is
        written and the aggregates keep their pending events. Split a very large history
        into calls of some thousands of events: each call is one transaction and holds the
        tenant's write lock while it runs.
        """
        return append_in_bulk(self.app, aggregates)
