"""Checking an actions sheet: recommendations (shared by rows with the same case and
recommendation reference) and their actions, built with the domain's commands, with ids
derived from the references so a second import finds what the first recorded. A
recommendation renumbered by a correction is found by its number now too, and a number it
left is not given to a new one (``domain.actionplan.numbering``)."""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from api.imports.agencies import AgencyNames
from api.imports.prepared import Prepared, Progress, Refused
from api.imports.reading import Row, Sheet
from api.imports.sheets import ACTIONS
from api.imports.themes import ThemeWords
from domain.actionplan import Action, Recommendation
from domain.actionplan.numbering import check_number_free
from domain.ids import ledger_id
from domain.region import PartnerDirectory
from domain.reviews import DomesticHomicideReview
from domain.reviews.review import review_id
from domain.themes import ThemeKind
from tenants.ledger import PartnershipLedger

H = {f.key: f.header for f in ACTIONS.fields}


def action_id(recommendation: UUID, reference: str) -> UUID:
    return ledger_id("imported-action", str(recommendation), reference.strip().lower())


def prepare_actions(
    ledger: PartnershipLedger,
    sheet: Sheet,
    progress: Progress,
    directory: PartnerDirectory | None = None,
) -> Prepared:
    """``directory``: the region's partner directory, which each owner must be in once the
    region keeps one, as when an action is planned over the API or on its page."""
    found = Prepared("actions", sheet, list(sheet.problems))
    index = ledger.plan.index()  # saved with what it lists, as the use case does
    taxonomy = ledger.themes.taxonomy()
    words = ThemeWords.of(taxonomy)
    months = ledger.plan.settings().impact_review_months
    owners = AgencyNames(line.owner for line in ledger.plan.master())
    at = _Checked(ledger, found, index, words, directory)
    for row, v, unread in found.each(ACTIONS, progress):
        case = at.case(row, v)
        rid = _named(v)
        if at.other_text(row, v, rid):  # another recommendation: none of its own checks
            with suppress(Refused):
                at.owner(row, v)
            continue
        if unread or case is None or rid in at.unmade:
            at.what_reads(row, v, case, rid)
            continue
        assert rid is not None
        try:
            rec = at.recommendation(row, v, case, rid)
        except Refused:
            at.unmade.add(rid)
            at.what_reads(row, v, case, rid)  # its action's owner, still
            continue
        try:
            aid = action_id(rec.id, v["action_reference"])
            if at.repeated(row, v, rec, aid):
                continue
            if aid in index.actions:
                found.already += 1
                continue
            at.owner(row, v)
            action = _action(found, row, v, rec, aid, owners.name_for(v["owner"]), months)
        except Refused:
            continue
        index.list_action(action.id, rec.id)
        found.keep(action)
        found.new += 1
    found.keep(*at.recs.values(), index, taxonomy)
    found.notes.extend(f"owner '{t}' recorded as '{n}'" for t, n in owners.mapped.items())
    return found


def _named(v: dict[str, Any]) -> UUID | None:
    """The id of the recommendation the row names (as it was first numbered: a renumbered
    one is found by ``_Checked.known``), or None when either reference did not read."""
    if "case_reference" not in v or "recommendation_reference" not in v:
        return None
    review = review_id(v["case_reference"])
    return Recommendation.create_id(review, v["recommendation_reference"].strip())


