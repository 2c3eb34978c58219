"""Export to and import from .ics files: atomic writes, one transaction per import, a report."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain import milestones, recurrence, set_aside
from planner.domain.activities import (
    MAX_TITLE_LENGTH,
    Activity,
    ActivityDraft,
    create_activity,
    key_mover,
)
from planner.domain.categories import Category
from planner.domain.completions import Completion
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Status, as_instant
from planner.domain.removals import RemovedByFile
from planner.domain.text import shortened
from planner.domain.timezones import (
    UTC_NAMES,
    local_day,
    plus_elapsed,
    same_zone,
    skipped_by_clocks,
    zone_info,
)
from planner.errors import CancelledError, InvalidInputError, StorageError
from planner.services import programs
from planner.services.activities import ActivitySnapshot
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    import peewee

    from planner.clock import Clock
    from planner.domain.milestones import StepRecord
    from planner.domain.plans import Plan
    from planner.ical import export as ical_export
    from planner.ical import importer
    from planner.services.activities import ActivityService
    from planner.services.plans import PlanService
    from planner.services.progress import ProgressService
    from planner.storage.repositories import (
        ActivityRepository,
        CompletionRepository,
        RemovedByFileRepository,
    )

# planner.ical (and icalendar under it) is imported where a file is read or written, not with
# this module: the window imports the services at start-up, and icalendar alone took ~50 ms.

#: Called with (done, total); returning False cancels (planner.ical.export.Progress).
Progress = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: everything, or a day range, some steps, some categories."""

    first_day: date | None = None
    last_day: date | None = None
    steps: frozenset[int] = frozenset()
    categories: frozenset[Category] = frozenset()
    include_notes: bool = False
    disguise: bool = False


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    activities: int
    events: int


