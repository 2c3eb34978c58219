"""Consistency told kindly: a smoothed score that one missed day barely moves, and active weeks.

The score follows Loop Habit Tracker's habit strength: an exponential moving average where each
day with something planned adds `done / due` with a weight of about 5%. Days with nothing due,
and days inside a break the person chose, leave the score exactly where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.domain.occurrences import Occurrence, Status

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from zoneinfo import ZoneInfo

#: Days of full activity for the score to climb half way (Loop uses 13 for a daily habit).
HALF_LIFE_DAYS = 13
#: How much of the old score each counted day keeps: 0.5 ** (1 / 13), about 0.948.
MULTIPLIER = 0.5 ** (1 / HALF_LIFE_DAYS)
#: How many weeks "active in N of the last ..." looks at.
RECENT_WEEKS = 4
#: How far back active weeks may reach past breaks (a year of weeks).
_MAX_WEEKS_BACK = 53


@dataclass(frozen=True, slots=True)
class Pause:
    """A break the person chose ("taking a break"): days `start` up to, not including, `end`.

    `end` is None while the break goes on.
    """

    start: date
    end: date | None = None

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class DayTally:
    """What one day held: occurrences due (done or missed; skipped ones do not count) and done."""

    due: int = 0
    done: int = 0


@dataclass(frozen=True, slots=True)
class ActiveWeeks:
    """ "Active in `active` of the last `considered` weeks" (`considered` < 4 for a new plan)."""

    active: int
    considered: int


def ongoing_since(pauses: Iterable[Pause]) -> date | None:
    """The first day of the break still being taken, or None when there is none."""
    return next((pause.start for pause in pauses if pause.ongoing), None)


def is_paused(day: date, pauses: Iterable[Pause]) -> bool:
    return any(pause.covers(day) for pause in pauses)


def tally(occurrences: Iterable[Occurrence], zone: ZoneInfo, today: date) -> dict[date, DayTally]:
    """Per local day: how many occurrences were due and how many of them were done.

    A done occurrence counts on its first day. A planned one counts as due (not done) only once
    its last day is over, so today's plans are never missed before the day ends. Skipped ones
    were the person's choice and count nowhere.
    """
    due: dict[date, int] = {}
    done: dict[date, int] = {}
    for occurrence in occurrences:
        if occurrence.status is Status.SKIPPED:
            continue
        day = occurrence.first_day(zone)
        if occurrence.status is Status.DONE:
            done[day] = done.get(day, 0) + 1
        elif occurrence.last_day(zone) >= today:
            continue
        due[day] = due.get(day, 0) + 1
    return {day: DayTally(count, done.get(day, 0)) for day, count in due.items()}


def smoothed_score(
    tallies: Mapping[date, DayTally], pauses: Sequence[Pause], *, until: date
) -> float:
    """The habit-strength score (0..1) at the end of `until`.

    Each day with something due moves the score towards that day's share done; one missed day
    after a strong run lowers it by about 5% of its value.
    """
    score = 0.0
    for day in sorted(tallies):
        if day > until:
            break
        counts = tallies[day]
        if counts.due <= 0 or is_paused(day, pauses):
            continue
        value = min(counts.done, counts.due) / counts.due
        score = score * MULTIPLIER + value * (1 - MULTIPLIER)
    return score


def active_weeks(
    done_days: Iterable[date],
    pauses: Sequence[Pause],
    *,
    today: date,
    first_day: date,
    weeks: int = RECENT_WEEKS,
    first_weekday: int = 0,
) -> ActiveWeeks:
    """In how many of the last `weeks` calendar weeks (beginning on `first_weekday`, as the
    progress chart's do) something was done.

    This week counts once something is done in it: until it is over it cannot count against
    anyone (a trial read "3 of your first 3 weeks" over a chart whose empty "This week" was
    the fourth, as the weeks had been the seven days up to today). A week spent wholly on a
    break is passed over and an earlier one is looked at instead; weeks before `first_day`
    (the plan's start) do not exist yet, so a new plan is measured against the weeks it has
    had.
    """
    done = set(done_days)
    active = considered = 0
    this_week = week_start(today, first_weekday)
    for back in range(_MAX_WEEKS_BACK):
        if considered == weeks:
            break
        first = this_week - timedelta(days=7 * back)
        days = [first + timedelta(days=offset) for offset in range(7)]
        days = [day for day in days if day <= today]
        if days[-1] < first_day:
            break
        lived = [day for day in days if day >= first_day and not is_paused(day, pauses)]
        was_active = any(day in done for day in days)
        if not lived or (back == 0 and not was_active):
            continue
        considered += 1
        active += was_active
    return ActiveWeeks(active, considered)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of `day`'s week, weeks beginning on `first_weekday` (0 = Monday, 6 =
    Sunday, as the person's calendar begins them)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def recent_week_starts(
    today: date, weeks: int, *, since: date | None = None, first_weekday: int = 0
) -> list[date]:
    """The first days of the last `weeks` weeks (see `week_start`), oldest first, ending
    with this week's.

    With `since` (a plan's first day), none before the week holding it: a chart of a young
    plan shows the weeks it has lived, not empty weeks from before it began.
    """
    this_week = week_start(today, first_weekday)
    starts = [this_week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    if since is not None:
        first = week_start(since, first_weekday)
        starts = [start for start in starts if start >= first] or [this_week]
    return starts
