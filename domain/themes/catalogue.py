"""The default theme taxonomy: the Home Office DHR Library's filters plus the seed papers' themes.

Codes are stable forever: a tag recorded today must mean the same thing in ten years. Every
entry maps to a Home Office Library code so the data can flow into national analyses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.choices import EnumFields


class ThemeKind(StrEnum):
    THEME = "theme"  # what a finding or recommendation is about
    ADDRESSEE = "addressee"  # the service sector a recommendation is addressed to


class ThemeSource(StrEnum):
    HOME_OFFICE = "home_office"
    SEED = "seed"
    REGION = "region"  # added by the tenant's region, and followed by every tenant in it
    TENANT = (
        "tenant"  # added by one partnership for itself (before regions had their own: "region")
    )


CODE_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Theme(EnumFields):
    code: str
    label: str
    kind: ThemeKind
    source: ThemeSource
    home_office_code: str  # the Home Office Library entry this one rolls up to (itself for those)


def _ho(kind: ThemeKind, code: str, label: str) -> Theme:
    return Theme(code, label, kind, ThemeSource.HOME_OFFICE, code)


def _seed(kind: ThemeKind, code: str, label: str, home_office_code: str) -> Theme:
    return Theme(code, label, kind, ThemeSource.SEED, home_office_code)


_T, _A = ThemeKind.THEME, ThemeKind.ADDRESSEE

HOME_OFFICE_THEMES: tuple[Theme, ...] = (
    _ho(_T, "technology-systems", "Technology systems"),
    _ho(_T, "identification-of-risk", "Identification of risk"),
    _ho(_T, "training", "Training"),
    _ho(_T, "policy", "Policy"),
    _ho(_T, "multi-agency-working", "Multi-agency working"),
    _ho(_T, "record-keeping", "Record keeping"),
    _ho(_T, "awareness-raising", "Awareness raising"),
    _ho(_T, "other", "Other"),
    _ho(_A, "police", "Police"),
    _ho(_A, "social-services", "Social services"),
    _ho(_A, "health", "Health"),
    _ho(_A, "idva-domestic-abuse-service", "IDVA / domestic abuse service"),
    _ho(_A, "probation", "Probation"),
    _ho(_A, "housing", "Housing"),
    _ho(_A, "school", "School"),
    _ho(_A, "employer", "Employer"),
    _ho(_A, "other-education", "Other education"),
    _ho(_A, "religious-institution", "Religious institution"),
    _ho(_A, "military", "Military"),
    _ho(_A, "csp", "Community Safety Partnership"),
    _ho(_A, "other-addressee", "Other addressee"),
)

# fmt: off
SEED_THEMES: tuple[Theme, ...] = (  # kind, code, label, the Home Office code it rolls up to
    _seed(_T, "risk-assessment-integration", "Integrating adult and child risk assessment", "identification-of-risk"),
    _seed(_T, "abuser-as-source-of-risk", "Seeing the abuser as the source of risk", "identification-of-risk"),
    _seed(_T, "over-reliance-on-victims", "Over-reliance on victims to keep themselves safe", "identification-of-risk"),
    _seed(_T, "mental-health", "Mental health", "other"),
    _seed(_T, "substance-misuse", "Substance misuse", "other"),
    _seed(_T, "complex-needs", "Complex needs / 'toxic trio'", "other"),
    _seed(_T, "primary-care-early-identification", "Primary care and early identification", "identification-of-risk"),
    _seed(_T, "dash-risk-assessment", "DASH risk assessment", "identification-of-risk"),
    _seed(_T, "marac-mash-links", "MARAC and MASH links", "multi-agency-working"),
    _seed(_T, "coercive-control", "Coercive control vs incident-based practice", "identification-of-risk"),
    _seed(_T, "training-and-awareness", "Training and awareness", "training"),
    _seed(_T, "information-sharing", "Information sharing", "multi-agency-working"),
    _seed(_T, "workforce-culture", "Workforce culture", "other"),
    _seed(_A, "commissioned-mental-health-providers", "Commissioned mental health providers", "health"),
    _seed(_A, "substance-misuse-services", "Substance misuse services", "health"),
    _seed(_A, "primary-care", "Primary care (GPs)", "health"),
    _seed(_A, "children-social-care", "Children's social care", "social-services"),
    _seed(_A, "adult-social-care", "Adult social care", "social-services"),
)
# fmt: on

DEFAULT_THEMES: tuple[Theme, ...] = HOME_OFFICE_THEMES + SEED_THEMES
