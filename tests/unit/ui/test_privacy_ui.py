"""The passphrase in the window: Settings → Privacy sets, changes and removes it; Hearth asks
for it at start (wrong → a calm message and another try; forgotten → the honest truth);
it locks itself after the chosen idle minutes or on Ctrl+L and opens again with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import db_path
from app.persistence.database import is_encrypted
from ui.unlock import MORE, OPENED, PassphraseDialog, UnlockDialog

WORDS = "our quiet sentence by the sea"


@pytest.fixture
def in_dialog():
    """Act on the next modal dialog once its event loop runs. A failed check closes the
    dialog (so the test can't hang) and fails the test afterwards."""
    failures: list[BaseException] = []

    def schedule(act) -> None:
        def run() -> None:
            dialog = QApplication.activeModalWidget()
            try:
                assert dialog is not None
                act(dialog)
            except BaseException as exc:
                failures.append(exc)
                if dialog is not None:
                    dialog.reject()
        QTimer.singleShot(0, run)

    yield schedule
    if failures:
        raise failures[0]


def _type(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


@pytest.fixture
def settings(qtbot, couple, make_window):
    window = make_window()
    window.show_view("settings")
    return window, window.view("settings")


def test_setting_a_passphrase_from_settings(qtbot, settings, services, hearth_home, in_dialog):
    _window, view = settings
    assert "isn't protected" in view.privacy_status.text()
    assert view.set_passphrase_button.isVisible()
    assert not view.lock_after.isEnabled()
    seen = {}

    def fill(dialog: PassphraseDialog) -> None:
        _type(qtbot, dialog.new, "tiny")
        _type(qtbot, dialog.repeated, "tiny")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        seen["short"] = dialog.error.text()
        _type(qtbot, dialog.new, WORDS)
        _type(qtbot, dialog.repeated, WORDS + "!")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        seen["different"] = dialog.error.text()
        _type(qtbot, dialog.repeated, WORDS)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    qtbot.mouseClick(view.set_passphrase_button, Qt.MouseButton.LeftButton)
    assert "at least 6 characters" in seen["short"]
    assert "aren't the same" in seen["different"]
    assert services.privacy.protected
    assert is_encrypted(db_path(hearth_home))
    assert "are encrypted with your passphrase" in view.privacy_status.text()
    assert view.change_passphrase_button.isVisible() and view.remove_passphrase_button.isVisible()
    assert not view.set_passphrase_button.isVisible()
    assert view.lock_after.isEnabled()
    assert "now encrypted" in view.data_status.text()


def test_removing_needs_the_current_passphrase(qtbot, settings, services, hearth_home, in_dialog):
    _window, view = settings
    services.privacy.set_passphrase(WORDS, WORDS)
    view.reload()
    seen = {}

    def fill(dialog: PassphraseDialog) -> None:
        assert not dialog.new.isVisible()
        _type(qtbot, dialog.current, "a wrong guess")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        seen["wrong"] = dialog.error.text()
        _type(qtbot, dialog.current, WORDS)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    qtbot.mouseClick(view.remove_passphrase_button, Qt.MouseButton.LeftButton)
    assert "isn't the current passphrase" in seen["wrong"]
    assert not services.privacy.protected
    assert not is_encrypted(db_path(hearth_home))
    assert view.set_passphrase_button.isVisible()


def test_exporting_encrypted_data_warns_that_the_file_is_plain(qtbot, settings, services,
                                                               monkeypatch, tmp_path):
    _window, view = settings
    services.privacy.set_passphrase(WORDS, WORDS)
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    view.export_everything(str(tmp_path / "out.json"))
    assert "won't be" in asked[0]
    assert not (tmp_path / "out.json").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Ok)
    view.export_everything(str(tmp_path / "out.json"))
    qtbot.waitUntil(lambda: (tmp_path / "out.json").exists(), timeout=10_000)


def test_hearth_locks_when_idle_and_opens_again_with_the_passphrase(qtbot, couple, services,
                                                                    make_window):
    services.privacy.set_passphrase(WORDS, WORDS)
    services.settings.update(lock_after_minutes=5)
    window = make_window()
    window.show_view("checkins")
    assert window.lock_action.isEnabled()
    assert window.idle.timer.isActive() and window.idle.timer.interval() == 5 * 60_000

    window.idle.idle.emit()  # five quiet minutes later
    assert window.locked
    assert not window.shell.isVisible() and not window.menuBar().isEnabled()
    panel = window.unlock_panel
    _type(qtbot, panel.field, "not our words")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.locked and "isn't your passphrase" in panel.error.text()
    _type(qtbot, panel.field, WORDS)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert not window.locked
    assert window.current_view_key() == "checkins" and window.shell.isVisible()
    assert window.idle.timer.isActive()
    assert panel.field.text() == ""  # nothing of it stays around

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked


def test_without_a_passphrase_hearth_never_locks(qtbot, couple, services, make_window):
    services.settings.update(lock_after_minutes=5)
    window = make_window()
    assert not window.lock_action.isEnabled() and not window.idle.timer.isActive()
    window.lock()
    assert not window.locked


def test_at_start_a_wrong_passphrase_asks_again_and_the_right_one_opens(
        qtbot, couple, services, hearth_home, in_dialog):
    from ui.main import _unlock

    services.privacy.set_passphrase(WORDS, WORDS)
    services.close()
    seen = {}

    def fill(dialog: UnlockDialog) -> None:
        panel = dialog.panel
        _type(qtbot, panel.field, "our quiet sentence by the Sea")
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
        seen["wrong"] = panel.error.text()
        seen["still open"] = dialog.isVisible()
        _type(qtbot, panel.field, WORDS)
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    outcome, db, problem, _passphrase = _unlock(db_path(hearth_home))
    assert "doesn't open your data" in seen["wrong"] and seen["still open"]
    assert outcome == OPENED and problem is None
    try:
        assert db.passphrase is not None
    finally:
        db.close()


def test_a_forgotten_passphrase_is_explained_honestly(qtbot, couple, services, hearth_home,
                                                      monkeypatch, in_dialog):
    from ui.main import _unlock

    services.privacy.set_passphrase(WORDS, WORDS)
    services.close()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))

    def forgot(dialog: UnlockDialog) -> None:
        next(b for b in dialog.findChildren(type(dialog.panel.open_button))
             if b.text() == "Forgotten it?").click()
        next(b for b in dialog.findChildren(type(dialog.panel.open_button))
             if b.text() == "More choices…").click()

    in_dialog(forgot)
    outcome, db, problem, _passphrase = _unlock(db_path(hearth_home))
    assert "nobody (not even Hearth) can open this data" in told[0]
    assert outcome == MORE and db is None
    assert "untouched" in problem


