"""Backups with SQLite's online backup API (consistent even while the app is writing).

Encrypted databases are copied with SQLCipher's ``sqlcipher_export`` inside one read
transaction, which is just as consistent; the copy is encrypted with the passphrase asked
for (the same one for a backup, another or none when the passphrase changes).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.paths import create_private_file, ensure_private_dir
from app.persistence.database import (
    SALT_BYTES,
    Passphrase,
    cipher_module,
    connect_raw,
    file_header,
    is_encrypted,
    sqlite_uri,
)


def backup_file(source: Path, destination: Path, passphrase: Passphrase | None = None) -> Path:
    """Copy the database at ``source`` into a new file ``destination``, encrypted with
    ``passphrase`` when one is given (which also opens ``source`` if it is encrypted).

    Written to a temporary name first and renamed into place, so a backup file is either
    complete or absent. ``destination`` must not exist: a backup never overwrites a file.
    """
    return copy_database(source, destination, opened_with=passphrase, encrypt_with=passphrase)


def copy_database(source: Path, destination: Path, *, opened_with: Passphrase | None,
                  encrypt_with: Passphrase | None) -> Path:
    """``backup_file`` with separate passphrases for reading ``source`` and for the copy."""
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(destination)
    ensure_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        partial.unlink()  # our own leftover from an interrupted backup
    create_private_file(partial)
    try:
        if encrypt_with is None and not is_encrypted(source):
            _copy_plain(source, partial)
        else:
            _copy_with_cipher(source, partial, opened_with, encrypt_with)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, destination)
    return destination


def backup_into(source: Path, folder: Path, reason: str,
                passphrase: Passphrase | None = None) -> Path:
    """Back up ``source`` into ``folder`` with a timestamped name saying why."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"hearth-{stamp}-{reason}"
    target = Path(folder) / f"{name}.sqlite3"
    counter = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        counter += 1
        target = Path(folder) / f"{name}.{counter}.sqlite3"
    return backup_file(source, target, passphrase)


def _copy_plain(source: Path, partial: Path) -> None:
    src = connect_raw(source, readonly=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def _copy_with_cipher(source: Path, partial: Path, opened_with: Passphrase | None,
                      encrypt_with: Passphrase | None) -> None:
    """Copy through SQLCipher: the new file is ``main`` (keyed before anything is written),
    the source is attached read-only with its own key (or none when it is plain)."""
    if is_encrypted(source) and opened_with is None:
        raise ValueError("an encrypted database needs its passphrase to be copied")
    source_key = (opened_with.key_for(file_header(source, SALT_BYTES))
                  if opened_with is not None and is_encrypted(source) else "")
    dst = cipher_module().connect(str(partial), isolation_level=None, uri=True)
    try:
        dst.execute("PRAGMA cipher_log_level = NONE")
        if encrypt_with is not None:
            dst.execute(f'PRAGMA key = "{encrypt_with.key_for(encrypt_with.salt)}"')
        dst.execute("ATTACH DATABASE ? AS source KEY ?",
                    (sqlite_uri(source, readonly=True), source_key))
        dst.execute("BEGIN")
        dst.execute("SELECT sqlcipher_export('main', 'source')")
        for pragma in ("application_id", "user_version"):
            value = int(dst.execute(f"PRAGMA source.{pragma}").fetchone()[0])
            dst.execute(f"PRAGMA main.{pragma} = {value}")
        dst.execute("COMMIT")
        dst.execute("DETACH DATABASE source")
    finally:
        dst.close()
