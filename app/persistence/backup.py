"""Backups with SQLite's online backup API (consistent even while the app is writing)."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.paths import create_private_file, ensure_private_dir
from app.persistence.database import connect_raw


def backup_file(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` into a new file ``destination``.

    Written to a temporary name first and renamed into place, so a backup file is either
    complete or absent. ``destination`` must not exist: a backup never overwrites a file.
    """
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(destination)
    ensure_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        partial.unlink()  # our own leftover from an interrupted backup
    create_private_file(partial)
    src = connect_raw(source, readonly=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, destination)
    return destination


def backup_into(source: Path, folder: Path, reason: str) -> Path:
    """Back up ``source`` into ``folder`` with a timestamped name saying why."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"hearth-{stamp}-{reason}"
    target = Path(folder) / f"{name}.sqlite3"
    counter = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        counter += 1
        target = Path(folder) / f"{name}.{counter}.sqlite3"
    return backup_file(source, target)
