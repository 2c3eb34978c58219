"""The UI's single doorway to the services: runs a use case, then announces what changed."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QUndoStack

from planner.domain import milestones, pacing, recurrence
from planner.domain.activities import Activity, ActivityDraft, named_start
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status, as_instant, still_ahead
from planner.domain.timezones import local_day
from planner.errors import PlannerError
from planner.services.changes import ChangeKind, Changes
from planner.ui import labels
from planner.ui.undo import (
    ActivitiesCommand,
    ActivityCommand,
    ImportCommand,
    MarkCommand,
    States,
    StepRecordCommand,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from pathlib import Path

    from planner.domain.completions import Reflection
    from planner.domain.ids import ActivityUid, StepNumber
    from planner.domain.milestones import StepProgress, StepRecord
    from planner.domain.pacing import PacingFlag
    from planner.domain.plans import Plan, SetAside
    from planner.domain.programs import Program
    from planner.domain.reminders import Notice, Reminder, ReminderOptions
    from planner.domain.removals import RemovedByFile
    from planner.services.activities import ActivitySnapshot, WeekCopy
    from planner.services.advice import Survey
    from planner.services.backups import BackupFile
    from planner.services.boundaries import BoundaryChange
    from planner.services.context import PlanSettings, Services
    from planner.services.interop import (
        ExportRequest,
        ExportResult,
        ForUnnamed,
        ImportReport,
        Progress,
        ReadCalendar,
    )
    from planner.services.progress import MarkUndo, Overview
    from planner.services.today import TodaySummary

_T = TypeVar("_T")

#: How far ahead "your next planned contact" looks.
NEXT_CONTACT_DAYS = 90

#: How many calendar windows the hub keeps read (a few views, each with a window either side).
SURVEYS_KEPT = 9


class SavedError(PlannerError):
    """A change was saved, but its state after could not be read back for its undo step:
    the change stands, and the views are told of it, without a step to undo it."""


class Hub(QObject):
    """Runs service calls for the widgets and re-emits their Changes as one signal.

    Every change to activities and marks the person makes is also pushed onto `undo_stack`,
    whichever widget asked; settings (partner's name, pacing, check-ins, reminders) and
    breaks are not, and changes undo cannot reach back over (contact set aside, a save from
    another program, a zone change) end the history there.

    Signals:
        changed(Changes): after every successful mutation; the calendars refresh if it
            concerns them.
        changed_beside(Changes): the same change, right after, for what is beside the
            calendars (side panels, plan summary, tray, progress): the window draws the calendar
            in front between the two, so an edit shows before they read (a move in a plan of
            10,000 activities showed after ~470 ms, the panels reading first; ~110 ms now).
        problem(str): something asked could not be done (the message says why).
        settled(): once, when the window has painted first: deferred work may run.
    """

    changed = Signal(object)
    changed_beside = Signal(object)
    problem = Signal(str)
    settled = Signal()

    def __init__(
        self, *, services: Services, settled: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        #: False while the window has not painted yet: only what it shows first is read.
        self._settled = settled
        self.undo_stack = QUndoStack(self)
        self._plan = services.plans.require()
        self._program = services.plans.program_of(self._plan)
        self._hidden_categories: frozenset[Category] = frozenset()
        self._hidden_steps: frozenset[StepNumber] = frozenset()
        #: Step progress reads the whole plan; kept until the next change or the next day.
        self._steps: tuple[date, list[StepProgress]] | None = None
        #: The space lived so far, which step progress reads: kept across changes to later
        #: days alone (see `_announce`), as long as the day lasts.
        self._space_runs: tuple[date, dict[StepNumber, int]] | None = None
        #: What the calendars read for their days, newest last; kept as `_steps` is.
        self._surveys: OrderedDict[tuple[date, date], Survey] = OrderedDict()
        self._surveys_day: date | None = None
        #: What another program had saved into the file when the surveys (and, separately,
        #: the last announcement) were made: `PlanService.outside_version`.
        self._surveys_outside = self._announced_outside = services.plans.outside_version()
        #: What a calendar made of each kept survey, through which filters (see `view_of`).
        self._made: dict[tuple[date, date], tuple[Survey, tuple[object, ...], object]] = {}
        #: Hints already put in words (a space flag's may have needed many reads).
        self._explained: dict[tuple[str, ActivityUid, datetime | date], str] = {}
        self.when_settled(self._word_services)  # nothing before the first paint says a day
        #: Steps the days lived completed at the first look, for the window to say; the day
        #: of the last look.
        self._days_lived_unsaid: dict[StepNumber, date] = {}
        self._days_looked: date | None = None
        # Before the panels read progress once the window has painted: they open on the
        # step you are on, past a step the days lived completed.
        self.when_settled(self._look_at_days_lived)

    @property
    def plan(self) -> Plan:
        return self._plan

    # -- start-up: the first paint first, then everything else ------------------------------

    @property
    def is_settled(self) -> bool:
        """Whether the window has painted once (until then, views skip pacing hints and
        panels wait: a plan of 10,000 activities must not keep its window from opening)."""
        return self._settled

    def settle(self) -> None:
        """The window has painted: let deferred work run (emits `settled` once)."""
        if not self._settled:
            self._settled = True
            self.settled.emit()

    def _word_services(self) -> None:
        """What the services say, in this computer's order and clock (a US trial read
        "Sunday 14 March 2027 at 03:30" in a refusal)."""
        from planner.services.wording import Wording

        self.services.wording = Wording(
            day=lambda day: labels.day_text(day, "dddd d MMMM yyyy"), clock=labels.clock
        )

    def when_settled(self, work: Callable[[], object]) -> None:
        """Run `work` now if the window has painted, else once it has."""
        if self._settled:
            work()
        else:
            self.settled.connect(work, Qt.ConnectionType.SingleShotConnection)

    @property
    def program(self) -> Program:
        return self._program

    def today(self) -> date:
        return self.services.clock.today(self._plan.tz)

    def still_ahead(self, occurrence: Occurrence) -> bool:
        """Whether its day has not come yet, so "Mark as Done" waits for it."""
        return still_ahead(occurrence, self.today(), self._plan.tz)

    def now(self) -> datetime:
        """The injected clock's present moment, in the plan's zone."""
        return self.services.clock.now().astimezone(self._plan.tz)

    def space_until(self) -> date | None:
        """The last day of the space period today is in, or None when it is in none."""
        today, zone = self.today(), self._plan.tz
        return max(
            (o.last_day(zone) for o in self.services.calendar.occurrences(self._plan, today, today)
             if o.activity.category is Category.SPACE),
            default=None,
        )  # fmt: skip

    def first_occurrence(self, activity: Activity) -> Occurrence | None:
        """Where `activity` first shows in the calendars (to select what was just made)."""
        start = activity.start
        day = local_day(start, self._plan.tz)
        return next((o for o in self.occurrences(day, day) if o.activity.uid == activity.uid), None)

    def changed_occurrence(
        self, activity: Activity, key: datetime | date, *, filtered: bool = True
    ) -> Occurrence | None:
        """Where the occurrence named `key` of `activity` now shows (after it was edited on
        its own, it may be on another day); not `filtered`: wherever the filters are."""
        day = local_day(named_start(activity, key), self._plan.tz)
        return next(
            (o for o in self.occurrences(day, day, filtered=filtered)
             if o.activity.uid == activity.uid and o.key == key),
            None,
        )  # fmt: skip

    def occurrence_now(self, occurrence: Occurrence) -> Occurrence | None:
        """`occurrence` as it is now, filters aside, or None when it is gone (a list kept
        open across an edit made from it)."""
        return self.services.calendar.occurrence_now(self._plan, occurrence)

    def occurrences(
        self, first_day: date, last_day: date, *, filtered: bool = True
    ) -> list[Occurrence]:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), less
        those the filters hide unless not `filtered`: the calendars' read path (Today,
        pacing, progress and export read the services directly and always see everything)."""
        found = self.services.calendar.occurrences(self._plan, first_day, last_day)
        return [o for o in found if self.shows(o)] if filtered else found

    # -- filters: a view choice, never stored in the plan ---------------------------------

    @property
    def hidden_categories(self) -> frozenset[Category]:
        return self._hidden_categories

    @property
    def hidden_steps(self) -> frozenset[StepNumber]:
        return self._hidden_steps

    @property
    def filtering(self) -> bool:
        """Whether the calendars leave something out."""
        return bool(self._hidden_categories or self._hidden_steps)

    def shows(self, occurrence: Occurrence) -> bool:
        """Whether the filters let the calendars show `occurrence`."""
        activity = occurrence.activity
        return (
            activity.category not in self._hidden_categories
            and activity.step not in self._hidden_steps
        )

    def set_filters(
        self, hidden_categories: frozenset[Category], hidden_steps: frozenset[StepNumber]
    ) -> None:
        """Hide these categories and steps from the calendars; every calendar reloads."""
        if (hidden_categories, hidden_steps) == (self._hidden_categories, self._hidden_steps):
            return
        self._hidden_categories = frozenset(hidden_categories)
        self._hidden_steps = frozenset(hidden_steps)
        changes = Changes(ChangeKind.FILTERS)
        self.changed.emit(changes)
        self.changed_beside.emit(changes)

    def search(self, text: str) -> list[Occurrence]:
        """Shown occurrences whose title, location, notes or reflection contain `text`, in
        time order, around today (these are private, but this search never leaves the
        machine)."""
        results = self.services.calendar.search(self._plan, text, self.today())
        return [o for o in results.occurrences if self.shows(o)]

    def today_summary(self) -> TodaySummary:
        """Today's activities, what is still open from the last days, and what comes next."""
        return self.services.today.summary(self._plan, self.steps_progress())

    def pacing_flags(self, first_day: date, last_day: date) -> list[PacingFlag]:
        """Pacing hints on occurrences starting on `first_day..last_day` (local days)."""
        return self.services.advice.flags(self._plan, first_day, last_day)

    def explain(self, flag: PacingFlag) -> str:
        """A pacing hint in plain, gentle words."""
        return self.services.advice.explain(
            flag, self._program, lambda day: labels.day_text(day, "dddd d MMMM")
        )

    def survey(self, first_day: date, last_day: date) -> Survey:
        """The occurrences (unfiltered) and pacing flags of the days a calendar shows.

        Kept, the last SURVEYS_KEPT of them, until something changes (here, or in the file
        from another program) or the day turns: paging back to a week, or on to one read
        ahead (`read_ahead`), then reads nothing.
        """
        today = self.today()
        outside = self.services.plans.outside_version()  # the command line may have written
        if self._surveys_day != today or self._surveys_outside != outside:
            self._steps = self._space_runs = None
            self._surveys.clear()
            self._made.clear()
            self._explained.clear()
            self._surveys_day, self._surveys_outside = today, outside
        key = (first_day, last_day)
        found = self._surveys.get(key)
        if found is None:
            found = self.services.advice.survey(self._plan, first_day, last_day)
            self._surveys[key] = found
            while len(self._surveys) > SURVEYS_KEPT:
                gone, _ = self._surveys.popitem(last=False)
                self._made.pop(gone, None)
        else:
            self._surveys.move_to_end(key)
        return found

    def survey_apart(self, first_day: date, last_day: date) -> Survey:
        """A survey read once and not kept: the agenda's long reads, which would push out
        the calendars' windows kept by `survey`."""
        return self.services.advice.survey(self._plan, first_day, last_day)

    def view_of(self, first_day: date, last_day: date, make: Callable[[Survey], _T]) -> _T:
        """What a calendar makes of the survey of these days (`make`), through the filters:
        made once per survey and filters and kept with the survey, so switching to a range
        read ahead builds nothing."""
        survey = self.survey(first_day, last_day)
        filters = (self._hidden_categories, self._hidden_steps)
        kept = self._made.get((first_day, last_day))
        if kept is not None and kept[0] is survey and kept[1] == filters:
            return cast("_T", kept[2])
        made = make(survey)
        self._made[(first_day, last_day)] = (survey, filters, made)
        return made

    def read_ahead(self, ranges: Sequence[tuple[date, date]]) -> bool:
        """Survey the first of `ranges` (days a calendar may show next) not kept yet, while
        the person is looking; True if others are still missing after it."""
        fresh = (self._surveys_day, self._surveys_outside) == (
            self.today(),
            self.services.plans.outside_version(),
        )
        missing = [r for r in ranges if r not in self._surveys or not fresh]
        if missing:
            self.survey(*missing[0])
        return len(missing) > 1

    def notice_outside_changes(self) -> bool:
        """If another program (such as `rekindle add`) saved into the file since the last
        look, announce a change to everything, so every view and panel reads again."""
        outside = self.services.plans.outside_version()
        if outside == self._announced_outside:
            return False
        self._announce_unrecorded(Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES))
        return True

    def explain_shown(self, flag: PacingFlag) -> str:
        """A flag from `survey` in words, after following a stretch of space past its days."""
        key = (flag.rule.value, flag.uid, flag.occurrence.recurrence_id)
        text = self._explained.get(key)
        if text is None:
            complete = self.services.advice.completed(self._plan, flag)
            text = self._explained[key] = self.explain(complete)
        return text

    def set_zone(self, zone: str) -> None:
        """Show the plan in `zone`, its activities kept at their clock times (not undone by
        Ctrl+Z: an older step would put activities back in the old zone)."""
        self._announce_unrecorded(self.services.plans.set_zone(self._plan, zone))

    # -- boundaries and check-ins (deliberate acts: kept off the undo stack, which ends there) --

    def upcoming_contact(self) -> list[Activity]:
        """Contact activities still to come (what setting contact aside would hide)."""
        return self.services.boundaries.upcoming_contact(self._plan)

    def cancelled_contact(self) -> list[Activity]:
        """Contact activities set aside (what lifting the boundary would bring back)."""
        return self.services.boundaries.cancelled(self._plan)

    def set_contact_aside(self, reason: SetAside) -> BoundaryChange:
        change = self.services.boundaries.respect_no_contact(self._plan, reason)
        self._announce_unrecorded(change.changes)
        return change

    def lift_contact_aside(self) -> BoundaryChange:
        change = self.services.boundaries.lift_no_contact(self._plan)
        self._announce_unrecorded(change.changes)
        return change

    def answer_checkin(self, *, focus_on_growth: bool) -> BoundaryChange:
        boundaries = self.services.boundaries
        change = boundaries.answer_checkin(self._plan, focus_on_growth=focus_on_growth)
        self._announce_unrecorded(change.changes)
        return change

    def save_settings(self, settings: PlanSettings) -> None:
        """Save Plan Settings' fields together (the zone apart: `set_zone`)."""
        self._announce(self.services.save_settings(self._plan, settings))

    def next_contact(self) -> Occurrence | None:
        """The next planned contact activity that has not started yet, within a season: one
        marked skipped (or done ahead) is not planned any more."""
        now = self.services.clock.now()
        today = self.today()
        for occurrence in self.services.calendar.starting_in(
            self._plan, today, today + timedelta(days=NEXT_CONTACT_DAYS)
        ):
            start = as_instant(occurrence.start, self._plan.tz)
            if (
                occurrence.activity.category.involves_contact
                and start > now
                and occurrence.status is Status.PLANNED
            ):
                return occurrence
        return None

    @staticmethod
    def is_last(occurrence: Occurrence) -> bool:
        """Whether no day of its series comes after this one (the series' last)."""
        activity = occurrence.activity
        return activity.recurring and not recurrence.has_later(activity, occurrence.key)

    def pacing_words(self, occurrence: Occurrence) -> list[str]:
        """The pacing hints on one occurrence, in words (none: nothing to reconsider)."""
        day = occurrence.first_day(self._plan.tz)  # read apart: the calendars' stay kept
        flags = pacing.by_occurrence(self.survey_apart(day, day).flags)
        return [self.explain_shown(flag) for flag in flags.get(pacing.flag_key(occurrence), [])]

    def keep_unsent(self, text: str) -> frozenset[StepNumber]:
        """Keep words written in an urge moment as a private journal note, never sent.

        A done reflection activity now, with the words as its (private) notes: writing it down
        is journaling (it counts as such, not as a message), and it is one undo step. Returns
        the steps whose milestone that journaling reached, to be said as any mark's are.
        """
        start = self.services.clock.now().astimezone(self._plan.tz).replace(second=0, microsecond=0)
        draft = ActivityDraft(
            title=self.tr("A note kept for myself"), category=Category.REFLECTION,
            step=self.step_you_are_on(), start=start, end=start + timedelta(minutes=15),
            all_day=False, zone=self._plan.zone, notes=text.strip(),
        )  # fmt: skip
        # Written already: done, not a to-do left open in Today; made and marked in one
        # transaction, and one undo step for both, the milestone the mark may reach included.
        activity, changes, marked = self.services.keep_note(self._plan, draft)
        with self._saved_already(changes):  # kept: a read failing now is not a failed keep
            after = self.services.activities.snapshot(activity.uid)
            reached = self._records_of(marked.reached)
            text = self.tr("New “%1”").replace("%1", activity.title)
            self.undo_stack.push(ImportCommand(
                self, text, before=((activity.uid, None),), after=((activity.uid, after),),
                reached=reached,
            ))  # fmt: skip
        return marked.reached

    def _records_of(
        self, reached: frozenset[StepNumber]
    ) -> tuple[tuple[StepNumber, StepRecord | None], ...]:
        """The records of the steps a change reached, for the undo step that takes them back."""
        return tuple(
            (step, record)
            for step in sorted(reached)
            if (record := self.services.progress.step_record(self._plan, step)) is not None
        )

    def reminder_options(self) -> ReminderOptions:
        return self.services.reminders.options(self._plan)

    def set_reminder_options(self, options: ReminderOptions) -> None:
        self._announce(self.services.reminders.set_options(self._plan, options))

    def reminder_notices(self, since: datetime, until: datetime) -> list[Notice]:
        """The notifications due in `(since, until]` (one per reminder, or a day's summary)."""
        return self.services.reminders.notices(self._plan, since, until)

    def next_reminder_at(self, after: datetime) -> datetime | None:
        return self.services.reminders.next_at(self._plan, after)

    def missed_reminders(self) -> list[Reminder]:
        """What fell due while the app was closed (to list once, not to fire)."""
        return self.services.reminders.missed(self._plan)

    def mark_reminders_seen(self, now: datetime) -> None:
        """Remember that reminders up to `now` were shown (bookkeeping: nothing to undo)."""
        self.services.reminders.mark_seen(self._plan, now)

    def activity(self, uid: ActivityUid) -> Activity:
        return self.services.activities.get(uid)

    def activity_count(self) -> int:
        return self.services.activities.count(self._plan)

    def create_activity(
        self, draft: ActivityDraft, *, kept_note: bool = False, undo_text: str | None = None
    ) -> Activity:
        """Save a new activity; `undo_text` names the undo step, with %1 for the title
        (default: New "%1")."""
        activity, changes = self.services.activities.create(self._plan, draft, kept_note=kept_note)
        with self._saved_already(changes):  # made: a read failing now must not make it twice
            after = self.services.activities.snapshot(activity.uid)
            text = (undo_text or self.tr("New “%1”")).replace("%1", activity.title)
            self.undo_stack.push(ActivityCommand(self, text, before=None, after=after))
        return activity

    def update_activity(
        self, uid: ActivityUid, draft: ActivityDraft, *, undo_text: str | None = None
    ) -> Activity:
        """Save `draft` over the activity; `undo_text` names the undo step, with %1 for the
        title (default: Edit "%1", or Edit every "%1" for a series, as its occurrences' own
        steps say which day they changed)."""
        before = self.services.activities.snapshot(uid)
        activity, changes = self.services.activities.update(self._plan, uid, draft)
        with self._saved_already(changes):
            after = self.services.activities.snapshot(uid)
            # A series before or after: undo puts every one of its occurrences back.
            every = before.activity.recurring or activity.recurring
            default = self.tr("Edit every “%1”") if every else self.tr("Edit “%1”")
            text = (undo_text or default).replace("%1", activity.title)
            self.undo_stack.push(ActivityCommand(self, text, before=before, after=after))
        return activity

    def delete_activity(self, uid: ActivityUid) -> Activity:
        before = self.services.activities.snapshot(uid)
        activity, changes = self.services.activities.delete(self._plan, uid)
        text = self.tr("Delete “%1”").replace("%1", activity.title)
        self.undo_stack.push(ActivityCommand(self, text, before=before, after=None))
        self._announce(changes)
        return activity

    def copy_week(self, first_day: date) -> WeekCopy:
        """Copy the week from `first_day`'s one-off activities seven days on, those the
        filters show: one undo step that removes every copy at once (none made: nothing to
        copy, or all already there)."""
        copied = self.services.activities.copy_week(
            self._plan, first_day, hidden_categories=self._hidden_categories,
            hidden_steps=self._hidden_steps,
        )  # fmt: skip
        copies = copied.copies
        if not copies:
            return copied
        with self._saved_already(copied.changes):
            uids = [copy.uid for copy in copies]
            after = self.services.activities.snapshots(uids)
            before: States = tuple((uid, None) for uid in uids)
            text = self.tr("Copy Week to Next Week")
            self.undo_stack.push(
                ActivitiesCommand(self, text, before=before, after=_states(uids, after))
            )
        return copied

    # -- one occurrence of a series: each one undo step restoring every activity it touched ---

    def update_occurrence(
        self,
        uid: ActivityUid,
        recurrence_id: datetime | date,
        draft: ActivityDraft,
        *,
        moving: bool = False,
        resizing: bool = False,
        undo_text: str | None = None,
    ) -> Activity:
        """Change only this occurrence of a series (an override; its original start kept).
        `moving`, `resizing`: a drag, named "Move" or "Resize" in the Edit menu, as a
        one-off's is; `undo_text` names it otherwise (%1 the title, %2 the day)."""
        activities = self.services.activities
        text = undo_text or (
            self.tr("Resize “%1” on %2")
            if resizing
            else self.tr("Move “%1” on %2")
            if moving
            else self.tr("Edit “%1” on %2")
        )
        text = text.replace("%2", self._shown_day(uid, recurrence_id))
        text = text.replace("%1", draft.title.strip())  # last: a title may hold "%2"
        return self._series_step(
            uid, text, lambda: activities.update_occurrence(self._plan, uid, recurrence_id, draft)
        )

    def split_series(
        self,
        uid: ActivityUid,
        recurrence_id: datetime | date,
        draft: ActivityDraft,
        *,
        moving: bool = False,
        resizing: bool = False,
    ) -> Activity:
        """Change this occurrence and the following ones: a new series from here on."""
        activities = self.services.activities
        text = (
            self.tr("Resize “%1” from %2 on")
            if resizing
            else self.tr("Move “%1” from %2 on")
            if moving
            else self.tr("Edit “%1” from %2 on")
        )
        text = text.replace("%2", self._shown_day(uid, recurrence_id))
        text = text.replace("%1", draft.title.strip())
        return self._series_step(
            uid, text, lambda: activities.split_series(self._plan, uid, recurrence_id, draft)
        )

    def save_from_day(
        self,
        uid: ActivityUid,
        recurrence_id: datetime | date,
        series: ActivityDraft,
        day: ActivityDraft,
        *,
        day_name: datetime | date | None,
        following: bool,
    ) -> Activity:
        """A change made in the editor on one day of a series, saved for all of its days or
        from that day on (see ActivityService.save_from_day): one undo step."""
        activities = self.services.activities
        text = self.tr("Edit “%1” from %2 on") if following else self.tr("Edit every “%1”")
        text = text.replace("%2", self._shown_day(uid, recurrence_id))
        text = text.replace("%1", series.title.strip())
        return self._series_step(
            uid,
            text,
            lambda: activities.save_from_day(
                self._plan,
                uid,
                recurrence_id,
                series,
                day,
                day_name=day_name,
                following=following,
            ),
        )

    def delete_occurrence(self, uid: ActivityUid, recurrence_id: datetime | date) -> None:
        """Delete only this occurrence of a series (an exception date)."""
        activities = self.services.activities
        title = self.activity(uid).title
        self._series_step(
            uid,
            self.tr("Delete “%1” on %2")
            .replace("%2", self._shown_day(uid, recurrence_id))
            .replace("%1", title),
            lambda: (None, activities.delete_occurrence(self._plan, uid, recurrence_id)),
        )

    def delete_following(self, uid: ActivityUid, recurrence_id: datetime | date) -> None:
        """Delete this occurrence and the following ones (the series ends before it)."""
        activities = self.services.activities
        title = self.activity(uid).title
        self._series_step(
            uid,
            self.tr("Delete “%1” from %2 on")
            .replace("%2", self._shown_day(uid, recurrence_id))
            .replace("%1", title),
            lambda: (None, activities.delete_following(self._plan, uid, recurrence_id)),
        )

    def _shown_day(self, uid: ActivityUid, recurrence_id: datetime | date) -> str:
        """The day the Edit menu names an occurrence of a series by ("Fri 18 Dec"): where it
        shows now, which for one moved on its own is not the day the series gave it."""
        activity = self.activity(uid)
        name = recurrence.instance_name(activity, recurrence_id)
        for override in activity.overrides:
            if override.recurrence_id == name:
                return labels.day_text(local_day(override.start, self._plan.tz), "ddd d MMM")
        return _short_day(recurrence_id)

    def refusal(
        self,
        uid: ActivityUid,
        draft: ActivityDraft,
        *,
        only: datetime | date | None = None,
        following: datetime | date | None = None,
    ) -> str | None:
        """Why saving `draft` would be refused, or None when it would be saved: over the
        whole activity, over its occurrence named `only` alone, or over the one named
        `following` and those after it. Nothing is kept, announced or put on the undo
        stack."""
        activities = self.services.activities
        if only is not None:
            name = only
            return activities.refusal(
                lambda: activities.update_occurrence(self._plan, uid, name, draft)
            )
        if following is not None:
            since = following
            return activities.refusal(
                lambda: activities.split_series(self._plan, uid, since, draft)
            )
        return activities.refusal(lambda: activities.update(self._plan, uid, draft))

    def refusal_from_day(
        self,
        uid: ActivityUid,
        recurrence_id: datetime | date,
        series: ActivityDraft,
        day: ActivityDraft,
        *,
        day_name: datetime | date | None,
        following: bool,
    ) -> str | None:
        """Why `save_from_day` with the same values would be refused, or None; as `refusal`,
        nothing is kept."""
        activities, plan = self.services.activities, self._plan
        return activities.refusal(
            lambda: activities.save_from_day(
                plan, uid, recurrence_id, series, day, day_name=day_name, following=following
            )
        )

    def _series_step(
        self, uid: ActivityUid, text: str, action: Callable[[], tuple[_T, Changes]]
    ) -> _T:
        """Run `action` and push one undo step holding every activity it touched."""
        activities = self.services.activities
        before = activities.snapshots([uid])
        result, changes = action()
        with self._saved_already(changes):
            uids = sorted({uid, *changes.uids})
            after = activities.snapshots(uids)
            self.undo_stack.push(ActivitiesCommand(
                self, text, before=_states(uids, before), after=_states(uids, after)
            ))  # fmt: skip
        return result

    def duplicate_occurrence(self, occurrence: Occurrence) -> Activity:
        """A copy of this occurrence at the same time, on its own (one undo step)."""
        draft = replace(
            occurrence.activity.draft(),
            title=occurrence.title,
            location=occurrence.location,
            notes=occurrence.notes,
            start=occurrence.start,
            end=occurrence.end,
            rrule=None,
            exdates=(),
            overrides=(),
        )
        # A kept note's copy holds the same unsent words: still a note, not a plan. Its undo
        # step is named for what was done (it had read "New …", a trial).
        return self.create_activity(
            draft,
            kept_note=occurrence.activity.kept_note,
            undo_text=self.tr("Duplicate “%1”"),
        )

    def activity_snapshot(self, uid: ActivityUid) -> ActivitySnapshot:
        """The activity with its marks (to tell what a deletion would take with it)."""
        return self.services.activities.snapshot(uid)

    def steps_progress(self) -> list[StepProgress]:
        """Each step's milestone criteria, how far they are met, and when it was reached.

        Worked out from every mark and the space lived so far, so kept until something
        changes or the day turns (the Steps and Today panels both ask for it).
        """
        today = self.today()
        if self._steps is None or self._steps[0] != today:
            progress = self.services.progress
            if self._space_runs is None or self._space_runs[0] != today:
                self._space_runs = (today, progress.space_runs(self._plan))
            self._steps = (today, progress.steps(self._plan, self._space_runs[1]))
        return list(self._steps[1])

    def step_you_are_on(self) -> StepNumber:
        """Where "you are here" points: the plan's chosen step, moved on past steps reached
        (read from every mark, so ask once the window has painted)."""
        return milestones.number_you_are_on(self.steps_progress(), self._plan.current_step)

    def record_days_lived(self) -> dict[StepNumber, date]:
        """Record the steps the days lived since the last look completed (a space period's
        quiet days run on with nothing marked), with the day each was reached; looked at
        once a day (ProgressService.record_days_lived). Not an undo step: nothing the
        person did."""
        today = self.today()
        if today in (self._plan.steps_checked_on, self._days_looked):
            return {}
        reached = self.services.progress.record_days_lived(self._plan)
        self._days_looked = today  # once a day, a file opened read-only too (a review)
        if not reached:
            self._plan = self.services.plans.require()  # the day looked at: nothing to redraw
            return {}
        self._announce(Changes(ChangeKind.PLAN))
        progress = self.services.progress
        return {
            step: record.completed_on
            for step in sorted(reached)
            if (record := progress.step_record(self._plan, step)) is not None
        }

    def _look_at_days_lived(self) -> None:
        with contextlib.suppress(PlannerError):  # busy or failing: the next save says so
            self._days_lived_unsaid = self.record_days_lived()

    def take_days_lived(self) -> dict[StepNumber, date]:
        """The steps the first look found the days lived had completed (once)."""
        days, self._days_lived_unsaid = self._days_lived_unsaid, {}
        return days

    def complete_step(self, step: StepNumber) -> None:
        before = self.services.progress.step_record(self._plan, step)
        changes = self.services.progress.complete_step(self._plan, step)
        with self._saved_already(changes):
            after = self.services.progress.step_record(self._plan, step)
            text = self.tr("Complete Step %1").replace("%1", str(step))
            self.undo_stack.push(
                StepRecordCommand(self, text, step=step, before=before, after=after)
            )

    def reopen_step(self, step: StepNumber) -> None:
        before = self.services.progress.step_record(self._plan, step)
        changes = self.services.progress.reopen_step(self._plan, step)
        text = self.tr("Reopen Step %1").replace("%1", str(step))
        self.undo_stack.push(StepRecordCommand(self, text, step=step, before=before, after=None))
        self._announce(changes)

    def mark(
        self,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None = None,
        *,
        discard_reflection: bool = False,
    ) -> MarkUndo:
        """Mark one occurrence done (with an optional reflection), skipped or planned again.

        Returns what the mark replaced; the same is kept on the undo stack. Marking skipped or
        planned over a reflection raises ReflectionWouldBeLostError unless `discard_reflection`.
        """
        changes, snapshot = self.apply_mark(
            occurrence, status, reflection, discard_reflection=discard_reflection
        )
        command = MarkCommand(
            self,
            self._mark_text(occurrence, status, reflection),
            occurrence=occurrence,
            status=status,
            reflection=reflection,
            snapshot=snapshot,
        )
        self.undo_stack.push(command)  # saved: it can be undone, whatever the read after
        self._announce(changes)
        return snapshot

    @contextlib.contextmanager
    def _saved_already(self, changes: Changes) -> Iterator[None]:
        """After a save has committed, around the reads that make its undo step: `changes`
        are told to the views whatever happens, and a read failing (a busy file, a failing
        disk) is raised as SavedError, so that the change is not taken for lost and made
        again (a review made a second note of one, and an undo that left a reflection
        behind). Without its undo step, the history ends there: Undo had stepped over the
        change to the one before, putting it back under what was saved since."""
        recorded = False
        try:
            yield
            recorded = True
        except PlannerError:
            raise SavedError(
                self.tr(
                    "Your change was saved, but the plan could not be read back just now; it "
                    "shows as soon as the file can be read again. Undo cannot take this one "
                    "back."
                )
            ) from None
        finally:
            if recorded:
                self._announce(changes)
            else:
                self._announce_unrecorded(changes)

    def _mark_text(
        self, occurrence: Occurrence, status: Status, reflection: Reflection | None
    ) -> str:
        if reflection is not None:
            text = self.tr("Reflection on “%1”")
        elif status is Status.DONE:
            text = self.tr("Mark “%1” as Done")
        elif status is Status.SKIPPED:
            text = self.tr("Mark “%1” as Skipped")
        else:
            text = self.tr("Mark “%1” as Planned")
        return text.replace("%1", occurrence.title)

    # -- UndoHost: the raw calls undo commands replay ------------------------------------------

    def apply_mark(
        self,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None,
        *,
        discard_reflection: bool = False,
    ) -> tuple[Changes, MarkUndo]:
        """The raw mark (a redo says itself whether removing a reflection was confirmed)."""
        return self.services.progress.mark_undoable(
            self._plan, occurrence, status, reflection, discard_reflection=discard_reflection
        )

    def apply_undo_mark(self, undo: MarkUndo) -> Changes:
        return self.services.progress.undo_mark(self._plan, undo)

    def apply_step_record(self, step: StepNumber, record: StepRecord | None) -> Changes:
        return self.services.progress.restore_step_record(self._plan, step, record)

    def apply_put_back(self, snapshot: ActivitySnapshot) -> Changes:
        return self.services.activities.put_back(self._plan, snapshot)

    def apply_delete(self, uid: ActivityUid) -> Changes:
        return self.services.activities.delete(self._plan, uid)[1]

    def apply_restore(
        self, states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]]
    ) -> Changes:
        return self.services.activities.restore(self._plan, states)

    def apply_import_state(
        self,
        states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]],
        records: Sequence[tuple[StepNumber, StepRecord | None]],
        removals: tuple[Sequence[RemovedByFile], Sequence[RemovedByFile]] = ((), ()),
    ) -> Changes:
        return self.services.importer.put_back(self._plan, states, records, removals)

    def announce(self, changes: Changes) -> None:
        self._announce(changes)

    def report(self, message: str) -> None:
        self.problem.emit(message)

    def progress_overview(self) -> Overview:
        """Everything the progress page shows: weeks, moods, milestones, consistency, lessons."""
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1
        return self.services.progress.overview(self._plan, first_weekday=first_weekday)

    def break_since(self) -> date | None:
        """The first day of the break being taken, or None when not on a break."""
        return self.services.progress.paused_since(self._plan)

    def start_pause(self) -> None:
        """Begin a break: from today nothing counts for or against consistency."""
        self._announce(self.services.progress.start_pause(self._plan))

    def end_pause(self) -> None:
        self._announce(self.services.progress.end_pause(self._plan))

    def save_report(self, path: Path, data: bytes) -> Path:
        """Write a rendered report (changes nothing in the plan)."""
        return self.services.progress.save_report(path, data)

    def export_name(self, request: ExportRequest) -> str:
        """What the exported calendar will be called (private words left out as the file
        leaves them out)."""
        return self.services.interop.export_name(self._plan, request)

    def export_to(
        self, path: Path, request: ExportRequest, progress: Progress | None = None
    ) -> ExportResult:
        """Write an .ics file (changes nothing in the plan)."""
        return self.services.interop.export_file(self._plan, request, path, progress)

    def read_import(self, path: Path) -> ReadCalendar:
        """Read and check an .ics file, importing nothing yet: a file that cannot be read is
        refused before anything is asked about it."""
        return self.services.importer.read_file(path)

    def import_read(
        self,
        read: ReadCalendar,
        progress: Progress | None = None,
        unnamed: ForUnnamed | None = None,
    ) -> ImportReport:
        """Add or update activities from a file read, all or nothing: one undo step that
        removes what it added and puts back what it updated, marks included. `unnamed`: the
        step and kind for events that name none."""
        report, changes = self.services.importer.import_read(
            read, progress=progress, unnamed=unnamed
        )
        if report.added or report.updated:
            with self._saved_already(changes):
                uids = sorted(changes.uids)
                replaced = {snapshot.activity.uid: snapshot for snapshot in report.replaced}
                before: States = tuple((uid, replaced.get(uid)) for uid in uids)
                after = _states(uids, self.services.activities.snapshots(uids))
                text = self.tr("Import “%1”").replace("%1", read.path.name)
                reached = self._records_of(report.reached)
                command = ImportCommand(self, text, before=before, after=after, reached=reached,
                                        removals=report.removals)  # fmt: skip
                self.undo_stack.push(command)
        else:
            self._announce(changes)
        return report

    def backups(self) -> list[BackupFile]:
        """The copies of this file that can be restored, newest first."""
        return self.services.backups.available()

    def restore_backup(self, backup: BackupFile) -> None:
        """Bring back `backup` (the current file is copied aside first); everything reloads.

        The undo history described the plan that was replaced, so it is cleared.
        """
        changes = self.services.backups.restore(backup)
        self.undo_stack.clear()
        self._program = self.services.plans.program_of(self.services.plans.require())
        self._announce(changes)

    def _announce_unrecorded(self, changes: Changes) -> None:
        """Announce a change the undo history does not hold: contact set aside or
        brought back, a save by another program. An older step would put activities and marks
        back as they were before it, over what it did, so the history ends here."""
        if changes.kinds & ChangeKind.ACTIVITIES:
            self.undo_stack.clear()
        self._announce(changes)

    def _announce(self, changes: Changes) -> None:
        self._steps = None
        if changes.kinds & ChangeKind.PLAN or (
            changes.kinds & ChangeKind.ACTIVITIES
            and (changes.first_day is None or changes.first_day <= self.today())
        ):  # the days lived may differ: else a change to later days leaves them as they were
            self._space_runs = None
        self._surveys.clear()
        self._made.clear()
        self._explained.clear()
        # Told whatever happens: a change saved and then not told had left the views showing
        # what was there before, and a person made again what seemed to have vanished (a
        # review). A read failing here (a busy file) is met again, and said, by theirs.
        with contextlib.suppress(PlannerError):
            self._announced_outside = self.services.plans.outside_version()
            self._plan = self.services.plans.require()
        self.changed.emit(changes)
        self.changed_beside.emit(changes)


def _states(uids: Sequence[ActivityUid], found: Mapping[ActivityUid, ActivitySnapshot]) -> States:
    return tuple((uid, found.get(uid)) for uid in uids)


def _short_day(recurrence_id: datetime | date) -> str:
    """The day an occurrence of a series is named by, as the Edit menu says it ("Wed 18 Nov"):
    an undo step may be in a week out of sight."""
    day = recurrence_id.date() if isinstance(recurrence_id, datetime) else recurrence_id
    return labels.day_text(day, "ddd d MMM")
