"""What a correction names, in words: the facts of a case a lead may correct from the browser,
its recommendations' and actions' fields, a case's cost figures, and how corrected values
read. The one table of their labels: the correction pages and every history showing a
``Corrected`` event read them here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from api.schemas.history import plain
from api.vocabulary import CASE_FACTS, SCOPES
from api.web.case_forms import COST_WORDS
from api.web.formatting import long_date, money
from domain.reviews import AgeBand, DeathCategory, Relationship, ReviewKind, Sex

CASE_PAGE = "The case's page and its history will show the corrected value"
CLOCKS = "Timeliness, the regional views and reports will use the corrected date"
REGIONAL = "The regional views and reports will use the corrected value"
NATIONAL = "The case's page and the national learning export will use the corrected value"


@dataclass(frozen=True)
class Fact:
    field: str
    label: str  # "the death", as in "the date of the death"
    heading: str
    choices: tuple[str, ...] = ()  # an enum's values; empty for dates and text
    text: bool = False
    uses: str = CASE_PAGE  # what reads the fact, so will read the corrected value

    @property
    def correct(self) -> str:
        """The correction page's heading: "Correct the date of the death", "Correct the
        pseudonym"."""
        if self.choices or self.text:
            return f"Correct {self.label}"
        return f"Correct the date of {self.label}"


