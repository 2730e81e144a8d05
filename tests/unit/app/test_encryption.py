"""Encryption at rest: a passphrase encrypts the database and every backup with SQLCipher;
it is asked for to open them; changing or removing it re-encrypts everything through new
files, so an interruption loses nothing; exports stay plain text and say so."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.checkins import CheckinInput
from app.domain.errors import ValidationError
from app.paths import backups_dir, db_path
from app.persistence.database import Passphrase, looks_encrypted
from app.persistence.migrate import NeedsPassphrase, WrongPassphrase, open_database
from app.services import Services
from app.services.backups import check_restorable, list_backups
from tests.helpers import run_cli, sha256

SECRET = "Thank you for holding my hand at the dentist on Tuesday"
WORDS = "our quiet sentence by the sea"
OTHER = "another sentence entirely"
WHEN = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


def _check_in(services: Services, text: str) -> None:
    zoe = services.couple.require().partners[0]
    services.checkins.save_session([CheckinInput(zoe.id, mood=4, connection=7,
                                                 appreciation=text)])


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks encrypted, looked at from outside as another program would
    (Hearth itself never opens its live database around SQLite)."""
    return path.exists() and looks_encrypted(path.read_bytes()[:100], path.stat().st_size)


def _files(folder: Path) -> list[Path]:
    """The database and every backup: what must not show the couple's words."""
    return [db_path(folder), *(b.path for b in list_backups(backups_dir(folder)))]


def _plain_text_anywhere(folder: Path, text: str) -> list[str]:
    needle = text.encode("utf-8")
    return [f.name for f in folder.rglob("*") if f.is_file() and needle in f.read_bytes()]


@pytest.fixture
def shared(hearth_home, couple, services) -> Services:
    """A couple with words in a check-in and two backups taken before any passphrase."""
    _check_in(services, SECRET)
    services.backups.back_up("manual")
    services.backups.back_up("start", target=hearth_home.parent / "elsewhere.sqlite3")
    assert _plain_text_anywhere(hearth_home, SECRET)
    return services


def test_a_passphrase_encrypts_the_data_and_every_backup(shared, hearth_home):
    done = shared.privacy.set_passphrase(WORDS, WORDS)
    assert done.files == 2 and done.left_alone == ()  # the database and its backup
    assert shared.privacy.protected
    for file in _files(hearth_home):
        assert is_encrypted(file), file.name
    assert _plain_text_anywhere(hearth_home / "backups", SECRET) == []
    assert SECRET.encode() not in db_path(hearth_home).read_bytes()
    # Still the same data, and new writes and backups are encrypted too.
    assert [c.appreciation for c in shared.checkins.history()] == [SECRET]
    _check_in(shared, "Dinner was lovely")
    backup = shared.backups.back_up("manual")
    target = shared.backups.back_up("manual", target=hearth_home.parent / "copy.sqlite3")
    shared.db.checkpoint()
    for file in (backup.path, target.path, db_path(hearth_home)):
        assert is_encrypted(file)
        assert b"Dinner was lovely" not in file.read_bytes()
    check_restorable(backup.path, Passphrase(WORDS))


def test_the_next_start_needs_the_passphrase(shared, hearth_home):
    shared.privacy.set_passphrase(WORDS, WORDS)
    shared.close()
    path = db_path(hearth_home)
    before = sha256(path)
    with pytest.raises(NeedsPassphrase):
        open_database(path)
    with pytest.raises(WrongPassphrase) as wrong:
        open_database(path, passphrase=Passphrase("our quiet sentence by the SEA"))
    assert "try again" in wrong.value.message
    assert sha256(path) == before
    reopened = Services.over(open_database(path, passphrase=Passphrase(WORDS)))
    try:
        assert [c.appreciation for c in reopened.checkins.history()] == [SECRET]
        assert reopened.privacy.protected
    finally:
        reopened.close()


def test_changing_the_passphrase_re_encrypts_the_backups_too(shared, hearth_home):
    shared.privacy.set_passphrase(WORDS, WORDS)
    backup = shared.backups.back_up("manual")
    shared.privacy.change_passphrase(WORDS, OTHER, OTHER)
    assert shared.privacy.matches(OTHER) and not shared.privacy.matches(WORDS)
    check_restorable(backup.path, Passphrase(OTHER))
    with pytest.raises(ValidationError, match="different passphrase"):
        check_restorable(backup.path, Passphrase(WORDS))
    shared.close()
    with pytest.raises(WrongPassphrase):
        open_database(db_path(hearth_home), passphrase=Passphrase(WORDS))
    open_database(db_path(hearth_home), passphrase=Passphrase(OTHER)).close()


