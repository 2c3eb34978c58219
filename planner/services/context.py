"""Services: the bundle of use cases built once (in app.py) and passed explicitly to callers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.occurrences import Status
from planner.domain.timezones import local_day
from planner.errors import NotFoundError, StorageError
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db
from planner.storage.repositories import (
    ActivityRepository,
    CompletionRepository,
    PlanRepository,
)

if TYPE_CHECKING:
    import peewee

    from planner.clock import Clock
    from planner.domain.activities import Activity, ActivityDraft
    from planner.domain.plans import Plan, PlanDraft
    from planner.domain.reminders import ReminderOptions
    from planner.services.activities import ActivityService
    from planner.services.advice import AdviceService
    from planner.services.backups import BackupService
    from planner.services.boundaries import BoundaryService
    from planner.services.calendar import CalendarService
    from planner.services.interop import Importer, InteropService
    from planner.services.plans import PlanService
    from planner.services.progress import MarkUndo, ProgressService
    from planner.services.reminders import ReminderService
    from planner.services.today import TodayService
    from planner.services.wording import Wording


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """What Plan Settings saves at once (its time zone apart: see PlanService.set_zone)."""

    partner_name: str | None
    contacts_per_week: int | None
    min_gap_hours: int | None
    checkin_weeks: int | None
    reminders: ReminderOptions


class Services:
    """Every use case over one open database.

    Each service is built, and its module imported, the first time it is asked for: the window
    paints its first month with the plans and the calendar alone, so start-up does not wait for
    progress, import, export, reminders and the rest (bench/startup.py).
    """

    def __init__(self, *, path: Path, clock: Clock, database: peewee.SqliteDatabase) -> None:
        self.path = path
        self.clock = clock
        self._db = database
        self._plan_repo = PlanRepository()
        self._activity_repo = ActivityRepository()
        self._completion_repo = CompletionRepository()
        #: How a window writes days and times into what the services say (None: as the
        #: command line does, English and 24-hour).
        self.wording: Wording | None = None

    @property
    def closed(self) -> bool:
        """Whether `close` was called (nothing may read the file after it)."""
        return bool(self._db.is_closed())

    @property
    def read_only(self) -> bool:
        """Whether the file opened for reading only: its disk or folder cannot be written."""
        return storage_db.is_read_only(self._db)

    def seed_demo(self, draft: PlanDraft) -> Plan:
        """Start the demo plan with its lived past, as one change: a failure halfway (a full
        disk) leaves no demo without its history, and the file as it was."""
        with storage_db.transaction(self._db):
            plan, _ = self.plans.seed_demo(draft)
            self.progress.seed_demo_history(plan)
        return plan

    def start_plan(self, draft: PlanDraft, *, demo: bool, over_demo: bool = False) -> Plan:
        """Start a plan (the demo with its lived past, when `demo`), in place of the demo
        this file holds when `over_demo`: all of it, or, failing halfway, none of it."""
        with storage_db.transaction(self._db):
            if over_demo:
                self.plans.discard_demo()
            if demo:
                return self.seed_demo(draft)
            plan, _ = self.plans.create(draft)
        return plan

    def save_settings(self, plan: Plan, settings: PlanSettings) -> Changes:
        """Save Plan Settings' fields: all of them, or, failing halfway, none (the partner's
        name had been kept while a busy file refused the pacing, said as "nothing changed")."""
        with storage_db.transaction(self._db):
            self.plans.set_partner_name(plan, settings.partner_name)
            self.plans.set_pacing(plan, settings.contacts_per_week, settings.min_gap_hours)
            self.boundaries.set_checkin_weeks(plan, settings.checkin_weeks)
            self.reminders.set_options(plan, settings.reminders)
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES | ChangeKind.REMINDERS)

    def keep_note(self, plan: Plan, draft: ActivityDraft) -> tuple[Activity, Changes, MarkUndo]:
        """Words kept instead of sent: their activity made and marked done together, or
        neither (made, then refused its mark by a busy file, it stayed an open to-do on
        Today, its private words in it, while the person was told nothing changed)."""
        with storage_db.transaction(self._db):
            activity, made = self.activities.create(plan, draft, kept_note=True)
            day = local_day(activity.start, plan.tz)
            shown = self.calendar.occurrences(plan, day, day)
            written = next((o for o in shown if o.activity.uid == activity.uid), None)
            if written is None:  # its own day read back: cannot miss it; said if it did
                raise StorageError("The note could not be read back. Nothing was changed.")
            marked, undo = self.progress.mark_undoable(plan, written, Status.DONE)
        return activity, replace(made, kinds=made.kinds | marked.kinds), undo

    def discard_if_unused(self) -> bool:
        """Close, and delete the file if it holds no plan (one a failed command has just
        made): see storage's `discard_if` for why this never takes away another command's
        plan saved at the same moment. True when the file was deleted."""
        return storage_db.discard_if(self._db, lambda: self.plans.current() is None)

    def close(self) -> None:
        """Close the database file (checkpointing its WAL)."""
        if not self._db.is_closed():
            self._db.close()

    @cached_property
    def plans(self) -> PlanService:
        from planner.services.plans import PlanService

        return PlanService(
            db=self._db, clock=self.clock, plans=self._plan_repo, activities=self._activity_repo,
            completions=self._completion_repo,
        )  # fmt: skip

    @cached_property
    def calendar(self) -> CalendarService:
        from planner.services.calendar import CalendarService

        return CalendarService(activities=self._activity_repo, completions=self._completion_repo)

    @cached_property
    def activities(self) -> ActivityService:
        from planner.services.activities import ActivityService

        return ActivityService(
            db=self._db,
            clock=self.clock,
            plans=self._plan_repo,
            activities=self._activity_repo,
            completions=self._completion_repo,
            wording=lambda: self.wording,
        )

    @cached_property
    def progress(self) -> ProgressService:
        from planner.services.progress import ProgressService
        from planner.storage.repositories import PauseRepository, StepRecordRepository

        return ProgressService(
            db=self._db,
            clock=self.clock,
            plans=self._plan_repo,
            activities=self._activity_repo,
            completions=self._completion_repo,
            records=StepRecordRepository(),
            pauses=PauseRepository(),
            calendar=self.calendar,
        )

    @cached_property
    def interop(self) -> InteropService:
        from planner.services.interop import InteropService

        return InteropService(
            db=self._db,
            clock=self.clock,
            activities=self._activity_repo,
            completions=self._completion_repo,
        )

    @cached_property
    def importer(self) -> Importer:
        from planner.services.interop import Importer
        from planner.storage.repositories import RemovedByFileRepository

        return Importer(
            db=self._db,
            clock=self.clock,
            plans=self.plans,
            activities=self._activity_repo,
            completions=self._completion_repo,
            step_progress=self.progress,
            activity_service=self.activities,
            removed=RemovedByFileRepository(),
        )

    @cached_property
    def backups(self) -> BackupService:
        from planner.services.backups import BackupService

        return BackupService(db=self._db, clock=self.clock, path=Path(self.path).expanduser())

    @cached_property
    def today(self) -> TodayService:
        from planner.services.today import TodayService

        return TodayService(clock=self.clock, calendar=self.calendar, progress=self.progress)

    @cached_property
    def boundaries(self) -> BoundaryService:
        from planner.services.boundaries import BoundaryService

        return BoundaryService(
            db=self._db,
            clock=self.clock,
            plans=self._plan_repo,
            activities=self._activity_repo,
            completions=self._completion_repo,
        )

    @cached_property
    def advice(self) -> AdviceService:
        from planner.services.advice import AdviceService

        return AdviceService(calendar=self.calendar, progress=self.progress)

    @cached_property
    def reminders(self) -> ReminderService:
        from planner.services.reminders import ReminderService
        from planner.storage.repositories import ReminderSettingsRepository

        return ReminderService(
            db=self._db,
            clock=self.clock,
            calendar=self.calendar,
            settings=ReminderSettingsRepository(),
        )


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
    database = storage_db.open_database(path, now=clock.now())
    return Services(path=path, clock=clock, database=database)
