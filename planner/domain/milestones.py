"""Step milestones: how far each declared criterion is met, told as numbers, never as blame."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.domain.timezones import zone_info

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity
    from planner.domain.completions import Completion
    from planner.domain.ids import ActivityUid
    from planner.domain.programs import Criterion, Program


@dataclass(frozen=True, slots=True)
class CriterionProgress:
    criterion: Criterion
    current: int
    target: int

    @property
    def met(self) -> bool:
        return self.current >= self.target


@dataclass(frozen=True, slots=True)
class StepProgress:
    """One step: its criteria, whether it is complete, and since when (None: not yet)."""

    number: StepNumber
    title: str
    criteria: tuple[CriterionProgress, ...]
    completed_on: date | None
    completed_by_hand: bool = False

    @property
    def complete(self) -> bool:
        return self.completed_on is not None

    @property
    def all_met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def fraction(self) -> float:
        """0..1: how much of the step's criteria is met (each criterion weighs the same)."""
        if self.complete:
            return 1.0
        if not self.criteria:
            return 0.0
        return sum(min(c.current, c.target) / c.target for c in self.criteria) / len(self.criteria)


@dataclass(frozen=True, slots=True)
class StepRecord:
    """A step's stored completion: the day it was reached (or marked complete by hand)."""

    number: StepNumber
    completed_on: date
    by_hand: bool


def evaluate(
    program: Program,
    activities: Mapping[ActivityUid, Activity],
    completions: Iterable[Completion],
    space_runs: Mapping[StepNumber, int],
    records: Mapping[StepNumber, StepRecord],
    zone: ZoneInfo | None = None,
) -> list[StepProgress]:
    """Progress of every step.

    `space_runs` gives, per step, the longest run of days already lived inside that step's
    space periods with no contact planned or done (computed by the caller, which can expand
    occurrences); `records` are the stored completions of steps, their days in `zone` (the
    plan's), where each mark's day is read too.
    """
    done: dict[StepNumber, list[Activity]] = {}
    reflections: dict[StepNumber, int] = {}
    last = program.steps[-1].number if program.steps else None
    for completion in completions:
        activity = activities.get(completion.uid)
        if activity is None:
            continue
        day = held_on(activity, completion.recurrence_id, zone)
        toward = counts_toward(activity.step, day, records, last)
        if completion.status is Status.DONE:
            done.setdefault(toward, []).append(activity)
        if completion.reflection is not None and completion.reflection.written:
            reflections[toward] = reflections.get(toward, 0) + 1
    result = []
    for step in program.steps:
        measured = tuple(
            CriterionProgress(
                c,
                _current(
                    c,
                    done.get(step.number, []),
                    reflections.get(step.number, 0),
                    space_runs.get(step.number, 0),
                ),
                c.count,
            )
            for c in step.criteria
        )
        record = records.get(step.number)
        result.append(
            StepProgress(
                number=step.number,
                title=step.title,
                criteria=measured,
                completed_on=record.completed_on if record else None,
                completed_by_hand=record.by_hand if record else False,
            )
        )
    return result


def counts_toward(
    step: StepNumber,
    day: date,
    records: Mapping[StepNumber, StepRecord],
    last: StepNumber | None,
) -> StepNumber:
    """The step something done on `day` counts toward: the one it was planned under, or,
    once that step was behind the person before that day, the first one after it still
    open then. A daily journaling habit begun in step 1 goes on counting in the step you
    are on, where it had stopped counting at all (a trial)."""
    while (
        last is not None
        and step < last
        and (record := records.get(step)) is not None
        and record.completed_on < day
    ):
        step = StepNumber(step + 1)
    return step


def held_on(activity: Activity, key: datetime | date, zone: ZoneInfo | None) -> date:
    """The day (in `zone`, else the activity's own) the instance named `key` was held: where
    an override moved it, not where the rule had it (a review: a walk moved past the day
    its step was reached had counted as before it)."""
    when = next((o.start for o in activity.overrides if o.recurrence_id == key), key)
    if not isinstance(when, datetime):
        return when
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone_info(activity.zone))
    return when.astimezone(zone).date() if zone is not None else when.date()


def _current(criterion: Criterion, done: Sequence[Activity], reflections: int, space: int) -> int:
    if criterion.kind == "category_done":
        return sum(1 for activity in done if activity.category is criterion.category)
    if criterion.kind == "reflections_written":
        return reflections
    if criterion.kind == "space_days":
        return space
    return 0


def longest_quiet_run(space_days: Iterable[date], contact_days: Iterable[date], today: date) -> int:
    """The longest run of consecutive days, up to today, inside space periods and without
    a contact activity."""
    return max((run for _day, run in _quiet_runs(space_days, contact_days, today)), default=0)


def quiet_run_reached(
    space_days: Iterable[date], contact_days: Iterable[date], today: date, count: int
) -> date | None:
    """The first day, up to today, on which a run of quiet days (as `longest_quiet_run`
    counts them) reached `count` (None: none did)."""
    return next((day for day, run in _quiet_runs(space_days, contact_days, today)
                 if run >= count), None)  # fmt: skip


def _quiet_runs(
    space_days: Iterable[date], contact_days: Iterable[date], today: date
) -> Iterator[tuple[date, int]]:
    """Each quiet day up to today, in order, with the length of the run it ends."""
    quiet = set(space_days) - set(contact_days)
    run = 0
    previous: date | None = None
    for day in sorted(d for d in quiet if d <= today):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        yield day, run
        previous = day


def step_you_are_on(steps: Sequence[StepProgress], chosen: StepNumber) -> StepProgress | None:
    """The step the person is on: the one they chose, or once it is complete, the next one
    still open after it (None when every step from there is behind them).

    Reaching a step moves "you are here" on by itself, and reopening it (or undoing the
    mark that reached it) brings it back; steps before the chosen one do not count.
    """
    return next((s for s in steps if s.number >= chosen and not s.complete), None)


def number_you_are_on(steps: Sequence[StepProgress], chosen: StepNumber) -> StepNumber:
    """The number of the step you are on, for "you are here": the last one once every step
    from the chosen one is behind you."""
    here = step_you_are_on(steps, chosen)
    if here is not None:
        return here.number
    return steps[-1].number if steps else chosen
