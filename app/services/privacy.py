"""Encryption at rest: setting, changing and removing the couple's passphrase.

Re-keying never edits a file in place. The database and every backup are copied into new
files encrypted the new way (SQLCipher's ``sqlcipher_export``), each copy is checked (it
opens with the new passphrase, SQLite finds it healthy, every table holds as many rows as
the original). Only then is a small journal written beside the database
(``passphrase-change.json``, listing each copy and the file it replaces): that is the
moment the change happens. The copies are renamed over the originals, the database first,
and the journal is removed.

Stopped at any point (a crash, a kill, the power going out), the next start or command
finds the data either as it was or as it should be (``finish_interrupted_rekey``): with a
journal, every copy still waiting is renamed into place (the change is finished); without
one, the copies are leftovers nobody reads, and they are deleted (nothing had changed).
Never an encrypted database beside plain backups, or the other way round.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.privacy import clean_new_passphrase
from app.paths import backups_dir, db_path
from app.persistence.backup import copy_database
from app.persistence.database import Database, Passphrase, connect_raw, driver_errors, is_encrypted
from app.persistence.migrate import DatabaseUnavailable, quick_check

REKEYING = ".rekeying"  # suffix of the new copies until they replace the originals
JOURNAL = "passphrase-change.json"  # in the data folder while the copies replace the files
PARTIAL = ".partial"  # a journal, or a copy, being written

FINISHED_WITH_PASSPHRASE = (
    "Hearth finished changing your passphrase, which had been interrupted: your data and "
    "its backups now open with the new passphrase.")
FINISHED_WITHOUT_PASSPHRASE = (
    "Hearth finished removing your passphrase, which had been interrupted: your data and "
    "its backups are plain files again.")
FINISHED = "Hearth finished a passphrase change that had been interrupted."
UNDONE = ("A passphrase change was interrupted before it was done, so Hearth undid it: your "
          "data and its backups are as they were.")
BUSY = ("Hearth's passphrase is being changed right now (by another window or command). "
        "Please wait until that is done; nothing was changed.")


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

    data_dir = path.parent
    with _changing(data_dir) as held:
        if not held:
            raise ValidationError(BUSY)
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists() and companion.stat().st_size > 0 and suffix == "-wal":
                raise ValidationError("Hearth's data is still being written by another "
                                      "program. Please close it and try again; nothing was "
                                      "changed.")
        ready: list[tuple[Path, Path]] = [(_copy_checked(path, current, new), path)]
        left_alone: list[Path] = []
        try:
            for backup in list_backups(backups_dir(data_dir)):
                if not _readable(backup.path, current):
                    left_alone.append(backup.path)  # damaged, or under another passphrase
                    continue
                # Any other failure (a full disk…) stops everything: no backup stays behind
                # in the old form while the couple believes all of them changed.
                ready.append((_copy_checked(backup.path, current, new), backup.path))
            _sync_folder(backups_dir(data_dir))  # the copies' names are on the disk too
            _sync_folder(data_dir)
            _write_journal(data_dir, ready, encrypted=new is not None)
        except BaseException:
            for copy, _original in ready:
                copy.unlink(missing_ok=True)
            (data_dir / (JOURNAL + PARTIAL)).unlink(missing_ok=True)
            raise
        # From here on the change happens, even if Hearth is stopped halfway through.
        _finish(data_dir, ready)
    return Rekeyed(len(ready), tuple(left_alone))


def finish_interrupted_rekey(data_dir: Path) -> str | None:
    """Finish, or undo, a passphrase change that was stopped halfway (see the module note);
    returns a sentence saying which, or None when there was nothing to do. Called before
    anything looks at whether the data is encrypted.

    Raises DatabaseUnavailable when the files can't be renamed or removed (permissions)."""
    data_dir = Path(data_dir)
    journal = data_dir / JOURNAL
    if not journal.exists() and not _leftovers(data_dir):
        return None
    with _changing(data_dir) as held:
        if not held:
            return None  # the change is under way in another process, which finishes it
        try:
            if journal.exists():
                pairs, encrypted = _read_journal(data_dir)
                _finish(data_dir, pairs)
                _remove(_leftovers(data_dir))
                return (FINISHED if encrypted is None else
                        FINISHED_WITH_PASSPHRASE if encrypted else FINISHED_WITHOUT_PASSPHRASE)
            leftovers = _leftovers(data_dir)
            if not leftovers:
                return None
            _remove(leftovers)
            return UNDONE
        except OSError as exc:
            raise DatabaseUnavailable(
                f"A passphrase change was interrupted, and Hearth couldn't finish it in "
                f"“{data_dir}” ({exc.strerror or type(exc).__name__}). Nothing is lost: "
                "please check that you can write in that folder, then try again.") from None


