"""Asking before words are thrown away.

Every dialog that takes the couple's writing (a goal, an event, an edited check-in) calls
``may_discard`` from its ``reject`` — which Escape, *Cancel* and the window's close button
all go through — and stays open unless nothing changed or they chose to discard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

DISCARD_TITLE = "Discard what you wrote?"


def ask_first(parent: QWidget, title: str, text: str, informative: str, go: str,
              stay: str) -> bool:
    """Ask before something that can't be taken back; True only when the couple chose
    ``go``. ``stay`` — the safe answer — is what Enter and Escape choose."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(informative)
    chosen = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole)
    safe = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is chosen


def ask_to_discard(parent: QWidget, text: str = "What you wrote here hasn't been saved.") -> bool:
    """Ask; True only when the couple chose *Discard*. Escape and Enter keep writing."""
    return ask_first(parent, DISCARD_TITLE, text, "Discard it, or keep writing?", "Discard",
                     "Keep writing")


def may_discard(parent: QWidget, changed: bool) -> bool:
    """Whether a dialog may close without saving: nothing changed, or the couple said so."""
    return not changed or ask_to_discard(parent)
