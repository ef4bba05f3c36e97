"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import info, personal_details, shared_money, signin

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    shared_money.bp,
    personal_details.bp,
]
