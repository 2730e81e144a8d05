"""hearth-cli: Hearth's command line for checks, information, setup and demo data.

Qt-free and quick to start. Exit codes: 0 ok, 1 refused or a problem found (with a message
on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app import APP_NAME
from app.domain.errors import HearthError, NotFoundError, ValidationError
from app.files import check_output_target, write_atomically
from app.paths import db_path, resolve_data_dir

if TYPE_CHECKING:
    from app.domain.prompts import Deck
    from app.services import Services

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class Problem(Exception):
    """A refusal or a problem found; its text goes to stderr and the exit code is 1."""


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _finish_interrupted_change(data_dir: Path) -> None:
    """A passphrase change stopped halfway is finished or undone before anything looks at
    the files (app/services/privacy.py); say which."""
    from app.services.privacy import finish_interrupted_rekey

    said = finish_interrupted_rekey(data_dir)
    if said:
        print(f"hearth-cli: {said}", file=sys.stderr)


def _require_database(data_dir: Path) -> Path:
    _finish_interrupted_change(data_dir)
    path = db_path(data_dir)
    if not path.exists():
        raise Problem(
            f"There is no Hearth data in “{data_dir}” yet. Start Hearth once, or run "
            "“hearth-cli setup --names NAME NAME”."
        )
    return path


PASSPHRASE_ENV = "HEARTH_PASSPHRASE"


def _passphrase_text(*files: Path) -> str | None:
    """The passphrase, when any of ``files`` is encrypted: from HEARTH_PASSPHRASE, or asked
    for in the terminal (never echoed)."""
    from app.persistence.database import is_encrypted

    if files and files[0] == db_path(files[0].parent):
        _finish_interrupted_change(files[0].parent)
    if not any(is_encrypted(file) for file in files):
        return None
    text = os.environ.get(PASSPHRASE_ENV)
    if text:
        return text
    if not sys.stdin.isatty():
        raise Problem("This Hearth data is protected by a passphrase. Set "
                      f"{PASSPHRASE_ENV}, or run the command in a terminal to be asked for it.")
    import getpass

    return getpass.getpass("Hearth's passphrase: ")


def _passphrase(*files: Path):
    return _passphrase_from(_passphrase_text(*files))


def _passphrase_from(text: str | None):
    from app.persistence.database import Passphrase

    try:
        return Passphrase(text) if text else None
    except ValueError:
        raise Problem("That passphrase can't be right: it holds a NUL character.") from None


def _open(data_dir: Path, passphrase=None):
    """Open (creating or upgrading as needed) the database for a command that writes."""
    from app.persistence.migrate import open_database
    from app.services import Services

    path = db_path(data_dir)
    return Services.over(open_database(path, passphrase=passphrase or _passphrase(path)))


def _read(data_dir: Path):
    """Open the database for a command that only reads: it never creates, upgrades or
    backs up anything. (inspect_database refuses foreign and too-new files.)"""
    from app.persistence.database import Database
    from app.persistence.migrate import State, inspect_database
    from app.services import Services

    path = _require_database(data_dir)
    passphrase = _passphrase(path)
    inspection = inspect_database(path, passphrase)
    if inspection.state is State.EMPTY:
        raise Problem(f"“{path}” is empty: there is nothing to show yet.")
    if inspection.state is State.OLDER:
        raise Problem(
            f"“{path}” was written by an older Hearth (revision {inspection.revision}). Start "
            "Hearth once to bring it up to date — it makes a backup first — then try again."
        )
    return Services.over(Database(path, readonly=True, passphrase=passphrase))


def cmd_check(args: argparse.Namespace) -> int:
    from app.persistence.database import connect_raw
    from app.persistence.migrate import State, inspect_database, revision_chain

    path = _require_database(args.data_dir)
    passphrase = _passphrase(path)
    inspection = inspect_database(path, passphrase)
    if inspection.state is State.EMPTY:
        raise Problem(f"“{path}” is empty: Hearth will set it up at the next start.")
    conn = connect_raw(path, readonly=True, passphrase=passphrase)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [
            f"a row in {row[0]} points at a missing row in {row[2]}"
            for row in conn.execute("PRAGMA foreign_key_check")
        ]
    except Exception as exc:  # sqlite3.DatabaseError and friends
        problems = [str(exc)]
    finally:
        conn.close()
    if problems:
        shown = "\n  ".join(problems[:10])
        raise Problem(
            f"“{path}” has problems:\n  {shown}\n"
            "The file was not changed. The newest backup is in the “backups” folder beside it."
        )
    status = (
        "current"
        if inspection.state is State.CURRENT
        else (f"older; Hearth will upgrade it to {revision_chain()[-1]} at the next start")
    )
    print(f"Healthy: {path}")
    print(f"Schema revision: {inspection.revision} ({status})")
    if passphrase is not None:
        print("Encrypted with a passphrase.")
    return EXIT_OK


def _not_while_open(data_dir: Path, doing: str) -> None:
    from app.instance import running_pid

    pid = running_pid(data_dir)
    if pid is not None:
        raise Problem(f"Hearth is open on this data (process {pid}). Please close it before "
                      f"{doing}, so nothing is written twice.")


def cmd_backup(args: argparse.Namespace) -> int:
    from app.domain.backups import size_words

    if args.file:
        check_output_target(args.file, args.data_dir)  # before opening anything
    _require_database(args.data_dir)
    services = _open(args.data_dir)
    try:
        backup = services.backups.back_up("manual", Path(args.file) if args.file else None)
    except OSError as error:
        raise Problem(f"The backup couldn't be written: {error.strerror or error}.") from None
    finally:
        services.close()
    print(f"Backed up to {backup.path} ({size_words(backup.size)}).")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from app.domain.backups import size_words
    from app.paths import backups_dir
    from app.services.backups import list_backups

    folder = backups_dir(args.data_dir)
    found = list_backups(folder)
    if args.json:
        print(json.dumps([{"file": str(b.path), "taken_at": b.taken_at.isoformat(),
                           "size": b.size, "reason": b.reason, "checked": b.checked}
                          for b in found], indent=2))
        return EXIT_OK
    if not found:
        print(f"No backups yet in {folder}.")
    for backup in found:
        checked = "checked" if backup.checked else "unchecked"
        print(f"{backup.taken_at:%Y-%m-%d %H:%M}  {size_words(backup.size):>9}  {checked:<9}  "
              f"{backup.reason_words}  {backup.path.name}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.backups import restore_closed

    source = Path(args.file)
    if not source.is_file():
        raise Problem(f"“{source}” isn't a file Hearth can find.")
    _not_while_open(args.data_dir, "restoring")
    target = db_path(args.data_dir)
    try:
        kept = restore_closed(source, target, _passphrase(target, source))
    except OSError as error:
        raise Problem(f"The restore couldn't be written: {error.strerror or error}. Nothing "
                      "was changed.") from None
    print(f"Restored {source.name} into {target}.")
    if kept is not None:
        print(f"The data it replaced is kept in {kept}.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    def make(services: Services) -> bytes:
        if services.privacy.protected:
            print("Note: the export is plain text, not encrypted — anyone who opens the file "
                  "can read it. Keep it somewhere private.", file=sys.stderr)
        return services.transfer.export()

    return _export(args.file, args.data_dir, ".json", make)


def _new_passphrase(args: argparse.Namespace) -> str:
    """The new passphrase: one line of standard input with --stdin, else typed twice."""
    if args.stdin:
        line = sys.stdin.readline()
        text = line[:-1] if line.endswith("\n") else line
        return text[:-1] if text.endswith("\r") else text
    if not sys.stdin.isatty():
        raise Problem("Please run this in a terminal to type the new passphrase, or give it "
                      "on standard input with --stdin.")
    import getpass

    text = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != text:
        raise Problem("The two passphrases aren't the same. Nothing was changed.")
    return text


def cmd_passphrase(args: argparse.Namespace) -> int:
    from app.domain.privacy import clean_new_passphrase
    from app.persistence.database import is_encrypted

    path = _require_database(args.data_dir)
    _not_while_open(args.data_dir, "changing the passphrase")
    if args.action == "set":
        if is_encrypted(path):
            raise Problem("This data already has a passphrase. Use “hearth-cli passphrase "
                          "change” to change it.")
        new = clean_new_passphrase(*[_new_passphrase(args)] * 2)
        services = _open(args.data_dir)
        try:
            done = services.privacy.set_passphrase(new, new)
        finally:
            services.close()
        print(f"Encrypted {_files_words(done.files)} with the new passphrase. Hearth will ask "
              "for it at every start. Keep it safe: without it nobody can open the data.")
    else:
        if not is_encrypted(path):
            raise Problem("This data has no passphrase yet; “hearth-cli passphrase set” "
                          "adds one.")
        if args.stdin and not os.environ.get(PASSPHRASE_ENV):
            raise Problem(f"With --stdin, please give the current passphrase in "
                          f"{PASSPHRASE_ENV}.")
        current = _passphrase_text(path) or ""
        services = _open(args.data_dir, _passphrase_from(current))
        try:
            if args.action == "change":
                new = clean_new_passphrase(*[_new_passphrase(args)] * 2)
                done = services.privacy.change_passphrase(current, new, new)
                print(f"Encrypted {_files_words(done.files)} with the new passphrase.")
            else:
                done = services.privacy.remove_passphrase(current)
                print(f"Removed the passphrase: {_files_words(done.files)} are plain files "
                      "again.")
        finally:
            services.close()
    for left in done.left_alone:
        print(f"Left as it was (it couldn't be read): {left}", file=sys.stderr)
    return EXIT_OK


def _files_words(count: int) -> str:
    backups = count - 1
    return ("the data" if backups == 0 else
            f"the data and its {backups} backup{'s' if backups != 1 else ''}")


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise Problem(f"“{source}” can't be read: {error.strerror or error}.") from None
    _not_while_open(args.data_dir, "importing")
    services = _open(args.data_dir)
    try:
        services.transfer.import_(data)
        couple = services.couple.get()
    finally:
        services.close()
    names = " and ".join(couple.names) if couple else "nobody yet"
    print(f"Imported {source.name}: the data of {names}.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from app.persistence.database import Database, driver_errors
    from app.persistence.migrate import State, damaged_message, inspect_database, quick_check
    from app.persistence.repositories import StatsRepository

    _finish_interrupted_change(args.data_dir)
    path = db_path(args.data_dir)
    info: dict[str, object] = {
        "data_dir": str(args.data_dir),
        "database": str(path),
        "exists": path.exists(),
        "encrypted": False,
        "size_bytes": path.stat().st_size if path.exists() else 0,
        "schema_revision": None,
        "healthy": None,
        "tables": {},
    }
    problems: list[str] = []
    if path.exists():
        passphrase = _passphrase(path)
        info["encrypted"] = passphrase is not None
        inspection = inspect_database(path, passphrase)
        info["schema_revision"] = inspection.revision
        if inspection.state is not State.EMPTY:
            db = Database(path, readonly=True, passphrase=passphrase, salt=inspection.salt)
            try:
                problems = quick_check(db)
                if not problems:
                    with db.reading() as session:
                        info["tables"] = StatsRepository(session).rows_per_table()
            except driver_errors() as exc:
                problems = [str(exc)]
            finally:
                db.close()
            info["healthy"] = not problems
    if problems:
        print(f"hearth-cli: {damaged_message(path, problems[0])}", file=sys.stderr)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_PROBLEM if problems else EXIT_OK
    print(f"Data folder:     {info['data_dir']}")
    print(f"Database:        {info['database']}")
    if not info["exists"]:
        print("                 (not created yet)")
        return EXIT_OK
    print(f"Size:            {_human_size(int(info['size_bytes']))}")
    print(f"Schema revision: {info['schema_revision'] or 'none yet'}")
    print(f"Encrypted:       {'yes, with a passphrase' if info['encrypted'] else 'no'}")
    if info["healthy"] is not None:
        print(f"Healthy:         {'yes' if info['healthy'] else 'no — it looks damaged'}")
    tables = info["tables"]
    assert isinstance(tables, dict)
    if tables:
        print("Rows per table:")
        width = max(len(name) for name in tables)
        for name, count in tables.items():
            print(f"  {name:<{width}}  {count:>8}")
    return EXIT_PROBLEM if problems else EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    from app.domain.couple import clean_colours, clean_names

    clean_names(*args.names)  # refuse bad names before creating anything
    if args.colours:
        clean_colours(*args.colours)
    services = _open(args.data_dir)
    try:
        colours = tuple(args.colours) if args.colours else None
        couple, _ = (
            services.couple.setup(*args.names, colours=colours)
            if colours
            else services.couple.setup(*args.names)
        )
    finally:
        services.close()
    print(f"Welcome to {APP_NAME}, {couple.names[0]} and {couple.names[1]}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.persistence.repositories import StatsRepository
    from app.services.demo import DemoService

    show_progress = sys.stderr.isatty()

    def progress(label: str, done: int, total: int) -> None:
        if show_progress and total:
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\r{label}: {done * 100 // total:3d}% ({done}/{total}){end}")
            sys.stderr.flush()
        if args.report_commits:  # progress comes right after a batch is committed
            with services.db.reading() as session:
                print(json.dumps({"committed": StatsRepository(session).highest_ids()}),
                      flush=True)

    services = _open(args.data_dir)
    try:
        report, _ = DemoService(services.db).generate(
            years=args.years,
            seed=args.seed,
            force=args.force,
            scale=args.scale,
            progress=progress,
        )
    except ValidationError as exc:
        if exc.field == "force":
            raise Problem(f"{exc.message} Add --force to add demo data anyway.") from None
        raise
    finally:
        services.close()
    who = " and ".join(report.couple.names)
    made = "a new demo couple, " if report.created_couple else ""
    print(f"Demo data for {who}: {made}{report.years} years (seed {args.seed}).")
    return EXIT_OK


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2026-11-23") from None


def _iso_datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date and time like 2026-11-23T21:14"
        ) from None


def cmd_checkins_add(args: argparse.Namespace) -> int:
    from app.domain.checkins import CheckinInput

    services = _open(args.data_dir)
    try:
        couple = services.couple.require()
        partner = couple.partner_named(args.partner)
        if partner is None:
            raise Problem(
                f"There's no partner called “{args.partner}” here; the two of you are "
                f"{couple.names[0]} and {couple.names[1]}."
            )
        answer = CheckinInput(
            partner_id=partner.id, mood=args.mood, connection=args.connection,
            stress=args.stress, feelings=args.feelings or "",
            appreciation=args.appreciation or "", need=args.need or "",
        )
        sitting, _ = services.checkins.save_session([answer], mode="alone", at=args.at)
    finally:
        services.close()
    saved = sitting.checkins[0]
    print(f"Saved {partner.name}'s check-in of {saved.at:%Y-%m-%d %H:%M} (id {saved.id}).")
    return EXIT_OK


def cmd_checkins_stats(args: argparse.Namespace) -> int:
    if args.last < args.first:
        raise Problem("--from must be on or before --to.")
    from app.domain.weeks import EARLIEST_DAY, LATEST_DAY

    if args.first < EARLIEST_DAY or args.last > LATEST_DAY:
        raise Problem(
            f"Please choose dates from {EARLIEST_DAY.year} to {LATEST_DAY.year}; "
            "that range is outside what Hearth keeps."
        )
    services = _read(args.data_dir)
    try:
        couple = services.couple.require()
        weeks = services.trends.weekly_counts(args.first, args.last)
    finally:
        services.close()
    names = {p.id: p.name for p in couple.partners}
    rows = [
        {
            "start": week.start.isoformat(),
            "count": week.total,
            "by_partner": {names[pid]: n for pid, n in week.by_partner.items()},
        }
        for week in weeks
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    first, second = couple.names
    width = max(len(first), len(second), 5)
    print(f"{'week of':<12} {'total':>5}  {first:>{width}}  {second:>{width}}")
    for row in rows:
        by = row["by_partner"]
        print(f"{row['start']:<12} {row['count']:>5}  {by[first]:>{width}}  {by[second]:>{width}}")
    return EXIT_OK


def cmd_goals_list(args: argparse.Namespace) -> int:
    from app.domain.goals import STATUS_NAMES

    services = _read(args.data_dir)
    try:
        couple = services.couple.require()
        goals = services.goals.goals(args.status)
        values = {v.id: v.name for v in services.values.values()}
    finally:
        services.close()
    names = {p.id: p.name for p in couple.partners}
    order = list(STATUS_NAMES)
    rows = [
        {
            "id": g.id,
            "title": g.title,
            "status": g.status,
            "owner": names.get(g.owner_id, "shared") if g.owner_id else "shared",
            "progress": g.progress,
            "target_date": g.target_date.isoformat() if g.target_date else None,
            "values": [values[v] for v in g.value_ids if v in values],
            "category": g.category,
            "horizon": g.horizon,
            "milestones": [{"text": m.text, "done": m.done} for m in g.milestones],
            "next_review": g.next_review.isoformat() if g.next_review else None,
            "completed_on": g.completed_on.isoformat() if g.completed_on else None,
        }
        for g in sorted(goals, key=lambda g: (order.index(g.status), g.position, g.id))
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No goals yet." if args.status is None else
              f"No goals in “{STATUS_NAMES[args.status]}”.")
        return EXIT_OK
    for row in rows:
        target = f", by {row['target_date']}" if row["target_date"] else ""
        print(f"[{STATUS_NAMES[row['status']]}] {row['title']} — {row['progress']} %, "
              f"{row['owner']}{target} (id {row['id']})")
    return EXIT_OK


def cmd_values_list(args: argparse.Namespace) -> int:
    services = _read(args.data_dir)
    try:
        couple = services.couple.require()
        alignment = services.values.alignment()
    finally:
        services.close()
    first, second = couple.names
    rows = [
        {
            "id": row.value.id,
            "name": row.value.name,
            "description": row.value.description,
            "custom": row.value.custom,
            "ratings": {first: row.first, second: row.second},
        }
        for row in alignment.rows
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r["name"]) for r in rows)
    print(f"{'value':<{width}}  {first:>8}  {second:>8}")
    for r in rows:
        a, b = (r["ratings"][n] for n in (first, second))
        print(f"{r['name']:<{width}}  {a if a else '–':>8}  {b if b else '–':>8}")
    return EXIT_OK


def _decks(args: argparse.Namespace) -> tuple[Deck, ...]:
    """Hearth's decks and the couple's own — one, with --deck — read without a couple too
    (Hearth's prompts are there from the start)."""
    services = _read(args.data_dir)
    try:
        decks = services.prompts.decks()
    finally:
        services.close()
    chosen = getattr(args, "deck", None)
    if chosen is None:
        return decks
    found = tuple(d for d in decks if d.key == chosen)
    if not found:
        raise Problem(f"There is no deck called “{chosen}”. The decks are: "
                      f"{', '.join(d.key for d in decks)}.")
    return found


def cmd_prompts_list(args: argparse.Namespace) -> int:
    from app.domain.prompts import DEPTH_WORDS

    decks = _decks(args)
    if args.json:
        rows = [{"id": p.key, "deck": d.key, "depth": p.depth, "text": p.text}
                for d in decks for p in d.prompts]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(word) for word in DEPTH_WORDS.values())
    for number, deck in enumerate(decks):
        if number:
            print()
        count = len(deck.prompts)
        print(f"{deck.title} ({deck.key}) — {count} prompt{'' if count == 1 else 's'}")
        if not deck.prompts:
            print("  No prompts in this deck yet.")
        for prompt in deck.prompts:
            print(f"  {DEPTH_WORDS[prompt.depth]:<{width}}  {prompt.text}")
    return EXIT_OK


