"""gunicorn's own log lines about a request, with nothing the client sent in them.

gunicorn answers a request it cannot parse itself (a malformed request line, an over-long
URL, a bad header: 400, 414, 431, 501) and logs ``Invalid request from ip=<address>: <what
was wrong>``, where what was wrong quotes the request line or header it stopped at
(``Invalid HTTP request line: 'GET /partnerships/x/cases?q=<what someone searched for>'``).
A query holds what people typed and an address is personal data: neither may reach a log.
gunicorn builds those lines itself (``Worker.handle_error``, gunicorn 27), so the logger it
is given (the ``logger_class`` setting) rewrites them: the kind of refusal, named from a fixed
list, and never the text. In production nginx refuses such requests first (deploy/nginx).
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

INVALID = re.compile(r"Invalid request from ip=\S*: (?P<error>.*)", re.S)
# How gunicorn's errors (gunicorn/http/errors.py) begin, before any text of the request.
KINDS = (
    "Invalid HTTP request line",
    "Invalid HTTP method",
    "Invalid HTTP Version",
    "Invalid HTTP Header",
    "Invalid HTTP header name",
    "Obsolete line folding is unacceptable",
    "Unsupported transfer coding",
    "Invalid chunk size",
    "Invalid chunk terminator",
    "Invalid chunk extension",
    "Request Line is too large",
    "limit request headers fields size",
    "limit request headers fields",
    "limit request trailer section size",
    "max buffer headers",
    "Unable to comply with expectation",
    "Invalid PROXY line",
    "Invalid PROXY header",
    "Proxy request from",
    "Contradictory scheme headers",
    "Expected HTTP/2 connection preface",
    "Configuration problem",
)
UNKNOWN = "a request gunicorn could not read"
HANDLING = "Error handling request"  # followed by the method and the URI, query and all
DISCONNECTED = "Ignored premature client disconnection. %s"  # %s: the bytes received so far


def refusal_kind(error: str) -> str:
    """What was wrong, in gunicorn's words from ``KINDS`` only: a new or reworded error
    (another gunicorn, its C parser) is named ``UNKNOWN`` rather than quoted."""
    return next((kind for kind in KINDS if error.startswith(kind)), UNKNOWN)


class RequestTextKeptOut(Logger):
    """gunicorn's logger with the request's text and the client's address left out."""

    def warning(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        found = INVALID.fullmatch(msg) if isinstance(msg, str) else None
        if found:
            msg, args = "Invalid request refused: %s", (refusal_kind(found["error"]),)
        super().warning(msg, *args, **kwargs)

    def exception(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(msg, str) and msg.startswith(HANDLING):
            msg, args = HANDLING, ()  # the traceback says where; the URI is not needed
        super().exception(msg, *args, **kwargs)

    def debug(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        if msg == DISCONNECTED:
            msg, args = "Ignored premature client disconnection.", ()
        super().debug(msg, *args, **kwargs)
