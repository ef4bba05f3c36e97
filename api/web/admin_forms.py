"""The platform administrator's forms, with the design system's widgets and messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Optional, Regexp

from api.web.account_forms import new_password, new_password_again
from api.web.fields import at_most, select, text_area, text_input
from domain.errors import DomainError, DuplicateError
from domain.texts import REASON
from tenants.model import SLUG
from tenants.users import Role
from tenants.users.email import EMAIL_MAX
from tenants.users.model import DISPLAY_NAME_MAX, USER_NAME

SLUG_HINT = "3 to 40 lower-case letters, digits and hyphens, for example north-warwickshire"
NAME_MAX = 120  # a region's or partnership's name, as the registry keeps it
SLUG_RULE = (
    "Short name must be 3 to 40 lower-case letters, digits and hyphens, starting with a letter, "
    "for example north-warwickshire"
)
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


def registry_name(kind: str) -> StringField:
    """A region's or partnership's name (``kind``), no longer than the registry keeps it."""
    label = f"{kind.capitalize()} name"
    return text_input(
        label,
        DataRequired(f"Enter the {kind}'s name"),  # spaces alone are no name
        at_most(label, NAME_MAX),
    )


def short_name(kind: str, hint: str) -> StringField:
    """A region's or partnership's short name for addresses (its slug), checked here so the
    page says what is wrong in its own words."""
    return text_input(
        "Short name for addresses",
        InputRequired(f"Enter a short name for the {kind}'s addresses"),
        Regexp(SLUG, message=SLUG_RULE),
        hint=hint,
    )


class RegionForm(FlaskForm):
    name = registry_name("region")
    slug = short_name("region", SLUG_HINT)
    submit = SubmitField("Add region", widget=GovSubmitInput())


class PartnershipForm(FlaskForm):
    name = registry_name("partnership")
    slug = short_name(
        "partnership", SLUG_HINT + ". It names the partnership's own store and never changes."
    )
    region = select("Region", InputRequired("Select the partnership's region"))
    submit = SubmitField("Register partnership", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


def reason(max_length: int) -> TextAreaField:
    return text_area(
        "Reason",
        DataRequired("Enter the reason"),  # spaces alone are no reason
        at_most("Reason", max_length),
        hint="Recorded in the history, for example 'contract ended'.",
    )


class RevokeTokenForm(ConfirmForm):
    """Sent only from the page that asks "Are you sure?": a POST without ``confirmed`` (the old
    one-click button, a stray request) revokes nothing."""

    confirmed = HiddenField(validators=[AnyOf(["yes"])])
    submit = SubmitField("Revoke token", widget=GovSubmitInput())


class ReasonForm(ConfirmForm):
    reason = reason(REASON)
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def given(self) -> str:
        return (self.reason.data or "").strip()


class SuspensionForm(ReasonForm):
    reason = reason(NAME_MAX)  # the registry keeps a suspension's reason as short as a name


class UserForm(FlaskForm):
    """The questions in the order the page asks them, which the error summary follows."""

    display_name = text_input(
        "Full name",
        DataRequired("Enter the person's full name"),
        at_most("Full name", DISPLAY_NAME_MAX),
        hint="Shown on pages and in histories, for example Jo Smith.",
    )
    name = text_input(
        "User name",
        InputRequired("Enter a user name"),
        Regexp(
            USER_NAME,
            message="User name must be 3 to 64 lower-case letters, digits, dots, hyphens or "
            "underscores, starting with a letter, for example jo.smith",
        ),
        hint="What they sign in with: lower-case letters, digits, dots, hyphens, e.g. jo.smith",
    )
    email = text_input(
        "Email address (optional)",
        Optional(),
        at_most("Email address", EMAIL_MAX),
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
        at_most("Partner agency", 40),
        hint="For an agency contributor only: the agency as the region's partner directory "
        "names it, for example Leicestershire Police. Give a partnership or a region as well.",
    )
    submit = SubmitField("Add user", widget=GovSubmitInput())


class GrantsForm(FlaskForm):
    """A user's role and every partnership and region it reaches, in place of theirs."""

    role = UserForm.role
    tenants = SelectMultipleField(
        "Partnerships",
        widget=GovCheckboxesInput(),
        description="One for an officer or a lead; any number for an auditor.",
    )
    regions = SelectMultipleField(
        "Regions",
        widget=GovCheckboxesInput(),
        description="One for a regional lead or an OPCC finance officer; any for an auditor.",
    )
    agency = UserForm.agency
    submit = SubmitField("Save role and grants", widget=GovSubmitInput())


class EmailForm(FlaskForm):
    email = text_input(
        "Email address",
        InputRequired("Enter an email address"),
        at_most("Email address", EMAIL_MAX),
        hint="Their daily reminders and weekly summaries go here.",
    )
    submit = SubmitField("Save email address", widget=GovSubmitInput())


class PasswordForm(FlaskForm):
    """A new password typed twice, held to the rule signing in keeps (``set_password``)."""

    password = new_password()
    confirm = new_password_again()
    submit = SubmitField("Set password", widget=GovSubmitInput())


@contextmanager
def in_page_words(taken: str) -> Iterator[None]:
    """A use case's refusal as an administrator's page says it: ``taken`` when the name is
    already someone's, and no command-line option ("--tenant") in the words."""
    try:
        yield
    except DuplicateError as refused:
        if "already exists" not in str(refused):  # not the short name: say it as it is
            raise
        raise DuplicateError(taken) from None
    except DomainError as refused:
        raise type(refused)(without_options(str(refused))) from None


def without_options(message: str) -> str:
    """'give one partnership (--tenant)' -> 'give one partnership'."""
    return OPTION_ALONE.sub("", OPTION_LAST.sub(")", message))


OPTION_LAST = re.compile(r",\s*--[a-z][a-z-]*\)")  # "(its key in the directory, --agency)"
OPTION_ALONE = re.compile(r"\s*\(--[a-z][a-z-]*\)")  # " (--region)"


def user_field(form: UserForm | GrantsForm, problem: str) -> Field:
    """The question of the add-user or grants page a refusal is about, by its words."""
    said = problem.casefold()
    if "partner agency" in said or "partner directory" in said or "not an agency" in said:
        return form.agency
    if isinstance(form, GrantsForm):
        if "platform admin" in said or "deactivated" in said:
            return form.role
        return form.regions if "exactly one region" in said else form.tenants
    if "user name" in said:
        return form.name
    if "email" in said:
        return form.email
    if "display name" in said or "person's name" in said:
        return form.display_name
    if "exactly one region" in said:
        return form.region
    return form.tenant  # who the role works for: a partnership, else none
