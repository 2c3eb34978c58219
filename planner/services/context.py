"""Services: the bundle of use cases built once (in app.py) and passed explicitly to callers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee

from planner.clock import Clock
from planner.errors import NotFoundError
from planner.services.activities import ActivityService
from planner.services.advice import AdviceService
from planner.services.backups import BackupService
from planner.services.boundaries import BoundaryService
from planner.services.calendar import CalendarService
from planner.services.interop import Importer, InteropService
from planner.services.plans import PlanService
from planner.services.progress import ProgressService
from planner.services.reminders import ReminderService
from planner.services.today import TodayService
from planner.storage import db as storage_db
from planner.storage.repositories import (
    ActivityRepository,
    CompletionRepository,
    PauseRepository,
    PlanRepository,
    ReminderSettingsRepository,
    StepRecordRepository,
)


@dataclass(frozen=True, slots=True)
class Services:
    """Every use case over one open database."""

    path: Path
    clock: Clock
    plans: PlanService
    activities: ActivityService
    calendar: CalendarService
    progress: ProgressService
    interop: InteropService
    importer: Importer
    backups: BackupService
    today: TodayService
    boundaries: BoundaryService
    advice: AdviceService
    reminders: ReminderService
    _db: peewee.SqliteDatabase

    @property
    def closed(self) -> bool:
        """Whether `close` was called (nothing may read the file after it)."""
        return bool(self._db.is_closed())

    def close(self) -> None:
        """Close the database file (checkpointing its WAL)."""
        if not self._db.is_closed():
            self._db.close()


def open_services(path: Path, clock: Clock, *, create: bool = True) -> Services:
    """Open the database at `path` and build the services over it.

    With `create=False` a missing file is an error instead of a new, empty plan file (for
    commands that only read).
    """
    target = Path(path).expanduser()
    if not create and not target.exists():
        raise NotFoundError(f"There is no Rekindle file at {path}.")
    if not create and target.is_file() and target.stat().st_size == 0:
        raise NotFoundError(f"{path} is empty; it holds no Rekindle plan.")
    database = storage_db.open_database(path)
    plan_repo = PlanRepository()
    activity_repo = ActivityRepository()
    completion_repo = CompletionRepository()
    calendar = CalendarService(activities=activity_repo, completions=completion_repo)
    plans = PlanService(db=database, clock=clock, plans=plan_repo, activities=activity_repo)
    progress = ProgressService(
        db=database,
        clock=clock,
        activities=activity_repo,
        completions=completion_repo,
        records=StepRecordRepository(),
        pauses=PauseRepository(),
        calendar=calendar,
    )
    return Services(
        path=path,
        clock=clock,
        plans=plans,
        activities=ActivityService(
            db=database,
            clock=clock,
            plans=plan_repo,
            activities=activity_repo,
            completions=completion_repo,
        ),
        calendar=calendar,
        progress=progress,
        interop=InteropService(
            db=database, clock=clock, activities=activity_repo, completions=completion_repo
        ),
        importer=Importer(
            db=database,
            clock=clock,
            plans=plans,
            activities=activity_repo,
            completions=completion_repo,
        ),
        backups=BackupService(db=database, clock=clock, path=target),
        today=TodayService(clock=clock, calendar=calendar, progress=progress),
        boundaries=BoundaryService(
            db=database, clock=clock, plans=plan_repo, activities=activity_repo
        ),
        advice=AdviceService(calendar=calendar, progress=progress),
        reminders=ReminderService(
            db=database, clock=clock, calendar=calendar, settings=ReminderSettingsRepository()
        ),
        _db=database,
    )
