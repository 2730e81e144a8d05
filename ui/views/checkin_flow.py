"""Checking in together: side by side, privately-then-reveal, or one of you alone.

Everything typed is kept as a draft (in the database) as it is typed, never more than a
second behind (ui/autosave.py), so closing the window mid-sentence loses nothing; saving
is one action; the reveal ends with a gentle prompt about the biggest difference — never a
score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.checkins import Checkin, CheckinInput, difference_prompt
from app.domain.couple import Couple
from app.domain.errors import HearthError, ValidationError
from ui.autosave import Autosave
from ui.bus import DataBus
from ui.widgets.checkin_card import CheckinCardWidget
from ui.widgets.checkin_form import CheckinFormWidget
from ui.widgets.common import Card, clear_layout, heading, muted
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.private_reveal import PrivateRevealWidget, arrive

if TYPE_CHECKING:
    from app.services import Services

DRAFT_KEY = "checkin"


class _DownwardScrollArea(QScrollArea):
    """Scrolls up and down only: it is never narrower than its page can wrap to, so the
    window makes room for the page instead of hiding part of it to the side."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the page's narrowest width may have changed
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        width = page.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width), hint.height())


def _scrolling(widget: QWidget) -> QScrollArea:
    return _DownwardScrollArea(widget)


class ModeButtonWidget(QPushButton):
    """A big button with a bold title and a line of explanation that wraps to the width it
    is given (a plain QPushButton never wraps, and would widen the window)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModeButton")
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.setAutoDefault(True)  # Enter chooses it, as Space does
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(2)
        self.title = QLabel(title, self)
        self.title.setObjectName("FieldLabel")
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("Muted")
        for label in (self.title, self.text_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent; padding: 0;")
            layout.addWidget(label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)


class RevealWidget(QWidget):
    """Both partners' answers side by side, and one gentle prompt."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(16)
        self.title = heading("Here you both are", "SectionTitle", self)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("Banner")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setAccessibleName("Something to talk about")
        self.columns = QHBoxLayout()
        self.columns.setSpacing(20)
        finish = self.finish = QPushButton("Done", self)
        finish.setObjectName("Primary")
        finish.setAutoDefault(True)
        finish.setAccessibleName("Done")
        finish.clicked.connect(self.done)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(finish)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.prompt)
        self.layout_.addLayout(self.columns)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)

    def show_checkins(self, couple: Couple, checkins: tuple[Checkin, ...]) -> None:
        while self.columns.count():
            item = self.columns.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        by_partner = {c.partner_id: c for c in checkins}
        for partner in couple.partners:
            checkin = by_partner.get(partner.id)
            if checkin is not None:
                self.columns.addWidget(CheckinCardWidget(partner, checkin, self), 1)
        if len(checkins) == 2:
            first, second = (by_partner[p.id] for p in couple.partners)
            text = difference_prompt(couple.names, first, second) or (
                "You're in a similar place tonight. Is there anything either of you would "
                "like to add?"
            )
            self.title.setText("Here you both are")
        else:
            who = next(p.name for p in couple.partners if p.id == checkins[0].partner_id)
            text = f"Thank you, {who}. Your check-in is saved — share it whenever you like."
            self.title.setText("Saved")
        self.prompt.setText(text)


