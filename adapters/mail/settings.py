"""How the platform sends email, from the environment (same ``LEDGER_`` prefix as the rest).

| variable | meaning | default |
|---|---|---|
| ``LEDGER_SMTP_URL`` | ``smtp://[user:password@]host[:port]`` (plain, port 25), ``smtp+starttls://...`` (STARTTLS required, port 587) or ``smtps://...`` (TLS from the start, port 465); percent-encode a user or password holding ``@ : /`` | unset: reminders cannot be sent |
| ``LEDGER_MAIL_FROM`` | the From address of every email | ``Partnership Ledger <noreply@localhost>`` |
| ``LEDGER_BASE_URL`` | the address people open the pages at; links in emails start with it | ``http://127.0.0.1:8000`` |
| ``LEDGER_REMINDERS_HOUR`` | the hour (0-23, UK time) ``ledger serve`` sends the day's reminders; unset: ``serve`` does not send them (use the systemd timer) | unset |

Kept apart from ``adapters/settings.py`` because only the reminder run and ``serve`` need them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from domain.errors import InvalidValueError

SECURITY = {"smtp": ("plain", 25), "smtp+starttls": ("starttls", 587), "smtps": ("tls", 465)}


@dataclass(frozen=True)
class SmtpAddress:
    host: str
    port: int
    security: str  # plain | starttls | tls
    user: str = ""
    password: str = ""

    @classmethod
    def parse(cls, url: str) -> SmtpAddress:
        parts = urlsplit(url.strip())
        if parts.scheme not in SECURITY:
            raise InvalidValueError(
                f"LEDGER_SMTP_URL must start with smtp://, smtp+starttls:// or smtps:// "
                f"(got {parts.scheme or 'none'!r})."
            )
        security, default_port = SECURITY[parts.scheme]
        try:
            port = parts.port or default_port
        except ValueError:
            raise InvalidValueError("LEDGER_SMTP_URL has a port that is not a number.") from None
        if not parts.hostname:
            raise InvalidValueError("LEDGER_SMTP_URL names no host, e.g. smtp://mail.example:25.")
        return cls(
            host=parts.hostname,
            port=port,
            security=security,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
        )

    def __str__(self) -> str:
        """Where it sends, for messages and logs: never the password."""
        return f"{self.host}:{self.port} ({self.security})"


@dataclass(frozen=True)
class MailSettings:
    smtp: SmtpAddress | None
    sender: str
    base_url: str
    reminders_hour: int | None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> MailSettings:
        env = os.environ if environ is None else environ
        url = env.get("LEDGER_SMTP_URL", "").strip()
        base = env.get("LEDGER_BASE_URL", "").strip() or "http://127.0.0.1:8000"
        if not base.startswith(("http://", "https://")):
            raise InvalidValueError(
                f"LEDGER_BASE_URL must start with https:// (got {base!r}); it begins every link."
            )
        return cls(
            smtp=SmtpAddress.parse(url) if url else None,
            sender=env.get("LEDGER_MAIL_FROM", "").strip()
            or "Partnership Ledger <noreply@localhost>",
            base_url=base.rstrip("/"),
            reminders_hour=_hour(env.get("LEDGER_REMINDERS_HOUR", "").strip()),
        )

    def require_smtp(self) -> SmtpAddress:
        if self.smtp is None:
            raise InvalidValueError(
                "LEDGER_SMTP_URL is not set: give the mail server, e.g. "
                "smtp+starttls://user:password@mail.example.gov.uk:587 (or use --dry-run)."
            )
        return self.smtp


def _hour(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 0 <= int(raw) <= 23:
        raise InvalidValueError(
            f"LEDGER_REMINDERS_HOUR must be an hour from 0 to 23 (got {raw!r}); fix or unset it."
        )
    return int(raw)
