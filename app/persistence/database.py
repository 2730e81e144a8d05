"""The SQLite engine and session factory, configured the careful way.

Every connection runs with ``foreign_keys=ON``, WAL, ``synchronous=FULL`` and a busy
timeout. The sqlite3 driver would otherwise commit DDL on its own; Hearth takes over
``BEGIN`` so a migration and each user action are one real transaction (see SQLAlchemy's
SQLite dialect documentation, "Serializable isolation / Savepoints / Transactional DDL").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy loads with the first session, not with this module: the
    from sqlalchemy import Engine  # guard and Home's first read need only the DB-API
    from sqlalchemy.orm import Session

# PRAGMA application_id: "HRTH". Marks a file as Hearth's, readable from the header alone.
APPLICATION_ID = 0x48525448
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16  # SQLCipher keeps a file's random salt in its first 16 bytes

# SQLCipher 4's defaults, so a file Hearth encrypts opens with any SQLCipher 4 tool and the
# passphrase alone: PBKDF2-HMAC-SHA512, 256,000 iterations, a 256-bit key.
KDF_ITERATIONS = 256_000
KEY_BYTES = 32


class Passphrase:
    """The couple's passphrase, held only in memory, and the keys derived from it.

    Deriving a key takes a deliberate quarter of a second, so each one is derived once per
    file salt and then handed to SQLCipher as a raw key. New encrypted files (backups, a
    re-keyed database) reuse the salt of the first file this passphrase opened, so one
    session derives one key.
    """

    def __init__(self, text: str) -> None:
        if not text or "\x00" in text:
            raise ValueError("a passphrase is some text without NUL characters")
        self._text = text
        self._keys: dict[bytes, bytes] = {}
        self._salt: bytes | None = None

    def __repr__(self) -> str:
        return "Passphrase(…)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Passphrase) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)

    @property
    def salt(self) -> bytes:
        """The salt for new files encrypted with this passphrase."""
        if self._salt is None:
            self._salt = os.urandom(SALT_BYTES)
        return self._salt

    def key_for(self, salt: bytes) -> str:
        """SQLCipher's raw-key form (``x'key salt'``) for a file with this salt."""
        key = self._keys.get(salt)
        if key is None:
            key = hashlib.pbkdf2_hmac("sha512", self._text.encode("utf-8"), salt,
                                      KDF_ITERATIONS, KEY_BYTES)
            self._keys[salt] = key
            if self._salt is None:
                self._salt = salt
        return f"x'{key.hex()}{salt.hex()}'"


def file_header(path: Path, size: int = 100) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def looks_encrypted(header: bytes, size: int) -> bool:
    """SQLCipher's files are whole pages of what looks like noise (a random salt, then
    ciphertext) where SQLite's header would be."""
    return (bool(header) and not header.startswith(SQLITE_MAGIC) and size >= 1024
            and size % 512 == 0 and sum(32 <= b < 127 for b in header) < len(header) * 0.6)


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an encrypted database. A missing, empty or plain SQLite
    file is not, and neither is a text file or anything else that isn't whole pages."""
    try:
        header = file_header(Path(path))
        size = Path(path).stat().st_size
    except OSError:  # missing, a folder, or unreadable (inspect_database says which)
        return False
    return looks_encrypted(header, size)


def cipher_module() -> ModuleType:
    """SQLCipher's DB-API module, imported only when an encrypted file is used."""
    from sqlcipher3 import dbapi2

    return dbapi2


def driver_errors(name: str = "Error") -> tuple[type[Exception], ...]:
    """sqlite3's exception class ``name`` and, once SQLCipher is in use, its twin."""
    classes: list[type[Exception]] = [getattr(sqlite3, name)]
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        classes.append(getattr(cipher, name))
    return tuple(classes)


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


