"""Two writers on one data folder: the Hearth window, typing and backing up, and hearth-cli.

The scenario of issue 19: the real window runs in its own process (this module's
``python -m benchmarks.concurrent_writers DATA_DIR SECONDS``), opens the check-in, and types
into Zoë's appreciation one key every 100 ms, pausing briefly after each word, so the draft
is saved through the window's own autosave; its automatic backups are made to come every
half second while things change. Meanwhile ``hearth-cli checkins add`` runs ``writes``
times, each in its own process, spread over the window's lifetime. After the window has
closed, the data must be whole: ``hearth-cli check`` says it is healthy, SQLite's
``integrity_check`` says ok, every check-in the command line said it saved is there, and
the draft holds exactly what was typed.

Used by tests/integration/test_concurrent_writers.py (a short run) and
benchmarks/soak_concurrent_writers.py (many long ones). With a passphrase, the window is
given it the way the unlock dialog would (``ui.main._unlock`` replaced), and hearth-cli
reads it from HEARTH_PASSPHRASE.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "our quiet sentence by the sea"
PASSPHRASE_ENV = "HEARTH_PASSPHRASE"
NAMES = ("Zoë", "Łukasz")
KEY_EVERY_MS = 100
PAUSE_KEYS = 4  # after each word, 400 ms without a key: a pause in the typing
BACKUP_EVERY_S = 0.5  # the window's automatic backups, instead of every 30 minutes
# Typed in a loop for as long as the window is open (ASCII: QTest types it key by key).
TEXT = ("Thank you for making tea every morning this week and for listening on Sunday "
        "when I needed it most. ")
# What hearth-cli saves: a long appreciation, so the ten of them need new pages in the file
# (a window that lost its locks would then checkpoint its own, shorter idea of the file
# over theirs).
APPRECIATION = ("Thank you for the walk by the river, number {n}: you noticed I was tired and "
                "slowed down, and you listened to all of it without fixing anything. ") * 12
SAVED = re.compile(r"^Saved .+ \(id (\d+)\)\.$", re.MULTILINE)
START_TIMEOUT_S = 120  # a busy machine can take a while to start Qt
WRITE_TIMEOUT_S = 120  # hearth-cli waits at most 15 s for the write lock
CLOSE_TIMEOUT_S = 60  # from "close" to the window's process ending


def typed_text(count: int) -> str:
    """The first ``count`` characters the window types."""
    return (TEXT * (count // len(TEXT) + 1))[:count]


# -- the window's process ----------------------------------------------------------------------


def drive(data_dir: str, seconds: float) -> int:
    """Run Hearth on ``data_dir``, type for ``seconds`` once its window is filled in, then
    close it — or later, once a line ``close`` (or the end) comes on standard input, so the
    window outlives the other writers however slow a busy machine makes them. Prints
    ``ready`` when the typing starts, ``backed up`` for each automatic backup and ``typed N``
    just before the window closes (N characters, all in the draft by then)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import timedelta

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    import app.services.backups as backup_service
    import ui.backup_keeper as keeper
    import ui.main as hearth
    import ui.main_window as main_window

    keeper.FIRST_AFTER_MS = 300
    keeper.CHECK_EVERY_MS = int(BACKUP_EVERY_S * 1000)
    backup_service.AUTOMATIC_EVERY = timedelta(seconds=BACKUP_EVERY_S)

    kept = keeper.BackupKeeper._done

    def backed_up(self, backup) -> None:
        if backup is not None:
            print("backed up", flush=True)
        kept(self, backup)

    keeper.BackupKeeper._done = backed_up

    def said(kind: str):  # a message box would wait for a click that never comes
        def show(_parent, _title, text, *_args, **_kwargs):
            print(f"message box ({kind}): {' '.join(str(text).split())}", flush=True)
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("information", "warning", "critical", "question"):
        setattr(QMessageBox, kind, said(kind))

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        def unlock(path, parent=None):  # what the unlock dialog returns once it opened it
            from app.persistence.database import Passphrase
            from app.persistence.migrate import open_database

            typed = Passphrase(passphrase)
            return None, open_database(path, passphrase=typed, check=False), None, typed

        hearth._unlock = unlock

    told = threading.Event()  # the other writers are done

    def listen() -> None:
        for line in sys.stdin:
            if line.strip() == "close":
                break
        told.set()

    threading.Thread(target=listen, daemon=True).start()
    app = QApplication([sys.argv[0]])
    state = {"typed": 0, "pause": 0, "window": None, "box": None}
    typing = QTimer()
    typing.setTimerType(Qt.TimerType.PreciseTimer)
    typing.setInterval(KEY_EVERY_MS)

    def type_one() -> None:
        if state["pause"]:
            state["pause"] -= 1
            return
        key = typed_text(state["typed"] + 1)[-1]
        QTest.keyClick(state["box"], key)
        state["typed"] += 1
        if key == " ":
            state["pause"] = PAUSE_KEYS

    def close() -> None:
        if not told.is_set():
            QTimer.singleShot(100, close)
            return
        typing.stop()
        print(f"typed {state['typed']}", flush=True)
        state["window"].close()

    def begin() -> None:
        window = state["window"]
        window.show_view("checkins")
        flow = window.view("checkins").flow
        QTest.mouseClick(flow.side_button, Qt.MouseButton.LeftButton)
        state["box"] = flow.forms[0].appreciation
        state["box"].setFocus()
        typing.start()
        QTimer.singleShot(int(seconds * 1000), close)
        print("ready", flush=True)

    filled_in = main_window.MainWindow.attach

    def attach(self, *args, **kwargs) -> None:
        first = state["window"] is None
        state["window"] = self
        filled_in(self, *args, **kwargs)
        if first:
            QTimer.singleShot(0, begin)

    main_window.MainWindow.attach = attach
    typing.timeout.connect(type_one)
    never_hang = seconds + START_TIMEOUT_S + WRITE_TIMEOUT_S + CLOSE_TIMEOUT_S
    QTimer.singleShot(int(never_hang * 1000), app.quit)
    return hearth.main(["--data-dir", data_dir])


