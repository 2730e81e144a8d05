"""Files the couple asks for (exports, calendars, PDFs, backups) never land on Hearth's own
data, are written whole or not at all, are private whatever the umask, and never change the
permissions of a folder the couple chose."""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.files import CannotWrite, check_output_target, write_atomically
from app.paths import backups_dir, db_path, ensure_private_dir
from tests.helpers import fresh, run_cli, sha256

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and pipes")

# Each command that writes a file the couple names, as hearth-cli is typed.
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "export": lambda file: ["export", str(file)],
    "export-ics": lambda file: ["calendar", "export-ics", str(file)],
    "export-pdf": lambda file: ["conflicts", "export-pdf", "1", str(file)],
    "backup": lambda file: ["backup", str(file)],
}


@pytest.fixture
def ours(db_file: Path) -> Path:
    """The couple's data: names, a worksheet (id 1) and a plan, in the usual data folder."""
    with fresh(db_file) as services:
        services.couple.setup("Zoë", "Łukasz")
        services.worksheets.start("after_fight", "The dishes")
    return db_file


@contextmanager
def no_hang(seconds: int = 10) -> Iterator[None]:
    """Fail instead of waiting for ever (opening a pipe for writing blocks until a reader)."""
    def stop(_signum, _frame):
        raise AssertionError("hearth-cli waited on the pipe")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def still_ours(path: Path, before: str) -> None:
    """Byte for byte what it was, and Hearth still opens it healthy with the couple in it."""
    assert sha256(path) == before
    with fresh(path) as services:
        assert services.couple.require().names == ("Zoë", "Łukasz")
        assert [w.title for w in services.worksheets.worksheets()] == ["The dishes"]


