"""The couple's words appear exactly as typed — an apostrophe, "&", "<3", an emoji, even
something that looks like markup — wherever Conflicts, Goals & Values and Together show
them: labels, lists, tool tips and buttons (never "didn&#x27;t", never bold)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

from app.domain.checkins import CheckinInput
from app.domain.goals import GoalInput, MilestoneInput
from tests.unit.ui.keyboard import type_text
from tests.unit.ui.modal import when_modal
from ui.dialogs.goal_dialog import GoalDialog
from ui.models.goals_table_model import GOAL_ROLE
from ui.views.conflicts_view import ReviewDialog

TYPED = "Tom's & Zoë's <3 🌿"
PLAIN = "Whoever didn't cook does the <b>dishes</b>"  # markup typed as words
QUIET = "Whoever didn't cook does the dishes"  # escaped, Qt would guess this is plain text


def rendered(markup_or_text: str) -> str:
    """What Qt shows for a label's text or a tool tip (it guesses which is markup)."""
    if GuiQt.mightBeRichText(markup_or_text):
        document = QTextDocument()
        document.setHtml(markup_or_text)
        return document.toPlainText()
    return markup_or_text


def shown(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def on_button(text: str) -> str:
    """What a button or check box shows for ``text`` ("&&" is an "&"; a lone "&" marks a
    shortcut key and isn't shown)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def labels(widget) -> list[str]:
    QApplication.processEvents()  # what was just built is on screen
    return [shown(label) for label in widget.findChildren(QLabel)
            if label.isVisibleTo(widget) and label.text()]


@pytest.fixture
def window(qtbot, couple, make_window):
    return make_window()


def test_a_worksheet_and_its_agreements(qtbot, window, services, couple):
    window.show_view("conflicts")
    view = window.view("conflicts")

    def name_it(dialog: QInputDialog) -> None:
        type_text(QApplication.focusWidget(), TYPED)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    named = when_modal(QInputDialog, name_it)
    view.start("after_fight")
    view._continue_after_safety()  # the note before the first one
    assert named.seen
    (sheet,) = services.worksheets.worksheets()
    assert sheet.title == TYPED
    assert shown(view.sheet_title) == f"After a fight: {TYPED}"

    services.worksheets.go_to(sheet.id, 5)
    view.open(sheet.id)
    for words in (TYPED, PLAIN, QUIET):
        type_text(view.agreement_text, words)
        qtbot.keyClick(view.agreement_text, Qt.Key.Key_Return)  # Enter adds it
    by = date.today() + timedelta(days=7)
    assert [t for t in labels(view.step_body) if t.startswith("•")] == [
        f"• {words} — Both of us, by {by.day} {by:%B}" for words in (TYPED, PLAIN, QUIET)]
    assert shown(view.status) == f"Added “{QUIET}”."

    view.close_sheet()
    assert rendered(view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == TYPED
    assert view.model.index(0, 0).data() == f"{TYPED}\nAfter a fight"
    review = ReviewDialog(services.worksheets.get(sheet.id), {p.id: p.name
                                                             for p in couple.partners})
    qtbot.addWidget(review)
    assert [on_button(box.text()) for box in review.kept.values()] == [
        f"{words} — Both of us" for words in (TYPED, PLAIN, QUIET)]


def test_the_floor_and_hints_name_partners_as_typed(qtbot, services, make_window):
    services.couple.setup("Zoë <3", "Łukasz & co", colours=("teal", "terracotta"))
    window = make_window()
    window.show_view("conflicts")
    view = window.view("conflicts")
    sheet, _ = services.worksheets.start("solve_together", PLAIN)
    view.open(sheet.id)
    assert shown(view.floor_token) == "Zoë <3 has the floor"
    shown_now = labels(view.step_body)
    assert "● Zoë <3 — speaking" in shown_now
    assert "● Łukasz & co — listening" in shown_now
    assert "What I heard Zoë <3 say is…" in shown_now
    assert "Did Łukasz & co get it?" in shown_now


def test_a_goal_its_why_and_its_milestone(qtbot, window, services, couple):
    window.show_view("goals")
    view = window.view("goals")
    view.tabs.setCurrentWidget(view.list_page)

    def write(dialog: GoalDialog) -> None:
        type_text(dialog.title, TYPED)
        type_text(dialog.why, PLAIN)
        qtbot.mouseClick(dialog.milestones.add_button, Qt.MouseButton.LeftButton)
        type_text(dialog.milestones.rows[-1].text, TYPED)
        dialog.save()

    written = when_modal(GoalDialog, write)
    view.new_goal()
    assert written.seen and not written.missing, written.missing
    (goal,) = services.goals.goals()
    assert (goal.title, goal.why, goal.milestones[0].text) == (TYPED, PLAIN, TYPED)
    assert shown(view.status) == f"Added “{TYPED}” — Ctrl+Z undoes it"
    assert rendered(view.undo_button.toolTip()) == f"Undo: added “{TYPED}” (Ctrl+Z)"
    row = view.proxy.index(0, 0)
    assert row.data() == TYPED
    assert rendered(row.data(Qt.ItemDataRole.ToolTipRole)) == f"This year. {PLAIN}"
    assert row.data(GOAL_ROLE).title == TYPED

    services.goals.update(goal.id, GoalInput(
        TYPED, PLAIN, milestones=(MilestoneInput(TYPED, date.today()),)))
    view.reload()
    view.select(goal.id)
    view.move_selected("active")
    view.select(goal.id)
    view.move_selected("done")  # celebrated
    assert shown(view.celebration.message).startswith(f"“{TYPED}” is done.")
    assert shown(view.status) == f"Moved “{TYPED}” to Done — Ctrl+Z undoes it"

    window.show_view("together")  # the weekly talk looks back on the week's steps and wins
    together = window.view("together")
    together.start_talk()
    together.flow.go(1)
    went_well = shown(together.flow.went_well)
    assert f"A step on {TYPED}: {TYPED}." in went_well
    assert f"A win: {TYPED}." in went_well
    assert "★" not in went_well  # one mark per line: the list's bullet


def test_a_value_of_your_own(qtbot, window, services, couple):
    window.show_view("goals")
    view = window.view("goals")
    panel = view.values
    answers = iter((TYPED, PLAIN))

    def answer(dialog: QInputDialog) -> None:
        if "mean to you" in dialog.labelText():
            assert rendered(dialog.labelText()) == \
                f"In one line, what does “{TYPED}” mean to you?"
        type_text(QApplication.focusWidget(), next(answers))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        if "mean to you" not in dialog.labelText():
            when_modal(QInputDialog, answer)  # the second question follows

    asked = when_modal(QInputDialog, answer)
    panel.add_value()
    assert asked.seen
    value = next(v for v in services.values.values() if v.name == TYPED)
    assert value.description == PLAIN
    assert shown(panel.own_status).startswith(f"Added “{TYPED}”")
    assert panel.own_error.isHidden()

    panel.begin("alone")
    sort = panel.sorts[0]
    assert f"{TYPED}\n{PLAIN}" in labels(sort)

    dialog = GoalDialog(services, couple, services.values.values(), lambda data: None)
    qtbot.addWidget(dialog)
    assert on_button(dialog.values.chip(str(value.id)).text()) == TYPED


def test_the_weekly_talk_and_its_commitments(qtbot, window, services, couple):
    zoe, lukasz = couple.partners
    services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 8, appreciation=TYPED, need=PLAIN),
         CheckinInput(lukasz.id, 4, 8)], at=datetime.now() - timedelta(days=1))
    window.show_view("together")
    view = window.view("together")
    view.start_talk()
    flow = view.flow
    assert f"“{TYPED}” (" in " ".join(labels(flow.pages.widget(0)))  # the reminder
    type_text(flow.appreciation_boxes[zoe.id], TYPED)
    flow.go(2)
    topics = [shown(words) for words in flow.findChildren(QLabel)
              if words.text().startswith("Zoë needed")]
    assert topics == [f"Zoë needed: {PLAIN}"]
    type_text(flow.own_topic_text, PLAIN)
    flow.go(4)
    type_text(flow.loved_boxes[zoe.id], TYPED)
    type_text(flow.loved_boxes[lukasz.id], PLAIN)
    flow.finish()

    record = shown(view.record)
    assert f"Zoë appreciated Łukasz for: {TYPED}" in record
    assert f"You talked about: {PLAIN}" in record
    assert f"Łukasz would: {TYPED}" in record and f"Zoë would: {PLAIN}" in record

    view.start_talk()  # next time: looking back on what each would do
    flow.go(1)
    promises = [t for t in labels(flow.promises_card) if " would" not in t]
    assert f"Łukasz: {TYPED}" in promises and f"Zoë: {PLAIN}" in promises
