"""The core flows with the keyboard alone — Tab, arrows, Space, Enter and typing, each
where the focus is — checked through the services: a whole "Raise something gently"
worksheet, a new goal with a milestone, a values sort revealed together, and the weekly
talk from start to finish."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.unit.ui.keys import focus, press, spoken, tab_to, typing
from tests.unit.ui.modal import when_modal
from ui.dialogs.goal_dialog import GoalDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def view_number(qtbot, window, number: int, key: str):
    """Ctrl+1 … Ctrl+8: the sidebar's views."""
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert window.current_view_key() == key
    return window.view(key)


def test_a_whole_gentle_worksheet_by_keyboard(qtbot, couple, services, make_window):
    zoe, lukasz = couple.partners
    window = make_window()
    view = view_number(qtbot, window, 6, "conflicts")
    tab_to(qtbot, "Start: Raise something gently")

    def name_it(dialog: QInputDialog) -> None:
        typing("Screens at dinner")
        press(qtbot, Qt.Key.Key_Return)

    press(qtbot, Qt.Key.Key_Space)
    assert spoken(focus()) == "Continue"  # the safety note comes first, once
    named = when_modal(QInputDialog, name_it)
    press(qtbot, Qt.Key.Key_Space)
    assert named.seen

    def both_write(step: str, field: str, words: tuple[str, str]) -> None:
        assert focus() is view.inputs[(step, field, zoe.id)], spoken(focus())
        typing(words[0])
        tab_to(qtbot, view.inputs[(step, field, lukasz.id)])
        typing(words[1])

    def next_step() -> None:
        tab_to(qtbot, "Next")
        press(qtbot, Qt.Key.Key_Space)

    both_write("observation", "observation", ("On Sunday all three dinners were phones-out.",
                                             "Saturday I scrolled through dinner."))
    next_step()
    assert view.step_title.text() == "What I feel"
    for partner, feeling, words in ((zoe, "lonely", "a bit invisible"),
                                    (lukasz, "tired", "worn out by evening")):
        assert spoken(focus()).startswith(f"I feel… ({partner.name})")  # the feelings' row
        arrow_to(qtbot, f"I feel… ({partner.name}): {feeling}")
        press(qtbot, Qt.Key.Key_Space)  # chosen
        press(qtbot, Qt.Key.Key_Tab)  # out of the row, into their own words
        assert focus() is view.inputs[("feeling", "feeling_words", partner.id)]
        typing(words)
        press(qtbot, Qt.Key.Key_Tab)
    next_step()
    both_write("need", "need", ("time when we really see each other", "some rest"))
    next_step()
    both_write("request", "request", ("leave our phones in the hall at dinner",
                                      "let me have a quiet hour after work"))
    next_step()
    assert view.step_title.text() == "Our gentle opening"
    opening = view.inputs[("opening", "opening", zoe.id)]
    assert focus() is opening  # built from her answers, ready to read aloud
    assert "leave our phones in the hall at dinner" in opening.toPlainText()
    tab_to(qtbot, view.inputs[("opening", "response", zoe.id)])
    typing("I heard you need rest. Yes to the quiet hour.")
    tab_to(qtbot, view.inputs[("opening", "response", lukasz.id)])
    typing("I heard you feel invisible at dinner. Yes to the hall.")
    next_step()

    assert view.step_title.text() == "What we agree on"
    assert focus() is view.agreement_text
    typing("Phones stay in the hall at dinner")
    press(qtbot, Qt.Key.Key_Tab)
    assert spoken(focus()) == "Who"
    press(qtbot, Qt.Key.Key_Down)  # Both of us → Zoë
    press(qtbot, Qt.Key.Key_Down)  # → Łukasz
    tab_to(qtbot, "Add agreement")
    press(qtbot, Qt.Key.Key_Space)
    assert focus() is view.agreement_text  # ready for another
    typing("A quiet hour after work")
    press(qtbot, Qt.Key.Key_Return)  # Enter adds it too
    tab_to(qtbot, "Next")
    assert focus().text() == "Done for now"
    press(qtbot, Qt.Key.Key_Space)

    assert view.pages.currentIndex() == 0  # back at the list
    (sheet,) = services.worksheets.worksheets()
    assert (sheet.kind, sheet.title, sheet.step) == ("gentle_start", "Screens at dinner", 5)
    assert sheet.answer("observation", "observation", lukasz.id) == \
        "Saturday I scrolled through dinner."
    assert sheet.answer("feeling", "feelings", zoe.id) == ["lonely"]
    assert sheet.answer("feeling", "feelings", lukasz.id) == ["tired"]
    assert sheet.answer("feeling", "feeling_words", lukasz.id) == "worn out by evening"
    assert sheet.answer("request", "request", zoe.id) == \
        "leave our phones in the hall at dinner"
    assert "leave our phones in the hall at dinner" in sheet.answer("opening", "opening",
                                                                    zoe.id)
    assert sheet.answer("opening", "response", lukasz.id) == \
        "I heard you feel invisible at dinner. Yes to the hall."
    assert [(a.text, a.owner_id) for a in sheet.agreements] == [
        ("Phones stay in the hall at dinner", lukasz.id), ("A quiet hour after work", None)]
    assert sheet.follow_up == date.today() + timedelta(days=7)


