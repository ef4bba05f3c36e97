"""The answers a case's agencies had to their requests for more time, on the case's page.

The waiting requests sit above with their Agree and Refuse buttons (``case_imrs``); once
answered, a request stays on the page so the officer who picks the case up sees what the
agency was told, by whom and when, without reading the whole history: a refusal with the
reason the agency read, an agreement as asked or to another date (both dates), or the IMR
arriving before anyone answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from markupsafe import Markup

from api.names import actor_name
from api.web.case_imrs import table_date
from api.web.formatting import long_date

HEAD = [{"text": "Agency"}, {"text": "Asked on"}, {"text": "Asked to be due"}, {"text": "Answer"}]


def answered(
    review: Any, events: Iterable[Any], name: Callable[[str], str]
) -> list[list[dict[str, Any]]]:
    """One table row per request answered, the latest first; ``events``: the case's history
    (``ledger.history.of_case``), which says who answered."""
    recorded = list(events)
    found: list[tuple[date, list[dict[str, Any]]]] = []
    for imr in review.imrs:
        for request in imr.extension_requests:
            if request.open:
                continue
            found.append(
                (
                    request.asked_on,
                    [
                        {"text": name(imr.agency)},
                        {"html": table_date(request.asked_on)},
                        {"html": table_date(request.due_on)},
                        {"html": _answer(imr.agency, request, recorded)},
                    ],
                )
            )
    return [row for _, row in sorted(found, key=lambda f: f[0], reverse=True)]


def _answer(agency: str, request: Any, events: list[Any]) -> Markup:
    if request.refused_on is not None:
        by = _who(events, "ImrExtensionRefused", agency, refused_on=request.refused_on)
        return _tag("Refused", "red") + Markup(" on {} by {}: {}").format(
            long_date(request.refused_on), by, request.refusal
        )
    if request.agreed_on is not None:
        by = _who(
            events,
            "ImrExtended",
            agency,
            extended_on=request.agreed_on,
            due_on=request.agreed_due_on,
        )
        if request.agreed_as_asked:
            return _tag("Agreed", "green") + Markup(" as asked on {} by {}: due {}").format(
                long_date(request.agreed_on), by, long_date(request.agreed_due_on)
            )
        return _tag("Agreed", "yellow") + Markup(
            " to a different date on {} by {}: due {}, not {} as asked"
        ).format(
            long_date(request.agreed_on),
            by,
            long_date(request.agreed_due_on),
            long_date(request.due_on),
        )
    return _tag("Not needed", "grey") + Markup(
        " The IMR arrived on {} before the panel answered."
    ).format(long_date(request.overtaken_on))


def _who(events: list[Any], kind: str, agency: str, **fields: Any) -> str:
    """Who recorded the answer: the latest event of ``kind`` for the agency with ``fields``."""
    for event in reversed(events):
        if type(event).__name__ == kind and getattr(event, "agency", None) == agency:
            if all(getattr(event, k, None) == v for k, v in fields.items()):
                return actor_name(getattr(event, "recorded_by", None))
    return "someone not recorded"


def _tag(words: str, colour: str) -> Markup:
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, words)
