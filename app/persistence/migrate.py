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
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain.errors import HearthError
from app.paths import backups_dir, create_private_file, ensure_private_dir
from app.persistence.backup import backup_into
from app.persistence.database import APPLICATION_ID, Database, connect_raw, make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
SQLITE_MAGIC = b"SQLite format 3\x00"


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


class State(enum.Enum):
    MISSING = "missing"  # no file yet
    EMPTY = "empty"  # an empty file, e.g. left by an interrupted first start
    CURRENT = "current"
    OLDER = "older"


@dataclass(frozen=True)
class Inspection:
    path: Path
    state: State
    revision: str | None


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


def inspect_database(path: Path) -> Inspection:
    """Look at ``path`` without changing it. Raises StartupRefused for files Hearth won't open."""
    path = Path(path)
    try:
        if not path.exists():
            return Inspection(path, State.MISSING, None)
        if path.is_dir():
            raise NotHearthDatabase(
                f"{_describe(path)} is a folder, not Hearth's data file. "
                "Please choose another data folder."
            )
        with open(path, "rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise DatabaseUnavailable(
            f"Hearth isn't allowed to read {_describe(path)}. "
            "Please check the file's permissions, or choose another data folder."
        ) from None
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Hearth couldn't read {_describe(path)} ({exc.strerror or exc})."
        ) from None
    if not header:
        return Inspection(path, State.EMPTY, None)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotHearthDatabase(
            f"{_describe(path)} is not a Hearth database, so Hearth has left it untouched. "
            "If you put it there by mistake, move it elsewhere; otherwise choose another "
            "data folder."
        )
    application_id = int.from_bytes(header[68:72], "big")
    try:
        conn = connect_raw(path, readonly=True)
    except sqlite3.Error as exc:
        raise DamagedDatabase(_damaged_message(path, exc)) from None
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if application_id != APPLICATION_ID:
            if application_id == 0 and not tables:
                return Inspection(path, State.EMPTY, None)
            raise NotHearthDatabase(
                f"{_describe(path)} belongs to another program, not Hearth, so Hearth has "
                "left it untouched. Please move it elsewhere or choose another data folder."
            )
        if "alembic_version" not in tables:
            if not tables:
                return Inspection(path, State.EMPTY, None)
            raise DamagedDatabase(_damaged_message(path, "it has no schema revision"))
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseUnavailable(
                "Hearth's data is being used by another program right now. "
                "Please close it and try again."
            ) from None
        raise DamagedDatabase(_damaged_message(path, exc)) from None
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(_damaged_message(path, exc)) from None
    finally:
        conn.close()
    if len(rows) != 1:
        raise DamagedDatabase(_damaged_message(path, "its schema revision is unclear"))
    revision = rows[0][0]
    chain = revision_chain()
    if revision not in chain:
        raise TooNewDatabase(
            f"{_describe(path)} was written by a newer version of Hearth (schema {revision}). "
            "Please update Hearth to open it; the file has not been changed."
        )
    state = State.CURRENT if revision == chain[-1] else State.OLDER
    return Inspection(path, state, revision)


def _damaged_message(path: Path, detail: object) -> str:
    return (
        f"{_describe(path)} looks damaged ({detail}), so Hearth has left it untouched. "
        "You can restore the newest backup from the “backups” folder next to it."
    )


def quick_check(path: Path) -> list[str]:
    """Problems found by SQLite's quick_check and foreign_key_check (empty when healthy)."""
    conn = connect_raw(path, readonly=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [
            f"{row[0]} row {row[1]} points at a missing {row[2]}"
            for row in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def upgrade(path: Path, target: str = "head") -> None:
    """Upgrade the database at ``path`` to ``target`` in one transaction.

    Foreign keys are switched off for the duration (batch mode rebuilds tables, and a
    rebuilt parent must not cascade into its children), and checked before commit.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DamagedDatabase(_damaged_message(path, f"{len(broken)} broken links"))
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        engine.dispose()


def open_database(path: Path, *, create: bool = True) -> Database:
    """Open the couple's database for use, creating or upgrading it as needed.

    Raises StartupRefused (with the file untouched) when it cannot be used.
    """
    path = Path(path)
    inspection = inspect_database(path)
    try:
        if inspection.state in (State.MISSING, State.EMPTY):
            if not create:
                raise DatabaseUnavailable(f"There is no Hearth data in {_describe(path.parent)}.")
            ensure_private_dir(path.parent)
            if inspection.state is State.MISSING:
                create_private_file(path)
            upgrade(path)
        else:
            problems = quick_check(path)
            if problems:
                raise DamagedDatabase(_damaged_message(path, problems[0]))
        if inspection.state is State.OLDER:
            backup_into(
                path, backups_dir(path.parent), f"before-upgrade-from-{inspection.revision}"
            )
            upgrade(path)
    except StartupRefused:
        raise
    except PermissionError:
        raise DatabaseUnavailable(
            f"Hearth isn't allowed to write in {_describe(path.parent)}. "
            "Please choose a folder you can write to."
        ) from None
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Hearth couldn't write its data in {_describe(path.parent)} "
            f"({exc.strerror or exc}). If the disk is full, free some space and try again."
        ) from None
    except sqlite3.OperationalError as exc:
        raise _operational_refusal(path, exc) from None
    except Exception as exc:
        inner = getattr(exc, "orig", None)
        if isinstance(inner, sqlite3.OperationalError):
            raise _operational_refusal(path, inner) from None
        raise
    return Database(path)


def _operational_refusal(path: Path, exc: sqlite3.OperationalError) -> StartupRefused:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseUnavailable(
            "Hearth's data is being used by another program right now. "
            "Please close it and try again."
        )
    if "full" in text:
        return DatabaseUnavailable(
            "The disk is full, so Hearth couldn't update its data. Nothing was lost; "
            "please free some space and start Hearth again."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseUnavailable(
            f"Hearth isn't allowed to write in {_describe(path.parent)}. "
            "Please choose a folder you can write to."
        )
    return DamagedDatabase(_damaged_message(path, exc))
