"""Repeat rules (RFC 5545 RRULE) and their expansion into occurrences, one window at a time.

Expansion happens in naive wall-clock time in the activity's zone, and the zone is attached to
each result afterwards, so a weekly 9:00 stays at 9:00 across daylight-saving changes (khal's
insight). Rules are only ever asked for a window; nothing is materialised to a horizon.
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import re
from dataclasses import dataclass, replace
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import (
    DAILY,
    FR,
    MO,
    MONTHLY,
    SA,
    SU,
    TH,
    TU,
    WE,
    WEEKLY,
    YEARLY,
    rrule,
    rrulestr,
    weekday,
)

from planner.domain.activities import EARLIEST_YEAR, LATEST_YEAR, Activity, ActivityDraft, span
from planner.domain.occurrences import Occurrence
from planner.domain.timezones import plus_elapsed, zone_info
from planner.errors import RecurrenceError, UnplannableRuleError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: Hard bound on how many instances one activity may yield for one window. A dense rule such
#: as FREQ=HOURLY over years would otherwise produce tens of thousands; views show a few weeks.
#: Hitting it is not silent: `expansion()` says so, and the calendar service passes it on.
MAX_INSTANCES_PER_WINDOW = 2000

#: The most instances a COUNT may ask for. A counted series must be walked from its first
#: instance (the count decides where it ends), so the walk is kept short; a longer series can
#: use an end date (UNTIL) or no end, which expansion skips through instead.
MAX_COUNT = 10_000
#: The most a rule may step between instances ("every 9,999 days").
MAX_INTERVAL = 9_999

#: Wall-clock conversions of the window may be off by a DST shift; callers filter exactly.
_DST_SLACK = timedelta(hours=3)
_UTC = ZoneInfo("UTC")
_COUNT = re.compile(r"((?:^|;)COUNT=)(\d+)", re.IGNORECASE)
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", re.IGNORECASE)
_DASHED_UNTIL = re.compile(
    r"UNTIL=(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z?))?(?=;|$)", re.IGNORECASE
)
_UNSUPPORTED_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR")
_UNSUPPORTED_FREQS = ("SECONDLY", "MINUTELY")
_FREQS = ("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_NUMBER = re.compile(r"[+-]?\d{1,3}")
#: Numeric rule parts: (smallest, largest magnitude, may be negative), RFC 5545 3.3.10.
_NUMERIC_PARTS = {
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
#: The BY parts each frequency may use. RFC 5545's table, narrowed where an odd combination
#: can only make dateutil search day by day to the year 9999 for a date that never comes:
#: with no hour, minute or second parts, a daily or hourly set holds one instance, so BYSETPOS
#: means nothing there, and an hourly repeat is simply "every N hours".
_ALLOWED_PARTS = {
    "HOURLY": frozenset[str](),
    "DAILY": frozenset({"BYDAY", "BYMONTH", "BYMONTHDAY"}),
    "WEEKLY": frozenset({"BYDAY", "BYMONTH", "BYSETPOS"}),
    "MONTHLY": frozenset({"BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS"}),
    "YEARLY": frozenset({"BYDAY", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"}),
}
_DAY_PARTS = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")
_KNOWN_PARTS = frozenset({"FREQ", "UNTIL", "COUNT", "INTERVAL", "WKST", *_NUMERIC_PARTS, "BYDAY"})
#: The longest each month can be (February in a leap year).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class Expansion:
    """The occurrences of one activity in one window, and whether the hard bound cut them.

    `truncated` is True when the rule had more than MAX_INSTANCES_PER_WINDOW instances in
    the window: the occurrences are then the first ones only.
    """

    occurrences: tuple[Occurrence, ...]
    truncated: bool = False


def parse_rule(text: str, *, dtstart: datetime, zone: ZoneInfo) -> rrule:
    """A dateutil rule for `text`, anchored at the naive wall-clock `dtstart`.

    A UTC `UNTIL` (as RFC 5545 requires beside a TZID start) is turned into wall-clock time
    in `zone`, since expansion runs in naive local time.
    """
    body = _strip_prefix(text)
    body = _UNTIL.sub(lambda m: "UNTIL=" + _until_local(m, zone), body)
    try:
        rule = rrulestr(body, dtstart=dtstart)
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as error:
        raise RecurrenceError(
            f"The repeat rule '{_quoted(text)}' cannot be read: {_quoted(error)}."
        ) from None
    if not isinstance(rule, rrule):
        raise RecurrenceError(f"The repeat rule '{_quoted(text)}' must be a single RRULE.")
    return rule


def normalize_rule(text: str, *, start: datetime | date, zone: ZoneInfo) -> str:
    """Validate `text` against `start` and return canonical RRULE text (no `RRULE:` prefix).

    UNTIL is written as a UTC date-time for timed activities and as a date for all-day ones,
    which is what RFC 5545 (3.3.10) asks for beside a DTSTART with TZID or VALUE=DATE. An
    UNTIL in the year LATEST_YEAR or later means "no end" (some calendars write 99991231).
    """
    body = _strip_prefix(text).upper()
    if "\n" not in body:
        body = re.sub(r"[ \t]+", "", body)  # "FREQ=WEEKLY; COUNT=2" as typed: no value has one
    if "\n" in body or (not body.startswith("FREQ=") and ";FREQ=" not in body):
        raise RecurrenceError(f"The repeat rule '{_quoted(text)}' needs a FREQ, e.g. FREQ=WEEKLY.")
    # An end date as ISO 8601 writes it elsewhere (2027-01-01): read as RFC 5545's 20270101,
    # which dateutil would read as the first moment of that day, leaving the day out.
    body = _DASHED_UNTIL.sub(lambda m: "UNTIL=" + "".join(m.group(1, 2, 3))
                             + (f"T{m.group(4)}{m.group(5)}{m.group(6)}{m.group(7)}"
                                if m.group(4) else ""), body)  # fmt: skip
    naive = _naive_start(start, zone)
    parts = _check_parts(text, body, naive)
    if "UNTIL" in parts and parts["UNTIL"][:4].isdigit() and int(parts["UNTIL"][:4]) >= LATEST_YEAR:
        body = ";".join(f"{name}={value}" for name, value in parts.items() if name != "UNTIL")
    if isinstance(start, datetime):
        # A date-only UNTIL beside a timed start means "through that day" (RFC 5545 wants a
        # date-time there; read leniently, as Google and Apple do).
        body = re.sub(r"UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", body)
    rule = parse_rule(body, dtstart=naive, zone=zone)
    if _first_instance(body, naive, zone, rule) is None:
        raise RecurrenceError(f"The repeat rule '{_quoted(text)}' never produces a date.")
    canonical = str(rule).splitlines()[-1].removeprefix("RRULE:")
    match = _UNTIL.search(canonical)
    if match:
        until = datetime.strptime(  # noqa: DTZ007 - wall-clock time in `zone`, attached below
            match.group(1) + (match.group(2) or "000000"), "%Y%m%d%H%M%S"
        )
        if isinstance(start, datetime):
            value = until.replace(tzinfo=zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        else:
            value = until.strftime("%Y%m%d")
        canonical = canonical[: match.start()] + "UNTIL=" + value + canonical[match.end() :]
    return canonical


#: The Gregorian calendar repeats exactly every 400 years, weekdays and leap days included.
_CYCLE_YEARS = 400


def _cycles_ahead(dtstart: datetime) -> int:
    """Whole 400-year cycles to move a rule's start so that dateutil's walk ends at 9999
    after 400 to 800 years, instead of after up to 8,000 (seconds of work for a rare date)."""
    return max(0, (MAXYEAR - _CYCLE_YEARS - dtstart.year) // _CYCLE_YEARS)


def _first_instance(body: str, dtstart: datetime, zone: ZoneInfo, rule: rrule) -> datetime | None:
    """The rule's first instance if it comes within 400 years or so, else None.

    dateutil looks for a date that never comes period by period up to the year 9999. The
    same rule started whole 400-year cycles later yields the same dates shifted by those
    cycles, and its walk ends at 9999 far sooner.
    """
    years = _cycles_ahead(dtstart) * _CYCLE_YEARS
    if years == 0:
        return next(iter(rule), None)
    endless = ";".join(part for part in body.split(";") if not part.startswith("UNTIL="))
    copy = parse_rule(endless, dtstart=dtstart.replace(year=dtstart.year + years), zone=zone)
    first = next(iter(copy), None)
    if first is None:
        return None
    first = first.replace(year=first.year - years)
    match = _UNTIL.search(body)
    if match is None:
        return first
    return first if first <= _until_wall(match, zone) else None


def check_end(
    rule: str, *, start: datetime | date, end: datetime | date, all_day: bool, zone: str
) -> None:
    """Refuse a counted series that takes centuries, or whose end comes after LATEST_YEAR.

    Everything downstream (storage bounds, exports, change ranges) adds lengths and offsets to
    the last start; keeping it inside the plannable years keeps that arithmetic in range.
    """
    count = _count(rule)
    if count is None:
        return
    final = _last_start(rule, start, all_day, zone, MAX_COUNT)
    if final is None:
        first_year = start.year
        raise UnplannableRuleError(
            f"This series would still be repeating after the year {LATEST_YEAR}; "
            "please let it end sooner."
            if first_year + _CYCLE_YEARS > LATEST_YEAR
            else f"This series would take more than {_CYCLE_YEARS} years to happen "
            f"{count:,} times; please give it an end date instead."
        )
    length = _span(start, end)
    if isinstance(final, datetime):
        finish = final.astimezone(UTC) + length
    else:
        finish = datetime.combine(final, time(0), tzinfo=UTC) + length
    if finish > datetime(LATEST_YEAR + 1, 1, 1, tzinfo=UTC):
        raise UnplannableRuleError(
            f"This series would still be repeating after the year {LATEST_YEAR}; "
            "please let it end sooner."
        )


def _span(start: datetime | date, end: datetime | date) -> timedelta:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end.astimezone(UTC) - start.astimezone(UTC)
    assert not isinstance(start, datetime) and not isinstance(end, datetime)
    return end - start


def _check_parts(text: str, body: str, start: datetime) -> dict[str, str]:
    """Reject what dateutil accepts but RFC 5545 or a life planner does not; return the parts.

    Besides RFC 5545's own rules, this refuses what could never produce a date (a 30th of
    February, a fifth Monday in a week) without asking dateutil: dateutil would look for it
    period by period up to the year 9999, which takes seconds or, hourly, minutes.
    """
    quoted = _quoted(text)
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        name, _, value = chunk.partition("=")
        name, value = name.strip(), value.strip()
        if not name or not value:
            raise RecurrenceError(f"The repeat rule '{quoted}' has an empty part.")
        if name in parts:
            raise RecurrenceError(f"The repeat rule '{quoted}' gives {name} twice.")
        parts[name] = value
    if any(part in parts for part in _UNSUPPORTED_PARTS):
        raise UnplannableRuleError("Repeats at set hours, minutes or seconds are not supported.")
    if "RSCALE" in parts:  # RFC 7529: Apple's lunar birthdays, in a calendar dateutil lacks
        raise UnplannableRuleError(
            f"Repeats by the {parts['RSCALE'].lower()} calendar are not supported."
        )
    freq = parts.get("FREQ", "")
    if freq in _UNSUPPORTED_FREQS:
        raise UnplannableRuleError("Repeats every minute or second are not supported.")
    if freq not in _FREQS:
        raise RecurrenceError(
            f"The repeat rule '{quoted}' has an unknown FREQ; use HOURLY, DAILY, WEEKLY, MONTHLY "
            "or YEARLY."
        )
    unknown = sorted(set(parts) - _KNOWN_PARTS)
    if unknown:
        raise RecurrenceError(
            f"The repeat rule '{quoted}' has a part Rekindle does not know: {unknown[0]}."
        )
    if "COUNT" in parts and "UNTIL" in parts:
        # RFC 5545 3.3.10: COUNT and UNTIL MUST NOT occur in the same rule.
        raise RecurrenceError(
            "A repeat rule can end after a number of times or on a date, not both."
        )
    for name in ("INTERVAL", "COUNT"):
        if name in parts and (not parts[name].isdigit() or int(parts[name]) < 1):
            raise RecurrenceError(f"{name} in a repeat rule must be a whole number of at least 1.")
    if int(parts.get("INTERVAL", "1")) > MAX_INTERVAL:
        # Far past any plan, and past what an .ics file can say (its export had failed);
        # in a file, that event is skipped with this reason.
        raise UnplannableRuleError(
            f"INTERVAL in a repeat rule must be a whole number from 1 to {MAX_INTERVAL:,}."
        )
    if "COUNT" in parts and int(parts["COUNT"]) > MAX_COUNT:
        raise UnplannableRuleError(
            f"A repeat rule can end after at most {MAX_COUNT:,} times; give an end date "
            "instead, or let it repeat without an end."
        )
    if parts.get("WKST", "MO") not in _WEEKDAYS:
        raise RecurrenceError(f"WKST in the repeat rule '{quoted}' must be a weekday such as MO.")
    not_here = sorted(
        name for name in parts if name.startswith("BY") and name not in _ALLOWED_PARTS[freq]
    )
    if not_here:
        article = "An" if freq == "HOURLY" else "A"
        raise UnplannableRuleError(
            f"{article} {freq.lower()} repeat cannot use {not_here[0]} (in '{quoted}')."
        )
    numbers = {
        name: _numbers(quoted, name, parts[name], *limits)
        for name, limits in _NUMERIC_PARTS.items()
        if name in parts
    }
    if "BYSETPOS" in parts and not any(name in parts for name in (*_DAY_PARTS, "BYMONTH")):
        raise RecurrenceError(  # RFC 5545 3.3.10
            f"BYSETPOS in '{quoted}' picks from the days another BY part names; there is none."
        )
    weekdays, nths = _weekdays(quoted, parts.get("BYDAY"))
    if nths:
        if freq not in ("MONTHLY", "YEARLY"):
            raise RecurrenceError(
                f"BYDAY in '{quoted}' names a week of the month or year, which only a monthly "
                "or yearly repeat can use."
            )
        largest = 5 if freq == "MONTHLY" or "BYMONTH" in parts else 53
        if "BYWEEKNO" in parts or any(abs(n) > largest for n in nths):
            raise RecurrenceError(
                f"The repeat rule '{quoted}' names a week of the month or year that cannot be."
            )
    interval = int(parts.get("INTERVAL", "1"))
    if not _can_happen(freq, interval, parts, numbers, weekdays, nths, start):
        raise RecurrenceError(f"The repeat rule '{quoted}' never produces a date.")
    return parts


def _numbers(quoted: str, name: str, text: str, low: int, high: int, signed: bool) -> list[int]:
    values = []
    for item in text.split(","):
        item = item.strip()
        if not _NUMBER.fullmatch(item) or (not signed and item[0] in "+-"):
            raise RecurrenceError(f"{name} in the repeat rule '{quoted}' must be whole numbers.")
        value = int(item)
        if not low <= abs(value) <= high:
            span = f"{low} to {high}" + (f" or -{low} to -{high}" if signed else "")
            raise RecurrenceError(f"{name}={item} in the repeat rule '{quoted}' is not {span}.")
        values.append(value)
    return values


def _weekdays(quoted: str, text: str | None) -> tuple[set[int], list[int]]:
    """The weekdays BYDAY names (0 is Monday) and the positions it gives (2 in 2TU)."""
    if text is None:
        return set(), []
    days: set[int] = set()
    nths: list[int] = []
    for item in text.split(","):
        match = _BYDAY.fullmatch(item.strip())
        if match is None:
            raise RecurrenceError(
                f"BYDAY in the repeat rule '{quoted}' must name weekdays such as MO or 2TU."
            )
        if match.group(1) is not None:
            nth = int(match.group(1))
            if nth == 0:
                raise RecurrenceError(f"BYDAY={item} in the repeat rule '{quoted}' is not a day.")
            nths.append(nth)
        days.add(_WEEKDAYS.index(match.group(2)))
    return days, nths


def _can_happen(
    freq: str,
    interval: int,
    parts: dict[str, str],
    numbers: dict[str, list[int]],
    weekdays: set[int],
    nths: list[int],
    start: datetime,
) -> bool:
    """False for rules that plainly never produce a date; True leaves the rest to dateutil."""
    day_parts = any(name in parts for name in _DAY_PARTS)
    months = set(numbers.get("BYMONTH", range(1, 13)))
    if freq == "MONTHLY":
        # Every INTERVAL months from the start's month: only those months are ever visited.
        visited = {(start.month - 1 + i * interval) % 12 + 1 for i in range(12)}
        months &= visited
    if freq == "YEARLY" and not day_parts and "BYMONTH" not in parts:
        months = {start.month}
    month_days = numbers.get("BYMONTHDAY")
    if month_days is None and not day_parts and freq in ("MONTHLY", "YEARLY"):
        month_days = [start.day]  # dateutil repeats the start's day of the month
    if not months:
        return False
    if month_days is not None and not any(
        abs(day) <= _MONTH_DAYS[month - 1] for month in months for day in month_days
    ):
        return False
    if freq == "DAILY" and weekdays:
        # Every INTERVAL days from the start: with 7 days, or 14, always the same weekday.
        visited = {(start.weekday() + i * interval) % 7 for i in range(7)}
        if not visited & weekdays:
            return False
    positions = numbers.get("BYSETPOS")
    if positions is not None:
        if freq == "WEEKLY":
            largest = len(weekdays) or 1
        elif freq == "MONTHLY":
            if month_days is not None:
                largest = len(set(month_days))
            elif weekdays:
                # A month holds one 2nd Monday, but up to five Mondays.
                plain = len(parts["BYDAY"].split(",")) - len(nths)
                largest = min(31, len(nths) + 5 * plain)
            else:
                largest = 1
        else:
            largest = 366
        if all(abs(position) > largest for position in positions):
            return False
    return True


def expand(activity: Activity, first_day: date, end_day: date, zone: ZoneInfo) -> list[Occurrence]:
    """The occurrences of `activity` that overlap the days `[first_day, end_day)` in `zone`.

    In start order. Deleted instances (exception dates) are left out; changed ones appear
    where their override put them. At most MAX_INSTANCES_PER_WINDOW instances are produced
    for one window; `expansion()` also says whether that bound was hit.
    """
    return list(expansion(activity, first_day, end_day, zone).occurrences)


def expansion(activity: Activity, first_day: date, end_day: date, zone: ZoneInfo) -> Expansion:
    """As `expand()`, and whether the window held more instances than could be given.

    The work is bounded too: an endless or UNTIL series is walked from the period just before
    the window, not from its first instance, and a COUNT is at most MAX_COUNT. Days outside
    the plannable years (EARLIEST_YEAR to LATEST_YEAR) hold no occurrences.
    """
    first_day = max(first_day, date(EARLIEST_YEAR, 1, 1))
    end_day = min(end_day, date(LATEST_YEAR + 1, 1, 1))
    if end_day <= first_day:
        return Expansion(())
    if activity.all_day:
        return _expand_all_day(activity, first_day, end_day)
    return _expand_timed(activity, first_day, end_day, zone)


def _expand_timed(activity: Activity, first_day: date, end_day: date, zone: ZoneInfo) -> Expansion:
    assert isinstance(activity.start, datetime)
    own_zone = zone_info(activity.zone)
    window_start = datetime.combine(first_day, time(0), tzinfo=zone)
    window_end = datetime.combine(end_day, time(0), tzinfo=zone)
    length = activity.duration

    def placed(naive: datetime) -> Occurrence | None:
        # Via UTC: a 02:30 that a spring-forward day lacks becomes 03:30 (RFC 5545 3.3.5).
        # The instance is still named by the rule's own 02:30, as EXDATE and RECURRENCE-ID
        # name it.
        named = naive.replace(tzinfo=own_zone)
        start = named.astimezone(UTC).astimezone(own_zone)
        end = (start.astimezone(UTC) + length).astimezone(own_zone)
        if start < window_end and end > window_start:
            return Occurrence(activity, start, end, recurrence_id=named)
        return None

    found, truncated = _naive_starts(activity, window_start, window_end, own_zone, length, placed)
    results = list(found)
    for override in activity.overrides:
        assert isinstance(override.start, datetime) and isinstance(override.end, datetime)
        if override.start < window_end and override.end > window_start:
            assert isinstance(override.recurrence_id, datetime)
            rid = override.recurrence_id.replace(tzinfo=own_zone)
            results.append(
                Occurrence(activity, override.start, override.end, rid, override=override)
            )
    results.sort(key=lambda occurrence: occurrence.start_instant(zone))
    return Expansion(tuple(results), truncated)


def _expand_all_day(activity: Activity, first_day: date, end_day: date) -> Expansion:
    length = activity.duration
    window_start = datetime.combine(first_day, time(0))
    window_end = datetime.combine(end_day, time(0))

    def placed(naive: datetime) -> Occurrence | None:
        start = naive.date()
        end = start + length
        if start < end_day and end > first_day:
            return Occurrence(activity, start, end, recurrence_id=start)
        return None

    found, truncated = _naive_starts(activity, window_start, window_end, None, length, placed)
    results = list(found)
    for override in activity.overrides:
        if override.start < end_day and override.end > first_day:
            results.append(
                Occurrence(
                    activity,
                    override.start,
                    override.end,
                    override.recurrence_id,
                    override=override,
                )
            )
    results.sort(key=lambda occurrence: occurrence.start)  # dates of one series compare fine
    return Expansion(tuple(results), truncated)


def _naive_starts(
    activity: Activity,
    window_start: datetime,
    window_end: datetime,
    own_zone: ZoneInfo | None,
    length: timedelta,
    placed: Callable[[datetime], Occurrence | None],
) -> tuple[list[Occurrence], bool]:
    """The rule's occurrences in the window, as `placed` makes each from its wall-clock start
    (None: not in the window after all), and whether MAX_INSTANCES_PER_WINDOW cut them short.
    Starts are looked for in a slightly wider span (an instance may begin before the window,
    and the clocks may change); only what `placed` keeps counts toward the bound. The
    instances of that margin and the exception dates had counted too: fewer than the bound
    were given while it was said to be reached, or it was said to be when it was not."""
    if own_zone is not None:
        low = window_start.astimezone(own_zone).replace(tzinfo=None)
        high = window_end.astimezone(own_zone).replace(tzinfo=None)
    else:
        low, high = window_start, window_end
    # Widen by the length (an instance may start before the window) and for DST slack.
    low -= length + _DST_SLACK
    high += _DST_SLACK
    dtstart = _naive_start(activity.start, own_zone)
    if activity.rrule is None:
        single = placed(dtstart) if low <= dtstart <= high else None
        return ([single] if single is not None else []), False
    zone = own_zone or _UTC
    excluded = {_naive_start(value, own_zone) for value in activity.exdates}
    # Changed instances are produced from their override, wherever they moved to.
    excluded.update(_naive_start(o.recurrence_id, own_zone) for o in activity.overrides)
    counted = _counted(activity.rrule, dtstart, zone) if _count(activity.rrule) else ()
    instances: Iterable[datetime]
    if counted:
        instances = itertools.islice(counted, bisect.bisect_left(counted, low), None)
    else:
        text, anchor = _skip_ahead(activity.rrule, dtstart, low)
        rule = parse_rule(text, dtstart=anchor, zone=zone)
        instances = rule.xafter(max(low, anchor), inc=True)
    found: list[Occurrence] = []
    for naive in instances:
        if naive > high:
            break
        occurrence = placed(naive) if naive not in excluded else None
        if occurrence is None:
            continue
        if len(found) == MAX_INSTANCES_PER_WINDOW:
            return found, True
        found.append(occurrence)
    return found, False


def _skip_ahead(text: str, dtstart: datetime, low: datetime) -> tuple[str, datetime]:
    """An equivalent rule (text, start) that begins in the last whole period before `low`.

    dateutil always walks a rule from its start, so a dense series that began years before
    the window would cost one step per instance in between. For a rule without COUNT, the
    instances from a later period on do not depend on where the walk began, provided the
    later start sits on a period boundary (a WKST week, a month, a year) and what dateutil
    derives from the start (the day of the month, the weekday, the month) is spelt out.
    A COUNT rule is walked from its start: MAX_COUNT keeps that short.
    """
    if low <= dtstart:
        return text, dtstart
    parts = dict(chunk.partition("=")[::2] for chunk in _strip_prefix(text).upper().split(";"))
    if "COUNT" in parts or not set(parts) <= _KNOWN_PARTS:
        return text, dtstart
    freq = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL", "1")) if parts.get("INTERVAL", "1").isdigit() else 0
    if interval < 1:
        return text, dtstart
    day_parts = any(name in parts for name in _DAY_PARTS)
    clock = dtstart.time()
    anchor: datetime
    if freq in ("HOURLY", "DAILY"):
        # Whole units first: an INTERVAL of 2**31 days is no timedelta, but has no skip either.
        unit = timedelta(hours=1) if freq == "HOURLY" else timedelta(days=1)
        anchor = dtstart + unit * ((low - dtstart) // unit // interval * interval)
    elif freq == "WEEKLY":
        if not day_parts:
            parts["BYDAY"] = _WEEKDAYS[dtstart.weekday()]
        first_week = dtstart.date() - timedelta(days=(dtstart.weekday() - _wkst(parts)) % 7)
        weeks = ((low.date() - first_week).days // 7) // interval * interval
        if weeks <= 0:
            return text, dtstart
        anchor = datetime.combine(first_week + timedelta(weeks=weeks), clock)
    elif freq in ("MONTHLY", "YEARLY"):
        if not day_parts:
            parts["BYMONTHDAY"] = str(dtstart.day)
            if freq == "YEARLY" and "BYMONTH" not in parts:
                parts["BYMONTH"] = str(dtstart.month)
        if freq == "MONTHLY":
            months = (low.year - dtstart.year) * 12 + low.month - dtstart.month
        else:
            months = (low.year - dtstart.year) * 12
        step_months = interval if freq == "MONTHLY" else 12 * interval
        months = months // step_months * step_months
        if months <= 0:
            return text, dtstart
        index = dtstart.year * 12 + dtstart.month - 1 + months
        month = index % 12 + 1 if freq == "MONTHLY" else 1
        anchor = datetime.combine(date(index // 12, month, 1), clock)
    else:
        return text, dtstart
    if anchor <= dtstart:
        return text, dtstart
    return ";".join(f"{name}={value}" for name, value in parts.items()), anchor


def _wkst(parts: dict[str, str]) -> int:
    day = parts.get("WKST", "MO")
    return _WEEKDAYS.index(day) if day in _WEEKDAYS else 0


def _naive_start(value: datetime | date, zone: ZoneInfo | None) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(zone).replace(tzinfo=None) if zone else value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


def _quoted(text: object) -> str:
    """A rule (or dateutil's complaint) as messages quote it: one line, at most 80 characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= 80 else line[:79] + "…"


def _strip_prefix(text: str) -> str:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    return body


def until_on_the_clock(text: str, zone: ZoneInfo) -> str:
    """`text` with an UNTIL in UTC written as the wall-clock time it is in `zone`: read
    again in another zone (normalize_rule), the series ends at the same time on its clock."""
    return _UNTIL.sub(lambda match: "UNTIL=" + _until_local(match, zone), text)


def _until_wall(match: re.Match[str], zone: ZoneInfo) -> datetime:
    """An UNTIL as the naive wall-clock moment dateutil compares instances with."""
    text = _until_local(match, zone)
    return datetime.strptime(text if "T" in text else text + "T000000", "%Y%m%dT%H%M%S")  # noqa: DTZ007


def _until_local(match: re.Match[str], zone: ZoneInfo) -> str:
    day, clock, utc = match.group(1), match.group(2), match.group(3)
    if not clock or not utc:
        return match.group(0).split("=", 1)[1]
    try:
        instant = datetime.strptime(day + clock, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        return instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")
    except ValueError:
        raise RecurrenceError(f"The end date UNTIL={day}T{clock}Z is not a real date.") from None
    except OverflowError:  # a first or last moment of the calendar, moved into `zone`
        raise UnplannableRuleError(
            f"The end date UNTIL={day}T{clock}Z is outside what Rekindle can plan."
        ) from None


def last_start(activity: Activity, *, limit: int = MAX_COUNT) -> datetime | date | None:
    """A start no earlier than the series' final instance; None when it may repeat without end.

    Exact for one-off activities and COUNT rules; for an UNTIL rule it is the UNTIL moment
    itself, so saving never expands a long series. A COUNT beyond `limit` counts as endless.
    Storage, change ranges and VTIMEZONE coverage only need a bound, so erring wide is safe.
    """
    return _last_start(activity.rrule, activity.start, activity.all_day, activity.zone, limit)


@functools.lru_cache(maxsize=1024)
def _last_start(
    rule_text: str | None, start: datetime | date, all_day: bool, zone: str, limit: int
) -> datetime | date | None:
    if rule_text is None:
        return start
    own_zone = None if all_day else zone_info(zone)
    match = _UNTIL.search(rule_text)
    if match:
        day = datetime.strptime(match.group(1), "%Y%m%d")  # noqa: DTZ007 - zone attached below
        if own_zone is None:
            return day.date()
        clock = datetime.strptime(match.group(2) or "235959", "%H%M%S").time()  # noqa: DTZ007
        until = datetime.combine(day.date(), clock)
        if match.group(3):
            return until.replace(tzinfo=UTC).astimezone(own_zone)
        return until.replace(tzinfo=own_zone)
    count = _count(rule_text)
    if count is None or count > limit:
        return None
    instances = _counted(rule_text, _naive_start(start, own_zone), own_zone or _UTC)
    if not instances:
        return None  # the count is not reached within centuries: as good as endless
    if own_zone is None:
        return instances[-1].date()
    return instances[-1].replace(tzinfo=own_zone)


def _count(rule_text: str) -> int | None:
    match = re.search(r"(?:^|;)COUNT=(\d+)", _strip_prefix(rule_text), re.IGNORECASE)
    return int(match.group(1)) if match else None


@functools.lru_cache(maxsize=64)  # at most MAX_COUNT instances each: a few MB in all
def _counted(rule_text: str, dtstart: datetime, zone: ZoneInfo) -> tuple[datetime, ...]:
    """Every instance of a COUNT rule (naive wall-clock), or () if it takes centuries.

    Computed once per rule and kept, so that each window finds its instances by bisection
    instead of walking the series from its start. The walk starts whole 400-year cycles
    later (see _first_instance), so a rare date costs at most 800 years of dateutil's steps.
    """
    count = _count(rule_text)
    if count is None or count > MAX_COUNT:
        return ()
    years = _cycles_ahead(dtstart) * _CYCLE_YEARS
    rule = parse_rule(rule_text, dtstart=dtstart.replace(year=dtstart.year + years), zone=zone)
    instances = list(itertools.islice(rule, count))
    if len(instances) < count:
        return ()
    return tuple(instance.replace(year=instance.year - years) for instance in instances)


# --- Repeats as the editor offers them ----------------------------------------------------------


class Frequency(enum.Enum):
    """How often a repeat comes round (the FREQ values the editor offers)."""

    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


class MonthlyBy(enum.Enum):
    """Which day of each month a monthly repeat falls on, taken from the series' start."""

    DAY = "day"  # the start's day of the month: "on the 15th"
    WEEKDAY = "weekday"  # the start's nth weekday: "on the 2nd Tuesday"
    LAST_WEEKDAY = "last"  # the start's weekday, the last of the month: "on the last Tuesday"


@dataclass(frozen=True, slots=True)
class Repeat:
    """A repeat as the editor offers it: structured choices rather than RRULE text.

    The details a choice leaves open (which day of the month, which weekday of a yearly
    repeat) come from the series' start, as in Google and Apple Calendar. `weekdays` (0 is
    Monday, as `date.weekday()`) matters for weekly repeats only; empty means the start's
    weekday. At most one of `count` and `until` is set (RFC 5545 3.3.10); `until` is the
    last day on which an instance may start, inclusive.
    """

    frequency: Frequency
    interval: int = 1
    weekdays: frozenset[int] = frozenset()
    monthly_by: MonthlyBy = MonthlyBy.DAY
    count: int | None = None
    until: date | None = None


#: dateutil's weekday objects, indexed as `date.weekday()` numbers them (Monday is 0).
WEEKDAYS: tuple[weekday, ...] = (MO, TU, WE, TH, FR, SA, SU)
_WEEKDAY_CODES = tuple(str(day) for day in WEEKDAYS)  # "MO", "TU", ...
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WORKING_DAYS = frozenset(range(5))
_BYDAY_TOKEN = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_DESCRIBED_PARTS = frozenset(
    {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST"}
)


def build_rule(repeat: Repeat, *, start: datetime | date, zone: ZoneInfo) -> str:
    """Canonical RRULE text (as `normalize_rule` writes it) for `repeat` beginning at `start`.

    dateutil builds the rule and writes its text; `start` is a datetime (timed series, read in
    `zone`) or a date (all-day series). Raises RecurrenceError with a plain sentence when the
    choices cannot make a repeat.
    """
    if repeat.interval < 1:
        raise RecurrenceError("A repeat comes round every 1 or more days, weeks, months or years.")
    if repeat.count is not None and repeat.until is not None:
        raise RecurrenceError("A repeat can end after a number of times or on a date, not both.")
    if repeat.count is not None and repeat.count < 1:
        raise RecurrenceError("A repeat that ends after a number of times happens at least once.")
    naive = _naive_start(start, zone)
    options: dict[str, Any] = {"dtstart": naive, "interval": repeat.interval}
    if repeat.frequency is Frequency.WEEKLY:
        days = sorted(repeat.weekdays or {naive.weekday()})
        if not all(0 <= day <= 6 for day in days):
            raise RecurrenceError("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
        options["byweekday"] = tuple(WEEKDAYS[day] for day in days)
    elif repeat.frequency is Frequency.MONTHLY and repeat.monthly_by is not MonthlyBy.DAY:
        nth, last = week_of_month(naive.date())
        if repeat.monthly_by is MonthlyBy.LAST_WEEKDAY and not last:
            raise RecurrenceError(
                f"{naive.day} {_MONTH_NAMES[naive.month - 1]} is not the last "
                f"{_DAY_NAMES[naive.weekday()]} of its month."
            )
        n = -1 if repeat.monthly_by is MonthlyBy.LAST_WEEKDAY else nth
        options["byweekday"] = WEEKDAYS[naive.weekday()](n)
    if repeat.count is not None:
        options["count"] = repeat.count
    if repeat.until is not None:
        if repeat.until < naive.date():
            raise RecurrenceError("A repeat cannot end before its first day.")
        # Through the end of that day, local time; normalize_rule writes it in UTC.
        clock = time(23, 59, 59) if isinstance(start, datetime) else time(0)
        options["until"] = datetime.combine(repeat.until, clock)
    rule = rrule(_FREQUENCIES[repeat.frequency], **options)
    return normalize_rule(_rule_line(rule), start=start, zone=zone)


def parse_repeat(text: str, *, start: datetime | date, zone: ZoneInfo) -> Repeat | None:
    """The editor's choices for the rule `text` of a series starting at `start`.

    None when the editor cannot show the rule faithfully (e.g. "the first and 15th of each
    month", or a monthly day that is not the start's): such a rule is kept as it is.
    Raises RecurrenceError when `text` is not a valid rule at all.
    """
    canonical = normalize_rule(text, start=start, zone=zone)
    parts = _rule_parts(canonical)
    try:
        frequency = Frequency(parts.get("FREQ", ""))
    except ValueError:
        return None
    naive = _naive_start(start, zone)
    interval = int(parts.get("INTERVAL", "1"))
    if "WKST" in parts and parts["WKST"] != "MO" and interval > 1:
        return None  # the week starts elsewhere, which moves what "every 2 weeks" means
    by = {name: value for name, value in parts.items() if name.startswith("BY")}
    weekdays: frozenset[int] = frozenset()
    monthly_by = MonthlyBy.DAY
    if frequency is Frequency.DAILY and by:
        return None
    if frequency is Frequency.WEEKLY:
        tokens = _weekday_tokens(by.pop("BYDAY", _WEEKDAY_CODES[naive.weekday()]))
        if tokens is None or by or any(n is not None for n, _ in tokens):
            return None
        weekdays = frozenset(day for _, day in tokens)
    if frequency is Frequency.MONTHLY:
        found = _monthly_by(by, naive.date())
        if found is None:
            return None
        monthly_by = found
    if frequency is Frequency.YEARLY:
        if by.pop("BYMONTH", str(naive.month)) != str(naive.month):
            return None
        if by.pop("BYMONTHDAY", str(naive.day)) != str(naive.day) or by:
            return None
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    until = _until_day(parts, start=start, zone=zone) if "UNTIL" in parts else None
    repeat = Repeat(frequency, interval, weekdays, monthly_by, count, until)
    if until is not None and not _same_last_day(canonical, repeat, start=start, zone=zone):
        return None  # an UNTIL within a day that the editor's "through that day" would move
    return repeat


def week_of_month(day: date) -> tuple[int, bool]:
    """Which of its month's weekdays `day` is (1 for the first Tuesday...) and whether it is
    the last one, for "the 2nd Tuesday" and "the last Tuesday"."""
    following = day + timedelta(days=7)
    return (day.day - 1) // 7 + 1, following.month != day.month


def monthly_options(day: date) -> tuple[MonthlyBy, ...]:
    """The monthly repeats a series starting on `day` can have (the last weekday only when
    `day` is the last such weekday of its month)."""
    if week_of_month(day)[1]:
        return (MonthlyBy.DAY, MonthlyBy.WEEKDAY, MonthlyBy.LAST_WEEKDAY)
    return (MonthlyBy.DAY, MonthlyBy.WEEKDAY)


def monthly_phrase(monthly_by: MonthlyBy, day: date) -> str:
    """ "on the 15th", "on the 2nd Tuesday" or "on the last Tuesday", for a start on `day`."""
    if monthly_by is MonthlyBy.DAY:
        return f"on the {ordinal(day.day)}"
    nth = -1 if monthly_by is MonthlyBy.LAST_WEEKDAY else week_of_month(day)[0]
    return f"on the {_nth_name(nth)} {_DAY_NAMES[day.weekday()]}"


def describe(
    text: str,
    *,
    start: datetime | date,
    zone: ZoneInfo,
    write_date: Callable[[date], str] | None = None,
    write_month_day: Callable[[int, int], str] | None = None,
) -> str:
    """The rule `text` of a series starting at `start` in plain English words.

    "Every day", "Every Monday and Thursday, 8 times", "Every 2 weeks on Friday until
    20 December 2026", "Monthly on the 2nd Tuesday". Parts beyond what the editor offers are
    still described where they have plain words; anything further is called a custom rule.
    `write_date` writes the end date (by default `long_date`; a window writes it in its
    computer's order), and `write_month_day` a yearly day, month then day ("31 October" by
    default; "October 31" in the US). Raises RecurrenceError when `text` is not a valid rule.
    """
    parts = _rule_parts(normalize_rule(text, start=start, zone=zone))
    naive = _naive_start(start, zone)
    interval = int(parts.get("INTERVAL", "1"))
    frequency = parts.get("FREQ", "")
    custom = bool(set(parts) - _DESCRIBED_PARTS)
    days = _weekday_tokens(parts.get("BYDAY", "")) if "BYDAY" in parts else []
    if days is None:
        days, custom = [], True
    setpos = [int(value) for value in parts.get("BYSETPOS", "").split(",") if value]
    if setpos:
        if len(setpos) == 1 and len(days) == 1 and days[0][0] is None:
            days = [(setpos[0], days[0][1])]  # BYDAY=TU;BYSETPOS=2 is Apple's "2nd Tuesday"
        else:
            custom = True
    monthdays = _listed_numbers(parts.get("BYMONTHDAY", ""))
    months = _listed_numbers(parts.get("BYMONTH", ""))
    if frequency == "DAILY":
        if days and interval == 1:
            words = f"Every {_weekday_list(days)}"
        else:
            words = "Every day" if interval == 1 else f"Every {interval} days"
            words += f", only on {_weekday_list(days)}" if days else ""
        custom = custom or bool(monthdays) or any(n is not None for n, _ in days)
    elif frequency == "WEEKLY":
        days = days or [(None, naive.weekday())]
        custom = custom or bool(monthdays) or any(n is not None for n, _ in days)
        plain = frozenset(day for _, day in days)
        if interval == 1:
            words = "Every day" if len(plain) == len(WEEKDAYS) else f"Every {_weekday_list(days)}"
        else:
            words = f"Every {interval} weeks on {_weekday_list(days)}"
    elif frequency == "MONTHLY":
        head = "Monthly" if interval == 1 else f"Every {interval} months"
        words = f"{head} {_month_days(days, monthdays, naive.date())}"
        if any(number >= 29 for number in monthdays or ([] if days else [naive.day])):
            # A trial: "Monthly on the 31st" passed over five months without a word.
            words += ", in the months that have one"
    elif frequency == "YEARLY":
        head = "Every year" if interval == 1 else f"Every {interval} years"
        in_months = _and_list([_MONTH_NAMES[month - 1] for month in months or [naive.month]])
        if days:
            words = f"{head} {_month_days(days, monthdays, naive.date())} of {in_months}"
        else:
            numbers = monthdays or [naive.day]
            yearly = months or [naive.month]
            if len(numbers) == 1 and len(yearly) == 1:  # in the computer's order (a US trial)
                day_of_year = (write_month_day or _month_day)(yearly[0], numbers[0])
                words = f"{head} on {day_of_year}"
            else:
                words = f"{head} on {_and_list([str(number) for number in numbers])} {in_months}"
            if numbers == [29] and (months or [naive.month]) == [2]:
                words += ", in leap years"
        months = []
    else:
        return "Repeats by a custom rule"
    if months:
        words += f", in {_and_list([_MONTH_NAMES[month - 1] for month in months])}"
    if custom:
        words += ", by a custom rule"
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        words += ", once" if count == 1 else f", {count} times"
    elif "UNTIL" in parts:
        until = (write_date or long_date)(_until_day(parts, start=start, zone=zone))
        # After a clause of its own, set off as it is: "..., in the months that have one, until"
        words += f"{',' if ',' in words else ''} until {until}"
    return words


def _month_day(month: int, day: int) -> str:
    """ "31 October", as the summaries write a day of the year."""
    return f"{day} {_MONTH_NAMES[month - 1]}"


def long_date(day: date) -> str:
    """ "20 December 2026": day, month name and year, as the summaries write dates."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def long_day(day: date) -> str:
    """ "Monday 7 December 2026": `long_date` with the weekday in front."""
    return f"{_DAY_NAMES[day.weekday()]} {long_date(day)}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st..."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


_FREQUENCIES: dict[Frequency, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    Frequency.DAILY: DAILY,
    Frequency.WEEKLY: WEEKLY,
    Frequency.MONTHLY: MONTHLY,
    Frequency.YEARLY: YEARLY,
}


def _rule_line(rule: rrule) -> str:
    """The RRULE line dateutil writes for `rule`, without DTSTART and the prefix."""
    return str(rule).splitlines()[-1].removeprefix("RRULE:")


def _rule_parts(canonical: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for chunk in canonical.split(";"):
        name, _, value = chunk.partition("=")
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def _weekday_tokens(value: str) -> list[tuple[int | None, int]] | None:
    """BYDAY's tokens as (nth or None, weekday number); None when one cannot be read."""
    found: list[tuple[int | None, int]] = []
    for token in value.split(","):
        match = _BYDAY_TOKEN.match(token.strip())
        if match is None:
            return None
        nth = int(match.group(1)) if match.group(1) else None
        found.append((nth, _WEEKDAY_CODES.index(match.group(2))))
    return found


def _listed_numbers(value: str) -> list[int]:
    """The whole numbers of a BY part already checked by normalize_rule ("1,15")."""
    return [int(number) for number in value.split(",") if number.strip()]


def _monthly_by(by: dict[str, str], day: date) -> MonthlyBy | None:
    """Which editor choice a monthly rule's BY parts are, for a series starting on `day`."""
    nth, last = week_of_month(day)
    if not by or by == {"BYMONTHDAY": str(day.day)}:
        return MonthlyBy.DAY
    tokens = _weekday_tokens(by.get("BYDAY", ""))
    if tokens is None or len(tokens) != 1 or tokens[0][1] != day.weekday():
        return None
    n = tokens[0][0]
    rest = set(by) - {"BYDAY"}
    if n is None and rest == {"BYSETPOS"}:
        n = int(by["BYSETPOS"]) if by["BYSETPOS"].lstrip("+-").isdigit() else None
    elif rest:
        return None
    if n == nth:
        return MonthlyBy.WEEKDAY
    if n == -1 and last:
        return MonthlyBy.LAST_WEEKDAY
    return None


def _until_day(parts: dict[str, str], *, start: datetime | date, zone: ZoneInfo) -> date:
    """The last local day on which a canonical UNTIL (a UTC moment for timed rules, else a
    date) still lets the series start at its time of day."""
    value = parts["UNTIL"]
    if "T" not in value:
        return datetime.strptime(value, "%Y%m%d").date()  # noqa: DTZ007 - a plain date
    moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    local = moment.astimezone(zone).replace(tzinfo=None)
    if local.time() < _naive_start(start, zone).time():
        return local.date() - timedelta(days=1)
    return local.date()


def _same_last_day(
    canonical: str, repeat: Repeat, *, start: datetime | date, zone: ZoneInfo
) -> bool:
    """Whether `repeat` (whose UNTIL means "through that day") has the instances `canonical`
    has around its end: only there can the two differ."""
    assert repeat.until is not None
    dtstart = _naive_start(start, zone)
    rebuilt = build_rule(repeat, start=start, zone=zone)
    low = datetime.combine(repeat.until, time(0))
    high = low + timedelta(days=2)
    ours = parse_rule(canonical, dtstart=dtstart, zone=zone).between(low, high, inc=True)
    theirs = parse_rule(rebuilt, dtstart=dtstart, zone=zone).between(low, high, inc=True)
    return ours == theirs


def _nth_name(nth: int) -> str:
    if nth == -1:
        return "last"
    if nth < 0:
        return f"{ordinal(-nth)}-last"
    return ordinal(nth)


def _weekday_list(days: list[tuple[int | None, int]]) -> str:
    plain = frozenset(day for _, day in days)
    if plain == _WORKING_DAYS and all(n is None for n, _ in days):
        return "weekday"
    return _and_list([_DAY_NAMES[day] for day in sorted(plain)])


def _month_days(days: list[tuple[int | None, int]], monthdays: list[int], start: date) -> str:
    """ "on the 2nd Tuesday", "on every Tuesday", "on the 1st and last day"."""
    if days:
        named = [
            (f"the {_nth_name(n)} " if n is not None else "every ") + _DAY_NAMES[day]
            for n, day in days
        ]
        return "on " + _and_list(named)
    numbers = monthdays or [start.day]
    return "on the " + _and_list([_monthday_name(number) for number in numbers])


def _monthday_name(number: int) -> str:
    if number > 0:
        return ordinal(number)
    return "last day" if number == -1 else f"{ordinal(-number)}-last day"


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- Cutting a series in two --------------------------------------------------------------------


def instance_name(activity: Activity, recurrence_id: datetime | date) -> datetime | date:
    """How the series names an instance: its rule start as naive wall-clock time in the
    activity's own zone, or a date for an all-day series (an aware id is converted)."""
    if activity.all_day:
        return recurrence_id.date() if isinstance(recurrence_id, datetime) else recurrence_id
    if not isinstance(recurrence_id, datetime):
        raise RecurrenceError(f"An occurrence of the timed '{activity.title}' is named by a time.")
    if recurrence_id.tzinfo is not None:
        recurrence_id = recurrence_id.astimezone(zone_info(activity.zone))
    return recurrence_id.replace(tzinfo=None, fold=0)


def is_instance(activity: Activity, name: datetime | date) -> bool:
    """Whether the rule of `activity` (or its single start) produces the instance `name`."""
    own_zone = None if activity.all_day else zone_info(activity.zone)
    dtstart = _naive_start(activity.start, own_zone)
    moment = _naive_start(name, None)
    if activity.rrule is None:
        return moment == dtstart
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=own_zone or ZoneInfo("UTC"))
    return bool(rule.between(moment, moment, inc=True))


def existing_instances(
    activity: Activity, names: Iterable[datetime | date]
) -> frozenset[datetime | date]:
    """The names among `names` (as marks store them) that still name an occurrence of
    `activity`: its own start for a one-off; for a series, a changed instance or an
    instance of its rule that is not an exception date.

    A mark outlives its instance when a newer file shortens the series or leaves that day
    out: the mark (and any reflection) is kept, should the day come back, but it stands
    for no occurrence, so it is neither counted nor exported.
    """
    own_zone = None if activity.all_day else zone_info(activity.zone)
    # A name of the other kind (a date for a timed series) was made before a switch.
    wanted = {n for n in names if isinstance(n, datetime) != activity.all_day}
    dtstart = _naive_start(activity.start, own_zone)
    if activity.rrule is None:
        return frozenset(n for n in wanted if _naive_start(n, None) == dtstart)
    changed = {override.recurrence_id for override in activity.overrides}
    excluded = set(activity.exdates)
    zone = own_zone or _UTC
    counted = _counted(activity.rrule, dtstart, zone) if _count(activity.rrule) else ()
    found = {name for name in wanted if name in changed}
    asked = {
        name: _naive_start(name, None)
        for name in wanted
        if name not in changed and name not in excluded
    }
    if not asked:
        return frozenset(found)
    if counted:
        given: set[datetime] = set(counted)
    else:
        # One walk over the span the names cover (from the period before the first, not
        # from the series' first instance), rather than a rule read for each mark.
        low, high = min(asked.values()), max(asked.values())
        text, anchor = _skip_ahead(activity.rrule, dtstart, low)
        given = set(parse_rule(text, dtstart=anchor, zone=zone).between(low, high, inc=True))
    found.update(name for name, moment in asked.items() if moment in given)
    return frozenset(found)


def plannable_start(text: str, *, start: datetime | date, zone: ZoneInfo) -> datetime | date | None:
    """The start of the first instance, from 1 January EARLIEST_YEAR on, of a series begun
    before then (aware wall-clock time in `zone`, or a date); None when it has none by
    LATEST_YEAR, or when its rule counts (COUNT) from the old start."""
    if _count(text) is not None:
        return None
    own_zone = zone if isinstance(start, datetime) else None
    dtstart = _naive_start(start, own_zone)
    low = datetime.combine(date(EARLIEST_YEAR, 1, 1), time(0))  # naive wall-clock, as dtstart
    body, anchor = _skip_ahead(text, dtstart, low)  # a daily series from 1604: no long walk
    first = parse_rule(body, dtstart=anchor, zone=zone).after(low, inc=True)
    if first is None or first.year > LATEST_YEAR:
        return None
    return first.replace(tzinfo=zone) if own_zone is not None else first.date()


def first_instance(activity: Activity) -> datetime | date:
    """Where a series' first instance starts: its own start, unless the rule leaves that
    out (a weekly rule on Mondays begun on a Wednesday), then the rule's first date.

    Aware wall-clock time in the activity's zone (a start in a spring-forward gap kept as
    the rule names it), or a date. RFC 5545 counts DTSTART as the first instance whatever
    the rule says, and so do some readers (recurring-ical-events); dateutil does not: a
    file with this start means the same to all of them.
    """
    if activity.rrule is None or _starts_on_rule(activity):
        return activity.start
    own_zone = None if activity.all_day else zone_info(activity.zone)
    zone = own_zone or _UTC
    dtstart = _naive_start(activity.start, own_zone)
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=zone)
    if rule.between(dtstart, dtstart, inc=True):
        return activity.start
    first = _first_instance(_strip_prefix(activity.rrule), dtstart, zone, rule)
    if first is None:  # validation refuses such a rule; keep the start rather than fail
        return activity.start
    return first.date() if own_zone is None else first.replace(tzinfo=own_zone)


def _starts_on_rule(activity: Activity) -> bool:
    """Whether the series' start is plainly one of its rule's instances, told without
    expanding it (an export asks this of every series): a rule narrowed by nothing but
    weekdays (none numbered) that include the start's. False when it cannot be told so."""
    assert activity.rrule is not None
    parts = _rule_parts(activity.rrule)
    narrowed = {name for name in parts if name.startswith("BY")}
    if not narrowed:
        return True
    if narrowed != {"BYDAY"} or parts.get("FREQ") not in ("DAILY", "WEEKLY"):
        return False
    tokens = _weekday_tokens(parts["BYDAY"])
    if tokens is None or any(nth is not None for nth, _ in tokens):
        return False
    zone = None if activity.all_day else zone_info(activity.zone)
    weekday = _naive_start(activity.start, zone).weekday()
    return any(day == weekday for _, day in tokens)


def first_start(text: str, *, start: datetime | date, zone: ZoneInfo) -> date | None:
    """The day of the first instance the rule `text` gives a series starting at `start`; None
    when it never produces one. Differs from `start` when, say, a weekly rule's chosen
    weekdays leave out the start's own weekday."""
    rule = parse_rule(text, dtstart=_naive_start(start, zone), zone=zone)
    first = next(iter(rule), None)
    return first.date() if first is not None else None


def ending_before(activity: Activity, name: datetime | date) -> str | None:
    """The series' rule cut to end with the instance before `name` (UNTIL replaces any COUNT);
    None when `name` is the first instance, so nothing would be left before it."""
    assert activity.rrule is not None
    own_zone = None if activity.all_day else zone_info(activity.zone)
    zone = own_zone or ZoneInfo("UTC")
    rule = parse_rule(activity.rrule, dtstart=_naive_start(activity.start, own_zone), zone=zone)
    previous = rule.before(_naive_start(name, None))
    if previous is None:
        return None
    return normalize_rule(
        _rule_line(rule.replace(count=None, until=previous)), start=activity.start, zone=zone
    )


def continuing_from(activity: Activity, name: datetime | date) -> str:
    """The series' rule for a new series whose first instance is `name`: the same repeat, with
    any COUNT lowered by the instances that came before."""
    assert activity.rrule is not None
    own_zone = None if activity.all_day else zone_info(activity.zone)
    zone = own_zone or ZoneInfo("UTC")
    rule = parse_rule(activity.rrule, dtstart=_naive_start(activity.start, own_zone), zone=zone)
    moment = _naive_start(name, None)
    start: datetime | date = moment.replace(tzinfo=zone) if own_zone else moment.date()
    if "COUNT=" not in activity.rrule.upper():
        return normalize_rule(_rule_line(rule.replace(dtstart=moment)), start=start, zone=zone)
    before = sum(1 for _ in itertools.takewhile(lambda instance: instance < moment, rule))
    total = sum(1 for _ in rule)
    left = max(total - before, 1)
    return normalize_rule(
        _rule_line(rule.replace(dtstart=moment, count=left)), start=start, zone=zone
    )


def count_of(text: str) -> int | None:
    """A rule's COUNT (None without one)."""
    return _count(text)


def with_count(text: str, count: int | None) -> str:
    """`text` with its COUNT set to `count` (a rule without one, or no count, as it is)."""
    if count is None:
        return text
    return _COUNT.sub(rf"\g<1>{count}", text)


def has_later(activity: Activity, name: datetime | date, *, limit: int = 5000) -> bool:
    """Whether the series has an instance after the one named `name` that is not an
    exception date: with none, "this one and the ones after it" is this one alone. A series
    with more than `limit` left out after it counts as having one."""
    if activity.rrule is None:
        return False
    own_zone = None if activity.all_day else zone_info(activity.zone)
    dtstart = _naive_start(activity.start, own_zone)
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=own_zone or ZoneInfo("UTC"))
    excluded = {_naive_start(value, own_zone) for value in activity.exdates}
    for checked, instance in enumerate(rule.xafter(_naive_start(name, None), inc=False)):
        if instance not in excluded or checked >= limit:
            return True
    return False


def has_instances(activity: Activity, *, limit: int = 5000) -> bool:
    """Whether anything of the series still shows: an instance that is not an exception date,
    or a changed instance. A series longer than `limit` instances counts as showing."""
    if activity.rrule is None or activity.overrides:
        return True
    own_zone = None if activity.all_day else zone_info(activity.zone)
    dtstart = _naive_start(activity.start, own_zone)
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=own_zone or ZoneInfo("UTC"))
    excluded = {_naive_start(value, own_zone) for value in activity.exdates}
    instances = list(itertools.islice(rule, limit + 1))
    return len(instances) > limit or any(naive not in excluded for naive in instances)


