"""Opening the couple's database safely: guard, backup, upgrade.

The rules (DESIGN.md §2):

* A file that is not SQLite, another program's SQLite file, a damaged file, or a database
  written by a newer Hearth is refused with a plain message and left byte-identical.
* An older database is backed up with the SQLite backup API, then upgraded in one
  transaction, then checked with ``foreign_key_check``.
* A new database is created by upgrading from empty. Never ``create_all``.

Looking at a database (``inspect_database``) needs no Alembic: the known revisions are read
from the migration files themselves. Alembic is imported only when an upgrade is needed.
"""

from __future__ import annotations

import enum
import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain.errors import HearthError
from app.paths import backups_dir, create_private_file, ensure_private_dir
from app.persistence.backup import backup_into, closed_file, integrity_problems
from app.persistence.database import (
    APPLICATION_ID,
    BUSY,
    SALT_BYTES,
    SQLITE_MAGIC,
    WRITING,
    Database,
    Passphrase,
    connect_raw,
    driver_errors,
    file_header,
    looks_encrypted,
    make_engine,
    storage_refusal,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"


class StartupRefused(HearthError):
    """Hearth will not open this file. The file has not been changed."""


class NotHearthDatabase(StartupRefused):
    pass


class DamagedDatabase(StartupRefused):
    pass


class TooNewDatabase(StartupRefused):
    pass


class DatabaseUnavailable(StartupRefused):
    """The file could not be read or written (permissions, disk, another program)."""


class WrongPassphrase(StartupRefused):
    """The passphrase given does not open this encrypted file."""


class NeedsPassphrase(StartupRefused):
    """The file is encrypted; ask for the passphrase and try again."""


class State(enum.Enum):
    MISSING = "missing"  # no file yet
    EMPTY = "empty"  # an empty file, e.g. left by an interrupted first start
    CURRENT = "current"
    OLDER = "older"
    LOCKED = "locked"  # encrypted, and no passphrase was given to look inside


@dataclass(frozen=True)
class Inspection:
    path: Path
    state: State
    revision: str | None
    salt: bytes | None = None  # an encrypted file's salt (None: a plain file)

    @property
    def encrypted(self) -> bool:
        return self.salt is not None


_REV_RE = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_RE = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])", re.M)


@cache
def revision_chain() -> tuple[str, ...]:
    """All revisions this version of Hearth ships, oldest first, read from the files."""
    parents: dict[str, str | None] = {}
    for file in sorted(VERSIONS_DIR.glob("*.py")):
        text = file.read_text(encoding="utf-8")
        rev, down = _REV_RE.search(text), _DOWN_RE.search(text)
        if rev and down:
            parents[rev.group(1)] = down.group(2)
    chain: list[str] = []
    current: str | None = next((r for r, d in parents.items() if d is None), None)
    children = {d: r for r, d in parents.items()}
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if len(chain) != len(parents):  # pragma: no cover - guarded by the migration tests
        raise RuntimeError("The migration files do not form one line of revisions.")
    return tuple(chain)


def head_revision() -> str:
    return revision_chain()[-1]


def _describe(path: Path) -> str:
    return f"“{path}”"


