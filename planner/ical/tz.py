"""Time zones at the iCalendar edge: VTIMEZONE out, IANA names in (also from Windows names)."""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
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


def matching_zone(moment: datetime) -> str | None:
    """The IANA zone whose clock reads as `moment`'s own zone does for a year either side:
    for a time zone a file describes in a VTIMEZONE under a name of its own ("(UTC-05:00)
    Eastern Time (US & Canada)", as Outlook writes). Converted to the plan's zone instead,
    a series would keep the plan's summer time, an hour off for weeks. None: no zone reads
    the same, or `moment` has no zone."""
    zone = moment.tzinfo
    if zone is None:
        return None
    try:
        return _matching(zone, moment.year, moment.tzname() or "")
    except (TypeError, ValueError, OverflowError):  # an odd tzinfo that cannot be asked
        return None


#: Zones named by place (not the old aliases such as "US/Eastern" or "EST5EDT").
_REGIONS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
            "Europe/", "Indian/", "Pacific/")  # fmt: skip


def _words(text: str) -> set[str]:
    ignored = {"utc", "gmt", "time", "standard", "daylight", "zone", "and"}
    found = {word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)}
    return found - ignored


@functools.lru_cache(maxsize=64)
def _matching(zone: tzinfo, year: int, label: str) -> str | None:
    first = datetime(max(year - 1, 1901), 1, 1, 12, tzinfo=UTC)
    days = [first + timedelta(days=n) for n in range(3 * 366)]

    def offsets(candidate: tzinfo, at: list[datetime]) -> list[timedelta | None]:
        return [moment.astimezone(candidate).utcoffset() for moment in at]

    # A quick look at four days a year first, then every day for the few zones left.
    seasons = days[14::91]
    wanted_seasons = offsets(zone, seasons)
    # Of zones that read alike, the one the file's own name speaks of ("Eastern" in
    # "(UTC-05:00) Eastern Time (US & Canada)", as Windows' "Eastern Standard Time" names
    # New York; "Berlin" in "Amsterdam, Berlin, Bern..."), then one Windows names at all.
    said = _words(getattr(zone, "_tzid", "") or label)
    spoken: dict[str, tuple[int, int]] = {}  # zone: (-words heard, length of the name)
    for windows, name in WINDOWS_TO_OLSON.items():
        # Of "Eastern Standard Time" (New York) and "US Eastern Standard Time" (Indiana),
        # the plainer name is the one meant.
        heard = (-len(said & _words(windows)), len(windows))
        spoken[name] = min(spoken.get(name, heard), heard)

    def preference(name: str) -> tuple[int, int, str]:
        heard, length = spoken.get(name, (0, 999))
        return (heard - len(said & _words(name.replace("_", " "))), length, name)

    names = sorted(all_zone_names(), key=preference)
    candidates = [
        name for name in names
        if name.startswith(_REGIONS) and offsets(ZoneInfo(name), seasons) == wanted_seasons
    ]  # fmt: skip
    if not candidates:
        return None
    wanted = offsets(zone, days)
    return next((name for name in candidates if offsets(ZoneInfo(name), days) == wanted), None)
