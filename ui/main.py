"""hearth: the desktop app. This is the composition root:
QApplication → the window's frame, painted at once → (after that first paint) data dir →
database (guard, backup, upgrade) → services → the window filled in.

Nothing heavy happens before the first paint: the frame needs only Qt and the theme. The
database is opened right after, while the window is already up, and Home reads what it
shows in plain SQL (app/persistence/glance.py); SQLAlchemy and the other services are
imported on a second thread once Home has painted.

Switches: ``--data-dir DIR`` (also HEARTH_HOME), ``--demo`` (a demo couple in a temporary
data dir, never the couple's own), ``--smoke`` (start fully, paint the first screen once,
exit 0; any start-up failure prints the reason and exits non-zero).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
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


def _prepare_demo(folder: Path) -> None:
    """A demo couple with generated history in ``folder`` (a fresh temporary folder)."""
    from app.persistence.migrate import open_database
    from app.services.demo import DemoService

    db = open_database(db_path(folder))
    try:
        DemoService(db).generate(years=2, seed=1)
    finally:
        db.close()


def _show_refusal(message: str, smoke: bool) -> None:
    print(f"hearth: {message}", file=sys.stderr)
    if smoke:
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} can't open your data", message)
    box.setInformativeText("Nothing has been changed. You can quit Hearth safely.")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()


def _logged(data_dir: Path, exc: Exception, doing: str = "Starting") -> str:
    """Log ``exc`` (where it happened, none of its message) and say what it was in one
    line that holds none of the couple's words either."""
    from app import logs

    logs.report(data_dir, doing, exc)
    return logs.describe(exc)


def _only_instance(data_dir: Path):
    """This start's hold on the data folder (not yet listening for a second start), or None
    when a window already has it. Raises FolderUnusable (a HearthError) when the folder
    can't be used at all."""
    from ui.single_instance import SingleInstance

    instance = SingleInstance(data_dir)
    if instance.acquire(listen=False):
        return instance
    print(f"hearth: Hearth is already open for {data_dir}; showing that window.",
          file=sys.stderr)
    return None


def _unlock(path: Path, parent=None):
    """Ask for the passphrase until it opens the data, or the couple wants another way out.

    Returns (outcome, database or None, the problem to explain, the passphrase typed)."""
    from app.persistence.database import Passphrase
    from app.persistence.migrate import StartupRefused, WrongPassphrase, open_database
    from ui.unlock import FORGOTTEN, MORE, UnlockDialog

    result: dict = {}

    def check(text: str) -> str | None:
        try:
            result["passphrase"] = Passphrase(text)
            result["db"] = open_database(path, passphrase=result["passphrase"], check=False)
        except (ValueError, WrongPassphrase):
            return ("That passphrase doesn't open your data. Please check it — capitals and "
                    "spaces count — and try again.")
        except StartupRefused as refused:  # the right passphrase, another problem
            result["problem"] = refused.message
        return None

    dialog = UnlockDialog(check, parent)
    dialog.exec()
    if "problem" in result:
        return MORE, None, result["problem"], result.get("passphrase")
    if "db" in result:
        return dialog.outcome, result["db"], None, result["passphrase"]
    return dialog.outcome, None, FORGOTTEN if dialog.outcome == MORE else None, \
        result.get("passphrase")


def _install_excepthook(data_dir: Path) -> None:
    """Unexpected errors: log where they happened (never their messages, which can hold
    the couple's words — see app/logs.py), show a calm message, keep the app running."""

    def hook(kind, value, tb) -> None:
        try:
            from app import logs

            details = logs.report(data_dir, "Unexpected error", value, tb)
        except Exception:  # never the original message, even when the log can't be had
            details = f"Unexpected error: {kind.__name__}"
        print(f"hearth: {details}", file=sys.stderr)
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


# What the other views and the first save import (SQLAlchemy, the models, the services);
# Home's first read needs none of it (app/persistence/glance.py).
WARM_UP = (
    "app.persistence.models", "app.persistence.repositories", "app.services.couple",
    "app.services.settings", "app.services.checkins", "app.services.goals",
    "app.services.calendar", "app.services.worksheets", "app.services.drafts",
)


