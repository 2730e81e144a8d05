"""Backups of the couple's data: taken with SQLite's backup API into ``<data dir>/backups``,
automatically (at start when something changed, every 30 minutes while changes are made,
before every upgrade, restore and import) or on request; thinned; and restored.

A restore never loses anything: the current data is backed up first, the chosen backup is
checked (Hearth's, healthy, a revision this version knows) and copied beside the database,
upgraded if it is older, and only then moved into place.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain import changes
from app.domain.backups import AUTOMATIC_EVERY, backups_to_keep, parse_backup_name
from app.domain.changes import ChangeSet
from app.domain.errors import ValidationError
from app.paths import backups_dir
from app.persistence.backup import backup_file, backup_into
from app.persistence.database import DAMAGED, DamagedData, Database, Passphrase
from app.persistence.migrate import (
    DamagedDatabase,
    NotHearthDatabase,
    StartupRefused,
    State,
    WrongPassphrase,
    inspect_database,
    quick_check,
    upgrade,
)

STATE_FILE = "last-backup.json"  # what the database looked like at the newest backup


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # aware, local
    size: int
    reason: str
    checked: bool = False  # passed SQLite's integrity_check when it was made

    @property
    def reason_words(self) -> str:
        return REASON_WORDS.get(self.reason.split("-from-")[0], self.reason.replace("-", " "))


REASON_WORDS = {
    "start": "when Hearth started",
    "automatic": "while Hearth was open",
    "manual": "backed up by hand",
    "before-upgrade": "before an update of Hearth's data",
    "before-restore": "before a restore",
    "before-import": "before an import",
}


def _fingerprint(path: Path) -> list[int]:
    """Size and modification time of the database file and its write-ahead log."""
    found = []
    for file in (path, Path(f"{path}-wal")):
        try:
            stat = file.stat()
            found += [stat.st_size, stat.st_mtime_ns]
        except FileNotFoundError:
            found += [0, 0]
    return found


class BackupService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._commits_at_backup = db.commits
        self._last_automatic = datetime.now(UTC)

    @property
    def folder(self) -> Path:
        return backups_dir(self.db.path.parent)

    # -- reading -------------------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """Every backup in the folder, newest first."""
        return list_backups(self.folder)

    def changed_since_last_backup(self) -> bool:
        if self.db.commits != self._commits_at_backup:
            return True
        try:
            recorded = json.loads((self.folder / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return True
        return recorded.get("fingerprint") != _fingerprint(self.db.path) or not self.backups()

    # -- writing -------------------------------------------------------------------------------

    def back_up(self, reason: str = "manual", target: Path | None = None) -> Backup:
        """A backup now: into the backups folder (then thinned), or to ``target``, a new
        file (an existing file is never overwritten)."""
        with self.db.maintenance:
            return self._back_up(reason, target)

    def _back_up(self, reason: str, target: Path | None) -> Backup:
        self.require_healthy()
        self.db.checkpoint()
        commits = self.db.commits
        fingerprint = _fingerprint(self.db.path)
        if target is not None:
            from app.files import check_output_target  # never Hearth's own data
            target = check_output_target(target, self.db.path.parent)
            if target.exists():
                raise ValidationError(f"“{target}” already exists; please choose a new file "
                                      "name.", "file")
            path = backup_file(self.db, target, self.db.passphrase)
            taken = datetime.now().astimezone()
            return Backup(path, taken, path.stat().st_size, reason)
        path = backup_into(self.db, self.folder, reason)
        self._commits_at_backup = commits
        state = self.folder / STATE_FILE
        partial = state.with_name(state.name + ".partial")
        partial.write_text(json.dumps({"fingerprint": fingerprint, "backup": path.name}),
                           encoding="utf-8")
        os.replace(partial, state)
        self.thin()
        return next(b for b in self.backups() if b.path == path)

    def require_healthy(self) -> None:
        """Refuse (DamagedData) to copy data that hasn't passed SQLite's quick_check in this
        run: a copy of a damaged file would crowd the good backups out."""
        if self.db.healthy is None:
            quick_check(self.db)
        if not self.db.healthy:
            raise DamagedData(DAMAGED)

    def back_up_if_changed(self, reason: str = "start") -> Backup | None:
        """At start: a backup when the data changed since the newest one."""
        if not self.changed_since_last_backup():
            return None
        return self.back_up(reason)

    def back_up_if_due(self, now: datetime | None = None) -> Backup | None:
        """While open: at most every 30 minutes, and only after changes."""
        now = now or datetime.now(UTC)
        if now - self._last_automatic < AUTOMATIC_EVERY or \
                self.db.commits == self._commits_at_backup:
            return None
        self._last_automatic = now
        return self.back_up("automatic")

    def thin(self, now: datetime | None = None) -> list[Path]:
        """Delete the backups the policy no longer keeps; returns what went."""
        found = self.backups()
        keep = backups_to_keep((b.taken_at for b in found), now or datetime.now(UTC),
                               (b.taken_at for b in found if b.checked))
        gone = []
        for backup in found:
            if backup.taken_at not in keep:
                backup.path.unlink(missing_ok=True)
                gone.append(backup.path)
        return gone

    def restore(self, source: Path) -> ChangeSet:
        """Replace the current data with the backup at ``source`` (see the module note)."""
        with self.db.maintenance:
            incoming = prepare_restore(source, self.db.path, self.db.passphrase)
            try:
                if self.db.healthy is None:
                    quick_check(self.db)
                if self.db.healthy:
                    self.back_up("before-restore")
                install(incoming, self.db)  # damaged data is kept aside, never backed up
            finally:
                incoming.unlink(missing_ok=True)
        self._commits_at_backup = self.db.commits
        return ChangeSet.of(changes.ALL)


def list_backups(folder: Path) -> list[Backup]:
    """The Hearth backups in ``folder``, newest first (other files are left alone)."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        name = parse_backup_name(entry.name)
        if name is None or not entry.is_file():
            continue
        found.append(Backup(Path(entry.path), name.taken_at.astimezone(),
                            entry.stat().st_size, name.reason, name.checked))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def check_restorable(source: Path, passphrase: Passphrase | None = None) -> State:
    """Refuse (ValidationError) anything but a healthy Hearth database of a known revision
    (an encrypted one must open with ``passphrase``)."""
    source = Path(source)
    try:
        inspection = inspect_database(source, passphrase)
    except WrongPassphrase:
        raise ValidationError(f"“{source.name}” was locked with a different passphrase, so "
                              "it can't be restored here. Nothing was changed.", "file") \
            from None
    except NotHearthDatabase:
        raise ValidationError(f"“{source.name}” isn't a Hearth backup, so nothing was "
                              "changed.", "file") from None
    except DamagedDatabase:
        raise ValidationError(f"“{source.name}” is damaged, so it can't be restored. Please "
                              "choose another backup; nothing was changed.", "file") from None
    except StartupRefused as refused:
        raise ValidationError(refused.message, "file") from None
    if inspection.state is State.LOCKED:
        raise ValidationError(f"“{source.name}” is protected by a passphrase this data "
                              "doesn't have, so it can't be restored here. Nothing was "
                              "changed.", "file")
    if inspection.state not in (State.CURRENT, State.OLDER):
        raise ValidationError(f"“{source.name}” holds no Hearth data to restore.", "file")
    problems = quick_check(source, passphrase)
    if problems:
        raise ValidationError(f"“{source.name}” is damaged ({problems[0]}), so it can't be "
                              "restored. Please choose another backup.", "file")
    return inspection.state


