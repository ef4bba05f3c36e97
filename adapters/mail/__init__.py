"""Sending email over SMTP: where the reminders leave the platform (``tenants/reminders``)."""

from adapters.mail.settings import MailSettings
from adapters.mail.smtp import Mailer, MailUnavailable

__all__ = ["MailSettings", "MailUnavailable", "Mailer"]