def connect_raw(path: Path, *, readonly: bool = False,
                passphrase: Passphrase | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode (the caller issues BEGIN): sqlite3 for a plain file,
    SQLCipher keyed with ``passphrase`` for an encrypted one. A wrong passphrase shows as
    ``DatabaseError: file is not a database`` at the first read."""
    encrypted = passphrase is not None and is_encrypted(path)
    driver = cipher_module() if encrypted else sqlite3
    conn = driver.connect(
        sqlite_uri(path, readonly=readonly),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    if encrypted:
        assert passphrase is not None
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
        conn.execute(f'PRAGMA key = "{passphrase.key_for(file_header(path, SALT_BYTES))}"')
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def make_engine(path: Path, *, readonly: bool = False, foreign_keys: bool = True,
                passphrase: Passphrase | None = None) -> Engine:
    """An engine for the Hearth database at ``path`` (which must exist)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    encrypted = passphrase is not None and is_encrypted(path)

    def creator() -> sqlite3.Connection:
        conn = connect_raw(path, readonly=readonly, passphrase=passphrase)
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    # A small pool: the app is one process with a GUI thread and the odd worker thread.
    # ``Database.close()`` disposes it, so no file stays open afterwards.
    # With SQLCipher as the driver module, its errors are wrapped like sqlite3's.
    extra = {"module": cipher_module()} if encrypted else {}
    engine = create_engine(
        "sqlite+pysqlite://", creator=creator, poolclass=QueuePool, pool_size=2,
        max_overflow=4, **extra,
    )

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def _numbers_sqlite_can_hold() -> Iterator[None]:
    """SQLite holds integers up to 2**63 - 1; a larger one (an id nobody has, a number typed
    or imported) is refused like any other bad input, after the transaction rolled back."""
    try:
        yield
    except OverflowError:
        from app.domain.errors import ValidationError

        raise ValidationError("That number is far too large for Hearth. Nothing was "
                              "changed.") from None


class Database:
    """An open Hearth database: one engine and a session factory.

    A session lives for one user action: ``with db.transaction() as session: ...`` commits
    at the end of the block or rolls everything back on an exception. The engine (and
    SQLAlchemy) is made on first use; ``raw()`` reads without it.
    """

    def __init__(self, path: Path, *, readonly: bool = False,
                 passphrase: Passphrase | None = None) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.passphrase = passphrase  # None: the file is plain SQLite
        self.commits = 0  # write transactions committed through this object (for backups)
        # Held by backups, restores and re-keying, so they never overlap (the backup keeper
        # runs on a worker thread).
        self.maintenance = threading.RLock()
        self._engine: Engine | None = None
        self._opening = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._opening:
            if self._engine is None:
                from sqlalchemy import event
                from sqlalchemy.orm import sessionmaker

                engine = make_engine(self.path, readonly=self.readonly,
                                     passphrase=self.passphrase)
                self._sessions = sessionmaker(engine, expire_on_commit=False)

                @event.listens_for(engine, "commit")
                def _counted(_connection) -> None:
                    self.commits += 1

                self._engine = engine
            return self._engine

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A DB-API connection of its own for reading, closed after the block (no
        SQLAlchemy: Home's first read uses it while SQLAlchemy is still loading). It opens
        like the engine's connections (WAL, locks), not as an immutable snapshot: the app
        may be writing through the engine at the same time."""
        conn = connect_raw(self.path, readonly=self.readonly, passphrase=self.passphrase)
        try:
            yield conn
        finally:
            conn.close()

    def reopen(self) -> None:
        """Close every connection and open the file at ``path`` afresh (after a restore)."""
        self.close()

    def checkpoint(self) -> None:
        """Move everything from the write-ahead log into the database file itself."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        sessions = self._session_factory()
        with _numbers_sqlite_can_hold(), sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing is committed."""
        sessions = self._session_factory()
        with _numbers_sqlite_can_hold(), sessions() as session:
            yield session

    def _session_factory(self):
        self.engine  # noqa: B018 - made on first use
        return self._sessions

    def close(self) -> None:
        with self._opening:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
