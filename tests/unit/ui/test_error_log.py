"""The window's last resort for unexpected errors logs where they happened, never what the
couple typed: neither hearth-errors.log nor stderr holds a check-in's words."""

from __future__ import annotations

import stat
import sys

from PySide6.QtWidgets import QMessageBox

from app import logs
from tests.unit.app.test_logs import MARKER, _failed_insert


def test_an_unexpected_error_leaves_no_words_in_the_log_or_on_stderr(
        qtbot, db, couple, hearth_home, capsys, monkeypatch):
    from ui.main import _install_excepthook

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    exc = _failed_insert(db, couple)
    assert MARKER in str(exc)
    _install_excepthook(hearth_home)
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logs.close_all()
    err = capsys.readouterr().err
    log = logs.log_path(hearth_home)
    written = log.read_text(encoding="utf-8")
    assert MARKER not in err and MARKER not in written
    assert "INSERT INTO checkin" in written and "IntegrityError" in err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert warned and "hearth-errors.log" in warned[0]
