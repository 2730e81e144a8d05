"""Conflict worksheets: start one, fill it in step by step (every answer saved as it is
typed), pause when it gets heated, agree on what to do, and review it at the follow-up."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import changes
from app.domain.changes import ChangeSet
from app.domain.checkins import clean_feelings, clean_text
from app.domain.couple import clean_label
from app.domain.errors import NotFoundError, ValidationError
from app.domain.moments import aware, within_years
from app.domain.worksheets import (
    DEFINITIONS,
    KIND_NAMES,
    PAUSE_LONGEST,
    PAUSE_MINIMUM,
    floor_holder,
    gentle_opening,
)
from app.persistence.database import Database
from app.persistence.models import AgreementRecord, WorksheetAnswerRecord, WorksheetRecord
from app.persistence.repositories import CoupleRepository
from app.services.couple import to_couple


@dataclass(frozen=True)
class Agreement:
    id: int
    text: str
    owner_id: int | None
    due: date | None
    kept: bool | None


@dataclass(frozen=True)
class Worksheet:
    id: int
    kind: str
    title: str
    status: str
    step: int  # 0 … len(steps); len(steps) is the agreements page
    opened_at: datetime  # aware, local
    resolved_at: datetime | None
    resume_at: datetime | None  # aware, local: when to come back after a pause
    paused_at: datetime | None  # aware: when the break began
    follow_up: date | None
    review: str
    answers: dict[tuple[str, str, int], object] = field(default_factory=dict)
    agreements: tuple[Agreement, ...] = ()
    first_speaker_id: int | None = None

    @property
    def steps(self) -> int:
        return len(DEFINITIONS[self.kind])

    def answer(self, step: str, field_key: str, partner_id: int, default=None):
        return self.answers.get((step, field_key, partner_id), default)

    def floor(self, step: int, partner_ids: tuple[int, int]) -> int | None:
        """Who has the floor on ``step`` ("Solve it together"'s speaker steps), else None."""
        steps = DEFINITIONS[self.kind]
        if not 0 <= step < len(steps):
            return None
        return floor_holder(steps[step], self.first_speaker_id, partner_ids)

    @property
    def turns_begun(self) -> bool:
        """Whether anything was said on a speaker's turn (then the first speaker is set)."""
        turns = {s.key for s in DEFINITIONS[self.kind] if s.speaker is not None}
        return any(step in turns and value not in ("", None)
                   for (step, _field, _partner), value in self.answers.items())

    def gentle_opening(self, partner_id: int, names: tuple[str, ...] = ()) -> str:
        """"Raise something gently": the opening assembled from this partner's answers
        (``names``: the couple's, kept capitalised mid-sentence)."""
        def text(step: str, key: str) -> str:
            value = self.answer(step, key, partner_id, "")
            return value if isinstance(value, str) else ""
        feelings = self.answer("feeling", "feelings", partner_id) or []
        return gentle_opening(text("observation", "observation"), feelings,
                              text("feeling", "feeling_words"), text("need", "need"),
                              text("request", "request"), names)


def _local(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _worksheet(record: WorksheetRecord) -> Worksheet:
    answers = {(a.step_key, a.field_key, a.partner_id): json.loads(a.value)
               for a in record.answers}
    agreements = tuple(Agreement(a.id, a.text, a.owner_id, a.due, a.kept)
                       for a in record.agreements)
    return Worksheet(record.id, record.kind, record.title, record.status, record.step,
                     _local(record.opened_at), _local(record.resolved_at),
                     _local(record.resume_at), _local(record.paused_at), record.follow_up,
                     record.review, answers, agreements, record.first_speaker_id)


def _changed(worksheet_id: int) -> ChangeSet:
    return ChangeSet.of(changes.WORKSHEETS, ids={changes.WORKSHEETS: [worksheet_id]})


class WorksheetService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -------------------------------------------------------------------------------

    def get(self, worksheet_id: int) -> Worksheet:
        with self.db.reading() as session:
            return _worksheet(self._record(session, worksheet_id))

    def worksheets(self, status: str | None = None, words: str = "") -> list[Worksheet]:
        """Newest first; ``words`` searches titles and every answer."""
        with self.db.reading() as session:
            query = select(WorksheetRecord).options(
                selectinload(WorksheetRecord.answers), selectinload(WorksheetRecord.agreements)
            ).order_by(WorksheetRecord.opened_at.desc(), WorksheetRecord.id.desc())
            if status is not None:
                query = query.where(WorksheetRecord.status == status)
            found = [_worksheet(r) for r in session.scalars(query)]
        needle = words.strip().casefold()
        if not needle:
            return found
        return [w for w in found if needle in w.title.casefold() or any(
            needle in json.dumps(v, ensure_ascii=False).casefold() for v in w.answers.values())
            or any(needle in a.text.casefold() for a in w.agreements)]

    def follow_ups_due(self, today: date | None = None) -> list[Worksheet]:
        today = today or date.today()
        with self.db.reading() as session:
            records = session.scalars(
                select(WorksheetRecord).where(WorksheetRecord.follow_up <= today,
                                              WorksheetRecord.status != "resolved")
                .order_by(WorksheetRecord.follow_up))
            return [_worksheet(r) for r in records]

    def paused(self) -> list[Worksheet]:
        with self.db.reading() as session:
            records = session.scalars(
                select(WorksheetRecord).where(WorksheetRecord.status == "paused")
                .order_by(WorksheetRecord.resume_at))
            return [_worksheet(r) for r in records]

    def report(self, worksheet_id: int, exported: datetime | None = None):
        """The worksheet as a document (see app.services.worksheet_report)."""
        from app.services.worksheet_report import build_report

        with self.db.reading() as session:
            worksheet = _worksheet(self._record(session, worksheet_id))
            couple = to_couple(self._couple(session))
        return build_report(worksheet, couple, exported or datetime.now().astimezone())

    def pdf(self, worksheet_id: int, exported: datetime | None = None) -> bytes:
        """The worksheet as a PDF: both partners' words labelled, agreements and dates."""
        from app.services.worksheet_report import report_pdf

        exported = exported or datetime.now().astimezone()
        return report_pdf(self.report(worksheet_id, exported), exported)

    # -- writing -------------------------------------------------------------------------------

    def start(self, kind: str, title: str) -> tuple[Worksheet, ChangeSet]:
        if kind not in KIND_NAMES:
            raise ValidationError("Please choose a worksheet.", "kind")
        title = clean_label(title, "title", "title", 120)
        with self.db.transaction() as session:
            self._partners(session)
            record = WorksheetRecord(kind=kind, title=title, status="open", step=0,
                                     opened_at=_now(), updated_at=_now(), review="")
            session.add(record)
            session.flush()
            worksheet = _worksheet(record)
        return worksheet, _changed(worksheet.id)

    def answer(self, worksheet_id: int, step_key: str, field_key: str, partner_id: int,
               value: object) -> ChangeSet:
        """Save one answer as it is typed (autosave). Text is kept exactly as written."""
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            if record.status == "paused":
                raise ValidationError("This worksheet is paused — come back to it when you're "
                                      "both ready.", "status")
            steps = {s.key: s for s in DEFINITIONS[record.kind]}
            step = steps.get(step_key)
            fields = {f.key: f for f in step.fields} if step else {}
            if field_key not in fields:
                raise ValidationError("That question isn't part of this worksheet.", "field")
            if partner_id not in self._partners(session):
                raise ValidationError("That partner isn't part of this couple.", "partner")
            kind = fields[field_key].kind
            if kind == "feelings":
                stored: object = list(clean_feelings(value or ()))
            elif kind == "choice":
                allowed = {k for k, _label in fields[field_key].choices}
                if value not in allowed and value is not None:
                    raise ValidationError("Please choose one of the answers.", field_key)
                stored = value
            else:
                stored = clean_text(value, field_key, "That answer")
            existing = session.get(WorksheetAnswerRecord,
                                   (worksheet_id, step_key, field_key, partner_id))
            payload = json.dumps(stored, ensure_ascii=False)
            if existing is None:
                session.add(WorksheetAnswerRecord(
                    worksheet_id=worksheet_id, step_key=step_key, field_key=field_key,
                    partner_id=partner_id, value=payload, updated_at=_now()))
            else:
                existing.value, existing.updated_at = payload, _now()
            record.updated_at = _now()
        return _changed(worksheet_id)

    def go_to(self, worksheet_id: int, step: int) -> ChangeSet:
        """Move to ``step``. Going on from a speaker's turn waits until the speaker has said
        "yes, that's it" — only when both feel heard do you move on."""
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            steps = DEFINITIONS[record.kind]
            if not 0 <= step <= len(steps):
                raise ValidationError("That step isn't part of this worksheet.", "step")
            worksheet = _worksheet(record)
            couple = to_couple(self._couple(session))
            for passed in range(record.step, step):
                holder = worksheet.floor(passed, couple.ids)
                if holder is not None and \
                        worksheet.answer(steps[passed].key, "confirmed", holder) != "yes":
                    speaker = couple.name_of(holder)
                    listener = couple.name_of(couple.other_id(holder))
                    raise ValidationError(
                        f"Move on when {speaker} feels heard: once {listener}'s words feel "
                        f"right, {speaker} chooses “Yes, that's it”.", "step")
            record.step = step
            record.updated_at = _now()
        return _changed(worksheet_id)

    def set_first_speaker(self, worksheet_id: int, partner_id: int) -> ChangeSet:
        """"Solve it together": who has the floor first. Only before either turn began."""
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            if partner_id not in self._partners(session):
                raise ValidationError("That partner isn't part of this couple.", "partner")
            if all(s.speaker is None for s in DEFINITIONS[record.kind]):
                raise ValidationError("This worksheet has no speaker's turns.", "kind")
            if _worksheet(record).turns_begun:
                raise ValidationError("You've already begun — the floor passes to the other "
                                      "at the next step.", "first_speaker")
            record.first_speaker_id = partner_id
            record.updated_at = _now()
        return _changed(worksheet_id)

    def pause(self, worksheet_id: int, back_at: datetime) -> tuple[Worksheet, ChangeSet]:
        """"We need a break": frozen until both are ready, 20 minutes to 24 hours away."""
        back = aware(back_at, "resume_at")
        now = datetime.now(UTC)
        if back - now < PAUSE_MINIMUM - timedelta(seconds=30):
            raise ValidationError("Give yourselves at least 20 minutes — bodies need that long "
                                  "to calm down.", "resume_at")
        if back - now > PAUSE_LONGEST + timedelta(seconds=30):
            raise ValidationError("Please agree to come back within a day.", "resume_at")
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            if record.status == "resolved":
                raise ValidationError("This worksheet is already resolved.", "status")
            record.status = "paused"
            record.paused_at = _now()
            record.resume_at = back.astimezone(UTC).replace(tzinfo=None)
            record.updated_at = _now()
            worksheet = _worksheet(record)
        return worksheet, _changed(worksheet_id)

    def resume(self, worksheet_id: int) -> ChangeSet:
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            if record.status == "paused":
                record.status = "open"
                record.paused_at = None
                record.resume_at = None
                record.updated_at = _now()
        return _changed(worksheet_id)

    def add_agreement(self, worksheet_id: int, text: str, owner_id: int | None = None,
                      due: date | None = None) -> tuple[Agreement, ChangeSet]:
        cleaned = clean_text(text, "agreement", "The agreement").strip()
        if not cleaned:
            raise ValidationError("Please write what you agree on.", "agreement")
        if isinstance(due, date):
            within_years(due, "due")
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            if owner_id is not None and owner_id not in self._partners(session):
                raise ValidationError("Please choose who will do it.", "owner")
            agreement = AgreementRecord(text=cleaned, owner_id=owner_id, due=due)
            record.agreements.append(agreement)
            record.updated_at = _now()
            session.flush()
            result = Agreement(agreement.id, agreement.text, agreement.owner_id,
                               agreement.due, agreement.kept)
        return result, _changed(worksheet_id)

    def remove_agreement(self, worksheet_id: int, agreement_id: int) -> ChangeSet:
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            found = next((a for a in record.agreements if a.id == agreement_id), None)
            if found is None:
                raise NotFoundError("That agreement no longer exists.")
            record.agreements.remove(found)
        return _changed(worksheet_id)

    def set_follow_up(self, worksheet_id: int, day: date | None) -> ChangeSet:
        if isinstance(day, date):
            within_years(day, "follow_up")
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            opened = _local(record.opened_at).date()
            if day is not None and day < opened:
                raise ValidationError("The follow-up can't be before the worksheet began.",
                                      "follow_up")
            record.follow_up = day
            record.updated_at = _now()
        return _changed(worksheet_id)

    def review(self, worksheet_id: int, worked: bool, note: str = "",
               kept: dict[int, bool] | None = None,
               next_follow_up: date | None = None) -> ChangeSet:
        """"Did our agreement work?" Yes resolves the worksheet; no reopens it, with a new
        follow-up if you set one."""
        note = clean_text(note, "review", "Your note").strip()
        if isinstance(next_follow_up, date):
            within_years(next_follow_up, "follow_up")
        with self.db.transaction() as session:
            record = self._record(session, worksheet_id)
            for agreement in record.agreements:
                if kept and agreement.id in kept:
                    agreement.kept = bool(kept[agreement.id])
            record.review = note
            if worked:
                record.status = "resolved"
                record.resolved_at = _now()
            else:
                record.status = "open"
                record.resolved_at = None
                record.follow_up = next_follow_up
            record.updated_at = _now()
        return _changed(worksheet_id)

    def delete(self, worksheet_id: int) -> ChangeSet:
        with self.db.transaction() as session:
            session.delete(self._record(session, worksheet_id))
        return _changed(worksheet_id)

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _record(session: Session, worksheet_id: int) -> WorksheetRecord:
        record = session.get(WorksheetRecord, worksheet_id)
        if record is None:
            raise NotFoundError("That worksheet no longer exists.")
        return record

    @staticmethod
    def _couple(session: Session):
        couple = CoupleRepository(session).get()
        if couple is None:
            raise NotFoundError("Hearth hasn't been set up yet: please enter both names.")
        return couple

    @classmethod
    def _partners(cls, session: Session) -> set[int]:
        return {p.id for p in cls._couple(session).partners}
