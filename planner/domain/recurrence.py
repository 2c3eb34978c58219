"""Repeat rules (RFC 5545 RRULE) and their expansion into occurrences, one window at a time.

Expansion happens in naive wall-clock time in the activity's zone, and the zone is attached to
each result afterwards, so a weekly 9:00 stays at 9:00 across daylight-saving changes (khal's
insight). Rules are only ever asked for a window; nothing is materialised to a horizon.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from planner.domain.activities import EARLIEST_YEAR, LATEST_YEAR, Activity
from planner.domain.occurrences import Occurrence
from planner.domain.timezones import zone_info
from planner.errors import RecurrenceError

#: Hard bound on how many instances one activity may yield for one window. A dense rule such
#: as FREQ=HOURLY over years would otherwise produce tens of thousands; views show a few weeks.
#: Hitting it is not silent: `expansion()` says so, and the calendar service passes it on.
MAX_INSTANCES_PER_WINDOW = 2000

#: The most instances a COUNT may ask for. A counted series must be walked from its first
#: instance (the count decides where it ends), so the walk is kept short; a longer series can
#: use an end date (UNTIL) or no end, which expansion skips through instead.
MAX_COUNT = 10_000

#: Wall-clock conversions of the window may be off by a DST shift; callers filter exactly.
_DST_SLACK = timedelta(hours=3)
_UTC = ZoneInfo("UTC")
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", re.IGNORECASE)
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
    if "\n" in body or (not body.startswith("FREQ=") and ";FREQ=" not in body):
        raise RecurrenceError(f"The repeat rule '{_quoted(text)}' needs a FREQ, e.g. FREQ=WEEKLY.")
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
        raise RecurrenceError(
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
        raise RecurrenceError(
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
        raise RecurrenceError("Repeats at set hours, minutes or seconds are not supported.")
    freq = parts.get("FREQ", "")
    if freq in _UNSUPPORTED_FREQS:
        raise RecurrenceError("Repeats every minute or second are not supported.")
    if freq not in _FREQS:
        raise RecurrenceError(
            f"The repeat rule '{quoted}' has an unknown FREQ; use DAILY, WEEKLY, MONTHLY or YEARLY."
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
    if "COUNT" in parts and int(parts["COUNT"]) > MAX_COUNT:
        raise RecurrenceError(
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
        raise RecurrenceError(
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
    results: list[Occurrence] = []
    starts, truncated = _naive_starts(activity, window_start, window_end, own_zone, length)
    for naive in starts:
        # Via UTC: a 02:30 that a spring-forward day lacks becomes 03:30 (RFC 5545 3.3.5).
        # The instance is still named by the rule's own 02:30, as EXDATE and RECURRENCE-ID
        # name it.
        named = naive.replace(tzinfo=own_zone)
        start = named.astimezone(UTC).astimezone(own_zone)
        end = (start.astimezone(UTC) + length).astimezone(own_zone)
        if start < window_end and end > window_start:
            results.append(Occurrence(activity, start, end, recurrence_id=named))
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
    results: list[Occurrence] = []
    starts, truncated = _naive_starts(activity, window_start, window_end, None, length)
    for naive in starts:
        start = naive.date()
        end = start + length
        if start < end_day and end > first_day:
            results.append(Occurrence(activity, start, end, recurrence_id=start))
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
) -> tuple[list[datetime], bool]:
    """Wall-clock starts that can overlap the window (a little wider; the caller filters),
    and whether MAX_INSTANCES_PER_WINDOW cut them short."""
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
        return ([dtstart] if low <= dtstart <= high else []), False
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
    found: list[datetime] = []
    for count, naive in enumerate(instances):
        if naive > high:
            break
        if count == MAX_INSTANCES_PER_WINDOW:
            return found, True
        if naive not in excluded:
            found.append(naive)
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
        raise RecurrenceError(
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
