"""``smtp+starttls://user:password@...`` for real: aiosmtpd demanding STARTTLS (a certificate
made here, trusted through SSL_CERT_FILE) and a password; a wrong password is a clear error."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from adapters.mail import Mailer, MailUnavailable
from adapters.mail.settings import SmtpAddress
from tests.mail_server import Inbox, free_port, text_of


def accept_ledger(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"ledger", b"s3cr:t")
    # handled=False: aiosmtpd then answers a refusal with its own 535 (its default, handled=True,
    # means "I replied already", so the client would only fail on its 30 s timeout).
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, int]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this server only
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=accept_ledger,
    )
    controller.start()
    yield inbox, port
    controller.stop()


def a_message() -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "noreply@ledger.test", "jo@council.example", "Hi"
    mail.set_content("Case DHR-1: IMR from Police due today.")
    return mail


def test_starttls_and_a_password_deliver(tls_server: tuple[Inbox, int]) -> None:
    inbox, port = tls_server
    address = SmtpAddress.parse(f"smtp+starttls://ledger:s3cr%3At@127.0.0.1:{port}")
    with Mailer(address) as mailer:
        mailer.send(a_message())
    (arrived,) = inbox.to("jo@council.example")
    assert "IMR from Police" in text_of(arrived)


def test_a_wrong_password_or_no_tls_is_a_clear_error(tls_server: tuple[Inbox, int]) -> None:
    inbox, port = tls_server
    wrong = SmtpAddress.parse(f"smtp+starttls://ledger:nope@127.0.0.1:{port}")
    with pytest.raises(
        MailUnavailable, match=r"refused the user and password .*\(SMTPAuthenticationError\)"
    ) as refused:
        Mailer(wrong).__enter__()
    assert "nope" not in str(refused.value)
    plain = SmtpAddress.parse(f"smtp://127.0.0.1:{port}")  # this server insists on STARTTLS
    with pytest.raises(MailUnavailable), Mailer(plain) as mailer:
        mailer.send(a_message())
    assert inbox.messages == []
