"""What an operator gets wrong at the command line ends in one line saying what to do next,
exit status 2 and no traceback, and changes nothing: a database that does not answer, a master
key left out or another platform's, a data folder that is a file, a slug mistyped."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from adapters.crypto.master import format_master_key
from adapters.crypto.sealed import new_key
from api.cli import main
from tenants.backup import backup_tenant
from tenants.platform import bootstrap
from tests.conftest import settings_for, store_env, use_store
from tests.integration.test_audit_seals import tenant_with_cases


def one_line(result: Result) -> str:
    """The refusal: exit status 2, one line on standard error, not an exception."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sqlite_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDGER_MASTER_KEY", raising=False)
    monkeypatch.delenv("LEDGER_MASTER_KEY_FILE", raising=False)
    return tmp_path / "data"


@pytest.mark.parametrize(
    "command",
    [
        ["tenants", "list"],
        ["users", "list"],
        ["regions", "list"],
        ["regions", "create", "west-mids", "West Midlands"],
        ["projections", "status"],
    ],
)
def test_a_database_that_does_not_answer_is_named_in_one_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that is down (or a port mistyped) was a traceback ten seconds later, from the
    connection pool, or from the command's first read, by way of the library's internals."""
    port = free_port()
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LEDGER_DATABASE_URL", f"postgresql://ops@127.0.0.1:{port}/ledger")
    said = one_line(CliRunner().invoke(main, command))
    assert f"LEDGER_DATABASE_URL (ops@127.0.0.1:{port}/ledger)" in said
    assert "refused" in said and "run the command again" in said


@pytest.mark.postgres
def test_a_database_not_created_yet_is_said_so(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + f"/never_created_{free_port()}"
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LEDGER_DATABASE_URL", missing)
    said = one_line(CliRunner().invoke(main, ["tenants", "list"]))
    assert "does not exist" in said and "never_created_" in said


def test_a_data_folder_that_is_a_file_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_file = tmp_path / "ledger.conf"
    a_file.write_text("not a folder\n")
    monkeypatch.setenv("LEDGER_DATA_DIR", str(a_file))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    said = one_line(CliRunner().invoke(main, ["users", "list"]))
    assert "is a file, not a folder" in said


def test_a_missing_master_key_is_one_line_for_every_command(sqlite_data: Path) -> None:
    """`users list` (among others) had no error handling of its own: a master key left out of
    the environment was a traceback through the library's deserialiser."""
    run = CliRunner().invoke
    assert run(main, ["users", "add", "jo.smith", "--role", "national_analyst"]).exit_code == 0
    (sqlite_data / "master.key").rename(sqlite_data.parent / "master.key.kept")
    said = one_line(run(main, ["users", "list"]))
    assert "master key is missing" in said and "LEDGER_MASTER_KEY" in said


@pytest.mark.parametrize("key", ["another platform's", "left out"])
def test_a_tenant_is_not_registered_without_the_platforms_master_key(
    key: str, store_kind: str, tmp_path: Path, postgres_url: str, unique: Callable[[str], str]
) -> None:
    """Registering a partnership made its data key with whatever master key was at hand: with
    another platform's, the store was made and said ready, yet the platform's own key could
    never open it; with none, the tenant was registered without its store and could not be
    registered again once the key was put back ("already exists")."""
    region, slug = unique("west-mids"), unique("coventry")
    settings = settings_for(store_kind, tmp_path, postgres_url)
    p = bootstrap(settings)
    try:
        p.registry.create_region(region, region)
        p.register_tenant(unique("dudley"), unique("Dudley"), region)
    finally:
        p.close()
    with_the_key: dict[str, str | None] = {**store_env(settings)}
    env = {**with_the_key, "LEDGER_MASTER_KEY": format_master_key(new_key())}
    if key == "left out":
        env |= {"LEDGER_MASTER_KEY": None, "LEDGER_MASTER_KEY_FILE": str(tmp_path / "none.key")}
    register = ["tenants", "register", slug, "Coventry", "--region", region]
    said = one_line(CliRunner(env=env).invoke(main, register))
    assert "master key" in said and "LEDGER_MASTER_KEY" in said
    p = bootstrap(settings)
    try:
        assert slug not in {t.slug for t in p.registry.tenants()}  # nothing changed
    finally:
        p.close()
    done = CliRunner(env=with_the_key).invoke(main, register)
    assert done.exit_code == 0, done.output
    assert CliRunner(env=with_the_key).invoke(main, ["keys", "list", slug]).exit_code == 0


