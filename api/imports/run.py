"""Importing a sheet into one partnership: check every row, then record all or nothing
through the bulk import path (``PartnershipLedger.imports.history``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from eventsourcing.persistence import IntegrityError

from api.imports.actions import prepare_actions
from api.imports.budget import prepare_budget
from api.imports.cases import prepare_cases
from api.imports.prepared import Prepared, Progress
from api.imports.reading import Sheet, read
from api.imports.sheets import SPECS
from api.imports.workbook import SheetUnclear
from domain.errors import InvalidTransitionError, InvalidValueError
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform

PREPARE: dict[str, Callable[[PartnershipLedger, Sheet, Progress], Prepared]] = {
    "cases": prepare_cases,
    "actions": prepare_actions,
    "budget": prepare_budget,
}


@dataclass(frozen=True)
class Outcome:
    prepared: Prepared
    recorded_events: int  # 0 when checked only, refused, or nothing was new

    @property
    def refused(self) -> bool:
        return not self.prepared.clean

    def summary(self) -> str:
        p = self.prepared
        if p.problems:
            return (
                f"refused: {len(p.problems)} problem(s) in {p.sheet.name}; nothing was "
                "recorded. Correct the rows named and import the file again."
            )
        return f"{p.new} new row(s), {p.already} already recorded" + (
            f"; {self.recorded_events} events recorded" if self.recorded_events else ""
        )


def read_sheet(
    kind: str,
    data: bytes,
    filename: str,
    chosen: dict[str, str] | None = None,
    sheet: str | None = None,
) -> Sheet:
    if kind not in SPECS:
        raise InvalidValueError(f"No '{kind}' import; use one of: {', '.join(SPECS)}.")
    try:
        return read(data, filename, SPECS[kind], chosen, sheet)
    except ValueError as e:
        raise InvalidValueError(str(e)) from e


def import_sheet(
    platform: Platform,
    tenant: str,
    kind: str,
    data: bytes,
    filename: str,
    *,
    record: bool = True,
    progress: Progress = lambda _: None,
    on_rows: Callable[[int], None] = lambda _: None,
    chosen: dict[str, str] | None = None,
    sheet: str | None = None,
) -> Outcome:
    """Check the sheet; record it when ``record`` and it is clean. ``on_rows`` hears the row
    count before checking starts (for a progress bar), ``progress`` each row checked;
    ``chosen``: the file's column for each template column, where its headings are its own;
    ``sheet``: the name of the workbook's sheet to read, where the officer said."""
    found = read_sheet(kind, data, filename, chosen, sheet)
    on_rows(len(found.rows))
    prepare = PREPARE[kind]
    if kind == "actions":  # owners are held to the region's partner directory
        region = platform.registry.recent_tenant(tenant).region
        with platform.region_ledgers.lease(region, writing=False) as shared:
            prepare = partial(prepare_actions, directory=shared.partners.directory())
    with platform.ledgers.lease(tenant) as ledger:
        prepared = prepare(ledger, found, progress)
        if not record or not prepared.clean or not prepared.aggregates:
            return Outcome(prepared, 0)
        try:
            stored = ledger.imports.history(list(prepared.aggregates.values()))
        except IntegrityError as e:
            raise InvalidTransitionError(
                "Someone recorded in this partnership while the file was checked; nothing "
                "was imported. Import the file again."
            ) from e
    return Outcome(prepared, stored)


def unclear_said(how: str, call: Callable[..., Outcome], *args: Any, **kwargs: Any) -> Outcome:
    """``call``'s outcome; a workbook whose sheet cannot be told is refused saying ``how`` this
    way in names the sheet to read (the command line's option, the API's field)."""
    try:
        return call(*args, **kwargs)
    except InvalidValueError as e:
        if isinstance(e.__cause__, SheetUnclear):
            raise InvalidValueError(f"{e} {how}") from e
        raise