# The warm-up starts once Home has been on screen this long: it holds Python's lock for
# most of ~0.4 s, and a view opened at once (Trends: matplotlib, no SQLAlchemy) would share
# the processor with it. A view that needs SQLAlchemy before then imports it itself.
WARM_UP_AFTER_MS = 1000


def warm_up() -> None:
    """Import SQLAlchemy and the services on a second thread soon after Home shows, so the
    first click elsewhere doesn't wait for them. Nothing but imports happens there (app/
    never imports Qt)."""
    from importlib import import_module

    def imports() -> None:
        for name in WARM_UP:
            try:
                import_module(name)
            except Exception:  # the same import on the main thread will say why
                return

    threading.Thread(target=imports, name="hearth-warm-up", daemon=True).start()


def restore_offer(window):
    """The message that the data looks damaged and is only shown, offering the backups
    (its default button, "Show the backups", is the AcceptRole one)."""
    from PySide6.QtWidgets import QMessageBox

    from app.persistence.database import DAMAGED

    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} found a problem", DAMAGED,
                      parent=window)
    show = box.addButton("Show the backups", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(show)
    return box


def offer_restore(window) -> None:
    """Ask, and show the backups in Settings if the couple wants them."""
    box = restore_offer(window)
    box.exec()
    if box.clickedButton() is box.defaultButton():
        window.show_view("settings")


class Start:
    """Everything after the first paint: open the data (asking for the passphrase, or what
    to do about a problem, as needed), then fill in the window. Ends the event loop with
    EXIT_REFUSED when the couple chooses to quit instead."""

    def __init__(self, app, window, args: argparse.Namespace, data_dir: Path,
                 instance, benchmark: str | None) -> None:
        self.app, self.window, self.args = app, window, args
        self.data_dir, self.instance, self.benchmark = data_dir, instance, benchmark
        self.services = None
        self.keeper = None

    def run(self) -> None:
        from app.persistence.migrate import NeedsPassphrase, StartupRefused, open_database
        from ui.fonts import use_bundled_emoji
        from ui.unlock import QUIT as UNLOCK_QUIT

        use_bundled_emoji()  # emoji in colour, not boxes, before the couple's words show
        args, window = self.args, self.window
        quietly = args.smoke or args.demo
        passphrase = None
        unlocked = None  # the database the passphrase prompt opened
        while True:
            try:
                if args.demo:
                    _prepare_demo(self.data_dir)
                elif unlocked is None:
                    self._finish_interrupted_change(quietly)
                db = unlocked or open_database(db_path(self.data_dir), passphrase=passphrase,
                                               check=args.smoke)  # else in the background
                unlocked = None
                self._attach(db)
                break
            except NeedsPassphrase as exc:
                if quietly:
                    problem = exc.message
                else:
                    outcome, opened, problem, passphrase = _unlock(db_path(self.data_dir),
                                                                   window)
                    if opened is not None:
                        unlocked = opened
                        continue
                    if outcome == UNLOCK_QUIT:
                        self.app.exit(EXIT_REFUSED)
                        return
            except StartupRefused as exc:
                problem = exc.message
            except Exception as exc:  # anything else at start-up: say it plainly
                problem = f"Hearth couldn't start: {_logged(self.data_dir, exc)}."
            if quietly:
                _show_refusal(problem, smoke=True)
                self.app.exit(EXIT_REFUSED)
                return
            from ui.startup_problem import CHOOSE, QUIT, ask

            print(f"hearth: {problem}", file=sys.stderr)
            choice, data_dir = ask(problem, self.data_dir, window, passphrase=passphrase)
            if choice == QUIT:
                self.app.exit(EXIT_REFUSED)
                return
            if choice == CHOOSE:
                passphrase = None
            if data_dir != self.data_dir:  # one Hearth per folder: hold the new one instead
                self.instance.release()
                try:
                    instance = _only_instance(data_dir)
                except HearthError as refused:
                    _show_refusal(refused.message, smoke=False)
                    self.app.exit(EXIT_REFUSED)
                    return
                if instance is None:
                    self.app.exit(EXIT_OK)  # that folder's window was asked to come forward
                    return
                self.instance, self.data_dir = instance, data_dir

        from ui.painted import after_next_paint

        self.instance.activated.connect(window.bring_to_front)
        after_next_paint(window, lambda: self._home_shown(db))

    def _finish_interrupted_change(self, quietly: bool) -> None:
        """A passphrase change stopped halfway is finished or undone before the data is
        looked at (app/services/privacy.py); the couple is told which."""
        from app.services.privacy import finish_interrupted_rekey

        said = finish_interrupted_rekey(self.data_dir)
        if said is None:
            return
        print(f"hearth: {said}", file=sys.stderr)
        if not quietly:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self.window, APP_NAME, said)

    def _home_shown(self, db) -> None:
        """The first screen shows the data: now the work that can wait for it."""
        self.instance.listen()
        from app.logs import forget_old_log

        forget_old_log(self.data_dir)  # an older Hearth's log held whole tracebacks
        self._check_in_background(db)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(WARM_UP_AFTER_MS, self.window, warm_up)
        if not (self.args.smoke or self.args.demo or self.benchmark):
            from ui.backup_keeper import BackupKeeper

            self.keeper = BackupKeeper(self.services, self.app)

    def _attach(self, db) -> None:
        """Fill in the window from ``db``. Reading damage that the skipped whole-file check
        would have caught raises DamagedDatabase, with the window back to its outline."""
        from app.persistence.database import driver_errors
        from app.persistence.migrate import DamagedDatabase, damaged_message, quick_check
        from app.services import Services

        services = Services.over(db)
        try:
            self.window.attach(services, self.data_dir)
        except Exception as exc:
            damaged = isinstance(exc, driver_errors("DatabaseError")) or isinstance(
                getattr(exc, "orig", None), driver_errors("DatabaseError"))
            self.window.detach()
            services.close()
            problems = quick_check(db) if damaged else []
            if problems:
                raise DamagedDatabase(damaged_message(db.path, problems[0])) from None
            raise
        self.services = services

    def _check_in_background(self, db) -> None:
        """SQLite's quick_check reads the whole file, so it runs once the data shows. Damaged
        data is shown but never written from then on (``Database.healthy``: no save, no
        backup); the file is left as it is, and the couple is offered the restore."""
        from app.persistence.migrate import quick_check
        from ui.workers import run_in_background

        def found(problems: list[str]) -> None:
            if not problems:
                return
            print("hearth: the data file looks damaged; Hearth shows it without saving.",
                  file=sys.stderr)
            if self.args.smoke:
                self.app.exit(EXIT_REFUSED)
                return
            offer_restore(self.window)

        def failed(exc: Exception) -> None:
            said = _logged(self.data_dir, exc, "Checking the data file")
            print(f"hearth: couldn't check the data file: {said}", file=sys.stderr)

        run_in_background(lambda: quick_check(db), found, failed)

    def close(self) -> None:
        from PySide6.QtCore import QThreadPool

        if self.keeper is not None:
            self.keeper.stop()
        QThreadPool.globalInstance().waitForDone()  # e.g. the check, before the file closes
        if self.services is not None:
            self.services.close()
        self.instance.release()


