"""Operators give people sign-in details from the command line; the session key is private."""

from __future__ import annotations

import stat
from pathlib import Path

import pyotp
import pytest
from click.testing import CliRunner

from api.cli import main
from api.web.session import secret_key
from tenants.platform import bootstrap
from tenants.users.passwords import must_choose
from tenants.users.signin import SignInRefused, check_code, check_password, credentials
from tests.conftest import settings_for


def test_an_operator_sets_a_password_and_two_factor_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["users", "add", "ada.admin", "--role", "platform_admin"]).exit_code == 0
    short = run(main, ["users", "set-password", "ada.admin", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    done = run(
        main,
        ["users", "set-password", "ada.admin", "--password-stdin"],
        input="a much longer one\n",
    )
    assert done.exit_code == 0, done.output
    prompted = run(
        main, ["users", "set-password", "ada.admin"], input="typed twice ok\ntyped twice ok\n"
    )
    assert prompted.exit_code == 0, prompted.output
    assert "asked to choose their own" in prompted.output
    secret = run(main, ["users", "enable-2fa", "ada.admin"]).stdout.strip().splitlines()[0]
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        with pytest.raises(SignInRefused):
            check_password(platform.access, "ada.admin", "a much longer one")  # replaced since
        checked = check_password(platform.access, "ada.admin", "typed twice ok")
        assert checked.needs_code
        assert must_choose(platform.access, checked.user.id)  # the operator knows it too
        user = check_code(platform.access, checked.user.id, pyotp.TOTP(secret).now())
        assert user.name == "ada.admin"
    finally:
        platform.close()
    unknown = run(
        main, ["users", "set-password", "nobody", "--password-stdin"], input="long enough pw\n"
    )
    assert unknown.exit_code == 2 and "No user 'nobody'" in unknown.output


def test_the_last_admin_stays_and_a_deactivated_user_is_given_no_way_to_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deactivating the only active platform admin would leave nobody to manage people on the
    pages: refused until there is another. A deactivated user was told a new password and a
    new 2FA secret were set, as if they could sign in with them: refused too."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["users", "add", "ada.admin", "--role", "platform_admin"]).exit_code == 0
    last = run(main, ["users", "deactivate", "ada.admin", "--reason", "left"])
    assert last.exit_code == 2 and "only active platform admin" in last.output
    assert "--role platform_admin" in last.output  # what to do instead
    assert run(main, ["users", "add", "bo.admin", "--role", "platform_admin"]).exit_code == 0
    gone = run(main, ["users", "deactivate", "ada.admin", "--reason", "left"])
    assert gone.exit_code == 0, gone.output

    password = run(
        main, ["users", "set-password", "ada.admin", "--password-stdin"], input="a long password\n"
    )
    two_factor = run(main, ["users", "enable-2fa", "ada.admin"])
    for refused in (password, two_factor):
        assert refused.exit_code == 2 and "is deactivated" in refused.output, refused.output
    assert "otpauth" not in two_factor.output


def test_the_command_line_replaces_no_two_factor_secret_without_a_reset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page refused to replace a secret ("reset it first") while `enable-2fa` replaced it
    silently, stopping the user's codes with no reset recorded: now both refuse."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["users", "add", "ada.admin", "--role", "platform_admin"]).exit_code == 0
    first = run(main, ["users", "enable-2fa", "ada.admin"]).stdout.strip().splitlines()[0]
    again = run(main, ["users", "enable-2fa", "ada.admin"])
    assert again.exit_code == 2 and "already has two-factor: reset it first" in again.output
    assert "otpauth" not in again.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        user = platform.access.user("ada.admin")
        assert credentials(platform.access, user.id).totp_secret == first  # kept
    finally:
        platform.close()
    assert run(main, ["users", "reset-2fa", "ada.admin"]).exit_code == 0
    replaced = run(main, ["users", "enable-2fa", "ada.admin"])
    assert replaced.exit_code == 0 and replaced.stdout.strip().splitlines()[0] != first


def test_the_session_key_is_generated_once_readable_only_by_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEDGER_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) == 64 and secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "web-secret.key").stat().st_mode)
    assert mode == 0o600
    monkeypatch.setenv("LEDGER_SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path) == "from-the-environment"


def test_a_grant_named_twice_is_one_and_a_move_to_no_server_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    assert run(main, ["tenants", "register", "cov", "Cov", "--region", "west-mids"]).exit_code == 0
    added = run(
        main,
        ["users", "add", "jo.auditor", "--role", "auditor", "--tenant", "cov", "--tenant", "cov"],
    )
    assert added.exit_code == 0, added.output
    listed = run(main, ["users", "list"]).output
    assert "cov,cov" not in listed and "cov" in listed
    moved = run(main, ["tenants", "move", "cov", "--to", "notaurl"])
    assert moved.exit_code == 2 and "postgresql://user@host:port/database" in moved.output
    assert "LEDGER_DATABASE_URL" not in moved.output
