"""The UI's single doorway to the services: runs a use case, then announces what changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from planner.domain.activities import Activity, ActivityDraft
from planner.domain.completions import Reflection
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.milestones import StepProgress
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan
from planner.domain.programs import Program
from planner.services.changes import Changes
from planner.services.context import Services
from planner.services.interop import ExportRequest, ExportResult, ImportReport, Progress
from planner.services.progress import Overview


class Hub(QObject):
    """Runs service calls for the widgets and re-emits their Changes as one signal.

    Signals:
        changed(Changes): after every successful mutation; views refresh if it concerns them.
    """

    changed = Signal(object)

    def __init__(self, *, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._plan = services.plans.require()
        self._program = services.plans.program_of(self._plan)

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def program(self) -> Program:
        return self._program

    def today(self) -> date:
        return self.services.clock.today(self._plan.tz)

    def occurrences(self, first_day: date, last_day: date) -> list[Occurrence]:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive)."""
        return self.services.calendar.occurrences(self._plan, first_day, last_day)

    def activity(self, uid: ActivityUid) -> Activity:
        return self.services.activities.get(uid)

    def create_activity(self, draft: ActivityDraft) -> Activity:
        activity, changes = self.services.activities.create(self._plan, draft)
        self._announce(changes)
        return activity

    def update_activity(self, uid: ActivityUid, draft: ActivityDraft) -> Activity:
        activity, changes = self.services.activities.update(self._plan, uid, draft)
        self._announce(changes)
        return activity

    def delete_activity(self, uid: ActivityUid) -> Activity:
        activity, changes = self.services.activities.delete(self._plan, uid)
        self._announce(changes)
        return activity

    def steps_progress(self) -> list[StepProgress]:
        """Each step's milestone criteria, how far they are met, and when it was reached."""
        return self.services.progress.steps(self._plan)

    def complete_step(self, step: StepNumber) -> None:
        self._announce(self.services.progress.complete_step(self._plan, step))

    def reopen_step(self, step: StepNumber) -> None:
        self._announce(self.services.progress.reopen_step(self._plan, step))

    def mark(
        self, occurrence: Occurrence, status: Status, reflection: Reflection | None = None
    ) -> None:
        """Mark one occurrence done (with an optional reflection), skipped or planned again."""
        self._announce(self.services.progress.mark(self._plan, occurrence, status, reflection))

    def progress_overview(self) -> Overview:
        """Everything the progress page shows: weeks, moods, milestones, consistency, lessons."""
        return self.services.progress.overview(self._plan)

    def start_pause(self) -> None:
        """Begin a break: from today nothing counts for or against consistency."""
        self._announce(self.services.progress.start_pause(self._plan))

    def end_pause(self) -> None:
        self._announce(self.services.progress.end_pause(self._plan))

    def save_report(self, path: Path, data: bytes) -> Path:
        """Write a rendered report (changes nothing in the plan)."""
        return self.services.progress.save_report(path, data)

    def export_to(
        self, path: Path, request: ExportRequest, progress: Progress | None = None
    ) -> ExportResult:
        """Write an .ics file (changes nothing in the plan)."""
        return self.services.interop.export_file(self._plan, request, path, progress)

    def import_from(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Add or update activities from an .ics file, all or nothing."""
        report, changes = self.services.importer.import_file(path, progress=progress)
        self._announce(changes)
        return report

    def _announce(self, changes: Changes) -> None:
        self._plan = self.services.plans.require()
        self.changed.emit(changes)
