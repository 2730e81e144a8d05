"""One Hearth per data folder, and a calm way out when the data can't be opened."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QMessageBox

from app.domain.errors import HearthError
from app.instance import lock_path, running_pid
from app.paths import db_path
from tests.helpers import run_cli
from ui.single_instance import SingleInstance


def test_a_second_start_brings_the_first_window_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.acquire()
    assert running_pid(tmp_path / "data") is None  # our own process: not "another" Hearth
    second = SingleInstance(tmp_path / "data")
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.acquire()
    first.release()
    third = SingleInstance(tmp_path / "data")
    assert third.acquire()  # once the first has gone, the folder is free
    third.release()


def test_a_lock_left_by_a_crash_is_taken_over(qtbot, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    lock_path(folder).write_text(f"999999999\nhearth\n{socket.gethostname()}\n")
    instance = SingleInstance(folder)
    assert instance.acquire()
    instance.release()


def test_other_folders_do_not_interfere(qtbot, tmp_path):
    one, two = SingleInstance(tmp_path / "one"), SingleInstance(tmp_path / "two")
    assert one.acquire() and two.acquire()
    one.release()
    two.release()


def _pick(text: str):
    def clicked(box: QMessageBox):
        return next(b for b in box.buttons() if b.text().startswith(text))
    return clicked


def test_a_damaged_database_can_be_replaced_by_the_newest_backup(qtbot, capsys, hearth_home,
                                                                 monkeypatch):
    from app.persistence.migrate import DamagedDatabase, open_database
    from ui.startup_problem import QUIT, RESTORE, ask

    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    assert run_cli(capsys, "backup")[0] == 0
    path = db_path(hearth_home)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    try:
        open_database(path).close()
        raise AssertionError("a damaged database was opened")
    except DamagedDatabase as problem:
        message = problem.message

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Quit"))
    assert ask(message, hearth_home)[0] == QUIT
    assert path.read_bytes() == bytes(data)  # quitting changes nothing
    assert "newest good backup" in shown[0]

    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Restore"))
    choice, folder = ask(message, hearth_home)
    assert (choice, folder) == (RESTORE, hearth_home)
    db = open_database(path)  # opens now
    db.close()
    (aside,) = [p for p in hearth_home.iterdir() if "kept-aside" in p.name]
    assert aside.read_bytes() == bytes(data)


def test_with_no_backup_the_couple_can_choose_another_folder(qtbot, hearth_home, tmp_path,
                                                             monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ui.startup_problem import CHOOSE, ask

    hearth_home.mkdir(parents=True)
    db_path(hearth_home).write_bytes(b"not a database" * 100)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        [b.text() for b in box.buttons()]))
    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Choose"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(tmp_path / "elsewhere"))
    assert ask("It isn't Hearth's.", hearth_home) == (CHOOSE, tmp_path / "elsewhere")
    assert not any(text.startswith("Restore") for text in shown[0])  # nothing to restore


def test_a_database_held_by_another_program_is_explained_at_start(qtbot, db_file, monkeypatch):
    """The whole start: the dialog says what happened and offers the ways out; Quit leaves
    the file as it was."""
    import sqlite3

    import app.persistence.database as database
    from ui.main import EXIT_REFUSED, main

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE IF NOT EXISTS other_programs_table (x)")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (box.text(), [b.text() for b in box.buttons()])))
    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Quit"))
    try:
        assert main(["--data-dir", str(db_file.parent)]) == EXIT_REFUSED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text, buttons = shown[0]
    assert "another program is using Hearth's data" in text
    assert "Choose another folder…" in buttons and "Quit" in buttons


def test_a_full_disk_at_start_is_explained_and_not_called_damage(qtbot, hearth_home,
                                                                  monkeypatch):
    import sqlite3

    import app.persistence.migrate as migrate
    from ui.main import EXIT_REFUSED, main

    def no_room(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrate, "upgrade", no_room)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Quit"))
    assert main(["--data-dir", str(hearth_home)]) == EXIT_REFUSED
    assert "disk is full" in shown[0] and "damaged" not in shown[0]


def test_damage_found_after_the_data_shows_is_said_and_changes_nothing(
        qtbot, capsys, hearth_home, monkeypatch):
    """The whole-file check runs in the background once Home is up; damage it finds is
    explained, and the file is left exactly as it was."""
    import sqlite3

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.persistence.migrate import quick_check
    from ui.main import main

    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    assert run_cli(capsys, "demo", "--years", "1", "--force")[0] == 0
    path = db_path(hearth_home)
    data = bytearray(path.read_bytes())
    conn = sqlite3.connect(path)  # the ideas' table: nothing Home reads
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'idea'").fetchone()
    conn.close()
    data[(root - 1) * 4096:(root - 1) * 4096 + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    assert quick_check(path)  # SQLite sees the damage

    warned, buttons, refused = [], [], []

    def shown(box):
        warned.append(box.text())
        buttons.extend(b.text() for b in box.buttons())
        window = box.parent()
        try:  # from now on the window shows the data but writes nothing
            window.services.drafts.save("checkin", {"appreciation": "tea"})
        except HearthError as error:
            refused.append(error.message)
        QApplication.instance().quit()

    monkeypatch.setattr("ui.main._install_excepthook", lambda data_dir: None)
    monkeypatch.setattr(QMessageBox, "exec", shown)
    QTimer.singleShot(20_000, QApplication.instance().quit)  # never hang the suite
    main(["--data-dir", str(hearth_home)])
    assert warned and "looks damaged" in warned[0] and "Nothing has been changed" in warned[0]
    assert "Show the backups" in buttons  # the restore is offered
    assert refused and "isn't saving" in refused[0]
    assert path.read_bytes() == bytes(data)
    assert not (hearth_home / "backups").exists()  # a damaged file is never backed up


def test_damage_that_home_runs_into_is_explained_before_anything_else(
        qtbot, capsys, hearth_home, monkeypatch):
    import sqlite3

    from ui.main import EXIT_REFUSED, main

    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    assert run_cli(capsys, "demo", "--years", "1", "--force")[0] == 0
    path = db_path(hearth_home)
    conn = sqlite3.connect(path)  # the check-ins: Home reads them at once
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'checkin'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096:(root - 1) * 4096 + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    monkeypatch.setattr(QMessageBox, "clickedButton", _pick("Quit"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))  # never hang
    assert main(["--data-dir", str(hearth_home)]) == EXIT_REFUSED
    assert "looks damaged" in shown[0] and "untouched" in shown[0]
    assert path.read_bytes() == bytes(data)
