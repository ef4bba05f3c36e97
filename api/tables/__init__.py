"""Registers and views as downloads (CSV, XLSX): one rendering layer for every view.

The package imports nothing itself, so a paper or a writer can import ``api.tables.columns``
without pulling in the Flask negotiation that imports them back.
"""
