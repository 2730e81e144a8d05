"""Where Hearth keeps the couple's data.

The data dir is, in order of precedence: ``--data-dir DIR``, the ``HEARTH_HOME``
environment variable, or the platform's per-user data dir (``~/.local/share/Hearth`` on
Linux, ``%LOCALAPPDATA%\\Hearth`` on Windows, ``~/Library/Application Support/Hearth`` on
macOS).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app import APP_NAME

DB_FILENAME = "hearth.sqlite3"
BACKUPS_DIRNAME = "backups"
ENV_HOME = "HEARTH_HOME"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use. An empty ``explicit`` name is refused (ValidationError):
    it would silently mean the usual folder, the couple's real data."""
    if explicit is not None:
        if not os.fspath(explicit).strip():
            from app.domain.errors import ValidationError

            raise ValidationError("--data-dir needs the name of a folder; it was empty. "
                                  "Nothing was opened.", "data_dir")
        return Path(explicit).expanduser().absolute()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_dir()


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIRNAME


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents, each readable by the owner only (0700 on
    POSIX, whatever the umask). A folder that already exists is left exactly as it is:
    Hearth changes the permissions only of folders it created itself, never of one the
    couple chose (a shared folder, a read-only one, their home)."""
    path = Path(path)
    missing = []
    folder = path
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if folder.is_dir():
                continue  # made by someone else meanwhile: not ours to change
            raise
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)  # the one we just made, should the umask be odd
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by the owner only. Never truncates."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
