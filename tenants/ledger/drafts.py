"""Answers waiting to be checked (``ledger.drafts``): a step's answers, kept between its
question page and its check-answers page so that each page is one the browser asks for again
with a GET (its Back and Refresh never offer to send a form again).

They are typed reasons about a person who was killed, so they never wait in the session
cookie (which is only signed, and travels with every request): they are sealed with the
tenant's current data key and kept in the tenant's own store (``adapters/draft_answers.py``)
under a random token, which is all the session holds. The token is bound into the seal, so
a row cannot be read under another's token; a draft is taken away once recorded.
"""

from __future__ import annotations

import json
import secrets

from adapters.crypto.sealed import key_number, open_sealed, seal
from adapters.draft_answers import DraftAnswers
from tenants.application import LedgerApplication
from tenants.ledger.vault import Vault

Answers = list[tuple[str, str]]  # as a form sent them: a date's three boxes each, in order


class Drafts:
    def __init__(self, app: LedgerApplication, vault: Vault) -> None:
        self.app, self.vault = app, vault
        self._store: DraftAnswers | None = None

    def store(self) -> DraftAnswers:
        if self._store is None:
            self._store = DraftAnswers(self.app.recorder.datastore)  # type: ignore[attr-defined]
        return self._store

    def keep(self, person: str, answers: Answers) -> str:
        """Keep ``person``'s answers; the token that finds them again."""
        token = secrets.token_urlsafe(24)
        keys = self.vault.keys()
        number, aead = keys.keyring.current(keys.area)
        plain = json.dumps(answers, separators=(",", ":")).encode()
        self.store().keep(token, person, seal(aead, number, plain, token.encode()))
        return token

    def read(self, token: str, person: str) -> Answers | None:
        """The answers ``person`` kept under ``token``; None if there are none (recorded
        already, too old, or someone else's)."""
        sealed = self.store().get(token, person)
        if sealed is None:
            return None
        keys = self.vault.keys()
        aead = keys.keyring.key(keys.area, key_number(sealed))
        return [(str(k), str(v)) for k, v in json.loads(open_sealed(aead, sealed, token.encode()))]

    def drop(self, token: str) -> None:
        self.store().drop(token)
