"""What a run says when a real mail server (aiosmtpd on loopback) says no: the From address
refused is the operator's setting to fix, a recipient refused keeps the server's code and
words (without the address), and a server without AUTH or STARTTLS is named as such, not as
a wrong password or a server that is down."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from adapters.mail import Mailer, MailUnavailable
from adapters.mail.settings import SmtpAddress
from adapters.mail.smtp import MailRefused
from tests.mail_server import Inbox, free_port


class PickyInbox(Inbox):
    """Refuses senders at @localhost (as a relay refuses a domain it does not know)."""

    async def handle_MAIL(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith("@localhost"):
            return "553 5.7.1 sender domain localhost not accepted"
        envelope.mail_from = address
        return "250 OK"


@pytest.fixture
def picky() -> Iterator[tuple[PickyInbox, int]]:
    """A plain server: no STARTTLS, no AUTH offered."""
    inbox, port = PickyInbox(refuse={"gone@council.example"}), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, auth_require_tls=True)
    controller.start()
    yield inbox, port
    controller.stop()


def mail(sender: str, to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, "Reminders"
    message.set_content("Case DHR-1: due today.")
    return message


def test_a_refused_from_address_says_to_set_ledger_mail_from(
    picky: tuple[PickyInbox, int],
) -> None:
    inbox, port = picky
    with Mailer(SmtpAddress.parse(f"smtp://127.0.0.1:{port}")) as mailer:
        with pytest.raises(MailUnavailable) as refused:
            mailer.send(mail("Ledger <noreply@localhost>", "jo@council.example"))
    said = str(refused.value)
    assert "refused the From address" in said and "LEDGER_MAIL_FROM" in said
    assert "553 5.7.1 sender domain localhost not accepted" in said
    assert "Lost the mail server" not in said and inbox.messages == []


def test_a_refused_recipient_keeps_the_servers_code_and_words_not_the_address(
    picky: tuple[PickyInbox, int],
) -> None:
    inbox, port = picky
    with Mailer(SmtpAddress.parse(f"smtp://127.0.0.1:{port}")) as mailer:
        with pytest.raises(MailRefused) as refused:
            mailer.send(mail("noreply@ledger.test", "gone@council.example"))
        mailer.send(mail("noreply@ledger.test", "jo@council.example"))  # the others still go
    said = str(refused.value)
    assert "550 5.1.1 mailbox unavailable" in said and "recipient" in said
    assert "gone@council.example" not in said
    assert len(inbox.to("jo@council.example")) == 1


def test_a_server_without_auth_or_starttls_is_named_so(picky: tuple[PickyInbox, int]) -> None:
    _, port = picky
    with pytest.raises(MailUnavailable) as no_auth:
        Mailer(SmtpAddress.parse(f"smtp://ledger:s3cret@127.0.0.1:{port}")).__enter__()
    said = str(no_auth.value)
    assert "does not offer AUTH" in said and "refused the user and password" not in said
    assert "s3cret" not in said
    with pytest.raises(MailUnavailable) as no_tls:
        Mailer(SmtpAddress.parse(f"smtp+starttls://127.0.0.1:{port}")).__enter__()
    said = str(no_tls.value)
    assert "does not offer STARTTLS" in said and "Could not reach" not in said


class QuotingInbox(Inbox):
    """Refuses as many servers do, quoting the address in angle brackets."""

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


def test_a_quoted_refused_address_reads_as_the_recipient_once() -> None:
    inbox, port = QuotingInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with Mailer(SmtpAddress.parse(f"smtp://127.0.0.1:{port}")) as mailer:
            with pytest.raises(MailRefused) as refused:
                mailer.send(mail("noreply@ledger.test", "gone@council.example"))
    finally:
        controller.stop()
    said = str(refused.value)
    assert "550 5.1.1 <the recipient>: Recipient address rejected" in said
    assert "<<" not in said and "gone@council.example" not in said
    assert refused.value.recipient  # the address is the one to check
