"""Registers and views as downloads (CSV, XLSX): one rendering layer for every view."""

from api.tables.negotiate import document, register

__all__ = ["document", "register"]
