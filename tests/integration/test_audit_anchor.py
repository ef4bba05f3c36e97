"""The seal store and the platform's own stores cannot be altered unnoticed, on both stores.

A person with the database could delete a tenant's seals along with an edit of the history
they vouched for: verify found "0 seals" and called it intact. Each `ledger audit seal --anchor
FILE` run now appends a line kept outside the service, and `verify --anchor FILE` finds the
seals gone and checks the history against the links the line holds. The registry, users and
seals are chained, sealed and verified as tenants are (``store:...``).
"""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner, Result
from psycopg.sql import SQL, Identifier

from adapters.stores import PostgresStores, SQLiteStores
from api.cli import main
from domain.audit import AuditSeal
from tenants.audit import verify_against
from tenants.learning.agreements import ResearchAgreements
from tenants.model import Tenant
from tenants.platform import AUDIT_AREA, PLATFORM_AREA, Platform
from tenants.registry import TenantRegistry
from tests.conftest import fresh_database, use_store
from tests.integration.test_audit_seals import add_case, tenant_with_cases
from tests.integration.test_audit_tampering import tamper as tamper_tenant
from tests.integration.test_platform_texts import old_platform

__all__ = ["old_platform"]  # a fixture: the platform of 2026-12-05, words kept in clear


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of each test's own: these tests alter the platform's stores, which every
    test sharing a database would otherwise meet."""
    with fresh_database("ledger_anchor") as url:
        yield url


@pytest.fixture
def ledger(platform: Platform, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``ledger ...`` on the test's store, with no anchor from the environment."""
    use_store(monkeypatch, platform.settings)
    monkeypatch.delenv("LEDGER_AUDIT_ANCHOR", raising=False)
    return lambda *words: CliRunner().invoke(main, list(words))


def tamper_platform(platform: Platform, area: str, app: str, *statements: str) -> None:
    """SQL behind the application's back on one of the platform's events tables, ``{table}``
    (on SQLite the area's one table, on PostgreSQL the application's)."""
    if isinstance(platform.stores, SQLiteStores):
        with sqlite3.connect(platform.stores.path(area), isolation_level=None) as conn:
            for sql in statements:
                conn.execute(sql.format(table="stored_events"))
        return
    assert isinstance(platform.stores, PostgresStores)
    target = SQL("{}.{}").format(Identifier(area), Identifier(f"{app}_events"))
    with platform.stores.shared.transaction(commit=True) as curs:
        for sql in statements:
            curs.execute(SQL(sql.replace("{table}", "{t}")).format(t=target))


def store_name(platform: Platform, area: str, app: str) -> str:
    """How seal and verify name a platform store: by its area on SQLite (one table each), by
    area and application on PostgreSQL."""
    return f"store:{area}" if isinstance(platform.stores, SQLiteStores) else f"store:{area}/{app}"


def _lines(result: Result) -> dict[str, str]:
    return {line.split("\t")[0]: line for line in result.output.splitlines() if "\t" in line}


def _id(platform: Platform, record: UUID) -> str:
    """A record id as the store's column holds it (SQLite: hex; PostgreSQL: a uuid)."""
    return record.hex if isinstance(platform.stores, SQLiteStores) else str(record)


def test_seals_deleted_with_an_edit_of_their_history_are_found_through_the_anchor(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
) -> None:
    anchor = str(tmp_path / "outside" / "anchor.jsonl")
    (tmp_path / "outside").mkdir()
    slug = tenant_with_cases(platform, unique)
    assert ledger("audit", "seal", "--anchor", anchor).exit_code == 0
    with platform.ledgers.lease(slug) as lg:
        add_case(lg, 50)
    assert ledger("audit", "seal", "--anchor", anchor).exit_code == 0
    assert len(platform.audit.seals(slug)) == 2

    untouched = ledger("audit", "verify", "--anchor", anchor)
    assert untouched.exit_code == 0, untouched.output
    assert _lines(untouched)[slug].startswith(f"{slug}\tintact\t")
    assert f"Checked against the anchor {anchor}: 2 lines" in untouched.output
    assert "ALTERED" not in untouched.output

    seals = _id(platform, AuditSeal.create_id(slug))
    tamper_platform(
        platform,
        AUDIT_AREA,
        "platform_audit",
        f"DELETE FROM {{table}} WHERE originator_id = '{seals}'",
    )
    tamper_tenant(
        platform, slug, "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = 2",
    )  # fmt: skip
    platform.audit.close()  # its cached seals are the ones deleted

    without = ledger("audit", "verify", slug)  # what the finding was: "intact, 0 seals"
    assert _lines(without)[slug].startswith(f"{slug}\tintact\t"), without.output
    assert "0 seals" in _lines(without)[slug]
    assert (
        "The seal store itself was not checked against an anchor: seals deleted from the "
        "database with the events they vouched for would go unnoticed."
    ) in without.output

    found = ledger("audit", "verify", "--anchor", anchor)

    assert found.exit_code == 1, found.output
    assert _lines(found)[slug].startswith(f"{slug}\tALTERED at or before position "), found.output
    assert (
        f"the seal store holds 0 seals of {slug}, where the anchor recorded 2 on "
    ) in found.output
    assert "the link the anchor holds for position" in found.output
    seal_store = store_name(platform, AUDIT_AREA, "platform_audit")
    assert _lines(found)[seal_store].startswith(f"{seal_store}\tALTERED"), found.output

    refused = ledger("audit", "seal", slug, "--anchor", anchor)  # nor is the edit sealed over
    assert refused.exit_code == 1 and f"{slug}\tNOT SEALED" in refused.output, refused.output
    assert f"the seal store holds 0 seals of {slug}" in refused.output


