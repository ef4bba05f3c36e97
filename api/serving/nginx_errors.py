"""nginx's error lines, kept without the request they were about: ``python -m
api.serving.nginx_errors [SOCKET]``.

nginx ends every error it logs about a request with where it happened: ``, client: <address>,
server: …, request: "<the request line>", upstream: "<the URI passed on>", host: …, referrer:
…``. The request line and the upstream URI carry the query string, and a query holds what
people typed (a search for a name); the address is personal data. nginx has no setting to
leave them out, and raising the level (``crit``) would drop the errors themselves, an upstream
that is down among them. So the site (deploy/nginx) sends its error lines to this process over
a local syslog socket, and it writes each one on stdout (journald under systemd, with its
level) cut where nginx's own words end: what failed is kept, the request it was for is not
(the access log, keyed by request id, says which address answered what status).

Run by ``deploy/systemd/ledger-nginx-errors.socket`` (the socket handed over as fd 3), or
given the socket's path to create.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from pathlib import Path

LISTEN_FD = 3  # the first socket systemd passes (sd_listen_fds)
# "<PRI>Dec  5 21:16:36 tag: message", as nginx's syslog writer sends a line (``nohostname``).
SYSLOG = re.compile(
    r"<(?P<pri>\d{1,3})>(?:\w{3} [ \d]\d \d\d:\d\d:\d\d )?(?:\S+: )?(?P<msg>.*)", re.S
)
CONTEXT = ", client: "  # nginx's request context starts here; its message ends before


def scrubbed(datagram: bytes) -> str:
    """The line to keep for one syslog datagram: ``<severity>`` (journald's level prefix) and
    nginx's message without the request context; nothing of a line that is not nginx's."""
    found = SYSLOG.fullmatch(datagram.decode("utf-8", "replace").strip())
    if found is None:
        return "<4>an error line that was not nginx's syslog format was left out"
    message = found["msg"].split(CONTEXT, 1)[0]
    return f"<{int(found['pri']) % 8}>{message}"


def listening(path: str | None) -> socket.socket:
    """systemd's socket when it passed one; else a new one at ``path``, writable by its group
    (nginx's workers' group, e.g. www-data, given as the directory's)."""
    if os.environ.get("LISTEN_FDS") == "1" and os.environ.get("LISTEN_PID") == str(os.getpid()):
        return socket.socket(fileno=LISTEN_FD)
    if path is None:
        sys.exit("give the socket's path, or run it from ledger-nginx-errors.socket")
    Path(path).unlink(missing_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    os.chmod(path, 0o660)
    return sock


def main(argv: list[str]) -> None:
    sock = listening(argv[0] if argv else None)
    while True:
        print(scrubbed(sock.recv(65536)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
