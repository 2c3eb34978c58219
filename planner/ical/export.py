"""Activities to an iCalendar file that Google Calendar and Apple Calendar import cleanly."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from icalendar import Alarm, Calendar, Event, vCategory, vDDDTypes, vDuration, vInt, vRecur, vText

from planner import __version__
from planner.domain import recurrence
from planner.domain.activities import Activity, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.occurrences import instance_key
from planner.domain.timezones import plus_elapsed, skipped_by_clocks, zone_info
from planner.errors import CancelledError, StorageError
from planner.ical import tz

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

PRODID = f"-//Rekindle//Rekindle {__version__}//EN"
#: Rekindle's own property: the plan step, so our exports come back whole.
STEP_PROPERTY = "X-REKINDLE-STEP"
#: How far ahead a VTIMEZONE reaches when a series repeats without end: for a reader that
#: uses the file's own zone rather than its name (Outlook), later summers would be an hour
#: off. Ten years was said short by a trial; fifty add about 2 KB per zone.
ENDLESS_COVER = timedelta(days=50 * 366)
#: The calendar's name in a disguised export (the plan's name would say what it is about).
DISGUISED_CALENDAR_NAME = "Personal"

#: Rekindle's own mark of an occurrence done, beside the check mark in its title.
DONE_PROPERTY = "X-REKINDLE-DONE"
#: Rekindle's own mark of an occurrence skipped (other calendars show it as planned).
SKIPPED_PROPERTY = "X-REKINDLE-SKIPPED"
#: On the calendar: the program whose steps X-REKINDLE-STEP numbers (absent when disguised).
PROGRAM_PROPERTY = "X-REKINDLE-PROGRAM"
#: On the calendar: the plan's time zone (not X-WR-TIMEZONE, which tells other apps to move
#: UTC times into it, and would so change a series kept in UTC).
ZONE_PROPERTY = "X-REKINDLE-ZONE"
#: On the calendar: LEFT-OUT when notes were kept private, INCLUDED when they went along.
#: Only a file of ours that says INCLUDED clears notes here with an event that has none: any
#: other (Google and Apple drop the line) keeps the notes an import finds here.
NOTES_PROPERTY = "X-REKINDLE-NOTES"
NOTES_LEFT_OUT = "LEFT-OUT"
NOTES_INCLUDED = "INCLUDED"
#: On the calendar of a disguised export: its titles are the neutral ones, and the places
#: left out, so an import of it keeps the words it has here (it had put "Busy" over them).
TITLES_PROPERTY = "X-REKINDLE-TITLES"
TITLES_NEUTRAL = "NEUTRAL"
#: What a private export writes in place of the partner's name.
PARTNER_WORDS = "my partner"
#: On an event: which of its texts (SUMMARY, LOCATION) had the partner's name replaced.
NAME_PROPERTY = "X-REKINDLE-NAME-LEFT-OUT"
DONE_MARK = "✓ "
#: Before a skipped occurrence's title, so another calendar does not show it as planned
#: (a re-trial); it is shown free, not busy, too.
SKIPPED_MARK = "(skipped) "

#: What a reminder (VALARM) says: never a title, a note or the partner's name, since a
#: phone's lock screen shows it to whoever is near.
ALARM_TEXT = "Reminder: something you planned"

#: Neutral titles for a calendar that other people can see (`--disguise`).
DISGUISED_TITLES = {
    Category.SELF_CARE: "Personal time",
    Category.REFLECTION: "Personal time",
    Category.GROWTH: "Learning time",
    Category.SPACE: "Personal time",
    Category.MESSAGE: "Call",
    Category.MEETUP: "Coffee",
    Category.APOLOGY: "Walk",
    Category.OUTING: "Outing",
    Category.GESTURE: "Errand",
    Category.OTHER: "Busy",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What leaves the machine. Private by default: no notes, no partner's name."""

    include_notes: bool = False
    disguise: bool = False
    partner_name: str | None = None
    calendar_name: str = "Rekindle"
    #: The plan's program, so a file imported into a new plan starts it on the same steps.
    program_id: str | None = None
    #: The plan's time zone, so a new plan from this file shows the same times.
    plan_zone: str | None = None


#: Called with (done, total); returning False cancels.
Progress = Callable[[int, int], bool]


