"""hearth: the desktop app. This is the composition root:
data dir → database (guard, backup, upgrade) → services → QApplication → MainWindow.

Switches: ``--data-dir DIR`` (also HEARTH_HOME), ``--demo`` (a demo couple in a temporary
data dir, never the couple's own), ``--smoke`` (start fully, paint the first screen once,
exit 0; any start-up failure prints the reason and exits non-zero).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from app import APP_ID, APP_NAME
from app.domain.errors import HearthError
from app.paths import db_path, resolve_data_dir

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hearth", description=f"{APP_NAME} — the desktop app.")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="use this data folder instead of the usual one (also: HEARTH_HOME)")
    parser.add_argument("--demo", action="store_true",
                        help="open a demo couple with generated data in a temporary folder")
    parser.add_argument("--smoke", action="store_true",
                        help="start fully, paint the first screen once, then exit")
    # Qt's own switches (e.g. -platform) pass through untouched.
    args, rest = parser.parse_known_args(argv)
    args.qt_args = rest
    return args


def _prepare_demo() -> Path:
    """A fresh temporary data dir holding a demo couple with generated history."""
    from app.persistence.migrate import open_database
    from app.services.demo import DemoService

    folder = Path(tempfile.mkdtemp(prefix="hearth-demo-"))
    db = open_database(db_path(folder))
    try:
        DemoService(db).generate(years=2, seed=1)
    finally:
        db.close()
    return folder


def _show_refusal(message: str, smoke: bool) -> None:
    print(f"hearth: {message}", file=sys.stderr)
    if smoke:
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} can't open your data", message)
    box.setInformativeText("Nothing has been changed. You can quit Hearth safely.")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()


def _only_instance(data_dir: Path, smoke: bool):
    """This start's hold on the data folder, or None when a window already has it."""
    from ui.single_instance import SingleInstance

    instance = SingleInstance(data_dir)
    if instance.acquire():
        return instance
    print(f"hearth: Hearth is already open for {data_dir}; showing that window.",
          file=sys.stderr)
    return None


def _unlock(path: Path):
    """Ask for the passphrase until it opens the data, or the couple wants another way out.

    Returns (outcome, database or None, the problem to explain, the passphrase typed)."""
    from app.persistence.database import Passphrase
    from app.persistence.migrate import StartupRefused, WrongPassphrase, open_database
    from ui.unlock import FORGOTTEN, MORE, UnlockDialog

    result: dict = {}

    def check(text: str) -> str | None:
        try:
            result["passphrase"] = Passphrase(text)
            result["db"] = open_database(path, passphrase=result["passphrase"])
        except (ValueError, WrongPassphrase):
            return ("That passphrase doesn't open your data. Please check it — capitals and "
                    "spaces count — and try again.")
        except StartupRefused as refused:  # the right passphrase, another problem
            result["problem"] = refused.message
        return None

    dialog = UnlockDialog(check)
    dialog.exec()
    if "problem" in result:
        return MORE, None, result["problem"], result.get("passphrase")
    if "db" in result:
        return dialog.outcome, result["db"], None, result["passphrase"]
    return dialog.outcome, None, FORGOTTEN if dialog.outcome == MORE else None, \
        result.get("passphrase")


