"""Hearth's error log: what went wrong and where in the code — never what the couple wrote.

``hearth-errors.log`` in the data folder keeps, for each unexpected error, its type, the
frames of its traceback (file, line, function) and, for a failed SQL statement, only its
kind ("INSERT INTO checkin") and how many values it carried. Exception messages are never
written: SQLAlchemy's hold the statement's parameters (what was typed), a refusal can quote
the couple's words. An OSError's reason and file name are kept; they are about the disk.

The log and its rotated siblings (``.1`` … ``.3``, 256 KB each) are readable by the owner
only, whatever the umask. A log left by an older Hearth, which wrote whole tracebacks, is
removed the first time this one is used.

Qt-free; ``logging.handlers`` is imported only once something is logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import traceback
from pathlib import Path
from types import TracebackType

LOG_FILENAME = "hearth-errors.log"
MAX_BYTES = 256 * 1024
KEEP = 3  # rotated files kept beside the log
LOGGER_NAME = "hearth"
HEADER = "# Hearth's error log: error types and places in the code, never what you wrote.\n"
MAX_FRAMES = 40  # per exception; a deep recursion doesn't fill the log
MAX_CHAIN = 5  # causes followed

_lock = threading.Lock()
_handlers: dict[Path, logging.Handler] = {}


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FILENAME


# -- what an exception may say ---------------------------------------------------------------

_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "PRAGMA", "CREATE",
          "DROP", "ALTER", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM",
          "ATTACH", "DETACH", "ANALYZE", "REINDEX")
_NAME = r'"?([A-Za-z_][A-Za-z0-9_]{0,63})"?'
_TARGET = {
    "INSERT": re.compile(r"\bINTO\s+" + _NAME, re.I),
    "REPLACE": re.compile(r"\bINTO\s+" + _NAME, re.I),
    "UPDATE": re.compile(r"^\s*UPDATE\s+(?:OR\s+\w+\s+)?" + _NAME, re.I),
    "DELETE": re.compile(r"\bFROM\s+" + _NAME, re.I),
    "SELECT": re.compile(r"\bFROM\s+" + _NAME, re.I),
    "WITH": re.compile(r"\bFROM\s+" + _NAME, re.I),
    "PRAGMA": re.compile(r"^\s*PRAGMA\s+" + _NAME, re.I),
    "CREATE": re.compile(r"\b(?:TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _NAME,
                         re.I),
    "DROP": re.compile(r"\b(?:TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+EXISTS\s+)?" + _NAME, re.I),
    "ALTER": re.compile(r"\bTABLE\s+" + _NAME, re.I),
}
_WORDING = {"INSERT": "INSERT INTO", "REPLACE": "REPLACE INTO", "DELETE": "DELETE FROM",
            "SELECT": "SELECT FROM", "WITH": "SELECT FROM"}


def statement_kind(sql: str) -> str:
    """What a statement does and to which table ("INSERT INTO checkin"), without a value:
    parameters are never part of it, and neither is anything a statement spells out
    (e.g. a key in ``PRAGMA key = …``)."""
    match = re.match(r"\s*([A-Za-z]+)", sql)
    verb = match.group(1).upper() if match else ""
    if verb not in _VERBS:
        return "an SQL statement"
    target = _TARGET.get(verb)
    found = target.search(sql) if target else None
    words = _WORDING.get(verb, verb)
    return f"{words} {found.group(1)}" if found else words


def _count(params: object) -> str | None:
    if isinstance(params, (list, tuple)) and params and all(
            isinstance(p, (list, tuple, dict)) for p in params):
        return f"{len(params)} rows of values"
    if isinstance(params, (list, tuple, dict)):
        return f"{len(params)} value{'s' if len(params) != 1 else ''}"
    return None


def _type_name(kind: type) -> str:
    module = kind.__module__
    if module in ("builtins", "__main__"):
        return kind.__qualname__
    return f"{module}.{kind.__qualname__}"


def describe(exc: BaseException) -> str:
    """One line about ``exc`` that holds none of its message: its type, and what is safe to
    say — SQLite's error code, the statement's kind and how many values it carried, an
    OSError's reason and file, the input a refusal was about."""
    parts: list[str] = []
    code = getattr(exc, "sqlite_errorname", None)
    if isinstance(code, str):
        parts.append(code)
    statement = getattr(exc, "statement", None)
    if isinstance(statement, str):
        parts.append(statement_kind(statement))
        counted = _count(getattr(exc, "params", None))
        if counted:
            parts.append(counted)
    if isinstance(exc, OSError):
        if exc.strerror:
            parts.append(str(exc.strerror))
        for name in (exc.filename, exc.filename2):
            if name is not None:
                parts.append(os.fsdecode(name) if isinstance(name, (str, bytes)) else
                             str(name))
    field = getattr(exc, "field", None)
    if isinstance(field, str) and field.isidentifier():
        parts.append(f"about {field}")
    inner = f" ({'; '.join(parts)})" if parts else ""
    return f"{_type_name(type(exc))}{inner}"


