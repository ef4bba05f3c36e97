"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import info, personal_details, signin

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    personal_details.bp,
]
