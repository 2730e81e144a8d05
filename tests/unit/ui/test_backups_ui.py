"""Backups in the window: Settings → Your data lists them, backs up on request and restores
one after asking; automatic backups run beside the window without blocking it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.checkins import CheckinInput
from app.services.backups import Backup


@pytest.fixture
def settings(qtbot, couple, make_window):
    window = make_window()
    window.show_view("settings")
    return window, window.view("settings")


def _check_in(services, text):
    zoe = services.couple.require().partners[0]
    _sitting, change = services.checkins.save_session(
        [CheckinInput(zoe.id, mood=4, connection=7, appreciation=text)])
    return change


def test_back_up_now_adds_a_backup_to_the_list(qtbot, settings, services):
    _window, view = settings
    assert view.backups_model.rowCount() == 0
    qtbot.mouseClick(view.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.backups_model.rowCount() == 1, timeout=10_000)
    assert view.data_status.text().startswith("Backed up at")
    index = view.backups_model.index(0, 1)
    assert view.backups_model.data(index) == "backed up by hand"
    assert view.backups_model.data(view.backups_model.index(0, 3)) == "Whole"  # checked
    assert view.back_up_button.isEnabled()


def test_restoring_asks_first_then_brings_the_backup_back(qtbot, settings, services,
                                                          monkeypatch):
    window, view = settings
    _check_in(services, "Before.")
    services.backups.back_up("manual")
    change = _check_in(services, "After.")
    window.bus.publish(change)
    view.reload()
    view.backups_table.selectRow(0)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert "backs up everything as it is now" in asked[0]
    assert sorted(c.appreciation for c in services.checkins.history()) == ["After.", "Before."]

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert [c.appreciation for c in services.checkins.history()] == ["Before."]
    assert "Restored the backup" in view.data_status.text()
    reasons = [view.backups_model.backup(r).reason for r in range(view.backups_model.rowCount())]
    assert "before-restore" in reasons  # "After." is kept in a backup of its own
    window.show_view("checkins")  # the other views show the restored data


def test_restore_without_a_choice_says_what_to_do(qtbot, settings):
    _window, view = settings
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert view.data_status.text() == "Choose a backup in the list first."


def test_the_keeper_backs_up_after_start_and_only_after_changes(qtbot, couple, services):
    from ui.backup_keeper import BackupKeeper

    keeper = BackupKeeper(services)
    keeper._at_start()
    qtbot.waitUntil(lambda: len(services.backups.backups()) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not keeper._busy, timeout=10_000)
    keeper.check()  # nothing changed and not half an hour yet
    qtbot.waitUntil(lambda: not keeper._busy, timeout=10_000)
    keeper.stop()
    assert len(services.backups.backups()) == 1
    assert keeper.last_problem is None


def test_export_everything_writes_one_file_in_the_background(qtbot, settings, services,
                                                             tmp_path, monkeypatch):
    import json

    from PySide6.QtWidgets import QFileDialog

    _window, view = settings
    _check_in(services, "For the soup.")
    target = tmp_path / "ours"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Hearth exports (*.json)"))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.export_button.isEnabled(), timeout=10_000)
    document = json.loads((tmp_path / "ours.json").read_text(encoding="utf-8"))
    assert [c["appreciation"] for c in document["checkin"]] == ["For the soup."]
    assert "keep it somewhere private" in view.data_status.text()


def test_a_new_computer_brings_in_an_export_from_the_welcome(qtbot, make_window, services,
                                                             tmp_path, couple):
    exported = tmp_path / "from-the-old-laptop.json"
    _check_in(services, "For the move.")
    exported.write_bytes(services.transfer.export())

    from app.paths import db_path
    from app.persistence.migrate import open_database
    from app.services import Services
    from ui.bus import DataBus
    from ui.main_window import MainWindow

    fresh = Services.over(open_database(db_path(tmp_path / "new-laptop")))
    try:
        window = MainWindow(fresh, DataBus(), tmp_path / "new-laptop", remember=False)
        qtbot.addWidget(window)
        window.show()
        welcome = window.welcome
        (tmp_path / "junk.json").write_text("{}")
        welcome.import_file(str(tmp_path / "junk.json"))
        qtbot.waitUntil(lambda: welcome.import_button.isEnabled(), timeout=10_000)
        assert "isn't a Hearth export" in welcome.error.text()
        assert fresh.couple.get() is None

        welcome.import_file(str(exported))
        qtbot.waitUntil(lambda: window.welcome is None, timeout=10_000)
        assert window.current_view_key() == "home"
        assert fresh.couple.require().names == ("Zoë", "Łukasz")
        assert [c.appreciation for c in fresh.checkins.history()] == ["For the move."]
        window.close()
    finally:
        fresh.close()


def test_a_backup_made_before_copies_were_checked_says_so(qtbot, settings, services):
    _window, view = settings
    taken = datetime(2026, 11, 2, 21, 30, tzinfo=UTC)
    view.backups_model.set_backups([
        Backup(services.db.path.with_name("a.sqlite3"), taken, 4096, "manual", checked=False),
        Backup(services.db.path.with_name("b.sqlite3"), taken, 4096, "manual", checked=True)])
    words = [view.backups_model.data(view.backups_model.index(row, 3)) for row in (0, 1)]
    assert words == ["Not checked", "Whole"]
    tip = view.backups_model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "may still be fine" in tip
