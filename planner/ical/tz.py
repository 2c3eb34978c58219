"""Time zones at the iCalendar edge: VTIMEZONE out, IANA names in (also from Windows names)."""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import icalendar
from icalendar import Timezone, vDDDTypes
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from planner.domain.timezones import REGIONS, all_zone_names


@functools.lru_cache(maxsize=64)
def vtimezone(zone: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `zone` valid from `first` to `last`, built from the tz database.

    icalendar writes each observance's later onsets as one multi-valued RDATE; Thunderbird reads
    only the first value of such a line and would put later summers an hour off, so every onset
    gets an RDATE line of its own, as Apple and Google write them, the first one too.
    """
    own = ZoneInfo(zone)
    component = Timezone.from_tzinfo(own, tzid=zone, first_date=first, last_date=last)
    # icalendar's "This timezone only works from … to …": read by a person opening the file
    # (a trial), it sounds like a fault; the observances say the same to a reader.
    component.pop("COMMENT", None)
    for observance in component.subcomponents:
        before, after = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        onset = observance.decoded("DTSTART")
        observance["DTSTART"] = vDDDTypes(_in_offset_before(onset, own, before, after))
        rdates = observance.pop("RDATE", None)
        if rdates is None:
            continue
        # The first onset listed too, as libical writes it: ical.js reads the RDATEs alone
        # once there are any, and put the first year's summer an hour off (a trial); RFC 5545
        # counts an onset given twice once.
        observance.add("RDATE", observance.decoded("DTSTART"))
        for prop in rdates if isinstance(rdates, list) else [rdates]:
            for period in prop.dts:
                observance.add("RDATE", _in_offset_before(period.dt, own, before, after))
    return component


def _in_offset_before(
    onset: datetime, zone: ZoneInfo, before: timedelta, after: timedelta
) -> datetime:
    """An observance's onset as RFC 5545 3.6.5 reads it: the wall-clock time just before the
    change, in TZOFFSETFROM (02:00 as New York's clocks go forward). icalendar writes a
    clock going forward at the time after (03:00), an hour late for readers that follow
    the RFC (dateutil's tzical, Outlook)."""
    if before == after:
        return onset
    for guess in (onset - before, onset - after):
        instant = guess.replace(tzinfo=UTC)
        just_before = instant - timedelta(seconds=1)
        if (
            instant.astimezone(zone).utcoffset() == after
            and just_before.astimezone(zone).utcoffset() == before
        ):
            return guess + before
    return onset


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
    return _by_display_name(name)


#: Outlook's display names: "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna".
_DISPLAY_NAME = re.compile(r"\(UTC(?:([+-])(\d{2}):(\d{2}))?\)\s*(.+)")


def _by_display_name(name: str) -> str | None:
    """The IANA zone of the first city an Outlook display name lists that the tz database
    names, at the offset it gives (in winter or in summer): an event naming its zone so, with
    no VTIMEZONE, had refused the whole file, then was left out (an interop trial)."""
    match = _DISPLAY_NAME.fullmatch(name)
    if match is None:
        return None
    sign, hours, minutes, cities = match.groups()
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    offset = -offset if sign == "-" else offset
    by_city = _zones_by_city()
    for city in cities.split(","):
        for zone in by_city.get(" ".join(city.split()).casefold(), ()):
            here = ZoneInfo(zone)
            seasons = (datetime(2026, month, 15, tzinfo=UTC).astimezone(here) for month in (1, 7))
            if offset in {moment.utcoffset() for moment in seasons}:
                return zone
    return None


@functools.cache
def _zones_by_city() -> dict[str, tuple[str, ...]]:
    """IANA zone names by their last part, read as a city ("new york")."""
    found: dict[str, list[str]] = {}
    for zone in sorted(all_zone_names()):
        city = zone.rsplit("/", 1)[-1].replace("_", " ").casefold()
        found.setdefault(city, []).append(zone)
    return {city: tuple(zones) for city, zones in found.items()}


def zone_of(moment: datetime) -> str | None:
    """The IANA zone a parsed date-time carries, if any."""
    return iana_name(moment.tzinfo)


def matching_zone(moment: datetime) -> str | None:
    """The IANA zone whose clock reads as `moment`'s own zone does (for a year either side
    of the first time asked, to the half hour around each change): for a time zone a file
    describes in a VTIMEZONE under a name of its own ("(UTC-05:00) Eastern Time (US &
    Canada)", as Outlook writes). Converted to the plan's zone instead, a series would keep
    the plan's clock changes, an hour off for weeks. None: no zone reads the same, or
    `moment` has no zone. Asked once per zone name in a file (see forget_matches)."""
    zone = moment.tzinfo
    if zone is None:
        return None
    label = str(getattr(zone, "_tzid", "") or moment.tzname() or "")
    key = (label, type(zone).__name__) if label else (repr(zone), "")
    if key not in _MATCHED:
        try:
            found = _matching(zone, moment.year, label)
        except (TypeError, ValueError, OverflowError):  # an odd tzinfo that cannot be asked
            found = None
        _MATCHED[key] = found
    return _MATCHED[key]


_MATCHED: dict[tuple[str, str], str | None] = {}


def forget_matches() -> None:
    """Start a new file: a TZID names one zone within a file, not across files (Outlook
    calls every zone it made up "Customized Time Zone"). icalendar keeps the zones built
    from VTIMEZONEs for the whole process, the first file's winning; choosing its zoneinfo
    provider again starts it afresh."""
    _MATCHED.clear()
    icalendar.use_zoneinfo()  # type: ignore[no-untyped-call]


#: Zones named by place (not the old aliases such as "US/Eastern" or "EST5EDT").

#: Where most people live: of zones that read alike and that the file's name does not tell
#: apart, one of these is the likelier meaning.
_MAJOR = frozenset({
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Toronto",
    "America/Mexico_City", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
    "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Athens", "Europe/Helsinki",
    "Europe/Kyiv", "Europe/Moscow", "Europe/Istanbul", "Africa/Cairo", "Africa/Lagos",
    "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Singapore",
    "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Australia/Melbourne",
    "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth", "Pacific/Auckland",
})  # fmt: skip


def _words(text: str) -> set[str]:
    ignored = {"utc", "gmt", "time", "standard", "daylight", "zone", "and"}
    found = {word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)}
    return found - ignored


def _matching(zone: tzinfo, year: int, label: str) -> str | None:
    first = datetime(max(year - 1, 1901), 1, 1, 12, tzinfo=UTC)
    days = [first + timedelta(days=n) for n in range(3 * 366)]

    def offsets(candidate: tzinfo, at: list[datetime]) -> list[timedelta | None]:
        return [moment.astimezone(candidate).utcoffset() for moment in at]

    # A quick look at four days a year first, then every day for the few zones left, then
    # every half hour of the days the clocks change (Havana changes at midnight, New York
    # at two: alike at noon).
    seasons = days[14::91]
    wanted_seasons = offsets(zone, seasons)
    wanted_days = offsets(zone, days)
    changes = [
        days[n] + timedelta(minutes=30 * step)
        for n in range(len(days) - 1)
        if wanted_days[n] != wanted_days[n + 1]
        for step in range(49)
    ]
    wanted_changes = offsets(zone, changes)
    # Of zones that read alike, the one the file's own name speaks of ("Eastern" in
    # "(UTC-05:00) Eastern Time (US & Canada)", as Windows' "Eastern Standard Time" names
    # New York; "Berlin" in "Amsterdam, Berlin, Bern..."), then where most people live,
    # then the one the plainest Windows name stands for.
    said = _words(label)
    spoken: dict[str, tuple[int, int]] = {}  # zone: (-words heard, length of the name)
    for windows, name in WINDOWS_TO_OLSON.items():
        heard = (-len(said & _words(windows)), len(windows))
        spoken[name] = min(spoken.get(name, heard), heard)

    def preference(name: str) -> tuple[int, bool, int, str]:
        heard, length = spoken.get(name, (0, 999))
        return (heard - len(said & _words(name.replace("_", " "))), name not in _MAJOR, length,
                name)  # fmt: skip

    for name in sorted((n for n in all_zone_names() if n.startswith(REGIONS)), key=preference):
        candidate = ZoneInfo(name)
        if (
            offsets(candidate, seasons) == wanted_seasons
            and offsets(candidate, days) == wanted_days
            and offsets(candidate, changes) == wanted_changes
        ):
            return name
    return None
