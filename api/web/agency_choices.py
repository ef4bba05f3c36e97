"""Agency fields on the pages are picks from the region's partner directory.

An IMR request's agency and an action's owner are chosen by the directory's key (the value
recorded), shown by the body's name. Values recorded before the directory, or typed through
the API while a region had none, keep working: the field accepts any posted value and the
API layer checks it against the directory as it always has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField
from wtforms.validators import InputRequired

from api.agency_names import agency_names_in, directory_for
from api.context import platform
from domain.region import PartnerDirectory
from tenants.ledger import PartnershipLedger

EMPTY_HINT = (
    "For example 'West Midlands Police'. The region's partner directory lists no agencies "
    "yet: ask the OPCC to add them, and this becomes a list to pick from."
)


class AgencyField(SelectField):
    """A select of the directory's agencies; a text box while the region's directory has none
    (``prepare`` swaps the widget), so a region without a directory keeps working."""

    typed_when_unlisted = True  # answers shown back (``asked``): typed words, or a key

    def _value(self) -> str:
        return str(self.data or "")


def agency_select(label: str, message: str) -> AgencyField:
    return AgencyField(
        label, widget=GovSelect(), validate_choice=False, validators=[InputRequired(message)]
    )


def directory_of(ledger: PartnershipLedger) -> PartnerDirectory:
    return directory_for(platform(), ledger.tenant_slug)


def agency_names(tenant: str) -> Callable[[str], str]:
    """How a page names a recorded agency: the directory's name for a key or alias."""
    return agency_names_in(platform(), tenant)


def agencies_named(text: str, tenant: str, recorded: Iterable[str | None]) -> str:
    """A ledger refusal with each agency it names as recorded (``recorded``: the values it can
    name, a directory key such as "west-midlands-police") by the body's name, as the pages
    name it; the directory is read only when the refusal names one of them."""
    values = sorted({v.strip() for v in recorded if v and v.strip()}, key=len, reverse=True)
    found = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, values))})(?![\w-])")
    if not values or not found.search(text):
        return text
    names = agency_names(tenant)
    # a body's name the text already gives is left whole: "Police" recorded, named
    # "Leicestershire Police", must not make "Leicestershire Leicestershire Police"
    shown = {names(v) for v in values} - set(values)
    every = sorted(set(values) | shown, key=len, reverse=True)
    either = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, every))})(?![\w-])")
    return either.sub(lambda m: m[1] if m[1] in shown else names(m[1]), text)


def agency_choices(
    field: str, then: Callable[[Any, Any, PartnershipLedger], None] | None = None
) -> Callable[[Any, Any, PartnershipLedger], None]:
    """A step's ``prepare``: the directory's agencies (not its partnerships) as the choices."""

    def prepare(form: Any, record: Any, ledger: PartnershipLedger) -> None:
        directory = directory_of(ledger)
        bodies = sorted(
            (p for p in directory.partners.values() if p.tenant is None), key=lambda p: p.name
        )
        select = getattr(form, field)
        select.choices = [("", "Select an agency")] + [(p.key, p.name) for p in bodies]
        if select.data and select.data not in directory.partners:
            select.choices.append((select.data, select.data))  # as posted: the API checks it
        if not bodies:
            select.widget = GovTextInput()
            select.description = EMPTY_HINT
        if then is not None:
            then(form, record, ledger)

    return prepare
