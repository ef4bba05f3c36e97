"""Documenting the downloads: every catalogued GET also answers CSV and XLSX, with ``format``.

An apispec plugin (apispec's public ``operation_helper`` hook, handed to flask-smorest as an
extra plugin like ``api.problem_docs``): flask-smorest passes each path's Werkzeug ``rule``
to ``spec.path``, so the plugin knows the endpoint and adds the two media types and the query
parameter as the path is documented, instead of editing the finished spec's private paths.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from apispec import BasePlugin

from api.tables.catalogue import CATALOGUE
from api.tables.negotiate import CSV, XLSX

FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "csv or xlsx to download the table (same as the Accept header)",
    "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
}


class TableDownloads(BasePlugin):
    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        rule = kwargs.get("rule")
        operation = (operations or {}).get("get")
        if rule is None or rule.endpoint not in CATALOGUE or not isinstance(operation, dict):
            return
        responses = operation.setdefault("responses", {})
        key = 200 if 200 in responses else "200"  # flask-smorest keys them by int until cleaned
        ok = responses.setdefault(key, {"description": "OK"})
        text, binary = {"type": "string"}, {"type": "string", "format": "binary"}
        ok.setdefault("content", {}).update({CSV: {"schema": text}, XLSX: {"schema": binary}})
        operation.setdefault("parameters", []).append(deepcopy(FORMAT_PARAMETER))
