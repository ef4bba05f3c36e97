"""An auditor's verification of a partnership, kept for the page that shows it.

Verifying is asked for with a POST (it reads every event the partnership has recorded: not
something a reload or a link should start again), and its result is shown by a GET of the same
address (Post/Redirect/Get), so Refresh shows the result again and Back never offers to send
the form. What the page says is kept as a step's answers are (``ledger.drafts``: sealed with
the partnership's data key in its own store, read only by the auditor who verified, gone after
a day), the session holding only a random token: the findings name cases and events, which
the cookie (only signed, sent with every request) must not carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import session

from api.context import current_user, tenant_ledger

KEPT = "verified"  # the session's tokens of kept results, by partnership
MOST_KEPT = 8  # partnerships a session keeps a result for at most: the cookie stays small


@dataclass(frozen=True)
class Verified:
    """What the page says of one verification: its counts, the error summary's lines, every
    finding in words, where the change lies and whether the anchor was checked."""

    intact: bool
    events_checked: int
    seals_checked: int
    unsealed_events: int
    errors: tuple[str, ...] = ()
    found: tuple[str, ...] = ()
    where: str = ""
    anchor: str = ""

    def said(self) -> list[tuple[str, str]]:
        counts = (self.events_checked, self.seals_checked, self.unsealed_events)
        return [
            ("intact", "yes" if self.intact else ""),
            *(("count", str(n)) for n in counts),
            *(("error", e) for e in self.errors),
            *(("found", f) for f in self.found),
            ("where", self.where),
            ("anchor", self.anchor),
        ]

    @classmethod
    def of(cls, said: list[tuple[str, str]]) -> Verified:
        every = {k: [v for key, v in said if key == k] for k, _ in said}
        events, seals, unsealed = (int(n) for n in every["count"])
        return cls(
            bool(every["intact"][0]),
            events,
            seals,
            unsealed,
            tuple(every.get("error", ())),
            tuple(every.get("found", ())),
            every["where"][0],
            every["anchor"][0],
        )


def keep(tenant: str, verified: Verified) -> None:
    """Keep ``verified`` for this session's page of ``tenant``, in place of an earlier one.
    Read-only as verifying is (the ledger leased for reading), so a suspended or offboarded
    partnership is verified too: a draft is no record of the partnership."""
    tokens = dict(session.get(KEPT) or {})
    with tenant_ledger(tenant, writing=False) as ledger:
        before = tokens.pop(tenant, None)
        if isinstance(before, str):
            ledger.drafts.drop(before)
        tokens[tenant] = ledger.drafts.keep(str(current_user().id), verified.said())
    while len(tokens) > MOST_KEPT:  # the oldest goes (a draft is deleted after a day anyway)
        tokens.pop(next(iter(tokens)))
    session[KEPT] = tokens


def kept(tenant: str) -> Verified | None:
    """The result this session kept for ``tenant``; None if none (or too old, or another's)."""
    token = (session.get(KEPT) or {}).get(tenant)
    if not isinstance(token, str):
        return None
    with tenant_ledger(tenant, writing=False) as ledger:
        said = ledger.drafts.read(token, str(current_user().id))
    return None if said is None else Verified.of(said)