def _without_feature_scan() -> Callable[[], None]:
    """Turn off PySide6's ``__feature__`` import hook; returns what turns it back on.

    Importing PySide6 replaces ``builtins.__import__`` so that ``from __feature__ import
    snake_case`` can work; as a side effect, every module imported afterwards has its whole
    source read (inspect.getsource) and kept in linecache, to see whether it mentions
    PySide6. Hearth uses no ``__feature__``, and it imports SQLAlchemy, its models and
    matplotlib after Qt: the scan cost ~150 ms and ~37 MB on the first open of Trends.
    With PySide's import no longer in the way, a module that isn't registered simply
    keeps PySide's default (no features), so nothing else changes."""
    import builtins

    hooked, original = builtins.__import__, getattr(builtins, "__orig_import__", None)
    if original is None or hooked is not getattr(builtins, "__feature_import__", None):
        return lambda: None  # a PySide6 without the hook, or someone else's hook: leave it
    builtins.__import__ = original

    def restore() -> None:
        builtins.__import__ = hooked

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import PySide6.QtCore  # noqa: F401 - installs the hook that _without_feature_scan undoes

    with_feature_scan = _without_feature_scan()
    try:
        return _run(args)
    finally:
        with_feature_scan()


NO_WINDOW = (f"{APP_NAME} couldn't open its window: there is no display it can use here "
             "(none is set, or a system library it needs is missing — the lines above say "
             "which). Start it from your desktop. Nothing was changed.")


