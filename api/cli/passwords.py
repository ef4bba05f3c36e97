"""``ledger users invite``, ``set-password`` and ``enable-2fa``: sign-in for the pages."""

from __future__ import annotations

import sys

import click

from adapters.mail import MailSettings
from api.cli.common import platform
from tenants.users.invitation_email import send_invitation
from tenants.users.signin import enable_two_factor, provisioning_uri, reset_two_factor, set_password


@click.command("set-password")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="read the password from standard input (for scripts)"
)
def set_password_command(name: str, password_stdin: bool) -> None:
    """Set a temporary password for NAME (they choose their own at their next sign-in); asks for
    it twice unless --password-stdin."""
    with platform() as p:
        p.access.user(name)  # a mistyped name is said before the password is typed twice
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
        set_password(p.access, name, password, temporary=True)
    click.echo(
        f"password set for {name}; they sign in with it at the service's front page and are "
        "asked to choose their own straight away"
    )


@click.command("enable-2fa")
@click.argument("name")
def enable_2fa_command(name: str) -> None:
    """Give NAME a new two-factor secret and print it once, with a link for authenticator apps."""
    with platform() as p:
        secret = enable_two_factor(p.access, name)
    click.echo(secret)
    click.echo(f"add to an authenticator app: {provisioning_uri(name, secret)}", err=True)
    click.echo(
        "this is the only time the secret is shown; any earlier one no longer works", err=True
    )


@click.command("reset-2fa")
@click.argument("name")
def reset_2fa_command(name: str) -> None:
    """Remove NAME's two-factor secret (lost phone); give a new one with enable-2fa."""
    with platform() as p:
        reset_two_factor(p.access, name)
    click.echo(f"two-factor secret removed for {name}; run `ledger users enable-2fa {name}` next")


@click.command("invite")
@click.argument("name")
def invite_command(name: str) -> None:
    """Email NAME an invitation: a link, working once for 7 days, to choose their own password
    (through LEDGER_SMTP_URL; the link starts with LEDGER_BASE_URL)."""
    mail = MailSettings.from_environ()
    with platform() as p:
        user = p.access.user(name)
        names = [p.registry.tenant(t).name for t in user.tenants]
        names += [p.registry.region(r).name for r in user.regions]
        send_invitation(
            p.access, name, where=", ".join(names) or "the platform", inviter="", mail=mail
        )
    click.echo(f"invitation sent to {name}'s email address; its link works once, for 7 days")
