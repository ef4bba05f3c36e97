"""The platform administrator's forms, with the design system's widgets and messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from api.web.fields import select, text_area, text_input
from tenants.users import Role

SLUG_HINT = "3 to 40 lower-case letters, digits and hyphens, for example north-warwickshire"
ROLE_CHOICES = [
    (Role.CSP_OFFICER.value, "Officer of one partnership"),
    (Role.CSP_LEAD.value, "Lead of one partnership (Head of Community Safety)"),
    (Role.REGIONAL_LEAD.value, "Regional lead (OPCC analyst or Heads of Community Safety group)"),
    (Role.PCC_OFFICER.value, "OPCC finance officer (records the region's budget lines and pots)"),
    (Role.AUDITOR.value, "Auditor"),
    (Role.PLATFORM_ADMIN.value, "Platform administrator"),
    (Role.AGENCY_CONTRIBUTOR.value, "Contributor for one partner agency (its actions and IMRs)"),
    (Role.RESEARCHER.value, "Researcher (only the extracts their data-sharing agreements allow)"),
    (Role.NATIONAL_ANALYST.value, "National analyst (only the anonymised national export)"),
]


class RegionForm(FlaskForm):
    name = text_input("Region name", InputRequired("Enter the region's name"))
    slug = text_input(
        "Short name for addresses",
        InputRequired("Enter a short name for the region's addresses"),
        hint=SLUG_HINT,
    )
    submit = SubmitField("Add region", widget=GovSubmitInput())


class PartnershipForm(FlaskForm):
    name = text_input("Partnership name", InputRequired("Enter the partnership's name"))
    slug = text_input(
        "Short name for addresses",
        InputRequired("Enter a short name for the partnership's addresses"),
        hint=SLUG_HINT + ". It names the partnership's own store and never changes.",
    )
    region = select("Region", InputRequired("Select the partnership's region"))
    submit = SubmitField("Register partnership", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class ReasonForm(ConfirmForm):
    reason = text_area(
        "Reason",
        InputRequired("Enter the reason"),
        Length(max=500),
        hint="Recorded in the history, for example 'contract ended'.",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def given(self) -> str:
        return (self.reason.data or "").strip()


class UserForm(FlaskForm):
    name = text_input(
        "User name",
        InputRequired("Enter a user name"),
        hint="What they sign in with: lower-case letters, digits, dots, hyphens, e.g. jo.smith",
    )
    display_name = text_input(
        "Full name",
        InputRequired("Enter the person's full name"),
        Length(max=100),
        hint="Shown on pages and in histories, for example Jo Smith.",
    )
    email = text_input(
        "Email address (optional)",
        Optional(),
        Length(max=254),
        hint="Where their reminders go, for example jo.smith@coventry.gov.uk.",
    )
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=ROLE_CHOICES,
        validators=[InputRequired("Select the person's role")],
    )
    tenant = select(
        "Partnership",
        Optional(),
        hint="For an officer or a lead; an auditor may be given one instead of a region.",
    )
    region = select(
        "Region", Optional(), hint="For a regional lead, an OPCC finance officer or an auditor."
    )
    agency = text_input(
        "Partner agency",
        Optional(),
        Length(max=40),
        hint="For an agency contributor only: the agency's key in the region's partner "
        "directory, for example leics-police. Give a partnership or a region as well.",
    )
    submit = SubmitField("Add user", widget=GovSubmitInput())


class EmailForm(FlaskForm):
    email = text_input(
        "Email address",
        InputRequired("Enter an email address"),
        Length(max=254),
        hint="Their daily reminders and weekly summaries go here.",
    )
    submit = SubmitField("Save email address", widget=GovSubmitInput())
