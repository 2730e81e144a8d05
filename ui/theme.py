"""Hearth's look: a calm, warm palette for light and dark, and live text sizes.

The scheme follows the OS (``QStyleHints.colorScheme``) unless ``HEARTH_COLOR_SCHEME`` is
``light`` or ``dark`` (used by screenshots and tests). Partner colours come from the
accessible palette in app.domain.couple, in the variant that reads well on the background.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.settings import TextSize
from resources import resource

if TYPE_CHECKING:
    from app.domain.couple import Partner

BASE_POINT_SIZE = 13  # "normal": comfortably readable from a sofa

LIGHT = {
    "bg": "#fbf6f0",
    "surface": "#ffffff",
    "sidebar": "#f4ebe1",
    "input": "#ffffff",
    "text": "#2b2420",
    "muted": "#6a5d55",
    "border": "#eadfd4",
    "border_strong": "#cdbfb2",
    "hover": "#f1e6da",
    "accent": "#b24a26",
    "accent_hover": "#9a3d1d",
    "accent_soft": "#f6d9c9",
    "on_accent": "#ffffff",
    "error": "#a8200d",
}
DARK = {
    "bg": "#1e1a18",
    "surface": "#2a2421",
    "sidebar": "#25201d",
    "input": "#1a1715",
    "text": "#f4ede7",
    "muted": "#c2b5ab",
    "border": "#3b332e",
    "border_strong": "#5a4e47",
    "hover": "#352d29",
    "accent": "#f0925f",
    "accent_hover": "#f5a77b",
    "accent_soft": "#4a3429",
    "on_accent": "#1e1a18",
    "error": "#ff8a75",
}


@dataclass(frozen=True)
class Theme:
    dark: bool
    text_size: TextSize

    @property
    def tokens(self) -> dict[str, str]:
        return DARK if self.dark else LIGHT

    def colour(self, token: str) -> str:
        return self.tokens[token]

    def partner_hex(self, partner: Partner | str) -> str:
        """The partner's colour, in the variant readable on this theme's background."""
        key = partner if isinstance(partner, str) else partner.colour
        from app.domain.couple import PALETTE_BY_KEY  # not needed before the first paint

        colour = PALETTE_BY_KEY.get(key)
        if colour is None:
            return self.colour("accent")
        return colour.dark if self.dark else colour.light

    def point_size(self, factor: float = 1.0) -> int:
        return round(BASE_POINT_SIZE * self.text_size.scale * factor)


_current = Theme(dark=False, text_size=TextSize.NORMAL)


def current() -> Theme:
    return _current


def system_prefers_dark() -> bool:
    forced = os.environ.get("HEARTH_COLOR_SCHEME", "").lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def stylesheet(theme: Theme) -> str:
    template = Template(resource("styles", "hearth.qss").read_text(encoding="utf-8"))
    values = dict(theme.tokens)
    values.update(
        base=str(theme.point_size()),
        h1=str(theme.point_size(1.75)),
        h2=str(theme.point_size(1.3)),
        prompt=str(theme.point_size(1.6)),
        timer=str(theme.point_size(5)),
        swatch_radius=str(swatch_size(theme) // 2),
        icons=resource("icons").as_posix(),
    )
    return template.substitute(values) + Template(SIZED_CONTROLS).substitute(
        values, **sized_controls(theme))


# Controls whose parts Qt sizes in pixels, not from the text: the round and square
# indicators, the buttons of time and number fields, a date field's calendar button. Sized
# here from the text size, so that they grow with it; fields line up with line edits.
# Appended after hearth.qss, so these rules win over its own for the same controls.
SIZED_CONTROLS = """
/* Radio buttons and check boxes: the indicator is as big as the text beside it. */
QRadioButton::indicator, QCheckBox::indicator {
    width: ${indicator}px;
    height: ${indicator}px;
}
QRadioButton::indicator {
    border-radius: ${indicator_radius}px;
}
QCheckBox::indicator {
    border: 2px solid $border_strong;
    border-radius: ${check_radius}px;
    background: $surface;
}
QCheckBox::indicator:checked {
    border: 2px solid $accent;
    background: $accent;
    image: url("$icons/check-${check}.svg");
}
QCheckBox::indicator:focus, QCheckBox::indicator:hover,
QRadioButton::indicator:hover {
    border: 2px solid $accent;
}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {
    border: 2px solid $border;
}

/* Time and number fields: the box of a line edit, with a full-height button on each side:
   less at the left, more at the right. Qt places their text after the left-hand button
   whatever the padding (so the left padding only counts in the width they ask for), and
   adds the right-hand button to that width itself. */
QAbstractSpinBox {
    background: $input;
    border: 1px solid $border_strong;
    border-radius: 10px;
    padding: ${spin_pad_top}px 4px ${spin_pad_bottom}px ${spin_button}px;
    selection-background-color: $accent;
    selection-color: $on_accent;
}
QAbstractSpinBox:focus {
    border: 2px solid $accent;
    padding: ${spin_pad_top_focus}px 3px ${spin_pad_bottom_focus}px ${spin_button}px;
}
QAbstractSpinBox:disabled {
    color: $muted;
}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {
    subcontrol-origin: padding;
    position: absolute;  /* top and bottom 0: as tall as the field */
    top: 0;
    bottom: 0;
    width: ${spin_button}px;
    border: none;
    background: transparent;
}
QAbstractSpinBox::down-button {
    subcontrol-position: center left;
    border-top-left-radius: 9px;
    border-bottom-left-radius: 9px;
}
QAbstractSpinBox::up-button {
    subcontrol-position: center right;
    border-top-right-radius: 9px;
    border-bottom-right-radius: 9px;
}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {
    background: $hover;
}
QAbstractSpinBox::up-button:pressed, QAbstractSpinBox::down-button:pressed {
    background: $accent_soft;
}
QAbstractSpinBox::up-arrow, QAbstractSpinBox::down-arrow {
    width: ${spin_arrow}px;
    height: ${spin_arrow}px;
}
QAbstractSpinBox::up-arrow {
    image: url("$icons/plus.svg");
}
QAbstractSpinBox::down-arrow {
    image: url("$icons/minus.svg");
}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off,
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {
    image: none;
}