def test_removing_the_passphrase_gives_plain_files_back(shared, hearth_home):
    shared.privacy.set_passphrase(WORDS, WORDS)
    done = shared.privacy.remove_passphrase(WORDS)
    assert done.files == 2
    assert not shared.privacy.protected
    for file in _files(hearth_home):
        assert not is_encrypted(file)
    shared.close()
    open_database(db_path(hearth_home)).close()  # no passphrase needed


@pytest.mark.parametrize(("new", "again", "field"), [
    ("short", "short", "passphrase"),
    ("      x     ", "      x     ", "passphrase"),
    (WORDS, WORDS + " ", "repeat"),
    ("nul\x00inside it", "nul\x00inside it", "passphrase"),
    ("x" * 1025, "x" * 1025, "passphrase"),
])
def test_an_unusable_new_passphrase_is_refused_and_changes_nothing(shared, hearth_home, new,
                                                                    again, field):
    before = {f.name: sha256(f) for f in _files(hearth_home)}
    with pytest.raises(ValidationError) as refused:
        shared.privacy.set_passphrase(new, again)
    assert refused.value.field == field
    assert not shared.privacy.protected
    assert {f.name: sha256(f) for f in _files(hearth_home)} == before


def test_the_current_passphrase_is_needed_to_change_or_remove_it(shared, hearth_home):
    shared.privacy.set_passphrase(WORDS, WORDS)
    before = {f.name: sha256(f) for f in _files(hearth_home)}
    with pytest.raises(ValidationError, match="isn't the current passphrase"):
        shared.privacy.change_passphrase("a wrong guess", OTHER, OTHER)
    with pytest.raises(ValidationError, match="isn't the current passphrase"):
        shared.privacy.remove_passphrase("")
    with pytest.raises(ValidationError, match="already has a passphrase"):
        shared.privacy.set_passphrase(OTHER, OTHER)
    assert {f.name: sha256(f) for f in _files(hearth_home)} == before
    assert shared.privacy.matches(WORDS)


def test_an_interrupted_re_key_changes_nothing(shared, hearth_home, monkeypatch):
    import app.services.privacy as privacy

    before = {f.name: sha256(f) for f in _files(hearth_home)}
    real = privacy.copy_database
    calls = []

    def failing(source, destination, **kwargs):
        calls.append(source)
        if len(calls) == 2:  # the database is copied; the backup's copy fails midway
            real(source, destination, **kwargs)
            raise OSError(28, "No space left on device")
        return real(source, destination, **kwargs)

    monkeypatch.setattr(privacy, "copy_database", failing)
    with pytest.raises(OSError):
        shared.privacy.set_passphrase(WORDS, WORDS)
    assert not shared.privacy.protected
    assert {f.name: sha256(f) for f in _files(hearth_home)} == before
    leftovers = [f.name for f in hearth_home.rglob("*") if privacy.REKEYING in f.name]
    assert leftovers == []
    _check_in(shared, "Still here")  # and the data keeps working as before
    assert len(shared.checkins.history()) == 2


def test_a_backup_under_another_passphrase_is_left_alone_and_reported(shared, hearth_home):
    from app.persistence.backup import backup_file

    stranger = backups_dir(hearth_home) / "hearth-20260101-120000-manual.sqlite3"
    backup_file(shared.db, stranger, Passphrase("somebody else's words"))
    before = sha256(stranger)
    done = shared.privacy.set_passphrase(WORDS, WORDS)
    assert done.left_alone == (stranger,)
    assert sha256(stranger) == before


def test_restoring_a_backup_keeps_the_data_encrypted(shared, hearth_home):
    shared.privacy.set_passphrase(WORDS, WORDS)
    yesterday = shared.backups.back_up("manual")
    _check_in(shared, "Written after the backup")
    shared.backups.restore(yesterday.path)
    assert [c.appreciation for c in shared.checkins.history()] == [SECRET]
    assert is_encrypted(db_path(hearth_home))
    # A plain backup from before the passphrase is encrypted as it comes back.
    plain = hearth_home.parent / "elsewhere.sqlite3"
    assert not is_encrypted(plain)
    shared.backups.restore(plain)
    shared.db.checkpoint()
    assert is_encrypted(db_path(hearth_home))
    assert SECRET.encode() not in db_path(hearth_home).read_bytes()


