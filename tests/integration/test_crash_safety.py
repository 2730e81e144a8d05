"""Crash safety: a writer killed with SIGKILL at random moments never leaves a damaged
database, and every batch it reported as committed is there afterwards.

The writer is ``hearth-cli demo --years 10 --force --report-commits``: after each committed
batch it prints the highest id in every table. Twenty kills, each at a different moment.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from app.paths import db_path
from tests.helpers import run_cli

KILLS = 20

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _writer(data_dir):
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), "demo", "--years", "10",
         "--force", "--report-commits"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_killing_a_writer_never_loses_a_committed_write(capsys, hearth_home):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    rng = random.Random(20261123)
    path = db_path(hearth_home)
    reported_any = 0
    for kill in range(KILLS):
        writer = _writer(hearth_home)
        lines: list[str] = []
        reader = threading.Thread(target=lambda w=writer, seen=lines: seen.extend(w.stdout),
                                  daemon=True)
        reader.start()
        time.sleep(rng.uniform(0.8, 4.0))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        reader.join(timeout=30)
        committed = [json.loads(line)["committed"] for line in lines
                     if line.startswith('{"committed"') and line.endswith("\n")]

        code, out, err = run_cli(capsys, "check")
        assert code == 0, f"kill {kill}: {err}"
        assert "Healthy" in out
        if not committed:
            continue  # killed before its first batch
        reported_any += 1
        conn = sqlite3.connect(path)
        try:
            for table, highest in committed[-1].items():
                found = conn.execute(f'SELECT 1 FROM "{table}" WHERE rowid = ?',
                                     (highest,)).fetchone()
                assert found, f"kill {kill}: {table} row {highest} was reported but is gone"
        finally:
            conn.close()
    assert reported_any >= KILLS // 3  # many kills came after writes were reported
