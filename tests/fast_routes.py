"""Werkzeug's URL builders compiled once per test process instead of once per app.

Most integration tests build an app of their own (``create_app`` around the test's own
platform), and each app compiles two URL-building functions for each of its ~270 rules by
generating Python source and calling ``compile()`` on it: over a third of ``create_app``'s
time. The generated function depends only on the rule's text, its parsed parts and the names
of its defaults (the rule object comes in as the bound ``self``), so one compiled function
serves every app with the same rule. A rule with a default for one of its own variables,
which werkzeug folds into the function as a constant, is compiled as usual.

Tests only: the service builds one app per process and never pays this twice. Nothing of
what the routes do changes, only how often the same code is compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing.rules import Rule

_compile: Callable[..., Any] = Rule._compile_builder
_compiled: dict[tuple[Any, ...], Any] = {}


def _compile_builder_once(self: Rule, append_unknown: bool = True) -> Any:
    defaults = self.defaults or {}
    trace = tuple(self._trace)
    if any(dynamic and name in defaults for dynamic, name in trace):
        return _compile(self, append_unknown)  # the default's value is part of the code
    key = (self.rule, trace, tuple(defaults), append_unknown)
    builder = _compiled.get(key)
    if builder is None:
        builder = _compiled[key] = _compile(self, append_unknown)
    return builder


def install() -> None:
    Rule._compile_builder = _compile_builder_once  # type: ignore[method-assign]