@pytest.mark.parametrize("command", ["seal", "verify"])
def test_a_mistyped_tenant_among_several_is_refused_before_any_is_sealed(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unique: Callable[[str], str]
) -> None:
    """`audit seal coventry covnetry` sealed coventry, then stopped at the typo with exit 2:
    a run done in part, and with --anchor an empty anchor file left behind."""
    settings = settings_for("sqlite", tmp_path, "")
    use_store(monkeypatch, settings)
    p = bootstrap(settings)
    try:
        p.registry.create_region("west-mids", "West Midlands")
        p.register_tenant("coventry", "Coventry", "west-mids")
    finally:
        p.close()
    anchor = tmp_path / "anchor.jsonl"
    args = ["audit", command, "coventry", "covnetry"]
    result = CliRunner().invoke(main, [*args, *(["--anchor", str(anchor)] * (command == "seal"))])
    said = one_line(result)
    assert "No tenant 'covnetry'" in said
    assert "coventry" not in result.stdout  # neither sealed nor verified
    assert not anchor.exists()
    p = bootstrap(settings)
    try:
        assert p.audit.seals("coventry") == ()
    finally:
        p.close()


def every_command(group: click.Group = main, path: tuple[str, ...] = ()) -> Iterator[Any]:
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))


def test_every_command_and_option_says_what_it_is_for() -> None:
    """An operator meeting `ledger tenants suspend --reason TEXT [required]` or
    `ledger tenants backup -o FILE [required]` had to read the code to know what to give."""
    unexplained = [
        f"ledger {' '.join(path)} {'/'.join(option.opts)}"
        for path, command in every_command()
        for option in command.params
        if isinstance(option, click.Option) and option.name != "help" and not option.help
    ]
    assert unexplained == []
    assert [" ".join(path) for path, command in every_command() if not command.help] == []


def test_the_examples_in_the_help_work(sqlite_data: Path) -> None:
    """`ledger users add jo --role csp_officer --tenant coventry`, as `users add --help` gave
    it, was refused: a user name has at least three characters. Each example is run, in order,
    on a platform with the region and partnership they name."""
    run = CliRunner().invoke
    examples = [
        shlex.split(example)[1:]
        for path, command in every_command()
        if path[0] in ("regions", "users")
        for example in re.findall(r"`(ledger [^`]+)`", command.help or "")
    ]
    assert len(examples) >= 5, examples
    order = ["regions", "add", "change-grants", "rename", "set-email"]
    for example in sorted(examples, key=lambda e: order.index(e[1] if e[1] in order else e[0])):
        if example[:2] == ["users", "add"]:  # the partnership it names, in the region made above
            register = ["tenants", "register", "coventry", "Coventry", "--region", "west-midlands"]
            assert run(main, register).exit_code == 0
        done = run(main, example)
        assert done.exit_code == 0, (example, done.output)


def test_a_mistyped_region_points_at_the_list_not_at_making_another(sqlite_data: Path) -> None:
    """A typo'd region said only "create it first with `ledger regions create`": followed, it
    makes a second region beside the one the operator meant."""
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    said = one_line(run(main, ["tenants", "register", "coventry", "Coventry", "--region", "wst"]))
    assert "No region 'wst'" in said and "`ledger regions list` shows them" in said
    assert run(main, ["tenants", "list"]).stdout == ""


