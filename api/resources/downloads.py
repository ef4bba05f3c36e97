"""A view that answers a file: how the OpenAPI document describes it, and the response."""

from __future__ import annotations

from typing import Any

from flask import Response

BINARY = {"schema": {"type": "string", "format": "binary"}}
TEXT = {"schema": {"type": "string"}}


def file_answer(description: str, binary: str, *text: str) -> dict[str, Any]:
    """The 200 response (for ``blp.doc``): a file of the ``binary`` media type, or of a
    ``text`` one."""
    content = {binary: BINARY, **{media: TEXT for media in text}}
    return {"responses": {"200": {"description": description, "content": content}}}


def attachment(body: Any, media: str, name: str, *, private: bool = False) -> Response:
    """``body`` sent as a file named ``name``; a ``private`` one (personal data) is never
    cached."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if private:
        headers["Cache-Control"] = "no-store"
    return Response(body, mimetype=media, headers=headers)