def _install_excepthook(data_dir: Path) -> None:
    """Unexpected errors: log the details, show a calm message, keep the app running."""

    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        print(details, file=sys.stderr)
        try:
            with open(data_dir / "hearth-errors.log", "a", encoding="utf-8") as log:
                log.write(details + "\n")
        except OSError:
            pass
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        if isinstance(value, HearthError):
            QMessageBox.information(None, APP_NAME, value.message)
            return
        QMessageBox.warning(
            None, APP_NAME,
            "Something went wrong on Hearth's side. What you saved before is safe. "
            "If it keeps happening, the details are in hearth-errors.log in your data folder.",
        )

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from ui import theme

    app = QApplication.instance() or QApplication([sys.argv[0], *args.qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(theme.app_icon())
    theme.apply(app)

    from app.persistence.migrate import NeedsPassphrase, StartupRefused, open_database
    from ui.unlock import QUIT as UNLOCK_QUIT

    demo_dir: Path | None = None
    try:
        if args.demo:
            demo_dir = _prepare_demo()
            data_dir = demo_dir
        else:
            data_dir = resolve_data_dir(args.data_dir)
    except Exception as exc:
        _show_refusal(f"Hearth couldn't start: {type(exc).__name__}: {exc}", args.smoke)
        return EXIT_REFUSED
    passphrase = None
    while True:
        instance = _only_instance(data_dir, args.smoke)
        if instance is None:
            return EXIT_OK  # the open window was asked to come to the front
        try:
            db = open_database(db_path(data_dir), passphrase=passphrase)
            break
        except NeedsPassphrase as exc:
            if args.smoke or args.demo:
                problem = exc.message
            else:
                outcome, opened, problem, passphrase = _unlock(db_path(data_dir))
                if opened is not None:
                    db = opened
                    break
                if outcome == UNLOCK_QUIT:
                    instance.release()
                    return EXIT_REFUSED
        except StartupRefused as exc:
            problem = exc.message
        except Exception as exc:  # anything else at start-up: say it plainly
            problem = f"Hearth couldn't start: {type(exc).__name__}: {exc}"
        instance.release()
        if args.smoke or args.demo:
            _show_refusal(problem, smoke=True)
            return EXIT_REFUSED
        from ui.startup_problem import CHOOSE, QUIT, ask

        print(f"hearth: {problem}", file=sys.stderr)
        choice, data_dir = ask(problem, data_dir, passphrase=passphrase)
        if choice == QUIT:
            return EXIT_REFUSED
        if choice == CHOOSE:
            passphrase = None

    from app.services import Services
    from ui.bus import DataBus
    from ui.main_window import MainWindow

    services = Services.over(db)
    bus = DataBus()
    benchmark = os.environ.get("HEARTH_BENCHMARK")  # see ui/benchmark_hooks.py
    # A benchmark run neither reads nor writes the window's remembered size and view.
    window = MainWindow(services, bus, data_dir, remember=not (args.demo or benchmark))
    theme_settings = services.settings.get()
    if theme_settings.text_size != theme.current().text_size:
        window.apply_settings()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: window.retheme(
        theme.system_prefers_dark()))
    if args.demo:
        window.setWindowTitle(f"{APP_NAME} — demo")
    instance.activated.connect(window.bring_to_front)
    if not args.smoke:
        _install_excepthook(data_dir)

    exit_code = EXIT_OK
    if args.smoke:
        class FirstPaint(QObject):
            """Quit once any widget of the window has painted (the first screen is up)."""

            def eventFilter(self, watched, event) -> bool:
                if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                        and watched.window() is window):
                    app.removeEventFilter(self)
                    QTimer.singleShot(0, app.quit)
                return False

        first_paint = FirstPaint(window)
        app.installEventFilter(first_paint)

        def never_painted() -> None:
            nonlocal exit_code
            print("hearth: the window was never painted.", file=sys.stderr)
            exit_code = EXIT_REFUSED
            app.quit()

        QTimer.singleShot(30_000, never_painted)

    if benchmark:  # benchmarks/: print timestamps and quit
        from ui.benchmark_hooks import install

        hook = install(app, window, benchmark)  # noqa: F841 - kept alive with the window
    window.show()
    keeper = None
    if not args.smoke and not args.demo and not benchmark:
        from ui.backup_keeper import BackupKeeper

        keeper = BackupKeeper(services, app)
    code = app.exec()
    if keeper is not None:
        keeper.stop()
    if args.smoke and exit_code == EXIT_OK:
        screen = "welcome" if window.welcome is not None else window.current_view_key()
        print(f"hearth: started and painted the {screen} screen.")
    window.close()
    services.close()
    instance.release()
    if demo_dir is not None:
        shutil.rmtree(demo_dir, ignore_errors=True)
    return exit_code or code


if __name__ == "__main__":
    sys.exit(main())
