"""Which sheet of a workbook to import. A council's workbook often holds several that could
be: last year's cases and this year's, or cases on one sheet and their actions on another.
Reading one of them unasked (the first, or the one named as the template's) imports the wrong
rows without a word, so when more than one could be imported the officer is asked, each
sheet named with what it holds: its rows, and whether its headings are ones this import
knows. A workbook with one such sheet is read without asking."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import Field, RadioField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from api.imports.workbook import Importable
from api.plurals import plural

CHOOSE = "Select the sheet to import"


class SheetForm(FlaskForm):
    """The question, its choices the workbook's sheets that could be imported."""

    chosen_sheet = RadioField(
        "Which sheet do you want to import?",
        validate_choice=False,  # a sheet not offered is refused in the page's words, below
        widget=GovRadioInput(),
        validators=[InputRequired(CHOOSE)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate_chosen_sheet(self, field: Field) -> None:
        if field.data not in {value for value, _ in field.choices or ()}:
            raise ValidationError(CHOOSE)


def sheet_form(offered: list[Importable], sent: bool = True) -> SheetForm:
    """The question offering ``offered``; ``sent``: with the request's answer, if any."""
    form = SheetForm() if sent else SheetForm(formdata=None)
    form.chosen_sheet.choices = [(s.name, s.name) for s in offered]
    return form


def described(sheet: Importable) -> str:
    """What a sheet looks like, beside its name: '42 rows, headings found on row 3'."""
    rows = plural(sheet.rows, "row") if sheet.rows else "No rows"
    if not sheet.known:
        return f"{rows}, no headings this import knows"
    return f"{rows}, headings found on row {sheet.heading_row}"
