"""Matching an officer's own tracker to an import template, one question per template column.

Partnerships already keep their cases in spreadsheets with their own headings ("Date of
death", "DHR Ref"); asking them to retype the headings first is where an import is given
up. So when a sheet's headings are not the template's, the officer is shown each template
column with a choice of their sheet's columns (the likely one chosen, with its first value
to recognise it by) and says which is which; a column they leave out is named, never
silently dropped. Nothing is guessed without being shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import HiddenField, SelectField, SubmitField

from api.imports.reading import headings, likely
from api.imports.sheets import SheetSpec
from api.web.formatting import long_date

NONE = ""


def question(key: str) -> str:
    """A template column's question in the form, kept apart from the form's own fields (the
    cases template has a column 'kind', as the form has the kind of import)."""
    return f"column_{key}"


class ChecksFile(FlaskForm):
    """The uploaded file, carried back in the form (not kept on the server) until recorded."""

    kind, filename, content = HiddenField(), HiddenField(), HiddenField()
    columns = HiddenField()  # JSON: template key -> the file's heading ("" for none)
    sheet = HiddenField()  # the workbook's sheet the officer chose ("" for the one told)


@dataclass(frozen=True)
class Matching:
    """The sheet's headings and what the template would take from it by its own headings."""

    sheet: str
    heads: tuple[tuple[str, Any], ...]  # heading, first value under it
    guess: dict[str, str]
    # every heading is the template's own (or its key): no question to ask. Not so when each
    # is only a heading trackers use ("DHR Ref"): those are offered, never taken unasked
    exact: bool = False


def matching(data: bytes, filename: str, spec: SheetSpec, chosen: str | None = None) -> Matching:
    sheet, heads = headings(data, filename, spec, chosen)
    own = likely(spec, tuple(h for h, _ in heads), aliases=False)
    if len(own) == len(heads):
        return Matching(sheet, heads, own, exact=True)
    return Matching(sheet, heads, likely(spec, tuple(h for h, _ in heads)))


def template_and_more(found: Matching, spec: SheetSpec) -> dict[str, str] | None:
    """Every template column under its own heading, beside columns of the officer's own (a
    'Notes' column added to the template): nothing to ask, since no template column is left
    for theirs to hold. Read through the template's columns, theirs named as not imported."""
    own = likely(spec, tuple(head for head, _ in found.heads), aliases=False)
    return own if len(own) == len(spec.fields) else None


def columns_form(spec: SheetSpec, found: Matching, formdata: Any = None) -> FlaskForm:
    """One drop-down per template column, offering the sheet's columns with a first value."""

    class Columns(ChecksFile):
        submit = SubmitField("Check the file", widget=GovSubmitInput())

    offered = [(head, _offer(head, first)) for head, first in found.heads]
    for f in spec.fields:
        none = "Not in my spreadsheet" if not f.required else "Choose a column"
        hint = f"{f.meaning[:1].upper()}{f.meaning[1:]}." if f.meaning else ""
        if f.required:
            hint = f"{hint} Needed." if hint else "Needed."
        setattr(
            Columns,
            question(f.key),
            SelectField(
                f.header,
                choices=[(NONE, none), *offered],
                default=found.guess.get(f.key, NONE),
                widget=GovSelect(),
                description=hint,
            ),
        )
    return Columns(formdata=formdata)


def chosen_columns(form: FlaskForm, spec: SheetSpec) -> dict[str, str] | None:
    """The officer's choice, or None with each wrong answer put beside its question: a needed
    column not chosen, or one column of the sheet chosen for two template columns."""
    chosen: dict[str, str] = {}
    taken: dict[str, str] = {}
    ok = True
    for f in spec.fields:
        field = form[question(f.key)]
        head = field.data or NONE
        if f.required and head == NONE:
            field.errors = [f"Choose the column of your spreadsheet that holds {f.header}"]
            ok = False
        elif head != NONE and head in taken:
            field.errors = [
                f"'{head}' is already chosen for {taken[head]}; choose another column, "
                "or 'Not in my spreadsheet'"
            ]
            ok = False
        elif head != NONE:
            taken[head] = f.header
        chosen[f.key] = head
    return chosen if ok else None


def ignored(found: Matching, chosen: dict[str, str]) -> list[str]:
    """The sheet's columns that will not be imported, named on the page before checking."""
    used = set(chosen.values())
    return [head for head, _ in found.heads if head not in used]


def carried(columns: dict[str, str] | None) -> str:
    return json.dumps(columns, sort_keys=True) if columns is not None else ""


def carried_back(text: str | None) -> dict[str, str] | None:
    """The choice as it came back in the form; None for a sheet read by its own headings."""
    if not text:
        return None
    found = json.loads(text)
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in found.items()
    ):
        raise ValueError("not a choice of columns")
    return found


def _offer(head: str, first: Any) -> str:
    if first is None:
        return f"{head} (empty)"
    if isinstance(first, datetime):
        first = first.date()
    shown = long_date(first) if isinstance(first, date) else " ".join(str(first).split())
    if len(shown) > 30:
        shown = shown[:29] + "…"
    return f"{head} (for example {shown})"
