"""One reminder run: work out every email, then send each and record it once accepted.

Order matters for "never twice, never lost": what each user already had this day (or week)
is read from ``ReminderLog`` before anything is composed; a user's email leaves only with
items not yet recorded; it is recorded right after the mail server accepts it. A server that
cannot be reached fails the run before anything is recorded; one lost midway stops the run
with what went before recorded, so the next run sends only the rest. An address the server
refuses is not recorded as sent (the next run tries again) but as refused (``delivery.py``),
where someone can correct it; the rest of the run still goes, and an accepted email clears it.
IMR authors known only as contacts are planned after the users (``authors.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from adapters.mail import Mailer, MailSettings
from adapters.mail.settings import SmtpAddress
from adapters.mail.smtp import MailRefused
from adapters.run_lock import one_at_a_time
from tenants.platform import Platform
from tenants.reminders.asking import what_to_do
from tenants.reminders.audience import DIGEST_KINDS, audience_of, for_user
from tenants.reminders.authors import plan_authors
from tenants.reminders.delivery import record_delivered, record_refused
from tenants.reminders.emails import DAILY_DIGEST, FUNDING_NOTICE, weekly_summary
from tenants.reminders.gather import DueItems
from tenants.reminders.log import record_sent, sent_keys
from tenants.reminders.outgoing import Outgoing
from tenants.users.model import UserInfo

WEEKLY_KEY = "weekly-summary"


@dataclass
class RunReport:
    day: date
    dry_run: bool
    sent: int = 0
    refused: int = 0
    without_email: int = 0
    unreadable: int = 0  # cases and actions left out: one of their events cannot be read
    planned: list[Outgoing] = field(default_factory=list)


def periods(day: date) -> tuple[str, str]:
    """The daily period (the UK date) and the weekly one (its ISO week)."""
    week = day.isocalendar()
    return day.isoformat(), f"{week.year}-W{week.week:02d}"


def plan_reminders(platform: Platform, mail: MailSettings, today: date) -> RunReport:
    """Every email still to send for ``today``, per user, leaving out what was recorded."""
    report = RunReport(today, dry_run=False)
    due = DueItems(platform, today)
    access, (daily, weekly) = platform.access, periods(today)
    names = {t.slug: t.name for t in platform.registry.tenants()}
    names |= {r.slug: r.name for r in platform.registry.regions()}  # a region ledger's items
    for user in sorted(access.users(), key=lambda u: u.name):
        check = (
            f" Check {user.name}'s email address (ledger users set-email, or the user's page "
            "in the admin pages)."
        )
        row = audience_of(user)
        if row is None:
            continue
        if not user.email:
            report.without_email += 1
            continue
        in_scope = due.for_scope(user)
        items = for_user(user, in_scope, row.daily)
        done = sent_keys(access, user.id, daily) if items else frozenset()
        new = [i for i in items if i.key not in done]
        if new:
            todo = what_to_do(new, names, agency=row.page is not None)
            mail_ = DAILY_DIGEST.mail(
                mail.sender, user.email, new, names, mail.base_url, today, outro=todo
            )
            what = f"daily digest, {len(new)} item{'s' * (len(new) != 1)}"
            keys = tuple(i.key for i in new)
            report.planned.append(Outgoing(user.id, user.name, daily, keys, mail_, what, check))
        notices = for_user(user, in_scope, row.notices)
        told = sent_keys(access, user.id, weekly) if notices else frozenset()
        if fresh := [i for i in notices if i.key not in told]:
            mail_ = FUNDING_NOTICE.mail(mail.sender, user.email, fresh, names, mail.base_url, today)
            what = f"weekly notice, {len(fresh)} item{'s' * (len(fresh) != 1)}"
            keys = tuple(i.key for i in fresh)
            report.planned.append(Outgoing(user.id, user.name, weekly, keys, mail_, what, check))
        if row.weekly and WEEKLY_KEY not in sent_keys(access, user.id, weekly):
            tenants = due.scope(user)
            links = {t: mail.base_url + _summary_path(user, due, t) for t in tenants}
            summary = for_user(user, in_scope, DIGEST_KINDS)
            mail_ = weekly_summary(mail.sender, user.email, summary, tenants, names, links, today)
            what = f"weekly summary of {len(tenants)} partnership{'s' * (len(tenants) != 1)}"
            keys = (WEEKLY_KEY,)
            report.planned.append(Outgoing(user.id, user.name, weekly, keys, mail_, what, check))
    report.planned += plan_authors(access, due.authors(), mail.sender, names, daily, today)
    report.unreadable = due.unreadable
    return report


def _summary_path(user: UserInfo, due: DueItems, tenant: str) -> str:
    """Where a lead reads more: the partnership's action plan, or their region's dashboard."""
    if tenant in user.tenants:
        return f"/partnerships/{tenant}/action-plan"
    return f"/regions/{due.active[tenant].region}/dashboard"


def send_reminders(
    platform: Platform,
    mail: MailSettings,
    today: date,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> RunReport:
    smtp = None if dry_run else mail.require_smtp()
    if smtp is None:
        return _report(plan_reminders(platform, mail, today), True, progress)
    with one_at_a_time(platform.settings, "reminders"):  # two runs at once could both send
        report = _report(plan_reminders(platform, mail, today), False, progress)
        if report.planned:
            _send(platform, smtp, report, progress)
    return report


def _report(report: RunReport, dry_run: bool, progress: Callable[[str], None]) -> RunReport:
    report.dry_run = dry_run
    if report.unreadable:
        progress(
            f"{report.unreadable} record(s) could not be read and were left out of the reminders;"
            " the log names each by id: verify those partnerships' integrity"
        )
    if report.without_email:
        progress(f"{report.without_email} user(s) who get reminders have no email address")
    if not report.planned:
        progress(f"nothing to send for {report.day.isoformat()}")
    for out in report.planned if dry_run else ():
        progress(f"would send to {out.who}: {out.what}")
    return report


def _send(
    platform: Platform, smtp: SmtpAddress, report: RunReport, progress: Callable[[str], None]
) -> None:
    with Mailer(smtp) as mailer:
        for number, out in enumerate(report.planned, 1):
            of = f"[{number}/{len(report.planned)}]"
            try:
                mailer.send(out.message)
            except MailRefused as refused:
                report.refused += 1
                if refused.recipient:  # the address to correct: kept where people look
                    record_refused(platform.access, out.recipient, report.day)
                progress(
                    f"{of} not sent to {out.who}: {refused}"
                    f"{out.check if refused.recipient else ''} The others still go; "
                    "this one is not recorded, so the next run tries again."
                )
                continue
            record_sent(platform.access, out.recipient, out.period, out.keys)
            record_delivered(platform.access, out.recipient, report.day)
            report.sent += 1
            progress(f"{of} sent to {out.who}: {out.what}")
