"""Goals & Values through the window, as the couple uses it: the board and list, the goal
dialog, moving, completing, undo and redo, and the private card-sort with its reveal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from app.domain.goals import GoalInput, MilestoneInput
from app.domain.values import SortInput
from tests.unit.ui.keyboard import type_text
from tests.unit.ui.modal import answer_box
from ui.dialogs.goal_dialog import GoalDialog
from ui.models.goals_table_model import GOAL_ROLE, GoalFilterProxy, GoalsTableModel


@pytest.fixture
def goals(services, couple):
    """Three goals: an idea, one being worked on (Zoë's, with milestones), one done."""
    values = {v.name: v.id for v in services.values.values()}
    zoe = couple.partners[0]
    idea, _ = services.goals.create(GoalInput("Walk the Camino", "Six weeks, just us",
                                              "travel", "someday",
                                              value_ids=(values["Adventure"],)))
    run, _ = services.goals.create(GoalInput(
        "Run 10 km", "Feel strong", "health", "year", owner_id=zoe.id,
        milestones=(MilestoneInput("Run three times a week", date.today()),
                    MilestoneInput("First 5 km"), MilestoneInput("Race day"))), "active")
    bench, _ = services.goals.create(GoalInput("Build a bench", category="home"), "active")
    services.goals.set_status(bench.goal_id, "done")
    return {"idea": idea.goal_id, "run": run.goal_id, "bench": bench.goal_id}


@pytest.fixture
def view(qtbot, couple, make_window):
    window = make_window()
    window.show_view("goals")
    goals_view = window.view("goals")
    goals_view.tabs.setCurrentWidget(goals_view.board_page)
    return goals_view


def column_titles(view, status: str) -> list[str]:
    model = view.board.columns[status].model()
    return [model.index(row, 0).data(GOAL_ROLE).title for row in range(model.rowCount())]


def drop(view, goal_id: int, status: str) -> None:
    """Drop a card on a column the way Qt delivers it after a drag."""
    source = view.model
    mime = source.mimeData([source.index(source.row_of(goal_id), 0)])
    column = view.board.columns[status]
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    column.dropEvent(event)


def status_of(services, goal_id: int) -> str:
    return services.goals.get(goal_id).status


# --- the models -----------------------------------------------------------------------------


def test_models_pass_the_qt_model_tester(qtmodeltester, services, couple, goals):
    model = GoalsTableModel()
    model.set_goals(couple, services.goals.goals(), {v.id: v.name for v in
                                                      services.values.values()})
    qtmodeltester.check(model, force_py=True)
    proxy = GoalFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(status="active")
    qtmodeltester.check(proxy, force_py=True)
    assert model.rowCount() == 3 and proxy.rowCount() == 1  # only "Run 10 km" is active


def test_the_board_shows_each_goal_in_its_column(goals, view):
    assert column_titles(view, "idea") == ["Walk the Camino"]
    assert column_titles(view, "active") == ["Run 10 km"]
    assert column_titles(view, "done") == ["Build a bench"]
    assert column_titles(view, "let_go") == []
    assert view.board.counts["active"].text() == "1"
    run = view.board.columns["active"].model().index(0, 0).data(GOAL_ROLE)
    assert run.progress == 33
    # The actions follow the selected card: nothing to act on until one is chosen.
    assert not view.open_button.isEnabled() and not view.forward_button.isEnabled()
    view.select(goals["bench"])
    assert view.open_button.isEnabled() and view.back_button.isEnabled()
    assert not view.forward_button.isEnabled()  # done is as far as it goes


def test_an_empty_board_says_what_to_do(view):
    assert view.empty.isVisible()
    assert "New goal" in view.empty.text()
    assert not view.board.isVisible()


# --- creating and editing through the dialog -----------------------------------------------


def fill_and_save(qtbot, title: str, milestones: tuple[str, ...] = (), target: date | None = None,
                  value: str | None = None):
    def run(dialog: GoalDialog) -> int:
        dialog.title.clear()
        type_text(dialog.title, title)
        for text in milestones:
            qtbot.mouseClick(dialog.milestones.add_button, Qt.MouseButton.LeftButton)
            type_text(dialog.milestones.rows[-1].text, text)
        if target is not None:
            dialog.has_target.setChecked(True)
            dialog.target.setDate(target)
        if value is not None:
            chip = next(c for c in dialog.values.findChildren(type(dialog.save_button))
                        if c.text() == value)
            qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        run.dialog = dialog
        return dialog.result()

    return run


def test_a_new_goal_made_in_the_dialog_lands_on_the_board(qtbot, view, services, monkeypatch):
    saver = fill_and_save(qtbot, "Lisbon in spring 🇵🇹", ("Book flights", "Find a flat"),
                          value="Adventure")
    monkeypatch.setattr(GoalDialog, "exec", saver)
    view.board.columns["idea"].setFocus()
    qtbot.keyClick(view.board.columns["idea"], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (goal,) = services.goals.goals()
    assert goal.title == "Lisbon in spring 🇵🇹"
    assert [m.text for m in goal.milestones] == ["Book flights", "Find a flat"]
    assert [v.name for v in services.values.values() if v.id in goal.value_ids] == ["Adventure"]
    assert column_titles(view, "idea") == ["Lisbon in spring 🇵🇹"]
    assert not services.drafts.load("goal:new")  # saved: the draft is done with


@pytest.mark.parametrize(
    ("title", "milestones", "target", "words"),
    [
        ("   ", (), None, "Please write a title."),
        ("Trip", (), date.today() - timedelta(days=3), "can't be before the goal was made"),
        ("Trip", ("Book", ""), None, "Milestone 2 is empty"),
    ],
)
def test_the_dialog_explains_what_to_fix_and_keeps_everything(qtbot, view, services,
                                                             monkeypatch, title, milestones,
                                                             target, words):
    saver = fill_and_save(qtbot, title, milestones, target)
    monkeypatch.setattr(GoalDialog, "exec", saver)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = saver.dialog
    assert dialog.result() == 0  # still open for fixing
    assert not dialog.error.isHidden() and words in dialog.error.text()
    assert dialog.title.text() == title  # nothing typed was lost
    assert services.goals.goals() == ()


def test_editing_a_goal_and_undoing_the_edit(qtbot, goals, view, services, monkeypatch):
    def rename(dialog: GoalDialog) -> int:
        assert dialog.title.text() == "Run 10 km"
        assert [r.text.text() for r in dialog.milestones.rows] == [
            "Run three times a week", "First 5 km", "Race day"]
        assert dialog.milestones.rows[0].done.isChecked()
        qtbot.mouseClick(dialog.milestones.rows[2].findChildren(
            type(dialog.save_button))[0], Qt.MouseButton.LeftButton)  # "↑": race day up
        dialog.title.selectAll()
        type_text(dialog.title, "Run a half marathon")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", rename)
    view.select(goals["run"])
    qtbot.keyClick(view.board.columns["active"], Qt.Key.Key_Return)
    edited = services.goals.get(goals["run"])
    assert edited.title == "Run a half marathon"
    assert [m.text for m in edited.milestones] == [
        "Run three times a week", "Race day", "First 5 km"]
    assert column_titles(view, "active") == ["Run a half marathon"]

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = services.goals.get(goals["run"])
    assert back.title == "Run 10 km"
    assert [m.text for m in back.milestones] == ["Run three times a week", "First 5 km",
                                                 "Race day"]
    assert "Undone" in view.status.text()
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert services.goals.get(goals["run"]) == edited


def test_a_draft_of_a_new_goal_survives_closing(qtbot, view, services, couple):
    dialog = GoalDialog(services, couple, services.values.values(), lambda data: None)
    type_text(dialog.title, "Learn to dance")
    dialog.why.setPlainText("Łukasz has always wanted to — שלום")
    dialog.save_draft()
    dialog.deleteLater()  # the window went away without Save or Cancel

    again = GoalDialog(services, couple, services.values.values(), lambda data: None)
    qtbot.addWidget(again)
    assert again.title.text() == "Learn to dance"
    assert again.why.toPlainText() == "Łukasz has always wanted to — שלום"
    assert not again.kept.isHidden()
    asked = answer_box("Discard")  # what was kept is writing too: asked before it goes
    again.reject()
    assert asked.seen
    assert services.drafts.load("goal:new") is None


# --- moving on the board ---------------------------------------------------------------------


def test_dropping_a_card_on_another_column_moves_it(goals, view, services):
    drop(view, goals["idea"], "active")
    assert status_of(services, goals["idea"]) == "active"
    assert column_titles(view, "active") == ["Run 10 km", "Walk the Camino"]
    assert column_titles(view, "idea") == []


def test_a_move_that_is_not_allowed_is_explained_and_changes_nothing(goals, view, services):
    drop(view, goals["idea"], "done")
    assert status_of(services, goals["idea"]) == "idea"
    assert "start on it" in view.status.text()
    assert not view.celebration.isVisible()
    assert not view.undo_stack.canUndo()


def test_keyboard_moves_a_card_to_the_next_and_previous_column(qtbot, goals, view, services):
    view.select(goals["idea"])
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.board.columns["idea"], Qt.Key.Key_Right, keys)
    assert status_of(services, goals["idea"]) == "active"
    assert view.board.selected().id == goals["idea"]  # the card stays selected as it moves
    qtbot.keyClick(view.board.columns["active"], Qt.Key.Key_Left, keys)
    assert status_of(services, goals["idea"]) == "idea"


def test_finishing_a_goal_is_celebrated_and_remembered(qtbot, goals, view, services):
    drop(view, goals["run"], "done")
    assert status_of(services, goals["run"]) == "done"
    assert view.celebration.isVisible()
    assert "Run 10 km" in view.celebration.message.text()
    assert next(w.title for w in services.goals.wins()) == "Run 10 km"
    qtbot.mouseClick(view.celebration.button, Qt.MouseButton.LeftButton)
    assert not view.celebration.isVisible()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(services, goals["run"]) == "active"
    assert "Run 10 km" not in [w.title for w in services.goals.wins()]


def test_home_lists_goals_to_review_and_recent_wins(qtbot, couple, services, make_window):
    services.goals.create(GoalInput("Savings cushion", next_review=date.today()), "active")
    services.goals.create(GoalInput("Later", next_review=date.today() + timedelta(days=9)))
    window = make_window()
    home = window.view("home")
    assert "Savings cushion" in home.reviews.text()
    assert "Later" not in home.reviews.text()
    assert home.wins.isHidden()
    bench, _ = services.goals.create(GoalInput("Bench"), "active")
    _change, changeset = services.goals.set_status(bench.goal_id, "done")
    window.bus.publish(changeset)
    assert "Bench" in home.wins.text() and not home.wins.isHidden()


def test_deleting_and_undoing_brings_the_goal_back_whole(qtbot, goals, view, services):
    before = services.goals.snapshot(goals["run"])
    view.select(goals["run"])
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert column_titles(view, "active") == []
    assert view.status.text() == "Deleted “Run 10 km” — Ctrl+Z brings it back"
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert services.goals.snapshot(goals["run"]) == before
    assert column_titles(view, "active") == ["Run 10 km"]
    qtbot.mouseClick(view.redo_button, Qt.MouseButton.LeftButton)
    assert all(g.id != goals["run"] for g in services.goals.goals())


# --- the list --------------------------------------------------------------------------------


def test_the_list_filters_and_sorts(qtbot, goals, view, couple):
    view.tabs.setCurrentWidget(view.list_page)
    assert view.filters_bar.isVisible() and view.status_filter.isVisible()
    assert view.proxy.rowCount() == 3
    view.status_filter.setCurrentIndex(view.status_filter.findData("done"))
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == [
        "Build a bench"]
    view.status_filter.setCurrentIndex(0)
    view.owner_filter.setCurrentIndex(view.owner_filter.findData(couple.partners[0].id))
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == [
        "Run 10 km"]
    view.owner_filter.setCurrentIndex(0)
    type_text(view.search, "six weeks")  # words in "why it matters" count too
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == [
        "Walk the Camino"]
    view.search.clear()
    view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # progress
    assert [view.proxy.index(r, 4).data() for r in range(3)] == ["100 %", "33 %", "0 %"]


# --- values: privately, then together ---------------------------------------------------------


def rate_all(sort, first: int, overrides: dict[str, int] | None = None) -> None:
    ratings = {v.id: (overrides or {}).get(v.name, first) for v in sort.values}
    sort.set_ratings(ratings)


def test_the_card_sort_hides_each_answer_until_the_reveal(qtbot, view, services, couple):
    view.tabs.setCurrentWidget(view.values)
    panel = view.values
    qtbot.mouseClick(panel.together_button, Qt.MouseButton.LeftButton)
    zoe_sort, lukasz_sort = panel.sorts
    assert zoe_sort.isVisible() and not lukasz_sort.isVisible()

    # Not done until every value has a place; the message says what is missing.
    qtbot.mouseClick(zoe_sort.rows[zoe_sort.values[0].id].button(5), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.private.first_page.done_button, Qt.MouseButton.LeftButton)
    assert panel.private.stage() == "first"
    assert "30 values still need a place" in zoe_sort.error.text()

    rate_all(zoe_sort, 4, {"Honesty": 5, "Adventure": 5, "Security": 1})
    qtbot.mouseClick(panel.private.first_page.done_button, Qt.MouseButton.LeftButton)
    curtain = panel.private.curtain()
    assert curtain.isVisible() and "Hand over to Łukasz" in curtain.title.text()
    assert not zoe_sort.isVisible()  # hidden, not just covered
    qtbot.mouseClick(curtain.button, Qt.MouseButton.LeftButton)
    assert lukasz_sort.isVisible() and not zoe_sort.isVisible()
    assert lukasz_sort.ratings() == {}  # Łukasz starts blank: nothing of Zoë's shows
    assert services.values.alignment().sorted_by == (False, False)  # nothing saved yet

    rate_all(lukasz_sort, 4, {"Honesty": 5, "Adventure": 2, "Security": 5})
    qtbot.mouseClick(panel.private.second_page.done_button, Qt.MouseButton.LeftButton)
    assert curtain.isVisible() and "Ready" in curtain.title.text()
    qtbot.mouseClick(curtain.button, Qt.MouseButton.LeftButton)

    assert panel.private.stage() == "reveal"
    assert services.values.alignment().complete
    revealed = panel.revealed
    texts = " ".join(label.text() for label in revealed.findChildren(type(curtain.title)))
    assert "Honesty" in texts
    names = [row.accessibleName() for row in revealed.difference_rows]
    assert names[:2] == ["Security: a difference to talk about",
                         "Adventure: a difference to talk about"]
    assert services.drafts.load("values_sort") is None


def test_a_half_done_sort_survives_closing_the_window(qtbot, services, couple, make_window):
    window = make_window()
    window.show_view("goals")
    panel = window.view("goals").values
    window.view("goals").tabs.setCurrentWidget(panel)
    panel.begin("private_reveal")
    rate_all(panel.sorts[0], 3, {"Play": 5})
    qtbot.mouseClick(panel.private.first_page.done_button, Qt.MouseButton.LeftButton)
    window.close()

    again = make_window()
    again.show_view("goals")
    panel = again.view("goals").values
    again.view("goals").tabs.setCurrentWidget(panel)
    assert panel.curtain_visible()  # back on the hand-over curtain: nothing shows
    assert "Hand over to Łukasz" in panel.private.curtain().title.text()
    play = next(v.id for v in panel.sorts[0].values if v.name == "Play")
    assert panel.sorts[0].ratings()[play] == 5


def test_re_sorting_keeps_history_and_shows_how_values_moved(qtbot, view, services, couple):
    zoe, lukasz = couple.partners
    values = services.values.values()
    services.values.save_sorts([SortInput(zoe.id, {v.id: 3 for v in values}),
                                SortInput(lukasz.id, {v.id: 3 for v in values})])
    view.tabs.setCurrentWidget(view.values)
    panel = view.values
    qtbot.mouseClick(panel.alone_buttons[0], Qt.MouseButton.LeftButton)
    (sort,) = panel.sorts
    assert sort.ratings() == {v.id: 3 for v in values}  # starts from Zoë's last sort
    health = next(v for v in values if v.name == "Health")
    qtbot.mouseClick(sort.rows[health.id].button(5), Qt.MouseButton.LeftButton)
    save = next(b for b in panel.flow_page.findChildren(type(panel.together_button))
                if b.accessibleName() == "Save")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert panel.currentWidget() is panel.overview
    assert len(services.values.history(zoe.id)) == 2
    moved = " ".join(label.text() for label in panel.alignment.findChildren(
        type(panel.statement_state)))
    assert "Health" in moved and "important ↑ at my core" in moved


def test_the_statement_is_saved_with_its_history(qtbot, view, services):
    view.tabs.setCurrentWidget(view.values)
    panel = view.values
    panel.statement.setFocus()
    type_text(panel.statement, "We choose each other, every day. 💛")
    assert services.drafts.load("values_statement")["text"].endswith("💛")
    qtbot.mouseClick(panel.save_statement_button, Qt.MouseButton.LeftButton)
    assert services.values.statement().text == "We choose each other, every day. 💛"
    assert "Saved" in panel.statement_state.text()
    assert services.drafts.load("values_statement") is None


def test_dropping_outside_data_does_nothing(goals, view, services):
    column = view.board.columns["done"]
    mime = QMimeData()
    mime.setText("not a goal")
    event = QDropEvent(QPoint(5, 5).toPointF(), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    column.dropEvent(event)
    assert not event.isAccepted()
    assert status_of(services, goals["idea"]) == "idea"


def test_stopping_a_sort_keeps_it_for_later_without_reopening_it(qtbot, view, services):
    view.tabs.setCurrentWidget(view.values)
    panel = view.values
    qtbot.mouseClick(panel.together_button, Qt.MouseButton.LeftButton)
    rate_all(panel.sorts[0], 2, {"Calm": 5})
    stop = next(b for b in panel.flow_page.findChildren(type(panel.together_button))
                if b.accessibleName() == "Stop sorting for now")
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert panel.currentWidget() is panel.overview
    panel.statement.setPlainText("We laugh a lot.")
    qtbot.mouseClick(panel.save_statement_button, Qt.MouseButton.LeftButton)  # a reload
    assert panel.currentWidget() is panel.overview  # not pulled back into the sort
    assert "part-way" in panel.start_text.text()

    qtbot.mouseClick(panel.together_button, Qt.MouseButton.LeftButton)
    calm = next(v.id for v in panel.sorts[0].values if v.name == "Calm")
    assert panel.sorts[0].ratings()[calm] == 5  # picked up where Zoë stopped
