"""hearth-cli backup, backups and restore: what a couple (or their helper) can do from a
terminal, and what is refused."""

from __future__ import annotations

import json
import os
import sqlite3

from app.instance import lock_path
from app.paths import backups_dir, db_path
from tests.helpers import run_cli, sha256


def _rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_backup_backups_and_restore(capsys, hearth_home, tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    code, out, err = run_cli(capsys, "backup")
    assert code == 0, err
    assert "Backed up to" in out and str(backups_dir(hearth_home)) in out
    chosen = tmp_path / "before-the-move.sqlite3"
    assert run_cli(capsys, "backup", str(chosen))[0] == 0
    code, _out, err = run_cli(capsys, "backup", str(chosen))
    assert code == 1 and "already exists" in err  # never overwritten

    code, out, _ = run_cli(capsys, "backups", "--json")
    (listed,) = json.loads(out)
    assert listed["reason"] == "manual" and listed["size"] > 0
    assert run_cli(capsys, "backups")[1].count("backed up by hand") == 1

    # later the names change; restoring the chosen file brings the old ones back
    assert run_cli(capsys, "checkins", "add", "--partner", "Zoë", "--mood", "4",
                   "--connection", "8")[0] == 0
    code, out, err = run_cli(capsys, "restore", str(chosen))
    assert code == 0, err
    assert _rows(db_path(hearth_home), "SELECT count(*) FROM checkin") == [(0,)]
    assert "kept in" in out
    kept = [p for p in backups_dir(hearth_home).iterdir() if "before-restore" in p.name]
    assert _rows(kept[0], "SELECT count(*) FROM checkin") == [(1,)]  # nothing lost
    assert run_cli(capsys, "check")[0] == 0


def test_restore_refuses_what_it_cannot_use_and_changes_nothing(capsys, hearth_home,
                                                                tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    path = db_path(hearth_home)
    before = sha256(path)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    for bad, words in ((text, "isn't a Hearth backup"), (tmp_path / "gone.sqlite3",
                                                          "isn't a file")):
        code, out, err = run_cli(capsys, "restore", str(bad))
        assert code == 1 and words in err and out == ""
    assert sha256(path) == before
    assert not backups_dir(hearth_home).exists()


def test_restore_waits_while_hearth_is_open(capsys, hearth_home, tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    chosen = tmp_path / "copy.sqlite3"
    assert run_cli(capsys, "backup", str(chosen))[0] == 0
    import socket

    lock_path(hearth_home).write_text(f"{os.getppid()}\nHearth\n{socket.gethostname()}\n")
    code, _out, err = run_cli(capsys, "restore", str(chosen))
    assert code == 1 and "Hearth is open" in err
    lock_path(hearth_home).write_text(f"999999999\nHearth\n{socket.gethostname()}\n")
    assert run_cli(capsys, "restore", str(chosen))[0] == 0  # a stale lock: no one is there


def test_a_damaged_database_is_kept_aside_when_a_backup_is_restored(capsys, hearth_home,
                                                                    tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    chosen = tmp_path / "good.sqlite3"
    assert run_cli(capsys, "backup", str(chosen))[0] == 0
    path = db_path(hearth_home)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a damaged page
    path.write_bytes(bytes(data))
    code, out, err = run_cli(capsys, "restore", str(chosen))
    assert code == 0, err
    assert "kept in" in out
    (aside,) = [p for p in hearth_home.iterdir() if "kept-aside" in p.name]
    assert aside.read_bytes() == bytes(data)  # the damaged file, untouched
    assert run_cli(capsys, "check")[0] == 0
