"""One SMTP session for a run of emails, with errors that say what to fix.

A message counts as sent when the server accepted it (``send_message`` returned without
refusing the recipient): that is the moment the reminder run records it, so a crash before
then resends it and a crash after never does. Nothing here logs an address or a body.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from types import TracebackType

from adapters.mail.settings import SmtpAddress

TIMEOUT = 30.0  # seconds for connecting and for each reply


class MailUnavailable(Exception):
    """The mail server could not be reached or would not take mail: nothing more can be sent."""


class MailRefused(Exception):
    """The server refused this one message (e.g. the recipient); the others may still go."""


class Mailer:
    def __init__(self, address: SmtpAddress, timeout: float = TIMEOUT) -> None:
        self.address = address
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        a = self.address
        try:
            if a.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    a.host, a.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(a.host, a.port, timeout=self.timeout)
            smtp.ehlo()
            if a.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
        except (OSError, smtplib.SMTPException) as failed:
            raise MailUnavailable(
                f"Could not reach the mail server at {a}: {type(failed).__name__}. "
                "Check LEDGER_SMTP_URL and that the server is up; nothing was sent."
            ) from None
        if a.user:
            try:
                smtp.login(a.user, a.password)
            except (OSError, smtplib.SMTPException) as failed:
                smtp.close()
                raise MailUnavailable(
                    f"The mail server at {a} refused the user and password in LEDGER_SMTP_URL "
                    f"({type(failed).__name__}); nothing was sent."
                ) from None
        self._smtp = smtp
        return self

    def send(self, message: EmailMessage) -> None:
        """Returns once the server accepted the message for its recipient."""
        if self._smtp is None:
            raise RuntimeError("Use the Mailer in a with block.")
        try:
            self._smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as refused:
            code = getattr(refused, "smtp_code", None) or "refused"
            raise MailRefused(f"The mail server refused the message ({code}).") from None
        except (OSError, smtplib.SMTPException) as failed:
            raise MailUnavailable(
                f"Lost the mail server at {self.address}: {type(failed).__name__}. "
                "What was accepted before is recorded; run again to send the rest."
            ) from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None
