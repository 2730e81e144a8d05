"""The SQLite engine and session factory, configured the careful way.

Every connection runs with ``foreign_keys=ON``, WAL, ``synchronous=FULL`` and a busy
timeout. The sqlite3 driver would otherwise commit DDL on its own; Hearth takes over
``BEGIN`` so a migration and each user action are one real transaction (see SQLAlchemy's
SQLite dialect documentation, "Serializable isolation / Savepoints / Transactional DDL").
A write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock first, waiting
(the busy timeout) while another program writes, instead of failing half-way through when
a read has to become a write.

**Only SQLite touches the live database.** POSIX advisory locks belong to the process, and
any ``close()`` of any descriptor on a file drops all of the process's locks on it — so a
plain ``open()`` + ``close()`` of ``hearth.sqlite3`` (or its ``-wal``/``-shm``) while a
connection is open lets another writer in under SQLite's feet and corrupts the file
(SQLite's "How To Corrupt An SQLite Database File", §2.2). The same holds for a second
SQLite library in the process: SQLCipher's module is one, so a file is opened through
exactly one of the two. Whether a file is encrypted, and its salt, are therefore read once,
before a ``Database`` makes its first connection, and kept (``Database.salt``); backups go
through SQLite's backup API (or SQLCipher's export) on a connection. ``live_connections``
lets the tests audit every ``open()`` against this rule.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import stat
import sys
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app.domain.errors import HearthError

if TYPE_CHECKING:  # SQLAlchemy loads with the first session, not with this module: the
    from sqlalchemy import Engine  # guard and Home's first read need only the DB-API
    from sqlalchemy.orm import Session

# PRAGMA application_id: "HRTH". Marks a file as Hearth's, readable from the header alone.
APPLICATION_ID = 0x48525448
# A second writer (hearth-cli, another window on a shared folder) waits this long for the
# write lock before Hearth says it is busy: long enough for any one save or batch of demo
# data, short enough that a stuck program doesn't freeze the window for good.
BUSY_TIMEOUT_MS = 15_000
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
    """The first ``size`` bytes of the regular file at ``path``. Never waits on a pipe or a
    device put there (OSError instead). Only for a file this process has no connection
    open on (see the module note)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.read(fd, size)
    finally:
        os.close(fd)


# SQLCipher 4 writes pages of 4096 bytes (its default, which Hearth keeps).
CIPHER_PAGE = 4096


def looks_encrypted(header: bytes, size: int) -> bool:
    """SQLCipher's files are whole pages of what looks like noise (a random salt, then
    ciphertext) where SQLite's header would be."""
    return (bool(header) and not header.startswith(SQLITE_MAGIC) and size >= CIPHER_PAGE
            and size % CIPHER_PAGE == 0
            and sum(32 <= b < 127 for b in header) < len(header) * 0.6)


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


_CONNECTION_CLASSES: dict[ModuleType, type] = {}
_LIVE: weakref.WeakSet = weakref.WeakSet()


def _connection_class(driver: ModuleType) -> type:
    """The driver's Connection class, subclassed so Hearth can keep track of its connections
    (the driver's own class takes no weak references)."""
    found = _CONNECTION_CLASSES.get(driver)
    if found is None:
        found = type("HearthConnection", (driver.Connection,), {"hearth_path": None})
        _CONNECTION_CLASSES[driver] = found
    return found


def live_connections(path: Path, only: object = None) -> int:
    """How many connections this process has open on the database at ``path`` (of ``only``,
    when given)."""
    target = os.path.abspath(path)
    count = 0
    for conn in list(_LIVE) if only is None else [only]:
        if conn.hearth_path != target:
            continue
        try:
            conn.total_changes  # noqa: B018 - raises once the connection is closed
        except Exception:
            continue
        count += 1
    return count


