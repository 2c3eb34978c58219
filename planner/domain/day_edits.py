"""A change made in the editor on one day of a series, saved for all of its days or from that
day on: what the series then is, and which of its days is the one edited.

Two ways of reading the change, as the person made it:

- The repeat left as the editor moved it along with the date: the series moves as a drag of
  that day moves it (each day by as many days, to its new time; chosen weekdays, a monthly
  "last Wednesday" and the end date follow). The editor shows that same moved repeat
  (`moved_with`), so what is saved is what was shown.
- The repeat changed by hand: it is taken as shown. The series keeps its first day (from
  that day on: the day's own place in it), or, if the repeat shown had moved along with the
  date before it was changed, where the date moved it; at the new time if the time was
  changed; and begins on the rule's first day from there.

Either way the day edited then shows what its editor showed (its name in the new series is
returned, for the service to pin it), unless its date and time were left alone and it had
nothing of its own: then it simply is one of the series' days.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain import recurrence
from planner.domain.activities import span
from planner.domain.occurrences import instance_key
from planner.domain.timezones import plus_elapsed, zone_info

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity, ActivityDraft
    from planner.domain.occurrences import Occurrence


@dataclass(frozen=True)
class DayChange:
    """What was changed by hand on one day of a series.

    `day`: the editor's fields, that day as it should show. `repeat_changed`: the repeat was
    changed by hand (`day.rrule` is then the one shown), `repeat_followed` after it had moved
    along with the date ("on the 9th" chosen there is the 9th, not the series' first day's
    8th: a trial); `fields`: which of the draft's own fields (title, location, notes,
    category, step, reminders) were changed.
    """

    day: ActivityDraft
    date_moved: bool = False
    time_moved: bool = False
    length_changed: bool = False
    kind_switched: bool = False
    repeat_changed: bool = False
    repeat_followed: bool = False
    fields: frozenset[str] = frozenset()

    @property
    def when_changed(self) -> bool:
        return self.date_moved or self.time_moved or self.length_changed or self.kind_switched


def _wall_time(value: datetime | date, zone: ZoneInfo) -> time:
    if not isinstance(value, datetime):
        return time(0)
    return (value.astimezone(zone) if value.tzinfo else value).time()


def _day_of(value: datetime | date, zone: ZoneInfo) -> date:
    if not isinstance(value, datetime):
        return value
    return (value.astimezone(zone) if value.tzinfo else value).date()


def _target(
    activity: Activity, occurrence: Occurrence, change: DayChange
) -> tuple[datetime | date, datetime | date]:
    """Where the day's own place in the series goes: the new date, and the time and length
    changed by hand, or else the series' own (a day shown at 03:30 on a spring-forward night,
    its date alone changed, had moved every 02:30 to 03:30; a day moved on its own had
    given every day its time)."""
    zone = zone_info(activity.zone)
    day = change.day
    if change.kind_switched:
        return day.start, day.end
    if not isinstance(day.start, datetime):  # all-day: its days, or the series' number
        return day.start, day.end if change.length_changed else day.start + activity.duration
    clock = (
        _wall_time(day.start, zone)
        if change.time_moved
        else _wall_time(occurrence.recurrence_id, zone)
    )
    start = datetime.combine(_day_of(day.start, zone), clock, tzinfo=zone)
    length = span(day.start, day.end) if change.length_changed else activity.duration
    return start, plus_elapsed(start, length)


def moved_with(
    activity: Activity, occurrence: Occurrence, change: DayChange, *, following: bool
) -> ActivityDraft:
    """The series (or, `following`, its part from that day on) moved as that day was: what
    the editor shows, and what is saved while its repeat is not changed by hand."""
    start, end = _target(activity, occurrence, change)
    return recurrence.moved_series(activity, occurrence, start, end, following=following)


def saved_for(
    activity: Activity, occurrence: Occurrence, change: DayChange, *, following: bool
) -> tuple[ActivityDraft, datetime | date | None]:
    """The series' new fields for a save for all of its days (or, `following`, from that day
    on), and the name of the day edited in it (None: nothing of its own to keep)."""
    zone = zone_info(activity.zone)
    day = change.day
    if change.repeat_changed and day.rrule is None:  # no longer repeating: that one day
        return replace(_with_fields(activity, change), start=day.start, end=day.end,
                       all_day=day.all_day, rrule=None), None  # fmt: skip
    if not change.repeat_changed:
        if change.when_changed:
            moved = moved_with(activity, occurrence, change, following=following)
            start, end, rule = moved.start, moved.end, moved.rrule
            name = recurrence.landing(
                occurrence.recurrence_id, moved=occurrence.start, to=_target(
                    activity, occurrence, change)[0], zone=zone,
            )  # fmt: skip
        elif following:  # from that day's place on, at the series' own time
            start = _aware(occurrence.recurrence_id, zone)
            end = _plus(start, activity.duration)
            rule = recurrence.continuing_from(activity, occurrence.key)
            name = start
        else:
            start, end, rule = activity.start, activity.end, activity.rrule
            name = _aware(occurrence.recurrence_id, zone)
    else:
        rule = day.rrule
        assert rule is not None
        if following and recurrence.count_of(rule) == recurrence.count_of(activity.rrule or ""):
            # "10 times" left as the series has it: as many as were left from that day on.
            left = recurrence.continuing_from(activity, occurrence.key)
            rule = recurrence.with_count(rule, recurrence.count_of(left))
        if change.repeat_followed and change.when_changed:
            # Changed by hand where it had moved along with the date: from where the series
            # (or its part from that day on) moved to, that day where it moved to.
            moved = moved_with(activity, occurrence, change, following=following)
            target = _target(activity, occurrence, change)[0]
            name = recurrence.landing(
                occurrence.recurrence_id, moved=occurrence.start, to=target, zone=zone
            )
            start, end = first_instance(rule, moved.start, moved.end, zone)
        else:
            start, end, name = _at_own_first_day(activity, occurrence, change, following)
            start, end = first_instance(rule, start, end, zone)
    draft = replace(
        _with_fields(activity, change), start=start, end=end,
        all_day=not isinstance(start, datetime), rrule=rule,
    )  # fmt: skip
    had_own = any(instance_key(o.recurrence_id) == occurrence.key for o in activity.overrides)
    keep = change.when_changed or had_own
    return draft, (name if keep else None)


def _at_own_first_day(
    activity: Activity, occurrence: Occurrence, change: DayChange, following: bool
) -> tuple[datetime | date, datetime | date, datetime | date]:
    """Start, end and the edited day's name for a repeat changed by hand: the series' first
    day (from that day on: that day's place), at the new time if the time was changed."""
    zone = zone_info(activity.zone)
    day = change.day
    first = _day_of(occurrence.recurrence_id if following else activity.start, zone)
    name_day = _day_of(occurrence.recurrence_id, zone)
    if isinstance(day.start, datetime):
        typed = change.time_moved or change.kind_switched
        clock = _wall_time(day.start if typed else activity.start, zone)
        # The length typed, when changed or given with a time just now.
        typed_length = change.length_changed or change.kind_switched
        length = span(day.start, day.end) if typed_length else activity.duration
        start = datetime.combine(first, clock, tzinfo=zone)
        return start, plus_elapsed(start, length), datetime.combine(name_day, clock, tzinfo=zone)
    typed_days = change.length_changed or change.kind_switched
    days = span(day.start, day.end) if typed_days else activity.duration
    return first, first + timedelta(days=max(days.days, 1)), name_day


def first_instance(
    rule: str, start: datetime | date, end: datetime | date, zone: ZoneInfo
) -> tuple[datetime | date, datetime | date]:
    """Start and end moved to the rule's first instance, when the chosen days leave out the
    start's own day (RFC 5545 counts DTSTART as the first instance; dateutil skips it)."""
    first = recurrence.first_start(rule, start=start, zone=zone)
    if isinstance(start, datetime):
        local = start.astimezone(zone)
        if first is None or first == local.date():
            return start, end
        moved = datetime.combine(first, local.timetz()).replace(tzinfo=zone)
        return moved, plus_elapsed(moved, span(start, end))
    assert not isinstance(end, datetime)
    if first is None or first == start:
        return start, end
    return first, first + (end - start)


def _with_fields(activity: Activity, change: DayChange) -> ActivityDraft:
    """The series' own fields, with those changed by hand taken from the day's editor."""
    changed = {name: getattr(change.day, name) for name in change.fields}
    return replace(activity.draft(), **changed)


def _aware(name: datetime | date, zone: ZoneInfo) -> datetime | date:
    """An instance's name (naive wall-clock time) as a time in `zone`."""
    if isinstance(name, datetime) and name.tzinfo is None:
        return name.replace(tzinfo=zone)
    return name


def _plus(start: datetime | date, length: timedelta) -> datetime | date:
    return plus_elapsed(start, length) if isinstance(start, datetime) else start + length
