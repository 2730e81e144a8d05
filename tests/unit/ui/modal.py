"""Answering a question box the way a person does: with a key press, once it is on screen.

A box's ``exec()`` blocks, so the answer is scheduled before the click that opens it; it
waits for the box to show, checks what it says, and presses the keys that choose an answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


class Answer:
    """What happened when the box was answered: its words, and whether it was seen."""

    def __init__(self) -> None:
        self.seen = False
        self.text = ""
        self.buttons: list[str] = []
        self.missing = ""  # the button that wasn't there (the box was closed with Escape)


def answer_box(choose: str | None, *, escape: bool = False, tries: int = 200) -> Answer:
    """When the next modal box appears, choose the button whose text is ``choose`` with the
    keyboard (Tab to it, Space) — or press Escape when ``escape``."""
    answer = Answer()

    def act(left: int = tries) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(10, lambda: act(left - 1))
            return
        if not box.isActiveWindow() and left:  # shown, but not yet given the keyboard
            box.activateWindow()
            QTimer.singleShot(10, lambda: act(left - 1))
            return
        answer.seen = True
        answer.text = f"{box.text()}\n{box.informativeText()}"
        answer.buttons = [b.text() for b in box.findChildren(QPushButton)]
        if escape:
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        for _ in range(10):
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton) and focus.text() == choose:
                QTest.keyClick(focus, Qt.Key.Key_Space)
                return
            QTest.keyClick(focus or box, Qt.Key.Key_Tab)
        answer.missing = choose or ""
        QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, act)
    return answer


def when_modal(kind: type, act, tries: int = 300) -> Answer:
    """When a modal ``kind`` (a dialog) is on screen and has the keyboard, call
    ``act(dialog)`` — inside the dialog's own event loop, as a person would use it."""
    answer = Answer()

    def wait(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isActiveWindow():
            if isinstance(dialog, kind):
                dialog.activateWindow()
            if left:
                QTimer.singleShot(10, lambda: wait(left - 1))
            return
        answer.seen = True
        try:
            act(dialog)
        except BaseException as exc:  # shown by the test, and the dialog doesn't stay open
            answer.missing = repr(exc)
            dialog.done(0)
            raise

    QTimer.singleShot(0, wait)
    return answer
