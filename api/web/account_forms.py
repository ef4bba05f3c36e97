"""The password forms: a new password typed twice (an administrator's for someone, or a
person's own) and, for a person changing their own, their current one first."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import Field, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length

from tenants.users.passwords import WRONG_CURRENT
from tenants.users.signin import MIN_PASSWORD


def new_password() -> PasswordField:
    """Held to the rule every password keeps (``signin.check_strength``), said at the box."""
    return PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=f"At least {MIN_PASSWORD} characters. Three random words work well.",
        validators=[
            InputRequired("Enter a new password"),
            Length(
                min=MIN_PASSWORD,
                message=f"New password must be {MIN_PASSWORD} characters or more",
            ),
        ],
    )


def new_password_again() -> PasswordField:
    return PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired("Enter the new password again"),
            EqualTo("password", "The passwords do not match: type the same password in both boxes"),
        ],
    )


class ChoosePasswordForm(FlaskForm):
    """Straight after signing in with a temporary password: their own, typed twice."""

    password = new_password()
    confirm = new_password_again()
    submit = SubmitField("Save your password", widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your current password")],
    )
    password = new_password()
    confirm = new_password_again()
    submit = SubmitField("Change password", widget=GovSubmitInput())


class TwoFactorForm(FlaskForm):
    """Setting up your own two-factor: the code the app shows, then your current password."""

    code = StringField(
        "Security code",
        widget=GovTextInput(),
        description="The 6-digit code your app shows for Partnership Ledger.",
        validators=[InputRequired("Enter the 6-digit code your authenticator app shows")],
    )
    current = PasswordField(  # its own, so the error summary keeps the page's order
        "Your password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your password")],
    )
    submit = SubmitField("Turn on two-factor", widget=GovSubmitInput())


def refused_at(form: ChangePasswordForm | ChoosePasswordForm, problem: str) -> Field:
    """The box a refusal is about: the current password (wrong, or locked), else the new one."""
    about_current = problem == WRONG_CURRENT or "locked" in problem
    if isinstance(form, ChangePasswordForm) and about_current:
        return form.current
    return form.password
