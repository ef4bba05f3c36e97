"""What a downloaded file is called when it is named after a record's reference: the same
rule for a case's chronology (XLSX and PDF) and a research extract; and an audit bundle's."""

from __future__ import annotations

from datetime import date

from tenants.bundles.export import Exported


def file_safe(reference: str) -> str:
    """A reference as people typed it, safe in a file name: 'DSA 2026/01' -> 'DSA-2026-01'."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in reference)


def audit_bundle_name(tenant: str, since: date | None, done: Exported) -> str:
    """An audit bundle's name says, where the auditor sees it first, that the service found its
    history altered (the manifest says how): a download carries no page to say it on."""
    return (
        f"audit-{tenant}"
        + (f"-from-{since}" if since else "")
        + ("-ALTERED" if done.problems else "")
        + ".zip"
    )
