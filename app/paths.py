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
    if explicit:
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
    """Create ``path`` (and parents) readable by the owner only on POSIX."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        # Not ours to change when it is, say, a shared folder chosen on purpose.
        with contextlib.suppress(PermissionError):
            os.chmod(path, 0o700)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by the owner only. Never truncates."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