def inspect_database(path: Path, passphrase: Passphrase | None = None) -> Inspection:
    """Look at ``path`` without changing it. Raises StartupRefused for files Hearth won't open
    (WrongPassphrase when ``passphrase`` doesn't open an encrypted one)."""
    path = Path(path)
    try:
        if not path.exists():
            return Inspection(path, State.MISSING, None)
        if path.is_dir():
            raise NotHearthDatabase(
                f"{_describe(path)} is a folder, not Hearth's data file. "
                "Please choose another data folder."
            )
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise NotHearthDatabase(
                f"{_describe(path)} isn't a file Hearth can keep its data in (it is "
                f"{'a pipe' if stat.S_ISFIFO(mode) else 'a device or a socket'}), so Hearth "
                "has left it untouched. Please move it away or choose another data folder."
            )
        header = file_header(path)
        size = path.stat().st_size
    except PermissionError:
        raise DatabaseUnavailable(
            f"Hearth isn't allowed to read {_describe(path)}. "
            "Please check the file's permissions, or choose another data folder."
        ) from None
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Hearth couldn't read {_describe(path)} ({os_words(exc)})."
        ) from None
    if not header:
        return Inspection(path, State.EMPTY, None)
    encrypted = looks_encrypted(header, size)
    salt = header[:SALT_BYTES] if encrypted else None
    if encrypted and passphrase is None:
        return Inspection(path, State.LOCKED, None)
    if not encrypted and (len(header) < 100 or not header.startswith(SQLITE_MAGIC)):
        raise NotHearthDatabase(
            f"{_describe(path)} is not a Hearth database, so Hearth has left it untouched. "
            "If you put it there by mistake, move it elsewhere; otherwise choose another "
            "data folder."
        )
    try:
        conn = connect_raw(path, readonly=True, passphrase=passphrase if encrypted else None,
                           salt=salt)
    except driver_errors("OperationalError") as exc:
        raise _operational_refusal(path, exc) from None
    except driver_errors() as exc:
        raise DamagedDatabase(damaged_message(path, exc)) from None
    try:
        if encrypted:
            try:
                application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            except driver_errors("DatabaseError"):
                raise WrongPassphrase(WRONG_PASSPHRASE) from None
        else:
            application_id = int.from_bytes(header[68:72], "big")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if application_id != APPLICATION_ID:
            if application_id == 0 and not tables:
                return Inspection(path, State.EMPTY, None, salt)
            raise NotHearthDatabase(
                f"{_describe(path)} belongs to another program, not Hearth, so Hearth has "
                "left it untouched. Please move it elsewhere or choose another data folder."
            )
        if "alembic_version" not in tables:
            if not tables:
                return Inspection(path, State.EMPTY, None, salt)
            raise DamagedDatabase(damaged_message(path, "it has no schema revision"))
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except driver_errors("OperationalError") as exc:
        raise _operational_refusal(path, exc) from None
    except driver_errors("DatabaseError") as exc:
        raise DamagedDatabase(damaged_message(path, exc)) from None
    finally:
        conn.close()
    if len(rows) != 1:
        raise DamagedDatabase(damaged_message(path, "its schema revision is unclear"))
    revision = rows[0][0]
    chain = revision_chain()
    if revision not in chain:
        raise TooNewDatabase(
            f"{_describe(path)} was written by a newer version of Hearth (schema {revision}). "
            "Please update Hearth to open it; the file has not been changed."
        )
    state = State.CURRENT if revision == chain[-1] else State.OLDER
    return Inspection(path, state, revision, salt)


WRONG_PASSPHRASE = ("That passphrase doesn't open your data. Please check it — capitals and "
                    "spaces count — and try again.")


def damaged_message(path: Path, detail: object) -> str:
    return (
        f"{_describe(path)} looks damaged ({detail}), so Hearth has left it untouched. "
        "You can restore the newest backup from the “backups” folder next to it."
    )


def os_words(exc: OSError) -> str:
    """An OSError as a few plain words ("No space left on device"), never Python text."""
    return exc.strerror or "the system refused"


def quick_check(target: Database | Path, passphrase: Passphrase | None = None) -> list[str]:
    """Problems found by SQLite's quick_check and foreign_key_check (empty when healthy),
    in an open ``Database`` (whose ``healthy`` then keeps the answer for this run) or in a
    closed file (encrypted with ``passphrase``)."""
    db = target if isinstance(target, Database) else closed_file(target, passphrase)
    problems = integrity_problems(db, full=False)
    if isinstance(target, Database):
        target.healthy = not problems
    return problems


