"""Backups: taken whole with SQLite's backup API, thinned by a careful policy, restored
without ever losing the data they replace."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.backups import (
    KEEP_DAYS,
    KEEP_MONTHS,
    KEEP_WEEKS,
    backups_to_keep,
    parse_backup_name,
)
from app.domain.checkins import CheckinInput
from app.domain.errors import ValidationError
from app.paths import backups_dir
from tests.helpers import fresh

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def test_backup_names_say_when_and_why():
    name = parse_backup_name("hearth-20261123-211400-before-upgrade-from-0003.sqlite3")
    assert name is not None and name.reason == "before-upgrade-from-0003"
    assert name.taken_at == datetime(2026, 11, 23, 21, 14, tzinfo=UTC)
    assert parse_backup_name("hearth-20261123-211400-manual.2.sqlite3").reason == "manual"
    for other in ("hearth.sqlite3", "notes.txt", "hearth-20261399-211400-manual.sqlite3",
                  "hearth-20261123-211400-manual.sqlite3.partial"):
        assert parse_backup_name(other) is None


def test_thinning_keeps_one_a_day_then_a_week_then_a_month():
    hourly = [NOW - timedelta(hours=h) for h in range(0, 24 * 400, 6)]  # 400 days, 4 a day
    kept = backups_to_keep(hourly, NOW)
    days = {m.astimezone().date() for m in kept}
    assert NOW in kept  # the newest, always
    recent = [d for d in days if (NOW.astimezone().date() - d).days < KEEP_DAYS]
    assert len(recent) == KEEP_DAYS  # one for each of the last 12 days
    for day in recent:  # and it is that day's newest
        newest = max(m for m in hourly if m.astimezone().date() == day)
        assert newest in kept
    assert len(kept) <= KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS
    oldest_kept = min(kept)
    assert NOW - oldest_kept < timedelta(days=31 * KEEP_MONTHS)
    assert NOW - oldest_kept > timedelta(days=28 * (KEEP_MONTHS - 1))


def test_the_newest_backup_is_kept_however_old():
    old = [NOW - timedelta(days=800 + 40 * n) for n in range(30)]  # 30 months, long ago
    kept = backups_to_keep(old, NOW)
    assert old[0] in kept
    assert len(kept) == KEEP_DAYS  # the last 12 days that have backups, not the calendar
    assert backups_to_keep([], NOW) == set()


def test_a_clock_set_years_ahead_ages_out_at_most_one_backup_of_each_kind():
    daily = [NOW - timedelta(days=d) for d in range(20)]  # 20 good days of backups
    kept_before = backups_to_keep(daily, NOW)
    ahead = NOW + timedelta(days=3 * 365)  # the clock jumps; a start-up backup is taken
    kept_after = backups_to_keep([*daily, ahead], ahead)
    lost = kept_before - kept_after
    assert len(kept_before) == KEEP_DAYS + 1  # 12 days, and the week before them
    assert len(lost) <= 1 and ahead in kept_after


def test_the_newest_checked_backup_is_never_thinned():
    hourly = [NOW - timedelta(hours=h) for h in range(0, 24 * 40)]
    checked = NOW - timedelta(days=39, hours=5)  # the only one that passed, long ago
    assert checked in backups_to_keep(hourly, NOW, [checked])
    assert checked not in backups_to_keep(hourly, NOW)


@given(st.lists(st.integers(min_value=-3 * 24, max_value=24 * 500), max_size=80))
def test_thinning_never_grows_and_is_stable(hours):
    moments = [NOW - timedelta(hours=h) for h in hours]
    kept = backups_to_keep(moments, NOW)
    assert kept <= set(moments)
    if moments:
        assert max(moments) in kept
    assert backups_to_keep(kept, NOW) == kept  # thinning twice changes nothing more
    assert all(m in kept for m in moments if m > NOW)  # a changed clock: nothing guessed


def _write(services, text="Thank you for the tea."):
    zoe = services.couple.require().partners[0]
    services.checkins.save_session([CheckinInput(zoe.id, mood=4, connection=7,
                                                 appreciation=text)])


def _texts(services) -> list[str]:
    return sorted(c.appreciation for c in services.checkins.history())


def test_a_backup_is_only_taken_when_something_changed(services, couple, db_file):
    first = services.backups.back_up_if_changed("start")
    assert first is not None and first.reason == "start" and first.size > 0
    assert services.backups.back_up_if_changed("start") is None  # nothing new since
    with fresh(db_file) as again:  # the next start sees no change either
        assert again.backups.back_up_if_changed("start") is None
        _write(again)
    with fresh(db_file) as later:  # a change made last time: backed up at this start
        taken = later.backups.back_up_if_changed("start")
        assert taken is not None and taken.path.exists()
        # Kept (the first, the same day, may be thinned by then unless both were taken
        # within one second).
        assert taken.path in [b.path for b in later.backups.backups()]


def test_while_open_a_backup_is_taken_at_most_every_half_hour_after_changes(services, couple):
    services.backups.back_up("start")
    start = datetime.now(UTC)
    assert services.backups.back_up_if_due(start + timedelta(hours=1)) is None  # no change
    _write(services)
    assert services.backups.back_up_if_due(start + timedelta(minutes=10)) is None  # too soon
    taken = services.backups.back_up_if_due(start + timedelta(minutes=31))
    assert taken is not None and taken.reason == "automatic"
    _write(services, "And for the walk.")
    assert services.backups.back_up_if_due(start + timedelta(minutes=45)) is None
    assert services.backups.back_up_if_due(start + timedelta(minutes=62)) is not None


def test_a_backup_is_a_whole_healthy_copy(services, couple, db_file):
    _write(services)
    backup = services.backups.back_up()
    assert backup.path.parent == backups_dir(db_file.parent)
    conn = sqlite3.connect(backup.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT appreciation FROM checkin").fetchall() == [
            ("Thank you for the tea.",)]
    finally:
        conn.close()
    assert not list(backup.path.parent.glob("*.partial"))


def test_a_backup_to_a_chosen_file_never_overwrites_one(services, couple, tmp_path):
    target = tmp_path / "ours.sqlite3"
    services.backups.back_up("manual", target)
    assert target.stat().st_size > 0
    before = target.read_bytes()
    with pytest.raises(ValidationError):
        services.backups.back_up("manual", target)
    assert target.read_bytes() == before


def test_thinning_removes_what_the_policy_does_not_keep(services, couple):
    folder = services.backups.folder
    folder.mkdir(parents=True, exist_ok=True)
    for days in range(0, 60):
        stamp = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
        (folder / f"hearth-{stamp}-automatic.sqlite3").write_bytes(b"x")
    (folder / "notes.txt").write_text("mine")  # not a backup: never touched
    gone = services.backups.thin()
    left = services.backups.backups()
    assert len(left) + len(gone) == 60
    assert KEEP_DAYS <= len(left) <= KEEP_DAYS + KEEP_WEEKS
    assert (folder / "notes.txt").read_text() == "mine"


def test_restoring_brings_the_backup_back_and_keeps_the_present(services, couple, db_file):
    _write(services, "Before.")
    backup = services.backups.back_up()
    _write(services, "After.")
    change = services.backups.restore(backup.path)
    assert change
    assert _texts(services) == ["Before."]  # the services keep working on the restored file
    before_restore = [b for b in services.backups.backups() if b.reason == "before-restore"]
    assert len(before_restore) == 1  # "After." is safe in a backup of its own
    conn = sqlite3.connect(before_restore[0].path)
    try:
        rows = {r[0] for r in conn.execute("SELECT appreciation FROM checkin")}
    finally:
        conn.close()
    assert rows == {"Before.", "After."}
    _write(services, "Later.")  # and it can be written to
    with fresh(db_file) as again:
        assert _texts(again) == ["Before.", "Later."]


def test_a_bad_file_is_never_restored(services, couple, tmp_path, db_file):
    _write(services, "Ours.")
    before = _texts(services)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for bad in (junk, other, tmp_path / "missing.sqlite3"):
        with pytest.raises(ValidationError):
            services.backups.restore(bad)
    assert _texts(services) == before
    assert not list(db_file.parent.glob("*.restoring"))
    assert services.backups.backups() == []  # refused before anything was done


def test_a_backup_of_an_older_revision_is_upgraded_when_restored(services, couple, tmp_path):
    from app.persistence.migrate import head_revision, inspect_database, upgrade

    older = tmp_path / "older.sqlite3"
    from app.paths import create_private_file

    create_private_file(older)
    upgrade(older, "0001")
    services.backups.restore(older)
    assert inspect_database(services.db.path).revision == head_revision()
    assert services.couple.get() is None  # that backup held no couple yet
    assert os.path.exists(services.db.path)
