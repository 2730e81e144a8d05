"""The Calendar through the window: month, week and agenda, planning in the dialog,
dragging in the week view, repeating events and reflecting afterwards."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain.calendar import EventInput
from app.domain.weeks import week_start_of
from ui.dialogs.event_dialog import EventDialog, ReflectionDialog
from ui.models.calendar_models import (
    DATE_ROLE,
    OCCURRENCES_ROLE,
    TODAY_ROLE,
    AgendaTableModel,
    MonthTableModel,
)

TODAY = date.today()
MONDAY = week_start_of(TODAY, 0)


@pytest.fixture
def calendar(qtbot, couple, make_window):
    window = make_window()
    window.show_view("calendar")
    return window.view("calendar")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def plan(services, title: str, start: datetime, hours: float = 2, rrule: str | None = None,
         **extra):
    event, change = services.calendar.create(EventInput(
        title, extra.pop("kind", "date_night"), start, start + timedelta(hours=hours),
        rrule=rrule, **extra))
    return event, change


def test_models_pass_the_qt_model_tester(qtmodeltester, services, couple):
    plan(services, "Dinner", at(TODAY, 19))
    month = MonthTableModel()
    month.set_month(TODAY, 0, services.calendar.occurrences(TODAY - timedelta(days=40),
                                                            TODAY + timedelta(days=40)))
    qtmodeltester.check(month, force_py=True)
    agenda = AgendaTableModel()
    agenda.set_occurrences(services.calendar.occurrences(TODAY, TODAY), {})
    qtmodeltester.check(agenda, force_py=True)
    assert month.rowCount() == 6 and month.columnCount() == 7 and agenda.rowCount() == 1


def test_the_month_highlights_today_and_shows_plans_on_their_day(calendar, services, bus):
    _event, change = plan(services, "Dinner at Luigi's", at(TODAY, 19))
    bus.publish(change)
    index = calendar.month_model.index_of(TODAY)
    assert index.data(TODAY_ROLE) is True
    assert [o.title for o in index.data(OCCURRENCES_ROLE)] == ["Dinner at Luigi's"]
    others = [calendar.month_model.index(r, c) for r in range(6) for c in range(7)]
    assert sum(1 for i in others if i.data(TODAY_ROLE)) == 1
    assert f"{TODAY:%B %Y}" == calendar.period.text()


def test_the_week_starts_on_the_day_chosen_in_settings(calendar, services, bus):
    _settings, change = services.settings.update(week_start=6)
    bus.publish(change)
    assert calendar.month_model.headerData(0, Qt.Orientation.Horizontal) == "Sun"
    first = calendar.month_model.index(0, 0).data(DATE_ROLE)
    assert first.weekday() == 6


def test_page_down_and_today_move_through_months(qtbot, calendar):
    calendar.month.setFocus()
    qtbot.keyClick(calendar.month, Qt.Key.Key_PageDown)
    following = (TODAY.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert calendar.period.text() == f"{following:%B %Y}"
    qtbot.keyClick(calendar.month, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert calendar.period.text() == f"{TODAY:%B %Y}"


def test_planning_a_weekly_date_night_in_the_dialog(qtbot, calendar, services, monkeypatch):
    def fill(dialog: EventDialog) -> int:
        dialog.title.setText("Date night")
        dialog.day.setDate(TODAY)
        dialog.start.setTime(time(19, 30))
        dialog.end.setTime(time(22, 0))
        dialog.repeat.setCurrentIndex(1)  # every week on this weekday
        dialog.devices_away.setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    qtbot.mouseClick(calendar.new_button, Qt.MouseButton.LeftButton)
    (event,) = services.calendar.events()
    assert event.rrule.startswith("FREQ=WEEKLY;BYDAY=")
    assert event.devices_away
    later = services.calendar.occurrences(TODAY, TODAY + timedelta(days=27))
    assert [o.start.date() for o in later] == [TODAY + timedelta(days=7 * i) for i in range(4)]
    calendar.set_mode("agenda")
    assert calendar.agenda_model.rowCount() == 8  # eight weeks of Fridays (or whichever day)


def test_an_empty_title_is_explained_in_the_dialog(qtbot, calendar, services, monkeypatch):
    seen = {}

    def fill(dialog: EventDialog) -> int:
        dialog.title.setText("   ")
        dialog.save()
        seen["error"] = dialog.error.text()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill)
    calendar.new_event()
    assert "title" in seen["error"]
    assert services.calendar.events() == ()


def drag(qtbot, grid, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, pos=QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(grid, pos=end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)


def test_dragging_an_event_in_the_week_moves_it(qtbot, calendar, services, bus):
    event, change = plan(services, "Walk", at(MONDAY, 10), 1, kind="walk")
    bus.publish(change)
    calendar.set_mode("week")
    grid = calendar.week
    (occurrence,) = grid.occurrences
    rect = grid.event_rect(occurrence).toRect()
    start = rect.center()
    one_day, one_hour = int(grid._column_width()), grid.hour_height
    drag(qtbot, grid, start, QPoint(start.x() + one_day, start.y() + one_hour))
    moved = services.calendar.get(event.id)
    assert moved.start == at(MONDAY + timedelta(days=1), 11)
    assert moved.end == at(MONDAY + timedelta(days=1), 12)
    assert "Moved" in calendar.status.text()


def test_dragging_the_lower_edge_makes_it_longer(qtbot, calendar, services, bus):
    event, change = plan(services, "Cooking", at(MONDAY, 18), 1, kind="cooking")
    bus.publish(change)
    calendar.set_mode("week")
    grid = calendar.week
    rect = grid.event_rect(grid.occurrences[0]).toRect()
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    drag(qtbot, grid, edge, QPoint(edge.x(), edge.y() + grid.hour_height))
    longer = services.calendar.get(event.id)
    assert longer.start == at(MONDAY, 18)
    assert longer.end == at(MONDAY, 20)


def test_moving_one_of_a_series_asks_which_and_moves_only_that_one(qtbot, calendar,
                                                                  services, bus, monkeypatch):
    event, change = plan(services, "Date night", at(MONDAY, 19), 2,
                         rrule="FREQ=WEEKLY;BYDAY=MO")
    bus.publish(change)
    monkeypatch.setattr("ui.views.calendar_view.ask_scope", lambda parent, verb: "this")
    calendar.set_mode("week")
    grid = calendar.week
    rect = grid.event_rect(grid.occurrences[0]).toRect()
    drag(qtbot, grid, rect.center(), QPoint(rect.center().x(),
                                            rect.center().y() - grid.hour_height))
    this_week, next_week = services.calendar.occurrences(MONDAY, MONDAY + timedelta(days=8))
    assert this_week.moved and this_week.start.replace(tzinfo=None) == at(MONDAY, 18)
    assert not next_week.moved and next_week.start.replace(tzinfo=None) == \
        at(MONDAY + timedelta(days=7), 19)
    assert services.calendar.get(event.id).rrule is not None


def test_reflecting_afterwards_marks_it_done_with_both_ratings(qtbot, calendar, services,
                                                              couple, bus, monkeypatch):
    yesterday = TODAY - timedelta(days=1)
    _event, change = plan(services, "Picnic", at(yesterday, 12), 2, kind="adventure")
    bus.publish(change)
    zoe, lukasz = couple.partners

    def rate(dialog: ReflectionDialog) -> int:
        qtbot.mouseClick(dialog.ratings[zoe.id].button(5), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ratings[lukasz.id].button(4), Qt.MouseButton.LeftButton)
        dialog.memories[zoe.id].setText("Strawberries in the sun 🍓")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ReflectionDialog, "exec", rate)
    (occurrence,) = services.calendar.occurrences(yesterday, yesterday)
    calendar.reflect_on(occurrence)
    (after,) = services.calendar.occurrences(yesterday, yesterday)
    assert after.status == "done"
    assert {(r.partner_id, r.rating, r.memory) for r in after.reflections} == {
        (zoe.id, 5, "Strawberries in the sun 🍓"), (lukasz.id, 4, "")}
    calendar.set_mode("agenda")
    calendar.anchor = yesterday
    calendar.reload()
    assert calendar.agenda_model.index(0, 5).data() == "Zoë 5 · Łukasz 4"


def test_deleting_one_occurrence_of_a_series_keeps_the_rest(calendar, services, bus,
                                                           monkeypatch):
    _event, change = plan(services, "Walk", at(MONDAY, 9), 1, rrule="FREQ=DAILY;COUNT=5",
                         kind="walk")
    bus.publish(change)
    monkeypatch.setattr("ui.views.calendar_view.ask_scope", lambda parent, verb: "this")
    first = services.calendar.occurrences(MONDAY, MONDAY)[0]
    calendar.delete_occurrence(first)
    left = services.calendar.occurrences(MONDAY, MONDAY + timedelta(days=6))
    assert [o.start.date() for o in left] == [MONDAY + timedelta(days=i) for i in range(1, 5)]


def test_export_and_import_through_the_calendar_view(calendar, services, bus, tmp_path):
    _event, change = plan(services, "Date night", at(MONDAY, 19), 2, rrule="FREQ=WEEKLY;COUNT=3")
    bus.publish(change)
    target = tmp_path / "ours"
    calendar.export_ics(str(target))
    written = tmp_path / "ours.ics"
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "Saved ours.ics" in calendar.status.text()

    calendar.import_ics(str(written))
    assert "Imported 1 event" in calendar.status.text()
    assert len(services.calendar.occurrences(MONDAY, MONDAY + timedelta(days=20))) == 6

    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:half\n")
    before = services.calendar.events()
    calendar.import_ics(str(broken))
    assert "Nothing was imported" in calendar.status.text()
    assert services.calendar.events() == before


def test_the_idea_bank_filters_plans_and_takes_your_own(qtbot, calendar, services, monkeypatch):
    calendar.set_mode("ideas")
    everything = calendar.ideas_model.rowCount()
    assert everything >= 60
    place = calendar.idea_filters["place"]
    place.setCurrentIndex(place.findData("out"))
    cost = calendar.idea_filters["cost"]
    cost.setCurrentIndex(cost.findData("free"))
    shown = [calendar.ideas_model.idea(r) for r in range(calendar.ideas_model.rowCount())]
    assert shown and all(i.place == "out" and i.cost == "free" for i in shown)
    assert len(shown) < everything

    calendar.ideas.selectRow(0)
    chosen = calendar.selected_idea()

    def plan(dialog: EventDialog) -> int:
        assert dialog.title.text() == chosen.title
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", plan)
    qtbot.mouseClick(calendar.plan_idea_button, Qt.MouseButton.LeftButton)
    (event,) = services.calendar.events()
    assert event.title == chosen.title and event.kind == chosen.kind
    assert event.start.date() > TODAY

    monkeypatch.setattr("ui.views.calendar_view.QInputDialog.getText",
                        lambda *args, **kwargs: ("Feed the ducks 🦆", True))
    qtbot.mouseClick(calendar.add_idea_button, Qt.MouseButton.LeftButton)
    mine = calendar.ideas_model.idea(0)
    assert (mine.title, mine.custom, mine.place, mine.cost) == ("Feed the ducks 🦆", True,
                                                                "out", "free")


def test_a_planned_date_night_can_start_device_free_time(qtbot, calendar, services, bus,
                                                         monkeypatch):
    from PySide6.QtWidgets import QApplication, QPushButton

    from ui.dialogs.prompts_dialog import PromptsDialog
    from ui.views.device_free import START, DeviceFreeWindow

    _event, change = plan(services, "Dinner by candlelight", at(TODAY, 19))
    bus.publish(change)
    calendar.go_today()
    qtbot.wait(1)  # the day's buttons appear (and the old ones go) once the loop runs
    buttons = {b.accessibleName(): b for b in calendar.day_box.findChildren(QPushButton)
               if b.isVisible()}
    assert "Afterwards: Dinner by candlelight" in buttons  # today's plans can be looked back on
    shown: list[str] = []
    monkeypatch.setattr(PromptsDialog, "exec",
                        lambda dialog: shown.append(dialog.prompts.text.text()) or 0)
    qtbot.mouseClick(buttons["Questions for Dinner by candlelight"], Qt.MouseButton.LeftButton)
    assert shown and shown[0]

    start = buttons["Start device-free time: Dinner by candlelight"]
    assert start.text() == "Start device-free time"
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    (window,) = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, DeviceFreeWindow) and w.isVisible()]
    assert window.phase == START and window.occurrence.title == "Dinner by candlelight"
    assert window.isFullScreen()
    window.close()
    assert not window.isVisible()


def test_meetings_and_past_plans_keep_only_afterwards(qtbot, calendar, services, bus):
    from PySide6.QtWidgets import QPushButton

    _event, change = plan(services, "Weekly talk", at(TODAY, 20), 1, kind="meeting")
    bus.publish(change)
    _event, change = plan(services, "Picnic", at(TODAY - timedelta(days=1), 12), 2,
                          kind="adventure")
    bus.publish(change)
    for day in (TODAY, TODAY - timedelta(days=1)):
        calendar.selected_day = calendar.anchor = day
        calendar.reload()
        qtbot.wait(1)
        names = [b.text() for b in calendar.day_box.findChildren(QPushButton)
                 if b.isVisible()]
        assert names == ["Open", "Afterwards…"]


@pytest.mark.parametrize("size", ["normal", "large", "extra_large"])
def test_the_period_is_never_cut_short(calendar, services, qapp, qtbot, size):
    """The period ("December 2026") is shown whole: in full beside Month, Week, Agenda and
    Ideas while it fits, shortened ("Dec 2026") when it doesn't, and only when even that
    would be cut do the view buttons move to a row of their own."""
    from app.domain.settings import TextSize
    from ui import theme

    services.settings.update(text_size=TextSize(size))
    try:
        calendar.window().apply_settings()
        calendar.window().resize(1280, 820)
        beside = {}
        for mode in ("month", "week", "agenda", "ideas"):
            calendar.set_mode(mode)
            qtbot.wait(20)
            period = calendar.period
            assert period.width() >= period.fontMetrics().horizontalAdvance(period.text()), \
                (size, mode, period.text())
            assert all(b.isVisible() for b in calendar.mode_buttons.buttons())
            beside[mode] = calendar.modes_beside()
        calendar.set_mode("month")
        qtbot.wait(20)
        if size == "normal":  # room for everything in full, on one row
            assert all(beside.values())
            assert calendar.period.text() == f"{TODAY:%B %Y}"
        else:  # "Dec 2026" rather than a row of its own for the buttons, where it fits
            assert calendar.period.text() in (f"{TODAY:%B %Y}", f"{TODAY:%b %Y}")
            assert beside["ideas"]  # no arrows in Ideas: room enough
        assert calendar.period.toolTip() == f"{TODAY:%B %Y}"
    finally:
        theme.apply(qapp, text_size=TextSize.NORMAL)