def build_calendar(
    activities: Sequence[Activity],
    *,
    options: ExportOptions,
    now: datetime,
    progress: Progress | None = None,
    done: frozenset[tuple[str, datetime | date]] = frozenset(),
    skipped: frozenset[tuple[str, datetime | date]] = frozenset(),
) -> Calendar:
    """One VCALENDAR holding every activity (a series as RRULE, EXDATE and override VEVENTs).

    `done` names the occurrences marked done, as (UID, instance key): they stay in the file
    with a check mark in the title (a one-off directly, a series instance as a changed
    instance), so both Google and Apple show them as completed. `skipped`, those marked
    skipped: the same way, with our mark alone, so an import here keeps it (a round trip
    had brought them back as open: a trial).
    """
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    scrub = _scrubber(options)
    name = calendar_name(options)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("NAME", name)  # RFC 7986
    if options.program_id and not options.disguise:  # a disguised file says nothing of steps
        calendar.add(PROGRAM_PROPERTY, options.program_id)
    if options.plan_zone:
        calendar.add(ZONE_PROPERTY, options.plan_zone)
    calendar.add(NOTES_PROPERTY, NOTES_INCLUDED if options.include_notes else NOTES_LEFT_OUT)
    if options.disguise:
        calendar.add(TITLES_PROPERTY, TITLES_NEUTRAL)
    writer = _EventWriter(options, scrub, now, done, skipped)
    zones: dict[str, tuple[date, date]] = {}
    total = len(activities)
    for count, activity in enumerate(activities, start=1):
        calendar.add_component(writer.master(activity))
        for override in (*activity.overrides, *writer.completed_instances(activity)):
            calendar.add_component(writer.changed_instance(activity, override))
        if not activity.all_day:
            first, last = _cover(activity, now)
            known = zones.get(activity.zone)
            zones[activity.zone] = (
                (min(known[0], first), max(known[1], last)) if known else (first, last)
            )
        if progress is not None and count % 200 == 0 and not progress(count, total):
            raise CancelledError
    # VTIMEZONEs go first, as some readers expect them before the events that use them.
    for index, (name, (first, last)) in enumerate(sorted(zones.items())):
        if name != "UTC":
            calendar.subcomponents.insert(index, tz.vtimezone(name, first, last))
    return calendar


