"""A request gunicorn refuses itself (an over-long URL, a malformed request line, a bad header
name) is logged as the kind of refusal only: nothing of the request's text, which may hold what
someone typed, and not the client's address.

Runs the real server (`ledger serve`: gunicorn, one worker) on embedded SQLite.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from pathlib import Path

from api.serving.gunicorn_logs import INVALID, UNKNOWN, refusal_kind
from tests.api.test_serve import free_port, start_serve

TYPED = b"Quillfeather"  # what someone searched for: must never reach a log


def _raw(port: int, request: bytes) -> bytes:
    """Send bytes no HTTP client library would, and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return answer


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


REFUSED = [  # (request, gunicorn's status, the kind its log line names)
    (
        b"GET /partnerships/x/cases?q=" + TYPED * 400 + b" HTTP/1.1\r\nHost: h\r\n\r\n",
        414,
        "Request Line is too large",
    ),
    (b"GET /cases?q=" + TYPED + b" " + TYPED + b" HTTP/1.1\r\nHost: h\r\n\r\n", 400, "Invalid HTTP Version"),
    (b"GET /cases?q=" + TYPED + b"\r\nHost: h\r\n\r\n", 400, "Invalid HTTP request line"),
    (b"GET / HTTP/1.1\r\nHost: h\r\nX-" + TYPED + b"\x01: v\r\n\r\n", 400, "Invalid HTTP header name"),
    (  # more than limit_request_fields (50): a problem of the worker's own (gunicorn_worker)
        b"GET /?q=" + TYPED + b" HTTP/1.1\r\nHost: h\r\n"
        + b"".join(b"X-%d: " % n + TYPED + b"\r\n" for n in range(51)) + b"\r\n",
        431,
        "limit request headers fields",
    ),
]  # fmt: skip


def test_requests_gunicorn_refuses_are_logged_without_their_text_or_address(
    tmp_path: Path,
) -> None:
    port = free_port()
    server, log = start_serve(tmp_path, port)
    try:
        for _ in range(600):  # up to a minute: the worker imports the app on a busy machine
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        answers = [_raw(port, request) for request, _, _ in REFUSED]
        statuses = [_status(answer) for answer in answers]
        for _ in range(100):  # the worker writes its line after answering
            if log.read_text().count("Invalid request") >= len(REFUSED):
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses == [status for _, status, _ in REFUSED]
    text = log.read_text()
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    refused = [r["event"] for r in records if r.get("event", "").startswith("Invalid request")]
    assert [r.split(" (request_id")[0] for r in refused] == [
        f"Invalid request refused: {kind}" for _, _, kind in REFUSED
    ]
    head, _, body = answers[-1].partition(b"\r\n\r\n")
    assert b"\r\nContent-Type: application/problem+json\r\n" in head
    assert json.loads(body)["request_id"] in refused[-1] and TYPED not in body
    assert TYPED.decode() not in text and "ip=" not in text


def test_an_error_gunicorn_did_not_word_before_is_named_not_quoted() -> None:
    """Another gunicorn (or its C parser) may word an error differently: not one of the known
    kinds, it is named as unknown rather than passed on with whatever it quotes."""
    line = "Invalid request from ip=::1: request line unreadable: 'GET /?q=Quillfeather'"
    found = INVALID.fullmatch(line)
    assert found and refusal_kind(found["error"]) == UNKNOWN
