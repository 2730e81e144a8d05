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
    return template.substitute(values)


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
