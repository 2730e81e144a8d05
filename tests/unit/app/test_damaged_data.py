"""A damaged database never costs the good backups: it is not backed up, thinning keeps the
newest backup that passed SQLite's integrity check, and nothing is written to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.persistence.database import DamagedData
from app.services.backups import list_backups
from tests.helpers import damage_table, fresh, run_cli, sha256

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def damaged(services, couple, db_file):
    """Three good backups, then the database damaged (by a failing disk, say)."""
    for _ in range(3):
        services.backups.back_up("manual")
    services.close()
    return damage_table(db_file)


def test_every_backup_records_that_it_passed_the_integrity_check(services, couple, capsys):
    backup = services.backups.back_up("manual")
    assert backup.checked and ".checked." in backup.path.name
    services.close()
    code, out, _ = run_cli(capsys, "backups", "--json")
    assert code == 0 and json.loads(out)[0]["checked"] is True


def test_a_damaged_database_is_never_backed_up_and_the_good_backups_stay(damaged, db_file):
    folder = db_file.parent / "backups"
    good = sorted(p.name for p in folder.iterdir())
    with fresh(db_file) as services:
        for attempt in (lambda: services.backups.back_up_if_changed("start"),
                        lambda: services.backups.back_up("automatic"),
                        lambda: services.backups.back_up("manual")):
            with pytest.raises(DamagedData, match="looks damaged"):
                attempt()
        assert services.db.healthy is False
        # A clock set years ahead still leaves the newest good backup.
        services.backups.thin(datetime.now(UTC) + timedelta(days=5 * 365))
        assert any(b.checked for b in list_backups(folder))
    left = sorted(p.name for p in folder.iterdir())
    assert set(left) <= set(good) and left  # nothing new; a good one kept
    assert db_file.read_bytes() == damaged


def test_damaged_data_is_shown_but_nothing_is_written(damaged, db_file):
    with fresh(db_file) as services:
        with pytest.raises(DamagedData):
            services.backups.require_healthy()
        with pytest.raises(DamagedData, match="isn't saving"):
            services.drafts.save("checkin", {"appreciation": "tea"})
    assert db_file.read_bytes() == damaged


def test_info_and_check_say_the_data_is_damaged_and_exit_1(damaged, db_file, capsys):
    before = sha256(db_file)
    code, out, err = run_cli(capsys, "info")
    assert code == 1 and "looks damaged" in err and "Healthy:         no" in out
    code, _out, err = run_cli(capsys, "info", "--json")
    assert code == 1 and "looks damaged" in err
    assert sha256(db_file) == before


def test_smoke_says_the_data_is_damaged_and_exits_1(damaged, hearth_home, db_file):
    env = dict(os.environ, HEARTH_HOME=str(hearth_home), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "ui.main", "--smoke"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "looks damaged" in result.stderr and "Traceback" not in result.stderr
    assert db_file.read_bytes() == damaged
