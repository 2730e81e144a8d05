"""The first-run welcome, used as a couple would: type, pick colours, start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.unit.ui.keyboard import retype


def _type(qtbot, edit, text):
    retype(edit, text)


def test_new_couple_sees_welcome_and_enters_both_names(qtbot, make_window, services):
    window = make_window()
    assert window.welcome is not None
    assert window.pages.currentWidget() is window.welcome
    first, second = window.welcome.partners
    _type(qtbot, first.name_edit, "  Zoë ")
    _type(qtbot, second.name_edit, "Łukasz")
    qtbot.mouseClick(second.colours.button("indigo"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)

    couple = services.couple.get()
    assert couple is not None
    assert couple.names == ("Zoë", "Łukasz")
    assert [p.colour for p in couple.partners] == ["teal", "indigo"]
    assert window.welcome is None
    assert window.current_view_key() == "home"
    assert [item.text() for item in window.sidebar.selectedItems()] == ["Home"]  # highlighted
    home = window.view("home")
    assert "Zoë" in home.greeting.text() and "Łukasz" in home.greeting.text()


def test_enter_in_the_second_name_submits(qtbot, make_window, services):
    window = make_window()
    first, second = window.welcome.partners
    _type(qtbot, first.name_edit, "Sam")
    _type(qtbot, second.name_edit, "Noor")
    qtbot.keyClick(second.name_edit, Qt.Key.Key_Return)
    assert services.couple.get().names == ("Sam", "Noor")


def test_missing_name_shows_inline_message_and_stores_nothing(qtbot, make_window, services):
    window = make_window()
    first, second = window.welcome.partners
    _type(qtbot, second.name_edit, "Noor")
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert first.error.isVisible()
    assert "name" in first.error.text().lower()
    assert first.name_edit.property("invalid") is True
    assert services.couple.get() is None
    assert window.welcome is not None


def test_same_name_twice_is_refused_with_a_reason(qtbot, make_window, services):
    window = make_window()
    first, second = window.welcome.partners
    _type(qtbot, first.name_edit, "Alex")
    _type(qtbot, second.name_edit, "alex")
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert second.error.isVisible()
    assert "different" in second.error.text()
    assert services.couple.get() is None


def test_same_colour_twice_is_refused(qtbot, make_window, services):
    window = make_window()
    first, second = window.welcome.partners
    _type(qtbot, first.name_edit, "Alex")
    _type(qtbot, second.name_edit, "Kim")
    qtbot.mouseClick(second.colours.button("teal"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert window.welcome.error.isVisible()
    assert "colour" in window.welcome.error.text()
    assert services.couple.get() is None


def test_typing_again_clears_the_message(qtbot, make_window):
    window = make_window()
    first, _second = window.welcome.partners
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert first.error.isVisible()
    qtbot.keyClicks(first.name_edit, "Z")
    assert not first.error.isVisible()


def test_view_shortcuts_do_nothing_before_the_couple_exists(qtbot, make_window):
    window = make_window()
    assert not window.view_actions["settings"].isEnabled()


def test_enter_while_the_data_folder_is_still_being_prepared_saves_once_ready(
        qtbot, services, bus):
    """On a first start the welcome is up before the data folder is ready: names typed and
    Enter pressed in that moment are saved as soon as it is."""
    from ui.views.welcome_view import WelcomeView

    welcome = WelcomeView(None, bus)
    qtbot.addWidget(welcome)
    assert not welcome.start.isEnabled()
    first, second = welcome.partners
    _type(qtbot, first.name_edit, "Sam")
    _type(qtbot, second.name_edit, "Noor")
    qtbot.keyClick(second.name_edit, Qt.Key.Key_Return)
    assert services.couple.get() is None
    with qtbot.waitSignal(welcome.completed, timeout=2000):
        welcome.set_services(services)
    assert services.couple.get().names == ("Sam", "Noor")
    assert welcome.start.isEnabled()
