"""A file sent as ``multipart/form-data``: how the OpenAPI document describes it, and taking it
off the request within a size limit."""

from __future__ import annotations

from typing import Any

from flask import request

from domain.errors import InvalidValueError


def file_part(description: str) -> dict[str, Any]:
    """One file field of the form."""
    return {"type": "string", "format": "binary", "description": description}


def multipart(required: tuple[str, ...] = ("file",), **properties: Any) -> dict[str, Any]:
    """The request body (for ``blp.doc``) of a form with these fields."""
    schema = {"type": "object", "required": list(required), "properties": properties}
    return {
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    }


def uploaded_sheet(limit: int, refusal: str) -> tuple[bytes, str]:
    """The bytes and name of the form's ``file``, refused with ``refusal`` when it is missing;
    a body over ``limit`` bytes is refused before it is read."""
    request.max_content_length = limit
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise InvalidValueError(refusal)
    return upload.read(), upload.filename
