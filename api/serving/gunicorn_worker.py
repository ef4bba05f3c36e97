"""gunicorn's threaded worker, answering a request with too many header fields with a problem.

nginx refuses over-long request lines and header lines itself, with problems of its own
(deploy/nginx), but it cannot count header fields: a request with more than gunicorn's
``limit_request_fields`` reached gunicorn, whose answer is a bare HTML page, the one refusal
of the service that was not ``application/problem+json``. This worker answers it as nginx's
refusals are answered: the same shape, a request id (made here: the request's own
``X-Request-ID`` may be among the fields never read), and nothing of the request quoted. The
id is in the worker's log line, so an operator can find it. Every other refusal is gunicorn's
own (nginx sends gunicorn none of them).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders
from gunicorn.workers.gthread import ThreadWorker

from api.serving.gunicorn_logs import refusal_kind

TOO_MANY = "limit request headers fields"  # gunicorn's words for the count, not the size


def too_large_headers(error: LimitRequestHeaders, most: int, request_id: str) -> bytes:
    """The whole HTTP answer to a request whose header fields gunicorn would not read."""
    detail = (
        f"The request has more header fields than this service reads ({most}): send fewer "
        "(a proxy or browser extension may be adding them) and try again."
        if str(error) == TOO_MANY
        else "The request's header fields are too large: send fewer or shorter ones and try again."
    )
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Request Header Fields Too Large",
            "status": 431,
            "detail": detail,
            "request_id": request_id,
        }
    ).encode()
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
        f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class ProblemRefusingWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker, but for the answer to too many header fields."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if not isinstance(exc, LimitRequestHeaders):
            super().handle_error(req, client, addr, exc)
            return
        request_id = uuid.uuid4().hex
        self.log.warning(  # as ``gunicorn_logs`` words a refusal, with the id the client has
            "Invalid request refused: %s (request_id %s)", refusal_kind(str(exc)), request_id
        )
        try:
            answer = too_large_headers(exc, self.cfg.limit_request_fields, request_id)
            util.write_nonblock(client, answer)
        except Exception:
            self.log.debug("Failed to send error message.")
