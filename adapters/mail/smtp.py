"""One SMTP session for a run of emails, with errors that say what to fix.

A message counts as sent when the server accepted it (``send_message`` returned without
refusing the recipient): that is the moment the reminder run records it, so a crash before
then resends it and a crash after never does. Nothing here logs an address or a body.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterable
from email.message import EmailMessage
from email.utils import getaddresses
from types import TracebackType

from adapters.mail.settings import SmtpAddress

TIMEOUT = 30.0  # seconds for connecting and for each reply


class MailUnavailable(Exception):
    """The mail server could not be reached or would not take mail: nothing more can be sent."""


class MailRefused(Exception):
    """The server refused this one message (e.g. the recipient); the others may still go."""

    def __init__(self, words: str, *, recipient: bool = False) -> None:
        super().__init__(words)
        self.recipient = recipient  # the address was refused: it is the one to check


def _addresses(message: EmailMessage) -> list[str]:
    headers = [str(v) for h in ("To", "Cc", "Bcc") for v in message.get_all(h, [])]
    return [address for _, address in getaddresses(headers) if address]


def _reply(code: int, text: bytes | str, addresses: Iterable[str]) -> str:
    """The server's code and words, with any recipient's address taken out: an address is
    personal data and these words are printed and logged."""
    words = text.decode(errors="replace") if isinstance(text, bytes) else text
    for address in addresses:  # "<jo@x>" as servers quote it, or bare
        words = words.replace(f"<{address}>", "<the recipient>")
        words = words.replace(address, "<the recipient>")
    return f"{code} {words}".strip()


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
        except smtplib.SMTPNotSupportedError:
            raise MailUnavailable(
                f"The mail server at {a} does not offer STARTTLS, which smtp+starttls:// in "
                "LEDGER_SMTP_URL asks for. Use smtps:// if it takes TLS on connecting, or the "
                "server's STARTTLS port; nothing was sent."
            ) from None
        except (OSError, smtplib.SMTPException) as failed:
            raise MailUnavailable(
                f"Could not reach the mail server at {a}: {type(failed).__name__}. "
                "Check LEDGER_SMTP_URL and that the server is up; nothing was sent."
            ) from None
        if a.user:
            try:
                smtp.login(a.user, a.password)
            except smtplib.SMTPNotSupportedError:
                smtp.close()
                raise MailUnavailable(
                    f"The mail server at {a} does not offer AUTH, so it cannot take the user "
                    "and password in LEDGER_SMTP_URL. Remove them if it accepts mail without "
                    "(or use its submission port, with STARTTLS); nothing was sent."
                ) from None
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
        except smtplib.SMTPRecipientsRefused as refused:
            said = "; ".join(
                _reply(c, t, list(refused.recipients)) for c, t in refused.recipients.values()
            )
            raise MailRefused(
                f"The mail server refused the recipient's address ({said}).", recipient=True
            ) from None
        except smtplib.SMTPDataError as refused:
            said = _reply(refused.smtp_code, refused.smtp_error, _addresses(message))
            raise MailRefused(f"The mail server refused the message ({said}).") from None
        except smtplib.SMTPSenderRefused as refused:
            said = _reply(refused.smtp_code, refused.smtp_error, _addresses(message))
            raise MailUnavailable(
                f"The mail server at {self.address} refused the From address ({said}). Set "
                "LEDGER_MAIL_FROM to an address it accepts; what was accepted before is "
                "recorded, run again to send the rest."
            ) from None
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
