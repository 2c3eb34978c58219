"""Time zones at the iCalendar edge: VTIMEZONE out, IANA names in (also from Windows names)."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from planner.domain.timezones import all_zone_names


@functools.lru_cache(maxsize=64)
def vtimezone(zone: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `zone` valid from `first` to `last`, built from the tz database.

    icalendar writes each observance's later onsets as one multi-valued RDATE; Thunderbird reads
    only the first value of such a line and would put later summers an hour off, so every onset
    gets an RDATE line of its own, as Apple and Google write them.
    """
    component = Timezone.from_tzinfo(ZoneInfo(zone), tzid=zone, first_date=first, last_date=last)
    for observance in component.subcomponents:
        rdates = observance.pop("RDATE", None)
        if rdates is None:
            continue
        for prop in rdates if isinstance(rdates, list) else [rdates]:
            for period in prop.dts:
                observance.add("RDATE", period.dt)
    return component


def iana_name(value: tzinfo | None) -> str | None:
    """The IANA name of a parsed time zone, or None if it is not one we can name."""
    if value is None:
        return None
    if value is UTC:
        return "UTC"
    if isinstance(value, ZoneInfo):
        return value.key if value.key in all_zone_names() else None
    name = getattr(value, "zone", None) or getattr(value, "key", None)  # pytz-like objects
    if isinstance(name, str):
        name = WINDOWS_TO_OLSON.get(name, name)
        return name if name in all_zone_names() else None
    return None


def iana_for_tzid(tzid: str) -> str | None:
    """The IANA zone a TZID names: an IANA name (also Mozilla's "/mozilla.org/.../Europe/Berlin"
    form) or a Windows name such as "W. Europe Standard Time"; None for anything else."""
    name = tzid.strip().strip('"')
    if name in all_zone_names():
        return name
    windows = WINDOWS_TO_OLSON.get(name)
    if windows is not None:
        return windows if windows in all_zone_names() else None
    parts = [part for part in name.split("/") if part]
    for size in (3, 2, 1):
        candidate = "/".join(parts[-size:])
        if len(parts) >= size and candidate in all_zone_names():
            return candidate
    return None


def zone_of(moment: datetime) -> str | None:
    """The IANA zone a parsed date-time carries, if any."""
    return iana_name(moment.tzinfo)
