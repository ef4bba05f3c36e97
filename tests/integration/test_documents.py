"""A case's documents on both stores: uploaded, versioned, downloaded intact, never at rest in
the clear, refused when mistyped or too big (nothing kept), provable against the audit chain,
carried by a backup, and their titles and files unreadable once the case's vault is erased
(their digests still provable)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError

from adapters.crypto.errors import KeyMissingError
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.vault import PersonalDetails
from tenants.backup import backup_tenant, restore_tenant
from tenants.document_proof import digest_of, prove_digest
from tenants.platform import Platform
from tests.integration.at_rest import readable_in
from tests.integration.document_files import PNG, docx, odt, pdf, xlsx

TODAY = date(2024, 6, 1)


def a_case(platform: Platform, unique: Callable[[str], str]) -> tuple[str, UUID]:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    with platform.ledgers.lease(slug) as ledger:
        review = ledger.reviews.notify(
            "DHR-DOC", date(2024, 1, 2), date(2024, 1, 9), "Ann", "dhr", "unexpected_death"
        )
    return slug, review


def test_documents_are_versioned_downloaded_intact_and_sealed_at_rest(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case(platform, unique)
    mark = uuid.uuid4().hex[:12]
    draft1, draft2 = pdf(f"Draft one {mark}"), pdf(f"Draft two {mark}")
    with platform.ledgers.lease(slug) as ledger:
        number = ledger.documents.add(
            review,
            "overview_report_draft",
            f"Overview report for {mark}",
            f"overview-{mark}.pdf",
            draft1,
            TODAY,
        )
        assert ledger.documents.add_version(review, number, "overview-v2.pdf", draft2, TODAY) == 2
        with pytest.raises(DuplicateError, match="same as version 2"):
            ledger.documents.add_version(review, number, "again.pdf", draft2, TODAY)
        other = ledger.documents.add(review, "qa_letter", "QA letter", "qa.docx", docx(mark), TODAY)
        ledger.documents.add(review, "imr", "Police IMR", "imr.odt", odt(mark), TODAY)
        ledger.documents.add(review, "other", "Genogram", "genogram.png", PNG, TODAY)
        ledger.documents.add(review, "executive_summary", "Summary", "s.xlsx", xlsx(mark), TODAY)
        listed = ledger.documents.of_case(review)
        first, second = (
            ledger.documents.file(review, number, 1),
            ledger.documents.file(review, number, 2),
        )
    assert [d.number for d in listed] == [1, 2, 3, 4, 5] and other == 2
    assert listed[0].title == f"Overview report for {mark}"
    assert [(v.number, v.filename, v.size) for v in listed[0].versions] == [
        (1, f"overview-{mark}.pdf", len(draft1)),
        (2, "overview-v2.pdf", len(draft2)),
    ]
    assert [d.versions[0].media_type for d in listed[1:]] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "image/png",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    assert first[1] == draft1 and second[1] == draft2
    assert first[0].sha256 == digest_of(draft1)
    assert readable_in(platform, mark) == []  # files, titles and names sealed in every store


def test_an_altered_file_is_refused_not_served(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ledger.documents.add(review, "imr", "IMR", "imr.txt", b"the agency's IMR", TODAY)
        files = ledger.documents.files()
        table = f"{files.schema}.document_files" if files.schema else "document_files"
        mark = "%s" if files.schema else "?"
        with files.datastore.transaction(commit=True) as curs:
            curs.execute(f"SELECT sealed FROM {table}")
            row = curs.fetchone()
            sealed = bytearray(row["sealed"] if files.schema else row[0])
            sealed[-1] ^= 1  # one bit flipped at rest
            curs.execute(f"UPDATE {table} SET sealed = {mark}", (bytes(sealed),))
        with pytest.raises(KeyMissingError, match="altered"):
            ledger.documents.file(review, 1, 1)


def test_refused_files_keep_nothing(platform: Platform, unique: Callable[[str], str]) -> None:
    slug, review = a_case(platform, unique)
    refused: list[tuple[bytes, str, int, str]] = [
        (b"", "empty.pdf", 1000, "empty"),
        (pdf("x"), "big.pdf", 100, "at most"),
        (PNG, "photo.pdf", 10_000, "content is PNG image"),
        (b"MZ\x90\x00\x03binary\x00", "tool.pdf", 10_000, "not PDF"),
        (pdf("x"), "script.exe", 10_000, "'.exe' is not one of them"),
        (b"PK\x03\x04not a zip", "notes.docx", 10_000, "not Word"),
    ]
    with platform.ledgers.lease(slug) as ledger:
        for content, name, limit, message in refused:
            with pytest.raises(InvalidValueError, match=message):
                ledger.documents.add(review, "other", "A title", name, content, TODAY, limit)
        with pytest.raises(InvalidValueError, match="evidence"):
            ledger.documents.add(review, "action_evidence", "t", "a.txt", b"text", TODAY)
        with pytest.raises(InvalidValueError, match="one of"):
            ledger.documents.add(review, "novel", "t", "a.txt", b"text", TODAY)
        with pytest.raises(NotFoundError):
            ledger.documents.add_version(review, 1, "a.txt", b"text", TODAY)
        assert ledger.documents.of_case(review) == []
        assert ledger.documents.files().count() == 0


def test_an_upload_that_loses_a_race_keeps_no_file(
    platform: Platform, unique: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two uploads read the case's documents at the same version; the second to save is
    refused (the store's version check), and the file it had kept is removed again: nothing
    names it, and the winner's file is untouched."""
    slug, review = a_case(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ledger.documents.add(review, "other", "First", "one.pdf", pdf("one"), TODAY)
        as_read = ledger.documents._documents(review)  # what the losing upload read
        ledger.documents.add(review, "other", "Winner", "two.pdf", pdf("two"), TODAY)
        assert ledger.documents.files().count() == 2
        monkeypatch.setattr(ledger.documents, "_documents", lambda _: as_read)
        with pytest.raises(IntegrityError):
            ledger.documents.add(review, "other", "Loser", "three.pdf", pdf("three"), TODAY)
        monkeypatch.undo()
        assert ledger.documents.files().count() == 2
        assert [d.title for d in ledger.documents.of_case(review)] == ["First", "Winner"]
        assert ledger.documents.file(review, 2, 1)[1] == pdf("two")


def test_a_retry_that_wins_the_race_keeps_the_file_it_shares(
    platform: Platform, unique: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload and its retry (the same file for the same document number) race: the first
    keeps the file, the retry finds it kept and saves its event first. The first's save is
    refused, and it leaves the file alone, for the retry's event names it."""
    slug, review = a_case(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ledger.documents.add(review, "other", "First", "one.pdf", pdf("one"), TODAY)
        save = ledger.documents.save

        def retry_saves_first(*objs: object) -> None:
            monkeypatch.setattr(ledger.documents, "save", save)
            ledger.documents.add(review, "other", "Report", "report.pdf", pdf("report"), TODAY)
            save(*objs)

        monkeypatch.setattr(ledger.documents, "save", retry_saves_first)
        with pytest.raises(IntegrityError):
            ledger.documents.add(review, "other", "Report", "report.pdf", pdf("report"), TODAY)
        assert [d.title for d in ledger.documents.of_case(review)] == ["First", "Report"]
        assert ledger.documents.file(review, 2, 1)[1] == pdf("report")
        assert ledger.documents.files().count() == 2


def test_a_digest_is_proven_against_the_sealed_chain(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case(platform, unique)
    letter = pdf("QA letter")
    with platform.ledgers.lease(slug) as ledger:
        ledger.documents.add(review, "qa_letter", "QA letter", "qa.pdf", letter, TODAY)
    before = prove_digest(platform, slug, digest_of(letter))
    assert before.carriers and before.chain_intact and not before.proven  # not sealed yet
    with platform.ledgers.lease(slug, writing=False) as ledger:
        platform.audit.seal(ledger)
    proof = prove_digest(platform, slug, digest_of(letter))
    (carrier,) = proof.carriers
    assert proof.proven and carrier.document == 1 and carrier.version == 1
    assert carrier.reference == "DHR-DOC" and carrier.position > 0
    assert carrier.sealed_at_position is not None and carrier.sealed_at_position >= carrier.position
    unknown = prove_digest(platform, slug, digest_of(b"some other file"))
    assert unknown.carriers == () and not unknown.proven


def test_a_backup_carries_the_documents(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug, review = a_case(platform, unique)
    report = pdf("Final overview report")
    with platform.ledgers.lease(slug) as ledger:
        ledger.documents.add(review, "overview_report_draft", "Report", "r.pdf", report, TODAY)
    backup_tenant(platform, slug, tmp_path / "t.backup")
    copy = unique("copy")
    restore_tenant(platform, tmp_path / "t.backup", copy)
    with platform.ledgers.lease(copy, writing=False) as ledger:
        (document,) = ledger.documents.of_case(review)
        assert ledger.documents.file(review, 1, 1)[1] == report
    assert document.title == "Report"


def test_erasing_the_vault_makes_titles_unreadable_and_keeps_nothing_more(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ledger.vault.record(review, PersonalDetails("Ann Example"), TODAY)
        ledger.documents.add(review, "imr", "IMR naming Ann Example", "ann.txt", b"IMR", TODAY)
        ledger.vault.erase(review, "Family asked", TODAY)
        (document,) = ledger.documents.of_case(review)
        with pytest.raises(InvalidTransitionError, match="erased"):
            ledger.documents.file(review, 1, 1)  # the file went with the case key
        with pytest.raises(InvalidTransitionError, match="erased"):
            ledger.documents.add(review, "imr", "Another", "b.txt", b"more", TODAY)
        with pytest.raises(InvalidTransitionError, match="erased"):
            ledger.documents.add_version(review, 1, "c.txt", b"newer", TODAY)
    assert document.title is None and document.versions[0].filename is None
    assert prove_digest(platform, slug, digest_of(b"IMR")).carriers  # still provable