def test_a_backup_a_restore_and_a_seal_say_each_step_as_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backing up a partnership verifies its whole history before it seals, and a restore
    verifies it again: with years of events each ran silent for minutes, like a hang."""
    settings = settings_for("sqlite", tmp_path, "")
    use_store(monkeypatch, settings)
    p = bootstrap(settings)
    try:
        slug = tenant_with_cases(p, lambda s: s)
    finally:
        p.close()
    run = CliRunner().invoke
    backup = tmp_path / "tenant.backup"
    done = run(main, ["tenants", "backup", slug, "-o", str(backup)])
    assert done.exit_code == 0, done.output
    assert f"sealing {slug}: verifying its history first..." in done.stderr
    assert f"copying {slug}'s store..." in done.stderr
    restored = run(main, ["tenants", "restore", str(backup), "--as", "a-copy"])
    assert restored.exit_code == 0, restored.output
    assert "events against its seals..." in restored.stderr
    sealed = run(main, ["audit", "seal", slug])
    assert sealed.exit_code == 0 and f"sealing {slug}" in sealed.stderr


def test_serve_names_a_database_that_does_not_answer_before_starting_workers(
    tmp_path: Path,
) -> None:
    """Each gunicorn worker failed to boot with a traceback after the pool's ten seconds, and
    the projections child said the error over and over, before `ledger serve` gave up."""
    port = free_port()
    env = {**os.environ, "LEDGER_DATA_DIR": str(tmp_path / "data")}
    env["LEDGER_DATABASE_URL"] = f"postgresql://ops@127.0.0.1:{port}/ledger"
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: cannot use the PostgreSQL database in LEDGER_DATABASE_URL (ops@127.0.0.1:{port}"
        "/ledger): Connection refused. Check the address, that the server is up and that the "
        "database exists, then run the command again."
    ]


def test_a_mistyped_user_is_said_before_the_password_is_typed_twice(sqlite_data: Path) -> None:
    run = CliRunner().invoke
    assert run(main, ["users", "add", "jo.smith", "--role", "national_analyst"]).exit_code == 0
    typed = "a-long-enough-password\n" * 2
    asked = run(main, ["users", "set-password", "jo.smtih"], input=typed)
    assert "No user 'jo.smtih'" in one_line(asked) and "New password" not in asked.output
    piped = one_line(run(main, ["users", "set-password", "jo.smtih", "--password-stdin"]))
    assert "No user 'jo.smtih'" in piped  # not "a password needs at least 10 characters"


def test_the_nightly_backup_fails_when_the_tenants_cannot_be_listed(tmp_path: Path) -> None:
    """`for slug in $(ledger tenants list | cut -f1)` ignores the command's failure: with a
    setting mistyped in ledger.env the night backed up no tenant and said "backed up to ...",
    exit 0, so no alert went out."""
    data = tmp_path / "data"
    p = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        p.registry.create_region("nightly", "Nightly")
        p.register_tenant("first-csp", "First", "nightly")
    finally:
        p.close()
    env = {**os.environ, "LEDGER_DATA_DIR": str(data), "LEDGER_OPEN_TENANTS": "all"}
    env["LEDGER_BIN"] = str(Path(sys.executable).parent / "ledger")
    env.pop("LEDGER_DATABASE_URL", None)
    deploy = Path(__file__).resolve().parents[2] / "deploy"
    done = subprocess.run(
        ["sh", str(deploy / "backup-tenants.sh"), str(tmp_path / "backups")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "LEDGER_OPEN_TENANTS" in done.stderr and "no tenant was backed up" in done.stderr
    assert "backed up to" not in done.stdout
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


@pytest.mark.postgres
def test_a_restore_to_a_server_that_does_not_answer_is_not_blamed_on_the_platforms(
    tmp_path: Path,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    unique: Callable[[str], str],
) -> None:
    """A server given with --to that does not answer was reported as "cannot use the database
    in LEDGER_DATABASE_URL": the operator would look at the platform's, which is fine."""
    settings = settings_for("postgres", tmp_path, postgres_url)
    use_store(monkeypatch, settings)
    p = bootstrap(settings)
    try:
        slug = tenant_with_cases(p, unique, cases=1)
        backup_tenant(p, slug, tmp_path / "tenant.backup")
    finally:
        p.close()
    copy = unique("copy")
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/elsewhere"
    restore = ["tenants", "restore", str(tmp_path / "tenant.backup"), "--as", copy, "--to", dead]
    said = one_line(CliRunner().invoke(main, restore))
    assert "stopped answering" in said and "(--to)" in said
    p = bootstrap(settings)
    try:
        assert copy not in {t.slug for t in p.registry.tenants()}
    finally:
        p.close()


def test_an_empty_platform_says_where_it_looked(sqlite_data: Path) -> None:
    """A mistyped LEDGER_DATA_DIR made an empty platform, and `tenants list` printed nothing."""
    listed = CliRunner().invoke(main, ["tenants", "list"])
    assert listed.exit_code == 0 and listed.stdout == ""  # scripts read stdout: none listed
    assert "no tenants are registered here; check that LEDGER_DATA_DIR" in listed.stderr