def test_seals_rewritten_to_match_an_edited_history_are_found_through_the_anchor(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
) -> None:
    """Someone who edits a history and writes the new links into its seals leaves every seal
    matching: only the links kept outside show it."""
    anchor = str(tmp_path / "anchor.jsonl")
    slug = tenant_with_cases(platform, unique)
    assert ledger("audit", "seal", "--anchor", anchor).exit_code == 0
    (old,) = platform.audit.seals(slug)
    tamper_tenant(
        platform, slug, "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = 1",
    )  # fmt: skip
    platform.ledgers.forget(slug)
    with platform.ledgers.lease(slug, writing=False) as lg:
        new = verify_against(lg, ()).head_link
    tamper_platform(
        platform,
        AUDIT_AREA,
        "platform_audit",
        f"UPDATE {{table}} SET state = {_replaced(platform, old.link, new)} "
        f"WHERE originator_id = '{_id(platform, AuditSeal.create_id(slug))}'",
    )
    platform.audit.close()

    plain = ledger("audit", "verify", slug)
    assert _lines(plain)[slug].startswith(f"{slug}\tintact\t"), plain.output  # seals forged

    found = ledger("audit", "verify", slug, "--anchor", anchor)

    assert found.exit_code == 1, found.output
    assert f"the seal store no longer holds the 1 seal of {slug} the anchor" in found.output
    assert "the link the anchor holds for position" in found.output


def _replaced(platform: Platform, old: str, new: str) -> str:
    if isinstance(platform.stores, SQLiteStores):
        return f"CAST(replace(CAST(state AS TEXT), '{old}', '{new}') AS BLOB)"
    return f"convert_to(replace(convert_from(state, 'UTF8'), '{old}', '{new}'), 'UTF8')"


@pytest.mark.parametrize("tampering", ["delete", "edit"])
def test_a_row_of_the_platforms_registry_deleted_or_edited_is_found(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
    tampering: str,
) -> None:
    """The registry (a tenant's region, its name, its status) is chained and sealed as a
    tenant's history is: verify finds an edit there with or without the anchor."""
    anchor = str(tmp_path / "anchor.jsonl")
    slug = tenant_with_cases(platform, unique, cases=1)
    platform.registry.rename_tenant(slug, "A new name")
    registry = store_name(platform, PLATFORM_AREA, TenantRegistry.name)
    sealed = ledger("audit", "seal")
    assert sealed.exit_code == 0, sealed.output
    assert _lines(sealed)[registry].startswith(f"{registry}\tposition "), sealed.output
    assert ledger("audit", "seal", "--anchor", anchor).exit_code == 0
    assert ledger("audit", "verify", "--anchor", anchor).exit_code == 0
    tenant = _id(platform, Tenant.create_id(slug))
    where = f"WHERE originator_id = '{tenant}' AND originator_version = 2"
    tamper_platform(
        platform,
        PLATFORM_AREA,
        TenantRegistry.name,
        f"DELETE FROM {{table}} {where}"
        if tampering == "delete"
        else f"UPDATE {{table}} SET state = {_replaced(platform, 'A new name', 'Another name')} "
        + where,
    )

    for anchored in ([], ["--anchor", anchor]):
        found = ledger("audit", "verify", *anchored)
        assert found.exit_code == 1, found.output
        assert _lines(found)[registry].startswith(f"{registry}\tALTERED at or before position")
        assert _lines(found)[slug].startswith(f"{slug}\tintact")