/* A date field with a calendar: its button sits inside the rounded field, as a combo's. */
QDateTimeEdit[calendarPopup="true"] {
    padding: ${spin_pad_top}px ${date_pad_right}px ${spin_pad_bottom}px 10px;
}
QDateTimeEdit[calendarPopup="true"]:focus {
    padding: ${spin_pad_top_focus}px ${date_pad_right_focus}px ${spin_pad_bottom_focus}px 9px;
}
QDateTimeEdit[calendarPopup="true"]::drop-down {
    subcontrol-origin: padding;
    subcontrol-position: center right;
    width: ${spin_button}px;
    border: none;
    background: transparent;
}
QDateTimeEdit[calendarPopup="true"]::down-arrow, QComboBox::down-arrow {
    image: url("$icons/chevron-down.svg");
    width: ${drop_arrow}px;
    height: ${drop_arrow}px;
}

/* Dialog buttons say what they do in words; no stray icons from the desktop's theme. */
QDialogButtonBox {
    dialogbuttonbox-buttons-have-icons: 0;
}
"""


def indicator_size(theme: Theme) -> int:
    """A radio button's or check box's indicator, in pixels: the text's size (1pt = 4/3 px),
    even, so that a round one is round."""
    return 2 * round(theme.point_size() * 2 / 3)


def sized_controls(theme: Theme) -> dict[str, str]:
    indicator = indicator_size(theme)
    button = round(26 * theme.text_size.scale)  # a field's -/+ or calendar button
    # Qt makes a spin box 3px taller than a line edit with the same padding: take them off.
    top, bottom = 7, 6
    return {key: str(value) for key, value in {
        "indicator": indicator,
        "indicator_radius": indicator // 2 + 2,  # round, with its 2px border
        "check_radius": max(4, indicator // 4),
        "check": "dark" if theme.dark else "light",
        "spin_button": button,
        "spin_arrow": round(14 * theme.text_size.scale),
        "drop_arrow": round(16 * theme.text_size.scale),
        "spin_pad_top": top,
        "spin_pad_bottom": bottom,
        "spin_pad_top_focus": top - 1,
        "spin_pad_bottom_focus": bottom - 1,
        "date_pad_right": button + 4,
        "date_pad_right_focus": button + 3,
    }.items()}


def swatch_size(theme: Theme) -> int:
    return round(40 * theme.text_size.scale)


def palette(theme: Theme) -> QPalette:
    t = theme.tokens
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: t["bg"],
        QPalette.ColorRole.WindowText: t["text"],
        QPalette.ColorRole.Base: t["input"],
        QPalette.ColorRole.AlternateBase: t["sidebar"],
        QPalette.ColorRole.Text: t["text"],
        QPalette.ColorRole.Button: t["surface"],
        QPalette.ColorRole.ButtonText: t["text"],
        QPalette.ColorRole.Highlight: t["accent"],
        QPalette.ColorRole.HighlightedText: t["on_accent"],
        QPalette.ColorRole.ToolTipBase: t["surface"],
        QPalette.ColorRole.ToolTipText: t["text"],
        QPalette.ColorRole.PlaceholderText: t["muted"],
        QPalette.ColorRole.Link: t["accent"],
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(t["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(t["muted"]))
    return pal


# Qt's own switch for the style, for a QApplication Hearth creates: Fusion from the start.
STYLE_ARGS = ("-style", "Fusion")


def use_fusion(app: QApplication, *, from_args: bool = False) -> None:
    """Hearth's look is drawn on Fusion on every OS. Set once per application (``from_args``:
    the application was made with STYLE_ARGS): setting a style re-polishes every widget,
    and ``setStyle`` hands back the new style, whose Python wrapper (a dozen enums) costs
    ~6 ms before the first paint."""
    if app.property("hearth_style") != "Fusion":
        if not from_args:
            app.setStyle("Fusion")
        app.setProperty("hearth_style", "Fusion")


def apply(app: QApplication, text_size: TextSize | None = None, dark: bool | None = None) -> Theme:
    """Apply the theme to the whole application, live. Returns the theme in force."""
    global _current
    theme = Theme(
        dark=system_prefers_dark() if dark is None else dark,
        text_size=_current.text_size if text_size is None else text_size,
    )
    if theme == _current and app.property("hearth_theme") == repr(theme):
        return theme  # already in force: re-polishing every widget would be wasted work
    _current = theme
    app.setProperty("hearth_theme", repr(theme))
    use_fusion(app)
    app.setPalette(palette(theme))
    font = QFont(app.font())
    font.setPointSize(theme.point_size())
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme))
    return theme


@cache
def app_icon() -> QIcon:
    """Hearth's icon (made once: the application and its window both show it)."""
    return QIcon(str(resource("icons", "hearth.svg")))
