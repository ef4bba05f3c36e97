"""Jinja's templates compiled once per test process instead of once per app.

Each test builds an app of its own, and each app's Jinja environment compiled every template
it rendered afresh: lexing, parsing and generating Python for GOV.UK Frontend's macros took
about half of a page test's time. Jinja's bytecode cache is its own answer to this (made for
sharing compiled templates between processes); here every app of a test process shares one
held in memory. A template is looked up by its name and file and used only while its source
is unchanged (Jinja checks a checksum), so what every page renders is the same.

Tests only: the service builds one app per process and never compiles a template twice.
"""

from __future__ import annotations

from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class SharedInMemory(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._compiled.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def install() -> None:
    Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": SharedInMemory()}
