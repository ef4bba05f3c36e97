"""Operators start from nothing with the command line: a region, a tenant, a user, a token."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.app import create_app
from api.cli import main
from tenants.platform import bootstrap
from tenants.recent import DEFAULT_TTL
from tenants.users.account_history import deactivation
from tests.conftest import settings_for


def test_a_script_can_bootstrap_access_and_use_the_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    assert (
        run(
            main, ["tenants", "register", "coventry", "Coventry", "--region", "west-mids"]
        ).exit_code
        == 0
    )
    added = run(main, ["users", "add", "jo.smith", "--role", "csp_officer", "--tenant", "coventry"])
    assert added.exit_code == 0, added.output
    refused = run(main, ["users", "add", "kim", "--role", "csp_officer", "--region", "west-mids"])
    assert refused.exit_code == 2 and "exactly one partnership" in refused.output
    issued = run(main, ["tokens", "issue", "jo.smith"])
    token = issued.stdout.strip().splitlines()[0]
    assert token.startswith("plt_")
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        client = create_app({"PLATFORM": platform}).test_client()
        assert (
            client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()[
                "name"
            ]
            == "jo.smith"
        )
        token_id = run(main, ["tokens", "list", "jo.smith"]).output.split("\t")[0]
        assert run(main, ["tokens", "revoke", "jo.smith", token_id]).exit_code == 0
        # Revoked from another process: the API's answer is reused for at most DEFAULT_TTL.
        deadline = time.monotonic() + DEFAULT_TTL + 2
        while (
            status := client.get(
                "/api/v1/me", headers={"Authorization": f"Bearer {token}"}
            ).status_code
        ) != 401 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status == 401
    finally:
        platform.close()


def test_an_operator_adds_and_retires_a_region_theme_its_tenants_follow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    run(main, ["regions", "create", "west-mids", "West Midlands"])
    run(main, ["tenants", "register", "coventry", "Coventry", "--region", "west-mids"])
    added = run(
        main,
        [
            "themes",
            "add",
            "honour-based-abuse",
            "Honour-based abuse",
            "--region",
            "west-mids",
            "--home-office-code",
            "identification-of-risk",
        ],
    )
    assert added.exit_code == 0, added.output
    retired = run(
        main,
        [
            "themes",
            "retire",
            "honour-based-abuse",
            "--region",
            "west-mids",
            "--reason",
            "Merged",
            "--on",
            "2020-04-01",
        ],
    )
    assert retired.exit_code == 0, retired.output
    assert "2020-04-01" in run(main, ["themes", "list", "--region", "west-mids"]).output
    again = run(
        main,
        ["themes", "retire", "honour-based-abuse", "--region", "west-mids", "--reason", "Merged"],
    )
    assert again.exit_code == 2 and "already retired" in again.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        with platform.ledgers.lease("coventry", writing=False) as ledger:
            assert ledger.themes.retired() == {"honour-based-abuse": date(2020, 4, 1)}
    finally:
        platform.close()


def test_the_command_runs_as_a_module_too() -> None:
    """`python -m api.cli` is `ledger`, for a second checkout whose console script points at
    another copy of the code."""
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "Usage: python -m api.cli" in done.stdout
    assert "tenants" in done.stdout


def test_a_deactivation_reason_from_the_command_line_keeps_the_rule_the_pages_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line has no form or schema in front of it: a reason of thousands of
    characters, or one whose bidirectional override makes the admin page read otherwise than
    what is stored, was kept. Refused as the page and the API refuse them; nothing changes."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["users", "add", "jo.smith", "--role", "national_analyst"]).exit_code == 0
    deactivate = ["users", "deactivate", "jo.smith", "--reason"]
    bidi = run(main, [*deactivate, "\u202eDETFEL\u202c left"])
    assert bidi.exit_code == 2, bidi.output
    assert "bidirectional override (U+202E at character 1)" in bidi.output
    long = run(main, [*deactivate, "x" * 3000])
    assert long.exit_code == 2 and "3,000 characters; keep it to 500" in long.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        assert platform.access.user("jo.smith").active
    finally:
        platform.close()
    done = run(main, [*deactivate, " left the team "])
    assert done.exit_code == 0, done.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        user = platform.access.user("jo.smith")
        assert not user.active
        gone = deactivation(platform.access, user.id)
        assert gone is not None and gone.reason == "left the team"
    finally:
        platform.close()


def test_an_operator_changes_a_users_grants_and_their_token_follows_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same user, moved from one partnership to another from the command line (another
    process than the API's): their next request reaches the new one and not the old."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    for slug, name in (("coventry", "Coventry"), ("solihull", "Solihull")):
        made = run(main, ["tenants", "register", slug, name, "--region", "west-mids"])
        assert made.exit_code == 0, made.output
    add = ["users", "add", "jo.smith", "--role", "csp_officer", "--tenant", "coventry"]
    assert run(main, add).exit_code == 0
    token = run(main, ["tokens", "issue", "jo.smith"]).stdout.strip().splitlines()[0]
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        client = create_app({"PLATFORM": platform}).test_client()
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/tenants/coventry/reviews", headers=auth).status_code == 200
        change = ["users", "change-grants", "jo.smith", "--role", "csp_lead"]
        refused = run(main, [*change, "--region", "west-mids"])
        assert refused.exit_code == 2 and "exactly one partnership" in refused.output
        moved = run(main, [*change, "--tenant", "solihull"])
        assert moved.exit_code == 0, moved.output
        assert "jo.smith is now csp_lead for solihull" in moved.output
        assert client.get("/api/v1/tenants/coventry/reviews", headers=auth).status_code == 404
        assert client.get("/api/v1/tenants/solihull/reviews", headers=auth).status_code == 200
        me = client.get("/api/v1/me", headers=auth).get_json()
        assert (me["role"], me["tenants"]) == ("csp_lead", ["solihull"])
    finally:
        platform.close()
    listed = run(main, ["users", "list"]).output
    assert "jo.smith\tjo.smith\tcsp_lead\tsolihull\tactive" in listed


def test_users_add_asks_a_person_at_a_terminal_for_the_full_name_and_tells_a_script_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --display-name the person was shown and emailed as their user name ("Dear
    sam.jones"), though the page that adds a person asks their full name first. A script still
    adds them (greeted "Hello,"), and hears how to give one."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    scripted = run(main, ["users", "add", "kim.lee", "--role", "national_analyst"])
    assert scripted.exit_code == 0 and "(kim.lee) added" in scripted.stdout
    assert 'ledger users rename kim.lee "Jo Smith"' in scripted.stderr

    command = [sys.executable, "-m", "api.cli", "users", "add", "sam.jones"]
    leader, follower = pty.openpty()  # a real terminal, as an operator's
    with subprocess.Popen(
        [*command, "--role", "national_analyst"], stdin=follower, stdout=follower, stderr=follower
    ) as typing:
        os.close(follower)
        said = _read_until(leader, b"full name")
        assert b"full name" in said, said
        os.write(leader, b"Sam Jones\n")
        assert typing.wait(timeout=60) == 0
        said += _read_until(leader, b"added")
    os.close(leader)
    assert b"sam.jones (Sam Jones) added" in said, said
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        assert platform.access.user("sam.jones").display_name == "Sam Jones"
    finally:
        platform.close()


def _read_until(terminal: int, words: bytes) -> bytes:
    """What the command writes to its terminal, up to ``words`` or its end (EIO, once the
    command has gone and everything written is read)."""
    said = b""
    while words not in said:
        try:
            said += os.read(terminal, 1024)
        except OSError:
            break
    return said