def upgrade(path: Path, target: str = "head", passphrase: Passphrase | None = None,
            salt: bytes | None = None) -> None:
    """Upgrade the database at ``path`` to ``target`` in one transaction.

    Foreign keys are switched off for the duration (batch mode rebuilds tables, and a
    rebuilt parent must not cascade into its children), and checked before commit.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(path, foreign_keys=False, passphrase=passphrase, salt=salt)
    try:
        with engine.connect().execution_options(**WRITING) as connection, \
                connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DamagedDatabase(damaged_message(path, f"{len(broken)} broken links"))
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        engine.dispose()


def open_database(path: Path, *, create: bool = True, passphrase: Passphrase | None = None,
                  check: bool = True) -> Database:
    """Open the couple's database for use, creating or upgrading it as needed; an encrypted
    one with ``passphrase``.

    ``check=False`` skips SQLite's quick_check of an existing file, which reads the whole
    file: the window runs it in the background once the data shows (``quick_check``).

    Raises StartupRefused (with the file untouched) when it cannot be used, NeedsPassphrase
    when it is encrypted and no passphrase was given.
    """
    path = Path(path)
    from app.services.privacy import finish_interrupted_rekey  # (it imports this module)

    finish_interrupted_rekey(path.parent)  # before anything asks whether it is encrypted
    inspection = inspect_database(path, passphrase)
    if inspection.state is State.LOCKED:
        raise NeedsPassphrase("Your data is protected by a passphrase.")
    if not inspection.encrypted:
        passphrase = None  # a plain file (e.g. the passphrase was removed elsewhere)
    db = Database(path, passphrase=passphrase, salt=inspection.salt)
    try:
        if inspection.state in (State.MISSING, State.EMPTY):
            if not create:
                raise DatabaseUnavailable(f"There is no Hearth data in {_describe(path.parent)}.")
            ensure_private_dir(path.parent)
            if inspection.state is State.MISSING:
                create_private_file(path)
            upgrade(path)
            db.healthy = True
        elif check:
            problems = quick_check(db)
            if problems:
                raise DamagedDatabase(damaged_message(path, problems[0]))
        if inspection.state is State.OLDER:
            if db.healthy:  # never a backup of a file that hasn't passed the check
                backup_into(db, backups_dir(path.parent),
                            f"before-upgrade-from-{inspection.revision}")
            upgrade(path, passphrase=passphrase, salt=inspection.salt)
        _check_writable(db)
    except StartupRefused:
        raise
    except OSError as exc:
        raise _os_refusal(path, exc) from None
    except Exception as exc:
        inner = getattr(exc, "orig", None) or exc
        if isinstance(inner, driver_errors("OperationalError")):
            raise _operational_refusal(path, inner) from None
        raise
    return db


def _check_writable(db: Database) -> None:
    """Take the write lock once and let go: a read-only folder or file, or another program
    holding the database, shows now rather than at the couple's first save."""
    conn = db.connect(readonly=False)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _read_only_words(path: Path) -> str:
    """Which of the folder and the file can't be written, as plain words."""
    if not os.access(path.parent, os.W_OK):
        return f"Hearth can't save in {_describe(path.parent)}: the folder is read-only."
    return f"Hearth can't save in {_describe(path.parent)}: its data file is read-only."


def _os_refusal(path: Path, exc: OSError) -> StartupRefused:
    """An OSError while opening, as a plain refusal (the file untouched)."""
    import errno

    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return DatabaseUnavailable(f"{_read_only_words(path)} Please choose a folder you can "
                                   "write to, or change its permissions.")
    if exc.errno == errno.ENOSPC:
        return DatabaseUnavailable(DISK_FULL)
    if exc.errno == errno.ENAMETOOLONG:
        return DatabaseUnavailable(f"The name of the data folder is too long for this "
                                   f"computer: {_describe(path.parent)}. Please choose a "
                                   "folder with a shorter path.")
    return DatabaseUnavailable(f"Hearth couldn't write its data in {_describe(path.parent)} "
                               f"({os_words(exc)}). Nothing was lost.")


BUSY_FOR_LONG = ("If it stays busy, another program is using Hearth's data right now: please "
                 "close it.")
DISK_FULL = ("The disk is full — nothing was lost; please free some space and start Hearth "
             "again.")


def _operational_refusal(path: Path, exc: Exception) -> StartupRefused:
    """SQLite's OperationalError while opening: a storage problem said plainly (the data is
    intact), or damage."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseUnavailable(f"{BUSY} {BUSY_FOR_LONG}")
    if "full" in text:
        return DatabaseUnavailable(DISK_FULL)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseUnavailable(f"{_read_only_words(path)} Please choose a folder you can "
                                   "write to, or change its permissions.")
    if "disk i/o error" in text:
        if _disk_full(path):
            return DatabaseUnavailable(DISK_FULL)
        return DatabaseUnavailable(
            f"Hearth couldn't write its data in {_describe(path.parent)} (a disk problem — "
            "perhaps the disk is full). Nothing was lost; please free some space and start "
            "Hearth again."
        )
    refusal = storage_refusal(path, exc)
    if refusal is not None:
        return DatabaseUnavailable(refusal.message)
    return DamagedDatabase(damaged_message(path, exc))


def _disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has (almost) no room left: SQLite reports a full
    disk while it opens a file as a disk I/O error (it couldn't create the ``-shm``)."""
    try:
        found = os.statvfs(path.parent)
    except (OSError, AttributeError):
        return False
    return found.f_bavail * found.f_frsize < 64 * 1024