def arrow_to(qtbot, name: str, limit: int = 60) -> None:
    """Right arrow along a row of choices until ``name`` has the keyboard."""
    for _ in range(limit):
        if spoken(focus()) == name:
            return
        press(qtbot, Qt.Key.Key_Right)
    raise AssertionError(f"the arrows never reached {name!r}")


def test_a_new_goal_with_a_milestone_by_keyboard(qtbot, couple, services, make_window):
    window = make_window()
    view = view_number(qtbot, window, 4, "goals")
    tab_to(qtbot, lambda w: w is view.tabs.tabBar())
    press(qtbot, Qt.Key.Key_Right)  # Our values → Goals board
    assert view.tabs.currentWidget() is view.board_page
    tab_to(qtbot, "New goal")
    adventure = next(v for v in services.values.values() if v.name == "Adventure")

    def write(dialog: GoalDialog) -> None:
        assert focus() is dialog.title
        typing("Walk the Camino")
        press(qtbot, Qt.Key.Key_Tab)
        typing("Six weeks, just us")
        press(qtbot, Qt.Key.Key_Tab)
        assert focus() is dialog.category
        for _ in range(3):  # Us → Home → Money → Travel
            press(qtbot, Qt.Key.Key_Down)
        tab_to(qtbot, lambda w: dialog.values.isAncestorOf(w))  # the values: one row
        arrow_to(qtbot, "Linked values: Adventure")
        press(qtbot, Qt.Key.Key_Space)
        tab_to(qtbot, "Add a milestone")
        press(qtbot, Qt.Key.Key_Space)
        assert focus() is dialog.milestones.rows[0].text  # straight into the new step
        typing("Book the first week's beds")
        tab_to(qtbot, "Save goal")
        press(qtbot, Qt.Key.Key_Space)

    written = when_modal(GoalDialog, write)
    press(qtbot, Qt.Key.Key_Space)
    assert written.seen and not written.missing, written.missing
    (goal,) = services.goals.goals()
    assert (goal.title, goal.why, goal.category, goal.status) == (
        "Walk the Camino", "Six weeks, just us", "travel", "idea")
    assert [m.text for m in goal.milestones] == ["Book the first week's beds"]
    assert goal.value_ids == (adventure.id,)
    assert view.board.selected().id == goal.id  # and the new card has the keyboard
    assert focus() is view.board.columns["idea"]