# --- Moving an occurrence (a drag in a calendar view) -------------------------------------------


def landing(
    value: datetime | date, *, moved: datetime | date, to: datetime | date, zone: ZoneInfo
) -> datetime | date:
    """Where `value` (a series' start, or an instance's rule start) lands when the occurrence
    that started at `moved` is dragged to start at `to`: as many days later as the occurrence
    moved, at `to`'s time of day (all-day when `to` is a date). Days and times are read in
    `zone`, the activity's own zone, so a move keeps meaning the same across DST."""
    shift = _day_of(to, zone) - _day_of(moved, zone)
    day = _day_of(value, zone) + shift
    if not isinstance(to, datetime):
        return day
    local = to.astimezone(zone)
    # The wall-clock time kept as it is (not through UTC, which pushed a 02:30 landing on
    # the spring-forward day to 03:30, and with it every day of the series: a review).
    return datetime.combine(day, local.time(), tzinfo=zone)


def moved_rule(
    text: str,
    *,
    old_start: datetime | date,
    new_start: datetime | date,
    zone: ZoneInfo,
    landed: date | None = None,
    end_days: int | None = None,
) -> str:
    """The rule `text` re-expressed for a series whose start moved from `old_start` to
    `new_start`: chosen weekdays shift by as many days as the start did, a monthly "2nd
    Tuesday" or "on the 15th" follows the new day, and an end date moves as the start did.
    A rule the editor cannot show is kept, its end date moved. `landed`: the day an
    occurrence was moved to, which says whether a "last Wednesday" stays a last one (the
    series' own first day, moved as far, may be a first Thursday: a review); `end_days`: how
    many days the end date moves, when not as many as the start (a last Wednesday's series
    made last Thursdays begins 6 days earlier, its days each 1 later)."""
    repeat = parse_repeat(text, start=old_start, zone=zone)
    if repeat is None:
        text = _until_moved(text, old_start=old_start, new_start=new_start, zone=zone)
        return normalize_rule(text, start=new_start, zone=zone)
    shift = (_day_of(new_start, zone) - _day_of(old_start, zone)).days
    if repeat.until is not None:  # read against the old start: moved back past it, it is
        # still a repeat (moved first, the end had come before the old start: a trial)
        moved_by = shift if end_days is None else end_days
        repeat = replace(repeat, until=repeat.until + timedelta(days=moved_by))
    weekdays = frozenset((day + shift) % 7 for day in repeat.weekdays)
    monthly_by = repeat.monthly_by
    reference = landed or _day_of(new_start, zone)
    if monthly_by is MonthlyBy.LAST_WEEKDAY and not week_of_month(reference)[1]:
        monthly_by = MonthlyBy.WEEKDAY
    moved = replace(repeat, weekdays=weekdays, monthly_by=monthly_by)
    moved_text = _until_moved(text, old_start=old_start, new_start=new_start, zone=zone)
    try:
        follows = parse_repeat(moved_text, start=new_start, zone=zone) == moved
    except RecurrenceError:
        follows = False
    if follows:
        return normalize_rule(moved_text, start=new_start, zone=zone)  # it follows the start
    return build_rule(moved, start=new_start, zone=zone)


