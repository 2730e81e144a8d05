"""Together: a whole weekly talk through the window — begun, paused, picked up, finished with
commitments and a planned date — and prompts one at a time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.checkins import CheckinInput


@pytest.fixture
def together(qtbot, couple, make_window):
    def open_together():
        window = make_window()
        window.show_view("together")
        return window, window.view("together")

    return open_together


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_whole_talk_with_a_pause_in_the_middle(together, services, couple, qtbot):
    zoe, lukasz = couple.partners
    services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 8, appreciation="The soup on Monday"),
         CheckinInput(lukasz.id, 4, 8)], at=datetime.now() - timedelta(days=1))
    window, view = together()
    flow = view.flow
    click(qtbot, view.start_button)
    assert view.stack.currentWidget() is flow
    assert flow.step_words.text() == "Step 1 of 5 · Appreciations"
    # the week's check-in appreciation is offered as a reminder; "Add" puts it in the box
    add = next(b for b in flow.findChildren(type(view.start_button))
               if b.accessibleName() == "Add “The soup on Monday”")
    click(qtbot, add)
    assert flow.appreciation_boxes[zoe.id].toPlainText() == "The soup on Monday"
    qtbot.keyClicks(flow.appreciation_boxes[lukasz.id], "You fixed my bike")
    click(qtbot, flow.next)
    assert "You checked in once" in flow.went_well.text()
    click(qtbot, flow.pause)  # life happens: pause here
    assert view.stack.currentIndex() == 0
    assert "Paused at step 2 of 5" in view.message.text()
    assert view.start_button.text() == "Continue your talk"

    window.close()  # even closing Hearth loses nothing; a new window picks it up
    window, view = together()
    flow = view.flow
    click(qtbot, view.start_button)
    assert flow.step == 1
    assert flow.appreciation_boxes[lukasz.id].toPlainText() == "You fixed my bike"
    click(qtbot, flow.next)  # one thing to talk about: choose our own topic
    qtbot.keyClicks(flow.own_topic_text, "How weekends feel lately")
    assert flow.own_topic.isChecked()
    click(qtbot, flow.next)  # looking ahead: plan a date in place
    flow.plan_title.setText("Dinner out")
    flow.plan_day.setDate(date.today() + timedelta(days=2))
    click(qtbot, next(b for b in flow.findChildren(type(view.start_button))
                      if b.accessibleName() == "Add this time together to the calendar"))
    assert "Dinner out" in flow.planned.text()
    click(qtbot, flow.next)
    assert flow.next.text() == "Finish the talk"
    qtbot.keyClicks(flow.loved_boxes[zoe.id], "Cook with me on Thursday")
    qtbot.keyClicks(flow.loved_boxes[lukasz.id], "A walk without phones")
    click(qtbot, flow.next)

    assert view.stack.currentIndex() == 0
    assert "this week's commitments are on Home" in view.message.text()
    [talk] = services.meetings.history()
    assert talk.answer("topic") == "How weekends feel lately"
    assert talk.partner_answer("appreciations", zoe.id) == "The soup on Monday"
    # Zoë asked for cooking together: that is Łukasz's commitment, and the other way round
    assert {(c.partner_id, c.text) for c in talk.commitments} == {
        (lukasz.id, "Cook with me on Thursday"), (zoe.id, "A walk without phones")}
    planned = services.calendar.occurrences(date.today(), date.today() + timedelta(days=7))
    assert [o.title for o in planned if o.title == "Dinner out"] == ["Dinner out"]
    assert view.history.rowCount() == 1
    assert "Cook with me on Thursday" in view.record.text()


def test_next_week_looks_back_on_the_commitments(together, services, couple, qtbot):
    _zoe, lukasz = couple.partners
    first, _ = services.meetings.start()
    services.meetings.finish(first.id, {}, {lukasz.id: "Breakfast together"})
    _window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(1)
    kept = next(b for b in view.flow.findChildren(type(view.start_button))
                if b.accessibleName() == "Breakfast together: It happened")
    click(qtbot, kept)
    assert services.meetings.get(first.id).commitments[0].outcome == "kept"
    assert kept.isChecked()


def test_a_topic_can_become_a_worksheet(together, services, couple, qtbot):
    window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(2)
    qtbot.keyClicks(view.flow.own_topic_text, "Money worries")
    click(qtbot, next(b for b in view.flow.findChildren(type(view.start_button))
                      if b.accessibleName() == "Open a worksheet for this topic"))
    assert window.current_view_key() == "conflicts"
    [sheet] = services.worksheets.worksheets()
    assert sheet.title == "Money worries" and sheet.kind == "gentle_start"
    assert services.meetings.current().step == 2  # the talk waits, paused


def test_the_talk_can_be_put_on_the_calendar_every_week(together, services, qtbot):
    _window, view = together()
    view.weekday.setCurrentIndex(6)
    click(qtbot, view.make_weekly)
    [event] = [e for e in services.calendar.events() if e.kind == "meeting"]
    assert event.rrule == "FREQ=WEEKLY" and event.start.weekday() == 6
    assert "On your calendar: Our weekly talk" in view.weekly_words.text()
    assert not view.weekly_row.isVisible()


def test_prompts_one_at_a_time_never_twice_in_a_row(together, services, qtbot):
    _window, view = together()
    panel = view.prompts
    panel.choose_deck("fun")
    seen = [panel.prompt.key]
    for _ in range(5):
        click(qtbot, panel.skip)
        assert panel.prompt.key not in seen
        seen.append(panel.prompt.key)
    assert panel.about.text().startswith("Fun ·")
    click(qtbot, panel.favourite)
    assert services.prompts.marks()[panel.prompt.key].favourite
    assert panel.favourite.text() == "★ Favourite"
    shown = panel.prompt.key
    click(qtbot, panel.talked)
    assert services.prompts.marks()[shown].talked and panel.prompt.key != shown
    for box in panel.depths.values():
        box.setChecked(False)
    assert "Choose at least one depth" in panel.error.text()


def test_your_own_deck_from_the_dialog(together, services, qtbot, monkeypatch):
    from ui.dialogs.own_decks_dialog import OwnDecksDialog

    _window, view = together()
    dialog = OwnDecksDialog(services, view.bus, view)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.deck_title, "Road trips")
    qtbot.keyClick(dialog.deck_title, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.prompt_text, "Which town next?")
    qtbot.keyClick(dialog.prompt_text, Qt.Key.Key_Return)
    assert dialog.prompts.rowCount() == 1
    qtbot.keyClicks(dialog.prompt_text, "   ")
    qtbot.keyClick(dialog.prompt_text, Qt.Key.Key_Return)
    assert "Please write a prompt" in dialog.error.text() and dialog.prompts.rowCount() == 1
    view.prompts.reload_decks()
    assert view.prompts.deck.findText("Road trips (yours)") >= 0
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete_deck()
    assert not any(d.own for d in services.prompts.decks())


def test_closing_the_window_mid_sentence_keeps_the_words(together, services, couple, qtbot):
    zoe, _lukasz = couple.partners
    window, view = together()
    click(qtbot, view.start_button)
    qtbot.keyClicks(view.flow.appreciation_boxes[zoe.id], "You made me laugh when")
    window.close()  # straight away: before the pause that saves as you type
    assert services.meetings.current().partner_answer(
        "appreciations", zoe.id) == "You made me laugh when"


def test_the_models_behave(together, services, couple, qtmodeltester):
    from ui.dialogs.own_decks_dialog import OwnDecksDialog

    zoe, lukasz = couple.partners
    for text in ("Tea in bed", "A long walk"):
        meeting, _ = services.meetings.start()
        services.meetings.finish(meeting.id, {}, {zoe.id: text, lukasz.id: "Listen"})
    deck, _ = services.prompts.add_deck("Ours")
    services.prompts.add_prompt(deck.own_id, "What next?", "deeper")
    _window, view = together()
    assert view.history.rowCount() == 2
    qtmodeltester.check(view.history)
    dialog = OwnDecksDialog(services, view.bus, view)
    qtmodeltester.check(dialog.decks)
    qtmodeltester.check(dialog.prompts)
    assert dialog.prompts.rowCount() == 1
    dialog.close()


def test_the_week_suggests_topics_and_a_click_on_the_words_chooses_one(
        together, services, couple, qtbot):
    from ui.views.meeting_flow import TopicChoiceWidget

    zoe, lukasz = couple.partners
    services.checkins.save_session(
        [CheckinInput(zoe.id, 4, 9), CheckinInput(lukasz.id, 3, 4, need="More sleep")],
        at=datetime.now() - timedelta(days=1))
    _window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(2)
    choices = view.flow.findChildren(TopicChoiceWidget)
    texts = [c.words.text() for c in choices]
    assert any("felt differently connected (Zoë 9 and Łukasz 4 of 10)" in t for t in texts)
    assert "Łukasz needed: More sleep" in texts
    need = next(c for c in choices if c.words.text() == "Łukasz needed: More sleep")
    qtbot.mouseClick(need.words, Qt.MouseButton.LeftButton)
    assert need.radio.isChecked() and view.flow.topic() == "Łukasz needed: More sleep"
    view.flow.go(3)
    assert services.meetings.current().answer("topic") == "Łukasz needed: More sleep"


def test_a_question_can_be_drawn_in_the_talk(together, services, qtbot):
    _window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(2)
    assert not view.flow.prompts.isVisible()
    click(qtbot, view.flow.ask_prompt)
    assert view.flow.prompts.isVisible()
    assert view.flow.prompts.prompt.text == view.flow.prompts.text.text()
    assert view.flow.prompts.prompt.depth in ("light", "deeper")


def test_a_follow_up_due_opens_that_worksheet_not_a_new_one(together, services, couple, qtbot):
    from ui.views.meeting_flow import TopicChoiceWidget

    sheet, _ = services.worksheets.start("after_fight", "Sharing the chores")
    services.worksheets.set_follow_up(sheet.id, date.today())
    window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(2)
    [choice] = [c for c in view.flow.findChildren(TopicChoiceWidget)
                if "Sharing the chores" in c.words.text()]
    qtbot.mouseClick(choice.words, Qt.MouseButton.LeftButton)
    assert view.flow.open_sheet.text() == "Open that worksheet"
    click(qtbot, view.flow.open_sheet)
    assert window.current_view_key() == "conflicts"
    assert [s.id for s in services.worksheets.worksheets()] == [sheet.id]  # nothing new
    assert window.view("conflicts").current.id == sheet.id


def test_a_commitment_has_one_answer_at_a_time(together, services, couple, qtbot):
    _zoe, lukasz = couple.partners
    first, _ = services.meetings.start()
    services.meetings.finish(first.id, {}, {lukasz.id: "Breakfast together"})
    _window, view = together()
    click(qtbot, view.start_button)
    view.flow.go(1)
    buttons = {b.accessibleName(): b for b in view.flow.findChildren(type(view.start_button))
               if b.accessibleName().startswith("Breakfast together: ")}
    click(qtbot, buttons["Breakfast together: It happened"])
    click(qtbot, buttons["Breakfast together: Partly"])
    assert [n for n, b in buttons.items() if b.isChecked()] == ["Breakfast together: Partly"]
    assert services.meetings.get(first.id).commitments[0].outcome == "partly"
    click(qtbot, buttons["Breakfast together: Partly"])  # again: no answer yet
    assert not any(b.isChecked() for b in buttons.values())
    assert services.meetings.get(first.id).commitments[0].outcome is None
