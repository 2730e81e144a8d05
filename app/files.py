"""Writing a file the couple asked for (an export, a calendar, a PDF) without ever leaving
half of one behind: written beside the target under a temporary name, then renamed into
place, so the target is either the old file or the whole new one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target``; on failure nothing changes and OSError is raised."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    try:
        with open(partial, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
