"""Shared fixtures. Qt runs offscreen; no test ever touches a real data dir.

``QT_QPA_PLATFORM`` is set here, before anything imports Qt. A template database is
migrated once per session and copied for each test that needs one.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HEARTH_COLOR_SCHEME"] = "light"

import shutil
import sys
import time
import traceback
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.persistence.database as database
from app.paths import db_path
from tests.helpers import PROCESS

# Only SQLite may touch a database this process has a connection open on (database.py's
# module note): any open() + close() of it, or of its -wal/-shm, drops SQLite's locks.
# Every open() in every test is audited; one of a live database fails the test. hearth-cli
# run in-process stands for a process of its own (tests/helpers.py, PROCESS): its opens are
# held against its own connections.
_OPENED_UNDER_SQLITE: list[str] = []


class _OwnedConnections(weakref.WeakSet):
    def add(self, item) -> None:
        item.hearth_process = PROCESS[-1]
        super().add(item)


database._LIVE = _OwnedConnections()


def live_connections(path: Path) -> int:
    """Open connections on ``path`` of the process the running code stands for."""
    return sum(1 for conn in list(database._LIVE)
               if getattr(conn, "hearth_process", None) == PROCESS[-1]
               and database.live_connections(path, only=conn))


def _audit_opens(event: str, args: tuple) -> None:
    if event != "open" or not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    name = os.fsdecode(args[0])
    for suffix in ("-wal", "-shm", "-journal"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if not name.endswith(".sqlite3") or not live_connections(Path(name)) or _a_test_looks():
        return
    _OPENED_UNDER_SQLITE.append(
        f"{os.fsdecode(args[0])} was opened while a connection had it open:\n"
        + "".join(traceback.format_stack(limit=12)[:-1]))


_ROOT = str(Path(__file__).resolve().parents[1])
_TESTS = str(Path(__file__).resolve().parent)


_LOOKS = {"is_encrypted", "file_header"}  # what a test may call to look at a file


def _a_test_looks() -> bool:
    """Whether the open comes straight from a test's own code (a look at the file from
    outside, as another process would, perhaps through ``is_encrypted``), not from
    Hearth's."""
    frame = sys._getframe(2)
    while frame is not None:
        file = frame.f_code.co_filename
        if file.startswith(_ROOT) and "site-packages" not in file and \
                frame.f_code.co_name not in _LOOKS:
            return file.startswith(_TESTS)
        frame = frame.f_back
    return False


sys.addaudithook(_audit_opens)


@pytest.fixture(autouse=True)
def only_sqlite_opens_live_databases() -> Iterator[None]:
    _OPENED_UNDER_SQLITE.clear()
    yield
    found = list(_OPENED_UNDER_SQLITE)
    _OPENED_UNDER_SQLITE.clear()
    assert not found, found[0]


@pytest.fixture(autouse=True)
def hearth_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HEARTH_HOME (and the XDG dirs, as a second fence) point into the test's temp dir."""
    home = tmp_path / "hearth-home"
    monkeypatch.setenv("HEARTH_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("HEARTH_DEBUG", raising=False)
    monkeypatch.delenv("HEARTH_PASSPHRASE", raising=False)
    return home


@pytest.fixture
def local_zone() -> Iterator:
    """Set this computer's time zone for the test (for naive times); restored afterwards."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated, empty Hearth database, made once per test session."""
    from app.persistence.migrate import open_database

    folder = tmp_path_factory.mktemp("template")
    db = open_database(db_path(folder))
    db.close()  # the last connection checkpoints the WAL into the one file
    return db_path(folder)


@pytest.fixture
def db_file(hearth_home: Path, template_db: Path) -> Path:
    """A copy of the template database at the usual place in HEARTH_HOME."""
    hearth_home.mkdir(parents=True, exist_ok=True)
    target = db_path(hearth_home)
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def db(db_file: Path) -> Iterator:
    from app.persistence.database import Database

    database = Database(db_file)
    yield database
    database.close()


@pytest.fixture
def services(db):
    from app.services import Services

    return Services.over(db)


@pytest.fixture
def couple(services):
    """Services over a database where Zoë and Łukasz are set up."""
    found, _ = services.couple.setup("Zoë", "Łukasz", colours=("teal", "terracotta"))
    return found