@contextmanager
def _changing(data_dir: Path) -> Iterator[bool]:
    """Hold the data folder while its passphrase changes (an advisory lock on the folder
    itself, let go when the process ends, however it ends): a command started meanwhile
    must not take the copies for leftovers. Yields whether the hold was had."""
    if os.name != "posix" or not data_dir.is_dir():
        yield True
        return
    import fcntl

    fd = os.open(data_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except OSError:
            held = False
        yield held
    finally:
        os.close(fd)


def _write_journal(data_dir: Path, ready: list[tuple[Path, Path]], *, encrypted: bool) -> None:
    """The commit point: written whole (fsync'd, renamed into place, the folder fsync'd)."""
    record = {
        "hearth": "passphrase change",
        "encrypted": encrypted,
        "files": [[copy.relative_to(data_dir).as_posix(),
                   original.relative_to(data_dir).as_posix()] for copy, original in ready],
    }
    partial = data_dir / (JOURNAL + PARTIAL)
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, data_dir / JOURNAL)
    _sync_folder(data_dir)


def _read_journal(data_dir: Path) -> tuple[list[tuple[Path, Path]], bool | None]:
    """The (copy, original) pairs a journal lists, and whether they are encrypted. A
    journal that can't be read (a damaged disk) still says every copy was checked: the
    copies found are then the ones to rename."""
    folders = {data_dir, backups_dir(data_dir)}
    try:
        record = json.loads((data_dir / JOURNAL).read_text(encoding="utf-8"))
        encrypted = record["encrypted"]
        pairs = []
        for copy, original in record["files"]:
            parts = Path(original).parts
            target = data_dir / original
            if (copy != original + REKEYING or Path(original).is_absolute() or ".." in parts
                    or target.parent not in folders or not isinstance(encrypted, bool)):
                raise ValueError("not a journal Hearth wrote")
            pairs.append((target.with_name(target.name + REKEYING), target))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pairs = [(copy, copy.with_name(copy.name[:-len(REKEYING)]))
                 for copy in _leftovers(data_dir) if copy.name.endswith(REKEYING)]
        pairs.sort(key=lambda pair: pair[1] != db_path(data_dir))  # the database first
        encrypted = None
    return pairs, encrypted


def _finish(data_dir: Path, pairs: list[tuple[Path, Path]]) -> None:
    """Rename every copy still waiting over its original (the database first), then drop
    the journal. Doing it again after an interruption is harmless."""
    database = db_path(data_dir)
    for copy, original in pairs:
        if not copy.exists():
            continue  # already in place
        if original == database:  # the old file's (empty) log goes with it
            for suffix in ("-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(copy, original)
    _sync_folder(data_dir)
    _sync_folder(backups_dir(data_dir))
    (data_dir / JOURNAL).unlink(missing_ok=True)
    _sync_folder(data_dir)


def _leftovers(data_dir: Path) -> list[Path]:
    """Copies (whole or partial) and a partial journal left by an interrupted change."""
    found = []
    for folder in (data_dir, backups_dir(data_dir)):
        try:
            entries = list(os.scandir(folder))
        except OSError:  # no such folder (yet)
            continue
        for entry in entries:
            name = entry.name
            if (name.endswith(REKEYING) or name.endswith(REKEYING + PARTIAL)
                    or (folder == data_dir and name == JOURNAL + PARTIAL)):
                found.append(Path(entry.path))
    return found


def _remove(files: list[Path]) -> None:
    for file in files:
        file.unlink(missing_ok=True)
    for folder in {file.parent for file in files}:
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the renames and removals in ``folder`` last through a power cut."""
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
            self.db.close()  # every connection (none is made just to be closed)
            try:
                done = rekey_files(self.db.path, self.db.passphrase, new)
            except BaseException:
                self.db.reopen()  # nothing changed: carry on as before
                raise
            self.db.passphrase = new
            self.db.reopen()
        return done