def _contents(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder in ``folder`` and below, with what the files hold."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in folder.rglob("*")}


def _places(home: Path, tmp: Path) -> dict[str, Path]:
    """Every kind of place a file must not be written to, made ready on disk."""
    database = db_path(home)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    link_to_db = elsewhere / "link.json"
    link_to_db.symlink_to(database)
    link_to_home = elsewhere / "shortcut"
    link_to_home.symlink_to(home, target_is_directory=True)
    folder = elsewhere / "a folder"
    folder.mkdir()
    backups_dir(home).mkdir(exist_ok=True)
    return {
        "database": database,
        "wal": Path(f"{database}-wal"),
        "shm": Path(f"{database}-shm"),
        "lock": home / "hearth.lock",
        "window settings": home / "window.ini",
        "a new file in the data folder": home / "export.out",
        "the backups folder": backups_dir(home) / "export.out",
        "the database through ..": elsewhere / ".." / home.name / database.name,
        "a link to the database": link_to_db,
        "the data folder through a link": link_to_home / database.name,
        "the data folder itself": home,
        "a folder": folder,
    }


PLACES = ["database", "wal", "shm", "lock", "window settings", "a new file in the data folder",
          "the backups folder", "the database through ..", "a link to the database",
          "the data folder through a link", "the data folder itself", "a folder"]


@posix_only
@pytest.mark.parametrize("place", PLACES)
def test_hearth_s_own_files_and_folders_are_refused(capsys, ours, hearth_home, tmp_path, place):
    target = _places(hearth_home, tmp_path)[place]
    existed = _contents(hearth_home)
    before = sha256(ours)
    for command, argv in COMMANDS.items():
        code, out, err = run_cli(capsys, *argv(target))
        assert (code, out) == (1, ""), (command, err)
        if place == "a folder":
            assert "is a folder; please give a file name" in err, command
        else:
            assert "is where Hearth keeps your data; please choose a file outside Hearth's " \
                   "data folder. Nothing was written." in err, command
        assert _contents(hearth_home) == existed, command  # nothing new, nothing changed
    still_ours(ours, before)
    assert not list(tmp_path.rglob("*.partial"))
    assert list(backups_dir(hearth_home).iterdir()) == []  # no backup landed there either


@posix_only
def test_a_data_folder_given_with_data_dir_is_guarded_too(capsys, ours, tmp_path, monkeypatch):
    moved = tmp_path / "our data"
    ours.parent.rename(moved)
    monkeypatch.delenv("HEARTH_HOME")
    before = sha256(db_path(moved))
    for command, argv in COMMANDS.items():
        code, out, err = run_cli(capsys, "--data-dir", str(moved), *argv(db_path(moved)))
        assert (code, out) == (1, ""), command
        assert "is where Hearth keeps your data" in err, command
        assert sha256(db_path(moved)) == before, command


@posix_only
def test_a_pipe_is_refused_without_waiting(capsys, ours, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    before = sha256(ours)
    for command, argv in COMMANDS.items():
        with no_hang():
            code, out, err = run_cli(capsys, *argv(pipe))
        assert (code, out) == (1, ""), command
        assert "isn't an ordinary file" in err and "Nothing was written." in err, command
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode), command
    assert not list(tmp_path.rglob("*.partial"))
    still_ours(ours, before)


@posix_only
def test_a_link_going_round_in_a_circle_is_refused(capsys, ours, tmp_path):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    code, out, err = run_cli(capsys, "export", str(loop))
    assert (code, out) == (1, "")
    assert "leads nowhere Hearth can follow" in err
    assert loop.is_symlink()


@posix_only
def test_a_device_is_refused(capsys, ours, tmp_path):
    device = tmp_path / "null"
    try:  # a device of our own, so a broken refusal can't clobber the system's
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:  # not root: a link to it, which only root could replace
        device.symlink_to(os.devnull)
    before = sha256(ours)
    for command, argv in COMMANDS.items():
        code, out, err = run_cli(capsys, *argv(device))
        assert (code, out) == (1, ""), command
        assert "isn't an ordinary file" in err, command
        assert stat.S_ISCHR(os.stat(device).st_mode), command
    still_ours(ours, before)


@posix_only
@pytest.mark.parametrize(("command", "name", "magic"), [
    ("export", "ours.json", b"{"),
    ("export-ics", "ours.ics", b"BEGIN:VCALENDAR"),
    ("export-pdf", "ours.pdf", b"%PDF"),
    ("backup", "ours.sqlite3", b"SQLite format 3\x00"),
])
def test_exports_are_private_whatever_the_umask(capsys, ours, tmp_path, command, name, magic):
    target = tmp_path / "out" / name
    target.parent.mkdir()
    with umask(0):
        code, _out, err = run_cli(capsys, *COMMANDS[command](target))
    assert code == 0, err
    assert target.read_bytes().startswith(magic)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == [name]  # no temporary file left


@posix_only
def test_an_export_replaces_an_older_file_with_a_private_one(capsys, ours, tmp_path):
    target = tmp_path / "ours.json"
    target.write_text("last year's")
    target.chmod(0o644)
    with umask(0):
        code, _out, err = run_cli(capsys, "export", str(target))
    assert code == 0, err
    assert target.read_text().startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@posix_only
@pytest.mark.parametrize("mode", [0o1777, 0o775])
def test_a_folder_the_couple_chose_keeps_its_permissions(capsys, ours, tmp_path, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    for command, argv in COMMANDS.items():
        code, _out, err = run_cli(capsys, *argv(shared / f"ours-{command}"))
        assert code == 0, err
        assert stat.S_IMODE(shared.stat().st_mode) == mode, command
        assert (shared / f"ours-{command}").is_file()


@posix_only
@pytest.mark.parametrize("mode", [0o775, 0o755])
def test_a_chosen_data_folder_keeps_its_permissions(capsys, tmp_path, monkeypatch, mode):
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    chosen.chmod(mode)
    monkeypatch.delenv("HEARTH_HOME")
    code, _out, err = run_cli(capsys, "--data-dir", str(chosen), "setup", "--names", "Zoë",
                              "Łukasz")
    assert code == 0, err
    code, _out, err = run_cli(capsys, "--data-dir", str(chosen), "backup")
    assert code == 0, err
    assert stat.S_IMODE(chosen.stat().st_mode) == mode
    assert stat.S_IMODE(backups_dir(chosen).stat().st_mode) == 0o700  # Hearth made this one


@posix_only
def test_folders_hearth_makes_are_private_at_every_level(tmp_path):
    top = tmp_path / "made"
    with umask(0):
        ensure_private_dir(top / "by" / "hearth")
    for folder in (top, top / "by", top / "by" / "hearth"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    tmp_mode = stat.S_IMODE(tmp_path.stat().st_mode)
    ensure_private_dir(tmp_path)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == tmp_mode


# --- app.files directly ---------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, hearth_home):
    target = tmp_path / "ours.json"
    target.write_bytes(b"precious")

    def breaks_halfway(handle):
        handle.write(b"half of it")
        raise OSError(28, "No space left on device")

    with pytest.raises(CannotWrite, match=r"“ours\.json” can't be written: No space left"):
        write_atomically(target, breaks_halfway, data_dir=hearth_home)
    assert target.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir() if p.name != hearth_home.name] == ["ours.json"]


def test_an_ordinary_place_outside_is_welcome(tmp_path, hearth_home):
    target = tmp_path / "out" / ".." / "ours.json"
    written = write_atomically(target, b"{}", data_dir=hearth_home)
    assert written == (tmp_path / "ours.json").resolve()
    assert written.read_bytes() == b"{}"
    assert check_output_target(tmp_path / "new.json", hearth_home) == \
        (tmp_path / "new.json").resolve()
