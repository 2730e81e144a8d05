"""Encryption at rest: setting, changing and removing the couple's passphrase.

Re-keying never edits a file in place. The database and every backup are copied into new
files encrypted the new way (SQLCipher's ``sqlcipher_export``), each copy is checked (it
opens with the new passphrase, SQLite finds it healthy, every table holds as many rows as
the original), and only then are the copies renamed over the originals, the database first.
Until that moment nothing has changed; if Hearth stops in the middle of the renames, each
file is whole — either as it was or as it should be — and still opens.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.privacy import clean_new_passphrase
from app.paths import backups_dir
from app.persistence.backup import copy_database
from app.persistence.database import Database, Passphrase, connect_raw, driver_errors, is_encrypted
from app.persistence.migrate import quick_check

REKEYING = ".rekeying"  # suffix of the new copies until they replace the originals


@dataclass(frozen=True)
class Rekeyed:
    files: int  # the database and the backups now encrypted the new way
    left_alone: tuple[Path, ...]  # backups that couldn't be read (e.g. another passphrase)


def passphrase_or_none(text: str | None) -> Passphrase | None:
    try:
        return Passphrase(text) if text else None
    except ValueError:
        return None


def _row_counts(path: Path, passphrase: Passphrase | None) -> dict[str, int]:
    """Rows in every table, SQLite's and Alembic's included (unlike
    StatsRepository.rows_per_table, which shows the couple's tables)."""
    conn = connect_raw(path, readonly=True, passphrase=passphrase)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _readable(file: Path, current: Passphrase | None) -> bool:
    try:
        _row_counts(file, current if is_encrypted(file) else None)
    except driver_errors():
        return False
    return True


def _copy_checked(file: Path, current: Passphrase | None, new: Passphrase | None) -> Path:
    """A verified copy of ``file`` encrypted with ``new`` (plain when None) beside it."""
    opened_with = current if is_encrypted(file) else None
    copy = file.with_name(file.name + REKEYING)
    copy.unlink(missing_ok=True)  # a leftover of an interrupted re-key; never read
    try:
        copy_database(file, copy, opened_with=opened_with, encrypt_with=new)
        problems = quick_check(copy, new)
        if problems:
            raise ValueError(problems[0])
        if _row_counts(copy, new) != _row_counts(file, opened_with):
            raise ValueError("the copy doesn't hold the same rows")
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


def rekey_files(path: Path, current: Passphrase | None, new: Passphrase | None) -> Rekeyed:
    """Encrypt the database at ``path`` and its backups with ``new`` (None: decrypt), while
    nothing has the database open. See the module note for why nothing can be lost."""
    from app.services.backups import list_backups

    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists() and companion.stat().st_size > 0 and suffix == "-wal":
            raise ValidationError("Hearth's data is still being written by another program. "
                                  "Please close it and try again; nothing was changed.")
    ready: list[tuple[Path, Path]] = [(_copy_checked(path, current, new), path)]
    left_alone: list[Path] = []
    try:
        for backup in list_backups(backups_dir(path.parent)):
            if not _readable(backup.path, current):
                left_alone.append(backup.path)  # damaged, or under another passphrase
                continue
            # Any other failure (a full disk…) stops everything: no backup stays behind
            # in the old form while the couple believes all of them changed.
            ready.append((_copy_checked(backup.path, current, new), backup.path))
    except BaseException:
        for copy, _original in ready:
            copy.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for copy, original in ready:
        os.replace(copy, original)
    _sync_folder(path.parent)
    _sync_folder(backups_dir(path.parent))
    return Rekeyed(len(ready), tuple(left_alone))


def _sync_folder(folder: Path) -> None:
    if os.name != "posix" or not folder.is_dir():
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def protected(self) -> bool:
        """Whether the data (and its backups) are encrypted with a passphrase."""
        return self.db.passphrase is not None

    def matches(self, text: str) -> bool:
        """Whether ``text`` is the passphrase the data is protected with."""
        return self.db.passphrase is not None and passphrase_or_none(text) == self.db.passphrase

    def set_passphrase(self, new: str, repeated: str) -> Rekeyed:
        if self.protected:
            raise ValidationError("Your data already has a passphrase; you can change it "
                                  "instead.", "passphrase")
        return self._rekey(Passphrase(clean_new_passphrase(new, repeated)))

    def change_passphrase(self, current: str, new: str, repeated: str) -> Rekeyed:
        self._check_current(current)
        return self._rekey(Passphrase(clean_new_passphrase(new, repeated)))

    def remove_passphrase(self, current: str) -> Rekeyed:
        self._check_current(current)
        return self._rekey(None)

    def _check_current(self, current: str) -> None:
        if not self.protected:
            raise ValidationError("Your data has no passphrase yet.", "current")
        if not self.matches(current):
            raise ValidationError("That isn't the current passphrase. Nothing was changed.",
                                  "current")

    def _rekey(self, new: Passphrase | None) -> Rekeyed:
        with self.db.maintenance:
            self.db.checkpoint()
            self.db.engine.dispose()
            try:
                done = rekey_files(self.db.path, self.db.passphrase, new)
            except BaseException:
                self.db.reopen()  # nothing changed: carry on as before
                raise
            self.db.passphrase = new
            self.db.reopen()
        return done
