"""The couple's words are shown exactly as typed, everywhere.

Every free-text field of the demo couple gets an apostrophe, an ampersand, a tag-like
``<i>…</i>``, ``<3`` and an emoji; then every view (and each state the screenshots show)
is opened and everything on screen is read back as a person would see it — rich text
rendered, a button's ``&`` as Qt draws it. Nothing may show an HTML entity (escaped twice)
or lose the ``<i>`` (not escaped at all, so it turned into italics).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.paths import db_path
from app.persistence.migrate import open_database
from app.services import Services
from app.services.demo import DemoService

TYPED = "Jo's & Zoë's <i>lovely</i> <3 🌿"
SWALLOWED = "Jo's & Zoë's lovely"  # what shows when the <i> became italics
ENTITIES = ("&#", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;")

# (table, column, which rows): every column that holds the couple's own words
FREE_TEXT = [
    ("checkin", "appreciation", "appreciation != ''"),
    ("checkin", "need", "need != ''"),
    ("checkin", "private_note", "private_note != ''"),
    ("value_statement", "text", "1"),
    ("goal", "title", "1"),
    ("goal", "why", "1"),
    ("milestone", "text", "1"),
    ("win", "title", "1"),
    ("event", "title", "1"),
    ("event", "notes", "notes IS NOT NULL AND notes != ''"),
    ("event", "location", "location IS NOT NULL AND location != ''"),
    ("event_override", "title", "title IS NOT NULL"),
    ("reflection", "memory", "memory IS NOT NULL AND memory != ''"),
    ("agreement", "text", "1"),
    ("worksheet", "title", "1"),
    ("prompt_deck", "title", "1"),
    ("prompt", "text", "1"),
    ("commitment", "text", "1"),
]


def shown(widget: QWidget) -> Iterator[str]:
    """What a person sees of ``widget``'s own text (and its tool tip), as drawn."""
    tip = widget.toolTip()
    if tip:
        yield _rendered(tip, Qt.TextFormat.AutoText)
    if isinstance(widget, QLabel):
        yield _rendered(widget.text(), widget.textFormat())
    elif isinstance(widget, QAbstractButton):
        yield _mnemonic(widget.text())
    elif isinstance(widget, QGroupBox):
        yield _mnemonic(widget.title())
    elif isinstance(widget, QTabBar):
        yield from (_mnemonic(widget.tabText(i)) for i in range(widget.count()))
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QLineEdit):
        yield widget.text()
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        yield widget.toPlainText()
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) \
            and widget.model() is not None:
        model = widget.model()
        for row in range(min(model.rowCount(), 200)):
            for column in range(40):
                index = model.index(row, column)
                if not index.isValid():
                    break
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield _rendered(value, Qt.TextFormat.AutoText) \
                            if role == Qt.ItemDataRole.ToolTipRole else value


def _rendered(text: str, text_format: Qt.TextFormat) -> str:
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui_Qt.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _mnemonic(text: str) -> str:
    """A button's text as drawn: ``&&`` is an ampersand, a single ``&`` marks a shortcut."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def problems_in(window: QWidget, where: str) -> list[str]:
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        for text in shown(widget):
            if any(entity in text for entity in ENTITIES) or SWALLOWED in text:
                found.append(f"{where}: {type(widget).__name__} "
                             f"{widget.accessibleName() or widget.objectName()!r} shows "
                             f"{text[:120]!r}")
            elif "<i>lovely</i>" in text:
                found.append("")  # seen as typed: counted below
    return found


@pytest.fixture
def typed_everywhere(hearth_home) -> Iterator[Services]:
    database = open_database(db_path(hearth_home))
    DemoService(database).generate(years=1, seed=3)
    database.close()
    raw = sqlite3.connect(db_path(hearth_home))
    with raw:
        for table, column, rows in FREE_TEXT:
            raw.execute(f'UPDATE "{table}" SET "{column}" = "{column}" || ? WHERE {rows}',
                        (f" — {TYPED}",))
        raw.execute("UPDATE worksheet_answer SET value = json_quote(json_extract(value, '$') "
                    "|| ?) WHERE json_type(value) = 'text' AND json_extract(value, '$') "
                    "NOT IN ('', 'yes', 'no')", (f" — {TYPED}",))  # the answers in words
        raw.execute("UPDATE partner SET name = name || ' & Jo''s' WHERE position = 0")
    raw.close()
    services = Services.over(open_database(db_path(hearth_home)))
    yield services
    services.close()


def test_every_view_shows_the_couples_words_as_typed(qtbot, typed_everywhere, hearth_home):
    from ui.bus import DataBus
    from ui.main_window import MainWindow

    window = MainWindow(typed_everywhere, DataBus(), hearth_home, remember=False)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    found: list[str] = []
    for spec in window._specs:
        window.show_view(spec.key)
        qtbot.wait(10)
        found += problems_in(window, spec.key)
        states = getattr(window.view(spec.key), "screenshot_states", None)
        for state, set_up in states() if states else ():
            set_up()
            qtbot.wait(10)
            found += problems_in(window, f"{spec.key} ({state or 'back'})")
    wrong = sorted({problem for problem in found if problem})
    assert not wrong, "\n".join(wrong)
    assert found.count("") >= 10  # the words were really on screen, as typed
