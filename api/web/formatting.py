"""How the pages say things: money as "£8,500.00", dates as "4 September 2013", UK time.

Also sets up Jinja to find our templates and the GOV.UK macros (``govuk_frontend_jinja/...``
and ``govuk_frontend_wtf/...``). Never show a person a UUID, an ETag or pence.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from api.plurals import plural
from api.vocabulary import ACTION_STATUSES, REVIEW_STATUSES, named
from domain import calendar
from domain.documents.content import file_size
from domain.funding import dhrs_text

UK = ZoneInfo("Europe/London")
TEMPLATES = Path(__file__).resolve().parent / "templates"


def money(pence: int | None) -> str:
    """Pence to pounds as people write them: 850000 → "£8,500.00"; negatives as "−£5.00"."""
    if pence is None:
        return ""
    sign = "−" if pence < 0 else ""
    pounds, rest = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def long_date(value: date | datetime | str | None) -> str:
    """ "4 September 2013"; a timestamp is first moved to UK time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return calendar.long_date(value)


def date_time(value: datetime | None) -> str:
    """ "4 September 2013 at 2:05pm", UK time."""
    return "" if value is None else calendar.date_time(value)


def words(value: Any) -> str:
    """An enum value or code as words: "alternative_review" → "Alternative review"."""
    text = str(getattr(value, "value", value) or "").replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """Typed text ended as a sentence, so the words after it do not run on ("... at MARAC.
    Due ..."): a full stop added only where it has no closing mark of its own (never "..")."""
    text = str(text or "").rstrip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def full_stop(text: str) -> str:
    """The full stop ``sentence`` would add to ``text`` ("" when it has its own): for a page
    that shows the text apart (in bold) and its full stop after it."""
    return sentence(text)[len(str(text or "").rstrip()) :]


def clause(text: str) -> str:
    """Typed text inside a sentence, before a semicolon or a comma: its own full stop dropped."""
    text = str(text or "").rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def mid_sentence(heading: str) -> str:
    """A heading inside a sentence: "Correct date of the incident", but "Correct Home Office
    told" (lowering every letter gave "home office"): a heading opening with a name (two
    capitalised words, or an acronym) keeps it."""
    words = heading.split()
    named = bool(words) and (words[0].isupper() or (len(words) > 1 and words[1][:1].isupper()))
    return heading if named else heading[:1].lower() + heading[1:]


def configure(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(TEMPLATES),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        money=money,
        long_date=long_date,
        file_size=file_size,
        date_time=date_time,
        words=words,
        mid_sentence=mid_sentence,
        full_stop=full_stop,
        dhrs=dhrs_text,
        review_status=lambda code: named(REVIEW_STATUSES, code),  # as the case register says
        action_status=lambda code: named(ACTION_STATUSES, code),  # as the action plan says
    )
    app.jinja_env.globals.update(plural=plural)
    WTFormsHelpers(app)