class _Checked:
    """What checking an actions sheet has found so far: the cases, the recommendations (by
    the id their row names them by), those whose first row was refused, and the actions."""

    def __init__(
        self,
        ledger: PartnershipLedger,
        found: Prepared,
        index: Any,
        words: ThemeWords,
        directory: PartnerDirectory | None,
    ) -> None:
        self.ledger, self.found, self.index, self.words = ledger, found, index, words
        self.directory = directory
        self.cases: dict[UUID, DomesticHomicideReview | None] = {}
        self.recs: dict[UUID, Recommendation] = {}
        # recommendations not made because their first row was refused: their other rows are
        # not held to a recommendation that does not exist (no 'needs its text' on each)
        self.unmade: set[UUID] = set()
        self.seen: dict[UUID, int] = {}
        self.texts: dict[UUID, tuple[int, str]] = {}  # the first row's text of each

    def other_text(self, row: Row, v: dict[str, Any], rid: UUID | None) -> bool:
        """Whether an earlier row gives the recommendation another text (noted as this row's
        problem): two recommendations with one number, as 2.10 and 2.1 are when a sheet
        shows the number 2.10 as 2.1; the row's actions would land on the other one."""
        typed = " ".join(str(v.get("recommendation_text") or "").split())
        if rid is None or not typed:
            return False
        first, text = self.texts.setdefault(rid, (row.number, typed))
        if text.casefold() == typed.casefold():
            return False
        heading = self.found.sheet.heading
        number, column = _ref(v), heading(H["recommendation_reference"])
        hint = (
            f" If one of them is {number}0, the spreadsheet shows that number as {number}: "
            f"format the {column} column as text and type the numbers again."
            if re.fullmatch(r"\d+\.\d+", number)
            else ""
        )
        self.found.problem(
            row,
            H["recommendation_reference"],
            f"{column} '{number}' of case '{v['case_reference']}' has another "
            f"{heading(H['recommendation_text'])} on row {first}: two recommendations cannot "
            f"share a number; give each its own, or the same text on both rows.{hint}",
        )
        return True

    def case(self, row: Row, v: dict[str, Any]) -> DomesticHomicideReview | None:
        """The case the row names, or None (noted as its problem when it is not recorded)."""
        if "case_reference" not in v:
            return None
        review = review_id(v["case_reference"])
        if review not in self.cases:
            case: Any
            try:
                case = self.ledger.repository.get(review)
            except AggregateNotFoundError:
                case = None
            self.cases[review] = case if isinstance(case, DomesticHomicideReview) else None
        if self.cases[review] is None:
            self.found.problem(
                row,
                H["case_reference"],
                f"No case '{v['case_reference']}' is recorded "
                "in this partnership; import the cases sheet first.",
            )
        return self.cases[review]

    def known(
        self, case: DomesticHomicideReview, rid: UUID, reference: str
    ) -> Recommendation | None:
        """The recommendation already recorded that the row names: by the id its number gives,
        or by its number now if a correction renumbered it."""
        if rid in self.recs:
            return self.recs[rid]
        if rid in self.index.recommendations:
            self.recs[rid] = self.ledger.recommendations.get(rid)
            return self.recs[rid]
        renumbered = next((r for r in self._others(case) if r.reference == reference), None)
        if renumbered is not None:
            self.recs[rid] = renumbered
        return renumbered

    def _others(self, case: DomesticHomicideReview) -> list[Recommendation]:
        # kept by their ids, as a row naming their first numbers would find them
        return [
            self.recs.setdefault(i, self.recs.get(i) or self.ledger.recommendations.get(i))
            for i in self.index.recommendations_of(case.id)
        ]

    def recommendation(
        self, row: Row, v: dict[str, Any], case: DomesticHomicideReview, rid: UUID
    ) -> Recommendation:
        reference = v["recommendation_reference"].strip()
        known = self.known(case, rid, reference)
        if known is not None:
            return known
        themes, sector = self._new(row, v, case)
        with self.found.step(row, H["recommendation_text"]):
            rec = Recommendation.make(
                case.id,
                v["recommendation_reference"],
                v["recommendation_text"] or "",
                v["scope"],
                v["made_on"],
                themes,
                target_organisation=v["target_organisation"],
                target_sector=sector,
                incident_on=case.incident_on,
            )
        self.index.list_recommendation(rec.id, case.id)
        self.recs[rid] = rec
        return rec

    def _new(
        self, row: Row, v: dict[str, Any], case: DomesticHomicideReview | None
    ) -> tuple[tuple[str, ...], str | None]:
        """A new recommendation's number (free in its case), themes and target sector, as far
        as they read; each refusal noted, then all of them refused together."""
        refused = False
        themes: tuple[str, ...] = ()
        sector = None
        try:
            if case is not None and "recommendation_reference" in v:
                with self.found.step(row, H["recommendation_reference"]):
                    check_number_free(v["recommendation_reference"].strip(), self._others(case))
        except Refused:
            refused = True
        try:
            if "themes" in v:
                with self.found.step(row, H["themes"]):
                    themes = self.words.codes(v["themes"], ThemeKind.THEME)
        except Refused:
            refused = True
        try:
            if v.get("target_sector"):
                with self.found.step(row, H["target_sector"]):
                    (sector,) = self.words.codes([v["target_sector"]], ThemeKind.ADDRESSEE)
        except Refused:
            refused = True
        if refused:
            raise Refused
        return themes, sector

    def what_reads(
        self,
        row: Row,
        v: dict[str, Any],
        case: DomesticHomicideReview | None,
        rid: UUID | None,
    ) -> None:
        """The checks of a row that cannot be recorded (a cell that did not read, its case not
        recorded, or its recommendation refused on an earlier row) that need only the cells
        that read: so the officer reads all of a row's problems in one check, rather than
        meeting the next one only on the next upload. Nothing is made."""
        rec = None
        if rid is None or (rid not in self.recs and rid not in self.unmade):
            rec = None if case is None or rid is None else self.known(case, rid, _ref(v))
            if rec is None:
                with suppress(Refused):
                    self._new(row, v, case)
                if rid is not None:
                    self.unmade.add(rid)
        elif rid in self.recs:
            rec = self.recs[rid]
        if rid is not None and "action_reference" in v:
            aid = action_id(rec.id if rec else rid, v["action_reference"])
            if self.repeated(row, v, rec, aid) or aid in self.index.actions:
                return
        with suppress(Refused):
            self.owner(row, v)

    def repeated(self, row: Row, v: dict[str, Any], rec: Recommendation | None, aid: UUID) -> bool:
        """Whether an earlier row has the action (noted as this row's problem)."""
        if aid not in self.seen:
            self.seen[aid] = row.number
            return False
        number = rec.reference if rec else _ref(v)
        self.found.problem(
            row,
            H["action_reference"],
            f"Action '{v['action_reference']}' of "
            f"recommendation '{number}' is also on row {self.seen[aid]}.",
        )
        return True

    def owner(self, row: Row, v: dict[str, Any]) -> None:
        if self.directory is not None and "owner" in v:
            with self.found.step(row, H["owner"]):
                self.directory.check_named(v["owner"], typed=True)


def _ref(v: dict[str, Any]) -> str:
    return str(v.get("recommendation_reference") or "").strip()


def _action(
    found: Prepared,
    row: Row,
    v: dict[str, Any],
    rec: Recommendation,
    aid: UUID,
    owner: str,
    months: int,
) -> Action:
    with found.step(row, H["due_on"]):
        action = Action.plan(
            rec.id, rec.review_id, owner, v["description"], v["due_on"], rec.made_on, action_id=aid
        )
    if v["started_on"]:
        with found.step(row, H["started_on"]):
            action.start(v["started_on"])
    if v["completed_on"]:
        with found.step(row, H["completed_on"]):
            action.complete(v["completed_on"], months)
    return action
