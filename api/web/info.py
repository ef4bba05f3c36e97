"""Pages every visitor may read: accessibility statement, privacy notice, cookies; and a
plain start page for roles whose own pages have not claimed "home"."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template

from api.context import requires
from api.policy import Permission

bp = Blueprint("info", __name__)
PAGES = {  # the page at /<name>, from info/<name>.html, and who may read it
    "accessibility": Permission.PUBLIC,
    "privacy": Permission.PUBLIC,
    "cookies": Permission.PUBLIC,
    "home": Permission.SIGNED_IN,
}


def _page(name: str) -> Callable[[], str]:
    def page() -> str:
        return render_template(f"info/{name}.html")

    return page


for _name, _permission in PAGES.items():
    bp.add_url_rule(f"/{_name}", _name, requires(_permission)(_page(_name)))
