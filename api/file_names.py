"""What a downloaded file is called when it is named after a record's reference: the same
rule for a case's chronology (XLSX and PDF) and a research extract."""

from __future__ import annotations


def file_safe(reference: str) -> str:
    """A reference as people typed it, safe in a file name: 'DSA 2026/01' -> 'DSA-2026-01'."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in reference)
