"""Render every view to PNG with demo data, offscreen, in light and dark, at each text size.

    uv run python -m ui.screenshots OUT/

Files are named ``<view>-<light|dark>-<normal|large|extra_large>.png`` (plus
``welcome-…`` for the first-run screen, and the safety messages: ``damaged-…`` for data
that failed its check, ``save-refused-…`` for a save the system turned down). It also
refreshes the README's picture, packaging/screenshots/home.png (Home, light, normal text).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

SIZE = (1280, 820)
README_PICTURE = Path("packaging", "screenshots", "home.png")


def render_all(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.domain.settings import TextSize
    from app.paths import db_path
    from app.persistence.migrate import open_database
    from app.services import Services
    from app.services.demo import DemoService
    from ui import theme
    from ui.bus import DataBus
    from ui.fonts import use_bundled_emoji
    from ui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    use_bundled_emoji()  # as Hearth's start does
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="hearth-shots-") as tmp:
        fresh_dir = Path(tmp, "fresh")
        fresh = Services.over(open_database(db_path(fresh_dir)))
        services = None
        try:
            for dark in (False, True):
                for size in TextSize:
                    suffix = f"{'dark' if dark else 'light'}-{size.value}"
                    # A fresh demo each time: some states (the reveal) save a check-in.
                    demo_dir = Path(tmp, f"demo-{suffix}")
                    demo_db = open_database(db_path(demo_dir))
                    DemoService(demo_db).generate(years=2, seed=1)
                    if services is not None:
                        services.close()
                    services = Services.over(demo_db)
                    theme.apply(app, text_size=size, dark=dark)
                    services.settings.update(text_size=size)
                    welcome = MainWindow(fresh, DataBus(), fresh_dir, remember=False)
                    welcome.resize(*SIZE)
                    written.append(_grab(app, welcome, out_dir / f"welcome-{suffix}.png"))
                    _discard(app, welcome)
                    window = MainWindow(services, DataBus(), demo_dir, remember=False)
                    window.resize(*SIZE)
                    window.show()
                    for spec in window._specs:
                        window.show_view(spec.key)
                        written.append(_grab(app, window, out_dir / f"{spec.key}-{suffix}.png"))
                        states = getattr(window.view(spec.key), "screenshot_states", None)
                        for state, set_up in states() if states else ():
                            set_up()
                            if state:
                                name = f"{spec.key}-{state}-{suffix}.png"
                                written.append(_grab(app, window, out_dir / name))
                    written += _privacy_screens(app, window, out_dir, suffix)
                    written += _device_free_screens(app, window, out_dir, suffix)
                    written += _safety_screens(app, window, out_dir, suffix)
                    _discard(app, window)
        finally:
            if services is not None:
                services.close()
            fresh.close()
    return written


def _privacy_screens(app, window, out_dir: Path, suffix: str) -> list[Path]:
    """The passphrase prompt at start, the dialog that sets one, and the locked window."""
    from ui.unlock import PassphraseDialog, UnlockDialog

    written = []
    for name, dialog in (
        ("unlock", UnlockDialog(lambda _text: None)),
        ("passphrase-set", PassphraseDialog(PassphraseDialog.SET, lambda *_: None)),
    ):
        dialog.show()
        app.processEvents()
        written.append(_grab(app, dialog, out_dir / f"{name}-{suffix}.png"))
        _discard(app, dialog)
    if window.services.privacy.protected:
        window.lock()
        written.append(_grab(app, window, out_dir / f"locked-{suffix}.png"))
        window.unlock()
    return written


def _device_free_screens(app, window, out_dir: Path, suffix: str) -> list[Path]:
    """Device-free time for the next planned date night: the start, the clock with a
    question showing, and the look back (with answers chosen, to show the colours)."""
    from datetime import date, timedelta

    from ui.bus import DataBus
    from ui.views.device_free import DeviceFreeWindow

    services = window.services
    couple = services.couple.get()
    upcoming = [o for o in services.calendar.occurrences(date.today(),
                                                         date.today() + timedelta(days=42))
                if o.status == "planned" and o.kind in ("device_free", "date_night")]
    if couple is None or not upcoming:
        return []
    free = DeviceFreeWindow(services, DataBus(), couple, upcoming[0])
    free.resize(*SIZE)
    written = [_grab(app, free, out_dir / f"device-free-start-{suffix}.png")]
    free.begin()
    free.toggle_prompts()
    written.append(_grab(app, free, out_dir / f"device-free-timer-{suffix}.png"))
    free.finish()
    for (_pid, column), (rating, line) in zip(
            free.columns.items(), ((5, "Laughing at the old photos"), (4, "")), strict=False):
        column.rating.set_value(rating)
        column.memory.setText(line)
    written.append(_grab(app, free, out_dir / f"device-free-reflect-{suffix}.png"))
    free.close_without_asking()
    _discard(app, free)
    return written


def _safety_screens(app, window, out_dir: Path, suffix: str) -> list[Path]:
    """What the couple sees when the data failed its check (the offer of the backups) and
    when a save is refused (the status bar, while the words stay in their field)."""
    from app.persistence.database import BUSY
    from ui.main import restore_offer

    box = restore_offer(window)
    box.show()
    written = [_grab(app, box, out_dir / f"damaged-{suffix}.png")]
    _discard(app, box)
    window.show_view("checkins")
    window.statusBar().showMessage(BUSY)
    written.append(_grab(app, window, out_dir / f"save-refused-{suffix}.png"))
    window.statusBar().clearMessage()
    return written


def _discard(app, window) -> None:
    """Close and really delete a window, so later style changes don't repolish it."""
    from PySide6.QtCore import QEvent

    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _grab(app, window, path: Path) -> Path:
    window.show()
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ui.screenshots OUT_DIR", file=sys.stderr)
        return 2
    written = render_all(Path(args[0]))
    for path in written:
        print(path)
    # The README shows Home as it is today, with the demo couple: refreshed with the rest.
    readme_picture = Path(__file__).resolve().parent.parent / README_PICTURE
    if readme_picture.parent.is_dir():
        shutil.copyfile(Path(args[0]) / "home-light-normal.png", readme_picture)
        print(readme_picture)
    return 0


if __name__ == "__main__":
    sys.exit(main())
