"""One way to say a count, shared by the pages and the board papers (which run without Flask)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from api.plurals import plural


@pytest.mark.parametrize(
    ("count", "said", "in_prose"),
    [
        (0, "0 reviews were", "no reviews were"),
        (1, "1 review was", "1 review was"),
        (2, "2 reviews were", "2 reviews were"),
        (1204, "1,204 reviews were", "1,204 reviews were"),
    ],
)
def test_a_count_agrees_with_its_noun_and_verb(count: int, said: str, in_prose: str) -> None:
    assert plural(count, "review was", "reviews were") == said
    assert plural(count, "review was", "reviews were", none="no") == in_prose


def test_the_plural_is_the_noun_and_s_unless_told() -> None:
    assert [plural(n, "action") for n in (0, 1, 2)] == ["0 actions", "1 action", "2 actions"]


def test_the_board_papers_say_counts_without_importing_flask() -> None:
    """``ledger report`` builds papers with no web app: the papers' wording must not need it."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, api.papers.regional; print('flask' in sys.modules)"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert loaded.stdout.strip() == "False"
