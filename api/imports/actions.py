"""Checking an actions sheet: recommendations (shared by rows with the same case and
recommendation reference) and their actions, built with the domain's commands, with ids
derived from the references so a second import finds what the first recorded. A
recommendation renumbered by a correction is found by its number now too, and a number it
left is not given to a new one (``domain.actionplan.numbering``)."""

from __future__ import annotations

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
    recs: dict[UUID, Recommendation] = {}
    seen: dict[UUID, int] = {}
    for row, v in found.rows(ACTIONS, progress):
        try:
            rec = _recommendation(found, ledger, row, v, recs, index, words)
            aid = action_id(rec.id, v["action_reference"])
            if aid in seen:
                found.problem(
                    row,
                    H["action_reference"],
                    f"Action '{v['action_reference']}' of "
                    f"recommendation '{rec.reference}' is also on row {seen[aid]}.",
                )
                continue
            seen[aid] = row.number
            if aid in index.actions:
                found.already += 1
                continue
            if directory is not None:
                with found.step(row, H["owner"]):
                    directory.check_named(v["owner"], typed=True)
            action = _action(found, row, v, rec, aid, owners.name_for(v["owner"]), months)
        except Refused:
            continue
        index.list_action(action.id, rec.id)
        found.keep(action)
        found.new += 1
    found.keep(*recs.values(), index, taxonomy)
    found.notes.extend(f"owner '{t}' recorded as '{n}'" for t, n in owners.mapped.items())
    return found


def _recommendation(
    found: Prepared,
    ledger: PartnershipLedger,
    row: Row,
    v: dict[str, Any],
    recs: dict[UUID, Recommendation],
    index: Any,
    words: ThemeWords,
) -> Recommendation:
    review = review_id(v["case_reference"])
    rid = Recommendation.create_id(review, v["recommendation_reference"].strip())
    if rid in recs:
        return recs[rid]
    case: Any
    try:
        case = ledger.repository.get(review)
    except AggregateNotFoundError:
        case = None
    if not isinstance(case, DomesticHomicideReview):
        found.problem(
            row,
            H["case_reference"],
            f"No case '{v['case_reference']}' is recorded "
            "in this partnership; import the cases sheet first.",
        )
        raise Refused
    if rid in index.recommendations:
        recs[rid] = ledger.recommendations.get(rid)
        return recs[rid]
    reference = v["recommendation_reference"].strip()
    others = [
        recs.setdefault(i, recs.get(i) or ledger.recommendations.get(i))
        for i in index.recommendations_of(review)
    ]  # kept by their ids, as a row naming their first numbers would find them
    renumbered = next((r for r in others if r.reference == reference), None)
    if renumbered is not None:
        recs[rid] = renumbered
        return renumbered
    with found.step(row, H["recommendation_reference"]):
        check_number_free(reference, others)
    with found.step(row, H["themes"]):
        themes = words.codes(v["themes"], ThemeKind.THEME)
    sector = None
    if v["target_sector"]:
        with found.step(row, H["target_sector"]):
            (sector,) = words.codes([v["target_sector"]], ThemeKind.ADDRESSEE)
    with found.step(row, H["recommendation_text"]):
        rec = Recommendation.make(
            review,
            v["recommendation_reference"],
            v["recommendation_text"] or "",
            v["scope"],
            v["made_on"],
            themes,
            target_organisation=v["target_organisation"],
            target_sector=sector,
            incident_on=case.incident_on,
        )
    index.list_recommendation(rec.id, review)
    recs[rid] = rec
    return rec


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