def _values(kind: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


FACTS = (
    Fact("incident_on", "the death", "Date of the death", uses=CLOCKS),  # as notifying asks it
    Fact("notified_on", "the notification", "Date the death was notified", uses=CLOCKS),
    Fact("decided_on", "the decision", "Date of the decision to review", uses=CLOCKS),
    Fact("home_office_notified_on", "the Home Office notification", "Home Office told"),
    Fact("directed_on", "the direction", "Date a review was directed", uses=CLOCKS),
    Fact("overview_report_drafted_on", "the overview report draft", "Overview report drafted"),
    Fact(
        "executive_summary_drafted_on", "the executive summary draft", "Executive summary drafted"
    ),
    Fact("action_plan_agreed_on", "the action plan agreement", "Action plan agreed"),
    Fact("submitted_on", "the submission", "Submitted to the Home Office", uses=CLOCKS),
    Fact("approved_on", "the approval", "Approved", uses=CLOCKS),
    Fact("published_on", "the publication", "Published", uses=REGIONAL),
    Fact("decommissioned_on", "the decommissioning", "Decommissioned", uses=CLOCKS),
    Fact("pseudonym", "the pseudonym", "Pseudonym", text=True),
    Fact("kind", "the kind of review", "Kind of review", _values(ReviewKind), uses=REGIONAL),
    Fact(
        "death_category",
        "the death category",
        "Death category",
        _values(DeathCategory),
        uses=REGIONAL,
    ),
    Fact(
        "victim_age_band",
        "the victim's age band",
        "Victim's age band",
        _values(AgeBand),
        uses=NATIONAL,
    ),
    Fact("victim_sex", "the victim's sex", "Victim's sex", _values(Sex)),
    Fact(
        "perpetrator_relationship",
        "the perpetrator's relationship",
        "Perpetrator's relationship",
        _values(Relationship),
        uses=NATIONAL,
    ),
)
BY_FIELD = {f.field: f for f in FACTS}

PLAN_FIELDS = {  # ``domain.actionplan.correcting``'s fields, as the plan's pages name them
    "text": "Text of the recommendation",
    "made_on": "Date the recommendation was made",
    "target_organisation": "Organisation it is addressed to",
    "target_sector": "Service sector it is addressed to",
    "reference": "Recommendation number",
    "scope": "Who must act on it",
    "theme_codes": "Themes",
    "owner": "Owner agency",
    "description": "What will be done",
    "due_on": "Due date",
    "completed_on": "Date completed",
}
FINDING_FIELDS = {  # ``domain.actionplan.correcting_findings``'s, as recording asks them
    "text": "What the review found",
    "theme_codes": "Themes",
    "recorded_on": "Date the finding was recorded",
}
TYPED = {"text", "target_organisation", "description", "reference"}  # shown as typed


def shown(value: object) -> str:
    """A value from the history: ISO dates as '9 May 2011', codes as words."""
    if value is None:
        return ""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return long_date(value)
    if isinstance(value, dict):  # a past pause
        return ", ".join(f"{k.replace('_', ' ')} {shown(v)}" for k, v in value.items() if v)
    return label(value)


def label(value: object) -> str:
    """A recorded value as people read it: 'joint_with_sar' → 'Joint review with a Safeguarding
    Adults Review' (``api.vocabulary``), 'female' → 'Female', '35-44' kept."""
    text = str(getattr(value, "value", value))
    if text in CASE_FACTS:
        return CASE_FACTS[text]
    if not text or "_" not in text and not text.isalpha():
        return text
    first, *rest = text.split("_")
    return " ".join([first if first.isupper() else first.capitalize(), *rest])


FIGURES = {
    "estimate": "Estimate",
    "actual": "Incurred",
    "agreed": "Agreed contribution",
    "incurred": "Cost incurred",
}
"""The money a correction can name, by the first part of its field (``estimate.chair``)."""
ENTRY_FIELDS = {"amount": "amount", "incurred_on": "date incurred"}  # ``incurred.2.amount``
PARTS = {  # a case's parts that come several to a case (``correcting_parts``): their words
    "commission": ("Commissioning", {"cost_pence": "agreed cost"}),
    "panel_meeting": ("Panel meeting", {"met_on": "date"}),
    "imr": (
        "IMR",
        {"requested_on": "date requested", "due_on": "due date", "received_on": "date received"},
    ),
}
MONEY_PARTS = {"cost_pence"}  # a part's values in pence


def commissioning_words(field: str, names: Callable[[str], str] = str) -> str | None:
    """A commissioning budget's figure (``domain.region.correcting``) as its page
    shows it: "Value of 2018/19", "Minimum spend in Stoke-on-Trent in 2018/19", "Area of
    allocation 2 in 2018/19"; None for another field. ``names``: a directory key to its name."""
    kind, *parts = field.split(".")
    if kind == "value" and len(parts) == 1:
        return f"Value of {parts[0]}"
    if kind == "minimum" and len(parts) == 2:
        return f"Minimum spend in {names(parts[0])} in {parts[1]}"
    if kind == "allocation" and len(parts) == 3 and parts[2] in ("amount", "area"):
        return f"{parts[2].capitalize()} of allocation {parts[1]} in {parts[0]}"
    return None


def part_words(field: str) -> str | None:
    """``commission.2.cost_pence`` as "Commissioning 2: agreed cost"; None for another field."""
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    if kind not in PARTS or name not in PARTS[kind][1]:
        return None
    return f"{PARTS[kind][0]} {number}: {PARTS[kind][1][name]}"


def part_heading(field: str) -> str:
    """A part's correction page's heading: "Correct the agreed cost of commissioning 1"."""
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    part = PARTS[kind][0] if PARTS[kind][0].isupper() else PARTS[kind][0].lower()
    return f"Correct the {PARTS[kind][1][name]} of {part} {number}"


def field_words(field: str, finding: bool = False, names: Callable[[str], str] = str) -> str:
    """A corrected field as people read it: a case's fact by its heading ("Pseudonym", "Date of
    the incident"), a recommendation's, an action's or (``finding``) a finding's as its pages
    ask it ("Due date"), a figure by what it is ("Estimate: Independent chair", "Cost incurred
    2: amount"), any other field in words."""
    if finding and field in FINDING_FIELDS:
        return FINDING_FIELDS[field]
    if field in BY_FIELD:
        return BY_FIELD[field].heading
    if field in PLAN_FIELDS:
        return PLAN_FIELDS[field]
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    if kind == "movement" and name == "amount":  # a pooled budget's (``MovementCorrected``)
        return f"Amount of receipt or spend {number}"
    if kind == "not_drawn" and name == "amount":  # ``NotDrawnDownCorrected``
        return f"Amount not called, decision {number}"
    if kind == "agreement" and ".share." in rest:  # a service's (``ShareCorrected``)
        agreement, _, funder = rest.rpartition(".share.")
        return f"Share a year of {names(funder)} under {agreement}"
    if kind in ("payment", "allocation", "clawback") and name == "amount":
        return f"Amount of {kind} {number}"
    if kind == "incurred" and name in ENTRY_FIELDS:
        return f"{FIGURES[kind]} {number}: {ENTRY_FIELDS[name]}"
    if part_words(field):
        return str(part_words(field))
    if commissioning_words(field):
        return str(commissioning_words(field, names))
    if kind in FIGURES and rest:
        return f"{FIGURES[kind]}: {COST_WORDS.get(rest, rest.replace('.', ', '))}"
    return field.replace("_", " ").capitalize()


def _is_area(field: str) -> bool:
    return field.endswith(".area") and bool(commissioning_words(field))


def value_words(
    field: str,
    value: object,
    agencies: Callable[[str], str] | None = None,
    sectors: Callable[[str], str] | None = None,
) -> str:
    """A corrected value (or the one it replaced) as people read it: money in pounds, dates
    written out, codes by name, an owner by ``agencies`` (``agency_names``), a sector and
    themes by ``sectors`` (the taxonomy's labels) where given; "Not recorded" for none."""
    if value is None or value == "":
        return "Not recorded"
    if field == "theme_codes" and isinstance(value, list | tuple):
        return ", ".join((sectors or str)(str(code)) for code in value)
    if field == "scope":
        return SCOPES.get(str(getattr(value, "value", value)), label(value))
    if (field == "owner" or _is_area(field)) and agencies is not None:
        return agencies(str(value))
    if field == "target_sector" and sectors is not None and sectors(str(value)) != str(value):
        return sectors(str(value))
    money_field = field.partition(".")[0] in FIGURES or field.rpartition(".")[2] in MONEY_PARTS
    money_field |= field.endswith(".amount")  # one entry's amount: a receipt, a payment...
    money_field |= field.startswith("agreement.") and ".share." in field  # a funder's share
    money_field |= bool(commissioning_words(field)) and not _is_area(field)
    if money_field and isinstance(value, int):
        return money(value)
    if field in TYPED:
        return str(value)
    return shown(plain(value))
