"""Reminders: offsets before an occurrence's start, when they fall due, and what was missed.

A reminder is a number of minutes before an occurrence starts. For a timed occurrence the start
is its own start; for an all-day one it is local midnight of its first day in the plan's zone,
so "the evening before" is 360 minutes (18:00 the day before) and "1 day before" is midnight a
day earlier.

Whole days count in wall-clock time and the minutes left over in elapsed time, as an iCalendar
TRIGGER of `-P1DT10M` does (RFC 5545 3.3.6): "1 day before" an 18:00 meetup is 18:00 the day
before even across a change to or from summer time, and "10 minutes before" is ten real minutes.
A time that a spring-forward night skips moves past the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status
from planner.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
#: The furthest ahead a reminder can be: four weeks.
MAX_MINUTES = 4 * 7 * MINUTES_PER_DAY
#: More than a handful of reminders for one activity stops being gentle.
MAX_PER_ACTIVITY = 5

AT_START = 0
TEN_MINUTES = 10
ONE_HOUR = 60
ONE_DAY = MINUTES_PER_DAY
#: For an all-day activity: 18:00 the day before (its start is local midnight).
EVENING_BEFORE = 6 * 60

#: The choices offered for a timed activity, and for an all-day one.
TIMED_PRESETS: tuple[int, ...] = (AT_START, TEN_MINUTES, ONE_HOUR, ONE_DAY)
ALL_DAY_PRESETS: tuple[int, ...] = (AT_START, EVENING_BEFORE, ONE_DAY)

#: How far back "missed while closed" looks. Older reminders are let go quietly: a long list of
#: missed things is exactly what the app must not show (the Today panel's rule too).
MISSED_LOOKBACK = timedelta(days=3)
#: When the grouped daily summary shows (or at the day's first reminder, if that is earlier).
SUMMARY_TIME = time(8, 0)

#: Category defaults, used when an activity is created without a choice of its own. A day's
#: notice before a meetup, an apology or an outing leaves an evening to reflect and prepare;
#: a message or a gesture gets a short nudge; space periods and time for oneself get none.
_TIMED_DEFAULTS: dict[Category, tuple[int, ...]] = {
    Category.MEETUP: (ONE_DAY,),
    Category.APOLOGY: (ONE_DAY,),
    Category.OUTING: (ONE_DAY,),
    Category.MESSAGE: (TEN_MINUTES,),
    Category.GESTURE: (ONE_HOUR,),
}
_ALL_DAY_DEFAULTS: dict[Category, tuple[int, ...]] = {
    Category.MEETUP: (EVENING_BEFORE,),
    Category.APOLOGY: (EVENING_BEFORE,),
    Category.OUTING: (EVENING_BEFORE,),
}


@dataclass(frozen=True, slots=True)
class ReminderOptions:
    """How a plan's reminders behave; the defaults are the gentle, private choices.

    `only_if_open`: skip occurrences already marked done or skipped. `daily_summary`: one
    grouped notice a day instead of one per reminder. `neutral_text`: notifications name
    neither the partner nor the activity or step, for screens others can see.
    `keep_in_tray`: closing the window keeps Rekindle running in the system tray.
    """

    only_if_open: bool = True
    daily_summary: bool = False
    neutral_text: bool = True
    keep_in_tray: bool = False


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder falling due: for which occurrence, how many minutes before, and when."""

    occurrence: Occurrence
    minutes: int
    at: datetime


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification to show: a single reminder, or a day's summary (`day` set)."""

    at: datetime
    reminders: tuple[Reminder, ...]
    day: date | None = None

    @property
    def first(self) -> Reminder:
        return self.reminders[0]


def defaults_for(category: Category, all_day: bool) -> tuple[int, ...]:
    """The reminders an activity of `category` gets when none were chosen."""
    return (_ALL_DAY_DEFAULTS if all_day else _TIMED_DEFAULTS).get(category, ())


def presets(all_day: bool) -> tuple[int, ...]:
    """The offsets offered by name (the editor adds "none" and "custom")."""
    return ALL_DAY_PRESETS if all_day else TIMED_PRESETS


def validate(minutes: Iterable[int]) -> tuple[int, ...]:
    """Offsets checked and normalised: unique, earliest start first (smallest offset first)."""
    found = set()
    for value in minutes:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError("A reminder is a whole number of minutes.")
        if not 0 <= value <= MAX_MINUTES:
            raise InvalidInputError(
                "A reminder can be at the start or up to four weeks before an activity."
            )
        found.add(value)
    if len(found) > MAX_PER_ACTIVITY:
        raise InvalidInputError(f"An activity can have at most {MAX_PER_ACTIVITY} reminders.")
    return tuple(sorted(found))


