"""Registers and views as downloads (CSV, XLSX): one rendering layer for every view."""

from api.tables.docs import TableDownloads
from api.tables.negotiate import register

__all__ = ["TableDownloads", "register"]