class _EventWriter:
    """Turns activities into VEVENTs, sharing the property values that repeat.

    Typed values are set directly (the same output as Event.add() at half the cost), and
    values that many events share (DTSTAMP, STATUS, CATEGORIES, the step) are built once:
    building property objects was most of an export's own time (bench/interop.py, profiled).
    """

    def __init__(
        self,
        options: ExportOptions,
        scrub: Callable[[str], str],
        now: datetime,
        done: frozenset[tuple[str, datetime | date]],
        skipped: frozenset[tuple[str, datetime | date]] = frozenset(),
    ) -> None:
        self._done, self._skipped = done, skipped
        self._marked: dict[str, list[datetime | date]] = {}
        for uid, key in done | skipped:
            self._marked.setdefault(uid, []).append(key)
        self._options = options
        self._scrub = scrub
        self._shared: dict[tuple[str, object], Any] = {}
        self._stamp = vDDDTypes(now)

    def _once(self, kind: str, value: object, build: Callable[[], Any]) -> Any:
        key = (kind, value)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = build()
        return found

    def completed_instances(self, activity: Activity) -> list[OccurrenceOverride]:
        """Series instances marked done or skipped that have no changed instance of their own.

        Only instances the series still has: a mark kept from before a newer file shortened
        the series (or left that day out) would be a RECURRENCE-ID the rule does not give,
        which Google, Apple and recurring-ical-events show as an extra occurrence.
        """
        if activity.rrule is None:
            return []
        changed = {override.recurrence_id for override in activity.overrides}
        marked = [key for key in self._marked.get(activity.uid, ()) if key not in changed]
        if not marked:
            return []
        existing = recurrence.existing_instances(activity, marked)
        own = None if activity.all_day else zone_info(activity.zone)
        length = activity.duration
        found = []
        for key in sorted(existing, key=str):
            start = _wall_clock(key, own)
            end = (
                (start.astimezone(UTC) + length).astimezone(own)
                if isinstance(start, datetime)
                else start + length
            )
            found.append(OccurrenceOverride(key, start, end, activity.title, activity.location,
                                            activity.notes))  # fmt: skip
        return found

    def master(self, activity: Activity) -> Event:
        # A one-off's own mark only: one left from when it repeated is not shown anywhere.
        itself = (activity.uid, instance_key(activity.start))
        one_off_done = activity.rrule is None and itself in self._done
        one_off_skipped = activity.rrule is None and itself in self._skipped
        start, end = activity.start, activity.end
        if activity.rrule is not None:
            # DTSTART is the first instance for every reader (RFC 5545 3.8.5.3); a start the
            # rule leaves out would be an extra occurrence in some of them.
            first = recurrence.first_instance(activity)
            if first != start and not skipped_by_clocks(first):  # a start the clocks skip: readers
                # would each end it differently; the start as it is then, rare as it is
                start = first
                end = plus_elapsed(first, activity.duration) if isinstance(first, datetime) else (
                    first + activity.duration
                )  # fmt: skip
        if activity.rrule is not None and isinstance(start, datetime) and start.fold:
            # A series is written in its zone's wall-clock time, never in UTC, or it would
            # repeat in UTC. In a repeated hour that names the first reading, which is where
            # the series begins (see validate_draft; older files may hold the second).
            first = start.replace(fold=0)
            start, end = first, plus_elapsed(first, activity.duration)
        repeats = activity.rrule is not None
        event = self._event(activity, start, end, activity.title, activity.location,
                            activity.notes, one_off_done, repeats=repeats,
                            skipped=one_off_skipped)  # fmt: skip
        if activity.rrule is not None:
            try:
                event["RRULE"] = vRecur.from_ical(activity.rrule)
            except ValueError:  # stored by another program: say which, rather than a trace
                raise StorageError(
                    f"“{activity.title}” has a repeat rule a calendar file cannot hold "
                    f"({activity.rrule}); edit its repeat, then export again. Nothing was "
                    "written."
                ) from None
            own = None if activity.all_day else zone_info(activity.zone)
            for value in activity.exdates:
                event.add("EXDATE", _wall_clock(value, own))
        return event

    def changed_instance(self, activity: Activity, override: OccurrenceOverride) -> Event:
        name = (activity.uid, override.recurrence_id)
        event = self._event(activity, override.start, override.end, override.title,
                            override.location, override.notes, name in self._done,
                            skipped=name in self._skipped)  # fmt: skip
        own = None if activity.all_day else zone_info(activity.zone)
        event.add("RECURRENCE-ID", _wall_clock(override.recurrence_id, own))
        return event

    def _event(
        self,
        activity: Activity,
        start: datetime | date,
        end: datetime | date,
        title: str,
        location: str,
        notes: str,
        done: bool = False,
        *,
        repeats: bool = False,
        skipped: bool = False,
    ) -> Event:
        options, scrub = self._options, self._scrub
        event = Event()
        event["UID"] = vText(activity.uid)
        event["DTSTAMP"] = self._stamp
        event["CREATED"] = self._once("stamp", activity.created,
                                      lambda: vDDDTypes(activity.created))  # fmt: skip
        event["LAST-MODIFIED"] = self._once("stamp", activity.modified,
                                            lambda: vDDDTypes(activity.modified))  # fmt: skip
        event["SEQUENCE"] = vInt(activity.revision)
        own = zone_info(activity.zone)
        written_start, written_end = _local(start, own), _local(end, own)
        event["DTSTART"] = vDDDTypes(written_start)
        if (
            repeats
            and activity.duration < timedelta(days=1)  # written in hours and minutes: exact
            and _wall_clock_length_differs(written_start, written_end)
        ):
            # Readers give every instance DTEND - DTSTART in wall-clock time, which for a
            # first instance the clocks change in (or skip the start of) is not its length.
            event["DURATION"] = vDuration(activity.duration)
        else:
            event["DTEND"] = vDDDTypes(written_end)
        category = activity.category
        if options.disguise:
            event["SUMMARY"] = self._once("disguise", category,
                                          lambda: vText(DISGUISED_TITLES[category]))  # fmt: skip
        else:
            said = scrub(title)
            mark = DONE_MARK if done else SKIPPED_MARK if skipped else ""
            event["SUMMARY"] = _Written(f"{mark}{said}")
            event["CATEGORIES"] = self._once("category", category,
                                             lambda: vCategory([category.id]))  # fmt: skip
            event[STEP_PROPERTY] = self._once("step", activity.step,
                                              lambda: vText(str(activity.step)))  # fmt: skip
            left_out = ["SUMMARY"] if said != title else []
            if location:
                place = scrub(location)
                event["LOCATION"] = _Written(place)
                if place != location:
                    left_out.append("LOCATION")
            if left_out:  # so an import elsewhere keeps the name it already has
                event[NAME_PROPERTY] = vText(",".join(left_out))
        if options.include_notes and notes:
            event["DESCRIPTION"] = _Written(notes)
        event["STATUS"] = self._once("status", "CONFIRMED", lambda: vText("CONFIRMED"))
        if done:
            event[DONE_PROPERTY] = self._once("done", True, lambda: vText("TRUE"))
        elif skipped:
            event[SKIPPED_PROPERTY] = self._once("skipped", True, lambda: vText("TRUE"))
        transparency = "TRANSPARENT" if activity.all_day or skipped else "OPAQUE"
        event["TRANSP"] = self._once("transp", transparency, lambda: vText(transparency))
        # Most have none: no work for them. A skipped one rings no more (a review).
        for minutes in () if skipped else activity.reminders:
            event.add_component(self._alarm(minutes))
        return event

    def _alarm(self, minutes: int) -> Alarm:
        """A VALARM `minutes` before the start, relative to DTSTART (for an all-day event,
        its local midnight), with the neutral text only."""
        alarm = Alarm()
        alarm["ACTION"] = self._once("action", "DISPLAY", lambda: vText("DISPLAY"))
        alarm["TRIGGER"] = self._once("trigger", minutes,
                                      lambda: vDuration(-timedelta(minutes=minutes)))  # fmt: skip
        alarm["DESCRIPTION"] = self._once("alarm", ALARM_TEXT, lambda: vText(ALARM_TEXT))
        return alarm


