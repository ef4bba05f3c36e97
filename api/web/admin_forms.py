"""The platform administrator's forms, with the design system's widgets and messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from tenants.users import Role

SLUG_HINT = "3 to 40 lower-case letters, digits and hyphens, for example north-warwickshire"
ROLE_CHOICES = [
    (Role.CSP_OFFICER.value, "Officer of one partnership"),
    (Role.CSP_LEAD.value, "Lead of one partnership (Head of Community Safety)"),
    (Role.REGIONAL_LEAD.value, "Regional lead (OPCC or Heads of Community Safety group)"),
    (Role.AUDITOR.value, "Auditor"),
    (Role.PLATFORM_ADMIN.value, "Platform administrator"),
    (Role.AGENCY_CONTRIBUTOR.value, "Contributor for one partner agency (its actions and IMRs)"),
]


ROLE_NAMES = {
    Role.CSP_OFFICER: "Partnership officer",
    Role.CSP_LEAD: "Partnership lead",
    Role.REGIONAL_LEAD: "Regional lead",
    Role.AUDITOR: "Auditor",
    Role.PLATFORM_ADMIN: "Platform administrator",
    Role.AGENCY_CONTRIBUTOR: "Agency contributor",
}


class RegionForm(FlaskForm):
    name = StringField(
        "Region name", widget=GovTextInput(), validators=[InputRequired("Enter the region's name")]
    )
    slug = StringField(
        "Short name for addresses",
        widget=GovTextInput(),
        description=SLUG_HINT,
        validators=[InputRequired("Enter a short name for the region's addresses")],
    )
    submit = SubmitField("Add region", widget=GovSubmitInput())


class PartnershipForm(FlaskForm):
    name = StringField(
        "Partnership name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the partnership's name")],
    )
    slug = StringField(
        "Short name for addresses",
        widget=GovTextInput(),
        description=SLUG_HINT + ". It names the partnership's own store and never changes.",
        validators=[InputRequired("Enter a short name for the partnership's addresses")],
    )
    region = SelectField(
        "Region",
        widget=GovSelect(),
        validators=[InputRequired("Select the partnership's region")],
    )
    submit = SubmitField("Register partnership", widget=GovSubmitInput())


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        "Reason",
        widget=GovTextArea(),
        description="Recorded in the history, for example 'contract ended'.",
        validators=[InputRequired("Enter the reason"), Length(max=500)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class UserForm(FlaskForm):
    name = StringField(
        "User name",
        widget=GovTextInput(),
        description="What they sign in with: lower-case letters, digits, dots, hyphens, e.g. jo.smith",
        validators=[InputRequired("Enter a user name")],
    )
    display_name = StringField(
        "Full name",
        widget=GovTextInput(),
        description="Shown on pages and in histories, for example Jo Smith.",
        validators=[InputRequired("Enter the person's full name"), Length(max=100)],
    )
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        description="Where their reminders go, for example jo.smith@coventry.gov.uk.",
        validators=[Optional(), Length(max=254)],
    )
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=ROLE_CHOICES,
        validators=[InputRequired("Select the person's role")],
    )
    tenant = SelectField(
        "Partnership",
        widget=GovSelect(),
        description="For an officer or a lead; an auditor may be given one instead of a region.",
        validators=[Optional()],
    )
    region = SelectField(
        "Region",
        widget=GovSelect(),
        description="For a regional lead or an auditor.",
        validators=[Optional()],
    )
    agency = StringField(
        "Partner agency",
        widget=GovTextInput(),
        description="For an agency contributor only: the agency's key in the region's partner "
        "directory, for example leics-police. Give a partnership or a region as well.",
        validators=[Optional(), Length(max=40)],
    )
    submit = SubmitField("Add user", widget=GovSubmitInput())


class EmailForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="Their daily reminders and weekly summaries go here.",
        validators=[InputRequired("Enter an email address"), Length(max=254)],
    )
    submit = SubmitField("Save email address", widget=GovSubmitInput())
