"""Reading an uploaded document from a multipart request, and sending a version's file back,
for the API and the pages alike.

The request may be a little larger than the largest document (the form's other fields and
the multipart framing); a body beyond even that is refused by Werkzeug with 413 before it is
read, and a file beyond the limit itself by the domain's check with a clear message. Nothing
is stored on either refusal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from io import BytesIO
from typing import Any
from uuid import UUID

from flask import Response, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from api.context import current_user, platform
from api.idempotency import Made, create_once, fingerprint
from domain.errors import InvalidValueError
from tenants.application import LedgerApplication
from tenants.ledger.documents import VersionInfo

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


def uploaded_once(
    ledger: LedgerApplication,
    scope: str,
    upload: tuple[bytes, str],
    form: Mapping[str, str],
    store: Callable[[], Any],
    kind: str | None = None,
    made: Made | None = None,
) -> Any:
    """Run ``store`` once per Idempotency-Key, as the API's other creates are (``create_once``):
    a retry of an upload whose answer was lost stores nothing more. The key is bound to who
    sent it, where, the form's fields and the file's name and SHA-256 (its digest, so a large
    file is not hashed twice over as text). Returns what ``store`` returned, or for a replay
    the id ``made`` noted for ``kind`` ("" without one)."""
    content, name = upload
    sent_as = {
        "path": request.path,
        # a part naming no field (werkzeug keys it None) is no answer of the form, and None
        # cannot be sorted beside the names that are
        "form": {key: value for key, value in form.items() if key is not None},
        "file": name,
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    result, _ = create_once(
        ledger,
        scope,
        request.headers.get("Idempotency-Key"),
        fingerprint(str(current_user().id), sent_as),
        kind,
        store,
        made,
    )
    return result


def send_version(
    tenant: str, review: UUID, number: int, version: int, *, digest: bool = False
) -> Response:
    """A version's file, checked against its digest as it is read; the download is logged in
    the reader's read log before it is sent. ``digest`` adds the file's SHA-256 as a header."""
    with platform().ledgers.lease(tenant, writing=False) as ledger:
        info, content = ledger.documents.file(review, number, version)
    return sent(tenant, info, content, number, version, digest=digest)


def sent(
    tenant: str, info: VersionInfo, content: bytes, number: int, version: int, *, digest: bool
) -> Response:
    """A version's opened file as a download, logged in the reader's read log first (an
    agency's own upload comes through ``AgencyWork.report_file`` to here too)."""
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)
    response = send_file(
        BytesIO(content),
        mimetype=info.media_type,
        as_attachment=True,
        download_name=info.filename or f"document-{number}-v{version}",
    )
    response.headers["Cache-Control"] = "no-store"
    if digest:
        response.headers["Digest"] = f"sha-256={info.sha256}"
    return response
