"""Keyed fingerprints of recorded names (``adapters.crypto.fingerprints``): what the regional read
models keep instead of an agency or owner typed by an officer."""

from __future__ import annotations

from hashlib import sha256
from pathlib import Path

from adapters.crypto.fingerprints import Fingerprints
from adapters.crypto.keyring import Keyring
from adapters.crypto.keystore import SQLiteKeyStore
from adapters.crypto.master import MasterKey, format_master_key
from adapters.crypto.sealed import new_key


def fingerprints(tmp_path: Path, master: bytes) -> Fingerprints:
    store = SQLiteKeyStore(tmp_path / f"keys-{master.hex()[:8]}.sqlite")
    return Fingerprints(Keyring(MasterKey(format_master_key(master), tmp_path / "none"), store))


def test_one_name_however_cased_and_spaced_is_one_fingerprint(tmp_path: Path) -> None:
    prints = fingerprints(tmp_path, new_key())
    assert prints("Dr Jane Smith's surgery") == prints("  dr JANE  smith's Surgery ")
    assert prints("Dr Jane Smith's surgery") != prints("Dr Jane Smyth's surgery")


def test_without_the_master_key_a_guessed_name_cannot_be_checked(tmp_path: Path) -> None:
    """An unkeyed hash of a guessed name matched the stored one; another platform's key (or
    none) gives another fingerprint, so the view store alone names no one."""
    ours, theirs = fingerprints(tmp_path, new_key()), fingerprints(tmp_path, new_key())
    name = "ds jane smith"
    assert ours(name) != theirs(name)
    assert sha256(name.encode()).hexdigest()[:16] not in ours(name)
    assert len(ours(name)) == 32
