"""`ledger serve` uses the gunicorn settings every install has: a module of the package.

The settings once lived in ``deploy/gunicorn.conf.py``, loaded by a path relative to the
checkout, so an ordinary (non-editable) install silently served without them. Now they are
``api.serving.gunicorn_conf``, imported by name; these tests check that the package build
ships it and that ``serve`` applies it from any working directory.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from pathlib import Path

import pytest
from setuptools import find_packages

from api.cli.serve import GUNICORN_CONF, server

ROOT = Path(__file__).resolve().parents[2]


def test_the_gunicorn_settings_are_a_module_of_a_packaged_package() -> None:
    find = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    packaged = find_packages(str(ROOT), include=find["find"]["include"])
    module = GUNICORN_CONF
    assert module.rsplit(".", 1)[0] in packaged  # what a wheel or sdist of the project holds
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    assert Path(spec.origin).is_relative_to(ROOT / "api")


def test_serve_applies_the_packaged_settings_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing of the checkout is reachable by a relative path
    for name in [n for n in os.environ if n.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)
    cfg = server("127.0.0.1:8123", 3).cfg
    assert (cfg.worker_class_str, cfg.threads, cfg.max_requests) == (
        "api.serving.gunicorn_worker.ProblemRefusingWorker",
        4,
        10000,
    )
    assert cfg.limit_request_fields == 50 and cfg.control_socket_disable is True
    assert (cfg.bind, cfg.workers) == (["127.0.0.1:8123"], 3)
    assert cfg.on_starting.__module__ == GUNICORN_CONF  # the hooks too
