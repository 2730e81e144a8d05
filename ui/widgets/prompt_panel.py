"""One conversation prompt at a time, in large type: choose a deck and how deep to go,
then "Another one", "Skip", "★ Favourite" and "We talked about it".

Used by Together's prompts card, the weekly talk, device-free time and a date night in the
calendar — one widget, so prompts behave the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import HearthError
from app.domain.prompts import ALL_DECKS, DEPTH_HINTS, DEPTH_WORDS, DEPTHS, FAVOURITES, Prompt
from ui.widgets.common import ErrorLabel, muted, push_button
from ui.widgets.reflow import wrap_row
from ui.widgets.shown_text import plain

if TYPE_CHECKING:
    from app.services import Services


class PromptPanelWidget(QWidget):
    """Draws prompts through ``services.prompts``; says what changed on ``changed``."""

    changed = Signal(object)  # ChangeSet, for the window's bus

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 depths: tuple[str, ...] = ("light", "deeper"), compact: bool = False) -> None:
        super().__init__(parent)
        self.services = services
        self.prompt: Prompt | None = None
        self.titles: dict[str, str] = {}  # deck key → title, read with the deck list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        choose_box, choose = wrap_row(self)  # wraps at large text
        self.deck = QComboBox(choose_box)
        self.deck.setAccessibleName("Deck")
        self.deck.setMinimumContentsLength(12)
        self.deck.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        choose.add(QLabel("Deck", choose_box))
        choose.add(self.deck, 1, 22)
        self.depths: dict[str, QCheckBox] = {}
        for depth in DEPTHS:
            box = QCheckBox(DEPTH_WORDS[depth], choose_box)
            box.setToolTip(DEPTH_HINTS[depth].capitalize())
            box.setAccessibleName(f"{DEPTH_WORDS[depth]} prompts ({DEPTH_HINTS[depth]})")
            box.setChecked(depth in depths)
            box.toggled.connect(lambda _on, d=depth: self._depth_toggled(d))
            self.depths[depth] = box
            choose.add(box)
        layout.addWidget(choose_box)

        self.text = plain(QLabel(self))  # your own decks' prompts, as written
        self.text.setObjectName("PromptText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("The prompt")
        self.text.setMinimumHeight(90 if compact else 130)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text)
        self.about = plain(muted("", self))
        self.about.setAccessibleName("Deck and depth of the prompt")
        layout.addWidget(self.about)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)

        buttons_box, buttons = wrap_row(self)
        self.another = push_button("Another one", self.draw, buttons_box, primary=True)
        self.skip = push_button("Skip", self.draw, buttons_box, name="Skip this prompt")
        self.favourite = QPushButton("☆ Favourite", buttons_box)
        self.favourite.setCheckable(True)
        self.favourite.setAccessibleName("Favourite")
        self.favourite.toggled.connect(self._favourite_toggled)
        self.talked = push_button("✓ We talked about it", self._talked, buttons_box,
                                  name="We talked about it")
        for button in (self.another, self.skip, self.favourite, self.talked):
            buttons.add(button)
        layout.addWidget(buttons_box)
        self.deck.currentIndexChanged.connect(lambda _i: self.draw())
        self.reload_decks()

    # -- decks -------------------------------------------------------------------------------

    def reload_decks(self, keep: str | None = None) -> None:
        """Fill the deck list (Hearth's and the couple's own), keeping the choice."""
        keep = keep or self.deck.currentData() or ALL_DECKS
        self.deck.blockSignals(True)
        self.deck.clear()
        self.deck.addItem("All decks, shuffled", ALL_DECKS)
        self.deck.addItem("★ Your favourites", FAVOURITES)
        self.titles = {}
        for deck in self.services.prompts.decks():
            label = f"{deck.title} (yours)" if deck.own else deck.title
            self.deck.addItem(label, deck.key)
            self.titles[deck.key] = deck.title
        index = self.deck.findData(keep)
        self.deck.setCurrentIndex(max(0, index))
        self.deck.blockSignals(False)

    def choose_deck(self, key: str) -> None:
        index = self.deck.findData(key)
        if index >= 0:
            self.deck.setCurrentIndex(index)

    def chosen_depths(self) -> tuple[str, ...]:
        return tuple(d for d, box in self.depths.items() if box.isChecked())

    # -- one prompt --------------------------------------------------------------------------

    def draw(self) -> None:
        """Show the next prompt (the one on screen counts as seen, so it won't be back
        until the rest of the deck has had its turn)."""
        depths = self.chosen_depths()
        if not depths:
            self.error.show_message("Choose at least one depth — light is a good start.")
            return
        try:
            prompt, change = self.services.prompts.next(
                self.deck.currentData() or ALL_DECKS, depths,
                after=self.prompt.key if self.prompt else None)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self.show_prompt(prompt)
        self.changed.emit(change)

    def show_prompt(self, prompt: Prompt | None) -> None:
        self.prompt = prompt
        has = prompt is not None
        for button in (self.skip, self.favourite, self.talked):
            button.setEnabled(has)
        if not has:
            empty = ("No favourites yet — tap ☆ on a prompt you'd like to keep."
                     if self.deck.currentData() == FAVOURITES
                     else "No prompts here at these depths yet.")
            self.text.setText(empty)
            self.about.setText("")
            return
        self.text.setText(prompt.text)
        self.about.setText(f"{self.titles.get(prompt.deck, '')} · {DEPTH_WORDS[prompt.depth]}")
        marks = self.services.prompts.marks().get(prompt.key)
        self.favourite.blockSignals(True)
        self.favourite.setChecked(bool(marks and marks.favourite))
        self.favourite.setText("★ Favourite" if marks and marks.favourite else "☆ Favourite")
        self.favourite.blockSignals(False)

    def _depth_toggled(self, _depth: str) -> None:
        if self.chosen_depths():
            self.draw()
        else:
            self.error.show_message("Choose at least one depth — light is a good start.")

    def _favourite_toggled(self, on: bool) -> None:
        if self.prompt is None:
            return
        try:
            change = self.services.prompts.set_favourite(self.prompt.key, on)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.favourite.setText("★ Favourite" if on else "☆ Favourite")
        self.changed.emit(change)

    def _talked(self) -> None:
        if self.prompt is None:
            return
        try:
            change = self.services.prompts.talked_about(self.prompt.key)
        except HearthError as exc:
            self.error.show_message(exc.message)
            return
        self.changed.emit(change)
        self.draw()
