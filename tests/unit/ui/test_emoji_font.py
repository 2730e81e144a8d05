"""Emoji the couple types show in colour, not as empty boxes, even on a system without a
colour-emoji font of its own (Hearth brings Noto Color Emoji: ui/fonts.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel

from tests.helpers import run_cli
from tests.unit.ui.keyboard import retype
from ui import fonts


def _colours(widget) -> set[str]:
    """Which of the leaf's green (🌿) and the heart's yellow (💛) the widget shows. Empty
    boxes are drawn in the text's colour; Hearth's text and partner colours are neither."""
    image = widget.grab().toImage()
    seen = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            r, g, b = colour.red(), colour.green(), colour.blue()
            if g > 120 and g > r + 40 and g > b + 40:
                seen.add("green")
            if r > 200 and g > 150 and b < 90:
                seen.add("yellow")
    return seen


def _forget_bundled_emoji() -> None:
    """Back to how Hearth starts, before ui.fonts has registered anything."""
    if fonts._bundled is not None:
        if hasattr(QFontDatabase, "removeApplicationEmojiFontFamily"):
            QFontDatabase.removeApplicationEmojiFontFamily(fonts._bundled)
        QFont.removeSubstitutions(QApplication.font().family())  # Hearth sets none else
    QFontDatabase.removeAllApplicationFonts()  # nor any other application font
    fonts._bundled = None


@pytest.fixture
def unregistered(qapp):
    _forget_bundled_emoji()
    yield
    _forget_bundled_emoji()


def test_hearth_shows_emoji_in_the_couples_names_in_colour(
        qtbot, capsys, hearth_home, monkeypatch, unregistered):
    """Hearth started as the couple starts it: their names, emoji and all, on Home."""
    from ui.main import main
    from ui.main_window import MainWindow

    assert run_cli(capsys, "setup", "--names", "Zoë 🌿", "Łukasz 💛")[0] == 0
    seen: list[set[str]] = []
    attach = MainWindow.attach

    def attached(window, *args, **kwargs):
        attach(window, *args, **kwargs)
        greeting = window.view("home").greeting
        assert "Zoë 🌿" in greeting.text() and "Łukasz 💛" in greeting.text()
        seen.append(_colours(greeting))

    monkeypatch.setattr(MainWindow, "attach", attached)
    monkeypatch.setattr("ui.main._install_excepthook", lambda data_dir: None)
    assert main(["--data-dir", str(hearth_home), "--smoke"]) == 0
    assert seen == [{"green", "yellow"}]


def test_emoji_typed_into_a_field_show_in_colour(qtbot, make_window, services, unregistered):
    if not fonts.system_has_emoji():  # what the couple saw before: boxes, no colour
        label = QLabel("🌿💛")
        qtbot.addWidget(label)
        assert _colours(label) == set()
    fonts.use_bundled_emoji()  # as Hearth's start does, before the couple can type
    window = make_window()
    first, second = window.welcome.partners
    retype(first.name_edit, "Zoë 🌿")
    retype(second.name_edit, "Łukasz 💛")
    assert first.name_edit.text() == "Zoë 🌿"
    assert _colours(first.name_edit) == {"green"}
    assert _colours(second.name_edit) == {"yellow"}
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert services.couple.get().names == ("Zoë 🌿", "Łukasz 💛")
    assert _colours(window.view("home").greeting) == {"green", "yellow"}


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="only Linux can lack a colour-emoji font; Windows and macOS have one")
@pytest.mark.parametrize("qt", ["6.9 and newer", "6.8"])
def test_hearths_own_emoji_font_draws_in_colour(qtbot, monkeypatch, unregistered, qt):
    """Where the system has an emoji font Hearth leaves it be: this checks Hearth's own file
    draws in colour there too (as it must wherever the system lacks one), with Qt's emoji
    font setting or, on Qt 6.8 which has none, as a substitute for the text's font."""
    if qt == "6.8":
        monkeypatch.delattr(QFontDatabase, "addApplicationEmojiFontFamily", raising=False)
    assert fonts.use_bundled_emoji(even_with_system_emoji=True) == "Noto Color Emoji"
    label = QLabel("Walk 🌿 together 💛")
    qtbot.addWidget(label)
    assert _colours(label) == {"green", "yellow"}


def test_a_systems_own_emoji_font_is_left_alone(qapp, monkeypatch, unregistered):
    with monkeypatch.context() as patch:
        patch.setattr(QFontDatabase, "families",
                      lambda *args: ["DejaVu Sans", "Segoe UI", "Segoe UI Emoji"])
        assert fonts.use_bundled_emoji() is None
    if hasattr(QFontDatabase, "applicationEmojiFontFamilies"):
        assert QFontDatabase.applicationEmojiFontFamilies() == []  # Qt's choice stands


def test_emoji_font_and_its_licence_are_bundled():
    from resources import resource

    assert fonts.EMOJI_FILE.stat().st_size > 1_000_000
    licence = resource("fonts", "OFL-NotoEmoji.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence
