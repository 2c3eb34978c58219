"""Repeat rules (RFC 5545 RRULE) and their expansion into occurrences, one window at a time.

Expansion happens in naive wall-clock time in the activity's zone, and the zone is attached to
each result afterwards, so a weekly 9:00 stays at 9:00 across daylight-saving changes (khal's
insight). Rules are only ever asked for a window; nothing is materialised to a horizon.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from planner.domain.activities import Activity
from planner.domain.occurrences import Occurrence
from planner.domain.timezones import zone_info
from planner.errors import RecurrenceError

#: Hard bound on how many instances one activity may yield for one window. A rule such as
#: FREQ=SECONDLY would otherwise produce millions; views only ever show a few weeks.
MAX_INSTANCES_PER_WINDOW = 2000

#: Wall-clock conversions of the window may be off by a DST shift; callers filter exactly.
_DST_SLACK = timedelta(hours=3)
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", re.IGNORECASE)
_UNSUPPORTED_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR")
_UNSUPPORTED_FREQS = ("SECONDLY", "MINUTELY")


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
            f"The repeat rule '{text.strip()}' cannot be read: {error}."
        ) from None
    if not isinstance(rule, rrule):
        raise RecurrenceError(f"The repeat rule '{text.strip()}' must be a single RRULE.")
    return rule


def normalize_rule(text: str, *, start: datetime | date, zone: ZoneInfo) -> str:
    """Validate `text` against `start` and return canonical RRULE text (no `RRULE:` prefix).

    UNTIL is written as a UTC date-time for timed activities and as a date for all-day ones,
    which is what RFC 5545 (3.3.10) asks for beside a DTSTART with TZID or VALUE=DATE.
    """
    body = _strip_prefix(text).upper()
    if "\n" in body or (not body.startswith("FREQ=") and ";FREQ=" not in body):
        raise RecurrenceError(f"The repeat rule '{text.strip()}' needs a FREQ, e.g. FREQ=WEEKLY.")
    _check_parts(text, body)
    if isinstance(start, datetime):
        # A date-only UNTIL beside a timed start means "through that day" (RFC 5545 wants a
        # date-time there; read leniently, as Google and Apple do).
        body = re.sub(r"UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", body)
    naive = _naive_start(start, zone)
    rule = parse_rule(body, dtstart=naive, zone=zone)
    if next(iter(rule), None) is None:
        raise RecurrenceError(f"The repeat rule '{text.strip()}' never produces a date.")
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


def _check_parts(text: str, body: str) -> None:
    """Reject what dateutil accepts but RFC 5545 or a life planner does not."""
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        name, _, value = chunk.partition("=")
        if not name or not value:
            raise RecurrenceError(f"The repeat rule '{text.strip()}' has an empty part.")
        parts[name.strip()] = value.strip()
    if any(part in parts for part in _UNSUPPORTED_PARTS):
        raise RecurrenceError("Repeats at set hours, minutes or seconds are not supported.")
    if parts.get("FREQ") in _UNSUPPORTED_FREQS:
        raise RecurrenceError("Repeats every minute or second are not supported.")
    if "COUNT" in parts and "UNTIL" in parts:
        # RFC 5545 3.3.10: COUNT and UNTIL MUST NOT occur in the same rule.
        raise RecurrenceError(
            "A repeat rule can end after a number of times or on a date, not both."
        )
    for name in ("INTERVAL", "COUNT"):
        if name in parts and (not parts[name].isdigit() or int(parts[name]) < 1):
            raise RecurrenceError(f"{name} in a repeat rule must be a whole number of at least 1.")


def expand(activity: Activity, first_day: date, end_day: date, zone: ZoneInfo) -> list[Occurrence]:
    """The occurrences of `activity` that overlap the days `[first_day, end_day)` in `zone`.

    In start order. Deleted instances (exception dates) are left out; changed ones appear
    where their override put them. At most MAX_INSTANCES_PER_WINDOW
    instances are produced for one window.
    """
    if activity.all_day:
        return _expand_all_day(activity, first_day, end_day)
    return _expand_timed(activity, first_day, end_day, zone)


def _expand_timed(
    activity: Activity, first_day: date, end_day: date, zone: ZoneInfo
) -> list[Occurrence]:
    assert isinstance(activity.start, datetime)
    own_zone = zone_info(activity.zone)
    window_start = datetime.combine(first_day, time(0), tzinfo=zone)
    window_end = datetime.combine(end_day, time(0), tzinfo=zone)
    length = activity.duration
    results: list[Occurrence] = []
    for naive in _naive_starts(activity, window_start, window_end, own_zone, length):
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
    return results


def _expand_all_day(activity: Activity, first_day: date, end_day: date) -> list[Occurrence]:
    length = activity.duration
    window_start = datetime.combine(first_day, time(0))
    window_end = datetime.combine(end_day, time(0))
    results: list[Occurrence] = []
    for naive in _naive_starts(activity, window_start, window_end, None, length):
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
    return results


def _naive_starts(
    activity: Activity,
    window_start: datetime,
    window_end: datetime,
    own_zone: ZoneInfo | None,
    length: timedelta,
) -> Iterator[datetime]:
    """Wall-clock starts that can overlap the window (a little wider; the caller filters)."""
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
        if low <= dtstart <= high:
            yield dtstart
        return
    zone = own_zone or ZoneInfo("UTC")
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=zone)
    excluded = {_naive_start(value, own_zone) for value in activity.exdates}
    # Changed instances are produced from their override, wherever they moved to.
    excluded.update(_naive_start(o.recurrence_id, own_zone) for o in activity.overrides)
    instances = rule.xafter(max(low, dtstart), inc=True)
    for naive in itertools.islice(instances, MAX_INSTANCES_PER_WINDOW):
        if naive > high:
            break
        if naive not in excluded:
            yield naive


def _naive_start(value: datetime | date, zone: ZoneInfo | None) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(zone).replace(tzinfo=None) if zone else value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


def _strip_prefix(text: str) -> str:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    return body


def _until_local(match: re.Match[str], zone: ZoneInfo) -> str:
    day, clock, utc = match.group(1), match.group(2), match.group(3)
    if not clock or not utc:
        return match.group(0).split("=", 1)[1]
    try:
        instant = datetime.strptime(day + clock, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        raise RecurrenceError(f"The end date UNTIL={day}T{clock}Z is not a real date.") from None
    return instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def last_start(activity: Activity, *, limit: int = 5000) -> datetime | date | None:
    """A start no earlier than the series' final instance; None when it may repeat without end.

    Exact for one-off activities and COUNT rules; for an UNTIL rule it is the UNTIL moment
    itself, so saving never expands a long series. A COUNT beyond `limit` counts as endless.
    Storage, change ranges and VTIMEZONE coverage only need a bound, so erring wide is safe.
    """
    if activity.rrule is None:
        return activity.start
    own_zone = None if activity.all_day else zone_info(activity.zone)
    match = _UNTIL.search(activity.rrule)
    if match:
        day = datetime.strptime(match.group(1), "%Y%m%d")  # noqa: DTZ007 - zone attached below
        if own_zone is None:
            return day.date()
        clock = datetime.strptime(match.group(2) or "235959", "%H%M%S").time()  # noqa: DTZ007
        until = datetime.combine(day.date(), clock)
        if match.group(3):
            return until.replace(tzinfo=UTC).astimezone(own_zone)
        return until.replace(tzinfo=own_zone)
    if "COUNT=" not in activity.rrule:
        return None
    dtstart = _naive_start(activity.start, own_zone)
    rule = parse_rule(activity.rrule, dtstart=dtstart, zone=own_zone or ZoneInfo("UTC"))
    instances = list(itertools.islice(rule, limit + 1))
    if not instances or len(instances) > limit:
        return None
    last = instances[-1]
    if own_zone is None:
        return last.date()
    return last.replace(tzinfo=own_zone)
