"""GOV.UK tags as the ``govukTag`` macro takes them: a word or two in a colour."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def tag(text: str, colour: str) -> dict[str, str]:
    return {"text": text, "classes": f"govuk-tag--{colour}"}


def worded(words: Mapping[Any, tuple[str, str]], status: Any) -> dict[str, str]:
    """The tag ``words`` gives ``status`` (its text and colour); one it does not know, in grey."""
    return tag(*words.get(status, (str(status), "grey")))
