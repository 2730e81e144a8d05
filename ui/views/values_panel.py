"""Our values: the card-sort (privately, then revealed together), where the two of you meet
and differ, your own values, and the statement you write together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.couple import Couple
from app.domain.errors import HearthError
from app.domain.values import SortInput
from ui.autosave import Autosave
from ui.bus import DataBus
from ui.views.base import scroll_body
from ui.widgets.common import (
    Card,
    ErrorLabel,
    clear_layout,
    clear_problem,
    heading,
    muted,
    show_problem,
)
from ui.widgets.private_reveal import PrivateRevealWidget, arrive
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import as_html, button_text, plain
from ui.widgets.value_sort import AlignmentWidget, ValueSortWidget

if TYPE_CHECKING:
    from app.services import Services

DRAFT_KEY = "values_sort"
STATEMENT_DRAFT = "values_statement"


def _no_tab_stop(holder: QWidget) -> None:
    """The scroll area in ``holder`` is no Tab stop of its own: Tab goes to what's in it."""
    for area in holder.findChildren(QScrollArea):
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class ValuesPanel(QStackedWidget):
    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.couple: Couple | None = None
        self.sorts: list[ValueSortWidget] = []
        self.private: PrivateRevealWidget | None = None
        self.mode: str | None = None
        self._autosave = Autosave(self, self.save_draft)

        self.overview = QWidget(self)
        body = scroll_body(self.overview)
        _no_tab_stop(self.overview)
        self.start = Card("Sort your values", self.overview)
        self.start.setAccessibleName("Sort your values")
        self.start_text = plain(muted("", self.start))
        self.start.body.addWidget(self.start_text)
        buttons_box, buttons = wrap_row(self.start)  # wraps at large text
        self.together_button = QPushButton("Sort together — privately, then reveal", buttons_box)
        self.together_button.setObjectName("Primary")
        self.together_button.setAccessibleName("Sort together, privately, then reveal")
        self.together_button.clicked.connect(lambda: self.start_or_continue("private_reveal"))
        buttons.add(self.together_button)
        self.alone_buttons: list[QPushButton] = []
        for position in (0, 1):
            button = QPushButton(buttons_box)
            button.clicked.connect(
                lambda _=False, p=position: self.start_or_continue("alone", p))
            buttons.add(button)
            self.alone_buttons.append(button)
        self.start.body.addWidget(buttons_box)
        body.addWidget(self.start)

        self.alignment = AlignmentWidget(self.overview)
        body.addWidget(self.alignment)

        self.statement_card = Card("What we stand for", self.overview)
        self.statement_card.setAccessibleName("What we stand for")
        self.statement_card.body.addWidget(muted(
            "A few sentences you write together, in your own words, about what matters to you "
            "as a couple.", self.statement_card))
        self.statement = QPlainTextEdit(self.statement_card)
        self.statement.setAccessibleName("What we stand for")
        self.statement.setPlaceholderText("We…")
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(120)
        self.statement.textChanged.connect(self._statement_typed)
        self.statement_card.body.addWidget(self.statement)
        row_box, row = wrap_row(self.statement_card)
        self.statement_state = muted("", row_box)
        self.statement_error = ErrorLabel(self.statement_card)
        self.save_statement_button = QPushButton("Save our statement", row_box)
        self.save_statement_button.setAccessibleName("Save our statement")
        self.save_statement_button.clicked.connect(self.save_statement)
        row.add(self.statement_state, 1, 16)
        row.add(self.save_statement_button)
        self.statement_card.body.addWidget(self.statement_error)
        self.statement_card.body.addWidget(row_box)
        body.addWidget(self.statement_card)

        own = Card("Values of your own", self.overview)
        own.body.addWidget(muted(
            "Missing something that matters to you? Add it, and both of you can place it.", own))
        self.add_value_button = QPushButton("Add a value…", own)
        self.add_value_button.setAccessibleName("Add a value")
        self.add_value_button.clicked.connect(self.add_value)
        self.own_error = ErrorLabel(own)
        own.body.addWidget(self.own_error)
        self.own_status = plain(muted("", own))
        self.own_status.setAccessibleName("What just happened")
        self.own_status.hide()
        own.body.addWidget(self.own_status)
        own.body.addWidget(self.add_value_button)
        body.addWidget(own)
        body.addStretch(1)
        self.addWidget(self.overview)

        self.flow_page = QWidget(self)
        self.flow_layout = QVBoxLayout(self.flow_page)
        self.flow_layout.setContentsMargins(0, 8, 0, 0)
        self.addWidget(self.flow_page)
        self._statement_loading = False
        self._resumed_once = False

    # -- the overview -----------------------------------------------------------------------

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        first, second = self.couple.names
        for button, name in zip(self.alone_buttons, (first, second), strict=True):
            button.setText(button_text(f"Just {name}"))
            button.setAccessibleName(f"{name} sorts alone")
        alignment = self.services.values.alignment()
        if alignment.complete:
            self.start.title.setText("Sort again")
            self.start_text.setText(
                "Values move with life. Sort again whenever you like — earlier sorts are kept, "
                "so you can see how things changed.")
        else:
            waiting = [name for name, done in zip((first, second), alignment.sorted_by,
                                                  strict=True) if not done]
            self.start.title.setText("Sort your values")
            self.start_text.setText(
                "Each of you places the same values, privately, from “less so” to “at my "
                "core”. Then you reveal them together and see what you share and where you "
                "differ. About ten minutes each."
                + (f" Still to sort: {' and '.join(waiting)}." if len(waiting) == 1 else ""))
        self.alignment.setVisible(alignment.complete)
        if alignment.complete:
            self.alignment.show_alignment(self.couple, alignment)
        statement = self.services.values.statement()
        if not self.statement.hasFocus():
            draft = self.services.drafts.load(STATEMENT_DRAFT)
            self._statement_loading = True
            self.statement.setPlainText(
                str(draft.get("text", "")) if draft else (statement.text if statement else ""))
            self._statement_loading = False
        self.statement_state.setText(
            f"Last written on {statement.written_at.day} {statement.written_at:%B %Y}."
            if statement else "Not written yet.")
        draft = self._draft()
        first_time, self._resumed_once = not self._resumed_once, True
        if draft and first_time and self.currentWidget() is self.overview:
            # Hearth was closed mid-sort: come back to it (behind a curtain, if private).
            self.restore_draft()
        elif draft:
            self.start_text.setText(self.start_text.text() + " You stopped part-way through "
                                    "a sort; your places so far are kept.")

    def _statement_typed(self) -> None:
        if self._statement_loading:
            return
        self.statement_state.setText("Not saved yet.")
        self.services.drafts.save(STATEMENT_DRAFT, {"text": self.statement.toPlainText()})

    def save_statement(self) -> None:
        try:
            _statement, change = self.services.values.save_statement(
                self.statement.toPlainText())
        except HearthError as exc:
            show_problem(self.statement_error, exc.message, self.statement)
            return
        clear_problem(self.statement_error, self.statement)
        self.services.drafts.clear(STATEMENT_DRAFT)
        self.bus.publish(change)
        self.statement_state.setText("Saved. Earlier versions are kept.")

    def add_value(self) -> None:
        name, ok = QInputDialog.getText(self, "A value of your own", "Name of the value:")
        if not ok:
            return
        description, ok = QInputDialog.getText(  # the name shown as typed: markup, escaped
            self, "A value of your own",
            f"<p>In one line, what does “{as_html(name.strip())}” mean to you?</p>")
        if not ok:
            return
        try:
            value, change = self.services.values.add_value(name, description)
        except HearthError as exc:
            show_problem(self.own_error, exc.message, self.add_value_button)
            return
        clear_problem(self.own_error, self.add_value_button)
        self.own_status.setText(f"Added “{value.name}” — you'll both place it the next time "
                                "you sort.")
        self.own_status.show()
        self.bus.publish(change)

    # -- the sort flow ---------------------------------------------------------------------

    def _draft(self) -> dict[str, Any] | None:
        draft = self.services.drafts.load(DRAFT_KEY)
        if not draft or draft.get("mode") not in ("private_reveal", "alone") \
                or draft.get("stage") == "reveal":
            return None
        return draft

    def start_or_continue(self, mode: str, alone_position: int = 0) -> None:
        """Start a sort — or pick up the one stopped part-way, if it is the same kind."""
        draft = self._draft()
        if draft and draft["mode"] == mode and (
                mode == "private_reveal" or draft.get("alone_position") == alone_position):
            self.restore_draft()
        else:
            self.begin(mode, alone_position)

    def begin(self, mode: str, alone_position: int = 0,
              draft: dict[str, Any] | None = None) -> None:
        couple = self.couple or self.services.couple.get()
        if couple is None:
            return
        self.couple = couple
        self._clear_flow()
        self.mode = mode
        values = self.services.values.values()
        partners = couple.partners if mode == "private_reveal" else (
            couple.partners[alone_position],)
        self.sorts = [ValueSortWidget(p, values) for p in partners]
        if draft:
            for sort, ratings in zip(self.sorts, draft.get("ratings", []), strict=False):
                if isinstance(ratings, dict):
                    sort.set_ratings({int(k): v for k, v in ratings.items()
                                      if str(k).isdigit() and isinstance(v, int)})
        latest = self.services.values.alignment()
        for sort in self.sorts:
            sort.changed.connect(self._autosave.changed)
            if not draft and latest.complete:  # start from where each of you was last time
                position = couple.partners.index(sort.partner)
                sort.set_ratings({r.value.id: (r.first, r.second)[position]
                                  for r in latest.rows
                                  if (r.first, r.second)[position] is not None})
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(plain(heading(
            "Sorting together" if mode == "private_reveal"
            else f"{partners[0].name} sorts alone", "SectionTitle", self.flow_page)), 1)
        cancel_row.addStretch(1)
        cancel = QPushButton("Stop for now", self.flow_page)
        cancel.setAccessibleName("Stop sorting for now")
        cancel.setToolTip("What you placed so far is kept for next time.")
        cancel.clicked.connect(self.stop)
        cancel_row.addWidget(cancel)
        self.flow_layout.addLayout(cancel_row)
        if mode == "private_reveal":
            reveal_page = QWidget(self.flow_page)
            reveal_layout = QVBoxLayout(reveal_page)
            self.revealed = AlignmentWidget(reveal_page)
            scroller = QWidget(reveal_page)
            inner = scroll_body(scroller)
            _no_tab_stop(scroller)
            inner.addWidget(self.revealed)
            inner.addStretch(1)
            reveal_layout.addWidget(scroller, 1)
            done = QPushButton("Done", reveal_page)
            done.setObjectName("Primary")
            done.setAccessibleName("Done")
            done.clicked.connect(self.finish)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(done)
            reveal_layout.addLayout(row)
            self.private = PrivateRevealWidget(
                couple.names, self.sorts[0], self.sorts[1], reveal_page,
                validate=lambda position: self.sorts[position].check(),
                reveal=self.save, what="values", parent=self.flow_page,
            )
            self.private.stage_changed.connect(lambda _stage: self.save_draft())
            self.flow_layout.addWidget(self.private, 1)
        else:
            self.flow_layout.addWidget(self.sorts[0], 1)
            save = QPushButton(button_text(f"Save {partners[0].name}'s sort"), self.flow_page)
            save.setObjectName("Primary")
            save.setAccessibleName("Save")
            save.clicked.connect(lambda: self.save() and self.finish())
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(save)
            self.flow_layout.addLayout(row)
            self.alone_position = alone_position
        self.setCurrentWidget(self.flow_page)
        if self.private is not None and draft:
            self.private.resume(draft.get("stage") or "first")
        elif self.private is not None:
            self.private.arrive()  # the first value, with the keyboard on it
        else:
            arrive(self.sorts[0])
        self.save_draft()

    def save(self) -> bool:
        """Save the sort(s); for two, this happens as the curtain lifts for the reveal."""
        if not all(sort.check() for sort in self.sorts):
            return False
        try:
            _sorts, change = self.services.values.save_sorts(
                [SortInput(sort.partner.id, sort.ratings()) for sort in self.sorts])
        except HearthError as exc:
            self.sorts[0].error.show_message(exc.message)
            return False
        self.services.drafts.clear(DRAFT_KEY)
        self.mode = None  # nothing left to keep as a draft
        self.bus.publish(change)
        if self.private is not None and self.couple is not None:
            self.revealed.show_alignment(self.couple, self.services.values.alignment())
        return True

    def finish(self) -> None:
        self._clear_flow()
        self.setCurrentWidget(self.overview)
        self.reload()

    def stop(self) -> None:
        """Leave the sort; what was placed is kept as a draft for next time."""
        self.save_draft()
        self._clear_flow(keep_draft=True)
        self.setCurrentWidget(self.overview)

    def _clear_flow(self, keep_draft: bool = False) -> None:
        self._autosave.stop()
        if self.private is not None:
            self.private.hide_curtain()
        self.private = None
        if not keep_draft:
            self.mode = None
        self.sorts = []
        clear_layout(self.flow_layout)

    # -- drafts ------------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        if self.mode is None or not self.sorts:
            return None
        return {
            "mode": self.mode,
            "alone_position": getattr(self, "alone_position", 0),
            "stage": self.private.stage() if self.private else None,
            "ratings": [{str(k): v for k, v in sort.ratings().items()} for sort in self.sorts],
        }

    def save_draft(self) -> None:
        self._autosave.stop()
        draft = self.draft()
        if draft is not None:
            self.services.drafts.save(DRAFT_KEY, draft)

    def restore_draft(self) -> None:
        draft = self._draft()
        if draft is None:
            self.services.drafts.clear(DRAFT_KEY)
            return
        position = draft.get("alone_position") if draft.get("alone_position") in (0, 1) else 0
        self.begin(draft["mode"], position, draft)

    def curtain_visible(self) -> bool:
        return self.private is not None and self.private.curtain_visible()
