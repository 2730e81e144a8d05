"""Services: one class per area. Each public method is one user action = one transaction.

They take plain values, validate them (raising ValidationError with a plain message and
changing nothing), and return frozen DTOs from app.domain plus a ChangeSet for the bus.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.persistence.database import Database
from app.services.backups import BackupService
from app.services.calendar import CalendarService
from app.services.checkins import CheckinService
from app.services.couple import CoupleService
from app.services.drafts import DraftService
from app.services.goals import GoalService
from app.services.ics import IcsService
from app.services.ideas import IdeasService
from app.services.privacy import PrivacyService
from app.services.settings import SettingsService
from app.services.transfer import TransferService
from app.services.values import ValuesService
from app.services.worksheets import WorksheetService


@dataclass(frozen=True)
class Services:
    """Every service, built once over one open database (the composition root's job)."""

    db: Database
    couple: CoupleService
    settings: SettingsService
    checkins: CheckinService
    drafts: DraftService
    values: ValuesService
    goals: GoalService
    calendar: CalendarService
    ics: IcsService
    ideas: IdeasService
    worksheets: WorksheetService
    backups: BackupService
    transfer: TransferService
    privacy: PrivacyService

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(
            db=db,
            couple=CoupleService(db),
            settings=SettingsService(db),
            checkins=CheckinService(db),
            drafts=DraftService(db),
            values=ValuesService(db),
            goals=GoalService(db),
            calendar=CalendarService(db),
            ics=IcsService(db),
            ideas=IdeasService(db),
            worksheets=WorksheetService(db),
            backups=BackupService(db),
            transfer=TransferService(db),
            privacy=PrivacyService(db),
        )

    def close(self) -> None:
        self.db.close()
