"""The couple's words on screen exactly as they typed them.

Qt guesses whether a label's or tool tip's text is HTML. Its guess shows "didn&#x27;t" for an
escaped apostrophe and bold type for a typed "<b>" — so labels here say which they hold:
``plain_label`` for words as typed, ``rich_label`` for markup in which the couple's words were
escaped once (with ``as_html``). Button texts double "&" (else it marks a shortcut key and
disappears), and tool tips with the couple's words are always markup (``tip``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def as_html(text: str) -> str:
    """The couple's ``text`` for inside markup: escaped once, lines kept."""
    return html.escape(text).replace("\n", "<br>")


def tip(text: str) -> str:
    """A tool tip showing ``text`` as typed (markup, so Qt never guesses; it also wraps)."""
    return f"<p>{as_html(text)}</p>" if text else ""


def button_text(text: str) -> str:
    """``text`` for a button or check box: a typed "&" stays an "&"."""
    return text.replace("&", "&&")


def plain(label: QLabel) -> QLabel:
    """``label`` shows its text exactly as it is (never as HTML)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def rich(label: QLabel) -> QLabel:
    """``label`` shows markup (in which the couple's words were escaped with ``as_html``)."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True,
                role: str | None = None) -> QLabel:
    label = plain(QLabel(parent))
    label.setText(text)
    label.setWordWrap(wrap)
    if role:
        label.setObjectName(role)
    return label


def rich_label(markup: str = "", parent: QWidget | None = None, *, wrap: bool = True,
               role: str | None = None) -> QLabel:
    label = rich(QLabel(parent))
    label.setText(markup)
    label.setWordWrap(wrap)
    if role:
        label.setObjectName(role)
    return label
