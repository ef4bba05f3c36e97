"""The box each correction of a finding, a recommendation, an action or a cost figure asks its
right value in, as the plan's own forms ask it (owners from the region's directory, themes as
the same checkboxes, dates in three boxes, money in pounds), and what the reason calls the
value ("Why was the recorded date wrong?")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wtforms.validators import Optional

from api.web.agency_choices import agency_choices, agency_select, directory_of
from api.web.fields import GovDate, Pounds, at_most, long_text, radios, select, text, text_input
from api.web.plan_forms import SCOPES, theme_options, themes_field
from domain.errors import InvalidValueError
from domain.region.agencies import agency_key, agency_label
from domain.texts import NAMED, WRITTEN
from domain.themes import ThemeKind
from tenants.ledger import PartnershipLedger


@dataclass(frozen=True)
class Question:
    """The box asking for one field's right value, and what the reason calls the value."""

    box: Callable[[], Any]
    what: str = "value"


RECOMMENDATION = {
    "text": Question(
        lambda: long_text(
            "The right text", "Enter the recommendation", max_length=WRITTEN, named="The text"
        ),
        "text",
    ),
    "made_on": Question(
        lambda: GovDate("The right date it was made", "the recommendation"), "date"
    ),
    "target_organisation": Question(
        lambda: text_input(
            "The right organisation",
            Optional(),
            at_most("The organisation", NAMED),
            hint="Leave it empty if the recommendation is addressed to a sector only.",
        ),
        "organisation",
    ),
    "target_sector": Question(lambda: select("The right service sector", Optional()), "sector"),
    "reference": Question(
        lambda: text(
            "The right recommendation number",
            "Enter the recommendation's number",
            "As the report numbers it, for example 3 or 3a.",
            20,
            named="The number",
            width=10,
        ),
        "number",
    ),
    "scope": Question(
        lambda: radios("Who must act on it?", SCOPES, "Select who must act on the recommendation"),
        "scope",
    ),
    "theme_codes": Question(lambda: themes_field("The right themes"), "themes"),
}
FINDING = {
    "text": Question(
        lambda: long_text(
            "What did the review find?",
            "Enter what the review found",
            max_length=WRITTEN,
            named="The finding",
        ),
        "text",
    ),
    "theme_codes": Question(lambda: themes_field("The right themes"), "themes"),
    "recorded_on": Question(
        lambda: GovDate("The right date it was recorded", "the finding"), "date"
    ),
}
FIGURE = {"estimate": "estimate for", "actual": "cost incurred for"}
ACTION = {
    "owner": Question(
        lambda: agency_select("The right owner agency", "Select the agency that owns the action"),
        "owner",
    ),
    "description": Question(
        lambda: long_text(
            "The right description",
            "Enter what will be done",
            max_length=WRITTEN,
            named="The description",
        ),
        "description",
    ),
    "due_on": Question(lambda: GovDate("The right due date", "the due date"), "date"),
    "completed_on": Question(
        lambda: GovDate("The right date it was completed", "the completion date"), "date"
    ),
}


def sector_choices(ledger: PartnershipLedger, form: Any, recorded: str | None) -> None:
    found = sorted(ledger.themes.all(ThemeKind.ADDRESSEE), key=lambda t: t.label.lower())
    choices = [("", "Not a particular sector")] + [(t.code, t.label) for t in found]
    if recorded and recorded not in dict(choices):  # a retired sector keeps its name
        choices.append((recorded, ledger.themes.labels().get(recorded, recorded)))
    form.value.choices = choices


def theme_boxes(ledger: PartnershipLedger, form: Any, recorded: tuple[str, ...]) -> None:
    """The themes to tick, as recording offers them; a recorded theme retired since stays
    ticked under its name, so correcting another theme does not drop it unseen."""
    choices = theme_options(ledger)
    labels = ledger.themes.labels()
    offered = dict(choices)
    choices += [(c, labels.get(c, c)) for c in recorded if c not in offered]
    form.value.choices = choices


def owner_choices(form: Any, action: Any, ledger: PartnershipLedger) -> str:
    """The directory's agencies as the owner's choices, as the plan's forms offer them, and the
    choice the recorded owner stands for (an owner recorded by name before the directory is
    offered as its body's key, so the box opens on it; one the directory does not know, as
    recorded)."""
    agency_choices("value")(form, action, ledger)
    shown = agency_key(directory_of(ledger), action.owner) or action.owner
    if shown not in dict(form.value.choices):
        form.value.choices.append((shown, agency_label(directory_of(ledger), shown)))
    return str(shown)


def check_another_owner(chosen: str, shown: str, recorded: str, name: str) -> None:
    """A body recorded by name and chosen again by its key is no correction."""
    if chosen == shown and shown != recorded:
        raise InvalidValueError(f"The owner is already {name}; there is nothing to correct.")


def amount(*checks: Any) -> Pounds:
    """The right amount, in pounds; ``checks`` add to it ``MORE_THAN_ZERO`` where the ledger
    refuses £0 (a budget's value, an allocation, a cost incurred), so £0 is refused beside the
    box in pounds, not by the ledger in pence. Left off where nothing is a real answer (an
    estimate, an agreed cost or a minimum spend corrected to nothing)."""
    return Pounds("The right amount, in pounds", "the right amount", validators=list(checks))


def typed_pounds(pence: int) -> str:
    """An amount as a lead would type it in the box: "8,500.00"."""
    return f"{pence // 100:,}.{pence % 100:02d}"
