"""Goals & Values and Together at every text size on a 1280-pixel-wide screen: rows of
buttons and fields wrap, the board's columns go two and two where four would squeeze the
cards, the list keeps the columns that matter, a value's five places go under it — nothing
is cut off, nothing scrolls sideways, and the window stays within the screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.calendar import EventInput
from app.domain.checkins import CheckinInput
from app.domain.goals import GoalInput, MilestoneInput
from app.domain.meetings import STEPS
from app.domain.settings import TextSize
from app.domain.values import SortInput
from tests.unit.ui.layout_checks import clipped
from tests.unit.ui.test_conflicts_reflow import WIDEST, settle
from ui import theme

LONG = "Maximiliane-Josephine"


@pytest.fixture
def lived_in(services):
    """A couple with goals, sorted values, check-ins, plans and last week's talk."""
    couple, _ = services.couple.setup(LONG, "Łukasz", colours=("teal", "terracotta"))
    first, second = couple.partners
    values = services.values.values()
    services.values.save_sorts([
        SortInput(first.id, {v.id: 1 + i % 5 for i, v in enumerate(values)}),
        SortInput(second.id, {v.id: 5 - i % 5 for i, v in enumerate(values)})])
    for title, status in (("Walk the Camino together, all of it", "idea"),
                          ("Visit Łukasz's family in Kraków", "active"),
                          ("Save a three-month cushion", "done")):
        created, _ = services.goals.create(GoalInput(
            title, "Because it matters to both of us", "travel", "year",
            target_date=date.today() + timedelta(days=400),
            next_review=date.today() - timedelta(days=3),
            milestones=(MilestoneInput("Book the first week's beds", date.today()),)))
        if status != "idea":
            services.goals.set_status(created.goal_id, "active")
        if status == "done":
            services.goals.set_status(created.goal_id, "done")
    services.checkins.save_session(
        [CheckinInput(first.id, 4, 8, appreciation="The soup on Monday when I was ill",
                      need="To hear how your week is really going"),
         CheckinInput(second.id, 3, 5, need="To plan the summer together")],
        at=datetime.now() - timedelta(days=1))
    soon = datetime.now().replace(hour=19, minute=30, second=0, microsecond=0) + \
        timedelta(days=2)
    services.calendar.create(EventInput("Dinner at the place by the river", "date_night",
                                        soon, soon + timedelta(hours=2)))
    talk, _ = services.meetings.start(date.today() - timedelta(days=7))
    services.meetings.finish(talk.id, {}, {
        second.id: "Take the Sunday morning chores, so there's time for a lie-in",
        first.id: "Read together in bed instead of scrolling"})
    return couple


def check(qtbot, window, key: str, size: TextSize, where: str) -> None:
    settle(qtbot, window)
    assert clipped(window.view(key)) == [], f"{where} at {size.value}"
    assert window.minimumSizeHint().width() <= WIDEST[size], f"{where} at {size.value}"


@pytest.mark.parametrize("size", list(TextSize))
def test_goals_and_values_fit_a_1280_pixel_screen(qtbot, qapp, services, lived_in,
                                                   make_window, size):
    theme.apply(qapp, text_size=size, dark=False)
    services.settings.update(text_size=size)
    window = make_window()
    window.show_view("goals")
    view = window.view("goals")
    check(qtbot, window, "goals", size, "our values")
    view.tabs.setCurrentWidget(view.board_page)
    check(qtbot, window, "goals", size, "the board")
    view.tabs.setCurrentWidget(view.list_page)
    check(qtbot, window, "goals", size, "the list")
    view.tabs.setCurrentWidget(view.values)
    view.values.begin("private_reveal")
    check(qtbot, window, "goals", size, "the values sort")
    view.values.stop()


@pytest.mark.parametrize("size", list(TextSize))
def test_together_and_the_weekly_talk_fit_a_1280_pixel_screen(qtbot, qapp, services,
                                                             lived_in, make_window, size):
    theme.apply(qapp, text_size=size, dark=False)
    services.settings.update(text_size=size)
    window = make_window()
    window.show_view("together")
    view = window.view("together")
    check(qtbot, window, "together", size, "Together")
    view.start_talk()
    for step in range(len(STEPS)):
        view.flow.go(step, save=False)
        check(qtbot, window, "together", size, f"talk step {step + 1}")