def connect_raw(path: Path, *, readonly: bool = False, passphrase: Passphrase | None = None,
                salt: bytes | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode (the caller issues BEGIN): sqlite3 for a plain file,
    SQLCipher keyed with ``passphrase`` for an encrypted one (a passphrase means the file is
    encrypted). ``salt`` is the file's; without it the salt is read from the file, which only
    code that has no connection open on it may do (see the module note). A wrong passphrase
    shows as ``DatabaseError: file is not a database`` at the first read."""
    if passphrase is not None and salt is None:
        salt = file_header(path, SALT_BYTES)
    driver = cipher_module() if passphrase is not None else sqlite3
    conn = driver.connect(
        sqlite_uri(path, readonly=readonly),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        factory=_connection_class(driver),
    )
    conn.hearth_path = os.path.abspath(path)
    _LIVE.add(conn)
    if passphrase is not None:
        assert salt is not None
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
        conn.execute(f'PRAGMA key = "{passphrase.key_for(salt)}"')
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


WRITING = {"hearth_writing": True}  # execution options of a connection that writes


def make_engine(path: Path, *, readonly: bool = False, foreign_keys: bool = True,
                passphrase: Passphrase | None = None, salt: bytes | None = None) -> Engine:
    """An engine for the Hearth database at ``path`` (which must exist), encrypted when a
    ``passphrase`` is given. A connection with the ``WRITING`` execution options begins its
    transactions with ``BEGIN IMMEDIATE``, any other with a plain ``BEGIN``."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    if passphrase is not None and salt is None:
        salt = file_header(path, SALT_BYTES)  # now, before the first connection

    def creator() -> sqlite3.Connection:
        conn = connect_raw(path, readonly=readonly, passphrase=passphrase, salt=salt)
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    # A small pool: the app is one process with a GUI thread and the odd worker thread.
    # ``Database.close()`` disposes it, so no file stays open afterwards.
    # With SQLCipher as the driver module, its errors are wrapped like sqlite3's.
    extra = {"module": cipher_module()} if passphrase is not None else {}
    engine = create_engine(
        "sqlite+pysqlite://", creator=creator, poolclass=QueuePool, pool_size=2,
        max_overflow=4, **extra,
    )

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        writing = connection.get_execution_options().get("hearth_writing") and not readonly
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


class Busy(HearthError):
    """Another program held the write lock for longer than the busy timeout."""


BUSY = "Hearth is busy saving — please try again in a moment. Nothing was lost."


class DamagedData(HearthError):
    """The data failed SQLite's check in this run: Hearth shows it but writes nothing."""


DAMAGED = ("Part of your data file looks damaged, so Hearth isn't saving or backing it up — "
           "a copy of damaged data could crowd out your good backups. Nothing has been "
           "changed. Please restore the newest good backup: Settings → Your data → Restore "
           "this one…")


def storage_refusal(path: Path, exc: BaseException) -> HearthError | None:
    """A plain message for the storage problems SQLite reports (``exc`` is the driver's
    OperationalError or SQLAlchemy's wrapper of it), or None for anything else."""
    inner = getattr(exc, "orig", None) or exc
    if not isinstance(inner, driver_errors("OperationalError")):
        return None
    text = str(inner).lower()
    folder = f"“{Path(path).parent}”"
    if "locked" in text or "busy" in text:
        return Busy(BUSY)
    if "full" in text:
        return HearthError("The disk is full — nothing was lost; please free some space and "
                           "try again.")
    if "readonly" in text or "read-only" in text:
        return HearthError(f"Hearth can't save in {folder}: the folder or its data file is "
                           "read-only. Nothing was lost.")
    if "disk i/o error" in text:
        return HearthError(f"Hearth couldn't write its data in {folder} (a disk problem). "
                           "Nothing was lost; if the disk is full, please free some space.")
    return None


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


@contextmanager
def _storage_said_plainly(path: Path) -> Iterator[None]:
    """A locked, full or read-only database, said in plain words (after the rollback)."""
    try:
        yield
    except Exception as exc:
        refusal = storage_refusal(path, exc)
        if refusal is None:
            raise
        raise refusal from None


class Database:
    """An open Hearth database: one engine and a session factory.

    A session lives for one user action: ``with db.transaction() as session: ...`` commits
    at the end of the block or rolls everything back on an exception. The engine (and
    SQLAlchemy) is made on first use; ``raw()`` reads without it.

    ``passphrase`` is None for a plain file. For an encrypted one, the file's salt is read
    before the first connection and kept (``salt``); nothing reads the file itself while a
    connection is open (see the module note).
    """

    def __init__(self, path: Path, *, readonly: bool = False,
                 passphrase: Passphrase | None = None, salt: bytes | None = None) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.passphrase = passphrase  # None: the file is plain SQLite
        self._salt = salt
        self.commits = 0  # write transactions committed through this object (for backups)
        # SQLite's quick_check of this file in this run: None until it has run. Nothing is
        # backed up before it passed (a copy of a damaged file would crowd out good ones).
        self.healthy: bool | None = None
        # Held by backups, restores and re-keying, so they never overlap (the backup keeper
        # runs on a worker thread).
        self.maintenance = threading.RLock()
        self._engine: Engine | None = None
        self._opening = threading.RLock()

    @property
    def salt(self) -> bytes | None:
        """The encrypted file's salt (None for a plain file), read once, before the first
        connection."""
        with self._opening:
            if self.passphrase is not None and self._salt is None:
                self._salt = file_header(self.path, SALT_BYTES)
            return self._salt if self.passphrase is not None else None

    @property
    def engine(self) -> Engine:
        with self._opening:
            if self._engine is None:
                from sqlalchemy import event
                from sqlalchemy.orm import sessionmaker

                engine = make_engine(self.path, readonly=self.readonly,
                                     passphrase=self.passphrase, salt=self.salt)
                self._sessions = sessionmaker(engine, expire_on_commit=False,
                                              execution_options=WRITING)
                self._reading_sessions = sessionmaker(engine, expire_on_commit=False)

                @event.listens_for(engine, "commit")
                def _counted(_connection) -> None:
                    self.commits += 1

                self._engine = engine
            return self._engine

    def connect(self, *, readonly: bool | None = None) -> sqlite3.Connection:
        """A DB-API connection of its own (autocommit; the caller closes it), opened like
        the engine's (WAL, locks), not as an immutable snapshot: the app may be writing
        through the engine at the same time."""
        return connect_raw(self.path, readonly=self.readonly if readonly is None else readonly,
                           passphrase=self.passphrase, salt=self.salt)

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading, closed after the block (no SQLAlchemy: Home's first
        read uses it while SQLAlchemy is still loading)."""
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()

    def reopen(self) -> None:
        """Close every connection and open the file at ``path`` afresh (after a restore or
        a change of passphrase: the salt is read again before the next connection)."""
        with self._opening:
            self.close()
            self._salt = None

    def checkpoint(self) -> None:
        """Move everything from the write-ahead log into the database file itself."""
        with self.raw() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction (``BEGIN IMMEDIATE``), committed at the end of the block.
        Refused (DamagedData) once the data failed SQLite's check in this run."""
        if self.healthy is False:
            raise DamagedData(DAMAGED)
        sessions = self._session_factory()
        with _storage_said_plainly(self.path), _numbers_sqlite_can_hold(), \
                sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing is committed."""
        self._session_factory()
        with _storage_said_plainly(self.path), _numbers_sqlite_can_hold(), \
                self._reading_sessions() as session:
            yield session

    def _session_factory(self):
        self.engine  # noqa: B018 - made on first use
        return self._sessions

    def close(self) -> None:
        with self._opening:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
