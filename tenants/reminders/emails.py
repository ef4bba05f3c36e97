"""The emails, in the GOV.UK Notify manner: short, plain words, a list of items with links.

Plain text first, with a simple HTML alternative carrying the same words. They name the
case reference, the agency (by the region's directory's name for it, and only then: typed
text may name a person), the date and the page, never a pseudonym, a description or
anything written about a person: email leaves the platform and is kept in mailboxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from html import escape
from itertools import groupby

from domain.reminders import ItemKind, ReminderItem
from domain.reminders.items import MILESTONES
from tenants.reminders.asking import asking, asking_briefly

FOOTER = (
    "You get this email because you have an account in the Partnership Ledger. "
    "If something in it is wrong, correct it in the ledger. If these emails should not "
    "come to you, ask your platform administrator."
)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[tuple[str, str], ...]  # (words, link)


def item_words(item: ReminderItem, today: date) -> str:
    late = item.days_late(today)
    when = (
        f"was due {long_date(item.due_on)}, {late:,} day{'s' * (late != 1)} late"
        if late > 0
        else "due today"
        if late == 0
        else f"due {long_date(item.due_on)}"
    )
    if item.kind in MILESTONES:
        return f"{item.what}: {when}"
    if item.kind is ItemKind.FUNDING_ENDING:
        return f"{item.what}: funded to {long_date(item.due_on)}"
    if item.kind is ItemKind.MORE_TIME_ASKED:
        return more_time_words(item, today)
    named = item.agency_name and item.kind not in _IMR  # typed, not in the directory: left out
    owner = f" ({item.agency_name})" if named else ""
    if item.kind is ItemKind.SIGN_OFF_DUE:  # waiting since completion, not late against a date
        when = f"completed {long_date(item.due_on)}, " + (
            f"{late:,} day{'s' * (late != 1)} ago" if late > 0 else "today"
        )
    if item.chased_on is not None:  # the author asked already: say when, so none is lost
        when += f", chased {long_date(item.chased_on)}"
    return f"Case {item.case_reference}, {item.what}{owner}: {when}"


_IMR = frozenset({ItemKind.IMR_LATE, ItemKind.IMR_DUE})


def more_time_words(item: ReminderItem, today: date) -> str:
    """An agency's request for more time: the date it proposed and how long it has waited
    (``due_on`` is the day it asked), since the agency works to its old date until answered."""
    waited = item.days_late(today)
    waiting = f"waiting {waited:,} day{'s' * (waited != 1)}" if waited > 0 else "asked today"
    to = f" to be due {long_date(item.asked_for)}" if item.asked_for else ""
    return (
        f"Case {item.case_reference}, {item.what}: more time asked on "
        f"{long_date(item.due_on)}{to}, {waiting} for the panel's answer"
    )


def digest_sections(
    items: Iterable[ReminderItem], names: Mapping[str, str], base_url: str, today: date
) -> list[Section]:
    """One section per partnership and kind, in the order the kinds are declared; an item
    without a page (an IMR author's, who has no account) has no link."""
    order = {k: n for n, k in enumerate(ItemKind)}
    ordered = sorted(items, key=lambda i: (names.get(i.tenant, i.tenant), order[i.kind], i.due_on))
    sections = []
    for (tenant, kind), group in groupby(ordered, key=lambda i: (i.tenant, i.kind)):
        lines = tuple((item_words(i, today), base_url + i.path if i.path else "") for i in group)
        sections.append(Section(f"{names.get(tenant, tenant)}: {kind.heading}", lines))
    return sections


def message(
    sender: str,
    to: str,
    subject: str,
    intro: str,
    sections: list[Section],
    outro: str = "",
    footer: str = FOOTER,
) -> EmailMessage:
    text = [intro, ""]
    for section in sections:
        text += [section.heading, ""]
        text += [f"* {words}\n  {link}" if link else f"* {words}" for words, link in section.lines]
        text.append("")
    if outro:
        text += [outro, ""]
    text += ["---", footer]
    html = [f"<p>{escape(intro)}</p>"]
    for section in sections:
        html.append(f"<h2>{escape(section.heading)}</h2><ul>")
        html += [
            f'<li><a href="{escape(link)}">{escape(words)}</a></li>'
            if link
            else f"<li>{escape(words)}</li>"
            for words, link in section.lines
        ]
        html.append("</ul>")
    if outro:
        html.append(f"<p>{escape(outro)}</p>")
    html.append(f"<hr><p>{escape(footer)}</p>")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Message-ID"] = make_msgid(domain="partnership-ledger")
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    mail.set_content("\n".join(text))
    mail.add_alternative(
        '<!DOCTYPE html><html lang="en"><body style="font-family: Arial, sans-serif">'
        + "".join(html)
        + "</body></html>",
        subtype="html",
    )
    return mail


def listed(items: list[ReminderItem]) -> str:
    """Why the items are in the email: a request for more time is not due, it waits for the
    reader's answer, and an email of requests alone said they were "due ... or late"."""
    waiting = any(i.kind is ItemKind.MORE_TIME_ASKED for i in items)
    due = any(i.kind is not ItemKind.MORE_TIME_ASKED for i in items)
    said = ["due in the next 14 days or late"] if due else []
    return " or ".join([*said, "waiting for your answer"] if waiting else said)


@dataclass(frozen=True)
class Digest:
    """What a list of items says around them: the subject (given how many, who asks and the
    day), the opening line (given who asks and the day) and the closing one."""

    subject: str  # str.format fields: {from}, {count}, {things}, {needs}, {day}
    intro: str  # {asking}, {listed}, {weekday}, {day}
    outro: str

    def mail(
        self,
        sender: str,
        to: str,
        items: list[ReminderItem],
        names: Mapping[str, str],
        base_url: str,
        today: date,
        outro: str | None = None,
        footer: str = FOOTER,
    ) -> EmailMessage:
        count, day = len(items), long_date(today)
        words = {
            "asking": asking(items, names),
            "listed": listed(items),
            "from": asking_briefly(items, names),
            "count": count,
            "things": f"{count} thing{'s' * (count != 1)}",
            "needs": f"need{'s' * (count == 1)}",
            "services": f"{count} commissioned service{'s' * (count != 1)}",
            "day": day,
            "weekday": f"{today:%A}",
        }
        return message(
            sender,
            to,
            self.subject.format(**words),
            self.intro.format(**words),
            digest_sections(items, names, base_url, today),
            self.outro if outro is None else outro,
            footer,
        )


DAILY_DIGEST = Digest(
    "{from}: {things} {needs} you ({day})",
    "The Partnership Ledger lists these for {asking} as {listed}, as of {weekday} {day}.",
    "Sign in to the Partnership Ledger to update them.",
)
# Six months' notice, once a week until it is extended or has ended.
FUNDING_NOTICE = Digest(
    "{from}: funding ends within six months for {services}",
    "As of {day}, funding for these ends within six months: time for the board to decide "
    "whether to extend it or re-tender.",
    "Record an extension or a new agreement on the service's page; until then this notice "
    "comes once a week.",
)


def weekly_summary(
    sender: str,
    to: str,
    items: list[ReminderItem],
    tenants: list[str],
    names: Mapping[str, str],
    links: Mapping[str, str],
    today: date,
) -> EmailMessage:
    """Counts per partnership and kind, each partnership with a link to its pages."""
    sections = []
    for tenant in tenants:
        mine = [i for i in items if i.tenant == tenant]
        counts = tuple(
            (f"{kind.heading}: {sum(1 for i in mine if i.kind is kind)}", "")
            for kind in ItemKind
            if any(i.kind is kind for i in mine)
        )
        see = ("See them in the ledger", links[tenant])
        sections.append(
            Section(
                names.get(tenant, tenant),
                (*counts, see) if counts else (("Nothing due or late", ""),),
            )
        )
    monday = today - timedelta(days=today.weekday())
    return message(
        sender,
        to,
        f"Partnership Ledger: weekly summary, week beginning {long_date(monday)}",
        f"What is due in the next 14 days or late in your partnerships, as of {long_date(today)}.",
        sections,
        "Sign in to the Partnership Ledger to see each partnership's items: what is due, since "
        "when and which agency owns it.",
    )
