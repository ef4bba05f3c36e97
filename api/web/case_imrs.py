"""The IMR clock on a case's page: each agency's IMR, when it is due and how late it is.

Days late count to the latest receipt, or to today while the IMR is awaited (or returned for
more work), from the extended due date where more time was agreed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from markupsafe import Markup


def _state(imr: Any, late: int | None) -> tuple[str, str]:
    if imr.accepted:
        return "Accepted", "green"
    if imr.returned:
        return "Returned for more work", "orange"
    if imr.awaiting_assessment:
        return "Received", "blue"
    if late:
        return "Late", "red"
    return "Awaited", "grey"


def late(review: Any, today: date) -> int:
    """How many of the case's IMRs an agency has not sent by the (extended) date asked: still
    awaited, or returned for more work, past their due date (``Imr.days_late``)."""
    return sum(1 for imr, days in review.imr_clock(today) if imr.outstanding and days)


def asking_for_more_time(review: Any) -> int:
    """How many of the case's agencies wait for the panel's answer to a request for more time."""
    return sum(1 for imr in review.imrs if imr.open_extension_request is not None)


def receipts(
    review: Any, name: Callable[[str], str], link: Callable[[str], str]
) -> list[tuple[str, str]]:
    """A link per IMR awaited, to record that its agency sent it (``link``: the step's page
    with the agency chosen), so the page names who sent what."""
    return [
        (f"Record that {name(imr.agency)} sent its IMR", link(imr.agency))
        for imr in review.imrs
        if imr.outstanding
    ]


def table_date(value: date) -> Markup:
    """A date in the IMR table: "18 Sep 2012" (the month shortened where space is short, as
    GOV.UK's style allows), on one line, not "18 / September / 2012" down a narrow column."""
    return Markup(f'<span class="app-nowrap">{value.day} {value:%b %Y}</span>')


def _below(words: str) -> Markup:
    """Secondary words under a cell's value, in the smaller grey of a hint."""
    return Markup(
        f'<span class="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-0">{words}</span>'
    )


def _due(imr: Any) -> Markup:
    """The (extended) due date, with the date it was extended from under it; markup, so a
    page's ``{{ due }}`` shows it as it is."""
    due = imr.current_due_on
    asked = imr.open_extension_request
    more = _below(f"More time asked, to {table_date(asked.due_on)}") if asked else Markup("")
    if due is None:
        return Markup("No due date") + more
    if imr.extensions:
        was = f" from {table_date(imr.due_on)}" if imr.due_on else ""
        return table_date(due) + _below(f"Extended{was}") + more
    return table_date(due) + more


def asked_for_more_time(
    review: Any, name: Callable[[str], str], link: Callable[[str, str], str] | None
) -> list[dict[str, Any]]:
    """Each agency's request for more time the panel has not answered, with the links that
    agree (the extension step, its date and reason filled in) or refuse it; ``link``: a
    step's page with the agency chosen, None for a reader who may not answer."""
    return [
        {
            "agency": name(imr.agency),
            "asked": imr.open_extension_request,
            "due_on": imr.current_due_on,
            "agree": link("imr-extension", imr.agency) if link else None,
            "refuse": link("imr-extension-refusal", imr.agency) if link else None,
        }
        for imr in review.imrs
        if imr.open_extension_request is not None
    ]


def _chased(chased: Any) -> Markup:
    if not chased:
        return Markup("No")
    return Markup(f"{len(chased)}") + _below(f"Last {table_date(chased[-1])}")


def rows(review: Any, today: date, name: Callable[[str], str] = str) -> list[list[dict[str, Any]]]:
    """One table row per IMR: agency (``name``: a directory key shown by its name), due,
    received, days late, chased, state."""
    table: list[list[dict[str, Any]]] = []
    for imr, late in review.imr_clock(today):
        text, colour = _state(imr, late)
        chased = imr.chased_on
        table.append(
            [
                {"text": name(imr.agency)},
                {"html": _due(imr)},
                {"html": table_date(imr.received_on) if imr.received_on else "Not yet"},
                {"text": "" if late is None else f"{late:,}", "format": "numeric"},
                {"html": _chased(chased)},
                {"html": f'<strong class="govuk-tag govuk-tag--{colour}">{text}</strong>'},
            ]
        )
    return table


HEAD = [
    {"text": "Agency"},
    {"text": "Due"},
    {"text": "Received"},
    {"text": "Days late", "format": "numeric"},
    {"text": "Chased"},
    {"text": "State"},
]
