"""Backups with SQLite's online backup API (consistent even while the app is writing).

Encrypted databases are copied with SQLCipher's ``sqlcipher_export`` inside one read
transaction, which is just as consistent; the copy is encrypted with the passphrase asked
for (the same one for a backup, another or none when the passphrase changes).

The source is a ``Database``: the live one is read through connections opened the way all
of its connections are (never by opening the file itself — see database.py), and a file
nobody has open is wrapped in one (``closed_file``).

Each copy is checked with SQLite's ``integrity_check`` before it is renamed into place, and
the answer is kept in its name: ``hearth-<UTC stamp>-<reason>[.N].checked.sqlite3`` passed;
a name without ``.checked`` was never checked (older backups) or didn't pass.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.paths import create_private_file, ensure_private_dir
from app.persistence.database import (
    Database,
    Passphrase,
    cipher_module,
    driver_errors,
    is_encrypted,
    sqlite_uri,
)

CHECKED = ".checked"  # before ".sqlite3" in the name of a backup that passed integrity_check


def closed_file(path: Path, passphrase: Passphrase | None = None) -> Database:
    """A read-only ``Database`` for a file this process has no connection open on (a backup,
    a copy): encrypted when it looks encrypted and ``passphrase`` is given."""
    path = Path(path)
    return Database(path, readonly=True,
                    passphrase=passphrase if passphrase is not None and is_encrypted(path)
                    else None)


def backup_file(source: Database | Path, destination: Path,
                passphrase: Passphrase | None = None) -> Path:
    """Copy the database ``source`` into a new file ``destination``, encrypted with
    ``passphrase`` when one is given (which also opens ``source`` when it is a closed,
    encrypted file).

    Written to a temporary name first and renamed into place, so a backup file is either
    complete or absent. ``destination`` must not exist: a backup never overwrites a file.
    """
    return copy_database(source, destination, opened_with=passphrase, encrypt_with=passphrase)


def copy_database(source: Database | Path, destination: Path, *,
                  opened_with: Passphrase | None = None,
                  encrypt_with: Passphrase | None) -> Path:
    """``backup_file`` with separate passphrases for reading ``source`` (a closed file; a
    ``Database`` opens itself) and for the copy."""
    copy_checked(source, destination, opened_with=opened_with, encrypt_with=encrypt_with)
    return destination


def copy_checked(source: Database | Path, destination: Path, *,
                 opened_with: Passphrase | None = None,
                 encrypt_with: Passphrase | None) -> bool:
    """Copy ``source`` into the new file ``destination`` and run ``integrity_check`` on the
    copy before it is renamed into place; returns whether the copy passed."""
    db = source if isinstance(source, Database) else closed_file(source, opened_with)
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(destination)
    ensure_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        partial.unlink()  # our own leftover from an interrupted backup
    create_private_file(partial)
    try:
        if encrypt_with is None and db.passphrase is None:
            _copy_plain(db, partial)
        else:
            _copy_with_cipher(db, partial, encrypt_with)
        healthy = integrity_problems(
            Database(partial, readonly=True, passphrase=encrypt_with,
                     salt=encrypt_with.salt if encrypt_with is not None else None)) == []
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return healthy


def integrity_problems(db: Database, *, full: bool = True) -> list[str]:
    """What SQLite's ``integrity_check`` (``quick_check`` when not ``full``) and
    ``foreign_key_check`` find wrong in ``db`` (empty when healthy)."""
    conn = db.connect(readonly=True)
    try:
        pragma = "integrity_check" if full else "quick_check"
        problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
        problems = [] if problems == ["ok"] else problems
        problems += [
            f"{row[0]} row {row[1]} points at a missing {row[2]}"
            for row in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    except driver_errors("DatabaseError") as exc:
        return [str(exc)]
    finally:
        conn.close()


def backup_into(source: Database | Path, folder: Path, reason: str,
                passphrase: Passphrase | None = None) -> Path:
    """Back up ``source`` into ``folder`` with a timestamped name saying why (and whether
    the copy passed ``integrity_check``)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"hearth-{stamp}-{reason}"
    folder = Path(folder)

    def taken(candidate: str) -> bool:
        return any((folder / f"{candidate}{mark}.sqlite3{tail}").exists()
                   for mark in ("", CHECKED) for tail in ("", ".partial"))

    counter = 1
    while taken(name if counter == 1 else f"{name}.{counter}"):
        counter += 1
    base = name if counter == 1 else f"{name}.{counter}"
    target = folder / f"{base}.sqlite3"
    if isinstance(source, Database):
        healthy = copy_checked(source, target, encrypt_with=source.passphrase)
    else:
        healthy = copy_checked(source, target, opened_with=passphrase, encrypt_with=passphrase)
    if not healthy:
        return target
    checked = folder / f"{base}{CHECKED}.sqlite3"
    os.replace(target, checked)
    return checked


def _copy_plain(source: Database, partial: Path) -> None:
    src = source.connect()
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def _copy_with_cipher(source: Database, partial: Path,
                      encrypt_with: Passphrase | None) -> None:
    """Copy through SQLCipher: the new file is ``main`` (keyed before anything is written),
    the source is attached read-only with its own key (or none when it is plain) — SQLite
    opens it, so the live database is never read around SQLite's locks."""
    source_key = (source.passphrase.key_for(source.salt)
                  if source.passphrase is not None and source.salt is not None else "")
    dst = cipher_module().connect(str(partial), isolation_level=None, uri=True)
    try:
        dst.execute("PRAGMA cipher_log_level = NONE")
        if encrypt_with is not None:
            dst.execute(f'PRAGMA key = "{encrypt_with.key_for(encrypt_with.salt)}"')
        dst.execute("ATTACH DATABASE ? AS source KEY ?",
                    (sqlite_uri(source.path, readonly=True), source_key))
        dst.execute("BEGIN")
        dst.execute("SELECT sqlcipher_export('main', 'source')")
        for pragma in ("application_id", "user_version"):
            value = int(dst.execute(f"PRAGMA source.{pragma}").fetchone()[0])
            dst.execute(f"PRAGMA main.{pragma} = {value}")
        dst.execute("COMMIT")
        dst.execute("DETACH DATABASE source")
    finally:
        dst.close()
