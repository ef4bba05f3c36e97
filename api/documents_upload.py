"""Reading an uploaded document from a multipart request, for the API and the pages alike.

The request may be a little larger than the largest document (the form's other fields and
the multipart framing); a body beyond even that is refused by Werkzeug with 413 before it is
read, and a file beyond the limit itself by the domain's check with a clear message. Nothing
is stored on either refusal.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from flask import Response, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from api.context import platform
from domain.errors import InvalidValueError

FRAMING = 256 * 1024


def max_bytes() -> int:
    return platform().settings.document_max_bytes


def allow_document_upload() -> None:
    request.max_content_length = max_bytes() + FRAMING
    request.max_form_memory_size = FRAMING


def uploaded(field: str = "file") -> tuple[bytes, str]:
    """The file's bytes and name; an absent or oversized file is a clear refusal."""
    allow_document_upload()
    try:
        upload = request.files.get(field)
    except RequestEntityTooLarge:
        raise InvalidValueError(
            f"The file is larger than {max_bytes() // (1024 * 1024)} MB, the most a document "
            "may be; reduce it or split it."
        ) from None
    if upload is None or not upload.filename:
        raise InvalidValueError(f"Send the document as multipart/form-data in the field '{field}'.")
    return upload.read(max_bytes() + 1), upload.filename


def download(info: Any, content: bytes, number: int, version: int) -> Response:
    """A document version as a file to save, never kept in a cache on the way."""
    response = send_file(
        BytesIO(content),
        mimetype=info.media_type,
        as_attachment=True,
        download_name=info.filename or f"document-{number}-v{version}",
    )
    response.headers["Cache-Control"] = "no-store"
    return response
