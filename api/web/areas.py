"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import actions, case, case_steps, cases, info, learning, personal_details, signin

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    learning.bp,
    cases.bp,
    case.bp,
    case_steps.bp,
    actions.bp,
    personal_details.bp,
]