def test_export_of_encrypted_data_is_the_same_plain_document(shared, tmp_path):
    plain_export = shared.transfer.export(WHEN)
    shared.privacy.set_passphrase(WORDS, WORDS)
    assert shared.transfer.export(WHEN) == plain_export
    assert SECRET.encode() in plain_export
    # Into a fresh, encrypted data folder: the data arrives encrypted, the re-export is equal.
    fresh = Services.over(open_database(db_path(tmp_path / "new")))
    try:
        fresh.privacy.set_passphrase(OTHER, OTHER)
        fresh.transfer.import_(plain_export)
        assert fresh.transfer.export(WHEN) == plain_export
        fresh.db.checkpoint()
        assert is_encrypted(fresh.db.path)
        assert SECRET.encode() not in fresh.db.path.read_bytes()
    finally:
        fresh.close()


def test_the_passphrase_never_shows_in_its_repr():
    assert WORDS not in repr(Passphrase(WORDS))


# -- the command line ----------------------------------------------------------------------


class _Stdin:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False


def test_cli_set_check_change_remove(capsys, monkeypatch, shared, hearth_home, tmp_path):
    shared.close()
    monkeypatch.setattr("sys.stdin", _Stdin(WORDS + "\n"))
    code, out, _err = run_cli(capsys, "passphrase", "set", "--stdin")
    assert code == 0 and "Encrypted the data and its 1 backup" in out
    assert is_encrypted(db_path(hearth_home))

    code, _out, err = run_cli(capsys, "check")  # no passphrase, no terminal to ask in
    assert code == 1 and "HEARTH_PASSPHRASE" in err
    monkeypatch.setenv("HEARTH_PASSPHRASE", "not it at all")
    code, _out, err = run_cli(capsys, "info")
    assert code == 1 and "doesn't open your data" in err
    monkeypatch.setenv("HEARTH_PASSPHRASE", WORDS)
    code, out, _err = run_cli(capsys, "check")
    assert code == 0 and "Encrypted with a passphrase" in out

    export = tmp_path / "everything.json"
    code, _out, err = run_cli(capsys, "export", str(export))
    assert code == 0 and "plain text" in err
    assert SECRET in export.read_text(encoding="utf-8")

    code, _out, err = run_cli(capsys, "passphrase", "set", "--stdin")
    assert code == 1 and "already has a passphrase" in err

    monkeypatch.setattr("sys.stdin", _Stdin(OTHER + "\n"))
    code, out, _err = run_cli(capsys, "passphrase", "change", "--stdin")
    assert code == 0
    code, _out, err = run_cli(capsys, "backups")  # listing opens nothing
    assert code == 0
    code, _out, err = run_cli(capsys, "check")
    assert code == 1 and "doesn't open" in err
    monkeypatch.setenv("HEARTH_PASSPHRASE", OTHER)
    code, out, _err = run_cli(capsys, "backup")
    assert code == 0
    newest = list_backups(backups_dir(hearth_home))[0].path
    assert is_encrypted(newest)

    code, out, _err = run_cli(capsys, "restore", str(newest))
    assert code == 0 and is_encrypted(db_path(hearth_home))

    code, out, _err = run_cli(capsys, "passphrase", "remove")
    assert code == 0 and "plain files again" in out
    monkeypatch.delenv("HEARTH_PASSPHRASE")
    assert run_cli(capsys, "check")[0] == 0
    assert not any(is_encrypted(f) for f in _files(hearth_home))


def test_cli_refuses_a_short_new_passphrase_and_changes_nothing(capsys, monkeypatch, shared,
                                                                hearth_home):
    shared.close()
    before = sha256(db_path(hearth_home))
    monkeypatch.setattr("sys.stdin", _Stdin("tiny\n"))
    code, _out, err = run_cli(capsys, "passphrase", "set", "--stdin")
    assert code == 1 and "at least 6 characters" in err
    assert sha256(db_path(hearth_home)) == before
    code, _out, err = run_cli(capsys, "passphrase", "remove")
    assert code == 1 and "no passphrase yet" in err


def test_cli_wont_change_the_passphrase_while_hearth_is_open(capsys, monkeypatch, shared,
                                                            hearth_home):
    from app.instance import lock_path

    shared.close()
    lock_path(hearth_home).write_text(f"{os.getppid()}\nhearth\n{os.uname().nodename}\n")
    monkeypatch.setattr("sys.stdin", _Stdin(WORDS + "\n"))
    code, _out, err = run_cli(capsys, "passphrase", "set", "--stdin")
    assert code == 1 and "Hearth is open" in err
    assert not is_encrypted(db_path(hearth_home))