def test_a_values_sort_revealed_together_by_keyboard(qtbot, couple, services, make_window):
    from app.domain.values import IMPORTANCE_WORDS

    zoe, lukasz = couple.partners
    values = services.values.values()
    window = make_window()
    view = view_number(qtbot, window, 4, "goals")
    assert view.tabs.currentWidget() is view.values  # "Our values" comes first
    tab_to(qtbot, "Sort together, privately, then reveal")
    press(qtbot, Qt.Key.Key_Space)

    def place_every_value(rating) -> None:
        for index, value in enumerate(values):
            assert spoken(focus()).startswith(f"{value.name}: "), spoken(focus())
            press(qtbot, Qt.Key.Key_Home)
            arrow_to(qtbot, f"{value.name}: {IMPORTANCE_WORDS[rating(index)]}")
            press(qtbot, Qt.Key.Key_Space)
            press(qtbot, Qt.Key.Key_Tab)

    place_every_value(lambda i: 1 + i % 5)  # Zoë, while Łukasz looks away
    assert spoken(focus()) == f"Done — hand over to {lukasz.name}"
    press(qtbot, Qt.Key.Key_Return)
    assert view.values.curtain_visible()
    assert spoken(focus()) == f"I'm {lukasz.name} — start"
    press(qtbot, Qt.Key.Key_Return)  # Enter lifts the curtain
    place_every_value(lambda i: 5 - i % 5)  # Łukasz
    assert spoken(focus()) == "Done — reveal together"
    press(qtbot, Qt.Key.Key_Space)
    assert spoken(focus()) == "Reveal together"
    press(qtbot, Qt.Key.Key_Space)

    alignment = services.values.alignment()  # saved as the curtain lifted
    assert alignment.complete
    by_value = {row.value.id: (row.first, row.second) for row in alignment.rows}
    assert by_value == {v.id: (1 + i % 5, 5 - i % 5) for i, v in enumerate(values)}
    tab_to(qtbot, "Done")
    press(qtbot, Qt.Key.Key_Space)
    assert view.values.currentWidget() is view.values.overview
    assert zoe.id != lukasz.id


def test_the_weekly_talk_from_start_to_finish_by_keyboard(qtbot, couple, services,
                                                          make_window):
    zoe, lukasz = couple.partners
    window = make_window()
    view = view_number(qtbot, window, 3, "together")
    tab_to(qtbot, "Start this week's talk")
    press(qtbot, Qt.Key.Key_Space)
    flow = view.flow
    assert view.stack.currentWidget() is flow

    def next_step() -> None:
        tab_to(qtbot, "Next step")
        press(qtbot, Qt.Key.Key_Space)

    assert focus() is flow.appreciation_boxes[zoe.id]  # appreciations first
    typing("You made soup when I was ill")
    tab_to(qtbot, flow.appreciation_boxes[lukasz.id])
    typing("You fixed my bike")
    next_step()
    assert flow.step_words.text() == "Step 2 of 5 · What went well"
    assert focus() is flow.went_well_notes
    typing("We laughed a lot on Friday")
    next_step()
    tab_to(qtbot, flow.own_topic_text)
    typing("How weekends feel lately")
    assert flow.own_topic.isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is flow.topic_notes
    typing("Saturdays feel rushed; Sundays are lovely")
    next_step()
    assert focus() is flow.plan_title  # what you'll do, with its words selected
    typing("Dinner out")
    tab_to(qtbot, "Add this time together to the calendar")
    press(qtbot, Qt.Key.Key_Space)
    assert "Dinner out" in flow.planned.text()
    tab_to(qtbot, flow.ahead_notes)
    typing("A busy Tuesday")
    next_step()
    assert focus() is flow.loved_boxes[zoe.id]
    typing("Cook with me on Thursday")
    tab_to(qtbot, flow.loved_boxes[lukasz.id])
    typing("A walk without phones")
    tab_to(qtbot, "Finish the talk")
    press(qtbot, Qt.Key.Key_Space)

    assert view.stack.currentIndex() == 0
    [talk] = services.meetings.history()
    assert talk.partner_answer("appreciations", zoe.id) == "You made soup when I was ill"
    assert talk.partner_answer("appreciations", lukasz.id) == "You fixed my bike"
    assert talk.answer("went_well") == "We laughed a lot on Friday"
    assert talk.answer("topic") == "How weekends feel lately"
    assert talk.answer("topic_notes") == "Saturdays feel rushed; Sundays are lovely"
    assert talk.answer("ahead") == "A busy Tuesday"
    assert {(c.partner_id, c.text) for c in talk.commitments} == {
        (lukasz.id, "Cook with me on Thursday"), (zoe.id, "A walk without phones")}
    tomorrow = date.today() + timedelta(days=1)
    planned = services.calendar.occurrences(tomorrow, tomorrow)
    assert [(o.title, o.start.hour) for o in planned] == [("Dinner out", 19)]
