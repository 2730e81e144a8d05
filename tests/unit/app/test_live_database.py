"""Only SQLite touches the live database, and a second writer waits its turn.

POSIX locks belong to the process: any open() + close() of hearth.sqlite3 (or its -wal,
-shm) in a process with a connection open drops SQLite's locks, and another writer then
corrupts the file. tests/conftest.py audits every open() of every test against this; these
tests show the audit works and walk the paths that used to break the rule."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

import app.persistence.database as database
import tests.conftest as guard
from app.domain.checkins import CheckinInput
from app.persistence.database import Busy, Database, Passphrase, is_encrypted
from tests.helpers import fresh, run_cli


def test_the_audit_sees_an_open_of_a_live_database(db):
    from app.persistence.backup import closed_file

    with db.raw() as conn:
        conn.execute("SELECT 1").fetchone()
        # Hearth's code treating the live file as a closed one: it reads the header, an
        # open() + close() while the connection holds the file.
        closed_file(db.path, Passphrase("our quiet sentence"))
        found = list(guard._OPENED_UNDER_SQLITE)
        guard._OPENED_UNDER_SQLITE.clear()
    assert found and "hearth.sqlite3 was opened while a connection had it open" in found[0]
    is_encrypted(db.path)  # with every connection closed, looking is fine
    assert not guard._OPENED_UNDER_SQLITE


@pytest.fixture
def encrypted(services, couple, db_file, capsys, monkeypatch):
    services.close()
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("our quiet sentence\n"))
    assert run_cli(capsys, "passphrase", "set", "--stdin")[0] == 0
    assert is_encrypted(db_file)
    return Database(db_file, passphrase=Passphrase("our quiet sentence"))


def test_with_a_passphrase_nothing_but_sqlite_opens_the_live_file(encrypted):
    """Every read and write, a backup, an export and a check — while connections are open —
    without one open() of the database (the audit would fail this test)."""
    from app.persistence.migrate import quick_check
    from app.services import Services

    services = Services.over(encrypted)
    try:
        zoe = services.couple.require().partners[0]
        with encrypted.raw():  # a connection held open throughout
            services.checkins.save_session([CheckinInput(zoe.id, mood=4, connection=7)])
            services.home.settings()
            backup = services.backups.back_up("manual")
            assert backup.checked and is_encrypted(backup.path)
            assert b'"checkin"' in services.transfer.export()
            assert quick_check(encrypted) == []
            services.drafts.save("checkin", {"appreciation": "tea"})
    finally:
        services.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(services, couple, db_file):
    other = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program is saving

    def finish() -> None:
        time.sleep(0.8)
        other.execute("COMMIT")

    threading.Thread(target=finish).start()
    zoe = couple.partners[0]
    started = time.monotonic()
    services.checkins.save_session([CheckinInput(zoe.id, mood=4, connection=7)])
    assert time.monotonic() - started >= 0.5  # it waited for the lock, then saved
    other.close()
    assert len(services.checkins.history()) == 1


def test_a_writer_that_cant_get_the_lock_says_hearth_is_busy(couple, db_file, monkeypatch,
                                                             capsys):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with fresh(db_file) as services, pytest.raises(Busy) as caught:
            services.drafts.save("checkin", {"appreciation": "tea"})
        assert caught.value.message.startswith("Hearth is busy saving")
        code, _out, err = run_cli(capsys, "checkins", "add", "--partner", "Zoë", "--mood", "4",
                                  "--connection", "7")
        assert code == 1 and "Hearth is busy saving — please try again in a moment" in err
    finally:
        other.execute("ROLLBACK")
        other.close()
    with fresh(db_file) as services:
        assert services.checkins.history() == []
