"""Reminders: a daily digest to each user of what needs them, a weekly summary to leads, sent
over SMTP and recorded once per user, item and period (``run.py`` is the whole run)."""

from tenants.reminders.run import RunReport, send_reminders

__all__ = ["RunReport", "send_reminders"]
