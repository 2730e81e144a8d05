"""Hearth's window and hearth-cli writing to the same data at once leave it whole (issue 19).

The real window runs in its own process (benchmarks/concurrent_writers.py): it types a
check-in draft through its autosave and makes an automatic backup every half second, while
this test saves ten check-ins with ``hearth-cli checkins add``, each in a process of its
own. Code in the window's process that opened and closed the database file itself (to read
its header, to copy it for a backup) dropped SQLite's locks, and the other writer's pages
went in under its feet: here that shows as a failed integrity check, a check-in that was
reported saved and isn't there, or a draft that lost what was typed.

``uv run python -m benchmarks.soak_concurrent_writers`` runs the same scenario many times,
for longer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.concurrent_writers import PASSPHRASE, prepare, run

SECONDS = 7  # of typing in the window; it stays open until every hearth-cli is done

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE], ids=["plain", "passphrase"])
def test_the_window_and_hearth_cli_writing_together_keep_the_data_whole(
        tmp_path: Path, passphrase: str | None):
    folder = tmp_path / "data"
    prepare(folder, passphrase)

    outcome = run(folder, SECONDS, passphrase, writes=10)

    assert outcome.healthy, outcome.report()
    assert sorted(outcome.saved) == sorted(set(outcome.saved)) and len(outcome.saved) == 10
    assert outcome.kept == 10, outcome.report()
    # The run did what it is for: the window wrote (drafts, backups) while the others did.
    assert not outcome.shortfalls, outcome.report()
