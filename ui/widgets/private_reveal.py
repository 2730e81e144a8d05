"""Answer privately, then reveal together — the hand-over flow for two people at one screen.

Used by check-ins and by the values card-sort. The first partner answers while the second
looks away; a curtain covering the whole window hides those answers and asks to hand over;
the second partner answers; a last curtain invites both to sit together; then the reveal.
The answer widgets are hidden (not just covered) while a curtain is up.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

STAGES = ("first", "handover", "second", "ready", "reveal")  # plus "resume", a curtain


class CurtainWidget(QFrame):
    """A full-window cover with a message and one button to lift it."""

    lifted = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Curtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addStretch(2)
        self.title = QLabel(self)
        self.title.setObjectName("CurtainTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("Muted")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("Primary")
        self.button.clicked.connect(self.lifted)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.message)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(3)
        self.hide()

    def show_with(self, title: str, message: str, button: str) -> None:
        self.title.setText(title)
        self.message.setText(message)
        self.button.setText(button)
        self.button.setAccessibleName(button)
        self.setAccessibleName(title)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.button.setFocus()


class _FollowParentSize(QObject):
    def __init__(self, curtain: CurtainWidget) -> None:
        super().__init__(curtain)
        self.curtain = curtain

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.curtain.setGeometry(watched.rect())
        return False


class PrivateRevealWidget(QStackedWidget):
    """Steps through first → hand-over → second → ready → reveal.

    ``validate(position)`` is asked before leaving a partner's page (it shows messages
    inline and returns False to stay). ``reveal()`` is asked when both are ready — it
    saves, and returns False to stay on the ready curtain (e.g. the save was refused).
    """

    stage_changed = Signal(str)

    def __init__(self, names: tuple[str, str], first: QWidget, second: QWidget,
                 reveal_page: QWidget, validate: Callable[[int], bool],
                 reveal: Callable[[], bool], what: str = "answers",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self._validate = validate
        self._reveal = reveal
        self._what = what
        self._curtain: CurtainWidget | None = None
        self.first_page = self._answer_page(0, first)
        self.second_page = self._answer_page(1, second)
        self.blank = QWidget(self)
        self.reveal_page = reveal_page
        for page in (self.first_page, self.blank, self.second_page, self.reveal_page):
            self.addWidget(page)
        self._stage = "first"
        self._resume_to = "first"
        self.setCurrentWidget(self.first_page)

    def _answer_page(self, position: int, form: QWidget) -> QWidget:
        me, other = self.names[position], self.names[1 - position]
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        intro = QLabel(
            f"<b>{html.escape(me)}, your turn.</b> {html.escape(other)}, please look away "
            f"for a moment — you'll see each other's {self._what} together at the end.", page
        )
        intro.setWordWrap(True)
        intro.setObjectName("Banner")
        layout.addWidget(intro)
        layout.addWidget(form)
        done = QPushButton(
            f"Done — hand over to {other}" if position == 0 else "Done — reveal together",
            page,
        )
        done.setObjectName("Primary")
        done.setAccessibleName(done.text())
        done.clicked.connect(lambda: self._done(position))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(done)
        layout.addLayout(row)
        page.done_button = done  # type: ignore[attr-defined]
        return page

    # -- the curtain covers the whole window ---------------------------------------------

    def curtain(self) -> CurtainWidget:
        """The curtain, covering the window this flow is in now.

        A flow can be built (e.g. restored from a draft) before it is placed in the main
        window; the curtain then follows it to the window it ends up in.
        """
        host = self.window()
        if self._curtain is None:
            self._curtain = CurtainWidget(host)
            self._curtain.lifted.connect(self._lift)
            self._follower = _FollowParentSize(self._curtain)
            host.installEventFilter(self._follower)
        elif self._curtain.parentWidget() is not host:
            up = self._curtain.isVisibleTo(self._curtain.parentWidget())
            old = self._curtain.parentWidget()
            if old is not None:
                old.removeEventFilter(self._follower)
            self._curtain.setParent(host)
            host.installEventFilter(self._follower)
            self._curtain.setGeometry(host.rect())
            if up:
                self._curtain.show()
                self._curtain.raise_()
        return self._curtain

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._curtain is not None:
            self.curtain()  # follow the window we are shown in

    def _lift(self) -> None:
        if self._stage == "resume":
            self.set_stage(self._resume_to)
        elif self._stage == "handover":
            self.set_stage("second")
        elif self._stage == "ready" and self._reveal():
            self.set_stage("reveal")

    def _done(self, position: int) -> None:
        if not self._validate(position):
            return
        self.set_stage("handover" if position == 0 else "ready")

    # -- stages ----------------------------------------------------------------------------

    def stage(self) -> str:
        return self._stage

    def resume(self, stage: str) -> None:
        """Come back to a flow left half-way (e.g. after the window was closed).

        Whoever sits at the screen now may not be the one whose answers are on the page, so
        a curtain asks that partner to come forward first; later stages already have one.
        """
        if stage in ("first", "second"):
            who = self.names[0 if stage == "first" else 1]
            self._resume_to = stage
            self._stage = "resume"
            self.setCurrentWidget(self.blank)
            self.curtain().show_with(
                f"Welcome back, {who}",
                f"{who} was part-way through. The answers so far are kept and hidden.",
                f"I'm {who} — continue",
            )
            self.stage_changed.emit("resume")
        else:
            self.set_stage(stage)

    def set_stage(self, stage: str) -> None:
        if stage not in STAGES:
            raise ValueError(stage)
        self._stage = stage
        first, second = self.names
        page = {
            "first": self.first_page, "handover": self.blank, "second": self.second_page,
            "ready": self.blank, "reveal": self.reveal_page,
        }[stage]
        self.setCurrentWidget(page)
        if stage == "handover":
            self.curtain().show_with(
                f"Hand over to {second}",
                f"{first}'s {self._what} are hidden. {second}, when you're sitting comfortably, "
                "it's your turn.",
                f"I'm {second} — start",
            )
        elif stage == "ready":
            self.curtain().show_with(
                "Ready when you both are",
                f"Sit together, take a breath, and reveal your {self._what} side by side.",
                "Reveal together",
            )
        elif self._curtain is not None:
            self._curtain.hide()
        self.stage_changed.emit(stage)

    def hide_curtain(self) -> None:
        if self._curtain is not None:
            self._curtain.hide()

    def curtain_visible(self) -> bool:
        return self._curtain is not None and self._curtain.isVisible()
