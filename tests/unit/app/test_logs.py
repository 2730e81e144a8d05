"""hearth-errors.log says what went wrong and where, never what the couple wrote: no SQL
parameters, no exception messages; it is the owner's alone and doesn't grow without end."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest

from app import logs

MARKER = "we promised each other the blue house by the lake"


@pytest.fixture(autouse=True)
def _closed_logs():
    yield
    logs.close_all()


def _failed_insert(db, couple) -> Exception:
    """What SQLAlchemy raises when a check-in holding MARKER can't be written."""
    from app.persistence.models import CheckinRecord, CheckinSessionRecord

    now = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    try:
        with db.transaction() as session:
            checkin_session = CheckinSessionRecord(started_at=now, mode="together")
            session.add(checkin_session)
            session.flush()
            session.add(CheckinRecord(
                session_id=checkin_session.id, partner_id=couple.partners[0].id, at=now,
                utc_offset=0, mood=9, connection=5, appreciation=MARKER, updated_at=now))
    except Exception as exc:  # mood 9 breaks the table's CHECK constraint
        return exc
    raise AssertionError("the insert should have failed")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_failed_insert_is_logged_without_the_couples_words(db, couple, hearth_home):
    exc = _failed_insert(db, couple)
    assert MARKER in str(exc)  # what the old log copied in whole

    shown = logs.report(hearth_home, "Unexpected error", exc)
    written = logs.log_path(hearth_home).read_text(encoding="utf-8")
    for text in (shown, written):
        assert MARKER not in text
        assert "IntegrityError" in text and "INSERT INTO checkin" in text
        assert "SQLITE_CONSTRAINT_CHECK" in text
        assert "test_logs.py" in text and "_failed_insert" in text  # where it happened


def test_the_log_is_private_whatever_the_umask(hearth_home):
    hearth_home.mkdir(parents=True)
    before = os.umask(0)
    try:
        logs.report(hearth_home, "Unexpected error", OSError(28, "No space left on device",
                                                             "hearth.sqlite3"))
    finally:
        os.umask(before)
    path = logs.log_path(hearth_home)
    assert _mode(path) == 0o600
    assert "OSError (No space left on device; hearth.sqlite3)" in path.read_text(encoding="utf-8")


def test_the_log_rotates_and_its_older_files_stay_private(hearth_home):
    hearth_home.mkdir(parents=True)

    def deep(n: int):
        if n == 0:
            raise ValueError(MARKER)
        deep(n - 1)

    try:
        deep(30)
    except ValueError as caught:
        exc = caught
    before = os.umask(0)
    try:
        for _ in range(600):  # about 1.5 MB in all
            logs.report(hearth_home, "Unexpected error", exc)
    finally:
        os.umask(before)
    path = logs.log_path(hearth_home)
    files = sorted(hearth_home.glob(logs.LOG_FILENAME + "*"))
    assert [f.name for f in files] == [logs.LOG_FILENAME] + [
        f"{logs.LOG_FILENAME}.{n}" for n in range(1, logs.KEEP + 1)]
    for file in files:
        assert _mode(file) == 0o600, file.name
        assert file.stat().st_size <= logs.MAX_BYTES
        text = file.read_text(encoding="utf-8")
        assert text.startswith(logs.HEADER) and MARKER not in text
    assert path.stat().st_size > 0


def test_an_older_hearths_log_with_whole_tracebacks_is_removed(hearth_home):
    hearth_home.mkdir(parents=True)
    old = logs.log_path(hearth_home)
    old.write_text(f"Traceback (most recent call last):\n  ... [parameters: ('{MARKER}',)]\n",
                   encoding="utf-8")
    logs.forget_old_log(hearth_home)
    assert not old.exists()
    logs.report(hearth_home, "Unexpected error", RuntimeError(MARKER))
    logs.forget_old_log(hearth_home)  # Hearth's own log stays
    assert "RuntimeError" in old.read_text(encoding="utf-8")


@pytest.mark.parametrize(("sql", "kind"), [
    ("INSERT INTO checkin (mood, appreciation) VALUES (?, ?)", "INSERT INTO checkin"),
    ('UPDATE "goal" SET title = ? WHERE id = ?', "UPDATE goal"),
    ("DELETE FROM idea WHERE id = ?", "DELETE FROM idea"),
    ("SELECT a.x, b.y FROM partner AS a JOIN couple b ON 1", "SELECT FROM partner"),
    ("PRAGMA key = \"x'00ff'\"", "PRAGMA key"),
    ("ATTACH DATABASE '/tmp/our secret.db' AS plain KEY ''", "ATTACH"),
    ("'; DROP TABLE couple; --", "an SQL statement"),
])
def test_only_the_kind_of_a_statement_is_told(sql, kind):
    assert logs.statement_kind(sql) == kind
