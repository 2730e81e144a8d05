"""Writing a file the couple asked for (an export, a calendar, a PDF, a chart, a backup).

Two promises, for every such file:

- It never lands on Hearth's own data. ``check_output_target`` refuses the database, its
  ``-wal``/``-shm``, the lock file, ``window.ini``, anything in the data folder or its
  backups folder (symlinks and ``..`` resolved first: a link to the database *is* the
  database), a folder, a pipe or a device — with a plain message, before anything is
  written.
- It is never left half written. ``write_atomically`` writes beside the target under a
  fresh temporary name (owner-only, 0600, whatever the umask), flushes it to disk and
  renames it into place, so the target is either the old file, untouched, or the whole
  new one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import HearthError, ValidationError
from app.instance import lock_path
from app.paths import backups_dir, db_path

WINDOW_SETTINGS = "window.ini"

Writer = Callable[[BinaryIO], object]


class CannotWrite(HearthError):
    """The system wouldn't let Hearth write a file the couple asked for (a full disk, a
    folder they can't write to, a folder that doesn't exist); nothing was changed."""


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a path names (device and inode), or None when there is nothing there."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _protected(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """Hearth's own folders and files, as given and with every link resolved."""
    data_dir = Path(data_dir).expanduser().absolute()
    database = db_path(data_dir)
    folders = [data_dir, backups_dir(data_dir)]
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm"), lock_path(data_dir),
             data_dir / WINDOW_SETTINGS]
    return [*folders, *map(_resolved, folders)], [*files, *map(_resolved, files)]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def check_output_target(target: str | os.PathLike[str], data_dir: str | os.PathLike[str],
                        *, suffix: str | None = None) -> Path:
    """The file to write for ``target`` (its links and ``..`` resolved), or ValidationError
    with a plain message when it is Hearth's data, a folder, a pipe or a device.

    Nothing is opened, so a pipe never makes this wait. ``suffix`` (".json") only shapes
    the words for a folder.
    """
    given = Path(target).expanduser()
    try:
        resolved = given.absolute().resolve()
    except (OSError, RuntimeError):  # a link that leads round in a circle
        raise ValidationError(f"“{given}” is a link that leads nowhere Hearth can follow; "
                              "please choose a file. Nothing was written.", "file") from None
    folders, files = _protected(Path(data_dir))
    inside = any(_within(resolved, folder) for folder in folders) or resolved in files
    if not inside:
        # The same file or folder under another name (a bind mount, a hard link, a
        # case-insensitive disk): compare what the names point at, not the names.
        guarded = {i for i in map(_identity, [*folders, *files]) if i is not None}
        inside = any(_identity(p) in guarded for p in (resolved, *resolved.parents))
    if inside:
        raise ValidationError(f"“{given}” is where Hearth keeps your data; please choose a "
                              "file outside Hearth's data folder. Nothing was written.",
                              "file")
    try:
        mode = os.stat(resolved).st_mode
    except (OSError, ValueError):
        return resolved  # nothing there yet (or nothing reachable: writing will say why)
    if stat.S_ISDIR(mode):
        ending = f" ending in {suffix}" if suffix else ""
        raise ValidationError(f"“{given}” is a folder; please give a file name{ending}. "
                              "Nothing was written.", "file")
    if not stat.S_ISREG(mode):
        raise ValidationError(f"“{given}” isn't an ordinary file (it is a pipe or a device); "
                              "please choose a file name. Nothing was written.", "file")
    return resolved


def write_atomically(target: str | os.PathLike[str], content: bytes | Writer, *,
                     data_dir: str | os.PathLike[str], suffix: str | None = None) -> Path:
    """Write ``content`` (bytes, or a function that writes into the open file) to
    ``target`` after ``check_output_target``; returns the path written.

    Refusals raise ValidationError and the system's failures CannotWrite (in its words);
    either way nothing changes: the temporary file is removed and an existing target is
    left as it was.
    """
    destination = check_output_target(target, data_dir, suffix=suffix)
    try:
        _write_beside(destination, content)
    except OSError as error:
        raise CannotWrite(f"“{destination.name}” can't be written: "
                          f"{error.strerror or 'the system refused'}. Nothing was changed; "
                          "please try another folder.") from error
    _sync_folder(destination.parent)
    return destination


def _write_beside(destination: Path, content: bytes | Writer) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f"{destination.name}.", suffix=".partial",
                                             dir=destination.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere the rename is enough)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
