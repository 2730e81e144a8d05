"""Changing the passphrase survives being killed at any moment.

``hearth-cli passphrase set`` (and ``remove``) runs in a process that kills itself right
before its k-th rename (or before the journal's removal), for every k. The next command
must then find the data either as it was or as it was asked to be — the database and all
three backups encrypted, or all of them plain — with no copies or journal left over, the
couple's names readable in every file, and a sentence saying what was done."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import backups_dir, db_path
from app.persistence.database import Passphrase, connect_raw, is_encrypted
from app.services import privacy
from tests.helpers import run_cli

WORDS = "the lighthouse at the end of our street"
NAMES = ["Zoë", "Łukasz"]
ROOT = Path(__file__).resolve().parents[3]

# Runs hearth-cli, dying with SIGKILL right before the k-th step: a rename (os.replace) or
# the removal of the journal. Exits as hearth-cli does when k is past the last step.
LAUNCHER = """
import os, signal, sys
k, steps = int(sys.argv[1]), [0]
def step():
    steps[0] += 1
    if steps[0] == k:
        os.kill(os.getpid(), signal.SIGKILL)
real_replace, real_unlink = os.replace, os.unlink
def replace(*args, **kwargs):
    step()
    return real_replace(*args, **kwargs)
def unlink(path, *args, **kwargs):
    if os.path.basename(os.fsdecode(path)) == "passphrase-change.json":
        step()
    return real_unlink(path, *args, **kwargs)
os.replace, os.unlink = replace, unlink
from app.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    """A data folder with a couple and three backups, no passphrase."""
    from app.persistence.migrate import open_database
    from app.services import Services

    folder = tmp_path_factory.mktemp("plain")
    services = Services.over(open_database(db_path(folder)))
    try:
        services.couple.setup(*NAMES, colours=("teal", "terracotta"))
        for _ in range(3):
            services.backups.back_up("manual")
    finally:
        services.close()
    assert len(_files(folder)) == 4
    return folder


@pytest.fixture(scope="module")
def encrypted(plain, tmp_path_factory) -> Path:
    """The same folder with everything encrypted with WORDS."""
    from app.persistence.migrate import open_database
    from app.services import Services

    folder = tmp_path_factory.mktemp("encrypted") / "data"
    shutil.copytree(plain, folder)
    services = Services.over(open_database(db_path(folder)))
    try:
        assert services.privacy.set_passphrase(WORDS, WORDS).files == 4
    finally:
        services.close()
    return folder


def _files(folder: Path) -> list[Path]:
    return [db_path(folder), *sorted(backups_dir(folder).glob("*.sqlite3"))]


def _names(file: Path, passphrase: Passphrase | None) -> list[str]:
    conn = connect_raw(file, readonly=True, passphrase=passphrase)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM partner ORDER BY position")]
    finally:
        conn.close()


def _killed_at(step: int, action: str, folder: Path) -> int:
    env = {**os.environ, "HEARTH_HOME": str(folder), "HEARTH_PASSPHRASE": WORDS}
    if action == "set":
        del env["HEARTH_PASSPHRASE"]
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(step), "passphrase", action, "--stdin"],
        input=WORDS + "\n", env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.returncode


@pytest.mark.slow  # some twenty processes, each deriving a key
@pytest.mark.parametrize("action", ["set", "remove"])
def test_a_passphrase_change_killed_at_any_step_is_finished_or_undone(
        action, plain, encrypted, tmp_path, capsys, monkeypatch):
    start = plain if action == "set" else encrypted
    was_encrypted = action == "remove"
    monkeypatch.setenv("HEARTH_PASSPHRASE", WORDS)
    outcomes = []
    for step in range(1, 30):
        folder = tmp_path / f"killed-at-{step}"
        shutil.copytree(start, folder)
        code = _killed_at(step, action, folder)

        code_after, _out, err = run_cli(capsys, "--data-dir", str(folder), "check")
        assert code_after == 0, err
        files = _files(folder)
        states = {is_encrypted(file) for file in files}
        assert len(states) == 1, f"step {step}: {[(f.name, is_encrypted(f)) for f in files]}"
        now_encrypted = states.pop()
        left = [f.name for f in folder.rglob("*")
                if privacy.REKEYING in f.name or privacy.JOURNAL in f.name
                or f.name.endswith(".partial")]
        assert left == [], f"step {step}"
        passphrase = Passphrase(WORDS) if now_encrypted else None
        for file in files:
            assert _names(file, passphrase) == NAMES, f"step {step}: {file.name}"

        if code == 0:  # past the last step: the change simply happened
            assert now_encrypted is not was_encrypted and "interrupted" not in err
            break
        if now_encrypted is was_encrypted:
            assert privacy.UNDONE in err, f"step {step}"
            outcomes.append("undone")
        else:
            finished = (privacy.FINISHED_WITH_PASSPHRASE if now_encrypted
                        else privacy.FINISHED_WITHOUT_PASSPHRASE)
            assert finished in err, f"step {step}"
            outcomes.append("finished")
    else:
        raise AssertionError("the change never ran to its end")
    # Four copies renamed into place, the journal, four renames over the originals, the
    # journal's removal: undone until the journal is in place, finished after.
    assert outcomes == ["undone"] * 5 + ["finished"] * 5


def test_a_change_under_way_is_not_taken_for_leftovers(plain, tmp_path):
    """While one process re-keys, a command started meanwhile leaves its copies alone."""
    folder = tmp_path / "data"
    shutil.copytree(plain, folder)
    copy = folder / ("hearth.sqlite3" + privacy.REKEYING)
    shutil.copyfile(db_path(folder), copy)
    with privacy._changing(folder) as held:  # as rekey_files holds it
        assert held
        assert privacy.finish_interrupted_rekey(folder) is None
        assert copy.exists()
        with privacy._changing(folder) as again:
            assert not again
    assert privacy.finish_interrupted_rekey(folder) == privacy.UNDONE
    assert not copy.exists() and _names(db_path(folder), None) == NAMES
    assert privacy.finish_interrupted_rekey(folder) is None
