"""The SQLite engine and session factory, configured the careful way.

Every connection runs with ``foreign_keys=ON``, WAL, ``synchronous=FULL`` and a busy
timeout. The sqlite3 driver would otherwise commit DDL on its own; Hearth takes over
``BEGIN`` so a migration and each user action are one real transaction (see SQLAlchemy's
SQLite dialect documentation, "Serializable isolation / Savepoints / Transactional DDL").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

# PRAGMA application_id: "HRTH". Marks a file as Hearth's, readable from the header alone.
APPLICATION_ID = 0x48525448
BUSY_TIMEOUT_MS = 5000


def sqlite_uri(path: Path, *, readonly: bool = False) -> str:
    """A URI for ``path``. Read-only opens of a file with no write-ahead log are
    ``immutable``, so looking at a file (even another program's) creates nothing beside it."""
    path = Path(path).absolute()
    uri = path.as_uri()
    if not readonly:
        return uri + "?mode=rw"
    if not Path(f"{path}-wal").exists():
        return uri + "?mode=ro&immutable=1"
    return uri + "?mode=ro"


def connect_raw(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (the caller issues BEGIN)."""
    conn = sqlite3.connect(
        sqlite_uri(path, readonly=readonly),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def make_engine(path: Path, *, readonly: bool = False, foreign_keys: bool = True) -> Engine:
    """An engine for the Hearth database at ``path`` (which must exist)."""

    def creator() -> sqlite3.Connection:
        conn = connect_raw(path, readonly=readonly)
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    # A small pool: the app is one process with a GUI thread and the odd worker thread.
    # ``Database.close()`` disposes it, so no file stays open afterwards.
    engine = create_engine(
        "sqlite+pysqlite://", creator=creator, poolclass=QueuePool, pool_size=2, max_overflow=4
    )

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """An open Hearth database: one engine and a session factory.

    A session lives for one user action: ``with db.transaction() as session: ...`` commits
    at the end of the block or rolls everything back on an exception.
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.commits = 0  # write transactions committed through this object (for backups)
        self._open()

    def _open(self) -> None:
        self.engine = make_engine(self.path, readonly=self.readonly)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

        @event.listens_for(self.engine, "commit")
        def _counted(_connection) -> None:
            self.commits += 1

    def reopen(self) -> None:
        """Close every connection and open the file at ``path`` afresh (after a restore)."""
        self.engine.dispose()
        self._open()

    def checkpoint(self) -> None:
        """Move everything from the write-ahead log into the database file itself."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
