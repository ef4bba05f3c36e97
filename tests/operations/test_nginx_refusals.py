"""deploy/nginx refuses an over-long address, an over-long header and a request it cannot read
itself, before gunicorn, with a problem of its own; what gunicorn takes still reaches the app;
and nothing of a refused request reaches either's log.

Runs the site (ports moved onto loopback) in the nginx binary tests/services.sh unpacks, in
front of the real server (`ledger serve`: gunicorn, one worker) on embedded SQLite.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.api.test_serve import free_port, start_serve
from tests.operations.test_deploy_files import DEPLOY, nginx_binary, nginx_config

TYPED = "Quillfeather"  # what someone searched for: must never reach a log
GUNICORN_LINE_LIMIT = 4094  # api/serving/gunicorn_conf.py's limit_request_line
GUNICORN_FIELDS_LIMIT = 50  # and its limit_request_fields
MB = 1024 * 1024


def _site(https: int, http: int, upstream: int, errors: Path) -> str:
    site = (DEPLOY / "nginx" / "partnership-ledger.conf").read_text()
    site = re.sub(r"^\s*listen \[::\]:.*\n", "", site, flags=re.M)  # no IPv6 needed here
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("/run/ledger-nginx-errors.sock", str(errors))
    return site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")


def _send(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Bytes no HTTP client library would send, over TLS; the status, headers and body."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="ledger.test") as s:
            s.sendall(request)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
                if _complete(answer):  # not waiting out nginx's lingering close after a 413
                    break
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split(" ")[1]), headers, body


def _complete(answer: bytes) -> bool:
    head, found, body = answer.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length: *(\d+)", head)
    return bool(found and length and len(body) >= int(length[1]))


def _post(path: str, length: int, body: bytes = b"", *headers: str) -> bytes:
    """A POST announcing ``length`` bytes of body, sending only ``body``."""
    extra = "".join(f"{h}\r\n" for h in headers)
    return (
        f"POST {path} HTTP/1.1\r\nHost: ledger.test\r\nContent-Length: {length}\r\n{extra}"
        "Connection: close\r\n\r\n"
    ).encode() + body


def _get(path: str, *headers: str) -> bytes:
    extra = "".join(f"{h}\r\n" for h in headers)
    return f"GET {path} HTTP/1.1\r\nHost: ledger.test\r\n{extra}Connection: close\r\n\r\n".encode()


def _line_of(length: int) -> str:
    """A path whose request line (``GET <path> HTTP/1.1``) is ``length`` characters long."""
    path = f"/api/v1/nothing-here?q={TYPED}+"
    return path + "x" * (length - len(path) - len("GET  HTTP/1.1"))


@pytest.mark.services  # the nginx binary tests/services.sh unpacks
def test_nginx_refuses_what_gunicorn_would_answer_in_html_with_a_problem_of_its_own(
    tmp_path: Path,
) -> None:
    upstream, https, http = free_port(), free_port(), free_port()
    (tmp_path / "served").mkdir()
    server, served_log = start_serve(tmp_path / "served", upstream)
    errors = Path(tempfile.mkdtemp(dir="/tmp")) / "errors.sock"  # a socket's path is short
    errors_log = tmp_path / "nginx-errors.log"
    with errors_log.open("wb") as out:
        scrubber = subprocess.Popen(
            [sys.executable, "-m", "api.serving.nginx_errors", str(errors)], stdout=out
        )
    for _ in range(300):
        if errors.exists():
            break
        time.sleep(0.1)
    conf = nginx_config(
        tmp_path, _site(https, http, upstream, errors), "daemon off;\nmaster_process off;\n"
    )
    nginx = subprocess.Popen(
        [nginx_binary(), "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE
    )
    try:
        for _ in range(600):  # up to a minute: the worker imports the app on a busy machine
            try:
                if _send(https, _get("/healthz"))[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        reached = _send(https, _get(_line_of(3000)))
        too_long = _send(https, _get(_line_of(GUNICORN_LINE_LIMIT - 500)))
        far_too_long = _send(https, _get(_line_of(GUNICORN_LINE_LIMIT + 500)))
        big_header = _send(https, _get("/healthz", f"X-Search: {TYPED}{'x' * 3500}"))
        unreadable = _send(https, f"GET /cases?q={TYPED} {TYPED} HTTP/1.1\r\n\r\n".encode())
        fields = [f"X-Field-{n}: {TYPED}" for n in range(GUNICORN_FIELDS_LIMIT + 1)]
        many_fields = _send(https, _get(f"/healthz?q={TYPED}", *fields))
        too_large = _send(https, _post(f"/api/v1/tenants/x/cases?q={TYPED}", 2 * MB))
        upload = f"/partnerships/x/cases/y/documents?q={TYPED}"
        upload_too_large = _send(https, _post(upload, 30 * MB))
        bad_chunk = "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n"
        unreadable_upload = _send(
            https, f"POST {upload} HTTP/1.1\r\nHost: h\r\n{bad_chunk}".encode()
        )
        with socket.create_connection(("127.0.0.1", http), timeout=10) as clear:
            clear.sendall(_post(f"/cases?q={TYPED}", 2 * MB))  # the port-80 server's errors too
            clear.recv(65536)
        server.terminate()
        server.wait(timeout=30)
        upstream_down = _send(https, _get(f"/cases?q={TYPED}"))
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)
        time.sleep(0.5)  # the scrubber's last lines
        scrubber.terminate()
        scrubber.wait(timeout=30)
        shutil.rmtree(errors.parent)

    status, headers, body = reached  # nginx passed it on: the app's own 404 problem
    assert status == 404 and json.loads(body)["instance"].startswith("/api/v1/nothing-here")
    for (status, headers, body), expected in (
        (too_long, 414),  # gunicorn would have taken this one: nginx's limit is below it
        (far_too_long, 414),
        (big_header, 400),
        (unreadable, 400),
        (many_fields, 431),  # nginx cannot count them: gunicorn's worker answers
        (too_large, 413),
        (upload_too_large, 413),
        (unreadable_upload, 400),  # the upload address keeps the server's 400 page
    ):
        assert status == expected and headers["content-type"] == "application/problem+json"
        problem = json.loads(body)
        assert problem["status"] == expected and problem["detail"] and problem["request_id"]
        assert headers["strict-transport-security"]  # the site's headers on its refusals too
        assert TYPED.encode() not in body
    assert "1 MB" in json.loads(too_large[2])["detail"]  # the limit that refused it
    assert "21 MB" in json.loads(upload_too_large[2])["detail"]
    logs = [served_log, tmp_path / "partnership-ledger.access.log", tmp_path / "error.log"]
    for log in [*logs, errors_log]:
        assert TYPED not in log.read_text(), log.name
    assert "127.0.0.1" not in errors_log.read_text()  # nor the client's address
    kept = errors_log.read_text().splitlines()  # but what went wrong, each at its level
    assert upstream_down[0] == 502 and any(
        line.startswith("<3>") and "while connecting to upstream" in line for line in kept
    ), kept
    assert sum("client intended to send too large body" in line for line in kept) == 3, kept
    refused = [line for line in served_log.read_text().splitlines() if "Invalid request" in line]
    assert len(refused) == 1 and "limit request headers fields" in refused[0]  # only that one
    assert json.loads(many_fields[2])["request_id"] in refused[0]  # the id finds its line
