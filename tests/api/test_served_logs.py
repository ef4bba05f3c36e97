"""`ledger serve` writes only JSON lines, with no typed personal data or tokens, and /metrics works.

Runs the real server (gunicorn, two workers, the projections child) on embedded SQLite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from adapters.settings import Settings
from domain.recording import acting_as
from tenants.platform import bootstrap
from tenants.users.onboarding import add_user
from tests.api.test_serve import free_port

TYPED = "Zephyrine Quillfeather"  # what an officer typed: must never reach a log


def _call(url: str, token: str, data: dict[str, Any] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode() if data is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


def test_a_served_run_logs_json_lines_without_personal_data_and_serves_metrics(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "LEDGER_DATA_DIR": str(tmp_path / "data")}
    for key in ("LEDGER_DATABASE_URL", "LEDGER_BROKER_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(key, None)
    p = bootstrap(Settings.from_environ(env))
    with acting_as("operator:test"):
        p.registry.create_region("logged-region", "Region")
        p.register_tenant("logged-csp", "Logged CSP", "logged-region")
        add_user(p, "logged.officer", "csp_officer", ("logged-csp",), ())
        token = p.access.issue_token("logged.officer").secret
    p.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-c", "from api.cli import main; main()", "serve", "--port", str(port)]
    server = subprocess.Popen(
        cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        case = {
            "reference": "DHR-LOG-1",
            "incident_on": "2024-01-10",
            "notified_on": "2024-01-20",
            "pseudonym": TYPED,
            "pseudonym_confirmed": True,  # it looks like a full name, on purpose
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        }
        reviews = f"{base}/api/v1/tenants/logged-csp/reviews"
        status, headers = _call(reviews, token, case)
        assert status == 201
        bad, bad_headers = _call(reviews, token, {**case, "incident_on": TYPED})
        assert bad == 422
        _call(f"{reviews}?q={TYPED.replace(' ', '+')}", token)
        metrics = urllib.request.urlopen(f"{base}/metrics", timeout=10).read().decode()
        for _ in range(100):  # the projections child logs its start once it is consuming
            if "projections running" in log.read_text():
                break
            time.sleep(0.1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any(r.get("logger") == "gunicorn.error" for r in records)  # gunicorn's own, as JSON
    assert any("projections running" in r.get("event", "") for r in records)  # the child too
    requests = {r["request_id"]: r for r in records if r.get("event") == "request"}
    created = requests[headers["X-Request-ID"]]
    assert created["route"] == "/api/v1/tenants/<tenant>/reviews"
    assert created["status"] == 201 and created["tenant"] == "logged-csp"
    assert created["user_id"] and created["duration_ms"] >= 0
    assert requests[bad_headers["X-Request-ID"]]["status"] == 422
    text = log.read_text()
    assert TYPED not in text and "Zephyrine" not in text
    assert token not in text and "logged.officer" not in text
    assert (
        'ledger_commands_total{event_type="DomesticHomicideReview.Notified",tenant="logged-csp"}'
        in metrics
    )
    assert (
        'ledger_http_request_duration_seconds_count{method="POST",route="/api/v1/tenants/<tenant>/reviews",status="201"}'
        in metrics
    )
