"""``ledger reminders send``: the day's digests and the week's summaries, each sent once.

Run daily by ``deploy/systemd/ledger-reminders.timer`` or by ``ledger serve`` at
``LEDGER_REMINDERS_HOUR``; a second run the same day sends only what the first did not.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from adapters.mail import MailSettings, MailUnavailable
from adapters.run_lock import AlreadyRunning
from api.cli.common import DAY, platform
from domain.calendar import uk_today
from tenants.reminders import send_reminders


@click.group()
def reminders() -> None:
    """Email users what needs them (LEDGER_SMTP_URL, LEDGER_BASE_URL; see README)."""


@reminders.command("send")
@click.option(
    "--date",
    "day",
    type=DAY,
    default=None,
    help="the day to remind as of (YYYY-MM-DD); default today in the UK",
)
@click.option("--dry-run", is_flag=True, help="say what would be sent; send and record nothing")
def reminders_send(day: object, dry_run: bool) -> None:
    """Send each user their digest of items due in 14 days or late, and leads their weekly
    summary; what was sent is recorded, so running again sends nothing twice."""
    today: date = day.date() if day is not None else uk_today()  # type: ignore[attr-defined]
    settings = MailSettings.from_environ()
    with platform() as p:
        try:
            report = send_reminders(p, settings, today, dry_run=dry_run, progress=click.echo)
        except MailUnavailable as failed:
            click.echo(f"error: {failed}", err=True)
            sys.exit(3)
        except AlreadyRunning as busy:
            click.echo(f"error: {busy} This run sent nothing.", err=True)
            sys.exit(5)
    verb = "would send" if dry_run else "sent"
    count = len(report.planned) if dry_run else report.sent
    click.echo(f"{today.isoformat()}: {verb} {count} email(s)", err=True)
    if report.refused:
        click.echo(
            f"{report.refused} email(s) refused by the mail server (see above; "
            "`ledger reminders send --dry-run` lists whose are still to send)",
            err=True,
        )
        sys.exit(4)