def _local(value: datetime | date, zone: ZoneInfo) -> datetime | date:
    """A time as TZID wall-clock text, or in UTC for the second pass of a repeated hour.

    A TZID time in a fall-back night's repeated hour means the first of the two (RFC 5545
    3.3.5), so the second one is written as the UTC instant it is.
    """
    if not isinstance(value, datetime):
        return value
    local = value.astimezone(zone)
    return local.astimezone(UTC) if local.fold else local


def _wall_clock_length_differs(start: datetime | date, end: datetime | date) -> bool:
    """Whether a timed event's end minus its start on the wall clock is not the real time
    between them (the clocks change between them, or skip the start)."""
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return False
    if start.tzinfo is not end.tzinfo:  # one of them written in UTC: not on the same clock
        return False
    wall = end.replace(tzinfo=None) - start.replace(tzinfo=None)
    return wall != end.astimezone(UTC) - start.astimezone(UTC)


def _wall_clock(value: datetime | date, zone: ZoneInfo | None) -> datetime | date:
    """A stored wall-clock start (naive, in the activity's zone) as an aware value."""
    if isinstance(value, datetime) and zone is not None:
        return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
    return value


def _cover(activity: Activity, now: datetime) -> tuple[date, date]:
    """The days a VTIMEZONE for this activity must cover (with a day of slack each side)."""
    assert isinstance(activity.start, datetime)
    first = activity.start.date()
    final = recurrence.last_start(activity)
    if isinstance(final, datetime):
        last = (final + activity.duration).date()
    else:
        last = max(now.date(), first) + ENDLESS_COVER
    for override in activity.overrides:
        if isinstance(override.start, datetime) and isinstance(override.end, datetime):
            first, last = min(first, override.start.date()), max(last, override.end.date())
    return first - timedelta(days=1), last + timedelta(days=1)


def calendar_name(options: ExportOptions) -> str:
    """The name the calendar goes out under: neutral when disguised, and without the
    partner's name unless the notes (and names) go too."""
    if options.disguise:
        return DISGUISED_CALENDAR_NAME
    return _scrubber(options)(options.calendar_name)


def _scrubber(options: ExportOptions) -> Callable[[str], str]:
    """Replaces the partner's name unless notes (and names) were chosen to leave."""
    if options.include_notes:
        return lambda text: text
    return partner_scrubber(options.partner_name)


def partner_scrubber(partner_name: str | None) -> Callable[[str], str]:
    """Replaces the partner's name (and each part of it) with "my partner", as an export
    without notes writes titles and places."""
    name = (partner_name or "").strip()
    if not name:
        return lambda text: text
    # The whole name first, then each part of it ("Sam Taylor": also "Sam", "Taylor").
    parts = sorted({name, *(p for p in re.split(r"[\s-]+", name) if len(p) >= 2)}, key=len,
                   reverse=True)  # fmt: skip
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in parts) + r")\b", re.IGNORECASE)
    return lambda text: pattern.sub(PARTNER_WORDS, text)


def to_bytes(calendar: Calendar) -> bytes:
    """The calendar as RFC 5545 text: CRLF line ends and folded lines (icalendar does both)."""
    # Insertion order (UID first) rather than icalendar's alphabetical sort: readable, and the
    # sort was a fifth of the serialization time (bench/interop.py).
    return bytes(calendar.to_ical(sorted=False))


class _Written(vText):
    """Text a person wrote (a title, a place, notes), escaped so it reads back the same.

    icalendar's TEXT escaping (7.x) first takes a backslash followed by "N" in the value for an
    already escaped line break, so "C:\\New plans" would come back on two lines. Around that
    one pair, icalendar escapes the text; the pair itself is written as an escaped backslash
    and an N.
    """

    def to_ical(self) -> bytes:
        return b"\\\\N".join(vText(part).to_ical() for part in str(self).split("\\N"))
