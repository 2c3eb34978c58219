"""Progress use cases: mark occurrences done or skipped, reflect, and see the steps behind you."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain import consistency, milestones, recurrence, text_match
from planner.domain.activities import EARLIEST_YEAR, Activity
from planner.domain.categories import Category
from planner.domain.completions import Completion, Reflection, validate_reflection
from planner.domain.consistency import Pause
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.milestones import StepProgress, StepRecord
from planner.domain.occurrences import Occurrence, Status, as_instant
from planner.domain.timezones import local_day, zone_info
from planner.errors import InvalidInputError, NotFoundError, ReflectionWouldBeLostError
from planner.services import demo, interop, programs
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path
    from zoneinfo import ZoneInfo

    import peewee

    from planner.clock import Clock
    from planner.domain.plans import Plan
    from planner.services.calendar import CalendarService
    from planner.storage.repositories import (
        ActivityRepository,
        CompletionRepository,
        PauseRepository,
        PlanRepository,
        StepRecordRepository,
    )

#: How many weeks the "done each week" chart covers.
CHART_WEEKS = 12


@dataclass(frozen=True, slots=True)
class Lesson:
    """A "what I learned" line, with the day of the occurrence it came from; `uid` and `key`
    name that occurrence (its reflection can be opened from the lesson)."""

    day: date
    text: str
    title: str
    uid: ActivityUid | None = None
    key: datetime | date | None = None


@dataclass(frozen=True, slots=True)
class MarkUndo:
    """What one mark replaced, so undoing it restores exactly that (reflection and time too).

    `reached` are the steps whose milestone this mark recorded; undoing takes them back.
    `withdrawn` are the milestones reached today that this mark took back; undoing puts them
    back. `day` and `last_day` are the days the occurrence shows on, which it redraws.
    """

    uid: ActivityUid
    recurrence_id: datetime | date
    day: date
    previous: Completion | None
    reached: frozenset[StepNumber]
    withdrawn: tuple[StepRecord, ...] = ()
    last_day: date | None = None  # of a stretch of days (`day` is its first)


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Activities done in one week (Monday to Sunday), per category."""

    start: date
    counts: Mapping[Category, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class MoodPoint:
    """The mood noted on one day: the mean of that day's moods (1..5), and how many there were."""

    day: date
    mood: float
    count: int


@dataclass(frozen=True, slots=True)
class Milestone:
    """A step reached (or marked complete by hand) on a day."""

    step: StepNumber
    title: str
    day: date
    by_hand: bool


@dataclass(frozen=True, slots=True)
class Consistency:
    """How steadily things are done, told kindly.

    `score` is the smoothed habit strength (0..1) that one missed day barely moves; the person
    was active in `active_weeks` of the last `weeks_considered` weeks (at most four; fewer for a
    new plan). `paused_since` is the first day of an ongoing break, or None.
    """

    score: float
    active_weeks: int
    weeks_considered: int
    paused_since: date | None = None
    #: Days since the last day something was done, when something was and it was not today.
    days_away: int = 0

    @property
    def paused(self) -> bool:
        return self.paused_since is not None


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the progress page shows, read in one go."""

    weeks: list[WeekCount]
    moods: list[MoodPoint]
    milestones: list[Milestone]
    consistency: Consistency
    lessons: list[Lesson]
    done: int
    reflections: int
    steps_total: int


class ProgressService:
    """Marks, reflections and step milestones."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        plans: PlanRepository,
        activities: ActivityRepository,
        completions: CompletionRepository,
        records: StepRecordRepository,
        pauses: PauseRepository,
        calendar: CalendarService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._completions = completions
        self._records = records
        self._pauses = pauses
        self._calendar = calendar

    def find(self, plan: Plan, uid: ActivityUid, start: datetime | date) -> Occurrence:
        # Instants are compared in UTC: Python never finds the second 02:30 of a fall-back
        # night equal to a time in another zone, even the same instant.
        """The occurrence of `uid` that starts at `start` (as `rekindle list` prints it)."""
        activity = self._activities.get(uid)
        day = local_day(start, plan.tz)
        for occurrence in self._calendar.occurrences(plan, day - timedelta(days=1), day):
            if occurrence.activity.uid != uid:
                continue
            if isinstance(start, datetime):
                if as_instant(occurrence.start, plan.tz).astimezone(UTC) == start.astimezone(UTC):
                    return occurrence
            elif occurrence.start == start:
                return occurrence
        raise NotFoundError(
            f"“{activity.title}” has no occurrence starting at {start.isoformat()}."
        )

    def mark(
        self,
        plan: Plan,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None = None,
        *,
        discard_reflection: bool = False,
    ) -> Changes:
        """Mark one occurrence (only that one, for a series); reaching a milestone is recorded."""
        return self.mark_undoable(
            plan, occurrence, status, reflection, discard_reflection=discard_reflection
        )[0]

    def mark_undoable(
        self,
        plan: Plan,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None = None,
        *,
        discard_reflection: bool = False,
    ) -> tuple[Changes, MarkUndo]:
        """`mark`, also returning what it replaced (for undo).

        What the person wrote is never dropped quietly: marking done again without a new
        reflection keeps the one there, and marking skipped or planned over a reflection is
        refused (ReflectionWouldBeLostError) unless `discard_reflection` says to go ahead.
        """
        clean = validate_reflection(reflection)
        if clean is not None and status is not Status.DONE:
            raise InvalidInputError("A reflection goes with something marked as done.")
        with storage_db.transaction(self._db):
            stored = self._activities.get(occurrence.activity.uid)  # still there?
            previous = self._completions.get(occurrence.activity.uid, occurrence.key)
            written = previous.reflection if previous is not None else None
            if status is Status.DONE and clean is None:
                clean = written
            elif status is not Status.DONE and written is not None and not discard_reflection:
                raise ReflectionWouldBeLostError(
                    f"“{occurrence.title}” has a reflection you wrote; marking it "
                    f"{status.value} would remove it. Nothing was changed."
                )
            completion = Completion(
                uid=occurrence.activity.uid,
                recurrence_id=occurrence.key,
                status=status,
                marked_at=self._clock.now(),
                reflection=clean,
            )
            # Quiet days in space periods change only with a space or contact mark: read the
            # plan's history for them once when they cannot change (a large plan takes long).
            runs = self._space_runs(plan)
            marks, marked = self._standing_marks(plan)
            before = {s.number: s.all_met for s in self._evaluate(plan, runs, (marks, marked))}
            self._completions.set(completion)
            category = stored.category  # as saved, should another program have changed it
            if category is Category.SPACE or category.involves_contact:
                runs = self._space_runs(plan)
            # The marks after this one, without reading them all again (a large plan takes
            # long); it stands if the series (changed meanwhile, perhaps) still has that day.
            others = [
                m
                for m in marks
                if (m.uid, m.recurrence_id) != (completion.uid, completion.recurrence_id)
            ]
            key = completion.recurrence_id
            if status is not Status.PLANNED and recurrence.existing_instances(stored, [key]):
                others.append(completion)
            after = self._evaluate(plan, runs, (others, {**marked, stored.uid: stored}))
            reached = self._record_reached(plan, before, after)
            withdrawn = self._withdraw_slips(plan, before, after)
        # Every day it shows on: a space period marked on its third day had changed only its
        # first, so an agenda, or a week drawn ahead, beginning after it showed it unmarked.
        day, last = occurrence.first_day(plan.tz), occurrence.last_day(plan.tz)
        touched = reached or withdrawn
        kinds = ChangeKind.ACTIVITIES | (ChangeKind.PLAN if touched else ChangeKind.NONE)
        changes = Changes(kinds, frozenset({occurrence.activity.uid}), first_day=day, last_day=last)
        undo = MarkUndo(
            occurrence.activity.uid, occurrence.key, day, previous, reached, withdrawn, last
        )
        return changes, undo

    def _withdraw_slips(
        self, plan: Plan, before: dict[StepNumber, bool], after: list[StepProgress]
    ) -> tuple[StepRecord, ...]:
        """Take back a milestone reached today that this mark no longer meets: "Back to
        planned" right after a slip of Done. One reached on an earlier day stays, as lived
        history; one completed by hand stays, the person's own word."""
        today = self._clock.today(plan.tz)
        records = self._records.all(plan.id)
        withdrawn = []
        for step in after:
            record = records.get(step.number)
            if (
                record is not None
                and not record.by_hand
                and record.completed_on == today
                and before.get(step.number, False)
                and not step.all_met
            ):
                self._records.remove(plan.id, step.number)
                withdrawn.append(record)
        return tuple(withdrawn)

    def undo_mark(self, plan: Plan, undo: MarkUndo) -> Changes:
        """Put back what a mark replaced, and take back the milestones it recorded."""
        restored = undo.previous or Completion(
            uid=undo.uid,
            recurrence_id=undo.recurrence_id,
            status=Status.PLANNED,
            marked_at=self._clock.now(),
            reflection=None,
        )
        with storage_db.transaction(self._db):
            self._activities.get(undo.uid)  # still there?
            self._completions.set(restored)
            for step in undo.reached:
                self._records.remove(plan.id, step)
            for record in undo.withdrawn:
                self._records.set(plan.id, record)
        touched = undo.reached or undo.withdrawn
        kinds = ChangeKind.ACTIVITIES | (ChangeKind.PLAN if touched else ChangeKind.NONE)
        last = undo.last_day or undo.day
        return Changes(kinds, frozenset({undo.uid}), first_day=undo.day, last_day=last)

    def steps(
        self, plan: Plan, space_runs: dict[StepNumber, int] | None = None
    ) -> list[StepProgress]:
        """Every step's criteria and completion.

        Reads the marks, the activities they belong to, and the space and contact activities
        lived through so far: not the whole plan (after every change, a plan of 10,000
        activities would otherwise be read and expanded again). `space_runs`: `space_runs`
        as read already today, when nothing since could change it (read when not given).
        """
        return self._evaluate(plan, self._space_runs(plan) if space_runs is None else space_runs)

    def space_runs(self, plan: Plan) -> dict[StepNumber, int]:
        """Per step, the longest run of quiet days lived inside its space periods: read from
        the days up to today alone, so a change to later days leaves it as it is (the window
        keeps it then: most of a step's reading in a large plan)."""
        return self._space_runs(plan)

    def _evaluate(
        self,
        plan: Plan,
        space_runs: dict[StepNumber, int],
        standing: tuple[list[Completion], dict[str, Activity]] | None = None,
    ) -> list[StepProgress]:
        """Every step's progress from `standing` marks and their activities (read when not
        given: see _standing_marks)."""
        program = programs.get_program(plan.program_id)
        completions, marked = standing if standing is not None else self._standing_marks(plan)
        return milestones.evaluate(
            program,
            {ActivityUid(uid): activity for uid, activity in marked.items()},
            completions,
            space_runs,
            self._records.all(plan.id),
            plan.tz,
        )

    def completed_steps(self, plan: Plan) -> frozenset[StepNumber]:
        """The steps reached or completed by hand (their stored records; nothing evaluated)."""
        return frozenset(self._records.all(plan.id))

    def complete_step(self, plan: Plan, step: StepNumber) -> Changes:
        """Mark a step complete by hand (the person knows best)."""
        self._check_step(plan, step)
        with storage_db.transaction(self._db):
            self._records.set(plan.id, StepRecord(step, self._clock.today(plan.tz), by_hand=True))
        return Changes(ChangeKind.PLAN)

    def reopen_step(self, plan: Plan, step: StepNumber) -> Changes:
        """Take a step back up; its criteria count again from what is marked."""
        self._check_step(plan, step)
        with storage_db.transaction(self._db):
            self._records.remove(plan.id, step)
        return Changes(ChangeKind.PLAN)

    def seed_demo_history(self, plan: Plan) -> Changes:
        """Give a demo plan a lived past: most of its past occurrences marked, some reflected
        on, and the steps before the current one completed, so every view has something true
        to show. One transaction; for a demo only."""
        today = self._clock.today(plan.tz)
        past = self._calendar.occurrences(plan, plan.start, today - timedelta(days=1))
        with storage_db.transaction(self._db):
            for mark in demo.demo_history(past, today, plan.tz):
                self._completions.set(
                    Completion(
                        uid=mark.occurrence.activity.uid,
                        recurrence_id=mark.occurrence.key,
                        status=mark.status,
                        marked_at=self._clock.now(),
                        reflection=mark.reflection,
                    )
                )
            span_days = max((today - plan.start).days, 1)
            here = demo.current_step_for(programs.get_program(plan.program_id), plan.start, today)
            for number in range(1, here):
                day = plan.start + timedelta(days=span_days * number // here)
                # Reached where that past meets the milestones; marked complete by hand where
                # it does not yet (a space period with days still to run). Asked one step at
                # a time: what is done after a step is behind counts toward the next.
                self._records.set(plan.id, StepRecord(StepNumber(number), day, by_hand=False))
                if not self.steps(plan)[number - 1].all_met:
                    # Left as late as the next step allows, so what was done in it counts.
                    day = plan.start + timedelta(days=span_days * (number + 1) // here - 1)
                    self._records.set(plan.id, StepRecord(StepNumber(number), day, by_hand=True))
            # A later step whose milestones that past meets is reached, as marking would have.
            self._record_reached(plan, {}, self.steps(plan))
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)

    def record_reached(self, plan: Plan, before: dict[StepNumber, bool]) -> frozenset[StepNumber]:
        """Record today for the steps a change completed since `before` (each step's
        `all_met` from `steps`, taken first; call inside the change's transaction), as a mark
        does; returns them."""
        return self._record_reached(plan, before, self.steps(plan))

    def record_days_lived(self, plan: Plan) -> frozenset[StepNumber]:
        """Record the steps that the days lived since the last look completed, each on the
        day it was met, and return them. A space period's quiet days run on with nothing
        marked, so its step was never recorded when its other milestones had been met first:
        "you are here" stayed on it behind the steps reached after it (a trial). Only a
        change from unmet to met since the last look counts, as for a mark, so a step
        reopened by hand stays open. Nothing is written to a file opened read-only."""
        today = self._clock.today(plan.tz)
        since = plan.steps_checked_on
        if (since is not None and since >= today) or storage_db.is_read_only(self._db):
            return frozenset()
        looked = since if since is not None else plan.start - timedelta(days=1)
        reached: set[StepNumber] = set()
        with storage_db.transaction(self._db):
            standing = self._standing_marks(plan)
            now = self._evaluate(plan, self._space_runs(plan), standing)
            waiting = [
                step for step in now
                if step.criteria and step.all_met and not step.complete
                and any(c.criterion.kind == "space_days" for c in step.criteria)
            ]  # fmt: skip
            if waiting:
                then = self._evaluate(plan, self._space_runs(plan, until=looked), standing)
                met_then = {step.number for step in then if step.all_met}
                for step in waiting:
                    if step.number in met_then:
                        continue
                    day = self._space_met_on(plan, step, until=today)
                    on = day if day is not None and day > looked else today
                    self._records.set(plan.id, StepRecord(step.number, on, by_hand=False))
                    reached.add(step.number)
            self._plans.set_steps_checked_on(plan.id, today)
        return frozenset(reached)

    def step_you_are_on(self, plan: Plan) -> StepNumber:
        """The plan's chosen step, moved on past the steps reached since (see milestones)."""
        return milestones.number_you_are_on(self.steps(plan), plan.current_step)

    def step_record(self, plan: Plan, step: StepNumber) -> StepRecord | None:
        """When a step was reached or completed by hand, if it was (kept for undo)."""
        return self._records.all(plan.id).get(step)

    def restore_step_record(
        self, plan: Plan, step: StepNumber, record: StepRecord | None
    ) -> Changes:
        """Put a step's record back as it was before a complete or reopen (for undo)."""
        self._check_step(plan, step)
        with storage_db.transaction(self._db):
            if record is None:
                self._records.remove(plan.id, step)
            else:
                self._records.set(plan.id, record)
        return Changes(ChangeKind.PLAN)

    def lessons(self, plan: Plan, search: str = "") -> list[Lesson]:
        """Every "what I learned" line, newest first.

        With `search`, only lines whose text (or the title of the activity they came from)
        contains it, ignoring case.
        """
        activities = {a.uid: a for a in self._activities.all_for(plan.id)}
        found = []
        for completion in self._completions.for_plan(plan.id):
            if completion.reflection is None or not completion.reflection.learned:
                continue
            activity = activities.get(completion.uid)
            title = activity.title if activity else ""
            day = _day_of(completion, activity, plan.tz)
            found.append(Lesson(day, completion.reflection.learned, title, completion.uid,
                                completion.recurrence_id))  # fmt: skip
        found.sort(key=lambda lesson: (lesson.day, lesson.text), reverse=True)
        return filter_lessons(found, search)

    def weekly_done(
        self, plan: Plan, weeks: int = CHART_WEEKS, first_weekday: int = 0
    ) -> list[WeekCount]:
        """Activities done in each of the last `weeks` weeks (oldest first, this week last),
        from the plan's first week on; weeks begin on `first_weekday` (0 = Monday)."""
        today = self._clock.today(plan.tz)
        since = _charted_since(plan, self._completions.for_plan(plan.id))
        starts = consistency.recent_week_starts(
            today, weeks, since=since, first_weekday=first_weekday
        )
        return _weekly(self._calendar.occurrences(plan, starts[0], today), plan, starts)

    def moods(self, plan: Plan) -> list[MoodPoint]:
        """The moods noted with reflections, one point per day (the day's mean), oldest first."""
        felt = [
            completion
            for completion in self._completions.for_plan(plan.id)
            if completion.reflection is not None and completion.reflection.mood is not None
        ]
        # On the day it was felt: a day moved on its own is lived where it went (a trial's
        # walk moved from Saturday to Monday had its mood drawn on the Saturday).
        activities = self._activities.get_many({completion.uid for completion in felt})
        by_day: dict[date, list[int]] = {}
        for completion in felt:
            assert completion.reflection is not None and completion.reflection.mood is not None
            day = _day_of(completion, activities.get(completion.uid), plan.tz)
            by_day.setdefault(day, []).append(completion.reflection.mood)
        return [
            MoodPoint(day, sum(values) / len(values), len(values))
            for day, values in sorted(by_day.items())
        ]

    def milestones(self, plan: Plan) -> list[Milestone]:
        """Steps reached so far, in the order they were reached."""
        return _milestones(self.steps(plan))

    def consistency(self, plan: Plan, first_weekday: int = 0) -> Consistency:
        """The kind consistency measure as of today; breaks count neither way; weeks begin
        on `first_weekday` (0 = Monday)."""
        today = self._clock.today(plan.tz)
        since = _done_since(plan, self._completions.for_plan(plan.id))
        return self._consistency(
            plan, self._calendar.occurrences(plan, since, today), first_weekday, since
        )

    def overview(self, plan: Plan, weeks: int = CHART_WEEKS, first_weekday: int = 0) -> Overview:
        """Everything the progress page shows (occurrences expanded once); its weeks begin
        on `first_weekday` (0 = Monday), as the person's calendar begins them."""
        today = self._clock.today(plan.tz)
        completions = self._completions.for_plan(plan.id)
        since = _charted_since(plan, completions)
        starts = consistency.recent_week_starts(
            today, weeks, since=since, first_weekday=first_weekday
        )
        occurrences = self._calendar.occurrences(plan, min(since, starts[0]), today)
        steps = self.steps(plan)
        counted, _ = self._standing_marks(plan)
        return Overview(
            weeks=_weekly(occurrences, plan, starts),
            moods=self.moods(plan),
            milestones=_milestones(steps),
            consistency=self._consistency(
                plan, occurrences, first_weekday, _done_since(plan, completions)
            ),
            lessons=self.lessons(plan),
            done=sum(1 for c in counted if c.status is Status.DONE),
            # Words written, as the milestones count them: a mood alone is not one (a trial
            # read 19 reflections beside 17 written).
            reflections=sum(
                1 for c in counted if c.reflection is not None and c.reflection.written
            ),
            steps_total=len(steps),
        )

    # -- taking a break ------------------------------------------------------------------------

    def pauses(self, plan: Plan) -> list[Pause]:
        """Every break taken, oldest first (the last may be ongoing)."""
        return self._pauses.all(plan.id)

    def paused_since(self, plan: Plan) -> date | None:
        """The first day of the break being taken, or None when not on a break."""
        return consistency.ongoing_since(self._pauses.all(plan.id))

    def start_pause(self, plan: Plan) -> Changes:
        """Begin a break today: from now on nothing counts for or against consistency.

        A break ended earlier today simply goes on, rather than leaving a one-day gap.
        """
        today = self._clock.today(plan.tz)
        with storage_db.transaction(self._db):
            found = self._pauses.all(plan.id)
            last = found[-1] if found else None
            if last is not None and last.ongoing:
                raise InvalidInputError("You are already taking a break. Take the time you need.")
            if last is not None and last.end is not None and last.end >= today:
                self._pauses.set(plan.id, Pause(last.start))
            else:
                self._pauses.set(plan.id, Pause(today))
        return Changes(ChangeKind.PLAN)

    def end_pause(self, plan: Plan) -> Changes:
        """End the ongoing break; today counts again (a break begun today leaves no trace)."""
        today = self._clock.today(plan.tz)
        with storage_db.transaction(self._db):
            found = self._pauses.all(plan.id)
            if not found or not found[-1].ongoing:
                raise InvalidInputError("You are not taking a break at the moment.")
            current = found[-1]
            if current.start >= today:
                self._pauses.remove(plan.id, current.start)
            else:
                self._pauses.set(plan.id, Pause(current.start, today))
        return Changes(ChangeKind.PLAN)

    def save_report(self, path: Path, data: bytes) -> Path:
        """Write an exported report (a PDF) in one piece; a plain StorageError if it cannot."""
        interop.write_atomically(path, data)
        return path

    def counts(self, plan: Plan) -> dict[Status, int]:
        """How many occurrences are marked done and skipped."""
        totals = {Status.DONE: 0, Status.SKIPPED: 0}
        for completion in self._standing_marks(plan)[0]:
            totals[completion.status] = totals.get(completion.status, 0) + 1
        return totals

    def _standing_marks(self, plan: Plan) -> tuple[list[Completion], dict[str, Activity]]:
        """The plan's marks that still stand for an occurrence, and their activities.

        A mark outlives its occurrence when a newer file shortens the series or leaves that
        day out (see recurrence.existing_instances): it is kept, should the day come back,
        but counts for nothing, as the calendar no longer shows it.
        """
        completions = self._completions.for_plan(plan.id)
        activities = self._activities.get_many(sorted({c.uid for c in completions}))
        names: dict[str, list[datetime | date]] = {}
        for completion in completions:
            names.setdefault(completion.uid, []).append(completion.recurrence_id)
        existing = {
            uid: recurrence.existing_instances(activities[uid], keys)
            for uid, keys in names.items()
            if uid in activities
        }
        standing = [c for c in completions if c.recurrence_id in existing.get(c.uid, ())]
        return standing, activities

    def _consistency(
        self, plan: Plan, occurrences: Iterable[Occurrence], first_weekday: int, since: date
    ) -> Consistency:
        """Counted from `since`: the plan's start, or an earlier day something was marked
        done on (see _done_since; a plan begun after ten weeks of walks and journaling
        marked had said "Just beginning" above them: a trial)."""
        today = self._clock.today(plan.tz)
        lived = [o for o in occurrences if o.first_day(plan.tz) >= since]
        pauses = self._pauses.all(plan.id)
        tallies = consistency.tally(lived, plan.tz, today)
        done_days = [day for day, counts in tallies.items() if counts.done]
        weeks = consistency.active_weeks(
            done_days, pauses, today=today, first_day=since, first_weekday=first_weekday
        )
        return Consistency(
            days_away=(today - max(done_days)).days if done_days else 0,
            score=consistency.smoothed_score(tallies, pauses, until=today),
            active_weeks=weeks.active,
            weeks_considered=weeks.considered,
            paused_since=consistency.ongoing_since(pauses),
        )

    def _record_reached(
        self, plan: Plan, before: dict[StepNumber, bool], after: list[StepProgress]
    ) -> frozenset[StepNumber]:
        """Record today for steps this mark completed, and return them.

        Only a change from unmet to met counts, so a step reopened by hand stays open until
        its criteria are reached anew.
        """
        reached: set[StepNumber] = set()
        today = self._clock.today(plan.tz)
        for step in after:
            newly = step.all_met and not before.get(step.number, False)
            if step.criteria and newly and not step.complete:
                self._records.set(plan.id, StepRecord(step.number, today, by_hand=False))
                reached.add(step.number)
        return frozenset(reached)

    def _space_runs(self, plan: Plan, until: date | None = None) -> dict[StepNumber, int]:
        """Per step, the longest run of quiet days inside its space periods lived up to
        `until` (default: today)."""
        last = self._clock.today(plan.tz) if until is None else until
        spaces, contact_days = self._space_lived(plan, last)
        runs: dict[StepNumber, int] = {}
        for step, days in spaces:
            run = milestones.longest_quiet_run(days, contact_days, last)
            runs[step] = max(runs.get(step, 0), run)
        return runs

    def _space_met_on(self, plan: Plan, step: StepProgress, until: date) -> date | None:
        """The first day a run of quiet days in `step`'s space periods reached what its
        milestone asks for (None: none did by `until`)."""
        count = max(c.target for c in step.criteria if c.criterion.kind == "space_days")
        spaces, contact_days = self._space_lived(plan, until)
        days = [
            milestones.quiet_run_reached(lived, contact_days, until, count)
            for number, lived in spaces
            if number == step.number
        ]
        return min((day for day in days if day is not None), default=None)

    def _space_lived(
        self, plan: Plan, until: date
    ) -> tuple[list[tuple[StepNumber, list[date]]], set[date]]:
        """The days each space period (with its step) was lived up to `until`, and the days
        with contact (planned or done, not skipped) up to then."""
        end = datetime.combine(until + timedelta(days=1), time(0), tzinfo=plan.tz)
        since = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC)
        spaces = [
            a
            for a in self._activities.touching(plan.id, since, end, categories=(Category.SPACE,))
            if a.all_day and not isinstance(a.start, datetime) and a.start <= until
        ]
        if not spaces:
            return [], set()
        first = min(a.start for a in spaces)
        assert isinstance(first, date)
        lived = {Category.SPACE, *(c for c in Category if c.involves_contact)}
        occurrences = self._calendar.occurrences(plan, first, until, categories=lived)
        contact_days: set[date] = set()
        for occurrence in occurrences:
            if occurrence.activity.category.involves_contact and occurrence.status is not (
                Status.SKIPPED
            ):
                day = occurrence.first_day(plan.tz)
                while day <= occurrence.last_day(plan.tz):
                    contact_days.add(day)
                    day += timedelta(days=1)
        periods: list[tuple[StepNumber, list[date]]] = []
        for occurrence in occurrences:
            activity = occurrence.activity
            if activity.category is not Category.SPACE or occurrence.status is Status.SKIPPED:
                continue
            days = []
            day = occurrence.first_day(plan.tz)
            while day <= min(occurrence.last_day(plan.tz), until):
                days.append(day)
                day += timedelta(days=1)
            periods.append((activity.step, days))
        return periods, contact_days

    def _check_step(self, plan: Plan, step: StepNumber) -> None:
        count = len(programs.get_program(plan.program_id).steps)
        if not 1 <= step <= count:
            raise InvalidInputError(f"Step {step} is not part of this plan (1–{count}).")


def filter_lessons(lessons: Iterable[Lesson], search: str) -> list[Lesson]:
    """The lessons whose text or activity title contains `search` (ignoring case and
    accents; blank: all)."""
    needle = text_match.folded(search)
    return [
        lesson
        for lesson in lessons
        if not needle
        or text_match.contains(lesson.text, needle)
        or text_match.contains(lesson.title, needle)
    ]


def _charted_since(plan: Plan, completions: Iterable[Completion]) -> date:
    """The first day the charts cover: the plan's start, or an earlier day something was
    marked on (an imported walk from last week), so every mark counted shows in a chart."""
    return min([plan.start, *(_day_of(completion) for completion in completions)])


def _done_since(plan: Plan, completions: Iterable[Completion]) -> date:
    """The first day consistency counts from: the plan's start, or an earlier day something
    was done on (a skip alone before the plan had counted its empty weeks: a review)."""
    return _charted_since(plan, (c for c in completions if c.status is Status.DONE))


def _day_of(
    completion: Completion, activity: Activity | None = None, zone: ZoneInfo | None = None
) -> date:
    """The day the occurrence was lived: where its own change moved it, else its rule's day;
    read in `zone`, the plan's, as the calendar shows it (else the activity's own)."""
    rid = completion.recurrence_id
    if activity is not None:
        own = zone_info(activity.zone)
        for override in activity.overrides:
            if override.recurrence_id == rid:
                return local_day(override.start, zone or own)
        if isinstance(rid, datetime) and zone is not None:  # its own wall clock, read in `zone`
            return local_day(rid if rid.tzinfo else rid.replace(tzinfo=own), zone)
    return rid.date() if isinstance(rid, datetime) else rid


def _weekly(occurrences: Iterable[Occurrence], plan: Plan, starts: list[date]) -> list[WeekCount]:
    counts: dict[date, dict[Category, int]] = {start: {} for start in starts}
    first_weekday = starts[0].weekday() if starts else 0
    for occurrence in occurrences:
        if occurrence.status is not Status.DONE:
            continue
        day = occurrence.first_day(plan.tz)
        bucket = counts.get(consistency.week_start(day, first_weekday))
        if bucket is not None:
            category = occurrence.activity.category
            bucket[category] = bucket.get(category, 0) + 1
    return [WeekCount(start, counts[start]) for start in starts]


def _milestones(steps: Iterable[StepProgress]) -> list[Milestone]:
    reached = [
        Milestone(step.number, step.title, step.completed_on, step.completed_by_hand)
        for step in steps
        if step.completed_on is not None
    ]
    return sorted(reached, key=lambda milestone: (milestone.day, milestone.step))