def cmd_prompts_decks(args: argparse.Namespace) -> int:
    decks = _decks(args)
    rows = [{"key": d.key, "title": d.title, "count": len(d.prompts)} for d in decks]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(row["key"]) for row in rows)
    for row in rows:
        print(f"{row['key']:<{width}}  {row['count']:>4}  {row['title']}")
    return EXIT_OK


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def cmd_meetings_list(args: argparse.Namespace) -> int:
    from app.domain.meetings import OUTCOMES, STEPS

    services = _read(args.data_dir)
    try:
        couple = services.couple.get()
        talks = services.meetings.history()
        paused = services.meetings.current()
    finally:
        services.close()
    names = {p.id: p.name for p in couple.partners} if couple else {}
    rows = [
        {
            "id": m.id,
            "started_at": _moment(m.started_at),
            "finished_at": _moment(m.finished_at),
            "week_start": m.week_start.isoformat(),
            "commitments": [{"partner": names.get(c.partner_id), "text": c.text,
                             "outcome": c.outcome} for c in m.commitments],
        }
        for m in talks
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if paused is not None:
        title = STEPS[paused.step][1]
        print(f"(one talk paused at step {paused.step + 1} of {len(STEPS)}: {title})")
    if not talks:
        print("No finished weekly talks yet." if paused else "No weekly talks yet.")
    for meeting, row in zip(talks, rows, strict=True):
        if meeting is not talks[0] or paused is not None:
            print()
        finished = meeting.finished_at or meeting.started_at
        print(f"{finished:%a %d %b %Y}, the week from {meeting.week_start:%d %b}  "
              f"(id {meeting.id})")
        if not row["commitments"]:
            print("  No commitments this time.")
        for commitment in row["commitments"]:
            outcome = commitment["outcome"]
            how = OUTCOMES[outcome].lower() if outcome else "not looked back on yet"
            text = " ".join(commitment["text"].split())  # one line each, however it was typed
            print(f"  {commitment['partner']}: {text} — {how}")
    return EXIT_OK


def _occurrence_row(o) -> dict:
    def when(value):
        return value.date().isoformat() if o.all_day else value.isoformat()

    return {
        "title": o.title,
        "start": when(o.start),
        "end": when(o.end),
        "all_day": o.all_day,
        "kind": o.kind,
        "status": o.status,
        "repeating": o.repeating,
        "location": o.location,
    }


def cmd_calendar_list(args: argparse.Namespace) -> int:
    from app.domain.calendar import KINDS_BY_KEY
    from app.domain.weeks import EARLIEST_DAY, LATEST_DAY

    if args.last < args.first:
        raise Problem("--from must be on or before --to.")
    if args.first < EARLIEST_DAY or args.last > LATEST_DAY:
        raise Problem(f"Please choose dates from {EARLIEST_DAY.year} to {LATEST_DAY.year}.")
    if (args.last - args.first).days > 366 * 20:
        raise Problem("Please list at most twenty years at a time.")
    services = _read(args.data_dir)
    try:
        services.couple.require()
        occurrences = services.calendar.occurrences(args.first, args.last)
    finally:
        services.close()
    rows = [_occurrence_row(o) for o in occurrences]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Nothing planned in those dates.")
    for o in occurrences:
        when = (f"{o.start:%a %d %b %Y}, all day" if o.all_day
                else f"{o.start:%a %d %b %Y %H:%M}–{o.end:%H:%M}")
        mark = "" if o.status == "planned" else f" ({o.status})"
        print(f"{when}  {KINDS_BY_KEY[o.kind].label}: {o.title}{mark}")
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise Problem(f"There is no file “{path}”.") from None
    except IsADirectoryError:
        raise Problem(f"“{path}” is a folder, not a calendar file.") from None
    except OSError as error:
        raise Problem(f"“{path}” can't be read: {error.strerror or error}.") from None
    services = _open(args.data_dir)
    try:
        services.couple.require()

        def report(done: int, total: int) -> None:
            if total >= 1000 and sys.stderr.isatty():
                print(f"\rReading events… {done} of {total}", end="", file=sys.stderr)

        count, _change = services.ics.import_(content, progress=report)
    finally:
        services.close()
    noun = "event" if count == 1 else "events"
    print(f"Imported {count} {noun} from {path.name}.")
    return EXIT_OK


def _export(file: str, data_dir: Path, suffix: str, make: Callable[[Services], bytes]) -> int:
    """Write what ``make`` builds from the (read-only) data to ``file``, whole or not at
    all: a folder, an unwritable place or a failure leaves any existing file untouched."""
    target = Path(file)
    check_output_target(target, data_dir, suffix=suffix)  # before reading anything
    services = _read(data_dir)
    try:
        services.couple.require()
        content = make(services)
    finally:
        services.close()
    write_atomically(target, content, data_dir=data_dir, suffix=suffix)
    print(f"Wrote {target}.")
    return EXIT_OK


def cmd_calendar_export(args: argparse.Namespace) -> int:
    if args.first and args.last and args.last < args.first:
        raise Problem("--from must be on or before --to.")
    return _export(args.file, args.data_dir, ".ics",
                   lambda services: services.ics.export(args.first, args.last))


def cmd_conflicts_export_pdf(args: argparse.Namespace) -> int:
    def make(services: Services) -> bytes:
        try:
            return services.worksheets.pdf(args.id)
        except NotFoundError:
            raise Problem(f"There is no worksheet with id {args.id}. "
                          "“hearth-cli conflicts list” shows them.") from None

    return _export(args.file, args.data_dir, ".pdf", make)


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from app.domain.worksheets import KIND_NAMES

    services = _read(args.data_dir)
    try:
        services.couple.require()
        worksheets = services.worksheets.worksheets(args.status)
    finally:
        services.close()
    rows = [
        {
            "id": w.id,
            "title": w.title,
            "kind": w.kind,
            "status": w.status,
            "opened": w.opened_at.isoformat(),
            "resolved": w.resolved_at.isoformat() if w.resolved_at else None,
            "follow_up": w.follow_up.isoformat() if w.follow_up else None,
            "agreements": [a.text for a in w.agreements],
        }
        for w in worksheets
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No worksheets.")
    for w in worksheets:
        print(f"[{w.status}] {KIND_NAMES[w.kind]}: {w.title} — started "
              f"{w.opened_at:%Y-%m-%d} (id {w.id})")
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


DATA_DIR_HELP = "use this data folder instead of the usual one (also: HEARTH_HOME)"


def _data_dir_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let ``--data-dir`` stand after the command too (``hearth-cli demo --data-dir D``):
    every command takes it, and leaves the value alone when it isn't given there."""
    for action in parser._actions:  # argparse has no public walk of its commands
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                command.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                                     help=DATA_DIR_HELP)
                _data_dir_anywhere(command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hearth-cli",
        description="Hearth's command line: checks, information, setup and demo data.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser("check", help="check that the database is Hearth's and healthy")
    check.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help="back up the data now (into the backups folder, or "
                            "to FILE)")
    backup.add_argument("file", nargs="?", metavar="FILE",
                        help="a new file to write; never overwrites one")
    backup.set_defaults(func=cmd_backup)
    backups = sub.add_parser("backups", help="list the backups, newest first")
    backups.add_argument("--json", action="store_true", help="print JSON")
    backups.set_defaults(func=cmd_backups)
    restore = sub.add_parser("restore", help="replace the data with a backup (the current "
                             "data is backed up first)")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(func=cmd_restore)

    export = sub.add_parser("export", help="write everything to one JSON file")
    export.add_argument("file", metavar="FILE")
    export.set_defaults(func=cmd_export)
    import_ = sub.add_parser("import", help="bring in everything from an export (into an "
                             "empty data folder only)")
    import_.add_argument("file", metavar="FILE")
    import_.set_defaults(func=cmd_import)

    passphrase = sub.add_parser(
        "passphrase", help="encrypt the data and its backups with a passphrase, change it or "
        "remove it (the current one comes from HEARTH_PASSPHRASE or a prompt)")
    passphrase.add_argument("action", choices=("set", "change", "remove"))
    passphrase.add_argument("--stdin", action="store_true",
                            help="read the new passphrase from one line of standard input")
    passphrase.set_defaults(func=cmd_passphrase)

    info = sub.add_parser("info", help="where the data lives, its size, revision and rows")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=cmd_info)

    setup = sub.add_parser("setup", help="create the couple in an empty database")
    setup.add_argument("--names", nargs=2, metavar=("NAME_A", "NAME_B"), required=True)
    setup.add_argument(
        "--colours",
        nargs=2,
        metavar=("COLOUR_A", "COLOUR_B"),
        help="palette colours, e.g. teal terracotta",
    )
    setup.set_defaults(func=cmd_setup)

    demo = sub.add_parser("demo", help="fill the database with generated demo data")
    demo.add_argument("--years", type=_positive, default=2, help="years of history (default 2)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument(
        "--scale", type=_positive, default=1, help="multiply the amount of data (for benchmarks)"
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="add demo data even if the database already has entries",
    )
    demo.add_argument(
        "--report-commits",
        action="store_true",
        help="after each committed batch, print one JSON line with the highest id in each "
        "table (crash-safety tests check they survive)",
    )
    demo.set_defaults(func=cmd_demo)

    checkins = sub.add_parser("checkins", help="add check-ins and see weekly counts")
    checkins_sub = checkins.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = checkins_sub.add_parser("add", help="record one partner's check-in")
    add.add_argument("--partner", required=True, metavar="NAME")
    add.add_argument("--mood", type=int, required=True, metavar="1-5")
    add.add_argument("--connection", type=int, required=True, metavar="1-10")
    add.add_argument("--stress", type=int, metavar="1-5")
    add.add_argument("--at", type=_iso_datetime, metavar="ISO-LOCAL-DATETIME",
                     help="when (local time unless an offset is given); default now")
    add.add_argument("--feelings", metavar="A,B", help="feeling words, comma-separated")
    add.add_argument("--appreciation", metavar="TEXT")
    add.add_argument("--need", metavar="TEXT")
    add.set_defaults(func=cmd_checkins_add)
    stats = checkins_sub.add_parser("stats", help="check-ins per week in a date range")
    stats.add_argument("--from", dest="first", type=_iso_date, required=True, metavar="DATE")
    stats.add_argument("--to", dest="last", type=_iso_date, required=True, metavar="DATE")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(func=cmd_checkins_stats)

    goals = sub.add_parser("goals", help="your shared goals")
    goals_sub = goals.add_subparsers(dest="action", metavar="ACTION", required=True)
    goals_list = goals_sub.add_parser("list", help="list goals, grouped by status")
    goals_list.add_argument("--status", choices=("idea", "active", "done", "let_go"),
                            help="only goals with this status")
    goals_list.add_argument("--json", action="store_true", help="print JSON")
    goals_list.set_defaults(func=cmd_goals_list)

    calendar = sub.add_parser("calendar", help="your quality-time calendar and .ics files")
    calendar_sub = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    calendar_list = calendar_sub.add_parser("list", help="occurrences in a date range")
    calendar_list.add_argument("--from", dest="first", type=_iso_date, required=True,
                               metavar="DATE")
    calendar_list.add_argument("--to", dest="last", type=_iso_date, required=True,
                               metavar="DATE")
    calendar_list.add_argument("--json", action="store_true", help="print JSON")
    calendar_list.set_defaults(func=cmd_calendar_list)
    calendar_import = calendar_sub.add_parser("import-ics", help="add events from a .ics file")
    calendar_import.add_argument("file", metavar="FILE")
    calendar_import.set_defaults(func=cmd_calendar_import)
    calendar_export = calendar_sub.add_parser("export-ics", help="write events to a .ics file")
    calendar_export.add_argument("file", metavar="FILE")
    calendar_export.add_argument("--from", dest="first", type=_iso_date, metavar="DATE")
    calendar_export.add_argument("--to", dest="last", type=_iso_date, metavar="DATE")
    calendar_export.set_defaults(func=cmd_calendar_export)

    conflicts = sub.add_parser("conflicts", help="your conflict worksheets")
    conflicts_sub = conflicts.add_subparsers(dest="action", metavar="ACTION", required=True)
    conflicts_list = conflicts_sub.add_parser("list", help="worksheets, newest first")
    conflicts_list.add_argument("--status", choices=("open", "paused", "resolved"),
                                help="only worksheets with this status")
    conflicts_list.add_argument("--json", action="store_true", help="print JSON")
    conflicts_list.set_defaults(func=cmd_conflicts_list)
    conflicts_pdf = conflicts_sub.add_parser(
        "export-pdf", help="write one worksheet as a PDF (both partners' words, agreements)")
    conflicts_pdf.add_argument("id", type=int, metavar="ID", help="the worksheet's id "
                               "(see “conflicts list”)")
    conflicts_pdf.add_argument("file", metavar="FILE")
    conflicts_pdf.set_defaults(func=cmd_conflicts_export_pdf)

    values = sub.add_parser("values", help="your values and how each of you rates them")
    values_sub = values.add_subparsers(dest="action", metavar="ACTION", required=True)
    values_list = values_sub.add_parser("list", help="each value with both latest ratings")
    values_list.add_argument("--json", action="store_true", help="print JSON")
    values_list.set_defaults(func=cmd_values_list)

    prompts = sub.add_parser("prompts", help="conversation prompts: Hearth's decks and your own")
    prompts_sub = prompts.add_subparsers(dest="action", metavar="ACTION", required=True)
    prompts_list = prompts_sub.add_parser("list", help="every prompt, deck by deck")
    prompts_list.add_argument("--deck", metavar="KEY",
                              help="only this deck (e.g. know, fun, own-1; see “prompts decks”)")
    prompts_list.add_argument("--json", action="store_true", help="print JSON")
    prompts_list.set_defaults(func=cmd_prompts_list)
    prompts_decks = prompts_sub.add_parser("decks", help="the decks: key, title, prompts")
    prompts_decks.add_argument("--json", action="store_true", help="print JSON")
    prompts_decks.set_defaults(func=cmd_prompts_decks)

    meetings = sub.add_parser("meetings", help="your weekly talks and their commitments")
    meetings_sub = meetings.add_subparsers(dest="action", metavar="ACTION", required=True)
    meetings_list = meetings_sub.add_parser("list", help="finished talks, newest first")
    meetings_list.add_argument("--json", action="store_true", help="print JSON")
    meetings_list.set_defaults(func=cmd_meetings_list)
    _data_dir_anywhere(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        args.data_dir = resolve_data_dir(args.data_dir)
        return func(args)
    except (Problem, HearthError) as exc:
        print(f"hearth-cli: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("hearth-cli: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEM
    except OSError as exc:  # the system's own words for a file it refused (a name too long…)
        where = f" “{exc.filename}”" if exc.filename else ""
        print(f"hearth-cli: the system refused{where}: {exc.strerror or 'no reason given'}. "
              "Nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:
        if os.environ.get("HEARTH_DEBUG"):
            raise
        print(f"hearth-cli: something unexpected went wrong ({_logged(args, exc)}). "
              "Set HEARTH_DEBUG=1 to see the details.", file=sys.stderr)
        return EXIT_PROBLEM


def _logged(args: argparse.Namespace, exc: Exception) -> str:
    """Note ``exc`` in the data folder's log (where it happened, never its message: that
    may hold the couple's words) and say what it was in the same safe words."""
    from app import logs

    if isinstance(args.data_dir, Path):
        try:
            logs.report(args.data_dir, f"hearth-cli {args.func.__name__.removeprefix('cmd_')}",
                        exc)
        except Exception:
            pass
        finally:
            logs.close_all()
    return logs.describe(exc)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
