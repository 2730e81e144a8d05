"""Small helpers shared by test modules: run the CLI as a person would, look at files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.cli import main
from app.persistence.database import Database
from app.services import Services


def run_cli(capsys, *argv: str, crash_expected: bool = False) -> tuple[int, str, str]:
    """hearth-cli in-process: (exit code, stdout, stderr); usage errors come back as 2.

    No traceback ever reaches the person, and unless a test provokes one on purpose, no
    "something unexpected went wrong" either: every refusal has its own plain message.
    """
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert crash_expected or "unexpected" not in err
    return code, out, err


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def fresh(path: Path) -> Iterator[Services]:
    """Services over a newly opened Database: what the next start of Hearth would see."""
    services = Services.over(Database(path))
    try:
        yield services
    finally:
        services.close()