def test_a_protected_start_opens_with_the_passphrase_and_home_shows_the_data(
        qtbot, couple, services, hearth_home, monkeypatch):
    """The whole start with a passphrase: the frame, the prompt over it, then Home filled in
    from the encrypted file (read through SQLCipher, before SQLAlchemy is needed)."""
    from ui import main as hearth_main
    from ui.main_window import MainWindow

    services.privacy.set_passphrase(WORDS, WORDS)
    services.close()
    seen = {}

    def fill() -> None:  # once the prompt is up (after the frame's first paint)
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(50, fill)
            return
        seen["frame behind"] = any(isinstance(w, MainWindow) and w.isVisible()
                                   for w in QApplication.topLevelWidgets())
        _type(qtbot, dialog.panel.field, WORDS)
        qtbot.mouseClick(dialog.panel.open_button, Qt.MouseButton.LeftButton)

    def look_and_quit() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.services is not None), None)
        if window is None or window.current_view_key() != "home":
            QTimer.singleShot(50, look_and_quit)
            return
        seen["greeting"] = window.view("home").greeting.text()
        QApplication.instance().quit()

    monkeypatch.setattr("ui.main._install_excepthook", lambda data_dir: None)
    QTimer.singleShot(50, fill)
    QTimer.singleShot(50, look_and_quit)
    QTimer.singleShot(20_000, QApplication.instance().quit)  # never hang the suite
    assert hearth_main.main([]) == 0
    assert seen["frame behind"]
    assert "Zoë" in seen["greeting"] and "Łukasz" in seen["greeting"]
    assert is_encrypted(db_path(hearth_home))


def test_locking_hides_device_free_time_too_and_unlocking_brings_it_back(
        qtbot, couple, services, make_window):
    from datetime import datetime, timedelta

    from app.domain.calendar import EventInput
    from ui.views.device_free import DeviceFreeWindow, start_device_free

    services.privacy.set_passphrase(WORDS, WORDS)
    window = make_window()
    start = datetime.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
    services.calendar.create(EventInput("Board games", "device_free", start,
                                        start + timedelta(hours=2)))
    [planned] = services.calendar.occurrences(start.date(), start.date())
    evening = start_device_free(services, window.bus, couple, planned, window)
    qtbot.addWidget(evening, before_close_func=DeviceFreeWindow.close_without_asking)
    assert evening.isVisible()
    window.lock()
    assert window.locked and not evening.isVisible()
    _type(qtbot, window.unlock_panel.field, WORDS)
    qtbot.keyClick(window.unlock_panel.field, Qt.Key.Key_Return)
    assert not window.locked and evening.isVisible()
