"""A draft survives a crash while typing: Hearth killed with SIGKILL mid-sentence keeps all
but the last second of what was typed.

The real app runs in its own process, with a small driver that opens the check-in through
the window and types one character every 150 ms into Zoë's appreciation, printing how many
it has typed; the test kills it at a random moment and reads the draft from the database as
the next start of Hearth would.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.paths import db_path
from tests.helpers import fresh, run_cli

ROOT = Path(__file__).resolve().parents[2]
KEY_EVERY_MS = 150
# At most the last second may be lost — the 7 keys typed in it at 150 ms — plus a margin of
# two keys for a busy machine (a save under way, a timer a little late).
MAY_LOSE = -(-1000 // KEY_EVERY_MS) + 2
TEXT = ("Thank you for making tea every morning this week, and for listening on Sunday "
        "when I needed it most")

DRIVER = r"""
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.main import main
from ui.main_window import MainWindow

text, every_ms = sys.argv[1], int(sys.argv[2])
app = QApplication([sys.argv[0]])
typed = 0
box = None


def type_one():
    global typed
    if typed == len(text):
        typing.stop()
        return
    QTest.keyClick(box, text[typed])
    typed += 1
    print(f"typed {typed}", flush=True)


def begin():
    global box
    window = next((w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.services is not None), None)
    if window is None:
        return  # not open yet: look again
    waiting.stop()
    window.show_view("checkins")
    flow = window.view("checkins").flow
    QTest.mouseClick(flow.side_button, Qt.MouseButton.LeftButton)
    box = flow.forms[0].appreciation
    box.setFocus()
    typing.start()


waiting = QTimer()
waiting.timeout.connect(begin)
waiting.start(50)
typing = QTimer()
typing.setTimerType(Qt.TimerType.PreciseTimer)
typing.setInterval(every_ms)
typing.timeout.connect(type_one)
QTimer.singleShot(60_000, app.quit)  # never outlive a test that went wrong
sys.exit(main([]))
"""

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]


def test_killed_while_typing_keeps_all_but_the_last_second(capsys, hearth_home):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    env = dict(os.environ, HEARTH_HOME=str(hearth_home), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    app = subprocess.Popen(
        [sys.executable, "-c", DRIVER, TEXT, str(KEY_EVERY_MS)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    first_key = threading.Event()

    def read() -> None:
        assert app.stdout is not None
        for line in app.stdout:
            lines.append(line)
            if line.startswith("typed "):
                first_key.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    kill_after = random.uniform(2.0, 9.5)  # of the ~14 s the text takes to type
    try:
        assert first_key.wait(timeout=60), "Hearth never began typing:\n" + "".join(lines)
        time.sleep(kill_after)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
        reader.join(timeout=30)

    counts = [int(line.split()[1]) for line in lines if line.startswith("typed ")
              and line.endswith("\n")]
    typed = counts[-1]
    assert typed < len(TEXT), "the typing had ended before the kill"
    with fresh(db_path(hearth_home)) as services:
        draft = services.drafts.load("checkin")
    assert draft is not None, "no draft was kept at all"
    kept = draft["forms"][0]["appreciation"]
    assert TEXT.startswith(kept), kept  # kept exactly as typed
    print(f"killed {kill_after:.1f} s in: {typed} typed, {len(kept)} kept")
    assert typed - len(kept) <= MAY_LOSE, (
        f"killed {kill_after:.1f} s into the typing with {typed} characters typed; only "
        f"{len(kept)} were kept: {kept!r}")