class InteropService:
    """Moves activities between the plan and iCalendar files."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        activities: ActivityRepository,
        completions: CompletionRepository,
    ) -> None:
        self._db = db
        self._clock = clock
        self._activities = activities
        self._completions = completions

    def select_for_export(self, plan: Plan, request: ExportRequest) -> list[Activity]:
        """The activities a request names; a series touching the range goes out whole."""
        if request.first_day and request.last_day and request.last_day < request.first_day:
            raise InvalidInputError("The end of the range cannot be before its start.")
        count = len(programs.get_program(plan.program_id).steps)
        for step in sorted(request.steps):
            if not 1 <= step <= count:  # said as `add` and `import` say it
                raise InvalidInputError(f"Step {step} is not part of this plan (1–{count}).")
        days: tuple[date, date] | None = None  # the range's first day and the day after it
        if request.first_day is None and request.last_day is None:
            chosen = self._activities.all_for(plan.id)
        else:
            low = datetime.combine(request.first_day or date(1900, 1, 1), time(0), tzinfo=plan.tz)
            last = request.last_day or date(9998, 12, 30)
            high = datetime.combine(last + timedelta(days=1), time(0), tzinfo=plan.tz)
            end_day = last + timedelta(days=1)
            first = request.first_day or date(1900, 1, 1)
            # The stored bounds are coarse (all-day dates are widened by a day's worth of
            # offsets); keep only what really has an occurrence in the range.
            days = (first, end_day)
            chosen = [
                activity
                for activity in self._activities.touching(plan.id, low, high)
                if _has_days_in(activity, days, plan.tz)
            ]
        # Contact set aside goes out as far as it still shows: the calls made, not those to come.
        aside = [activity for activity in chosen if activity.set_aside]
        done: dict[ActivityUid, set[datetime | date]] = {}
        for mark in self._completions.for_activities(aside) if aside else ():
            if mark.status is Status.DONE:
                done.setdefault(mark.uid, set()).add(mark.recurrence_id)
        shown: list[Activity | None] = []
        for activity in chosen:
            if activity.set_aside:
                part = set_aside.shown_part(
                    activity, plan.no_contact_since, plan.tz, done.get(activity.uid, set())
                )
                # What shows of it, not the whole series, is in the range or not.
                in_range = part is not None and _has_days_in(part, days, plan.tz)
                shown.append(part if in_range else None)
            else:
                shown.append(activity)
        return sorted(
            (
                activity
                for activity in shown
                if activity is not None
                and not activity.kept_note  # words kept instead of sending stay here
                and (not request.steps or activity.step in request.steps)
                and (not request.categories or activity.category in request.categories)
            ),
            key=lambda activity: (as_instant(activity.start, plan.tz), activity.uid),
        )

    def export_name(self, plan: Plan, request: ExportRequest) -> str:
        """The name the exported calendar carries, which also makes a fitting file name: it
        says no more than the file does (neutral when disguised; no partner's name unless
        the notes go too)."""
        from planner.ical import export as ical_export

        return ical_export.calendar_name(_export_options(plan, request))

    def export_bytes(
        self, plan: Plan, request: ExportRequest, progress: Progress | None = None
    ) -> tuple[bytes, int, int]:
        """The .ics text for a request, with how many activities and VEVENTs it holds."""
        from planner.ical import export as ical_export

        chosen = self.select_for_export(plan, request)
        if not chosen:
            # RFC 5545 wants at least one event, and an empty file helps nobody.
            raise InvalidInputError("There is nothing to export for that choice.")
        options = _export_options(plan, request)
        with _gc_paused():
            marks = self._completions.for_activities(chosen)
            done = frozenset(
                (mark.uid, mark.recurrence_id) for mark in marks if mark.status is Status.DONE
            )
            skipped = frozenset(
                (mark.uid, mark.recurrence_id) for mark in marks if mark.status is Status.SKIPPED
            )
            calendar = ical_export.build_calendar(
                chosen, options=options, now=self._clock.now(), progress=progress, done=done,
                skipped=skipped,
            )  # fmt: skip
            data = ical_export.to_bytes(calendar)
        events = sum(1 for part in calendar.subcomponents if part.name == "VEVENT")
        return data, len(chosen), events

    def export_file(
        self, plan: Plan, request: ExportRequest, out: Path, progress: Progress | None = None
    ) -> ExportResult:
        """Write the export to `out` atomically: a temp file beside it, then a rename."""
        data, activities, events = self.export_bytes(plan, request, progress)
        write_atomically(Path(out), data)
        return ExportResult(Path(out), activities, events)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: counts, and everything left out with the reason.

    `replaced` holds the activities it updated as they were before (marks included), so the
    app can offer to undo the import.
    """

    added: int
    updated: int
    unchanged: int
    skipped: tuple[importer.Skipped, ...]
    replaced: tuple[ActivitySnapshot, ...] = ()
    #: Steps whose milestones the imported activities and done marks completed (recorded).
    reached: frozenset[StepNumber] = frozenset()
    #: The first day (plan zone) of what was added or updated: where to look for it.
    first_day: date | None = None
    #: Activities imported before that the file now says were cancelled, and so removed
    #: (counted as updated; their snapshots are in `replaced`).
    removed: tuple[importer.Skipped, ...] = ()
    #: The records of removals it made, and those it cleared (a newer file brought the event
    #: back): what undo and redo of the import take back and make again (see put_back).
    removals: tuple[tuple[RemovedByFile, ...], tuple[RemovedByFile, ...]] = ((), ())
    #: The titles of the activities it updated, as they were and as they are now: what the
    #: details name (a trial could not tell which of its activities an import had changed).
    updated_titles: tuple[tuple[str, str], ...] = ()
    #: Activities it updated whose file leaves out days marked here (a series shortened in
    #: the other calendar): the marks and reflections are kept, but stand for no day now.
    marks_outlived: tuple[importer.Skipped, ...] = ()
    #: Events added or updated whose title was too long, and was cut.
    shortened: tuple[importer.Skipped, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadCalendar:
    """A file read and checked for the plan, not yet imported (Importer.read_file)."""

    path: Path
    data: bytes
    parsed: importer.ParsedFile
    #: Where the read put events the file does not place (the plan as it was then).
    defaults: importer.ImportDefaults
    #: How many of its events are new to the plan and name no step or no kind: those the
    #: app asks a place for.
    without_a_place: int
    #: Their titles, in the file's order (the question names them: a trial could not tell
    #: which events it was asked about).
    titles_without_a_place: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ForUnnamed:
    """Where the events of a file that name no step, or no kind, go (asked in the app)."""

    step: StepNumber | None = None
    category: Category | None = None


class Importer:
    """Imports a file into the plan in one transaction (creating the plan if there is none)."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        plans: PlanService,
        activities: ActivityRepository,
        completions: CompletionRepository,
        step_progress: ProgressService,
        activity_service: ActivityService,
        removed: RemovedByFileRepository,
    ) -> None:
        self._db = db
        self._removed = removed  # events a newer file cancelled: an older one keeps out
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._completions = completions
        self._step_progress = step_progress  # the step you are on; steps an import completes
        self._activity_service = activity_service  # puts activities back for undo

    def read_file(self, path: Path) -> ReadCalendar:
        """Read and check `path` for the plan, importing nothing yet: the app asks where the
        new events that name no step or kind go in between (`import_read`), so a file that
        cannot be read is refused before any question, and a big one is parsed once."""
        from planner.ical import importer

        data = _read(path)
        plan = self._plans.require()
        defaults = self._defaults(plan, self._step_progress.steps(plan))
        with _gc_paused():
            parsed = importer.parse(data, defaults)
        unplaced = {
            item.uid for item in parsed.activities if not (item.says_step and item.says_category)
        }
        stored = self._activities.get_many(list(unplaced))
        new = unplaced - stored.keys()
        titles = tuple(item.draft.title for item in parsed.activities if item.uid in new)
        return ReadCalendar(Path(path), data, parsed, defaults, len(new), titles)

    def import_read(
        self,
        read: ReadCalendar,
        *,
        unnamed: ForUnnamed | None = None,
        progress: Progress | None = None,
    ) -> tuple[ImportReport, Changes]:
        """Import a file `read_file` read, `unnamed` choosing for its events that name no
        step or kind; all or nothing. Read again only if the plan changed in between, or if
        the kind chosen changes the length an event without an end takes."""
        return self._import(read.data, unnamed=unnamed, progress=progress, read=read)

    def put_back(
        self,
        plan: Plan,
        states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]],
        records: Sequence[tuple[StepNumber, StepRecord | None]],
        removals: tuple[Sequence[RemovedByFile], Sequence[RemovedByFile]] = ((), ()),
    ) -> Changes:
        """Make an import's activities and the step records it made as given, and its
        removal records (`removals`: those to keep, those to clear), all in one transaction
        (undo and redo of an import): half of it would leave a step reached without its
        marks, or its marks without the step, or an undone cancellation still keeping out
        an older file."""
        with storage_db.transaction(self._db):
            changes = self._activity_service.restore(plan, states)
            for step, record in records:
                self._step_progress.restore_step_record(plan, step, record)
            self._set_removals(plan, *removals)
        return replace(changes, kinds=changes.kinds | ChangeKind.PLAN)

    def import_file(
        self,
        path: Path,
        *,
        step: int | None = None,
        category: Category | None = None,
        unnamed: ForUnnamed | None = None,
        progress: Progress | None = None,
    ) -> tuple[ImportReport, Changes]:
        """Read `path` and add or update its events by UID; all or nothing."""
        return self.import_bytes(
            _read(path), step=step, category=category, unnamed=unnamed, progress=progress
        )

    def import_bytes(
        self,
        data: bytes,
        *,
        step: int | None = None,
        category: Category | None = None,
        unnamed: ForUnnamed | None = None,
        progress: Progress | None = None,
    ) -> tuple[ImportReport, Changes]:
        """`step` (the command line's --step) puts every event of the file on that step,
        those imported before too; `category` (--category) is the kind of those that name
        none of ours, those imported before too; `unnamed` (the app's question) chooses only
        for the events that name no step or kind, what the plan has staying."""
        return self._import(data, step=step, category=category, unnamed=unnamed, progress=progress)

    def _defaults(
        self,
        plan: Plan,
        standing: Sequence[milestones.StepProgress],
        step: int | None = None,
        category: Category | None = None,
    ) -> importer.ImportDefaults:
        """Where the file's events go when it does not say: the step you are on, unless
        --step (`step`, for every event) or --category (`category`) say otherwise."""
        from planner.ical import importer

        step_count = len(programs.get_program(plan.program_id).steps)
        if step is not None and not 1 <= step <= step_count:
            raise InvalidInputError(f"Step {step} is not part of this plan (1–{step_count}).")
        return importer.ImportDefaults(
            plan_zone=plan.zone,
            current_step=(
                StepNumber(step)
                if step is not None
                else milestones.number_you_are_on(standing, plan.current_step)
            ),
            step_count=step_count,
            step=StepNumber(step) if step is not None else None,
            category=category,
        )

    def _import(
        self,
        data: bytes,
        *,
        step: int | None = None,
        category: Category | None = None,
        unnamed: ForUnnamed | None = None,
        progress: Progress | None = None,
        read: ReadCalendar | None = None,
    ) -> tuple[ImportReport, Changes]:
        from planner.ical import importer
        from planner.ical.export import partner_scrubber

        now = self._clock.now()
        with storage_db.transaction(self._db):
            # A file from Rekindle names its program and zone: a new plan starts on the same
            # steps, in the same zone (or one from Google, in its calendar's zone).
            plan = self._plans.ensure(importer.program_named(data), importer.zone_named(data))
            # Step progress as it stands: where events that name no step go, and which steps
            # were met before (it reads every mark of the plan, so once).
            standing = self._step_progress.steps(plan)
            base = self._defaults(plan, standing, step, category)
            defaults = base
            if unnamed is not None:
                if unnamed.step is not None and 1 <= unnamed.step <= base.step_count:
                    # (out of range: another program's plan was made meanwhile: its own)
                    defaults = replace(defaults, current_step=unnamed.step)
                defaults = replace(defaults, fallback_category=unnamed.category)
            parsed: importer.ParsedFile | None = None
            if read is not None and read.defaults == base:
                # Read for the plan as it still is: only the question's answer to apply.
                parsed = read.parsed
                if unnamed is not None:
                    chosen = unnamed.category or Category.OTHER
                    parsed = importer.placed(parsed, defaults.current_step, chosen)
            if parsed is None:
                with _gc_paused():  # many small acyclic objects, as in an export
                    parsed = importer.parse(data, defaults)
            stored = self._activities.get_many([item.uid for item in parsed.activities])
            removed = self._removed.get_many(
                [item.uid for item in parsed.activities if item.uid not in stored]
            )
            back: list[RemovedByFile] = []  # removed before, brought back by a newer file
            scrub = partner_scrubber(plan.partner_name)
            added: list[Activity] = []
            updated: list[Activity] = []
            unchanged = 0
            gone, left = self._cancelled(parsed.cancelled)
            skipped = sorted([*parsed.skipped, *left], key=lambda s: s.line)
            total = len(parsed.activities)
            for done, item in enumerate(parsed.activities, start=1):
                old = stored.get(item.uid)
                if old is not None and old.zone != item.draft.zone:
                    item = replace(item, draft=_in_zone_kept_here(item.draft, old))
                if old is not None:
                    words = _keeping_private_words(item, old, scrub, parsed)
                    item = replace(item, draft=_keeping_choices_made_here(words, item, old))
                was_removed = removed.get(item.uid) if old is None else None
                sequence = item.sequence if item.keeps_sequence else None
                if was_removed is not None and was_removed.outdates(sequence, item.modified):
                    why = "a newer file you imported cancelled it, so it stays removed"
                    skipped.append(importer.Skipped(0, f"“{item.draft.title}”", why))
                elif old is None:
                    if was_removed is not None:
                        back.append(was_removed)
                    new = create_activity(
                        item.draft, uid=ActivityUid(item.uid), plan_id=plan.id, at=now
                    )
                    added.append(replace(
                        new, revision=item.sequence, imported_revision=item.sequence,
                        imported_modified=item.modified,
                    ))  # fmt: skip
                elif old.draft() == item.draft or _as_exported(old, item, scrub):
                    unchanged += 1
                elif not _newer_than_here(item, old):
                    asked = replace(
                        old.draft(),
                        step=StepNumber(step) if step is not None else old.step,
                        # --category is for what names none of ours (a kind the file names
                        # leaves the one chosen here).
                        category=(
                            category
                            if category is not None and not item.names_category
                            else old.category
                        ),
                    )
                    if asked != old.draft():
                        # --step or --category asked of what is here already: only those
                        # change (Rekindle's own choices: no new version of the event).
                        updated.append(replace(old.revised(asked, now), revision=old.revision))
                    else:
                        # Not newer than what is here: keep the local copy rather than lose
                        # anything, and say why in words that are true of this file.
                        kept = _kept_reason(old, item.sequence)
                        skipped.append(importer.Skipped(0, f"“{old.title}”", kept))
                else:
                    revised = old.revised(item.draft, now)
                    # The file's SEQUENCE as it is, not raised: an edit made here later then
                    # raises this copy above the file's, and so is kept (_newer_than_here).
                    revision = (
                        item.sequence
                        if item.keeps_sequence
                        else max(revised.revision, item.sequence)
                    )
                    updated.append(replace(
                        revised, revision=revision, imported_revision=revision,
                        imported_modified=item.modified,
                    ))  # fmt: skip
                if progress is not None and done % 200 == 0:
                    with storage_db.handing_over(self._db):
                        going_on = progress(done, total)
                    if not going_on:
                        raise CancelledError
            replaced = self._as_they_were(
                [*(stored[revised.uid] for revised in updated), *(old for old, _ in gone)]
            )
            # Done marks brought along, or a step or category changed, may complete a step.
            met = {s.number: s.all_met for s in standing} if added or updated else {}
            self._activities.add_many(added)
            self._activities.update_many(updated)
            cancelling = {event.uid: event for event in parsed.cancelled}
            recorded = []
            for old, _ in gone:
                self._activities.delete(old.uid)  # its marks go with it (undo puts them back)
                event = cancelling[old.uid]
                sequence = event.sequence if event.keeps_sequence else None
                recorded.append(RemovedByFile(old.uid, sequence, event.modified))
            self._set_removals(plan, recorded, back)
            self._mark_done(added, {item.uid: item.done for item in parsed.activities}, now)
            self._mark_done(added, {item.uid: item.skipped for item in parsed.activities}, now,
                            status=Status.SKIPPED)  # fmt: skip
            marked: dict[str, list[datetime | date]] = {}
            for mark in self._completions.for_activities(updated):
                marked.setdefault(mark.uid, []).append(mark.recurrence_id)
            outlived: list[importer.Skipped] = []
            for revised in updated:
                # Each from its first instance: a file may start a series there (our export)
                # or on a day its rule leaves out (Google, Apple, Outlook), and neither moves it.
                old, new = _as_written(stored[revised.uid]), _as_written(revised)
                move = key_mover(old, new) if old.start != new.start else None
                if move is not None:
                    # Marks and reflections are named by the instance's start: they follow it,
                    # as they do when the activity is moved in the app.
                    self._completions.rekey(revised.uid, move)
                lost = _marked_days_left_out(
                    stored[revised.uid], revised, marked.get(revised.uid, []), move
                )
                if lost:
                    outlived.append(importer.Skipped(0, f"“{revised.title}”", _outlived(lost)))
            reached = self._step_progress.record_reached(plan, met) if met else frozenset()
        report = ImportReport(
            len(added), len(updated) + len(gone), unchanged,
            tuple(skipped), replaced, reached,
            first_day=_first_day_shown([*added, *updated], plan.tz),
            removed=tuple(said for _, said in gone),
            removals=(tuple(recorded), tuple(back)),
            updated_titles=tuple((stored[new.uid].title, new.title) for new in updated),
            marks_outlived=tuple(outlived),
            shortened=_titles_cut(parsed, [*added, *updated]),
        )  # fmt: skip
        uids = frozenset(a.uid for a in [*added, *updated, *(old for old, _ in gone)])
        return report, Changes(ChangeKind.ACTIVITIES | ChangeKind.PLAN, uids)

    def _set_removals(
        self, plan: Plan, kept: Sequence[RemovedByFile], cleared: Sequence[RemovedByFile]
    ) -> None:
        """Keep these removal records, and clear those (by UID)."""
        for removal in kept:
            self._removed.set(plan.id, removal)
        self._removed.forget([removal.uid for removal in cleared])

    def _cancelled(
        self, cancelled: Sequence[importer.CancelledEvent]
    ) -> tuple[list[tuple[Activity, importer.Skipped]], list[importer.Skipped]]:
        """The activities to remove because a newer file says they were cancelled, each with
        what the report says of it; and the cancelled events left as they are, with why."""
        from planner.ical import importer

        stored = self._activities.get_many([event.uid for event in cancelled])
        marked = {mark.uid for mark in self._completions.for_activities(list(stored.values()))}
        gone: list[tuple[Activity, importer.Skipped]] = []
        kept: list[importer.Skipped] = []
        for event in cancelled:
            old = stored.get(event.uid)
            if old is None:
                kept.append(importer.Skipped(event.line, event.what, "it was cancelled"))
            elif old.uid in marked:
                # What the person marked (and maybe wrote about) is theirs, whatever the
                # calendar it came from says now.
                why = "it was cancelled in the file, but you have marked it here, so it was kept"
                kept.append(importer.Skipped(event.line, event.what, why))
            elif _newer_than_here(event, old):
                said = importer.Skipped(event.line, event.what, "it was cancelled in the file")
                gone.append((old, said))
            else:
                why = f"it was cancelled in the file, but {_kept_reason(old, event.sequence)}"
                kept.append(importer.Skipped(event.line, event.what, why))
        return gone, kept

    def _as_they_were(self, activities: list[Activity]) -> tuple[ActivitySnapshot, ...]:
        """Snapshots, marks included, of activities about to be updated (for undo)."""
        marks: dict[str, list[Completion]] = {}
        for mark in self._completions.for_activities(activities):
            marks.setdefault(mark.uid, []).append(mark)
        return tuple(ActivitySnapshot(a, tuple(marks.get(a.uid, ()))) for a in activities)

    def _mark_done(
        self,
        added: list[Activity],
        done: dict[str, tuple[datetime | date, ...]],
        now: datetime,
        *,
        status: Status = Status.DONE,
    ) -> None:
        """Bring back the done (or, `status`, skipped) marks of activities new to this plan,
        as our export writes them (a file moved to another computer). Activities already
        here keep their own marks: the person may have changed a mark since the file was
        made."""
        for activity in added:
            for value in done.get(activity.uid, ()):
                key = recurrence.instance_name(activity, value)
                if recurrence.is_instance(activity, key):
                    self._completions.set(Completion(activity.uid, key, status, now))


def _read(path: Path) -> bytes:
    """A file's bytes, no more than one past the size limit: a huge file is refused without
    being read whole."""
    from planner.ical.importer import MAX_FILE_BYTES

    try:
        with Path(path).expanduser().open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror or error}.") from None


def _has_days_in(activity: Activity, days: tuple[date, date] | None, zone: ZoneInfo) -> bool:
    """Whether `activity` has an occurrence on the days `[first, end)` (any, without days)."""
    return days is None or bool(recurrence.expand(activity, days[0], days[1], zone))


def _export_options(plan: Plan, request: ExportRequest) -> ical_export.ExportOptions:
    from planner.ical import export as ical_export

    return ical_export.ExportOptions(
        # Neutral titles are for a calendar others can see: the notes, and the partner's
        # name, stay out of it whatever else was asked (a trial found both could be ticked).
        include_notes=request.include_notes and not request.disguise,
        disguise=request.disguise,
        partner_name=plan.partner_name,
        calendar_name=plan.name,
        program_id=plan.program_id,
        plan_zone=plan.zone,
    )


def _first_day_shown(activities: Sequence[Activity], zone: ZoneInfo) -> date | None:
    """The first day on which any of `activities` shows ("Go to" after an import): a
    series whose first day was moved or skipped begins later than its start says."""
    best: date | None = None
    for activity in sorted(activities, key=lambda a: local_day(a.start, zone)):
        start_day = local_day(activity.start, zone)
        if best is not None and start_day >= best:
            break  # sorted: nothing after this can begin sooner (a moved day aside)
        if activity.rrule is None:
            best = start_day
            continue
        window = recurrence.expand(
            activity, start_day - timedelta(days=7), start_day + timedelta(days=400), zone
        )
        if window:
            first = window[0].first_day(zone)
            best = first if best is None else min(best, first)
    return best


def _in_zone_kept_here(draft: ActivityDraft, old: Activity) -> ActivityDraft:
    """`draft` in the zone this copy has, where the file's zone says the same thing.

    The file's "UTC" is this copy's "Etc/UTC"; and a one-off this copy keeps in UTC comes
    back from our export in UTC, which import shows in the plan's zone: the same instants.
    """
    if same_zone(old.zone, draft.zone):
        return replace(draft, zone=old.zone)
    one_offs = draft.rrule is None and old.rrule is None
    start, end = draft.start, draft.end
    if one_offs and old.zone in UTC_NAMES and isinstance(start, datetime):
        here = zone_info(old.zone)
        assert isinstance(end, datetime)
        return replace(draft, zone=old.zone, start=start.astimezone(here), end=end.astimezone(here))
    return draft


def _keeping_choices_made_here(
    draft: ActivityDraft, item: importer.ImportedActivity, old: Activity
) -> ActivityDraft:
    """The draft with this copy's step and category where the file says none (a calendar
    other than Rekindle, or our export read back without them): what was filled in on the
    first import, and maybe chosen since, must not be reset by each update. Where the file
    names them (our export from another computer), or the import is given them (--step,
    --category), a newer file's are taken: with no record of when a choice was made here,
    the event is judged whole."""
    return replace(
        draft,
        step=draft.step if item.says_step else old.step,
        category=draft.category if item.says_category else old.category,
    )


def _keeping_private_words(
    item: importer.ImportedActivity,
    old: Activity,
    scrub: Callable[[str], str],
    parsed: importer.ParsedFile,
) -> ActivityDraft:
    """The file's draft with the words a private export leaves out taken from this copy:
    the partner's name where the file has it replaced (by this plan's name for them, or by
    whatever stood there where the event says its name was left out); every title and place
    when the file says its titles are the neutral ones (a neutral export brought back had
    renamed what came from another calendar "Busy", and erased its place); and, when the
    file brings none and is not our export with its notes, the notes (an update from another
    computer, or from a calendar that never had them, must not erase them here)."""
    from planner.ical.export import PARTNER_WORDS

    draft = item.draft

    def word(here: str, there: str, field: str = "") -> str:
        if parsed.titles_left_out or there == here or scrub(here) == there:
            return here
        if field in item.names_left_out and PARTNER_WORDS in there:
            said = re.escape(there).replace(re.escape(PARTNER_WORDS), "(.+?)")
            if re.fullmatch(said, here) is not None:
                return here
        return there

    def note(here: str, there: str) -> str:
        # Notes none came with erase those here only from a file of ours that says its notes
        # went along: Google and Apple drop that line, and a private export brought back
        # through them had erased every note, without a word (a trial).
        return there if there.strip() or parsed.notes_included else here

    mine = {o.recurrence_id: o for o in old.overrides}
    overrides = []
    for override in draft.overrides:
        same = mine.get(override.recurrence_id)
        if same is not None:
            override = replace(
                override, title=word(same.title, override.title),
                location=word(same.location, override.location),
                notes=note(same.notes, override.notes),
            )  # fmt: skip
        else:
            # A day moved in the file alone (dragged in Google): the series' notes here, as
            # the file has none for it (a review); its title and place the series' too when
            # the file's are the neutral ones ("Personal time", no place).
            override = replace(override, notes=note(old.notes, override.notes))
            if parsed.titles_left_out:
                override = replace(override, title=old.title, location=old.location)
        overrides.append(override)
    return replace(
        draft, title=word(old.title, draft.title, "SUMMARY"),
        location=word(old.location, draft.location, "LOCATION"),
        notes=note(old.notes, draft.notes), overrides=tuple(overrides),
    )  # fmt: skip


def _marked_days_left_out(
    old: Activity,
    new: Activity,
    names: Sequence[datetime | date],
    move: Callable[[datetime | date], datetime | date] | None,
) -> int:
    """How many of the days marked on `old` (`names`, as marks name them before `move`
    renames them) the update `new` no longer has. A mark that already stood for no day
    is not counted again."""
    if not names:
        return 0
    standing = recurrence.existing_instances(old, names)
    renamed = {move(name) for name in standing} if move is not None else set(standing)
    return len(renamed - recurrence.existing_instances(new, renamed))


def _titles_cut(
    parsed: importer.ParsedFile, saved: Sequence[Activity]
) -> tuple[importer.Skipped, ...]:
    """What the report says of the activities saved whose title the file had too long."""
    from planner.ical import importer

    cut = {item.uid for item in parsed.activities if item.title_cut}
    return tuple(
        importer.Skipped(0, f"“{shortened(activity.title, 40).rstrip()}…”",
                         f"its title was cut to {MAX_TITLE_LENGTH} characters")
        for activity in saved if activity.uid in cut
    )  # fmt: skip


def _outlived(count: int) -> str:
    days = "a day you marked" if count == 1 else f"{count} days you marked"
    return (
        f"the file no longer has {days} here; what you marked and wrote is kept, and shows "
        "again if the day comes back"
    )


def _as_written(activity: Activity) -> Activity:
    """The activity as a file holds it: a series from its first instance, where our export
    writes its DTSTART (see recurrence.first_instance), rather than from a start its rule
    leaves out. The occurrences, and the names of its instances, are the same."""
    if activity.rrule is None:
        return activity
    first = recurrence.first_instance(activity)
    if first == activity.start or skipped_by_clocks(first):  # as the export leaves it
        return activity
    end = plus_elapsed(first, activity.duration) if isinstance(first, datetime) else (
        first + activity.duration
    )  # fmt: skip
    return replace(activity, start=first, end=end)


def _as_exported(
    old: Activity, item: importer.ImportedActivity, scrub: Callable[[str], str]
) -> bool:
    """The file holds this very version as our export writes it: a series from its first
    instance (_as_written), and by default with no notes and the partner's name replaced.
    It says nothing new, so the copy here is as it was."""
    if old.revision != item.sequence:
        return False
    ours = _as_written(old).draft()
    if item.draft == ours:
        return True
    private = replace(
        ours, title=scrub(ours.title), location=scrub(ours.location), notes="",
        overrides=tuple(
            replace(o, title=scrub(o.title), location=scrub(o.location), notes="")
            for o in ours.overrides
        ),
    )  # fmt: skip
    return item.draft == private


def _newer_than_here(
    item: importer.ImportedActivity | importer.CancelledEvent, old: Activity
) -> bool:
    """Whether the file's copy of an event is newer than this one (which differs from it).

    A higher SEQUENCE says so. With the same SEQUENCE, a copy modified (LAST-MODIFIED; a
    DTSTAMP may be only when the file was downloaded) after this one was last imported or
    changed is newer too: RFC 5546 asks for a higher SEQUENCE only when times, repeats or
    status change, and Google, Apple and Outlook change titles, places and notes without
    one. For a copy imported here, that holds only while it is not edited here since its
    import (_edited_here): an edit made here is kept unless the file's SEQUENCE is higher.
    A calendar that keeps no SEQUENCE says it only by LAST-MODIFIED.
    """
    if item.sequence > old.revision:
        return True
    if not item.keeps_sequence:
        return _changed_since(item, old)
    # Made here, or imported before the import's revision was kept: the file's copy changed
    # after this one did is newer (made here, exported, renamed in Google, brought back).
    unknown = old.imported_revision is None
    same = item.sequence == old.revision
    return same and (unknown or not _edited_here(old)) and _changed_since(item, old)


def _edited_here(old: Activity) -> bool:
    """Whether this copy was edited here after it was last imported (or never imported):
    each edit raises its revision above the one the import gave it."""
    return old.imported_revision is None or old.revision != old.imported_revision


def _changed_since(
    item: importer.ImportedActivity | importer.CancelledEvent, old: Activity
) -> bool:
    """Whether the file's copy was modified after this copy was last imported or changed.

    A copy only imported is compared with the stamp of the file it came from: a rename made
    in Google after that file was made, even before the import, is newer. Where that stamp
    is not known (an import before schema v9, a file without LAST-MODIFIED), or the copy was
    changed here, with the time it was last imported or changed.
    """
    if item.modified is None:
        return False
    if old.imported_modified is not None and not _edited_here(old):
        return item.modified > old.imported_modified
    return item.modified > old.modified.astimezone(UTC)


def _kept_reason(old: Activity, sequence: int) -> str:
    """Why an imported event that is not newer than the local copy left it as it was."""
    if old.imported_revision is not None and _edited_here(old):
        return "your copy was changed here after it was imported, so it was kept"
    if old.revision > sequence and old.imported_revision is not None:
        # Not changed here: what is here came from a newer file (a trial read the words
        # below, though nothing had been changed).
        return "your copy is from a newer version of this event, so it was kept"
    if old.revision > sequence:
        return "your copy was changed after this file was made, so it was kept"
    return "the file is not newer than your copy (the same version), so your copy was kept"


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large calendar is built, written or read.

    An export makes hundreds of thousands of small, acyclic objects; the collector's repeated
    full passes over them cost a third of the build (bench/interop.py, 10,000 activities).
    Reference counting still frees everything; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never half.

    Through a link, the file it points to is replaced and the link stays. The file is readable
    by the user alone, a replaced one too: what it holds (titles, maybe notes) is private.
    """
    path = path.expanduser()
    handle: int | None = None
    temp: str | None = None
    try:
        if path.is_dir():
            raise StorageError(f"{path} is a folder; please choose a file name.")
        if path.is_symlink():
            loop = StorageError(f"Cannot save {path}: it is a link that leads back to itself.")
            try:
                path = path.resolve()
            except RuntimeError:  # how Python 3.11 says a loop of links
                raise loop from None
            if path.is_symlink():  # how 3.13 does: it stops at a link in the loop
                raise loop
        if path.exists() and not path.is_file():
            # A device or a pipe (/dev/null, a fifo): the rename would put a file in its place.
            raise StorageError(
                f"{path} is not a file (it is a device or a pipe); please choose a file name."
            )
        if _holds_a_database(path):
            # `export --out plan.sqlite3` had put the calendar in place of the plan itself.
            raise StorageError(
                f"{path.name} holds a plan (a database), not a calendar; please choose "
                "another name. Nothing was written."
            )
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            handle = None
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(path)
        temp = None
    except OSError as error:
        raise StorageError(_explain_write(path, error)) from None
    finally:
        if handle is not None:
            os.close(handle)
        if temp is not None:
            with contextlib.suppress(OSError):
                Path(temp).unlink()


def _holds_a_database(path: Path) -> bool:
    """Whether `path` is an SQLite file (a Rekindle plan, or its backup)."""
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False  # not there, or not readable: the write says what it finds


def _explain_write(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"Cannot save {path.name}: the disk is full. Nothing was written."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot save to {path.parent}: you do not have permission to write there."
    if error.errno == errno.ENOENT:
        return f"Cannot save {path.name}: the folder {path.parent} does not exist."
    return f"Cannot save {path}: {error.strerror or error}."


def known_categories(values: Collection[str]) -> frozenset[Category]:
    """Category ids to categories, with the usual plain error for an unknown one."""
    return frozenset(Category.from_id(value) for value in values)