_ROOT = Path(__file__).resolve().parent.parent


def _short(filename: str) -> str:
    marker = f"site-packages{os.sep}"
    if marker in filename:
        return filename.split(marker, 1)[1]
    try:
        return str(Path(filename).resolve().relative_to(_ROOT))
    except (ValueError, OSError):
        return filename


def _frames(tb: TracebackType | None) -> list[str]:
    frames = traceback.extract_tb(tb)
    lines = [f"  {_short(f.filename)}:{f.lineno} in {f.name}" for f in frames[-MAX_FRAMES:]]
    if len(frames) > MAX_FRAMES:
        lines.insert(0, f"  … {len(frames) - MAX_FRAMES} earlier frames")
    return lines


def details(exc: BaseException, tb: TracebackType | None = None) -> str:
    """``describe`` of ``exc`` and of what caused it, each with the frames it passed
    through — a traceback without a word of any message."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    first = True
    while current is not None and id(current) not in seen and len(seen) < MAX_CHAIN:
        seen.add(id(current))
        lines.append(("" if first else "caused by ") + describe(current))
        lines.extend(_frames(tb if first and tb is not None else current.__traceback__))
        first = False
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    return "\n".join(lines)


# -- the file ----------------------------------------------------------------------------------


def _private_handler(path: Path) -> logging.Handler:
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        """A RotatingFileHandler whose files are created 0600 (whatever the umask) and
        which never complains about a log it can't write."""

        def _open(self):
            _forget_old_log(Path(self.baseFilename))
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            if os.name == "posix":
                os.fchmod(fd, 0o600)
            stream = os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
            if stream.tell() == 0:
                stream.write(HEADER)
            return stream

        def doRollover(self) -> None:
            super().doRollover()
            if os.name == "posix":
                for number in range(1, self.backupCount + 1):
                    with contextlib.suppress(OSError):
                        os.chmod(f"{self.baseFilename}.{number}", 0o600)

        def handleError(self, record: logging.LogRecord) -> None:
            pass  # a log that can't be written (no folder, a full disk) bothers nobody

    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP,
                                         encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    return handler


def _forget_old_log(path: Path) -> None:
    """A log written by an older Hearth (whole tracebacks, with the couple's words in SQL
    parameters) is removed rather than added to."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(len(HEADER.encode("utf-8")))
    except OSError:
        return
    if start and start != HEADER.encode("utf-8"):
        with contextlib.suppress(OSError):
            path.unlink()


def forget_old_log(data_dir: Path) -> None:
    """Remove an older Hearth's log from ``data_dir``, if there is one."""
    _forget_old_log(log_path(data_dir))


def logger(data_dir: Path) -> logging.Logger:
    """The logger writing to ``data_dir``'s hearth-errors.log (one per folder, made on
    first use; it never passes records on to the root logger)."""
    folder = Path(data_dir).absolute()
    with _lock:
        handler = _handlers.get(folder)
        if handler is None:
            handler = _handlers[folder] = _private_handler(log_path(folder))
        log = logging.getLogger(f"{LOGGER_NAME}.{folder}")
        if handler not in log.handlers:
            log.propagate = False
            log.setLevel(logging.INFO)
            log.addHandler(handler)
        return log


def report(data_dir: Path, doing: str, exc: BaseException,
           tb: TracebackType | None = None) -> str:
    """Log ``exc`` (what Hearth was ``doing``: words from the code, not from the couple)
    in ``data_dir``'s log; returns the same text, safe to print on stderr."""
    text = f"{doing}: {details(exc, tb)}"
    logger(data_dir).error("%s", text)
    return text


def close_all() -> None:
    """Close every log file (the end of a run, or a test)."""
    with _lock:
        for folder, handler in _handlers.items():
            logging.getLogger(f"{LOGGER_NAME}.{folder}").removeHandler(handler)
            handler.close()
        _handlers.clear()
