"""Conflicts: guided worksheets for working through a disagreement calmly, side by side,
with a pause button for when it gets heated."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import changes
from app.domain.calendar import EventInput
from app.domain.checkins import FEELINGS
from app.domain.couple import Couple
from app.domain.errors import HearthError
from app.domain.greeting import long_date
from app.domain.worksheets import (
    DEFINITIONS,
    KIND_NAMES,
    KINDS,
    PAUSE_MINIMUM,
    SAFETY_NOTE,
    SOOTHING,
    field_hint,
    field_label,
    gentle_hints,
    progress_words,
    shows_field,
)
from app.files import check_output_target, write_atomically
from app.services.worksheet_report import report_html
from app.services.worksheets import Worksheet
from ui import theme
from ui.autosave import Autosave
from ui.bus import DataBus
from ui.dialogs.discard import ask_first, may_discard
from ui.models.base import RowsTableModel
from ui.views.base import View
from ui.widgets.choices import ChipsWidget
from ui.widgets.common import (
    Card,
    ErrorLabel,
    add_shortcut,
    clear_layout,
    clear_problem,
    heading,
    muted,
    push_button,
    show_problem,
)
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import as_html, button_text, plain, plain_label, rich_label, tip

if TYPE_CHECKING:
    from app.services import Services

KIND_ABOUT = {
    "after_fight": "For an argument that already happened — looked at calmly, from a little "
                   "distance.",
    "gentle_start": "For something that's been on your mind: find a gentle way to bring it "
                    "up.",
    "solve_together": "Take turns to speak and be heard, then find one thing to try.",
}
STATUS_WORDS = {"open": "Open", "paused": "Paused", "resolved": "Resolved"}
DATE_FORMAT = "d MMMM yyyy"  # 4 December 2026, as everywhere in Hearth
BREAK_MINUTES = int(PAUSE_MINIMUM.total_seconds() // 60)  # at least twenty minutes apart


class WorksheetsTableModel(RowsTableModel):
    """Worksheets, newest first: the title with its kind under it, how it stands, when it
    began and when to look at it again."""

    COLUMNS = ("Worksheet", "Status", "Started", "Follow-up")

    def set_worksheets(self, worksheets: list[Worksheet]) -> None:
        self._set_rows(worksheets)

    def worksheet(self, row: int) -> Worksheet:
        return self._rows[row]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        w: Worksheet = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            spoken = role == Qt.ItemDataRole.AccessibleTextRole
            title = f"{w.title}{', ' if spoken else chr(10)}{KIND_NAMES[w.kind]}"
            value = (title, STATUS_WORDS[w.status], long_date(w.opened_at.date()),
                     long_date(w.follow_up) if w.follow_up else "")[index.column()]
            return value or ("none" if spoken else "")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return tip(w.title)  # whole, where the column is too narrow for it
        return None


class ReviewDialog(QDialog):
    """At the follow-up: did our agreement work? Yes resolves; not yet keeps it open."""

    def __init__(self, worksheet: Worksheet, names: dict[int, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Looking back — {worksheet.title}")
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Did what you agreed on work? Tick what you both kept.",
                                     self))
        self.kept: dict[int, QCheckBox] = {}
        for agreement in worksheet.agreements:
            who = names.get(agreement.owner_id, "Both of us")
            box = QCheckBox(button_text(f"{agreement.text} — {who}"), self)
            box.setAccessibleName(f"Kept: {agreement.text}")
            box.setChecked(bool(agreement.kept))
            layout.addWidget(box)
            self.kept[agreement.id] = box
        self._kept_before = {aid: box.isChecked() for aid, box in self.kept.items()}
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("A line about how it went (optional)")
        self.note.setAccessibleName("How it went")
        layout.addWidget(self.note)
        again_box, again = wrap_row(self)
        again.add(QLabel("If not yet, look again on", again_box))
        self.next_date = QDateEdit(again_box)
        self.next_date.setCalendarPopup(True)
        self.next_date.setDisplayFormat(DATE_FORMAT)
        self.next_date.setDate(datetime.now().date() + timedelta(days=14))
        self.next_date.setAccessibleName("Look again on")
        again.add(self.next_date)
        layout.addWidget(again_box)
        buttons_box, buttons = wrap_row(self)
        self.worked = QPushButton("It worked — we're done", buttons_box)
        self.worked.setObjectName("Primary")
        self.worked.setAccessibleName("It worked")
        self.not_yet = QPushButton("Not yet — keep it open", buttons_box)
        self.not_yet.setAccessibleName("Not yet")
        cancel = push_button("Cancel", self.reject, buttons_box)
        self.outcome: bool | None = None
        self.worked.clicked.connect(lambda: self._finish(True))
        self.not_yet.clicked.connect(lambda: self._finish(False))
        for button in (self.worked, self.not_yet, cancel):
            buttons.add(button)
        layout.addWidget(buttons_box)

    def _finish(self, worked: bool) -> None:
        self.outcome = worked
        self.accept()

    def reject(self) -> None:
        """Escape, Cancel or the close button: a line written or a box ticked isn't thrown
        away without asking."""
        changed = bool(self.note.text().strip()) or any(
            box.isChecked() != self._kept_before[aid] for aid, box in self.kept.items())
        if may_discard(self, changed):
            super().reject()


class FloorBadge(QLabel):
    """Who has the floor: a badge in the speaker's colour. On one line where it fits, its
    words wrap where it doesn't (a long name at Extra large text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FloorToken")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setContentsMargins(16, 6, 16, 6)

    def sizeHint(self) -> QSize:
        """The words on one line (a word-wrapping label would rather be two)."""
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + margins.left() + margins.right()
                     + 2, metrics.height() + margins.top() + margins.bottom())


