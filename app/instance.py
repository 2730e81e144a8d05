"""Is Hearth open on this data folder right now?

The window holds a QLockFile at ``<data dir>/hearth.lock`` (see ui/single_instance.py). Its
first line is the owner's process id, then the application name and the host. The command
line reads it without Qt so it never writes under a running window's feet: commands that
replace the data (restore, import, passphrase) refuse while the owner is alive.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_FILENAME = "hearth.lock"


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def running_pid(data_dir: Path) -> int | None:
    """The process id of a Hearth window using ``data_dir``, or None (no lock, or a stale
    one left by a crash)."""
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    import socket  # only here: the window imports this module before its first paint

    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid  # another computer's (a shared folder): assume it is in use
    return pid if _alive(pid) and pid != os.getpid() else None
