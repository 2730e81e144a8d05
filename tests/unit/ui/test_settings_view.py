"""Settings, used as a couple would: rename, recolour, change rhythm and text size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.settings import TextSize
from tests.unit.ui.keyboard import retype
from ui import theme


@pytest.fixture
def settings_view(qtbot, couple, make_window):
    window = make_window()
    window.show_view("settings")
    return window, window.view("settings")


def _retype(qtbot, edit, text):
    retype(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_shows_the_couple_as_stored(settings_view):
    _window, view = settings_view
    assert [f.name() for f in view.partners] == ["Zoë", "Łukasz"]
    assert view.partners[0].colours.current() == "teal"
    assert view.partners[1].colours.current() == "terracotta"


def test_rename_saves_and_home_greets_the_new_name(qtbot, settings_view, services):
    window, view = settings_view
    _retype(qtbot, view.partners[1].name_edit, "Luk")
    assert services.couple.get().names == ("Zoë", "Luk")
    window.show_view("home")
    assert "Luk" in window.view("home").greeting.text()


def test_duplicate_name_shows_message_and_keeps_the_old_one(qtbot, settings_view, services):
    _window, view = settings_view
    _retype(qtbot, view.partners[1].name_edit, "ZOË")
    assert view.partners[1].error.isVisible()
    assert "Zoë" in view.partners[1].error.text()
    assert services.couple.get().names == ("Zoë", "Łukasz")


def test_too_long_name_is_refused_inline(qtbot, settings_view, services):
    _window, view = settings_view
    _retype(qtbot, view.partners[0].name_edit, "x" * 41)
    assert "40" in view.partners[0].error.text()
    assert services.couple.get().names[0] == "Zoë"


def test_colour_change_saves_and_taken_colour_is_refused(qtbot, settings_view, services):
    _window, view = settings_view
    qtbot.mouseClick(view.partners[0].colours.button("plum"), Qt.MouseButton.LeftButton)
    assert services.couple.get().partners[0].colour == "plum"
    qtbot.mouseClick(view.partners[0].colours.button("terracotta"), Qt.MouseButton.LeftButton)
    assert services.couple.get().partners[0].colour == "plum"
    assert view.partners[0].colours.current() == "plum"
    assert "Łukasz" in view.partners[0].error.text()


def test_week_start_and_cadence_are_saved(qtbot, settings_view, services):
    _window, view = settings_view
    view.week_start.setCurrentIndex(6)
    view.checkin_target.setValue(3)
    saved = services.settings.get()
    assert saved.week_start == 6
    assert saved.checkin_target_per_week == 3


def test_text_size_applies_live(qtbot, settings_view, services):
    _window, view = settings_view
    normal = QApplication.font().pointSize()
    large = view.text_sizes.button(list(TextSize).index(TextSize.EXTRA_LARGE))
    qtbot.mouseClick(large, Qt.MouseButton.LeftButton)
    assert services.settings.get().text_size is TextSize.EXTRA_LARGE
    assert theme.current().text_size is TextSize.EXTRA_LARGE
    assert QApplication.font().pointSize() > normal
    assert f"font-size: {theme.current().point_size()}pt" in QApplication.instance().styleSheet()


def test_data_folder_is_shown(settings_view, hearth_home):
    _window, view = settings_view
    assert view.data_folder.text() == str(hearth_home)
