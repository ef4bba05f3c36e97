"""Money is exact: whole pence in ``int``, never floats, and splits that add up to the penny.

Every amount entering the funding ledger passes ``check_pence`` so that a fractional or
negative figure is refused at the door instead of surfacing as a statement that does
not reconcile months later. Every amount anywhere passes ``check_ceiling``: a mistyped
£99,999,999,999,999 would be kept for ever in the event store, swamp every total it joins and
overflow the read models' 64-bit sums.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import InvalidValueError

MOST_PENCE = (
    100_000_000_000  # £1bn: far above any review, grant or pot; millions of them still sum exactly
)


def check_ceiling(pence: int, subject: str) -> int:
    """Refuse an amount no partnership could mean; ``subject`` opens the sentence ("The agreed cost")."""
    if pence > MOST_PENCE:
        raise InvalidValueError(
            f"{subject} of {pounds(pence)} is more than {pounds(MOST_PENCE)}, the most one amount "
            "can be; check the figure."
        )
    return pence


def check_pence(amount: object, what: str, *, allow_zero: bool = False) -> int:
    """Return ``amount`` if it is a whole, non-negative number of pence; refuse it otherwise."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidValueError(
            f"{what} must be a whole number of pence, not {type(amount).__name__}; "
            "convert pounds to pence first (£8,500 is 850000)."
        )
    if amount < 0:
        raise InvalidValueError(
            f"{what} cannot be negative; record money going the other "
            "way with its own command (a clawback or a spend)."
        )
    if amount == 0 and not allow_zero:
        raise InvalidValueError(f"{what} must be more than zero pence; enter the amount in pence.")
    return check_ceiling(amount, what)


def pounds(pence: int) -> str:
    """Format pence for messages and reports, e.g. ``4208900`` → ``£42,089.00``."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def split_pro_rata(total: int, weights: Sequence[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Share ``total`` pence between keys in proportion to ``weights``, exactly.

    Each key gets the floor of its share; the pence left over go one each to the keys
    with the largest remainders, ties broken by the order given, so the same inputs
    always give the same split and the parts always add up to ``total``.
    """
    weight_sum = sum(w for _, w in weights)
    if weight_sum <= 0:
        raise InvalidValueError(
            "There are no agreed shares to split by; agree contributions first."
        )
    floors = [(key, total * w // weight_sum, total * w % weight_sum) for key, w in weights]
    left = total - sum(f for _, f, _ in floors)
    by_remainder = sorted(range(len(floors)), key=lambda i: -floors[i][2])
    bonus = set(by_remainder[:left])
    return tuple((key, f + (1 if i in bonus else 0)) for i, (key, f, _) in enumerate(floors))
