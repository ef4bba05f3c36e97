"""A case's documents: overview report drafts, executive summaries, QA letters, IMRs, evidence.

The files themselves live outside the events (encrypted with the tenant's data key, in the
tenant's own store); events carry each version's SHA-256 digest, size and media type, so the
audit chain proves which file was which. Titles and file names can name people: they are
sealed with the case key like other free text, and erased with the case's vault.
"""

from domain.documents.content import Checked, check_file
from domain.documents.documents import (
    CaseDocuments,
    Document,
    DocumentKind,
    SealedFile,
    Version,
)

VALUE_OBJECTS: tuple[type, ...] = ()  # events hold ciphertext, digests, numbers and kinds

__all__ = [
    "VALUE_OBJECTS",
    "CaseDocuments",
    "Checked",
    "Document",
    "DocumentKind",
    "SealedFile",
    "Version",
    "check_file",
]
