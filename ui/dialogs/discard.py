"""Asking before words are thrown away.

Every dialog that takes the couple's writing (a goal, an event, an edited check-in) calls
``may_discard`` from its ``reject`` — which Escape, *Cancel* and the window's close button
all go through — and stays open unless nothing changed or they chose to discard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

DISCARD_TITLE = "Discard what you wrote?"


def ask_to_discard(parent: QWidget, text: str = "What you wrote here hasn't been saved.") -> bool:
    """Ask; True only when the couple chose *Discard*. Escape and Enter keep writing."""
    box = QMessageBox(QMessageBox.Icon.Question, DISCARD_TITLE, text, parent=parent)
    box.setInformativeText("Discard it, or keep writing?")
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep writing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def may_discard(parent: QWidget, changed: bool) -> bool:
    """Whether a dialog may close without saving: nothing changed, or the couple said so."""
    return not changed or ask_to_discard(parent)