@contextlib.contextmanager
def _no_window_said_plainly() -> Iterator[None]:
    """While the QApplication is made: if Qt can't show a window at all (no display, no
    platform plugin) it would abort the process (exit 134); say so in plain words and
    exit 1 instead. Qt's own notes before that still go to stderr."""
    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    def handler(kind, context, message) -> None:
        if kind == QtMsgType.QtFatalMsg:
            print(NO_WINDOW, file=sys.stderr, flush=True)
            os._exit(EXIT_REFUSED)  # Qt would abort() right after this
        print(qFormatLogMessage(kind, context, message), file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from ui import theme

    app = QApplication.instance()
    if app is None:  # Hearth's style last, so it wins over a -style among Qt's switches
        with _no_window_said_plainly():
            app = QApplication([sys.argv[0], *args.qt_args, *theme.STYLE_ARGS])
        theme.use_fusion(app, from_args=True)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(theme.app_icon())

    demo_dir: Path | None = None
    try:
        if args.demo:
            import tempfile  # imported here: nothing the first paint needs waits for it

            demo_dir = Path(tempfile.mkdtemp(prefix="hearth-demo-"))
            data_dir = demo_dir
        else:
            data_dir = resolve_data_dir(args.data_dir)
    except Exception as exc:
        theme.apply(app)
        from app.logs import describe

        said = exc.message if isinstance(exc, HearthError) else \
            f"Hearth couldn't start: {describe(exc)}."
        _show_refusal(said, args.smoke)
        return EXIT_REFUSED

    from ui.bus import DataBus
    from ui.main_window import MainWindow, remembered_text_size
    from ui.painted import after_next_paint

    benchmark = os.environ.get("HEARTH_BENCHMARK")  # see ui/benchmark_hooks.py
    # A benchmark run neither reads nor writes the window's remembered size and view.
    remember = not (args.demo or benchmark)
    # The couple's text size lives with their data; the window remembers it too, so the
    # frame paints at that size rather than jumping to it once the data is open.
    theme.apply(app, text_size=remembered_text_size(data_dir) if remember else None)
    try:
        instance = _only_instance(data_dir)
    except HearthError as refused:
        _show_refusal(refused.message, args.smoke)
        return EXIT_REFUSED
    if instance is None:
        return EXIT_OK  # the open window was asked to come to the front

    window = MainWindow(None, DataBus(), data_dir, remember=remember,
                        first_run=not args.demo and not db_path(data_dir).exists())
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: window.retheme(
        theme.system_prefers_dark()))
    if args.demo:
        window.setWindowTitle(f"{APP_NAME} — demo")
    excepthook = sys.excepthook
    if not args.smoke:
        _install_excepthook(data_dir)
    start = Start(app, window, args, data_dir, instance, benchmark)

    exit_code = EXIT_OK
    if args.smoke:  # quit once the filled-in window has painted
        def filled_in() -> None:
            after_next_paint(window, app.quit)
            window.update()

        window.ready.connect(filled_in)

        def never_painted() -> None:
            nonlocal exit_code
            print("hearth: the window was never painted.", file=sys.stderr)
            exit_code = EXIT_REFUSED
            app.quit()

        QTimer.singleShot(30_000, window, never_painted)

    after_next_paint(window, start.run)
    if benchmark:  # benchmarks/: print timestamps and quit (installed last, so it sees the
        from ui.benchmark_hooks import install  # first paint before the data is opened)

        hook = install(app, window, benchmark)  # noqa: F841 - kept alive with the window
    window.show()
    code = app.exec()
    if args.smoke and exit_code == EXIT_OK and code == EXIT_OK:
        screen = "welcome" if window.welcome is not None else window.current_view_key()
        print(f"hearth: started and painted the {screen} screen.")
    window.close()
    window.deleteLater()  # with its timers and hooks, now: nothing outlives main()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.removePostedEvents(app, QEvent.Type.Quit)  # the last window's closing asks again
    start.close()
    sys.excepthook = excepthook
    if "app.logs" in sys.modules:  # only when something was logged
        sys.modules["app.logs"].close_all()
    if demo_dir is not None:
        import shutil

        shutil.rmtree(demo_dir, ignore_errors=True)
    return exit_code or code


if __name__ == "__main__":
    sys.exit(main())