def test_the_anchor_is_appended_owner_only_and_never_rewritten(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    anchor = tmp_path / "anchor.jsonl"
    slug = tenant_with_cases(platform, unique, cases=1)
    first = ledger("audit", "seal", "--anchor", str(anchor))
    assert first.exit_code == 0 and f"Anchored: a line appended to {anchor}" in first.output
    kept = anchor.read_text()
    monkeypatch.setenv("LEDGER_AUDIT_ANCHOR", str(anchor))  # the environment names it too
    assert CliRunner().invoke(main, ["audit", "seal", slug]).exit_code == 0
    assert stat.S_IMODE(anchor.stat().st_mode) == 0o600
    text = anchor.read_text()
    assert text.startswith(kept) and len(text.splitlines()) == 2
    assert f'"{slug}"' in text.splitlines()[1] and "store:" not in text.splitlines()[1]
    verified = CliRunner().invoke(main, ["audit", "verify"])
    assert verified.exit_code == 0 and "Checked against the anchor" in verified.output


def test_a_platform_store_is_sealed_only_once_older_versions_words_are_moved_out_of_it(
    old_platform: Callable[[], Platform], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the research agreements rewrites, in place, the rows older versions kept in
    clear in the keyless ``platform`` store: sealed before that, verify would call the
    service's own move an alteration."""
    platform = old_platform()
    use_store(monkeypatch, platform.settings)
    monkeypatch.delenv("LEDGER_AUDIT_ANCHOR", raising=False)
    sealed = CliRunner().invoke(main, ["audit", "seal"])
    assert sealed.exit_code == 0, sealed.output
    ResearchAgreements.open(platform).close()  # as the first page that lists them would

    verified = CliRunner().invoke(main, ["audit", "verify"])

    assert verified.exit_code == 0, verified.output
    assert "store:platform" in verified.output and "ALTERED" not in verified.output


def test_an_anchor_that_names_a_ledger_no_longer_listed_or_is_not_an_anchor_is_said_plainly(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
) -> None:
    anchor = tmp_path / "anchor.jsonl"
    slug = tenant_with_cases(platform, unique, cases=1)
    assert ledger("audit", "seal", "--anchor", str(anchor)).exit_code == 0
    line = json.loads(anchor.read_text())
    line["seals"]["gone-csp"] = line["seals"][slug]  # as if its registry entry were deleted
    anchor.write_text(json.dumps(line) + "\n")

    found = ledger("audit", "verify", "--anchor", str(anchor))

    assert found.exit_code == 1, found.output
    assert _lines(found)["gone-csp"].startswith(
        "gone-csp\tALTERED: the anchor holds seals of it, but the platform no longer lists it"
    )
    assert "the seal store holds 0 seals of gone-csp, where the anchor recorded 1" in found.output
    assert _lines(found)[slug].startswith(f"{slug}\tintact")

    with anchor.open("a") as out:
        out.write('{"format": "something else"}\n')
    seals = platform.audit.seals(slug)
    for command in ("seal", "verify"):
        refused = ledger("audit", command, "--anchor", str(anchor))
        assert refused.exit_code == 2, refused.output
        assert "Line 2 of the anchor is not an anchor line" in refused.output
    assert platform.audit.seals(slug) == seals  # refused before anything was sealed
    missing = ledger("audit", "verify", "--anchor", str(tmp_path / "nowhere.jsonl"))
    assert missing.exit_code == 2 and "there is no anchor at" in missing.output


def test_a_backup_seals_only_what_the_anchor_vouches_for_and_adds_its_line(
    platform: Platform,
    unique: Callable[[str], str],
    ledger: Callable[..., Result],
    tmp_path: Path,
) -> None:
    """`ledger tenants backup` seals before it writes: that seal is checked against the
    anchor and anchored as `ledger audit seal`'s is, or an edit whose seals were deleted with
    it would be sealed over by the next night's backup."""
    anchor = tmp_path / "anchor.jsonl"
    slug = tenant_with_cases(platform, unique)
    assert ledger("audit", "seal", "--anchor", str(anchor)).exit_code == 0
    with platform.ledgers.lease(slug) as lg:
        add_case(lg, 50)

    backed = ledger(
        "tenants", "backup", slug, "-o", str(tmp_path / "1.backup"), "--anchor", str(anchor)
    )

    assert backed.exit_code == 0, backed.output
    assert f"Anchored: a line appended to {anchor}" in backed.output
    lines = anchor.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["seals"][slug]["count"] == 2
    assert ledger("audit", "verify", slug, "--anchor", str(anchor)).exit_code == 0

    tamper_platform(
        platform,
        AUDIT_AREA,
        "platform_audit",
        f"DELETE FROM {{table}} WHERE originator_id = '{_id(platform, AuditSeal.create_id(slug))}'",
    )
    tamper_tenant(
        platform, slug, "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = 2",
    )  # fmt: skip
    platform.audit.close()

    refused = ledger(
        "tenants", "backup", slug, "-o", str(tmp_path / "2.backup"), "--anchor", str(anchor)
    )

    assert refused.exit_code == 1, refused.output
    assert f"{slug}\tNOT SEALED: its history was altered outside the service" in refused.output
    assert f"the seal store holds 0 seals of {slug}, where the anchor recorded 2" in refused.output
    assert "0 seals" in _lines(ledger("audit", "verify", slug))[slug]  # not sealed over
    assert anchor.read_text().splitlines() == lines  # nor anchored
    assert (tmp_path / "2.backup").exists()  # the evidence is written all the same
