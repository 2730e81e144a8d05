"""A break taken in a worksheet goes on the calendar as a reminder, and Home and Together
don't count it or offer it as time together."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt


def test_a_break_is_on_the_calendar_but_not_time_together(qtbot, couple, services,
                                                          make_window):
    window = make_window()
    sheet, _ = services.worksheets.start("after_fight", "Late again")
    window.show_view("conflicts")
    conflicts = window.view("conflicts")
    conflicts.open(sheet.id)
    qtbot.mouseClick(conflicts.break_button, Qt.MouseButton.LeftButton)
    conflicts.resume_at.setDateTime(QDateTime(datetime.now() + timedelta(minutes=40)))
    qtbot.mouseClick(conflicts.start_break, Qt.MouseButton.LeftButton)
    assert services.worksheets.get(sheet.id).status == "paused"

    window.show_view("calendar")
    calendar = window.view("calendar")
    calendar.set_mode("agenda")
    shown = [calendar.agenda_model.index(r, 2).data()
             for r in range(calendar.agenda_model.rowCount())]
    assert shown == ["Come back to: Late again"]  # the reminder stays on the calendar
    assert calendar.agenda_model.index(0, 3).data() == "↺ Come back to a talk"

    window.show_view("home")
    home = window.view("home")
    assert home.week_hours.text() == "This week: 0 of 4 hours together"
    assert "Come back to" not in home.next_time.text()
    assert "Nothing planned yet" in home.next_time.text()
    assert "Late again" in home.talk.text()  # the break itself is shown where it belongs

    window.show_view("together")
    together = window.view("together")
    assert "Come back to" not in together.next_time.text()
    assert not together.device_free_button.isEnabled()
