"""Everything the couple has, as one JSON document — and back.

The format (documented in the README, "Export format") is versioned::

    {"format": "hearth-export", "version": 1, "exported_at": "…", "schema": "0009",
     "couple": [{…}, …], "partner": […], "checkin": […], …}

After the header comes one list per table of Hearth's database, in the order the tables
depend on each other, each row an object with every column, rows in id order. Values are
exactly what the database holds (moments as UTC "YYYY-MM-DD HH:MM:SS[.ffffff]", days as
"YYYY-MM-DD", yes/no as 1/0), so the same data always exports to the same text, and export →
import → export gives an identical file except ``exported_at``.

Import goes into an empty database only, and is all-or-nothing: the document is checked and
loaded into a new database file beside the couple's (at the document's schema revision, then
upgraded), which replaces theirs only when everything in it is right. Every row is checked
with the rules the forms apply (``import_rules.RULES``): an import lets in only what the couple
could have typed in.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.errors import HearthError, ValidationError
from app.paths import create_private_file
from app.persistence.backup import backup_file
from app.persistence.database import Database, Passphrase, connect_raw, driver_errors
from app.persistence.migrate import head_revision, revision_chain, upgrade
from app.persistence.repositories import CoupleRepository, StatsRepository

if TYPE_CHECKING:
    from app.services.import_rules import Column

FORMAT = "hearth-export"
VERSION = 1
HEADER = ("format", "version", "exported_at", "schema")
# SQLite's and Alembic's own tables, and together_sitting: derived, rebuilt by triggers as
# the check-ins come in (migration 0011).
_SKIP = {"alembic_version", "sqlite_sequence", "together_sitting"}


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Tables in an order where every table comes after the ones it points at."""
    names = sorted(r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'") if r[0] not in _SKIP)
    parents = {name: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')
                      if r[2] != name} for name in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # pragma: no cover - Hearth's schema has no cycles
            raise RuntimeError("The tables point at each other in a circle.")
        ordered.extend(ready)
    return ordered


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, int]]:
    """(name, declared type, not null, position in the primary key) per column."""
    return [(r[1], (r[2] or "").upper(), bool(r[3]), r[5])
            for r in conn.execute(f'PRAGMA table_info("{table}")')]


def export_document(path: Path, exported_at: datetime,
                    passphrase: Passphrase | None = None, salt: bytes | None = None) -> dict:
    conn = connect_raw(path, readonly=True, passphrase=passphrase, salt=salt)
    try:
        conn.execute("BEGIN")  # one consistent moment
        schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        document: dict = {"format": FORMAT, "version": VERSION,
                          "exported_at": exported_at.isoformat(timespec="seconds"),
                          "schema": schema}
        for table in _tables(conn):
            columns = _columns(conn, table)
            names = ", ".join(f'"{c[0]}"' for c in columns)
            keys = [c[0] for c in sorted((c for c in columns if c[3]), key=lambda c: c[3])]
            order = ", ".join(f'"{k}"' for k in keys) or "rowid"
            rows = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}')
            document[table] = [dict(zip([c[0] for c in columns], row, strict=True))
                               for row in rows]
        conn.execute("ROLLBACK")
        return document
    finally:
        conn.close()


def export_bytes(path: Path, exported_at: datetime | None = None,
                 passphrase: Passphrase | None = None, salt: bytes | None = None) -> bytes:
    """The export as UTF-8 JSON. Always plain text, even from an encrypted database (whose
    ``salt`` the caller with a connection open on it passes: see database.py)."""
    document = export_document(path, exported_at or datetime.now().astimezone(), passphrase,
                               salt)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _refuse(message: str) -> ValidationError:
    return ValidationError(message + " Nothing was imported.", "file")


def _shape(conn: sqlite3.Connection, table: str) -> dict[str, Column]:
    """The columns of ``table``, as the import's rules need them."""
    from app.services.import_rules import Column

    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    keys = [r for r in info if r[5]]
    rowid = keys[0][1] if len(keys) == 1 and (keys[0][2] or "").upper() == "INTEGER" else None
    return {r[1]: Column(r[1], (r[2] or "").upper(),
                         bool(r[3]) and r[4] is None and r[1] != rowid) for r in info}


def _misfit(where: str, error: Exception) -> str:
    """Why SQLite didn't take a row, in plain words (never its own words)."""
    said = str(error)
    columns = [part.strip().rsplit(".", 1)[-1] for part in said.split(":", 1)[-1].split(",")]
    if "UNIQUE" in said or "PRIMARY KEY" in said:
        named = " and ".join(f"“{c}”" for c in columns)
        return f"{where} has the same {named} as another one before it."
    if "NOT NULL" in said:
        return f"{where} (“{columns[0]}”): this is missing."
    if "FOREIGN KEY" in said:
        return f"{where} points at something that isn't in this export."
    return f"{where} holds something Hearth doesn't keep there."


