"""Services: one class per area. Each public method is one user action = one transaction.

They take plain values, validate them (raising ValidationError with a plain message and
changing nothing), and return frozen DTOs from app.domain plus a ChangeSet for the bus.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.persistence.database import Database
    from app.services.backups import BackupService
    from app.services.calendar import CalendarService
    from app.services.checkins import CheckinService
    from app.services.couple import CoupleService
    from app.services.drafts import DraftService
    from app.services.goals import GoalService
    from app.services.home import HomeService
    from app.services.ics import IcsService
    from app.services.ideas import IdeasService
    from app.services.meetings import MeetingService
    from app.services.privacy import PrivacyService
    from app.services.prompts import PromptService
    from app.services.settings import SettingsService
    from app.services.transfer import TransferService
    from app.services.trends import TrendsService
    from app.services.values import ValuesService
    from app.services.worksheets import WorksheetService


class Services:
    """Every service over one open database (the composition root's job). Each is built
    — and its module imported — the first time it is used, so a start pays only for what
    the first screen needs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(db)

    @cached_property
    def couple(self) -> CoupleService:
        from app.services.couple import CoupleService

        return CoupleService(self.db)

    @cached_property
    def settings(self) -> SettingsService:
        from app.services.settings import SettingsService

        return SettingsService(self.db)

    @cached_property
    def checkins(self) -> CheckinService:
        from app.services.checkins import CheckinService

        return CheckinService(self.db)

    @cached_property
    def drafts(self) -> DraftService:
        from app.services.drafts import DraftService

        return DraftService(self.db)

    @cached_property
    def values(self) -> ValuesService:
        from app.services.values import ValuesService

        return ValuesService(self.db)

    @cached_property
    def goals(self) -> GoalService:
        from app.services.goals import GoalService

        return GoalService(self.db)

    @cached_property
    def calendar(self) -> CalendarService:
        from app.services.calendar import CalendarService

        return CalendarService(self.db)

    @cached_property
    def home(self) -> HomeService:
        from app.services.home import HomeService

        return HomeService(self.db)

    @cached_property
    def ics(self) -> IcsService:
        from app.services.ics import IcsService

        return IcsService(self.db)

    @cached_property
    def ideas(self) -> IdeasService:
        from app.services.ideas import IdeasService

        return IdeasService(self.db)

    @cached_property
    def trends(self) -> TrendsService:
        from app.services.trends import TrendsService

        return TrendsService(self.db)

    @cached_property
    def worksheets(self) -> WorksheetService:
        from app.services.worksheets import WorksheetService

        return WorksheetService(self.db)

    @cached_property
    def prompts(self) -> PromptService:
        from app.services.prompts import PromptService

        return PromptService(self.db)

    @cached_property
    def meetings(self) -> MeetingService:
        from app.services.meetings import MeetingService

        return MeetingService(self.db)

    @cached_property
    def backups(self) -> BackupService:
        from app.services.backups import BackupService

        return BackupService(self.db)

    @cached_property
    def transfer(self) -> TransferService:
        from app.services.transfer import TransferService

        return TransferService(self.db)

    @cached_property
    def privacy(self) -> PrivacyService:
        from app.services.privacy import PrivacyService

        return PrivacyService(self.db)

    def close(self) -> None:
        self.db.close()