def prepare_restore(source: Path, target: Path, passphrase: Passphrase | None = None) -> Path:
    """A checked copy of ``source`` beside ``target`` (encrypted with ``passphrase`` when the
    data has one), upgraded if older; the caller moves it into place (or deletes it)."""
    state = check_restorable(source, passphrase)
    incoming = target.with_name(target.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        backup_file(source, incoming, passphrase)
        if state is State.OLDER:
            upgrade(incoming, passphrase=passphrase)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    return incoming


def restore_closed(source: Path, target: Path,
                   passphrase: Passphrase | None = None) -> Path | None:
    """Restore into ``target`` while no Hearth has it open (the command line, or a start
    that found it damaged). The current file is backed up when it is healthy, otherwise
    kept aside under a timestamped name; returns where the old data went (None if none)."""
    incoming = prepare_restore(source, target, passphrase)
    try:
        kept: Path | None = None
        if target.exists():
            try:
                check_restorable(target, passphrase)
                kept = backup_into(target, backups_dir(target.parent), "before-restore",
                                   passphrase)
            except ValidationError:
                kept = keep_aside(target)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, target)
    finally:
        incoming.unlink(missing_ok=True)
    return kept


def install(incoming: Path, db: Database) -> None:
    """Move a prepared (checked) database file into the place of ``db``'s and reopen it.
    The old write-ahead log goes with the old file, never onto the new one; a damaged old
    file is kept aside with its log rather than replaced."""
    if db.healthy:
        db.checkpoint()
    db.close()
    if db.healthy:
        for suffix in ("-wal", "-shm"):
            Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    else:
        keep_aside(db.path)
    os.replace(incoming, db.path)
    db.reopen()
    db.healthy = True


def keep_aside(path: Path) -> Path:
    """Rename a file Hearth won't use to a timestamped name beside it (never deleted)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}-kept-aside-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.stem}-kept-aside-{stamp}.{counter}{path.suffix}")
    shutil.move(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            shutil.move(companion, Path(f"{aside}{suffix}"))
    return aside
