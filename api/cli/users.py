"""``ledger users`` and ``ledger tokens``: bootstrap access from nothing, from a script."""

from __future__ import annotations

import sys
from uuid import UUID

import click

from api.cli.common import REASON, arguments, on_platform, platform
from api.cli.passwords import (
    enable_2fa_command,
    invite_command,
    reset_2fa_command,
    set_password_command,
)
from tenants.platform import Platform
from tenants.users import Role
from tenants.users.onboarding import add_user, change_grants


@click.group()
def users() -> None:
    """Add, list and deactivate users, and change their role and grants (one role each)."""


ROLE = click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="their one role, which decides what they see and do (see README)",
)
TENANTS = click.option(
    "--tenant", "tenants", multiple=True, help="tenant slug (csp roles: one; auditor: any)"
)
REGIONS = click.option(
    "--region",
    "regions",
    multiple=True,
    help="region slug (regional_lead, pcc_officer: one; auditor: any)",
)
AGENCY = click.option(
    "--agency", default="", help="agency_contributor: the partner directory key of their agency"
)


NAME_PROMPT = "Their full name, shown on pages, in histories and in emails (e.g. Jo Smith)"


@users.command("add")
@click.argument("name")
@ROLE
@TENANTS
@REGIONS
@click.option(
    "--display-name", default="", help="the name pages and histories show, e.g. 'Jo Smith'"
)
@click.option("--email", default="", help="where their reminders go (kept encrypted)")
@AGENCY
def users_add(
    name: str,
    role: str,
    tenants: tuple[str, ...],
    regions: tuple[str, ...],
    display_name: str,
    email: str,
    agency: str,
) -> None:
    """Add a user, e.g. `ledger users add jo.smith --role csp_officer --tenant coventry
    --display-name "Jo Smith"`; asked for their full name at a terminal if not given."""
    if not display_name.strip() and sys.stdin.isatty():  # a person typing
        display_name = click.prompt(NAME_PROMPT, default="", show_default=False)
    with platform() as p:
        user = add_user(
            p, name, role, tenants, regions, display_name=display_name, email=email, agency=agency
        )
    click.echo(f"user {user.name} ({user.shown_as}) added as {user.role} (id {user.id})")
    if not user.display_name:  # a script's: it still works, and the operator hears why it matters
        click.echo(
            f'No display name: pages show {user.name} and emails open with "Hello,". Give '
            f'one with `ledger users rename {user.name} "Jo Smith"`.',
            err=True,
        )


@users.command("change-grants")
@click.argument("name")
@ROLE
@TENANTS
@REGIONS
@AGENCY
def users_change_grants(
    name: str, role: str, tenants: tuple[str, ...], regions: tuple[str, ...], agency: str
) -> None:
    """Give NAME a new role and grants in place of theirs, e.g. `ledger users change-grants
    jo.smith --role regional_lead --region west-midlands`; their next request uses them."""
    with platform() as p:
        user = change_grants(p, name, role, tenants, regions, agency)
    grants = ", ".join(user.tenants + user.regions) or "no partnership or region"
    click.echo(f"user {user.name} is now {user.role} for {grants}")


@users.command("rename")
@arguments("name", "display_name")
def users_rename(name: str, display_name: str) -> None:
    """Give a user the display name histories show, e.g. `ledger users rename jo.smith "Jo Smith"`."""
    with platform() as p:
        user = p.access.rename_user(name, display_name)
    click.echo(f"user {user.name} is now shown as {user.shown_as}")


@users.command("set-email")
@arguments("name", "email")
@on_platform("user {name}'s email address is set; reminders go there from the next run")
def users_set_email(p: Platform, name: str, email: str) -> None:
    """Set or change where NAME's reminders go, e.g. `ledger users set-email jo.smith jo@council.gov.uk`."""
    p.access.change_email(name, email)


@users.command("list")
def users_list() -> None:
    """List users with role, grants and status."""
    with platform() as p:
        for u in p.access.users():
            grants = ",".join(u.tenants + u.regions) or "-"
            grants += f" (agency {u.agency})" if u.agency else ""
            status = "active" if u.active else "deactivated"
            click.echo(f"{u.name}\t{u.shown_as}\t{u.role}\t{grants}\t{status}")


@users.command("deactivate")
@click.argument("name")
@REASON
@on_platform("user {name} deactivated; their tokens no longer work")
def users_deactivate(p: Platform, name: str, reason: str) -> None:
    """Deactivate a user and revoke every token they hold."""
    p.access.deactivate_user(name, reason)


@click.group()
def tokens() -> None:
    """Issue, list and revoke API tokens."""


@tokens.command("issue")
@click.argument("name")
@click.option("--days", default=90, show_default=True, help="days until the token expires")
def tokens_issue(name: str, days: int) -> None:
    """Issue a token for NAME and print it once: it is stored only as a hash."""
    with platform() as p:
        issued = p.access.issue_token(name, days)
    click.echo(issued.secret)
    click.echo(
        f"token id {issued.token_id}, expires {issued.expires_at:%Y-%m-%d}; "
        "this is the only time the token is shown",
        err=True,
    )


@tokens.command("list")
@click.argument("name")
def tokens_list(name: str) -> None:
    """List NAME's tokens: id, expiry, revoked."""
    with platform() as p:
        for t in p.access.tokens(name):
            click.echo(f"{t.id}\t{t.expires_at:%Y-%m-%d}\t{'revoked' if t.revoked else 'usable'}")


@tokens.command("revoke")
@click.argument("name")
@click.argument("token_id", type=click.UUID)
@on_platform("token {token_id} revoked")
def tokens_revoke(p: Platform, name: str, token_id: UUID) -> None:
    """Revoke one of NAME's tokens at once."""
    p.access.revoke_token(name, token_id)


users.add_command(set_password_command)  # sign-in for the pages: api/cli/passwords.py
users.add_command(invite_command)
users.add_command(enable_2fa_command)
users.add_command(reset_2fa_command)
