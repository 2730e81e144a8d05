"""Your own decks of prompts: make a deck, write prompts into it, let go of either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import HearthError
from app.domain.prompts import DEPTH_HINTS, DEPTH_WORDS, DEPTHS, own_prompt_id
from ui import theme
from ui.bus import DataBus
from ui.models.rituals_models import ROW_ROLE, DecksTableModel, PromptsTableModel
from ui.widgets.common import ErrorLabel, muted, push_button, row_of

if TYPE_CHECKING:
    from app.services import Services


def _table(model, parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    return table


class OwnDecksDialog(QDialog):
    def __init__(self, services: Services, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.setWindowTitle("Your own decks")
        scale = theme.current().text_size.scale
        self.resize(round(1000 * scale), round(620 * scale))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(muted(
            "Questions only the two of you would ask: inside jokes, places you love, things "
            "you're curious about. They join the shuffle like Hearth's own.", self))
        row = QHBoxLayout()
        row.setSpacing(20)
        left = QVBoxLayout()
        self.decks = DecksTableModel(self)
        self.deck_table = _table(self.decks, self, "Your decks")
        left.addWidget(self.deck_table, 1)
        self.deck_title = QLineEdit(self)
        self.deck_title.setPlaceholderText("A name for a new deck")
        self.deck_title.setAccessibleName("Name of a new deck")
        self.deck_title.returnPressed.connect(self.add_deck)
        left.addWidget(self.deck_title)
        left.addLayout(row_of(push_button("Add deck", self.add_deck, self),
                              push_button("Delete deck…", self.delete_deck, self,
                                          name="Delete the chosen deck")))
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.deck_name = QLabel("Choose or add a deck", self)
        self.deck_name.setObjectName("SectionTitle")
        right.addWidget(self.deck_name)
        self.prompts = PromptsTableModel(self)
        self.prompt_table = _table(self.prompts, self, "Prompts in this deck")
        right.addWidget(self.prompt_table, 1)
        self.prompt_text = QLineEdit(self)
        self.prompt_text.setPlaceholderText("A question to ask each other")
        self.prompt_text.setAccessibleName("A new prompt")
        self.prompt_text.returnPressed.connect(self.add_prompt)
        right.addWidget(self.prompt_text)
        self.depth = QComboBox(self)
        self.depth.setAccessibleName("How deep it goes")
        for depth in DEPTHS:
            self.depth.addItem(DEPTH_WORDS[depth], depth)
            self.depth.setItemData(self.depth.count() - 1, DEPTH_HINTS[depth].capitalize(),
                                   Qt.ItemDataRole.ToolTipRole)
        add_prompt = row_of(self.depth, push_button("Add prompt", self.add_prompt, self))
        add_prompt.addWidget(push_button("Delete prompt", self.delete_prompt, self,
                                         name="Delete the chosen prompt"))
        right.addLayout(add_prompt)
        row.addLayout(right, 3)
        layout.addLayout(row, 1)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.deck_table.selectionModel().currentRowChanged.connect(
            lambda *_args: self._show_prompts())
        self.reload()

    def chosen_deck(self):
        index = self.deck_table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else getattr(self.chosen_deck(), "own_id",
                                                                  None)
        own = [d for d in self.services.prompts.decks() if d.own]
        self.decks.set_decks(own)
        row = next((i for i, d in enumerate(own) if d.own_id == keep), 0 if own else -1)
        if row >= 0:
            self.deck_table.selectRow(row)
        self._show_prompts()

    def _show_prompts(self) -> None:
        deck = self.chosen_deck()
        self.deck_name.setText(deck.title if deck else "Add a deck to begin")
        self.prompts.set_prompts(deck.prompts if deck else ())
        for widget in (self.prompt_text, self.depth):
            widget.setEnabled(deck is not None)

    def _done(self, change, select_id: int | None = None) -> None:
        self.error.show_message(None)
        self.bus.publish(change)
        self.reload(select_id)

    def add_deck(self) -> None:
        try:
            deck, change = self.services.prompts.add_deck(self.deck_title.text())
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.deck_title.clear()
        self._done(change, deck.own_id)
        self.prompt_text.setFocus()

    def add_prompt(self) -> None:
        deck = self.chosen_deck()
        if deck is None:
            self.error.show_message("Add a deck first, then write its prompts.")
            return
        try:
            _prompt, change = self.services.prompts.add_prompt(
                deck.own_id, self.prompt_text.text(), self.depth.currentData())
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.prompt_text.clear()
        self._done(change, deck.own_id)

    def delete_deck(self) -> None:
        deck = self.chosen_deck()
        if deck is None:
            return
        answer = QMessageBox.question(
            self, "Delete this deck?",
            f"Delete “{deck.title}” and its {len(deck.prompts)} prompts? This can't be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = self.services.prompts.delete_deck(deck.own_id)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self._done(change)

    def delete_prompt(self) -> None:
        deck = self.chosen_deck()
        index = self.prompt_table.currentIndex()
        prompt = index.data(ROW_ROLE) if index.isValid() else None
        if deck is None or prompt is None:
            self.error.show_message("Choose a prompt to delete.")
            return
        try:
            change = self.services.prompts.delete_prompt(own_prompt_id(prompt.key))
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self._done(change, deck.own_id)
