"""Which characters the ledger refuses in text, checked against Python's Unicode database:
every invisible format character (category Cf) is refused, but for the few real text needs,
so a character added to Unicode's list is noticed here rather than kept unseen."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from domain.errors import InvalidValueError
from domain.reviews.checks import check_pseudonym
from domain.texts import not_plain, required_text, visible

JOINERS = {"\u200c", "\u200d"}  # Persian and Indic spelling, emoji sequences
PRINTED = set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
PRINTED |= {"\U000110bd", "\U000110cd"}  # prepended concatenation marks: they show
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


def test_every_invisible_format_character_is_refused_but_the_joiners_and_printed_marks() -> None:
    format_characters = (
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    )
    kept = {char for char in format_characters if not_plain(f"a{char}b") is None}
    assert kept == JOINERS | PRINTED


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\U000e0041"])
def test_an_invisible_character_is_named_and_placed(char: str) -> None:
    assert not_plain(f"Po{char}ison") == (
        f"Contains an invisible formatting character (U+{ord(char):04X} at character 3)"
    )


def test_a_bidirectional_mark_is_named_as_one() -> None:
    assert not_plain("Po\u200fison") == "Contains a bidirectional mark (U+200F at character 3)"


def test_a_flags_tags_are_kept_and_a_stray_tag_after_one_is_not() -> None:
    assert not_plain(f"Team {ENGLAND}") is None
    assert not_plain(f"{ENGLAND}\U000e0041") is not None


@pytest.mark.parametrize("text", ["", "  ", "\u0301", "\u200d\u200c", " \u3164\u2800 "])
def test_text_that_shows_nothing_is_blank(text: str) -> None:
    assert not visible(text)
    with pytest.raises(InvalidValueError):
        required_text(text, "Give the theme's name.")
    with pytest.raises(InvalidValueError, match="pseudonym"):
        check_pseudonym(text, confirmed=False)


@pytest.mark.parametrize("text", ["e\u0301", "7", "?", "\u00a3", ENGLAND, "\u0645\u06cc"])
def test_text_that_shows_something_is_given(text: str) -> None:
    assert visible(text)
