"""A draft save that is refused (another program is saving, the data is damaged) keeps the
words waiting, says why once in the status bar — never a dialog mid-sentence — and saves
them when it can."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMainWindow

from app.persistence.database import BUSY, Busy
from ui.autosave import AT_MOST_MS, Autosave


def test_a_busy_save_keeps_the_words_and_tries_again(qtbot):
    window = QMainWindow()
    field = QLineEdit()
    window.setCentralWidget(field)
    qtbot.addWidget(window)
    saved: list[str] = []
    refusals = [Busy(BUSY)]

    def save() -> None:
        if refusals:
            raise refusals.pop()
        saved.append(field.text())

    autosave = Autosave(field, save)
    field.textEdited.connect(autosave.changed)
    window.show()
    qtbot.keyClicks(field, "tea")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == BUSY,
                    timeout=AT_MOST_MS + 500)
    assert autosave.dirty and not saved  # still waiting, nothing thrown away
    qtbot.waitUntil(lambda: saved == ["tea"], timeout=AT_MOST_MS + 500)
    assert not autosave.dirty