class CheckinFlowWidget(QWidget):
    """Start → (side by side | private then reveal | alone) → reveal."""

    saved = Signal()

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.couple: Couple | None = None
        self.mode: str | None = None
        self.alone_position = 0
        self._restoring = False
        self._autosave = Autosave(self, self.save_draft)

        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.start_page = self._build_start()
        self.start_area = _scrolling(self.start_page)  # large text in a short window
        self.stack.addWidget(self.start_area)
        self.flow_page = QWidget()
        self.flow_layout = QVBoxLayout(self.flow_page)
        self.flow_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(_scrolling(self.flow_page))
        self.forms: list[CheckinFormWidget] = []
        self.private: PrivateRevealWidget | None = None
        self.reveal = RevealWidget()
        self.reveal.done.connect(self.back_to_start)
        self.reveal_page = _scrolling(self.reveal)
        self.stack.addWidget(self.reveal_page)
        self.reload()

    # -- start page ------------------------------------------------------------------------

    def _build_start(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(16)
        card = Card("How would you like to check in tonight?")
        card.body.addWidget(muted(
            "A few quiet questions each: how you feel, how connected you feel, one thing you "
            "appreciate and one thing you need. It takes about five minutes.", card,
        ))
        self.side_button = self._mode_button(
            "Side by side", "Both of you answer at once, each in your own column.", card
        )
        self.private_button = self._mode_button(
            "Privately, then reveal",
            "One answers while the other looks away, then you see both answers together.", card,
        )
        self.side_button.clicked.connect(lambda: self.begin("side_by_side"))
        self.private_button.clicked.connect(lambda: self.begin("private_reveal"))
        alone_row = QWidget(card)
        alone_layout = FlowLayout(alone_row, spacing=10)
        self.alone_buttons = [QPushButton(alone_row), QPushButton(alone_row)]
        for position, button in enumerate(self.alone_buttons):
            button.setAutoDefault(True)
            button.clicked.connect(lambda _=False, p=position: self.begin("alone", p))
            alone_layout.addWidget(button)
        policy = alone_row.sizePolicy()
        policy.setHeightForWidth(True)
        alone_row.setSizePolicy(policy)
        card.body.addWidget(self.side_button)
        card.body.addWidget(self.private_button)
        card.body.addSpacing(8)
        card.body.addWidget(muted("Or one of you on your own:", card))
        card.body.addWidget(alone_row)
        layout.addWidget(card)
        layout.addStretch(1)
        return page

    def _mode_button(self, title: str, text: str, parent: QWidget) -> QPushButton:
        return ModeButtonWidget(title, text, parent)

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        for button, partner in zip(self.alone_buttons, self.couple.partners, strict=True):
            button.setText(f"Just {partner.name}")
            button.setAccessibleName(f"Check in alone: {partner.name}")
        if self.mode is None and not self._restoring:
            self.restore_draft()

    # -- building a flow -------------------------------------------------------------------

    def _clear_flow(self) -> None:
        clear_layout(self.flow_layout)
        if self.private is not None:
            self.private.hide_curtain()
        self.forms = []
        self.private = None

    def _new_form(self, position: int) -> CheckinFormWidget:
        assert self.couple is not None
        form = CheckinFormWidget(self.couple.partners[position],
                                 other=self.couple.partners[1 - position].name)
        form.changed.connect(self._autosave.changed)
        return form

    def begin(self, mode: str, alone_position: int = 0, draft: dict[str, Any] | None = None
              ) -> None:
        """Open a flow in ``mode``; with ``draft``, fill it back in where it was left."""
        if self.couple is None:
            return
        self._clear_flow()
        self.mode = mode
        self.alone_position = alone_position
        names = self.couple.names
        top = QHBoxLayout()
        title = {
            "side_by_side": "Side by side",
            "private_reveal": "Privately, then reveal",
            "alone": f"{names[alone_position]} on your own",
        }[mode]
        top.addWidget(heading(title, "SectionTitle"), 1)  # wraps only when it must
        cancel = QPushButton("Start over")
        cancel.setAutoDefault(True)
        cancel.setAccessibleName("Start over")
        cancel.clicked.connect(self.start_over)
        top.addWidget(cancel)
        self.flow_layout.addLayout(top)

        if mode == "side_by_side":
            self.forms = [self._new_form(0), self._new_form(1)]
            row = QHBoxLayout()
            row.setSpacing(20)
            for form in self.forms:
                row.addWidget(form, 1, Qt.AlignmentFlag.AlignTop)
            self.flow_layout.addLayout(row)
            self.save_button = QPushButton("Save our check-in")
            self.save_button.setObjectName("Primary")
            self.save_button.setAutoDefault(True)
            self.save_button.setAccessibleName("Save our check-in")
            self.save_button.clicked.connect(self.save)
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(self.save_button)
            self.flow_layout.addLayout(buttons)
        elif mode == "alone":
            self.forms = [self._new_form(alone_position)]
            self.flow_layout.addWidget(self.forms[0])
            self.save_button = QPushButton("Save my check-in")
            self.save_button.setObjectName("Primary")
            self.save_button.setAutoDefault(True)
            self.save_button.setAccessibleName("Save my check-in")
            self.save_button.clicked.connect(self.save)
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(self.save_button)
            self.flow_layout.addLayout(buttons)
        else:
            self.forms = [self._new_form(0), self._new_form(1)]
            self.private = PrivateRevealWidget(
                names, self.forms[0], self.forms[1], QWidget(),
                validate=self._ready_to_move_on,
                reveal=self.save, what="answers",
            )
            self.private.stage_changed.connect(lambda _stage: self.save_draft())
            self.flow_layout.addWidget(self.private)
        self.flow_layout.addStretch(1)
        if draft:
            for form, values in zip(self.forms, draft.get("forms", []), strict=False):
                form.load(values)
        self.stack.setCurrentIndex(1)
        if draft is None:
            self.save_draft()
        elif self.private is not None:
            self.private.resume(draft.get("stage") or "first")
        if self.private is None:
            arrive(self.forms[0])
        elif not self.private.curtain_visible():
            self.private.arrive()

    def _input(self, index: int) -> CheckinInput | None:
        return self.forms[index].to_input()

    def _ready_to_move_on(self, position: int) -> bool:
        """A partner pressed Done: their answers, or the first thing missing pointed to."""
        if self._input(position) is not None:
            return True
        self.forms[position].point_to_problem()
        return False

    # -- drafts ----------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        if self.mode is None:
            return None
        return {
            "mode": self.mode,
            "alone_position": self.alone_position,
            "stage": self.private.stage() if self.private else None,
            "forms": [form.draft() for form in self.forms],
        }

    def save_draft(self) -> None:
        self._autosave.stop()
        draft = self.draft()
        if draft is None or self.couple is None:
            return
        if draft["stage"] == "resume":
            return  # nothing new: keep the stage that was left
        self.services.drafts.save(DRAFT_KEY, draft)

    def restore_draft(self) -> None:
        draft = self.services.drafts.load(DRAFT_KEY)
        if not draft or draft.get("mode") not in ("side_by_side", "private_reveal", "alone"):
            return
        self._restoring = True
        try:
            position = draft.get("alone_position", 0)
            self.begin(draft["mode"], position if position in (0, 1) else 0, draft=draft)
        finally:
            self._restoring = False

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate every form (messages inline) and save the sitting in one action."""
        answers = [form.to_input() for form in self.forms]
        if any(answer is None for answer in answers):
            next(f for f, a in zip(self.forms, answers, strict=True) if a is None
                 ).point_to_problem()
            return False
        try:
            sitting, change = self.services.checkins.save_session(
                [a for a in answers if a is not None], mode=self.mode or "alone"
            )
        except ValidationError as exc:
            form = self.forms[0]
            form.show_error(exc)
            form.point_to_problem()
            return False
        except HearthError as exc:
            QMessageBox.warning(self, "Hearth", exc.message)
            return False
        self.services.drafts.clear(DRAFT_KEY)
        assert self.couple is not None
        self.reveal.show_checkins(self.couple, sitting.checkins)
        self._clear_flow()
        self.mode = None
        self.stack.setCurrentWidget(self.reveal_page)
        arrive(self.reveal, self.reveal.finish)
        self.bus.publish(change)
        self.saved.emit()
        return True

    def start_over(self) -> None:
        if any(_has_content(form.draft()) for form in self.forms):
            answer = QMessageBox.question(
                self, "Start over?",
                "What you've written so far will be cleared. Start over?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.services.drafts.clear(DRAFT_KEY)
        self.back_to_start()

    def back_to_start(self) -> None:
        self._autosave.stop()
        self._clear_flow()
        self.mode = None
        self.stack.setCurrentWidget(self.start_area)
        arrive(self.start_page, self.side_button)

    def curtain_visible(self) -> bool:
        return self.private is not None and self.private.curtain_visible()


def _has_content(values: dict[str, Any]) -> bool:
    return any(v for v in values.values())

