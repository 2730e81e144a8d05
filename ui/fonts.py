"""The fonts Hearth brings along for its window: a colour-emoji fallback.

An emoji the couple types ("Walk 🌿 together 💛") is drawn from the system's emoji font.
Windows and macOS always have one; many Linux systems don't, and Qt then draws an empty
box for each. There Hearth registers its own copy of Noto Color Emoji
(resources/fonts/NotoColorEmoji.ttf, SIL Open Font License — OFL-NotoEmoji.txt beside it)
as the application's emoji font. Where the system has a colour-emoji font, Qt's choice is
left alone.

Registering the font takes a few milliseconds, so ui/main.py does it just after the
first paint (the frame holds none of the couple's words), before the data fills it in.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import resource

EMOJI_FAMILY = "Noto Color Emoji"
EMOJI_FILE = resource("fonts", "NotoColorEmoji.ttf")

# Colour-emoji families systems ship (Windows, macOS, the usual Linux packages): with one
# of them installed, emoji already show, and in the look the couple knows from elsewhere.
SYSTEM_EMOJI_FAMILIES = frozenset({
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Twemoji",
    "Twitter Color Emoji", "JoyPixels", "EmojiOne", "EmojiOne Color", "Emoji One",
    "OpenMoji Color", "Blobmoji",
})

_bundled: str | None = None  # the family registered from Hearth's own file, once


def system_has_emoji() -> bool:
    """Whether a colour-emoji font is installed on the system (Hearth's own not counted)."""
    if _bundled is not None:
        return False
    return not SYSTEM_EMOJI_FAMILIES.isdisjoint(QFontDatabase.families())


def use_bundled_emoji(*, even_with_system_emoji: bool = False) -> str | None:
    """Make emoji show as coloured glyphs, not boxes, in every widget: when the system
    has no colour-emoji font (or ``even_with_system_emoji``), register Hearth's Noto Color
    Emoji as the application's emoji font. Returns the family registered (again on later
    calls), or None when the system's own is used or the file can't be read."""
    global _bundled
    if _bundled is not None:
        return _bundled
    if not even_with_system_emoji and system_has_emoji():
        return None
    font_id = QFontDatabase.addApplicationFont(str(EMOJI_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:  # a damaged install: boxes, as before, rather than no start
        return None
    family = families[0]
    if hasattr(QFontDatabase, "addApplicationEmojiFontFamily"):  # Qt 6.9 and newer
        QFontDatabase.addApplicationEmojiFontFamily(family)
    else:  # Qt 6.8: a fallback for the family every widget's font comes from
        app_family = QApplication.font().family()
        QFont.insertSubstitutions(app_family, [*QFont.substitutes(app_family), family])
    _bundled = family
    return family
