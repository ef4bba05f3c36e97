"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import info, learning, signin

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    learning.bp,
]
