"""Asking for the couple's passphrase: at start, and when Hearth locked itself after some
idle minutes. Also the dialog that sets, changes or removes the passphrase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.domain.errors import ValidationError
from ui import theme
from ui.widgets.common import ErrorLabel, heading, muted, push_button

FORGOTTEN = (
    "Hearth doesn't keep your passphrase anywhere — that is what keeps your data private. "
    "So if neither of you can remember it, nobody (not even Hearth) can open this data "
    "again. It stays where it is, untouched, in case you remember later."
)
KEEP_IT_SAFE = (
    "Hearth doesn't keep your passphrase anywhere. If you both forget it, nobody — not even "
    "Hearth — can open your data again, so write it down and keep it somewhere safe."
)


def passphrase_field(name: str, parent: QWidget) -> QLineEdit:
    """A password field with a button to show what was typed."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(360)
    show = QAction("Show", field)
    show.setCheckable(True)
    show.setToolTip("Show the passphrase")
    show.toggled.connect(lambda on: field.setEchoMode(
        QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
    field.addAction(show, QLineEdit.ActionPosition.TrailingPosition)
    return field


def fit_to_width(dialog: QDialog, width: int) -> None:
    """Size a dialog of wrapped text for ``width`` (scaled with the text size), tall enough
    for every line at that width."""
    width = round(width * theme.current().text_size.scale)
    dialog.setMinimumWidth(width)
    layout = dialog.layout()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    dialog.resize(width, max(height, layout.totalSizeHint().height()))


class UnlockPanel(QWidget):
    """The passphrase prompt. ``check`` gets what was typed and returns a problem to show,
    or None when it opened."""

    unlocked = Signal()

    def __init__(self, check: Callable[[str], str | None], title: str, explanation: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.setObjectName("UnlockPanel")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(heading(title, "Title", self))
        layout.addWidget(muted(explanation, self))
        self.field = passphrase_field("Passphrase", self)
        self.field.returnPressed.connect(self.try_open)
        layout.addWidget(self.field)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.open_button = push_button("Open", self.try_open, self, primary=True)
        self.open_button.setDefault(True)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)

    @property
    def typed(self) -> str:
        return self.field.text()

    def try_open(self) -> None:
        if not self.field.text():
            self.error.show_message("Please type your passphrase.")
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = self._check(self.field.text())
        finally:
            QApplication.restoreOverrideCursor()
        self.error.show_message(problem)
        if problem is None:
            self.field.clear()
            self.unlocked.emit()
        else:
            self.field.selectAll()
            self.field.setFocus()

    def reset(self) -> None:
        self.field.clear()
        self.error.show_message(None)
        self.field.setFocus()


OPENED, MORE, QUIT = "opened", "more", "quit"


class UnlockDialog(QDialog):
    """At start: the passphrase, or more choices (restore, another folder), or quit."""

    def __init__(self, check: Callable[[str], str | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} is locked")
        self.outcome = QUIT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        def check_and_refit(text: str) -> str | None:
            problem = check(text)
            QTimer.singleShot(0, lambda: fit_to_width(self, 560))  # room for the message
            return problem

        self.panel = UnlockPanel(
            check_and_refit, "Welcome back",
            "Your data is protected by a passphrase. Please type it to open Hearth.", self)
        self.panel.unlocked.connect(lambda: self._finish(OPENED))
        layout.addWidget(self.panel)
        buttons = QDialogButtonBox(self)
        forgot = buttons.addButton("Forgotten it?", QDialogButtonBox.ButtonRole.HelpRole)
        forgot.clicked.connect(self.explain_forgotten)
        more = buttons.addButton("More choices…", QDialogButtonBox.ButtonRole.ActionRole)
        more.clicked.connect(lambda: self._finish(MORE))
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.clicked.connect(lambda: self._finish(QUIT))
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout.addWidget(buttons)
        fit_to_width(self, 560)

    def explain_forgotten(self) -> None:
        QMessageBox.information(self, "If the passphrase is forgotten", FORGOTTEN + "\n\n"
                                "You can start afresh in another folder with More choices….")

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept() if outcome == OPENED else self.reject()


class PassphraseDialog(QDialog):
    """Set, change or remove the passphrase. ``apply`` gets (current, new, repeated) and
    raises ValidationError to keep the dialog open with the message."""

    SET, CHANGE, REMOVE = "set", "change", "remove"

    def __init__(self, mode: str, apply: Callable[[str, str, str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self._apply = apply
        titles = {self.SET: "Protect your data with a passphrase",
                  self.CHANGE: "Change your passphrase",
                  self.REMOVE: "Remove the passphrase"}
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(titles[mode], "SectionTitle", self))
        explanations = {
            self.SET: "Hearth will encrypt your data and its backups, and ask for the "
                      "passphrase every time it starts. " + KEEP_IT_SAFE,
            self.CHANGE: "Your data and its backups will be encrypted with the new "
                         "passphrase. " + KEEP_IT_SAFE,
            self.REMOVE: "Your data and its backups will be stored as plain files again: "
                         "anyone who can use this computer account could read them.",
        }
        layout.addWidget(muted(explanations[mode], self))
        form = QFormLayout()
        form.setSpacing(10)
        self.current = passphrase_field("Current passphrase", self)
        self.new = passphrase_field("New passphrase", self)
        self.repeated = passphrase_field("New passphrase again", self)
        if mode != self.SET:
            form.addRow("Current passphrase", self.current)
        else:
            self.current.hide()
        if mode != self.REMOVE:
            form.addRow("New passphrase", self.new)
            form.addRow("Type it again", self.repeated)
        else:
            self.new.hide()
            self.repeated.hide()
        layout.addLayout(form)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.addButton({self.SET: "Encrypt my data", self.CHANGE: "Change it",
                                     self.REMOVE: "Remove it"}[mode],
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.try_apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.current if mode != self.SET else self.new).setFocus()
        fit_to_width(self, 620)

    def try_apply(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self._apply(self.current.text(), self.new.text(),
                                            self.repeated.text())
        except ValidationError as exc:
            self.error.show_message(exc.message)
            fit_to_width(self, 620)  # taller, so the message doesn't squeeze the fields
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without a key press, click or wheel in the app."""

    idle = Signal()
    INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
             QEvent.Type.MouseMove)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self._installed = False

    def set_minutes(self, minutes: int) -> None:
        app = QApplication.instance()
        if minutes <= 0:
            self.timer.stop()
            if self._installed and app is not None:
                app.removeEventFilter(self)
                self._installed = False
            return
        self.timer.setInterval(minutes * 60_000)
        if not self._installed and app is not None:
            app.installEventFilter(self)
            self._installed = True
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in self.INPUT and self.timer.isActive() and \
                self.timer.remainingTime() < self.timer.interval() - 1000:
            self.timer.start()  # at most once a second, so typing costs nothing
        return False
