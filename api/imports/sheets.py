"""The three import templates (cases, actions, budget): their columns, in order.

``ledger import template KIND`` writes them as XLSX with a guidance sheet; the same column
headers (or their keys) are what a CSV needs in its first row.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.imports.fields import (
    Field,
    age_band,
    codes,
    day,
    due_day,
    one_of,
    past_day,
    pence,
    text,
    words,
)
from api.vocabulary import DEATH_CATEGORIES, DECISIONS, RELATIONSHIPS, REVIEW_KINDS, SCOPES
from domain.actionplan.values import Scope
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    DecisionOutcome,
    Relationship,
    ReviewKind,
    Sex,
)

LINES = (
    "partner",
    "allocation",
    "brought_forward",
    "agreed",
    "received",
    "not_drawn_down",
    "spend",
    "close_year",
)


@dataclass(frozen=True)
class SheetSpec:
    """One kind of sheet: the name an import is asked for by, the sheet's name in a workbook,
    what it holds (the template's guidance), and its columns in order."""

    kind: str
    sheet: str
    about: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


CASES = SheetSpec(
    "cases",
    "Cases",
    "One row per death notified to the partnership. Pseudonyms only: never a real name, "
    "address or date of birth. A reference already recorded is skipped, so the same sheet "
    "can be imported again safely.",
    (
        Field(
            "reference",
            "Reference",
            "the partnership's case reference, unique",
            "DHR-2014-03",
            text(40),
            True,
            width=14,
            aliases=("Ref", "Case ref", "DHR ref", "DHR reference", "DHR number", "DHR no"),
        ),
        Field(
            "pseudonym",
            "Pseudonym",
            "as in the report, never a real name",
            "Mary",
            text(40),
            True,
            width=12,
        ),
        Field(
            "incident_on",
            "Incident date",
            "the date of the death",
            "01/03/2014",
            day,
            True,
            aliases=("Date of death", "Date of incident", "Death date", "Incident"),
        ),
        Field(
            "notified_on",
            "Notified date",
            "when the partnership was told",
            "04/03/2014",
            day,
            True,
            aliases=(
                "Date notified",
                "Notification date",
                "Date notified to CSP",
                "Date notified to the CSP",
                "Referral date",
                "Date of referral",
            ),
        ),
        one_of(
            "kind",
            "Review kind",
            "the kind of review",
            REVIEW_KINDS[ReviewKind.DHR],
            ReviewKind,
            "review kind",
            True,
            26,
            REVIEW_KINDS,
            aliases=("Type of review", "Review type", "Type", "Kind"),
        ),
        one_of(
            "death_category",
            "Death category",
            "how the person died",
            DEATH_CATEGORIES[DeathCategory.INTIMATE_PARTNER_HOMICIDE],
            DeathCategory,
            "death category",
            True,
            26,
            DEATH_CATEGORIES,
            aliases=("Category", "Category of death", "Type of death", "How the person died"),
        ),
        Field(
            "victim_age_band",
            "Victim age band",
            "an age band; an age in years is kept only as its band",
            "25-34",
            age_band,
            choices=words(AgeBand),
            aliases=("Age band", "Age", "Victim age", "Age of victim", "Age at death"),
        ),
        one_of(
            "victim_sex",
            "Victim sex",
            "",
            "female",
            Sex,
            "sex",
            aliases=("Sex", "Gender", "Victim gender", "Sex of victim"),
            spellings={"f": Sex.FEMALE, "m": Sex.MALE, "not known": Sex.NOT_RECORDED},
        ),
        one_of(
            "perpetrator_relationship",
            "Relationship",
            "the perpetrator's relationship to the victim",
            RELATIONSHIPS[Relationship.INTIMATE_PARTNER],
            Relationship,
            "relationship",
            width=22,
            names=RELATIONSHIPS,
            aliases=(
                "Relationship to perpetrator",
                "Relationship to victim",
                "Perpetrator relationship",
                "Perpetrator's relationship to victim",
                "Relationship of perpetrator to victim",
            ),
            # a partnership is the same both ways, so these say one thing whoever is named;
            # "son" or "mother" would not (whose son?), so they are asked for as categories
            spellings={
                **dict.fromkeys(
                    ("partner", "husband", "wife", "boyfriend", "girlfriend", "spouse"),
                    Relationship.INTIMATE_PARTNER,
                ),
                **dict.fromkeys(
                    (
                        "ex-partner",
                        "ex partner",
                        "former partner",
                        "ex-husband",
                        "ex-wife",
                        "ex-boyfriend",
                        "ex-girlfriend",
                    ),
                    Relationship.FORMER_INTIMATE_PARTNER,
                ),
            },
        ),
        one_of(
            "decision",
            "Decision",
            "whether to hold a review",
            DECISIONS[DecisionOutcome.HOLD],
            DecisionOutcome,
            "decision",
            width=30,
            names=DECISIONS,
            aliases=("Decision to hold a review", "Outcome of decision"),
            # as trackers answer 'Decision to hold a review?'; an alternative or joint review
            # is asked for by its name, never read from 'yes'
            spellings={
                **dict.fromkeys(
                    ("yes", "hold a review", "hold a dhr", "dhr"), DecisionOutcome.HOLD
                ),
                **dict.fromkeys(
                    ("no", "do not hold", "do not hold a dhr", "no review", "no dhr"),
                    DecisionOutcome.NOT_HOLD,
                ),
            },
        ),
        Field(
            "decided_on",
            "Decision date",
            "",
            "28/03/2014",
            day,
            aliases=("Date of decision", "Date decided", "Decision made"),
        ),
        Field(
            "decision_reason",
            "Decision reason",
            "needed when no DHR is held",
            "criteria met",
            text(2000),
            width=24,
        ),
        Field(
            "first_panel_on",
            "First panel date",
            "",
            "20/06/2014",
            day,
            aliases=("First panel", "Date of first panel", "First panel meeting"),
        ),
        Field(
            "report_drafted_on",
            "Report drafted date",
            "overview report and executive summary drafted",
            "15/01/2015",
            day,
        ),
        Field("action_plan_agreed_on", "Action plan agreed date", "", "20/01/2015", day),
        Field(
            "submitted_on",
            "Submitted date",
            "sent to the Home Office QA panel",
            "01/02/2015",
            day,
            aliases=("Date submitted", "Submitted to Home Office", "Date sent to Home Office"),
        ),
    ),
)

ACTIONS = SheetSpec(
    "actions",
    "Actions",
    "One row per action of the master action plan. Rows with the same case and "
    "recommendation reference share the recommendation. The case must already be recorded "
    "(import cases first). An action already recorded is skipped.",
    (
        Field(
            "case_reference",
            "Case reference",
            "the case it came from",
            "DHR-2014-03",
            text(40),
            True,
            width=14,
            aliases=("DHR", "DHR ref", "DHR reference", "Case", "Case ref", "Review"),
        ),
        Field(
            "recommendation_reference",
            "Recommendation",
            "its number in the report",
            "3",
            text(40),
            True,
            width=14,
            aliases=("Rec", "Rec no", "Recommendation number", "Recommendation no"),
        ),
        Field(
            "recommendation_text",
            "Recommendation text",
            "needed on the first row of each recommendation",
            "Train staff in DASH",
            text(2000),
            width=40,
        ),
        one_of(
            "scope", "Scope", "", SCOPES[Scope.MULTI_AGENCY], Scope, "scope", True, names=SCOPES
        ),
        Field(
            "made_on",
            "Recommendation date",
            "when the report made it",
            "20/01/2015",
            day,
            True,
            aliases=("Date of recommendation", "Date made"),
        ),
        Field(
            "themes",
            "Themes",
            "themes by name or code, separated by ';' (the Themes sheet lists them)",
            "DASH risk assessment; Training",
            codes,
            True,
            width=28,
            aliases=("Theme",),
        ),
        Field(
            "target_organisation",
            "Target organisation",
            "who it is for",
            "Police",
            text(200),
            width=20,
        ),
        Field(
            "target_sector",
            "Target sector",
            "or the sector it is for, by name or code (the Target sectors sheet lists them)",
            "Police",
            text(80),
            width=16,
        ),
        Field(
            "action_reference",
            "Action reference",
            "unique within the recommendation",
            "3.1",
            text(40),
            True,
            width=12,
            aliases=("Action no", "Action number", "Action ref"),
        ),
        Field(
            "owner",
            "Owner agency",
            "the agency that owns the action",
            "West Midlands Police",
            text(200),
            True,
            width=24,
            aliases=("Owner", "Lead agency", "Responsible agency", "Agency", "Lead"),
        ),
        Field(
            "description",
            "Action",
            "what will be done",
            "Deliver DASH training",
            text(2000),
            True,
            width=40,
            aliases=("Action required", "Action to be taken", "Actions", "Action description"),
        ),
        Field(
            "due_on",
            "Due date",
            "",
            "31/03/2016",
            due_day,
            True,
            aliases=("Target date", "Deadline", "Date due", "Target completion date"),
        ),
        Field("started_on", "Started date", "", "", day, aliases=("Date started", "Start date")),
        Field(
            "completed_on",
            "Completed date",
            "",
            "",
            day,
            aliases=("Date completed", "Completion date", "Date of completion"),
        ),
    ),
)

BUDGET = SheetSpec(
    "budget",
    "Budget",
    "One row per line of a pooled budget's history, in date order: its partners, "
    "allocations, reserve brought forward, contributions agreed, received and not drawn "
    "down, spend and year ends. A budget whose reference is already recorded is skipped.",
    (
        Field("budget_reference", "Budget reference", "", "llr-dhr", text(40), True, width=14),
        Field("budget_name", "Budget name", "", "LLR DHR budget", text(200), True, width=24),
        Field(
            "manager",
            "Managed by",
            "the body holding the pot",
            "Business Office",
            text(200),
            True,
            width=20,
        ),
        Field("opened_on", "Opened date", "", "01/04/2015", past_day, True),
        one_of("line", "Line", "what the row records", "received", LINES, "line", True),
        Field("on", "Date", "when it happened", "15/05/2015", past_day, True),
        Field(
            "partner",
            "Partner key",
            "short key, e.g. leicestershire-police",
            "blaby",
            text(60),
            width=20,
        ),
        Field("partner_name", "Partner name", "for a partner line", "Blaby", text(200), width=20),
        Field("year", "Financial year", "e.g. 2016/17", "2015/16", text(10)),
        Field("amount", "Amount (£)", "pounds", "2500.00", pence),
        Field(
            "allocation",
            "Allocation key",
            "for allocation and spend lines",
            "chairs-authors",
            text(60),
            width=16,
        ),
        Field(
            "description",
            "Description",
            "purpose, reason or what it paid for",
            "Chair's fees",
            text(2000),
            width=30,
        ),
    ),
)

SPECS = {spec.kind: spec for spec in (CASES, ACTIONS, BUDGET)}
