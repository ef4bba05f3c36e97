"""A step's form records once, however often it is sent.

Every step form carries a one-time submission key (``StepForm.submission``), made when the
page renders the form afresh. The browser's Back button brings the same form back, key and
all; sent again, it records nothing and the page says that it was already saved, linking to
what was saved. A form rendered again (another tab, "Plan an action" once more) has a new key
and records normally: it is another intention.

The key is kept as the API keeps an Idempotency-Key (``api.idempotency.create_once``): a record
in the partnership's own store, saved in the same transaction as the step's change, so every
process serving pages sees it and it lasts as long as the API's do. It is scoped to the person,
and bound to the step and its record (not to the answers, which Back lets a person edit).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from flask import request

from api.context import current_user
from api.idempotency import create_once, fingerprint
from tenants.application import LedgerApplication


@dataclass(frozen=True)
class Made:
    """What a step that creates something makes, as a form sent twice names it: its noun
    ("action": "This action was already saved"), the type of record it starts (whose id
    ``link`` is given; None when it adds to a record that exists, given "") and its place:
    ``link(tenant, the step's record id, the made record's id)``."""

    noun: str
    link: Callable[[str, UUID, str], str]
    kind: str | None = None


@dataclass(frozen=True)
class Already:
    """The form's key was used: what its first sending made ("" when it started nothing)."""

    made: str


@dataclass(frozen=True)
class Saved:
    """The form's first sending, recorded: the id of the record it started, as its step's
    ``Made.link`` takes it ("" when it started none), so the confirmation can link to it."""

    made: str


def new_key() -> str:
    return secrets.token_urlsafe(16)


KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def kept_key() -> str | None:
    """The key the form's own address keeps (``?submission=``), if any: the page's script puts
    the key it was given in its address, so the browser's Back, which asks a page kept by no
    cache for that address again, brings the form back with the key it was sent with."""
    typed = request.args.get("submission", "")
    return typed if KEY.fullmatch(typed) else None


def once(
    ledger: LedgerApplication,
    key: str | None,
    step: tuple[str, str, UUID],
    kind: str | None,
    run: Callable[[], Any],
) -> Already | None:
    """Run ``run`` unless the form's ``key`` was used already for this ``step`` (subject,
    slug, record id) by this person; a form without a key (sent by no page of ours) runs."""
    user = str(current_user().id)
    made, again = create_once(
        ledger, f"pages:{user}", key, fingerprint(user, [*step[:2], str(step[2])]), kind, run
    )
    return Already(str(made)) if again else None