class ConflictsView(View):
    watches = (changes.WORKSHEETS, changes.COUPLE)

    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(services, bus, parent)
        self.couple: Couple | None = None
        self.current: Worksheet | None = None
        self._pending: dict[tuple[str, str, int], object] = {}
        self._autosave = Autosave(self, self.flush)
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # tests set the time
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(12)
        layout.addWidget(heading("Conflicts", "Title", self))
        self.intro = muted(
            "Every couple disagrees. These worksheets help you work through it calmly, side "
            "by side — one step at a time.", self)
        layout.addWidget(self.intro)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._scrolled(self._build_list()))
        self.pages.addWidget(self._scrolled(self._build_safety()))
        self.pages.addWidget(self._build_sheet())  # its answers scroll between its buttons
        self.pages.addWidget(self._scrolled(self._build_pause()))
        # the introduction only on the list: a worksheet needs the room
        self.pages.currentChanged.connect(lambda index: self.intro.setVisible(index == 0))
        layout.addWidget(self.pages, 1)
        self.status = plain(muted("", self))
        self.status.setAccessibleName("What just happened")
        layout.addWidget(self.status)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        add_shortcut(self, "Alt+Right", self.next_step)
        add_shortcut(self, "Alt+Left", self.previous_step)
        add_shortcut(self, QKeySequence.StandardKey.Print, self.print_sheet)
        self.reload()

    # -- pages ---------------------------------------------------------------------------------

    @staticmethod
    def _scrolled(page: QWidget) -> QScrollArea:
        """``page`` in a scroll area: at large text on a small screen nothing is cut off."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what's in it
        page.setObjectName("ScrollBody")
        area.setWidget(page)
        return area

    def _build_list(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        starters_box, starters = wrap_row(page, spacing=12, top=True, fill=True)
        self.start_buttons: dict[str, QPushButton] = {}
        for kind, label in KINDS:
            card = Card(label, starters_box)
            card.body.addWidget(muted(KIND_ABOUT[kind], card))
            card.body.addStretch(1)
            button = push_button(
                "Start", lambda _=False, k=kind: self.start(k), card, name=f"Start: {label}")
            card.body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            starters.add(card, 1, 16)
            self.start_buttons[kind] = button
        column.addWidget(starters_box)
        row_box, row = wrap_row(page)
        self.search = QLineEdit(row_box)
        self.search.setPlaceholderText("Search your worksheets…")
        self.search.setAccessibleName("Search worksheets")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.reload())
        row.add(self.search, 1, 18)
        self.review_button = push_button(
            "Look back together…", self.review_selected, row_box, name="Look back together")
        row.add(self.review_button)
        row.add(self._keep_button(row_box))
        row.add(push_button("Safety note", lambda: self.show_safety(None), row_box))
        column.addWidget(row_box)
        self.model = WorksheetsTableModel(self)
        self.table = QTableView(page)
        self.table.setAccessibleName("Worksheets")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # titles take the rest
        lines = self.table.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(lines * 12)  # a few worksheets, even on a small screen
        self.table.activated.connect(lambda i: self.open(self.model.worksheet(i.row()).id))
        self.table.doubleClicked.connect(lambda i: self.open(self.model.worksheet(i.row()).id))
        self.empty = muted("No worksheets yet. When something needs talking through, start "
                           "one above — together.", page)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        return page

    def _build_safety(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        card = Card("Before you start", page)
        card.setAccessibleName("Safety note")
        note = QLabel(SAFETY_NOTE, card)
        note.setWordWrap(True)
        card.body.addWidget(note)
        row_box, row = wrap_row(card)
        self.safety_continue = QPushButton("We feel safe with each other — continue", row_box)
        self.safety_continue.setObjectName("Primary")
        self.safety_continue.setAccessibleName("Continue")
        self.safety_back = push_button("Not now", self._leave_safety, row_box)
        row.add(self.safety_continue)
        row.add(self.safety_back)
        card.body.addWidget(row_box)
        column.addWidget(card)
        column.addStretch(1)
        self._after_safety = None
        self.safety_continue.clicked.connect(self._continue_after_safety)
        return page

    def _build_sheet(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        top_box, top = wrap_row(page)
        self.sheet_title = plain(heading("", "SectionTitle", top_box))
        self.progress = muted("", top_box)
        self.progress.setAccessibleName("Progress")
        self.progress.setWordWrap(False)  # "Step 6 of 6: agreements" on one line
        self.break_button = push_button("We need a break", self.show_pause, top_box)
        top.add(self.sheet_title, 1, 24)
        top.add(self.progress)
        top.spring()
        top.add(self.break_button)
        column.addWidget(top_box)
        # The step scrolls as a whole (its title, the floor and both columns), between the
        # worksheet's title and its buttons, which stay in place.
        self.step_area = area = QScrollArea(page)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it reflows
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what's in it
        scrolled = QWidget()
        scrolled.setObjectName("ScrollBody")
        inner = QVBoxLayout(scrolled)
        inner.setContentsMargins(0, 0, 12, 0)
        inner.setSpacing(10)
        self.step_title = heading("", "Title", scrolled)
        self.step_guide = muted("", scrolled)
        inner.addWidget(self.step_title)
        inner.addWidget(self.step_guide)
        inner.addWidget(self._build_floor(scrolled))
        self.step_body = QWidget(scrolled)
        self.step_layout = QVBoxLayout(self.step_body)
        self.step_layout.setContentsMargins(0, 0, 0, 0)
        self.step_layout.setSpacing(10)
        inner.addWidget(self.step_body, 1)
        area.setWidget(scrolled)
        column.addWidget(area, 1)
        nav_box, nav = wrap_row(page)
        self.back_button = push_button("◀ Back", self.previous_step, nav_box, name="Back")
        self.next_button = push_button("Next ▶", self.next_step, nav_box, name="Next",
                                       primary=True)
        self.sheet_keep = self._keep_button(nav_box)
        self.sheet_safety = push_button(
            "Safety note", lambda: self.show_safety(None, back_to_sheet=True), nav_box)
        self.sheet_done = push_button("All worksheets", self.close_sheet, nav_box,
                                      name="Back to all worksheets")
        nav.add(self.back_button)
        nav.spring()
        for button in (self.sheet_keep, self.sheet_safety, self.sheet_done):
            nav.add(button)
        nav.spring()
        nav.add(self.next_button)
        column.addWidget(nav_box)
        self.inputs: dict[tuple[str, str, int], QWidget] = {}
        self.hints: dict[tuple[str, str, int], QLabel] = {}
        return page

    def _build_floor(self, page: QWidget) -> QWidget:
        """"Solve it together": whose turn it is to speak, and an optional speaking timer."""
        self.floor_bar, row = wrap_row(page)
        self.floor_bar.setObjectName("FloorBar")
        self.floor_token = FloorBadge(self.floor_bar)
        self.floor_token.setAccessibleName("Who has the floor")
        self.floor_swap = push_button("Swap who starts", self.swap_first_speaker, self.floor_bar)
        timer_box, timer = wrap_row(self.floor_bar)  # the timer's pieces stay together
        self.floor_minutes = QComboBox(timer_box)
        self.floor_minutes.setAccessibleName("Speaking time")
        for minutes in (2, 3, 5, 10):
            self.floor_minutes.addItem(f"{minutes} minutes", minutes)
        self.floor_minutes.setCurrentIndex(1)
        self.floor_timer_button = push_button(
            "Start a timer", self.toggle_floor_timer, timer_box, name="Speaking timer")
        self.floor_time = plain_label("", timer_box)
        self.floor_time.setAccessibleName("Speaking time left")
        timer.add(self.floor_time, 1, 10)  # "10:00 left" on one line
        timer.add(self.floor_minutes)
        timer.add(self.floor_timer_button)
        row.add(self.floor_token)
        row.add(self.floor_swap)
        row.spring()
        row.add(timer_box)
        self._floor_timer = QTimer(self)
        self._floor_timer.setInterval(1000)
        self._floor_timer.timeout.connect(self._floor_tick)
        self._floor_left = 0
        self.floor_bar.hide()
        return self.floor_bar

    def _keep_button(self, parent: QWidget) -> QPushButton:
        """"Save or print…": the worksheet as a PDF, or on paper through the system dialog."""
        button = QPushButton("Save or print…", parent)
        button.setAccessibleName("Save or print")
        menu = QMenu(button)
        menu.addAction("Save as PDF…", lambda: self.export_pdf())
        menu.addAction("Print…", lambda: self.print_sheet())
        button.setMenu(menu)
        return button

    def _build_pause(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        card = Card("A break, for both of you", page)
        card.setAccessibleName("A break")
        card.body.addWidget(muted(
            "When feelings run high, the body needs at least twenty minutes to settle. Do "
            "something soothing on your own — not replaying the argument. The worksheet waits, "
            "exactly as it is.", card))
        self.suggestions = rich_label("<ul>" + "".join(f"<li>{as_html(s)}</li>"
                                                       for s in SOOTHING) + "</ul>", card)
        self.suggestions.setAccessibleName("Something soothing")
        card.body.addWidget(self.suggestions)
        when_box, when = wrap_row(card)
        when.add(QLabel("We'll come back at", when_box))
        self.resume_at = QDateTimeEdit(when_box)
        self.resume_at.setDisplayFormat("ddd d MMMM, HH:mm")
        self.resume_at.setCalendarPopup(True)
        self.resume_at.setAccessibleName("Come back at")
        when.add(self.resume_at)
        card.body.addWidget(when_box)
        self.pause_error = ErrorLabel(card)
        card.body.addWidget(self.pause_error)
        self.countdown = heading("", "SectionTitle", card)
        self.countdown.setAccessibleName("Time of the break")
        card.body.addWidget(self.countdown)
        buttons_box, buttons = wrap_row(card)
        self.start_break = push_button("Start the break", self.pause, buttons_box, primary=True)
        self.resume_button = push_button("We're ready to continue", self.resume, buttons_box)
        buttons.add(self.start_break)
        buttons.add(self.resume_button)
        card.body.addWidget(buttons_box)
        column.addWidget(card)
        column.addStretch(1)
        return page

    # -- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.couple = self.services.couple.get()
        if self.couple is None:
            return
        worksheets = self.services.worksheets.worksheets(words=self.search.text())
        self.model.set_worksheets(worksheets)
        self.empty.setVisible(not worksheets and not self.search.text())

    def start(self, kind: str) -> None:
        if not self.services.worksheets.worksheets():
            self.show_safety(lambda: self._ask_title(kind))  # before the very first one
        else:
            self._ask_title(kind)

    def review_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.couple is None:
            self.status.setText("Choose a worksheet first.")
            return
        worksheet = self.model.worksheet(rows[0].row())
        names = {p.id: p.name for p in self.couple.partners}
        dialog = ReviewDialog(worksheet, names, self)
        if not dialog.exec() or dialog.outcome is None:
            return
        try:
            change = self.services.worksheets.review(
                worksheet.id, dialog.outcome, dialog.note.text(),
                {aid: box.isChecked() for aid, box in dialog.kept.items()},
                None if dialog.outcome else dialog.next_date.date().toPython())
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.status.setText("Resolved — well done, both of you." if dialog.outcome else
                            "Kept open. You'll see it again on the day you chose.")

    def _chosen_id(self) -> int | None:
        """The open worksheet, or on the list the selected one."""
        if self.pages.currentIndex() != 0:
            return self.current.id if self.current is not None else None
        rows = self.table.selectionModel().selectedRows()
        return self.model.worksheet(rows[0].row()).id if rows else None

    def export_pdf(self, path: str | None = None) -> None:
        worksheet_id = self._chosen_id()
        if worksheet_id is None:
            self.status.setText("Choose a worksheet first.")
            return
        self.flush()
        if not path:
            title = self.services.worksheets.get(worksheet_id).title
            name = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
            path, _filter = QFileDialog.getSaveFileName(
                self, "Save the worksheet as a PDF",
                str(Path.home() / f"{name or 'worksheet'}.pdf"), "PDF files (*.pdf)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            data_dir = Path(self.services.db.path).parent
            check_output_target(target, data_dir, suffix=".pdf")  # before building the PDF
            write_atomically(target, self.services.worksheets.pdf(worksheet_id),
                             data_dir=data_dir, suffix=".pdf")
        except HearthError as exc:  # refused, or the system wouldn't write it
            self.status.setText(exc.message)
            return
        self.status.setText(f"Saved {target.name}. It holds both your words — keep it "
                            "somewhere private.")

    def print_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when printing

        worksheet_id = self._chosen_id()
        if worksheet_id is None:
            self.status.setText("Choose a worksheet first.")
            return
        self.flush()
        try:
            report = self.services.worksheets.report(worksheet_id)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(report.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print “{report.title}”")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(report_html(report))
        document.print_(printer)
        self.status.setText("Sent to the printer.")

    def _ask_title(self, kind: str) -> None:
        title, ok = QInputDialog.getText(self, KIND_NAMES[kind],
                                         "In a few words, what is it about?")
        if not ok:
            return
        try:
            worksheet, change = self.services.worksheets.start(kind, title)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.open(worksheet.id)

    def show_safety(self, then, back_to_sheet: bool = False) -> None:
        self._after_safety = then
        self._safety_return = self.pages.widget(2) if back_to_sheet else self.pages.widget(0)
        self.pages.setCurrentIndex(1)
        self.safety_continue.setFocus()

    def _continue_after_safety(self) -> None:
        then, self._after_safety = self._after_safety, None
        self.pages.setCurrentWidget(self._safety_return)
        if then is not None:
            then()

    def _leave_safety(self) -> None:
        self._after_safety = None
        self.pages.setCurrentWidget(self._safety_return)

    # -- a worksheet ---------------------------------------------------------------------------

    def open(self, worksheet_id: int) -> None:
        try:
            self.current = self.services.worksheets.get(worksheet_id)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        if self.current.status == "paused":
            self.show_pause()
            return
        self._show_step()

    def _show_step(self) -> None:
        worksheet = self.current
        if worksheet is None or self.couple is None:
            return
        self.pages.setCurrentIndex(2)
        steps = DEFINITIONS[worksheet.kind]
        self.sheet_title.setText(f"{KIND_NAMES[worksheet.kind]}: {worksheet.title}")
        self.progress.setText(progress_words(worksheet.step, len(steps)))
        clear_layout(self.step_layout)
        self.inputs, self.hints = {}, {}
        self.back_button.setEnabled(worksheet.step > 0)
        self.next_button.setText("Next ▶" if worksheet.step < len(steps) else "Done for now")
        if worksheet.step >= len(steps):
            self._show_floor(None, first_turn=False)
            self._show_agreements()
            self._arrived()
            return
        step = steps[worksheet.step]
        self.step_title.setText(step.title)
        self.step_guide.setText(step.guide)
        holder = worksheet.floor(worksheet.step, self.couple.ids)
        self._show_floor(holder, first_turn=step.speaker == 0)
        # One column each, side by side — one under the other where they don't both fit.
        columns_box, columns = wrap_row(self.step_body, spacing=24, top=True)
        columns_box.setAccessibleName("Your answers")
        for partner in self.couple.partners:
            other = self.couple.partners[1 - partner.position].name
            colour = theme.current().partner_hex(partner)
            role = "" if holder is None else (
                " — speaking" if partner.id == holder else " — listening")
            box = QWidget(columns_box)
            box.setAccessibleName(f"{partner.name}'s answers")
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 12)
            column.setSpacing(8)
            name = rich_label(f"<span style='color:{colour}'>●</span> {as_html(partner.name)}"
                              f"{role}", box, role="SectionTitle")
            column.addWidget(name)
            for field in step.fields:
                if not shows_field(field, partner.id, holder):
                    continue
                column.addWidget(plain_label(field_label(field, other), box))
                widget = self._input(step.key, field, partner.id,
                                     worksheet.answer(step.key, field.key, partner.id), box)
                if field.key == "opening":
                    widget = self._with_rebuild(widget, partner.id, box)
                column.addWidget(widget)
                hint = plain_label("", box, role="Muted")
                hint.hide()
                column.addWidget(hint)
                self.hints[(step.key, field.key, partner.id)] = hint
                if field.hint:
                    hint.setText(field_hint(field, other))
                    hint.show()
            column.addStretch(1)
            columns.add(box, 1, 30)
        self.step_layout.addWidget(columns_box)
        self.step_layout.addStretch(1)
        if step.key == "opening":
            for partner in self.couple.partners:
                editor = self.inputs.get(("opening", "opening", partner.id))
                if isinstance(editor, QPlainTextEdit) and not editor.toPlainText().strip():
                    self.rebuild_opening(partner.id, quiet=True)
        self._arrived()

    def _arrived(self) -> None:
        """A new step: Tab goes from the top of the page through both columns to the
        buttons, the page starts at its top, and the keyboard is in the first field."""
        for index in range(self.step_layout.count()):  # on screen now, not a moment later
            shown = self.step_layout.itemAt(index).widget()
            if shown is not None and not shown.testAttribute(
                    Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                shown.show()
        chain = [self.break_button]
        if not self.floor_bar.isHidden():
            chain += [w for w in (self.floor_swap, self.floor_minutes, self.floor_timer_button)
                      if not w.isHidden()]
        # Every focusable widget in the order made — a row of choices whole, even those of
        # its buttons Tab passes over — so that Tab runs down one column, then the other.
        fields = [w for w in self.step_body.findChildren(QWidget)
                  if w.focusPolicy() != Qt.FocusPolicy.NoFocus
                  and w.isVisibleTo(self.step_body)  # not the last step's, on its way out
                  and not self._inside_a_field(w)]
        chain += fields
        chain += [self.back_button, self.sheet_keep, self.sheet_safety, self.sheet_done,
                  self.next_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.step_area.verticalScrollBar().setValue(0)
        first = next((w for w in fields if w.isEnabled()
                      and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        if first is not None and self.isVisible():
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _inside_a_field(self, widget: QWidget) -> bool:
        """Part of another field (a date's or a list's own text box)."""
        parent = widget.parentWidget()
        while parent is not None and parent is not self.step_body:
            if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractScrollArea)):
                return True
            parent = parent.parentWidget()
        return False

    # -- "Raise something gently": the opening, assembled ---------------------------------------

    def _with_rebuild(self, editor: QWidget, partner_id: int, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor)
        button = push_button("Build it again from my answers",
                             lambda: self.rebuild_opening(partner_id), box,
                             name=f"Build the opening again ({self._name(partner_id)})")
        column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def rebuild_opening(self, partner_id: int, quiet: bool = False) -> None:
        """Fill the opening from this partner's earlier steps; Ctrl+Z in the box undoes it.
        (``quiet``: offered by itself, so nothing is said when there is nothing to build.)"""
        editor = self.inputs.get(("opening", "opening", partner_id))
        if self.current is None or not isinstance(editor, QPlainTextEdit):
            return
        text = self.current.gentle_opening(partner_id, self.couple.names if self.couple else ())
        if not text:
            if quiet:
                return
            self.status.setText(f"Nothing to build from yet: {self._name(partner_id)}'s "
                                "earlier steps are empty.")
            return
        cursor = editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)  # one edit on the box's own undo stack

    # -- "Solve it together": the floor --------------------------------------------------------

    def _show_floor(self, holder: int | None, first_turn: bool) -> None:
        self._floor_timer.stop()
        self.floor_time.setText("")
        self.floor_timer_button.setText("Start a timer")
        self.floor_bar.setVisible(holder is not None)
        if holder is None or self.couple is None:
            return
        partner = next(p for p in self.couple.partners if p.id == holder)
        look = theme.current()
        # the floor token: a badge in the speaker's colour that passes between them
        self.floor_token.setText(f"{partner.name} has the floor")
        self.floor_token.setStyleSheet(
            f"#FloorToken {{ background: {look.partner_hex(partner)}; "
            f"color: {look.colour('on_accent')}; border-radius: 14px; font-weight: bold; }}")
        self.floor_swap.setVisible(first_turn)
        begun = self.current is not None and self.current.turns_begun
        self.floor_swap.setEnabled(not begun)
        self.floor_swap.setToolTip("The floor passes to the other at the next step." if begun
                                   else "")

    def swap_first_speaker(self) -> None:
        if self.current is None or self.couple is None:
            return
        self.flush()
        holder = self.current.floor(self.current.step, self.couple.ids)
        other = self.couple.other_id(holder)
        try:
            change = self.services.worksheets.set_first_speaker(self.current.id, other)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.bus.publish(change)
        self.current = self.services.worksheets.get(self.current.id)
        self.status.setText(f"{self._name(other)} starts.")
        self._show_step()

    def toggle_floor_timer(self) -> None:
        if self._floor_timer.isActive():
            self._floor_timer.stop()
            self.floor_time.setText("")
            self.floor_timer_button.setText("Start a timer")
            return
        self._floor_left = int(self.floor_minutes.currentData()) * 60
        self.floor_timer_button.setText("Stop the timer")
        self._floor_timer.start()
        self._show_floor_time()

    def _floor_tick(self) -> None:
        self._floor_left = max(0, self._floor_left - 1)
        self._show_floor_time()

    def _show_floor_time(self) -> None:
        if self._floor_left > 0:
            self.floor_time.setText(f"{self._floor_left // 60}:{self._floor_left % 60:02d} left")
            return
        self._floor_timer.stop()
        self.floor_timer_button.setText("Start a timer")
        if self.current is not None and self.couple is not None:
            holder = self.current.floor(self.current.step, self.couple.ids)
            listener = self._name(self.couple.other_id(holder))
            self.floor_time.setText(f"Time — {listener}, say back what you heard.")

    def _input(self, step_key: str, field, partner_id: int, value,
               parent: QWidget) -> QWidget:
        key = (step_key, field.key, partner_id)
        name = f"{field_label(field, '')} ({self._name(partner_id)})"
        if field.kind == "feelings":
            widget = ChipsWidget([(f.key, f.word) for f in FEELINGS], name, parent)
            widget.set_selected(value or [])
            widget.changed.connect(lambda: self._changed(key, list(widget.selected())))
        elif field.kind == "choice":
            widget = QComboBox(parent)
            widget.setAccessibleName(name)
            widget.addItem("—", None)
            for choice, label in field.choices:
                widget.addItem(label, choice)
            widget.setCurrentIndex(max(0, widget.findData(value)) if value else 0)
            widget.currentIndexChanged.connect(lambda _i: self._changed(key,
                                                                        widget.currentData()))
        elif field.kind == "line":
            widget = QLineEdit(value or "", parent)
            widget.setAccessibleName(name)
            widget.textChanged.connect(lambda text: self._changed(key, text))
        else:
            widget = QPlainTextEdit(value or "", parent)
            widget.setAccessibleName(name)
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(90)
            widget.textChanged.connect(lambda: self._changed(key, widget.toPlainText()))
        self.inputs[key] = widget
        return widget

    def _name(self, partner_id: int) -> str:
        return self.couple.name_of(partner_id) if self.couple is not None else ""

    def _changed(self, key, value) -> None:
        self._pending[key] = value
        self._autosave.changed()
        if value and not self.floor_bar.isHidden():
            self.floor_swap.setEnabled(False)  # a turn has begun: the floor stays
        hint = self.hints.get(key)
        if hint is not None and isinstance(value, str):
            found = gentle_hints(value)
            if found:
                hint.setText(" ".join(found))
                hint.show()

    def flush(self) -> None:
        """Save every answer typed since the last save (also before moving or closing)."""
        self._autosave.stop()
        pending, self._pending = self._pending, {}
        if self.current is None or not pending:
            return
        try:
            for (step_key, field_key, partner_id), value in pending.items():
                self.services.worksheets.answer(self.current.id, step_key, field_key,
                                                partner_id, value)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.current = self.services.worksheets.get(self.current.id)

    def _go(self, step: int) -> None:
        self.flush()
        if self.current is None:
            return
        try:
            change = self.services.worksheets.go_to(self.current.id, step)
        except HearthError as exc:
            self.status.setText(exc.message)
            return
        self.current = self.services.worksheets.get(self.current.id)
        self.bus.publish(change)
        self._show_step()

    def next_step(self) -> None:
        if self.current is None or self.pages.currentIndex() != 2:
            return
        if self.current.step >= self.current.steps:
            self.close_sheet()
            return
        self._go(self.current.step + 1)

    def previous_step(self) -> None:
        if self.current is not None and self.pages.currentIndex() == 2 and self.current.step:
            self._go(self.current.step - 1)

    def close_sheet(self) -> None:
        self.flush()
        self._floor_timer.stop()
        self.current = None
        self.pages.setCurrentIndex(0)
        self.reload()

    # -- agreements ----------------------------------------------------------------------------

    def _show_agreements(self) -> None:
        worksheet = self.current
        assert worksheet is not None and self.couple is not None
        self.step_title.setText("What we agree on")
        self.step_guide.setText("Who does what, by when — and a day to look at it together "
                                "again.")
        names = {p.id: p.name for p in self.couple.partners}
        body = self.step_body
        for agreement in worksheet.agreements:
            who = names.get(agreement.owner_id, "Both of us")
            due = f", by {agreement.due.day} {agreement.due:%B}" if agreement.due else ""
            self.step_layout.addWidget(plain_label(f"• {agreement.text} — {who}{due}", body))
        line_box, line = wrap_row(body)
        self.agreement_text = QLineEdit(line_box)
        self.agreement_text.setPlaceholderText("We agree that…")
        self.agreement_text.setAccessibleName("Agreement")
        self.agreement_text.returnPressed.connect(self.add_agreement)
        self.agreement_owner = QComboBox(line_box)
        self.agreement_owner.setAccessibleName("Who")
        self.agreement_owner.addItem("Both of us", None)
        for partner in self.couple.partners:
            self.agreement_owner.addItem(partner.name, partner.id)
        self.agreement_due = QDateEdit(line_box)
        self.agreement_due.setCalendarPopup(True)
        self.agreement_due.setDisplayFormat(DATE_FORMAT)
        self.agreement_due.setDate(datetime.now().date() + timedelta(days=7))
        self.agreement_due.setAccessibleName("By when")
        add = push_button("Add agreement", self.add_agreement, line_box)
        line.add(self.agreement_text, 1, 24)
        for widget in (self.agreement_owner, self.agreement_due, add):
            line.add(widget)
        self.step_layout.addWidget(line_box)
        self.agreement_error = ErrorLabel(body)
        self.step_layout.addWidget(self.agreement_error)
        follow_box, follow = wrap_row(body)
        follow.add(plain_label("Look at it together again on", follow_box, wrap=False))
        self.follow_up = QDateEdit(follow_box)
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat(DATE_FORMAT)
        self.follow_up.setAccessibleName("Follow-up")
        self.follow_up.setDate(worksheet.follow_up or datetime.now().date() + timedelta(days=7))
        self.follow_up.dateChanged.connect(self._set_follow_up)
        follow.add(self.follow_up)
        self.step_layout.addWidget(follow_box)
        self.step_layout.addStretch(1)
        if worksheet.follow_up is None:
            self._set_follow_up()

    def add_agreement(self) -> None:
        if self.current is None:
            return
        try:
            agreement, change = self.services.worksheets.add_agreement(
                self.current.id, self.agreement_text.text(), self.agreement_owner.currentData(),
                self.agreement_due.date().toPython())
        except HearthError as exc:
            show_problem(self.agreement_error, exc.message, self.agreement_text)
            return
        self.bus.publish(change)
        self.current = self.services.worksheets.get(self.current.id)
        self._show_step()
        self.status.setText(f"Added “{agreement.text}”.")

    def _set_follow_up(self, *_args) -> None:
        if self.current is None:
            return
        try:
            change = self.services.worksheets.set_follow_up(self.current.id,
                                                            self.follow_up.date().toPython())
        except HearthError as exc:
            show_problem(self.agreement_error, exc.message, self.follow_up)
            return
        self.bus.publish(change)

    # -- a break -------------------------------------------------------------------------------

    def show_pause(self) -> None:
        self.flush()
        if self.current is None:
            return
        self.pages.setCurrentIndex(3)
        paused = self.current.status == "paused"
        self.start_break.setVisible(not paused)
        self.resume_button.setVisible(paused)
        self.resume_at.setEnabled(not paused)
        if not paused:
            self.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=30)))
            self.countdown.setText("")
        self._tick()
        self._countdown.start()
        (self.resume_button if paused else self.resume_at).setFocus()
        self.countdown.setVisible(bool(self.countdown.text()))

    def pause(self) -> None:
        if self.current is None:
            return
        back = self.resume_at.dateTime().toPython().astimezone()
        try:
            worksheet, change = self.services.worksheets.pause(self.current.id, back)
        except HearthError as exc:
            show_problem(self.pause_error, exc.message, self.resume_at)
            return
        clear_problem(self.pause_error, self.resume_at)
        self.current = worksheet
        self.bus.publish(change)
        try:  # and on the calendar, so the come-back time isn't forgotten
            local = back.replace(tzinfo=None)
            _event, event_change = self.services.calendar.create(EventInput(
                f"Come back to: {worksheet.title}", "come_back", local,
                local + timedelta(minutes=45),
                notes="Take it gently. Start where you left off."))
            self.bus.publish(event_change)
        except HearthError:
            pass  # the break itself is what matters
        self.show_pause()

    def _tick(self) -> None:
        worksheet = self.current
        if worksheet is None or self.pages.currentIndex() != 3:
            self._countdown.stop()
            return
        if worksheet.status != "paused" or worksheet.resume_at is None:
            self.resume_button.setEnabled(False)
            self.countdown.setText("")
            return
        planned = f"{worksheet.resume_at:%H:%M}"  # the time you agreed on
        left = self._break_left()
        if left > timedelta(0):
            minutes = max(1, -(-int(left.total_seconds()) // 60))  # rounded up
            to_go = "about a minute" if minutes == 1 else f"about {minutes} minutes"
            self.countdown.setText(f"Break until {planned} — {to_go} to go before the twenty "
                                   "are up.")
        else:
            taken = int(self._break_taken().total_seconds() // 60)
            self.countdown.setText(f"It's been {taken} minutes. Come back when you're both "
                                   f"ready (planned: {planned}).")
        self.resume_button.setEnabled(True)

    def _break_taken(self) -> timedelta:
        since = self.current.paused_at if self.current is not None else None
        return max(timedelta(0), self.clock() - since) if since else timedelta(0)

    def _break_left(self) -> timedelta:
        """How much of the twenty minutes is still to come (nothing once they're up)."""
        if self.current is None or self.current.paused_at is None:
            return timedelta(0)
        return max(timedelta(0), PAUSE_MINIMUM - self._break_taken())

    def _sure_to_continue(self) -> bool:
        """Before the twenty minutes are up: continuing is their choice, but ask once."""
        left = self._break_left()
        if left <= timedelta(0):
            return True
        minutes = max(1, -(-int(left.total_seconds()) // 60))
        return ask_first(self, "Continue already?",
                         f"Your break isn't twenty minutes old yet — about {minutes} "
                         f"minute{'s' if minutes != 1 else ''} to go.",
                         "Bodies usually need that long to settle. Continue now only if you "
                         "both feel calm.", "Continue now", "Keep resting")

    def resume(self) -> None:
        if self.current is None or not self._sure_to_continue():
            return
        change = self.services.worksheets.resume(self.current.id)
        self.bus.publish(change)
        self.current = self.services.worksheets.get(self.current.id)
        self._countdown.stop()
        self._show_step()

    # -- the window is closing -----------------------------------------------------------------

    def about_to_close(self) -> None:
        self.flush()

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    # -- for ui.screenshots --------------------------------------------------------------------

    def screenshot_states(self):
        def sheet() -> None:
            if self.couple is None:
                return
            zoe, lukasz = self.couple.partners
            worksheet, _ = self.services.worksheets.start("after_fight", "Saturday's argument")
            answers = {
                ("feelings", "feelings", zoe.id): ["hurt", "lonely"],
                ("feelings", "words", zoe.id): "Left out when the plans changed.",
                ("feelings", "feelings", lukasz.id): ["frustrated", "tired"],
                ("feelings", "words", lukasz.id): "Under pressure, and then you always sigh.",
            }
            for (step, field, partner), value in answers.items():
                self.services.worksheets.answer(worksheet.id, step, field, partner, value)
            self.open(worksheet.id)
            self._changed(("feelings", "words", lukasz.id),
                          "Under pressure, and then you always sigh.")

        def safety() -> None:
            self.show_safety(None, back_to_sheet=True)

        def agreements() -> None:
            self._continue_after_safety()
            if self.current is not None:
                self.services.worksheets.add_agreement(
                    self.current.id, "Say early when plans might change", None)
                self._go(self.current.steps)

        def pause() -> None:
            self.show_pause()

        def on_a_break() -> None:  # the break taken: how much of it is left
            self.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=30)))
            self.pause()

        def back() -> None:
            self._countdown.stop()
            self.close_sheet()

        def demo_sheet(kind: str, step: int) -> None:
            found = next((w for w in self.services.worksheets.worksheets() if w.kind == kind),
                         None)
            if found is not None:
                self.services.worksheets.go_to(found.id, step)
                self.open(found.id)

        def floor() -> None:
            demo_sheet("solve_together", 0)
            self.floor_minutes.setCurrentIndex(1)
            self.toggle_floor_timer()
            for _ in range(25):
                self._floor_tick()

        def opening() -> None:
            self._floor_timer.stop()
            demo_sheet("gentle_start", 4)

        return [("sheet", sheet), ("safety", safety), ("agreements", agreements),
                ("pause", pause), ("break", on_a_break), (None, back), ("floor", floor),
                ("opening", opening), (None, self.close_sheet)]
