"""IANA time zone names: validation with a plain message, and the system's own zone."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
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


def normalized(moment: datetime) -> datetime:
    """The same instant with a real wall-clock reading: a time in a spring-forward gap moves
    past it, and the fold of a repeated hour is set (zoneinfo leaves both as given)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


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
    return name if name and name in all_zone_names() else "UTC"


@functools.lru_cache(maxsize=1)
def all_zone_names() -> tuple[str, ...]:
    """Every IANA zone name known to this machine (tzdata), sorted."""
    return tuple(sorted(available_timezones()))
