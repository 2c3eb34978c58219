"""Moving a whole series in time: its start moves, and its rule's days and end date follow.

Used when one occurrence of a repeating activity is dragged and the whole series goes with it.
A weekly rule's weekdays and a monthly rule's dates shift with the days moved; an UNTIL date
moves too, so the series keeps its number of occurrences. Rules that pin days in ways that
cannot simply shift ("the 2nd Tuesday", a day of the year) are left to the repeat editor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from planner.domain.activities import ActivityDraft, span
from planner.domain.occurrences import Occurrence
from planner.domain.timezones import normalized, plus_elapsed, zone_info
from planner.errors import RecurrenceError

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: Parts that pin days in ways a shift by whole days cannot follow.
_PINNING = ("BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYMONTH")
_LAST_SAFE_MONTH_DAY = 28  # every month has it, so a shifted date never falls off the end


def shifted_rule(rule: str, days: int, until_shift: timedelta | None = None) -> str:
    """`rule` (canonical RRULE text) for a series whose start moved to a date `days` later.

    UNTIL moves by `until_shift` (the start's whole shift; default `days` days), so the last
    occurrence stays inside it. Raises RecurrenceError when the rule pins days that cannot
    follow.
    """
    until_shift = timedelta(days=days) if until_shift is None else until_shift
    parts = [chunk.partition("=") for chunk in rule.split(";")]
    shifted: list[str] = []
    for name, _, value in parts:
        if name == "BYDAY" and days:
            value = _shifted_weekdays(value, days)
        elif name == "BYMONTHDAY" and days:
            value = _shifted_month_days(value, days)
        elif name == "UNTIL":
            value = _shifted_until(value, until_shift)
        elif name in _PINNING and days:
            raise _cannot_follow()
        shifted.append(f"{name}={value}")
    return ";".join(shifted)


def _shifted_weekdays(value: str, days: int) -> str:
    names = []
    for item in value.split(","):
        if item not in _WEEKDAYS:  # "2TU", "-1FR": which week it falls in would change too
            raise _cannot_follow()
        names.append(_WEEKDAYS[(_WEEKDAYS.index(item) + days) % 7])
    return ",".join(names)


def _shifted_month_days(value: str, days: int) -> str:
    numbers = []
    for item in value.split(","):
        number = int(item) + days
        if not (int(item) > 0 and 0 < number <= _LAST_SAFE_MONTH_DAY):
            raise _cannot_follow()
        numbers.append(str(number))
    return ",".join(numbers)


def _shifted_until(value: str, shift: timedelta) -> str:
    if "T" in value:
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ")  # noqa: DTZ007 - UTC, as written
        return (moment + shift).strftime("%Y%m%dT%H%M%SZ")
    day = datetime.strptime(value, "%Y%m%d").date()  # noqa: DTZ007 - a plain date
    return (day + timedelta(days=shift.days)).strftime("%Y%m%d")


def _cannot_follow() -> RecurrenceError:
    return RecurrenceError(
        "This activity repeats on set days that cannot simply move along. To move it to "
        "another day, open it and change when it repeats; changing its time works here."
    )


def series_moved(
    occurrence: Occurrence, start: datetime | date, end: datetime | date
) -> ActivityDraft:
    """The series of `occurrence`, moved as that occurrence was moved to `start`..`end`: by the
    same wall-clock shift (in the activity's zone) or whole days, with the new length. Timed
    and all-day may swap (an all-day series lands at the new time of day)."""
    activity = occurrence.activity
    zone = zone_info(activity.zone)
    first_day = occurrence.first_day(zone)
    series_day = (
        activity.start.astimezone(zone).date()
        if isinstance(activity.start, datetime)
        else activity.start
    )
    rule = activity.rrule
    until_shift: timedelta | None = None  # whole days, unless a timed series moves in time
    if isinstance(start, datetime):
        wall = start.astimezone(zone).replace(tzinfo=None)
        if isinstance(occurrence.start, datetime) and isinstance(activity.start, datetime):
            until_shift = wall - occurrence.start.astimezone(zone).replace(tzinfo=None)
            moved = activity.start.astimezone(zone).replace(tzinfo=None) + until_shift
        else:  # all-day becomes timed: the same day shift, at the new time of day
            moved = datetime.combine(series_day + (wall.date() - first_day), wall.time())
        days = (moved.date() - series_day).days
        series_start = normalized(moved.replace(tzinfo=zone))
        draft = replace(
            activity.draft(), start=series_start,
            end=plus_elapsed(series_start, span(start, end)), all_day=False,
        )  # fmt: skip
    else:
        assert not isinstance(end, datetime)
        days = (start - first_day).days
        moved_day = series_day + timedelta(days=days)
        draft = replace(
            activity.draft(), start=moved_day, end=moved_day + (end - start), all_day=True
        )
    return replace(draft, rrule=shifted_rule(rule, days, until_shift) if rule else None)
