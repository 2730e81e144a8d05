"""Migrations and the start-up guard: the couple's file is upgraded safely or left alone.

DESIGN.md §2: the schema comes only from Alembic revisions; a too-new, foreign or damaged
file is refused and left byte-identical; an older one is backed up first, then upgraded in
one transaction and checked.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from app.domain.settings import Settings, TextSize
from app.paths import backups_dir, create_private_file, db_path, ensure_private_dir
from app.persistence.database import APPLICATION_ID, BUSY_TIMEOUT_MS, Database, Passphrase
from app.persistence.migrate import (
    MIGRATIONS_DIR,
    VERSIONS_DIR,
    DamagedDatabase,
    NeedsPassphrase,
    NotHearthDatabase,
    StartupRefused,
    State,
    TooNewDatabase,
    WrongPassphrase,
    head_revision,
    inspect_database,
    open_database,
    revision_chain,
    upgrade,
)
from app.persistence.models import Base
from app.services import Services

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest: what "nothing changed" means."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def scalar(path: Path, sql: str):
    conn = raw(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = raw(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


@pytest.fixture
def data_dir(hearth_home: Path) -> Path:
    return ensure_private_dir(hearth_home)


@pytest.fixture
def at_first_revision(data_dir: Path) -> Path:
    """A database as the first Hearth release left it: revision 0001, a couple, two partners."""
    path = db_path(data_dir)
    create_private_file(path)
    upgrade(path, "0001")
    conn = raw(path)
    with conn:
        insert_couple(conn)
    conn.close()
    return path


def insert_couple(conn: sqlite3.Connection) -> None:
    """Zoë (partner 1) and Łukasz (partner 2), as any revision since the first stores them."""
    conn.execute("INSERT INTO couple (id, created_at) VALUES (1, '2025-02-14 19:30:00')")
    conn.executemany(
        "INSERT INTO partner (id, couple_id, position, name, colour) VALUES (?, 1, ?, ?, ?)",
        [(1, 0, "Zoë", "teal"), (2, 1, "Łukasz", "terracotta")],
    )


def assert_refused_untouched(path: Path, error: type[StartupRefused]) -> StartupRefused:
    folder = path.parent
    before = snapshot(folder)
    with pytest.raises(error) as caught:
        open_database(path)
    assert caught.value.message.strip()
    assert str(path) in caught.value.message
    assert sha256(path) == before[path.name], "the refused file was changed"
    assert not backups_dir(folder).exists(), "a refused file must not be backed up"
    return caught.value


# --- (a) one line of revisions ------------------------------------------------------------


def test_the_migrations_have_a_single_head_and_one_line():
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    heads = script.get_heads()
    assert len(heads) == 1
    alembic_order = tuple(reversed([rev.revision for rev in script.walk_revisions()]))
    assert revision_chain() == alembic_order
    assert revision_chain()[:2] == ("0001", "0002")
    assert head_revision() == heads[0] == alembic_order[-1]
    assert script.get_revision(alembic_order[0]).down_revision is None


def test_revisions_never_import_the_models():
    # A revision must keep working when the models change later.
    for file in VERSIONS_DIR.glob("*.py"):
        source = file.read_text(encoding="utf-8")
        assert "app.persistence.models" not in source, file.name
        assert "create_all" not in source, file.name


# --- (b) models match migrations ----------------------------------------------------------


def test_the_models_match_the_migrated_schema(data_dir):
    db = open_database(db_path(data_dir))
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_a_new_database_is_at_head_and_marked_as_hearths(data_dir):
    path = db_path(data_dir)
    open_database(path).close()
    assert scalar(path, "SELECT version_num FROM alembic_version") == head_revision()
    assert scalar(path, "PRAGMA application_id") == APPLICATION_ID
    assert {"alembic_version", "couple", "partner", "couple_settings"} <= tables(path)
    assert inspect_database(path).state is State.CURRENT


def test_opening_a_current_database_twice_changes_no_data_and_makes_no_backup(db_file):
    db = open_database(db_file)
    Services.over(db).couple.setup("Zoë", "Łukasz")
    db.close()
    db = open_database(db_file)
    try:
        assert Services.over(db).couple.get().names == ("Zoë", "Łukasz")
    finally:
        db.close()
    assert not backups_dir(db_file.parent).exists()


# --- (c) upgrading an older database ------------------------------------------------------


def test_upgrading_from_the_first_revision_backs_up_first_and_keeps_the_data(at_first_revision):
    path = at_first_revision
    assert inspect_database(path).state is State.OLDER

    db = open_database(path)
    try:
        couple = Services.over(db).couple.get()
        settings = Services.over(db).settings.get()
    finally:
        db.close()

    # The couple is still there, now with default settings.
    assert couple.names == ("Zoë", "Łukasz")
    assert [p.colour for p in couple.partners] == ["teal", "terracotta"]
    assert settings == Settings(week_start=0, text_size=TextSize.NORMAL, checkin_target_per_week=2,
                                quality_hours_per_week=4)
    conn = raw(path)
    try:
        assert conn.execute("SELECT * FROM couple_settings").fetchall() == [
            (1, 0, "normal", 2, 4, 0)  # lock_after_minutes since 0010
        ]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()

    # A backup as the file was before the upgrade.
    backups = list(backups_dir(path.parent).iterdir())
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith("hearth-") and backup.name.endswith(
        "-before-upgrade-from-0001.checked.sqlite3"  # it passed integrity_check
    )
    assert scalar(backup, "SELECT version_num FROM alembic_version") == "0001"
    assert "couple_settings" not in tables(backup)
    conn = raw(backup)
    try:
        assert conn.execute(
            "SELECT position, name, colour FROM partner ORDER BY position"
        ).fetchall() == [
            (0, "Zoë", "teal"),
            (1, "Łukasz", "terracotta"),
        ]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert not list(backup.parent.glob("*.partial"))
    if os.name == "posix":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


def test_check_ins_made_before_ids_were_kept_unique_survive_and_are_never_reused(data_dir):
    """0004 rebuilds the check-in tables with AUTOINCREMENT: rows, checks and links stay."""
    path = db_path(data_dir)
    create_private_file(path)
    upgrade(path, "0003")
    conn = raw(path)
    with conn:
        insert_couple(conn)
        conn.execute("INSERT INTO checkin_session VALUES (7, '2026-11-20 19:00:00', 'alone')")
        conn.execute(
            "INSERT INTO checkin VALUES (9, 7, 2, '2026-11-20 19:00:00', 60, 4, 8, NULL, "
            "'calm', 'Tea 🍵 שלום', '', 'mine', '2026-11-20 19:00:00')"
        )
    conn.close()

    db = open_database(path)
    db.close()
    conn = raw(path)
    try:
        assert conn.execute("SELECT id, session_id, appreciation FROM checkin").fetchall() == [
            (9, 7, "Tea 🍵 שלום")
        ]
        sequences = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
        assert (sequences["checkin"], sequences["checkin_session"]) == (9, 7)
        for table in ("checkin", "checkin_session"):
            sql = scalar(path, f"SELECT sql FROM sqlite_master WHERE name = '{table}'")
            assert "AUTOINCREMENT" in sql
        indexes = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'checkin'"
        )}
        assert {"ix_checkin_at", "ix_checkin_partner_id_at", "ix_checkin_session_id"} <= indexes
        with pytest.raises(sqlite3.IntegrityError):  # the range checks came along
            conn.execute("UPDATE checkin SET mood = 6")
        # A deleted id is not handed out again.
        with conn:
            conn.execute("DELETE FROM checkin WHERE id = 9")
            conn.execute(
                "INSERT INTO checkin (session_id, partner_id, at, utc_offset, mood, connection, "
                "feelings, appreciation, need, private_note, updated_at) VALUES "
                "(7, 1, '2026-11-21 19:00:00', 60, 3, 5, '', '', '', '', '2026-11-21 19:00:00')"
            )
        assert conn.execute("SELECT id FROM checkin").fetchall() == [(10,)]
    finally:
        conn.close()



def test_sittings_together_are_counted_from_before_and_kept_by_triggers_after(data_dir):
    """0011 fills together_sitting from the check-ins already there; its triggers keep it
    as check-ins come, go or move — whoever writes them."""
    path = db_path(data_dir)
    create_private_file(path)
    upgrade(path, "0010")
    conn = raw(path)
    row = ("INSERT INTO checkin (session_id, partner_id, at, utc_offset, mood, connection, "
           "feelings, appreciation, need, private_note, updated_at) VALUES "
           "(?, ?, ?, ?, 3, 5, '', '', '', '', '2026-11-21 19:00:00')")
    with conn:
        insert_couple(conn)
        conn.execute("INSERT INTO checkin_session VALUES (7, '2026-11-20 23:30:00', 'side')")
        conn.execute(row, (7, 1, "2026-11-20 23:30:00.000000", 60))  # 21 Nov, local
        conn.execute(row, (7, 2, "2026-11-20 23:35:00.000000", 60))
        conn.execute("INSERT INTO checkin_session VALUES (8, '2026-11-22 10:00:00', 'alone')")
        conn.execute(row, (8, 1, "2026-11-22 10:00:00.000000", 0))
    conn.close()
    upgrade(path)

    def together() -> list[tuple[int, str]]:
        return conn.execute("SELECT session_id, day FROM together_sitting "
                            "ORDER BY session_id").fetchall()

    conn = raw(path)
    try:
        assert together() == [(7, "2026-11-21")]
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'checkin'")}
        assert triggers == {"checkin_together_insert", "checkin_together_delete",
                            "checkin_together_update"}
        with conn:
            conn.execute(row, (8, 2, "2026-11-22 10:05:00.000000", 0))  # now both, at 8
            conn.execute("UPDATE checkin SET utc_offset = -120 WHERE session_id = 7")
        assert together() == [(7, "2026-11-20"), (8, "2026-11-22")]
        conn.execute("PRAGMA foreign_keys = ON")  # as every connection of Hearth's
        with conn:
            conn.execute("DELETE FROM checkin WHERE session_id = 8 AND partner_id = 1")
            conn.execute("DELETE FROM checkin_session WHERE id = 7")  # cascades
        assert conn.execute("SELECT count(*) FROM checkin WHERE session_id = 7").fetchone() \
            == (0,)
        assert together() == []
    finally:
        conn.close()

def test_an_upgrade_that_fails_leaves_the_older_database_as_it_was(at_first_revision):
    # Something already in the way of revision 0002: the upgrade must fail as a whole.
    path = at_first_revision
    conn = raw(path)
    conn.execute("CREATE TABLE couple_settings (note TEXT)")
    conn.close()
    with pytest.raises(StartupRefused) as caught:
        open_database(path)
    assert caught.value.message
    assert scalar(path, "SELECT version_num FROM alembic_version") == "0001"
    conn = raw(path)
    try:
        assert conn.execute("SELECT name FROM partner ORDER BY position").fetchall() == [
            ("Zoë",),
            ("Łukasz",),
        ]
        assert [r[1] for r in conn.execute("PRAGMA table_info(couple_settings)")] == ["note"]
    finally:
        conn.close()
    # The backup taken before trying is there to fall back on.
    assert len(list(backups_dir(path.parent).glob("*.sqlite3"))) == 1


def test_an_older_database_with_broken_links_is_refused_before_any_change(at_first_revision):
    path = at_first_revision
    conn = raw(path)  # foreign keys are off in a plain connection
    with conn:
        conn.execute(
            "INSERT INTO partner (couple_id, position, name, colour) VALUES (7, 0, 'Ghost', 'rose')"
        )
    conn.close()
    error = assert_refused_untouched(path, DamagedDatabase)
    assert "backup" in error.message
    assert scalar(path, "SELECT version_num FROM alembic_version") == "0001"


# --- (d) too new --------------------------------------------------------------------------


@pytest.fixture
def too_new(db_file: Path) -> Path:
    conn = raw(db_file)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()  # the last connection checkpoints the WAL into the one file
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{db_file}{suffix}").exists()
    return db_file


def test_a_database_from_a_newer_hearth_is_refused_and_untouched(too_new):
    error = assert_refused_untouched(too_new, TooNewDatabase)
    assert "newer version" in error.message
    assert "9999_future" in error.message
    assert scalar(too_new, "SELECT version_num FROM alembic_version") == "9999_future"


def test_a_refused_database_leaves_no_new_files_beside_it(too_new):
    before = sorted(p.name for p in too_new.parent.iterdir())
    with pytest.raises(TooNewDatabase):
        open_database(too_new)
    assert sorted(p.name for p in too_new.parent.iterdir()) == before


# --- (e) files that are not Hearth's ------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text_file(path: Path) -> None:
    path.write_text("Shopping list\n- milk\n- candles for Friday\n", encoding="utf-8")


def _short_sqlite_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _other_apps_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('not Hearth''s')")
    conn.close()


def _other_apps_wal_database(path: Path) -> None:
    _other_apps_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _empty_database_of_another_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444237")  # 'GPKG'
    conn.commit()
    conn.close()


def _hearths_id_but_no_revision(path: Path) -> None:
    _other_apps_database(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (_text_file, NotHearthDatabase),
        (_short_sqlite_header, NotHearthDatabase),
        (_other_apps_database, NotHearthDatabase),
        (_other_apps_wal_database, NotHearthDatabase),
        (_empty_database_of_another_app, NotHearthDatabase),
        (_hearths_id_but_no_revision, DamagedDatabase),
    ],
)
def test_files_that_are_not_hearths_are_refused_and_untouched(data_dir, make, error):
    path = db_path(data_dir)
    make(path)
    assert path.stat().st_size > 0
    refusal = assert_refused_untouched(path, error)
    assert "untouched" in refusal.message


def test_a_file_that_looks_like_noise_is_taken_for_an_encrypted_one_and_left_untouched(
        data_dir):
    # SQLCipher's files are indistinguishable from random bytes: Hearth asks for the
    # passphrase, and a passphrase that doesn't open it changes nothing either.
    path = db_path(data_dir)
    _random_bytes(path)
    before = snapshot(data_dir)
    assert inspect_database(path).state is State.LOCKED
    with pytest.raises(NeedsPassphrase):
        open_database(path)
    with pytest.raises(WrongPassphrase) as caught:
        open_database(path, passphrase=Passphrase("a guess at it"))
    assert "try again" in caught.value.message
    assert snapshot(data_dir) == before


def test_a_folder_where_the_file_should_be_is_refused(data_dir):
    path = db_path(data_dir)
    path.mkdir()
    with pytest.raises(NotHearthDatabase) as caught:
        open_database(path)
    assert "folder" in caught.value.message
    assert path.is_dir() and not any(path.iterdir())


# --- (f) damaged files --------------------------------------------------------------------


def _garbage_after_the_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes((i * 37 + 11) % 256 for i in range(3996))
    path.write_bytes(bytes(data))


def _cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _cut_after_the_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def _damaged_last_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-4096:] = bytes((i * 53 + 7) % 256 for i in range(4096))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage_after_the_header, _cut_in_half, _cut_after_the_header])
def test_a_damaged_database_is_refused_and_untouched(db_file, damage):
    db = Database(db_file)
    Services.over(db).couple.setup("Zoë", "Łukasz")
    db.close()
    damage(db_file)
    error = assert_refused_untouched(db_file, StartupRefused)
    assert isinstance(error, DamagedDatabase | NotHearthDatabase)


def test_a_current_database_with_a_damaged_page_is_refused_at_start(db_file):
    _damaged_last_page(db_file)
    assert_refused_untouched(db_file, DamagedDatabase)


# --- (g) an empty file --------------------------------------------------------------------


def test_a_zero_byte_file_is_set_up_as_a_new_database(data_dir):
    path = db_path(data_dir)
    path.write_bytes(b"")
    assert inspect_database(path).state is State.EMPTY
    db = open_database(path)
    try:
        assert Services.over(db).couple.get() is None
    finally:
        db.close()
    assert scalar(path, "SELECT version_num FROM alembic_version") == head_revision()
    assert scalar(path, "PRAGMA application_id") == APPLICATION_ID


def test_open_database_without_create_never_makes_a_file(data_dir):
    path = db_path(data_dir)
    with pytest.raises(StartupRefused):
        open_database(path, create=False)
    assert not path.exists()


# --- (h) private files --------------------------------------------------------------------


@posix_only
def test_a_new_database_and_its_folder_are_private(hearth_home):
    folder = hearth_home / "nested" / "data"
    path = db_path(folder)
    db = open_database(path)
    try:
        Services.over(db).couple.setup("Zoë", "Łukasz")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for file in folder.iterdir():  # the database and its -wal / -shm companions
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    finally:
        db.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- (i) connection settings --------------------------------------------------------------


def test_every_connection_is_configured_the_careful_way(db):
    for _ in range(3):  # pooled and new connections alike
        with db.transaction() as session:
            pragma = lambda name: session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
            assert pragma("foreign_keys") == 1
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") == BUSY_TIMEOUT_MS > 0
    with db.engine.connect() as a, db.engine.connect() as b:
        for conn in (a, b):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception, match="FOREIGN KEY"), db.transaction() as session:
        session.execute(
            text(
                "INSERT INTO partner (couple_id, position, name, colour) "
                "VALUES (42, 0, 'X', 'teal')"
            )
        )


def test_a_read_only_database_cannot_be_written(db_file):
    db = Database(db_file, readonly=True)
    try:
        with pytest.raises(Exception, match="read-only"), db.transaction() as session:
            session.execute(text("INSERT INTO couple (created_at) VALUES ('2026-01-01')"))
    finally:
        db.close()
    assert scalar(db_file, "SELECT count(*) FROM couple") == 0


# --- (j) transactions, DDL included ---------------------------------------------------------


class Boom(Exception):
    pass


def test_an_exception_rolls_back_ddl_and_rows(db, db_file):
    with pytest.raises(Boom), db.transaction() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        session.execute(text("INSERT INTO scratch VALUES (1)"))
        session.execute(text("INSERT INTO couple (id, created_at) VALUES (1, '2026-01-01')"))
        raise Boom
    db.close()
    assert "scratch" not in tables(db_file)
    assert scalar(db_file, "SELECT count(*) FROM couple") == 0


def test_a_finished_transaction_keeps_ddl_and_rows(db, db_file):
    with db.transaction() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        session.execute(text("INSERT INTO scratch VALUES (1)"))
    db.close()
    assert scalar(db_file, "SELECT x FROM scratch") == 1


def test_a_backup_of_a_live_database_is_complete(db, db_file, tmp_path):
    from app.persistence.backup import backup_file

    Services.over(db).couple.setup("Zoë", "Łukasz")
    copy = backup_file(db_file, tmp_path / "copy.sqlite3")
    assert scalar(copy, "SELECT count(*) FROM partner") == 2
    with pytest.raises(FileExistsError):
        backup_file(db_file, copy)
