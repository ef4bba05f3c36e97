"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import (  # h12b: dashboard, audit, administration
    actions,
    admin,
    auditing,
    case,
    case_steps,
    cases,
    info,
    personal_details,
    regional,
    signin,
)

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    cases.bp,
    case.bp,
    case_steps.bp,
    actions.bp,
    personal_details.bp,
    regional.bp,
    auditing.bp,
    admin.bp,
]
