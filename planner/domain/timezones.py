"""IANA time zone names: validation with a plain message, and the system's own zone."""

from __future__ import annotations

import functools
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