def _until_moved(
    text: str, *, old_start: datetime | date, new_start: datetime | date, zone: ZoneInfo
) -> str:
    """`text` with its UNTIL moved by as much wall-clock time as the start (by as many days
    across a switch of kind), so that the series keeps as many instances: a series ending on
    10 December, moved a week on, had lost its last week, or, moved past its end, had none
    ("never produces a date")."""
    match = _UNTIL.search(text)
    if match is None or int(match.group(1)[:4]) >= LATEST_YEAR:  # none, or "no end"
        return text
    day, clock, utc = match.groups()
    days = _day_of(new_start, zone) - _day_of(old_start, zone)
    if clock is None:  # a date: the last day
        value = datetime.strptime(day, "%Y%m%d").date() + days  # noqa: DTZ007 - a date
        moved = value.strftime("%Y%m%d")
    else:
        if isinstance(old_start, datetime) and isinstance(new_start, datetime):
            shift = _wall(new_start, zone) - _wall(old_start, zone)
        else:
            shift = days
        until = datetime.strptime(day + clock, "%Y%m%d%H%M%S")  # noqa: DTZ007 - see below
        if utc:  # moved as the wall clock in `zone` reads it, then written in UTC again
            wall = until.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None) + shift
            moved = wall.replace(tzinfo=zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        else:
            moved = (until + shift).strftime("%Y%m%dT%H%M%S")
    return f"{text[: match.start()]}UNTIL={moved}{text[match.end() :]}"


def _wall(value: datetime, zone: ZoneInfo) -> datetime:
    return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value


def moved_series(
    activity: Activity,
    occurrence: Occurrence,
    start: datetime | date,
    end: datetime | date,
    *,
    following: bool,
) -> ActivityDraft:
    """The series' new fields when one of its occurrences is dragged to `start`..`end`: the
    whole series (or, with `following`, the part from that occurrence on) moves by as many days
    as the occurrence did, to its new time of day and length; chosen weekdays follow."""
    zone = zone_info(activity.zone)
    moved = occurrence.recurrence_id if following else activity.start
    new_start = landing(moved, moved=occurrence.start, to=start, zone=zone)
    length = span(start, end)
    new_end = plus_elapsed(new_start, length) if isinstance(new_start, datetime) else (
        new_start + length
    )  # fmt: skip
    draft = replace(activity.draft(), start=new_start, end=new_end,
                    all_day=not isinstance(new_start, datetime))  # fmt: skip
    if activity.rrule is None:
        return draft
    rule = continuing_from(activity, occurrence.key) if following else activity.rrule
    # The day's own place in the series, moved as far as the day was: whether it is a last
    # weekday there says whether a "last Wednesday" stays a last one (a day moved on its own
    # before, its time alone changed now, had made every last Wednesday a last Thursday).
    days = _day_of(start, zone) - _day_of(occurrence.start, zone)
    landed = _day_of(occurrence.recurrence_id, zone) + days
    repeat = parse_repeat(rule, start=moved, zone=zone)
    if (
        repeat is not None
        and repeat.monthly_by is MonthlyBy.LAST_WEEKDAY
        and week_of_month(landed)[1]
    ):
        # Every last Wednesday made every last Thursday: each month's, the first one too
        # (a day later than the last Wednesday may be the next month's first Thursday).
        new_start = _in_month_of(moved, landed.weekday(), new_start, zone)
        new_end = plus_elapsed(new_start, length) if isinstance(new_start, datetime) else (
            new_start + length
        )  # fmt: skip
        draft = replace(draft, start=new_start, end=new_end)
    return replace(
        draft,
        rrule=moved_rule(
            rule,
            old_start=moved,
            new_start=new_start,
            zone=zone,
            landed=landed,
            end_days=days.days,
        ),
    )


def _in_month_of(
    first: datetime | date, weekday: int, start: datetime | date, zone: ZoneInfo
) -> datetime | date:
    """The last `weekday` of `first`'s month, at `start`'s time of day (a date if all-day)."""
    day = _day_of(first, zone)
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    last = following - timedelta(days=(following.weekday() - weekday - 1) % 7 + 1)
    if not isinstance(start, datetime):
        return last
    local = start.astimezone(zone)
    return datetime.combine(last, local.time(), tzinfo=zone)  # wall-clock, as `landing`


def _day_of(value: datetime | date, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return value.astimezone(zone).date() if value.tzinfo else value.date()
    return value
