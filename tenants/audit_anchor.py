"""The anchor as the service uses it (``domain/audit/anchor.py`` says what a line holds): the
line a seal run adds, reading the file, and the one line every verify says about it.

The CLI, the auditor's page and the JSON API say whether the seal store was checked against
an anchor in the same words, from here, so an auditor reads one answer wherever they ask.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from domain.audit import Seal
from domain.audit.anchor import Anchor, AnchoredSeals, read_anchor
from domain.errors import InvalidValueError
from tenants.audit import verify_against
from tenants.platform import Platform
from tenants.platform_stores import platform_store, seal_store

log = logging.getLogger(__name__)

ANCHOR_ENV = "LEDGER_AUDIT_ANCHOR"
NOT_ANCHORED = (
    "The seal store itself was not checked against an anchor: seals deleted from the database "
    "with the events they vouched for would go unnoticed. Keep one off the database host with "
    f"`ledger audit seal --anchor FILE` (or {ANCHOR_ENV}) and verify with `--anchor FILE`."
)
SERVICE_ANCHOR = "kept outside the service"  # its name on a page: the path is the host's business
NOT_ANCHORED_HERE = (  # the same, said to an auditor on a page or through the API
    "The seal store itself was not checked against an anchor kept outside the service, so seals "
    "deleted from the database together with the events they vouched for would not be noticed "
    "here. Ask the service's operator to keep an audit anchor and give this service read access "
    f"to it ({ANCHOR_ENV})."
)


def anchor_now(p: Platform, names: Iterable[str]) -> Anchor:
    """Each of ``names``' seals as the seal store holds them now, and that store's own chain
    at its head, read after them: every seal read is then covered by the head."""
    seals = {name: AnchoredSeals.of(s) for name in names if (s := p.audit.seals(name))}
    now = datetime.now(tz=UTC)
    with platform_store(p, seal_store(p)) as store:
        head = verify_against(store, ())
    return Anchor(now, Seal(head.head_position, head.head_link, head.events_checked, now), seals)


def anchor_lines(path: Path) -> list[Anchor]:
    """The anchor's lines, oldest first: OSError if the file cannot be read, InvalidValueError
    naming the line that is not an anchor's."""
    return read_anchor(path.read_text(encoding="utf-8").splitlines())


UNREADABLE_HERE = (  # an anchor the operator named, but that cannot be read as one
    "The anchor kept outside the service could not be read (a line in it is damaged, or the "
    "service may not read the file), so the seal store itself was not checked against it. Tell "
    "the service's operator and keep this answer: an anchor changed by hand can be a sign that "
    "history was altered."
)


@dataclass(frozen=True)
class ServiceAnchor:
    """The anchor ``LEDGER_AUDIT_ANCHOR`` names, as a verify the service runs (the auditor's
    page, the API) uses it: its lines, or None, and the one line said about it. A named anchor
    no seal run has written yet is "not anchored"; one that exists and cannot be read is said
    to be so, since a damaged anchor is itself worth an auditor's question."""

    lines: tuple[Anchor, ...] | None
    words: str


def service_anchor(p: Platform) -> ServiceAnchor:
    path = p.settings.audit_anchor
    if path is None:
        return ServiceAnchor(None, NOT_ANCHORED_HERE)
    try:
        lines = tuple(anchor_lines(path))
    except FileNotFoundError:
        return ServiceAnchor(None, NOT_ANCHORED_HERE)
    except (OSError, UnicodeDecodeError, InvalidValueError) as e:
        log.warning("audit anchor %s not used for this verify: %s", path, e)
        return ServiceAnchor(None, UNREADABLE_HERE)
    return ServiceAnchor(lines, anchor_words(lines, SERVICE_ANCHOR))


def anchor_words(anchors: Sequence[Anchor] | None, name: str) -> str:
    """One line: whether the seal store was checked against the anchor called ``name``
    (``None``: no anchor was given), and how many lines it held."""
    if anchors is None:
        return NOT_ANCHORED_HERE if name == SERVICE_ANCHOR else NOT_ANCHORED
    if not anchors:
        return f"The anchor {name} holds no line yet: nothing was checked against it."
    return (
        f"Checked against the anchor {name}: {len(anchors)} "
        f"line{'s' if anchors[1:] else ''}, the newest of {anchors[-1].when}."
    )
