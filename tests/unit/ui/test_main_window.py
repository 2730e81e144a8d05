"""The shell: sidebar, keyboard, remembered geometry and view, accessible names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
)


def test_ctrl_number_switches_views(qtbot, couple, make_window):
    window = make_window()
    assert window.current_view_key() == "home"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "checkins"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "together"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "goals"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "calendar"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "conflicts"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "home"


def test_home_button_opens_settings(qtbot, couple, make_window):
    window = make_window()
    home = window.view("home")
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in home.findChildren(QPushButton) if b.text() == "Open Settings")
    assert home.make_yours.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "settings"

    window.show_view("home")  # once the couple has been to Settings, Home stops suggesting it
    assert not home.make_yours.isVisible()
    window.close()
    again = make_window()
    again.show_view("home")
    assert again.current_view_key() == "home"
    assert not again.view("home").make_yours.isVisible()  # remembered with the window


def test_last_view_and_geometry_are_remembered(qtbot, couple, make_window):
    window = make_window()
    window.show_view("settings")
    window.resize(701, 603)
    window.close()
    again = make_window()
    assert again.current_view_key() == "settings"
    assert (again.width(), again.height()) == (701, 603)


def test_every_interactive_control_has_an_accessible_name(qtbot, couple, make_window):
    window = make_window()
    for key in ("home", "checkins", "trends", "settings"):
        window.show_view(key)
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QListWidget):
        for widget in window.findChildren(kind):
            if not widget.isVisibleTo(window) or isinstance(
                widget.parent(), (QAbstractSpinBox, QComboBox)
            ):
                continue  # hidden, or the inner editor of a control that has a name
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            if not name.strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert missing == []


def test_welcome_controls_have_accessible_names(qtbot, make_window):
    window = make_window()
    first, second = window.welcome.partners
    assert first.name_edit.accessibleName() == "First partner: name"
    assert second.colours.button("teal").accessibleName() == "Teal colour for Second partner"


def test_home_greets_both_partners_in_their_colours(qtbot, couple, make_window):
    from ui import theme

    window = make_window()
    text = window.view("home").greeting.text()
    for partner in couple.partners:
        assert theme.current().partner_hex(partner) in text
        assert partner.name in text


def test_names_are_escaped_on_home(qtbot, services, make_window):
    services.couple.setup("<b>Ann</b>", "Bo & Co")
    window = make_window()
    text = window.view("home").greeting.text()
    assert "&lt;b&gt;Ann&lt;/b&gt;" in text
    assert "Bo &amp; Co" in text


def test_a_wide_view_opened_earlier_does_not_keep_the_window_wide(qtbot, couple, make_window):
    window = make_window()
    window.resize(400, 700)
    qtbot.waitUntil(lambda: window.width() < 700)
    narrow = window.width()  # as narrow as Home allows
    window.show_view("conflicts")
    window.resize(400, 700)
    qtbot.waitUntil(lambda: window.width() > narrow)  # the worksheet's columns need room
    window.show_view("home")
    window.resize(400, 700)
    qtbot.waitUntil(lambda: window.width() == narrow)  # …but Home doesn't
