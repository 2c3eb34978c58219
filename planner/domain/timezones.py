"""IANA time zone names: validation with a plain message, and the system's own zone."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from planner.errors import InvalidInputError


@functools.lru_cache(maxsize=256)
def zone_info(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name such as `Europe/Berlin`, or a plain error."""
    try:
        if not name or name != name.strip():
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInputError(
            f"Unknown time zone '{name}'. Use an IANA name such as Europe/Berlin "
            "or America/New_York."
        ) from None


#: The names tzdata gives UTC itself. A calendar file writes UTC times with a "Z" and no
#: name, which reads back as "UTC", so these all name the one zone.
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)


def same_zone(first: str, second: str) -> bool:
    """Whether two IANA names are the one zone (only UTC goes by several names here)."""
    return first == second or (first in UTC_NAMES and second in UTC_NAMES)


def skipped_by_clocks(moment: datetime | date) -> bool:
    """Whether `moment` is a wall-clock time its zone skips (02:30 as the clocks go forward)."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return False
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) != moment.replace(tzinfo=None)


def normalized(moment: datetime) -> datetime:
    """The same instant with a real wall-clock reading: a time in a spring-forward gap moves
    past it, and the fold of a repeated hour is set (zoneinfo leaves both as given)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


def local_day(moment: datetime | date, zone: ZoneInfo) -> date:
    """The day `moment` falls on in `zone` (a date, as all-day starts are, is its own day)."""
    return moment.astimezone(zone).date() if isinstance(moment, datetime) else moment


def plus_elapsed(moment: datetime, length: timedelta) -> datetime:
    """`moment` plus `length` of real time: an hour is an hour even across a DST change
    (aware-datetime arithmetic in Python adds wall-clock time instead)."""
    if moment.tzinfo is None:
        return moment + length
    return (moment.astimezone(UTC) + length).astimezone(moment.tzinfo)


def system_zone_name() -> str:
    """The computer's IANA zone name (UTC when it cannot be told)."""
    import tzlocal  # imported lazily: only the first run and `demo` need it

    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises various errors on odd setups; UTC is a safe answer
        return "UTC"
    if not name or name not in all_zone_names() or name in UTC_NAMES:
        return "UTC"  # one name for UTC ("Etc/UTC" on many Linux systems), as files write it
    return name


#: Names tzdata knows that name no place: "localtime" is whatever this computer is set to
#: (a plan or a file carrying it means something else on the next one), "Factory" the
#: placeholder of a computer not set up yet.
_NOT_PLACES = frozenset({"localtime", "Factory"})


@functools.lru_cache(maxsize=1)
def all_zone_names() -> tuple[str, ...]:
    """Every IANA zone name known to this machine (tzdata) that names a place, sorted."""
    return tuple(sorted(available_timezones() - _NOT_PLACES))


def place_zone(name: str) -> ZoneInfo:
    """The zone for a name a person gave for their plan: `zone_info`, and a place's own
    zone (not "localtime", whose meaning moves with the computer)."""
    zone = zone_info(name)
    if name not in all_zone_names():
        raise InvalidInputError(
            f"'{name}' is not a place's time zone. Use an IANA name such as Europe/Berlin "
            "or America/New_York."
        )
    return zone


#: The areas of the zones people live in (IANA's own names); the rest are old aliases
#: ("US/Eastern", "GB"), fixed offsets ("Etc/GMT+5") and rule names ("EST5EDT").
REGIONS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
           "Europe/", "Indian/", "Pacific/")  # fmt: skip


def offered_zone_names() -> tuple[str, ...]:
    """The zones to offer in a list: by region and city, then UTC (any other name still
    works when typed)."""
    return (*(name for name in all_zone_names() if name.startswith(REGIONS)), "UTC")
