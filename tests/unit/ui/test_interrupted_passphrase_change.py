"""A passphrase change that was stopped after its point of no return is finished when the
window starts, and the couple is told so before the data shows."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import backups_dir, db_path
from app.persistence.database import Passphrase, is_encrypted
from app.services import privacy

WORDS = "our quiet sentence by the sea"


def test_the_window_finishes_an_interrupted_change_and_says_so(
        qtbot, couple, services, hearth_home, monkeypatch):
    from ui import main as hearth_main

    services.backups.back_up("manual")
    services.privacy.set_passphrase(WORDS, WORDS)
    services.close()
    with monkeypatch.context() as stopped:  # killed right after the journal was written
        stopped.setattr(privacy, "_finish", lambda *args: None)
        privacy.rekey_files(db_path(hearth_home), Passphrase(WORDS), None)
    assert (hearth_home / privacy.JOURNAL).exists() and is_encrypted(db_path(hearth_home))

    told, seen = [], {}
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))

    home_shown = hearth_main.Start._home_shown

    def look_and_quit(start, db) -> None:  # once Home shows, with its after-work done
        home_shown(start, db)
        seen["view"] = start.window.current_view_key()
        seen["greeting"] = start.window.view("home").greeting.text()
        QApplication.instance().quit()

    monkeypatch.setattr(hearth_main.Start, "_home_shown", look_and_quit)
    monkeypatch.setattr("ui.main._install_excepthook", lambda data_dir: None)
    QTimer.singleShot(20_000, QApplication.instance().quit)  # never hang the suite
    assert hearth_main.main([]) == 0
    assert told == [privacy.FINISHED_WITHOUT_PASSPHRASE]
    # No passphrase asked: the removal was finished before the data was looked at.
    assert seen["view"] == "home" and "Zoë" in seen["greeting"]
    files = [db_path(hearth_home), *backups_dir(hearth_home).glob("*.sqlite3")]
    assert len(files) == 2 and not any(is_encrypted(f) for f in files)
    assert not (hearth_home / privacy.JOURNAL).exists()
    assert not [f for f in hearth_home.rglob("*") if privacy.REKEYING in f.name]
