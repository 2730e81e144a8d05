"""What an import lets in: exactly what the forms let in.

An export is checked row by row before anything of it is kept, with the rules the couple
meets when they type the same things in — the domain's own ``clean_*`` functions wherever
there is one. ``RULES`` is the one table of them: for each table of Hearth's database, what
one of its rows is called in plain words, the checks of single fields, and the check of a
whole row (the fields that belong together, or rows that must differ from the ones before).

Every field is also checked by its kind first: a whole number, a yes/no, a real day or
moment between 1900 and 2200, text without a broken character. A refusal names the row and
the field, e.g. "Check-in 3 in this export (“appreciation”): …".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.calendar import STATUSES as EVENT_STATUSES
from app.domain.calendar import EventInput, clean_event, clean_memory
from app.domain.checkins import FEELINGS_BY_KEY, CheckinInput, clean_checkin, clean_text
from app.domain.couple import (
    DIRECTION_CONTROLS,
    clean_label,
    clean_name,
    colour,
    name_key,
)
from app.domain.errors import ValidationError
from app.domain.goals import (
    MILESTONES_MAX,
    STATUS_NAMES,
    TITLE_MAX,
    GoalInput,
    clean_goal,
    clean_milestone,
)
from app.domain.ideas import clean_idea
from app.domain.meetings import clean_answers, clean_commitment, clean_outcome, clean_step
from app.domain.moments import EARLIEST_YEAR, LATEST_YEAR
from app.domain.privacy import clean_lock_minutes
from app.domain.prompts import clean_deck, clean_prompt, hearth_decks
from app.domain.settings import (
    clean_checkin_target,
    clean_quality_hours,
    clean_text_size,
    clean_week_start,
)
from app.domain.values import clean_value, value_key
from app.domain.worksheets import DEFINITIONS, KIND_NAMES
from app.domain.worksheets import STATUSES as WORKSHEET_STATUSES
from app.services.checkins import EARLIEST as EARLIEST_CHECKIN
from app.services.checkins import MODES
from app.services.values import STATEMENT_MAX

Row = dict[str, Any]
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")  # Hearth's own keys: "honesty", "fun-011"
LONGEST_OFFSET = 18 * 60  # minutes from UTC no clock on Earth goes beyond
# Moments are kept in UTC: one a day either side of the years may still be a local time in them.
_FIRST_MOMENT = datetime(EARLIEST_YEAR, 1, 1) - timedelta(days=1)
_AFTER_LAST_MOMENT = datetime(LATEST_YEAR + 1, 1, 2)


@dataclass(frozen=True)
class Column:
    """A column as the database declares it (from PRAGMA table_info)."""

    name: str
    kind: str  # the declared type, upper case
    required: bool  # NOT NULL without a default and not filled in by SQLite itself


@dataclass
class Seen:
    """What the rows checked so far hold, for the rules that look across rows."""

    couples: int = 0
    partners: dict[object, list[Row]] = field(default_factory=dict)  # by couple id
    partner_ids: set[int] = field(default_factory=set)
    worksheet_kinds: dict[int, str] = field(default_factory=dict)
    value_names: set[str] = field(default_factory=set)
    deck_titles: set[str] = field(
        default_factory=lambda: {d.title.casefold() for d in hearth_decks()})
    milestones: Counter = field(default_factory=Counter)


# -- checks of one field -------------------------------------------------------------------------
# Each takes the value (already of the right kind, never None) and raises ValidationError.

Check = Callable[[Any], object]


def _one_of(options: object, message: str) -> Check:
    def check(value: object) -> None:
        if value not in options:  # type: ignore[operator]
            raise ValidationError(message)
    return check


def _label(noun: str, limit: int) -> Check:
    return lambda value: clean_label(value, "", noun, limit)


def _line(limit: int) -> Check:
    """One line Hearth writes itself (an id from a calendar, a draft's name)."""
    def check(value: str) -> None:
        if not value.strip() or len(value) > limit or any(
                unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in DIRECTION_CONTROLS
                for ch in value):
            raise ValidationError(f"This needs to be one line of at most {limit} characters, "
                                  "without hidden characters.")
    return check


def _key(value: str) -> None:
    if not _KEY.fullmatch(value):
        raise ValidationError("This isn't a name Hearth gives things.")


def _offset(value: int) -> None:
    if not -LONGEST_OFFSET <= value <= LONGEST_OFFSET:
        raise ValidationError("This isn't a difference from UTC any clock has.")


def _since_1970(value: str) -> None:
    if _moment(value) < EARLIEST_CHECKIN.replace(tzinfo=None):
        raise ValidationError("A check-in can't be from before 1970.")


def _json(value: str, field: str | None = None) -> object:
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise ValidationError("This isn't readable: it should hold JSON.", field) from None


def _statement(value: str) -> None:
    if len(clean_text(value, "text", "The statement").strip()) > STATEMENT_MAX:
        raise ValidationError(f"Please keep your statement short — under {STATEMENT_MAX:,} "
                              "characters.")


def _draft(value: str) -> None:
    payload = _json(value)
    if not isinstance(payload, dict):
        raise ValidationError("A draft is a set of named answers.")
    try:
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        raise ValidationError("That draft holds something Hearth can't keep.") from None


def _feelings(value: str) -> None:
    unknown = [key for key in value.split(",") if key and key not in FEELINGS_BY_KEY]
    if unknown:
        raise ValidationError(f"“{unknown[0][:40]}” isn't one of Hearth's feeling words.")


# -- checks of a whole row -----------------------------------------------------------------------
# Each takes the row (every field checked on its own already) and what the rows before held.

def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _moment(value: str) -> datetime:
    found = _MOMENT.fullmatch(value)
    assert found is not None
    *parts, fraction = found.groups()
    return datetime(*map(int, parts), int((fraction or "0").ljust(6, "0")))


def _couple(row: Row, seen: Seen) -> None:
    seen.couples += 1
    if seen.couples > 1:
        raise ValidationError("Hearth keeps one couple; this export holds more than one.")


def _partner(row: Row, seen: Seen) -> None:
    clean_name(row["name"])
    colour(row["colour"])
    for other in seen.partners.get(row["couple_id"], []):
        if name_key(other["name"]) == name_key(row["name"]):
            raise ValidationError("Both partners have the same name; Hearth needs two "
                                  "different names to tell your answers apart.", "name")
        if other["colour"] == row["colour"]:
            raise ValidationError("Both partners have the same colour; Hearth needs a "
                                  "different colour each to tell your answers apart.", "colour")
    seen.partners.setdefault(row["couple_id"], []).append(row)
    if isinstance(row.get("id"), int):
        seen.partner_ids.add(row["id"])


def _checkin(row: Row, seen: Seen) -> None:
    clean_checkin(CheckinInput(row["partner_id"], row["mood"], row["connection"],
                               row.get("stress"), row["feelings"], row["appreciation"],
                               row["need"], row["private_note"]))


def _value(row: Row, seen: Seen) -> None:
    name, _description = clean_value(row["name"], row["description"])
    key = value_key(name)
    if key in seen.value_names:
        raise ValidationError(f"“{name}” is on the list twice.", "name")
    seen.value_names.add(key)


def _goal(row: Row, seen: Seen) -> None:
    owner = row.get("owner_id")
    clean_goal(GoalInput(row["title"], row["why"], row["category"], row["horizon"],
                         _day(row.get("target_date")), owner, (), (),
                         row.get("manual_progress"), _day(row.get("next_review"))),
               _day(row["created_on"]), (owner,) if owner is not None else (), set())


def _milestone(row: Row, seen: Seen) -> None:
    seen.milestones[row["goal_id"]] += 1
    count = seen.milestones[row["goal_id"]]
    if count > MILESTONES_MAX:
        raise ValidationError(f"A goal keeps at most {MILESTONES_MAX} milestones.")
    clean_milestone(row["text"], count)


def _event(row: Row, seen: Seen) -> None:
    clean_event(EventInput(
        row["title"], row["kind"], _moment(row["start_local"]), _moment(row["end_local"]),
        bool(row["all_day"]), row.get("tz"), row["location"], row["notes"],
        row.get("planned_by"), bool(row["devices_away"]), row.get("rrule")),
        tuple(seen.partner_ids))


def _worksheet(row: Row, seen: Seen) -> None:
    steps = len(DEFINITIONS[row["kind"]])
    if not 0 <= row["step"] <= steps:
        raise ValidationError("That step isn't part of this worksheet.", "step")
    if isinstance(row.get("id"), int):
        seen.worksheet_kinds[row["id"]] = row["kind"]


def _worksheet_answer(row: Row, seen: Seen) -> None:
    kind = seen.worksheet_kinds.get(row["worksheet_id"])
    if kind is None:
        return  # a worksheet that isn't there: the check of what points where says so
    steps = {s.key: s for s in DEFINITIONS[kind]}
    step = steps.get(row["step_key"])
    if step is None:
        raise ValidationError("That step isn't part of this worksheet.", "step_key")
    fields = {f.key: f for f in step.fields}
    if row["field_key"] not in fields:
        raise ValidationError("That question isn't part of this worksheet.", "field_key")
    question = fields[row["field_key"]]
    value = _json(row["value"], "value")
    if question.kind == "feelings":
        if not isinstance(value, list) or not all(
                isinstance(v, str) and v in FEELINGS_BY_KEY for v in value):
            raise ValidationError("Feelings are kept as words from Hearth's list.", "value")
    elif question.kind == "choice":
        if value is not None and value not in dict(question.choices):
            raise ValidationError("That isn't one of the answers to choose from.", "value")
    else:
        clean_text(value, "value", "That answer")


def _agreement(row: Row, seen: Seen) -> None:
    if not clean_text(row["text"], "text", "The agreement").strip():
        raise ValidationError("Please write what you agree on.", "text")


def _prompt_deck(row: Row, seen: Seen) -> None:
    title, _description = clean_deck(row["title"], row["description"])
    if title.casefold() in seen.deck_titles:
        raise ValidationError("There is already a deck with that name.", "title")
    seen.deck_titles.add(title.casefold())


def _meeting(row: Row, seen: Seen) -> None:
    clean_step(row["step"])
    answers = clean_answers(_json(row["answers"], "answers"))
    for part in answers.values():
        if isinstance(part, dict) and any(
                not key.isdigit() or int(key) not in seen.partner_ids for key in part):
            raise ValidationError("An answer of the talk belongs to someone who isn't one "
                                  "of the two of you.", "answers")


@dataclass(frozen=True)
class Table:
    noun: str  # one row, in words: "check-in"
    fields: Mapping[str, Check] = field(default_factory=dict)
    row: Callable[[Row, Seen], object] | None = None


RULES: dict[str, Table] = {
    "couple": Table("couple", row=_couple),
    "partner": Table("partner", row=_partner),
    "couple_settings": Table("settings row", {
        "week_start": clean_week_start, "text_size": clean_text_size,
        "checkin_target_per_week": clean_checkin_target,
        "quality_hours_per_week": clean_quality_hours,
        "lock_after_minutes": clean_lock_minutes}),
    "draft": Table("draft", {"key": _line(100), "payload": _draft}),
    "checkin_session": Table("check-in sitting", {
        "started_at": _since_1970,
        "mode": _one_of(MODES, "That isn't a way of checking in Hearth knows.")}),
    "checkin": Table("check-in", {"at": _since_1970, "utc_offset": _offset,
                                  "feelings": _feelings}, _checkin),
    "value": Table("value", {"key": _key}, _value),
    "value_statement": Table("values statement", {"text": _statement}),
    "value_sort": Table("card sort", {"utc_offset": _offset}),
    "value_rating": Table("value rating"),
    "goal": Table("goal", {
        "status": _one_of(STATUS_NAMES, "That isn't a place a goal can be.")}, _goal),
    "goal_value": Table("link between a goal and a value"),
    "milestone": Table("milestone", row=_milestone),
    "win": Table("win", {"title": _label("title", TITLE_MAX)}),
    "event": Table("event", {
        "uid": _line(255),
        "status": _one_of(EVENT_STATUSES, "Please choose planned, done or skipped.")}, _event),
    "event_override": Table("change to a repeating event", {
        "title": _label("title", 120),
        "status": _one_of(EVENT_STATUSES, "Please choose planned, done or skipped.")}),
    "reflection": Table("reflection", row=lambda row, seen: clean_memory(row["rating"],
                                                                         row["memory"])),
    "idea": Table("idea", {"key": _key}, lambda row, seen: clean_idea(
        row["title"], row["description"], row["kind"], row["cost"], row["duration"],
        row["energy"], row["place"])),
    "worksheet": Table("worksheet", {
        "kind": _one_of(KIND_NAMES, "That isn't a worksheet Hearth has."),
        "title": _label("title", 120),
        "status": _one_of(WORKSHEET_STATUSES, "That isn't a state a worksheet can be in.")},
        _worksheet),
    "worksheet_answer": Table("worksheet answer", row=_worksheet_answer),
    "agreement": Table("agreement", row=_agreement),
    "prompt_deck": Table("deck of your own", row=_prompt_deck),
    "prompt": Table("prompt of your own", row=lambda row, seen: clean_prompt(row["text"],
                                                                            row["depth"])),
    "prompt_mark": Table("prompt mark", {"prompt_key": _key}),
    "meeting": Table("weekly talk", row=_meeting),
    "commitment": Table("commitment", {"text": clean_commitment, "outcome": clean_outcome}),
}


# -- checking a row ------------------------------------------------------------------------------

def shown(text: str, limit: int = 40) -> str:
    """Words from the file, safe to show: hidden and control characters as escapes."""
    text = text[:limit]
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _sample(value: object) -> str:
    try:
        return json.dumps(value)[:40]
    except (TypeError, ValueError):  # pragma: no cover - JSON values only
        return "?"


def _kind_problem(kind: str, value: object) -> str | None:
    """Why ``value`` can't be kept in a column of ``kind`` (None when it can)."""
    if "INT" in kind or kind == "BOOLEAN":
        if isinstance(value, bool) or not isinstance(value, int) or not -2**63 <= value < 2**63:
            return "This needs to be a whole number."
        if kind == "BOOLEAN" and value not in (0, 1):
            return "This needs to be 1 (yes) or 0 (no)."
        return None
    if kind in ("FLOAT", "REAL") or kind.startswith(("NUMERIC", "DECIMAL")):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and \
            math.isfinite(value) and abs(value) < 2**63
        return None if ok else "This needs to be a number."
    if not isinstance(value, str):
        return "This needs to be text."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return ("This holds a broken character (half of an emoji, perhaps) that Hearth "
                "can't keep.")
    if kind == "DATE":
        found = _DAY.fullmatch(value)
        try:
            day = date(*map(int, found.groups())) if found else None
        except ValueError:
            day = None
        if day is None:
            return "This needs to be a day, written like 2026-11-23."
        return None if EARLIEST_YEAR <= day.year <= LATEST_YEAR else \
            f"Please keep days between {EARLIEST_YEAR} and {LATEST_YEAR}."
    if kind == "DATETIME":
        found = _MOMENT.fullmatch(value)
        try:
            moment = _moment(value) if found else None
        except ValueError:
            moment = None
        if moment is None:
            return "This needs to be a date and time, written like 2026-11-23 21:14:00."
        return None if _FIRST_MOMENT <= moment < _AFTER_LAST_MOMENT else \
            f"Please keep dates between {EARLIEST_YEAR} and {LATEST_YEAR}."
    return None


def _is_text(kind: str) -> bool:
    return not kind or any(word in kind for word in ("CHAR", "TEXT", "CLOB"))


def noun(table: str) -> str:
    """One row of ``table``, in words."""
    return RULES[table].noun if table in RULES else table.replace("_", " ")


def with_article(words: str) -> str:
    return f"{'an' if words[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {words}"


def where(table: str, number: int | None, column: str | None = None) -> str:
    """"Check-in 3 in this export (“need”)" — or "A check-in in this export" without a
    number."""
    words = noun(table)
    place = f"{words[:1].upper()}{words[1:]} {number}" if number is not None else \
        with_article(words).capitalize()
    place += " in this export"
    return f"{place} (“{shown(column)}”)" if column else place


def check_row(table: str, number: int, row: object, columns: Mapping[str, Column],
              seen: Seen) -> None:
    """Refuse row ``number`` (counting from 1) of ``table`` unless Hearth's forms could
    have written it. The message names the row and the field, in plain words."""
    rules = RULES.get(table, Table(noun(table)))
    if not isinstance(row, dict):
        raise ValidationError(f"{where(table, number)} isn't a set of named fields.")
    if not row:
        raise ValidationError(f"{where(table, number)} is empty.")
    extra = [name for name in row if name not in columns]
    if extra:
        raise ValidationError(f"{where(table, number)} has a field Hearth doesn't "
                              f"know: “{shown(extra[0])}”.")
    for column in columns.values():
        if column.required and row.get(column.name) is None:
            raise ValidationError(f"{where(table, number, column.name)}: this is missing.")
    for name, value in row.items():
        if value is None:
            continue
        kind = columns[name].kind
        try:
            problem = _kind_problem(kind, value)
            if problem is not None:
                raise ValidationError(f"{problem} It holds {shown(_sample(value))}.")
            check = rules.fields.get(name)
            if check is not None:
                check(value)
            elif _is_text(kind):
                clean_text(value, name, "This")
        except ValidationError as refused:
            raise ValidationError(f"{where(table, number, name)}: "
                                  f"{shown(refused.message, 300)}", name) from None
    if rules.row is not None:
        try:
            rules.row(row, seen)
        except ValidationError as refused:
            column = refused.field if refused.field in row else None
            raise ValidationError(f"{where(table, number, column)}: "
                                  f"{shown(refused.message, 300)}", column) from None
