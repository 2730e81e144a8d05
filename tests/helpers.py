"""Small helpers shared by test modules: run the CLI as a person would, look at files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.cli import main
from app.persistence.database import Database
from app.services import Services

# Which process the code running now stands for: hearth-cli runs in-process in the tests
# but stands for a process of its own, whose connections are its own (tests/conftest.py
# audits opens of a live database per process).
PROCESS = ["tests"]


@contextmanager
def as_process(name: str) -> Iterator[None]:
    PROCESS.append(name)
    try:
        yield
    finally:
        PROCESS.pop()


def run_cli(capsys, *argv: str, crash_expected: bool = False) -> tuple[int, str, str]:
    """hearth-cli in-process: (exit code, stdout, stderr); usage errors come back as 2.

    No traceback ever reaches the person, and unless a test provokes one on purpose, no
    "something unexpected went wrong" either: every refusal has its own plain message.
    """
    try:
        with as_process("hearth-cli"):
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


def damage_table(path: Path, table: str = "idea") -> bytes:
    """Scribble over the first bytes of ``table``'s root page in the (closed) database at
    ``path``, as a failing disk would; SQLite's checks then find the damage. Returns the
    damaged file's bytes."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                               (table,)).fetchone()
        (page,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page:(root - 1) * page + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    return bytes(data)
