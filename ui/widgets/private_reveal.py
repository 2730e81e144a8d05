"""Answer privately, then reveal together — the hand-over flow for two people at one screen.

Used by check-ins and by the values card-sort. The first partner answers while the second
looks away; a curtain covering the whole window hides those answers and asks to hand over;
the second partner answers; a last curtain invites both to sit together; then the reveal.
The answer widgets are hidden (not just covered) while a curtain is up.

Every page change starts at the top of the page with the keyboard focus on its first
question; the curtain lifts with Enter (Return, keypad Enter) or Space, and Tab stays on it.
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
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

LIFT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def first_field(page: QWidget) -> QWidget | None:
    """The first control on ``page`` a person would Tab to, in the focus chain's order."""
    widget = page.nextInFocusChain()
    for _ in range(2000):
        if widget is None or widget is page:
            return None
        if (page.isAncestorOf(widget) and widget.isVisibleTo(page) and widget.isEnabled()
                and (widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
                == Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


def arrive(page: QWidget, focus: QWidget | None = None) -> None:
    """A page was just shown: scroll its scroll area to the top and focus ``focus`` (or
    the page's ``focus_first()``, or its first control)."""
    area = page.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)
    if not page.isVisible():
        return  # not on screen (yet): nothing to focus, and nothing to take it from
    if focus is None:
        focus_first = getattr(page, "focus_first", None)
        if callable(focus_first):
            focus_first()
            return
        focus = first_field(page)
    if focus is not None:
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.button.setAutoDefault(True)  # Enter presses it, as Space does
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
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:
        if event.key() in LIFT_KEYS and not event.isAutoRepeat():
            self.button.click()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Nothing behind the curtain may take the focus: Tab stays on its one button.
        self.button.setFocus(Qt.FocusReason.TabFocusReason)
        return True


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
        page.form = form  # type: ignore[attr-defined]
        done = QPushButton(
            f"Done — hand over to {other}" if position == 0 else "Done — reveal together",
            page,
        )
        done.setObjectName("Primary")
        done.setAutoDefault(True)
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
            self.destroyed.connect(self._curtain.deleteLater)  # it lives in the window
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
        else:
            if self._curtain is not None:
                self._curtain.hide()
            self.arrive()
        self.stage_changed.emit(stage)

    def arrive(self) -> None:
        """Show the current page from its top, the focus on its first question."""
        page = self.currentWidget()
        if page in (self.first_page, self.second_page):
            arrive(page.form)  # type: ignore[attr-defined]
        elif page is not self.blank:
            arrive(page)

    def hide_curtain(self) -> None:
        if self._curtain is not None:
            self._curtain.hide()

    def curtain_visible(self) -> bool:
        return self._curtain is not None and self._curtain.isVisible()