# -- the scenario ------------------------------------------------------------------------------


def cli_command(data_dir: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *argv]


def environment(passphrase: str | None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.pop(PASSPHRASE_ENV, None)
    if passphrase:
        env[PASSPHRASE_ENV] = passphrase
    return env


def cli(data_dir: Path, *argv: str, passphrase: str | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command(data_dir, *argv), cwd=ROOT, env=environment(passphrase),
                          input=stdin, capture_output=True, text=True,
                          timeout=WRITE_TIMEOUT_S)


def prepare(data_dir: Path, passphrase: str | None = None) -> None:
    """A couple set up with ``hearth-cli setup`` (and encrypted, given a passphrase)."""
    done = cli(data_dir, "setup", "--names", *NAMES)
    if done.returncode != 0:
        raise RuntimeError(f"hearth-cli setup failed: {done.stdout}{done.stderr}")
    if passphrase:
        done = cli(data_dir, "passphrase", "set", "--stdin", stdin=passphrase + "\n")
        if done.returncode != 0:
            raise RuntimeError(f"hearth-cli passphrase set failed: {done.stdout}{done.stderr}")


@dataclass
class Outcome:
    writes: int
    saved: list[int] = field(default_factory=list)  # ids hearth-cli said it saved
    problems: list[str] = field(default_factory=list)  # anything that says the data suffered
    window_lines: list[str] = field(default_factory=list)
    typed: int = 0
    backups: int = 0
    kept: int = 0  # of ``saved``, how many are in the checkin table

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def shortfalls(self) -> list[str]:
        """Why the run proves less than it should (nothing when it did its job)."""
        found = []
        if self.backups < 2:
            found.append(f"the window made only {self.backups} automatic backup(s)")
        if self.typed < 10:
            found.append(f"the window typed only {self.typed} characters")
        return found

    def summary(self) -> str:
        words = "healthy" if self.healthy else "UNHEALTHY"
        return (f"{words}, {self.kept}/{self.writes} check-ins kept, {self.backups} "
                f"backups, {self.typed} characters typed")

    def report(self) -> str:
        lines = [self.summary(), *(f"problem: {p}" for p in self.problems),
                 *(f"shortfall: {s}" for s in self.shortfalls), "window said:",
                 *(f"  {line}" for line in self.window_lines
                   if line not in ("backed up",))]
        return "\n".join(lines)


def run(data_dir: Path, seconds: float, passphrase: str | None = None,
        writes: int = 10) -> Outcome:
    """The scenario on ``data_dir`` (prepared): the window for ``seconds`` of typing while
    hearth-cli saves ``writes`` check-ins, then the checks of the data."""
    outcome = Outcome(writes)
    env = environment(passphrase)
    window = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.concurrent_writers", str(data_dir), str(seconds)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()  # set when the typing starts, or the window's process ends

    def read() -> None:
        assert window.stdout is not None
        for line in window.stdout:
            outcome.window_lines.append(line.rstrip("\n"))
            if line.strip() == "ready":
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code = None
    try:
        if ready.wait(START_TIMEOUT_S) and "ready" in outcome.window_lines:
            _write_meanwhile(data_dir, seconds, env, outcome)
            assert window.stdin is not None
            window.stdin.write("close\n")  # every writer is done: the window may close
            window.stdin.flush()
            try:
                code = window.wait(timeout=CLOSE_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                outcome.problems.append("the window never closed")
        else:
            outcome.problems.append("the window never began typing")
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
        if window.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                window.stdin.close()
        reader.join(timeout=30)

    lines = outcome.window_lines
    outcome.backups = lines.count("backed up")
    counts = [int(line.split()[1]) for line in lines if re.fullmatch(r"typed \d+", line)]
    outcome.typed = counts[-1] if counts else 0
    if code not in (0, None):
        outcome.problems.append(f"the window exited {code}")
    outcome.problems += [f"the window said: {line}" for line in lines
                         if line.startswith(("hearth:", "message box")) or "Traceback" in line]
    _check_data(data_dir, passphrase, outcome)
    return outcome


def _write_meanwhile(data_dir: Path, seconds: float, env: dict[str, str],
                     outcome: Outcome) -> None:
    """``outcome.writes`` check-ins saved by hearth-cli processes launched over the window's
    ``seconds`` (leaving the last one time to start before they are up), none waiting for
    another; the window stays open until all are done."""
    started = time.monotonic()
    last = max(seconds - 1.5, 0.5)
    launches = []
    for index in range(outcome.writes):
        at = started + 0.3 + (last - 0.3) * index / max(outcome.writes - 1, 1)
        time.sleep(max(0.0, at - time.monotonic()))
        launches.append(subprocess.Popen(
            cli_command(data_dir, "checkins", "add", "--partner", NAMES[0], "--mood", "4",
                        "--connection", "7", "--appreciation",
                        APPRECIATION.format(n=index + 1)),
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for index, process in enumerate(launches, start=1):
        try:
            out, err = process.communicate(timeout=WRITE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            outcome.problems.append(f"hearth-cli write {index} never finished")
            continue
        found = SAVED.search(out)
        if process.returncode != 0 or found is None:
            outcome.problems.append(f"hearth-cli write {index} exited {process.returncode}: "
                                    f"{(out + err).strip()}")
        else:
            outcome.saved.append(int(found.group(1)))


def _check_data(data_dir: Path, passphrase: str | None, outcome: Outcome) -> None:
    """What the next start would find: a healthy file with everything that was saved."""
    done = cli(data_dir, "check", passphrase=passphrase)
    if done.returncode != 0 or not done.stdout.startswith("Healthy"):
        outcome.problems.append(f"hearth-cli check exited {done.returncode}: "
                                f"{(done.stdout + done.stderr).strip()}")
    from app.paths import db_path
    from app.persistence.database import Passphrase, connect_raw

    try:
        conn = connect_raw(db_path(data_dir), readonly=True,
                           passphrase=Passphrase(passphrase) if passphrase else None)
        try:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                outcome.problems.append(f"integrity_check: {'; '.join(found[:5])}")
            ids = {row[0] for row in conn.execute("SELECT id FROM checkin")}
            draft = conn.execute("SELECT payload FROM draft WHERE key = 'checkin'").fetchone()
        finally:
            conn.close()
    except Exception as exc:  # a file too damaged to read is the answer, not a crash
        outcome.problems.append(f"the data couldn't be read: {type(exc).__name__}: {exc}")
        return
    outcome.kept = sum(1 for saved in outcome.saved if saved in ids)
    missing = [saved for saved in outcome.saved if saved not in ids]
    if missing:
        outcome.problems.append(f"check-ins said saved but missing: {missing}")
    try:
        kept = json.loads(draft[0])["forms"][0]["appreciation"] if draft else None
    except (ValueError, LookupError, TypeError):
        kept = None
    if kept != typed_text(outcome.typed):
        outcome.problems.append(f"the draft holds {kept!r}, not the {outcome.typed} "
                                "characters typed")


if __name__ == "__main__":
    sys.exit(drive(sys.argv[1], float(sys.argv[2])))
