"""How a count reads in words, the same on pages and in board papers: "1 review", "2 reviews".

Kept apart from ``api.web.formatting`` because that module sets up Flask's Jinja, and the
papers (``ledger report``, run with no web app) must not import Flask to say "1 review".
"""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None, *, none: str | None = None) -> str:
    """``count`` things: "1 review", "2 reviews", "1,204 events".

    ``one`` and ``many`` may carry their verb, so the verb agrees with the count: ("review
    was", "reviews were") gives "1 review was", "2 reviews were". ``none`` is the word prose
    writes for 0 in place of the figure: ``none="no"`` gives "no reviews were", as a board
    paper writes it, where a table's caption or a list keeps "0 reviews"."""
    word = one if count == 1 else (many or one + "s")
    if count == 0 and none is not None:
        return f"{none} {word}"
    return f"{count:,} {word}"