def fire_at(occurrence: Occurrence, minutes: int, zone: ZoneInfo) -> datetime:
    """When a reminder `minutes` before `occurrence` falls due (UTC).

    `zone` places an all-day occurrence's start (local midnight of its first day); a timed
    one counts whole days in its own zone's wall-clock time.
    """
    start = occurrence.start
    wall = start if isinstance(start, datetime) else datetime.combine(start, time(0), tzinfo=zone)
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    if days:
        earlier = wall.replace(tzinfo=None) - timedelta(days=days)
        wall = earlier.replace(tzinfo=wall.tzinfo, fold=wall.fold)
    return wall.astimezone(UTC) - timedelta(minutes=rest)


def due(
    occurrences: Iterable[Occurrence],
    since: datetime,
    until: datetime,
    *,
    zone: ZoneInfo,
    options: ReminderOptions = ReminderOptions(),
) -> list[Reminder]:
    """Reminders falling due after `since` and up to `until` (`since < at <= until`), in order.

    The window is open at its start so that consecutive windows never show a reminder twice.
    With `options.only_if_open`, occurrences already done or skipped are left out.
    """
    found: list[Reminder] = []
    for occurrence in occurrences:
        if options.only_if_open and occurrence.status is not Status.PLANNED:
            continue
        for minutes in occurrence.activity.reminders:
            at = fire_at(occurrence, minutes, zone)
            if since < at <= until:
                found.append(Reminder(occurrence, minutes, at))
    found.sort(key=lambda reminder: (reminder.at, reminder.occurrence.sort_key(zone)))
    return found


def missed(
    occurrences: Iterable[Occurrence],
    last_seen: datetime | None,
    now: datetime,
    *,
    zone: ZoneInfo,
    options: ReminderOptions = ReminderOptions(),
) -> list[Reminder]:
    """Reminders that fell due while the app was closed: after `last_seen`, up to `now`.

    A list to show once, never notifications to fire one by one. Nothing is missed on the
    very first run (`last_seen` None), and only the last `MISSED_LOOKBACK` days count.
    """
    if last_seen is None or last_seen >= now:
        return []
    return due(occurrences, max(last_seen, now - MISSED_LOOKBACK), now, zone=zone, options=options)


def notices(
    reminders: Iterable[Reminder], *, zone: ZoneInfo, options: ReminderOptions
) -> list[Notice]:
    """Reminders (in order) as the notifications to show: one each, or one per local day.

    A day's summary shows at `SUMMARY_TIME`, or at its first reminder when that is earlier, so
    it never comes after anything it lists. An activity planned or changed after its day's
    summary time is not in that summary (shown already, or due to be): it reminds on its own.
    """
    items = list(reminders)
    if not options.daily_summary:
        return [Notice(reminder.at, (reminder,)) for reminder in items]
    days: dict[date, list[Reminder]] = {}
    for reminder in items:
        days.setdefault(reminder.at.astimezone(zone).date(), []).append(reminder)
    found = []
    for day, grouped in sorted(days.items()):
        morning = datetime.combine(day, SUMMARY_TIME, tzinfo=zone).astimezone(UTC)
        shows = min(morning, grouped[0].at)  # earlier when the day's first reminder is
        late = [r for r in grouped if r.occurrence.activity.modified > shows]
        summed = [r for r in grouped if r.occurrence.activity.modified <= shows]
        if summed:
            found.append(Notice(min(morning, summed[0].at), tuple(summed), day))
        found.extend(Notice(reminder.at, (reminder,)) for reminder in late)
    return sorted(found, key=lambda notice: notice.at)


def start_days(since: datetime, until: datetime, zone: ZoneInfo) -> tuple[date, date]:
    """The local days (inclusive) on which an occurrence must start to have a reminder due in
    `(since, until]`: from the day of `since` to four weeks after `until`, with a day's slack
    each side for occurrences timed in another zone."""
    first = since.astimezone(zone).date() - timedelta(days=1)
    last = (until + timedelta(minutes=MAX_MINUTES)).astimezone(zone).date() + timedelta(days=2)
    return first, last


def whole_days(since: datetime, until: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """`(since, until]` widened to whole local days, as a daily summary needs its whole day."""
    first = since.astimezone(zone).date()
    last = until.astimezone(zone).date() + timedelta(days=1)
    return (
        datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC) - timedelta(microseconds=1),
        datetime.combine(last, time(0), tzinfo=zone).astimezone(UTC) - timedelta(microseconds=1),
    )
