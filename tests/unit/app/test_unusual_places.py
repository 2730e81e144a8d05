"""Data in an unusual place: held by another program, on a full disk, in a folder Hearth
may not write to. Each gives a plain message that says what to do, and changes nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

import app.persistence.database as database
from app.paths import db_path
from app.persistence.migrate import DatabaseUnavailable, open_database
from tests.helpers import run_cli, sha256

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX limits and permissions")


@pytest.fixture
def held(db_file, monkeypatch):
    """Another program holding the database exclusively (for as long as the test runs)."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)  # no need to wait 5 s here
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE IF NOT EXISTS other_programs_table (x)")
    yield db_file
    holder.execute("ROLLBACK")
    holder.close()


def test_a_database_held_by_another_program_is_refused_plainly(held, capsys):
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(held)
    assert "Hearth is busy saving" in caught.value.message
    assert "another program is using Hearth's data" in caught.value.message
    code, _out, err = run_cli(capsys, "check")
    assert code == 1 and "another program is using Hearth's data" in err


@posix_only
def test_a_full_disk_says_so_and_the_next_start_works(tmp_path):
    """A real write limit (RLIMIT_FSIZE) in a child process stands in for a full disk."""
    import resource

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    env = {**os.environ, "HEARTH_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "app.cli", "setup", "--names", "Zoë", "Łukasz"]
    full = subprocess.run(command, env=env, preexec_fn=small_disk, capture_output=True,
                          text=True, timeout=120)
    assert full.returncode == 1
    assert "free some space" in full.stderr and "Traceback" not in full.stderr
    assert "damaged" not in full.stderr
    roomy = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert roomy.returncode == 0, roomy.stderr
    assert "Welcome to Hearth, Zoë and Łukasz." in roomy.stdout


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0,
                    reason="permissions don't bind the root user")
def test_a_read_only_data_folder_is_refused_before_anything_is_written(db_file, capsys):
    folder = db_file.parent
    before = sha256(db_file)
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            open_database(db_path(folder))
        assert "the folder is read-only" in caught.value.message
        code, _out, err = run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")
        assert code == 1 and "the folder is read-only" in err
    finally:
        folder.chmod(0o700)
    assert sha256(db_file) == before


# --- odd things at the data paths: a plain word each, never a hang or Python text ----------


def test_an_empty_data_dir_name_is_refused_not_taken_for_the_usual_folder(capsys, hearth_home):
    code, _out, err = run_cli(capsys, "--data-dir", "", "info")
    assert code == 1 and "--data-dir needs the name of a folder" in err
    assert not hearth_home.exists()


@posix_only
def test_a_pipe_where_the_database_should_be_is_refused_at_once(capsys, hearth_home):
    hearth_home.mkdir(parents=True)
    os.mkfifo(db_path(hearth_home))
    for command in (["check"], ["info"], ["setup", "--names", "Zoë", "Łukasz"]):
        code, _out, err = run_cli(capsys, *command)  # a hang would stop the suite here
        assert code == 1 and "a pipe" in err, command


def test_noise_that_isnt_whole_pages_is_not_taken_for_an_encrypted_database(capsys,
                                                                             hearth_home):
    hearth_home.mkdir(parents=True)
    path = db_path(hearth_home)
    path.write_bytes(bytes((i * 131 + 17) % 256 for i in range(512 * 7)))  # 3584 bytes
    before = sha256(path)
    code, _out, err = run_cli(capsys, "check")
    assert code == 1 and "not a Hearth database" in err and "passphrase" not in err
    assert sha256(path) == before


def test_a_data_folder_name_too_long_for_the_system_is_said_plainly(capsys, tmp_path):
    too_long = tmp_path / ("x" * 300)
    code, _out, err = run_cli(capsys, "--data-dir", str(too_long), "setup", "--names", "Zoë",
                              "Łukasz")
    assert code == 1 and "too long" in err
