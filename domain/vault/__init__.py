"""The personal-data vault: what officers must record about real people, kept erasable.

Names, dates of birth and addresses never enter an event in clear. The tenant layer encrypts
an entry with the case's own key before it reaches ``CaseVault``; erasing destroys that key
(crypto-shredding), so history, statistics and the audit chain stay whole.
"""

from domain.vault.names import looks_like_full_name
from domain.vault.personal import Contact, PersonalDetails
from domain.vault.retention import RetentionSchedule, retention_due_on
from domain.vault.vault import CaseVault, ErasureBasis

VALUE_OBJECTS: tuple[type, ...] = ()

__all__ = [
    "VALUE_OBJECTS",
    "CaseVault",
    "Contact",
    "ErasureBasis",
    "PersonalDetails",
    "RetentionSchedule",
    "looks_like_full_name",
    "retention_due_on",
]
