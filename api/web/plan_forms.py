"""Questions for findings, recommendations and actions: recording them on a case, and each
step of an action's life (progress, evidence, completion, sign-off, impact review)."""

from __future__ import annotations

from typing import Any

from flask import request
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from wtforms import SelectMultipleField
from wtforms.validators import InputRequired, Optional

from api import vocabulary
from api.vocabulary import choices
from api.web.agency_choices import agency_select
from api.web.fields import GovDate, at_most, long_text, radios, select, text, text_input
from api.web.steps import StepForm
from domain.texts import NAMED, WRITTEN
from domain.themes import ThemeKind
from tenants.ledger import PartnershipLedger

JUDGEMENTS = [("yes", "Yes"), ("no", "No"), ("not_determined", "Not determined")]
SCOPES = choices(vocabulary.SCOPES)
IMPACT = [
    ("embedded", "Embedded in practice"),
    ("partly_embedded", "Partly embedded"),
    ("not_embedded", "Not embedded: reopen the action"),
]


def themes_field(label: str) -> SelectMultipleField:
    return SelectMultipleField(
        label,
        widget=GovCheckboxesInput(),
        description="Select all that apply. A theme 'within' another is counted under that "
        "Home Office theme in national figures.",
        validators=[InputRequired("Select at least one theme")],
    )


def theme_options(ledger: PartnershipLedger) -> list[tuple[str, str]]:
    """The themes to tick, each finer one saying which Home Office theme it rolls up to:
    "Training" and "Training and awareness" side by side read as the same choice twice."""
    themes = sorted(ledger.themes.all(ThemeKind.THEME), key=lambda t: t.label.lower())
    labels = {t.code: t.label for t in themes}
    return [
        (t.code, f"{t.label} (within {labels[t.home_office_code]})")
        if t.home_office_code != t.code and t.home_office_code in labels
        else (t.code, t.label)
        for t in themes
    ]


def theme_choices(form: Any, _: Any, ledger: PartnershipLedger) -> None:
    """The themes to tick on a recording form (``theme_options``), and its sectors."""
    form.themes.choices = theme_options(ledger)
    if hasattr(form, "target_sector"):
        sectors = sorted(ledger.themes.all(ThemeKind.ADDRESSEE), key=lambda t: t.label.lower())
        form.target_sector.choices = [("", "Not a particular sector")] + [
            (t.code, t.label) for t in sectors
        ]


class FindingForm(StepForm):
    text = long_text(
        "What did the review find?",
        "Enter what the review found",
        max_length=WRITTEN,
        named="The finding",
    )
    themes = themes_field("Themes")
    on = GovDate("Date recorded", "the finding")


class JudgementForm(StepForm):
    predictable = radios(
        "Was the death predictable?", JUDGEMENTS, "Select whether the death was predictable"
    )
    preventable = radios(
        "Was the death preventable?", JUDGEMENTS, "Select whether the death was preventable"
    )
    on = GovDate("Date of the judgement", "the judgement")


class RecommendationForm(StepForm):
    reference = text(
        "Recommendation number",
        "Enter the recommendation's number",
        "As the report numbers it, for example 3 or 3a.",
        20,
    )
    text = long_text("Recommendation", "Enter the recommendation", max_length=WRITTEN)
    scope = radios("Who must act on it?", SCOPES, "Select who must act on the recommendation")
    themes = themes_field("Themes")
    target_organisation = text_input(
        "Organisation it is addressed to",
        Optional(),
        at_most("Organisation", NAMED),
        hint="For example 'Birmingham Community Healthcare NHS Trust'. Give an organisation, a "
        "sector, or both.",
    )
    target_sector = select("Service sector it is addressed to", Optional())
    on = GovDate("Date the recommendation was made", "the recommendation")


class PlanActionForm(StepForm):
    recommendation = select("Recommendation", InputRequired("Select the recommendation"))
    owner = agency_select("Owner agency", "Select the agency that owns the action")
    description = long_text(
        "What will be done?", "Enter what will be done", max_length=WRITTEN, named="The action"
    )
    due_on = GovDate("Due date", "the action's due date")


def recommendation_choices(form: Any, review: Any, ledger: PartnershipLedger) -> None:
    recs = ledger.recommendations.of_review(review.id)
    form.recommendation.choices = [("", "Select a recommendation")] + [
        (str(r.id), f"{r.reference}: {r.text[:80]}") for r in recs
    ]
    if request.method == "GET" and not form.recommendation.data:
        form.recommendation.data = request.args.get("recommendation", "")


class ProgressForm(StepForm):
    text = long_text(
        "What progress has been made?",
        "Enter the progress made",
        max_length=WRITTEN,
        named="The progress update",
    )
    on = GovDate("Date of the update", "the update")


class EvidenceForm(StepForm):
    reference = text(
        "Evidence",
        "Enter a reference to the evidence",
        "Where the evidence is kept, for example 'Training register Q2 2024, page 4'.",
        200,
    )
    on = GovDate("Date added", "the evidence")


class DueDateForm(StepForm):
    new_due_on = GovDate("New due date", "the new due date")
    reason = long_text(
        "Why is the due date changing?",
        "Enter why the due date is changing",
        max_length=500,
        named="The reason",
    )


class ImpactForm(StepForm):
    outcome = radios(
        "Is the change embedded in practice?", IMPACT, "Select whether the change is embedded"
    )
    notes = long_text("Notes", None, "Optional. What the review looked at.", WRITTEN)
    on = GovDate("Date of the impact review", "the impact review")


class ReasonForm(StepForm):
    reason = long_text("Reason", "Enter the reason", max_length=500)
    on = GovDate("Date", "the decision")
