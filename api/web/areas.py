"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import (  # h12b: dashboard, audit, administration
    admin,
    auditing,
    info,
    regional,
    signin,
)

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    regional.bp,
    auditing.bp,
    admin.bp,
]