def parse_document(data: bytes) -> dict:
    if not isinstance(data, bytes | bytearray):
        raise _refuse("This isn't a Hearth export.")
    try:
        document = json.loads(bytes(data).decode("utf-8-sig"))  # a byte-order mark is fine
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _refuse("This file isn't a Hearth export (it isn't readable JSON).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse("This file isn't a Hearth export.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _refuse("This export has no format version.")
    if version > VERSION:
        raise _refuse("This export was written by a newer Hearth. Please update Hearth to "
                      "import it.")
    if version < 1:
        raise _refuse("This export's format version is unknown.")
    if document.get("schema") not in revision_chain():
        raise _refuse("This export was written by a newer Hearth (its data has a newer "
                      "shape). Please update Hearth to import it.")
    return document


def build_database(document: dict, incoming: Path) -> None:
    """Load a checked document into a new database file at ``incoming`` (then at head)."""
    from app.services.import_rules import Seen, check_row, noun, shown, where, with_article

    incoming.unlink(missing_ok=True)
    create_private_file(incoming)
    upgrade(incoming, document["schema"])
    conn = connect_raw(incoming)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        tables = _tables(conn)
        unknown = sorted(set(document) - set(HEADER) - set(tables))
        if unknown:
            raise _refuse("This export holds something Hearth doesn't know: "
                          f"“{shown(unknown[0])}”.")
        conn.execute("BEGIN")
        for table in reversed(tables):  # the starter rows every new database comes with
            conn.execute(f'DELETE FROM "{table}"')
        seen = Seen()  # what the rows before held, for the rules that look across rows
        for table in tables:
            rows = document.get(table, [])
            if not isinstance(rows, list):
                raise _refuse(f"“{table}” in this export isn't a list.")
            columns = _shape(conn, table)
            for number, row in enumerate(rows, start=1):
                try:  # the forms' own rules, field by field (see import_rules.RULES)
                    check_row(table, number, row, columns, seen)
                except ValidationError as refused:
                    raise _refuse(refused.message) from None
                names = ", ".join(f'"{c}"' for c in row)
                marks = ", ".join("?" for _ in row)
                try:
                    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                 list(row.values()))
                except driver_errors() as exc:
                    raise _refuse(_misfit(where(table, number), exc)) from None
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise _refuse(f"{where(broken[0][0], None)} points at "
                          f"{with_article(noun(broken[0][2]))} that isn't in it.")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        incoming.unlink(missing_ok=True)
        raise
    conn.close()
    if document["schema"] != head_revision():
        upgrade(incoming)
    try:
        problem = _unreadable(incoming)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    if problem:
        incoming.unlink(missing_ok=True)
        raise _refuse(f"This export holds something Hearth can't use ({problem}).")


def _unreadable(incoming: Path) -> str | None:
    """Read everything back through the services, with the domain's own rules, before the
    couple depends on it: what the database's checks let through (a text size Hearth
    doesn't have, an impossible date, a repeat rule that never ends) is caught here."""
    from app.domain.calendar import clean_event
    from app.domain.couple import clean_names
    from app.domain.meetings import clean_answers, clean_commitment
    from app.domain.prompts import clean_deck, clean_prompt
    from app.services import Services

    services = Services.over(Database(incoming, readonly=True))
    try:
        couple = services.couple.get()
        ids: tuple[int, ...] = ()
        if couple is not None:
            clean_names(*couple.names)
            ids = couple.ids
        services.settings.get()
        services.checkins.history()
        services.checkins.span()
        services.values.values()
        for partner_id in ids:
            services.values.history(partner_id)
        services.values.statement()
        services.goals.goals()
        services.ideas.ideas()
        for event in services.calendar.events():
            clean_event(event.as_input(), ids)
        services.ics.export()
        for sheet in services.worksheets.worksheets():
            services.worksheets.get(sheet.id)
        for deck in services.prompts.decks():
            if deck.own:
                clean_deck(deck.title, deck.description)
                for prompt in deck.prompts:
                    clean_prompt(prompt.text, prompt.depth)
        services.prompts.marks()
        current = services.meetings.current()
        for meeting in [*services.meetings.history(), *([current] if current else [])]:
            clean_answers(meeting.answers)
            for commitment in meeting.commitments:
                if commitment.partner_id not in ids:
                    raise ValidationError("A commitment belongs to someone who isn't one of "
                                          "the two of you.", "commitment")
                clean_commitment(commitment.text)
    except HearthError as refused:
        return refused.message
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, AssertionError,
            *driver_errors()):
        return "some of it doesn't read back as Hearth keeps it"
    finally:
        services.close()
    return None


def holds_nothing(db: Database) -> bool:
    """No couple and nothing written: the only kind of database an import goes into."""
    with db.reading() as session:
        if CoupleRepository(session).get() is not None:
            return False
        return StatsRepository(session).entries_beyond_couple() == 0 and not session.scalar(
            text("SELECT count(*) FROM couple_settings"))


class TransferService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def export(self, exported_at: datetime | None = None) -> bytes:
        return export_bytes(self.db.path, exported_at, self.db.passphrase, self.db.salt)

    def import_(self, data: bytes) -> ChangeSet:
        """Everything from an export, into this (empty) database, all or nothing."""
        from app.services.backups import BackupService, install

        if not holds_nothing(self.db):
            raise ValidationError("Hearth already holds data here, so the import was refused "
                                  "to keep both safe. Import into a new, empty data folder "
                                  "(start Hearth with --data-dir), or restore a backup "
                                  "instead.", "file")
        document = parse_document(data)
        incoming = self.db.path.with_name(self.db.path.name + ".importing")
        try:
            build_database(document, incoming)
            if self.db.passphrase is not None:  # an encrypted (empty) database stays so
                plain, incoming = incoming, incoming.with_name(incoming.name + "-encrypted")
                try:
                    backup_file(plain, incoming, self.db.passphrase)
                finally:
                    plain.unlink(missing_ok=True)
            BackupService(self.db).back_up("before-import")
            install(incoming, self.db)
        finally:
            incoming.unlink(missing_ok=True)
        return ChangeSet.of(changes.ALL)
