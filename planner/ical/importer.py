"""iCalendar files (Google, Apple, Outlook, Thunderbird, our own) to activity drafts.

Nothing here touches storage: the result is a list of drafts with their UIDs and a list of
what was skipped and why. Any problem that would make the import partial is an error that
names the line, so the service can refuse the whole file and change nothing.
"""

from __future__ import annotations

import bisect
import codecs
import re
import warnings
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import x_wr_timezone
from icalendar import Calendar, Component

from planner.domain import recurrence, reminders
from planner.domain.activities import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_EXCEPTIONS,
    MAX_TITLE_LENGTH,
    ActivityDraft,
    OccurrenceOverride,
    span,
    validate_draft,
)
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.domain.text import length, shortened, shows_something
from planner.domain.timezones import plus_elapsed, skipped_by_clocks, zone_info
from planner.errors import FileFormatError, PlannerError, RecurrenceError, UnplannableError
from planner.ical import tz
from planner.ical.export import (
    DONE_MARK,
    DONE_PROPERTY,
    NAME_PROPERTY,
    NOTES_INCLUDED,
    NOTES_PROPERTY,
    SKIPPED_MARK,
    SKIPPED_PROPERTY,
    STEP_PROPERTY,
    TITLES_NEUTRAL,
    TITLES_PROPERTY,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Components that are not events, as the report names them.
_NOT_EVENTS = {
    "VTODO": "a to-do",
    "VJOURNAL": "a journal entry",
    "VFREEBUSY": "free/busy information",
    "VAVAILABILITY": "availability information",
}
#: Properties RFC 5545 (3.6.1) allows once per event; icalendar makes a list of repeats.
_ONCE = (
    "UID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RECURRENCE-ID",
    "SEQUENCE",
    "STATUS",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
)
_QUIET = {"VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM"}
#: What Rekindle reads of an event to plan it. A line giving anything else that cannot be
#: read (a CREATED in the year 0, an ORGANIZER written oddly, an alarm's TRIGGER) is left
#: out, and said, instead of refusing the whole file (a Google export of 4,778 events was
#: refused over one CREATED).
_NEEDED = frozenset({
    "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
    "RECURRENCE-ID", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "SEQUENCE", "CATEGORIES",
    "BEGIN", "END", "TZID", "TZOFFSETFROM", "TZOFFSETTO",
})  # fmt: skip
#: How many unreadable lines Rekindle does without, in one file, before refusing it.
_MAX_LEFT_OUT = 50
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Calendars nest four deep (VCALENDAR > VEVENT > VALARM, VTIMEZONE > STANDARD); icalendar
#: reads nesting recursively, so thousands of BEGIN lines would exhaust Python's stack.
_MAX_DEPTH = 8
_NEWLINE = re.compile(r"\r?\n")
_NAME = re.compile(r"([^:;]*)[:;]")
_BARE_NAME = re.compile(r"([A-Za-z0-9-]+)")


@dataclass(frozen=True, slots=True)
class ImportedActivity:
    """A validated draft with the identity it had in the file."""

    uid: str
    sequence: int
    draft: ActivityDraft
    #: Whether the step and the category were said, by the file or by the person importing
    #: it (--step, --category), rather than filled in: a copy imported before keeps the ones
    #: chosen for it here when the file says none. Required, so no reader forgets them.
    says_step: bool
    says_category: bool
    #: Whether the file itself names one of our categories (--category is for those that
    #: do not, also when they were imported before).
    names_category: bool = False
    #: The instances the file marks done (our X-REKINDLE-DONE), by their rule start (a
    #: one-off by its own start): naive wall-clock times in the activity's zone, or dates.
    done: tuple[datetime | date, ...] = ()
    #: The instances the file marks skipped (our X-REKINDLE-SKIPPED), named as `done`'s.
    skipped: tuple[datetime | date, ...] = ()
    #: When the file's copy was last changed (UTC): the latest LAST-MODIFIED of the event
    #: and its changed instances; in a file that keeps SEQUENCE but writes no LAST-MODIFIED,
    #: the latest DTSTAMP. With the same SEQUENCE, it tells a newer copy from an older one.
    modified: datetime | None = None
    #: Whether the file writes a SEQUENCE for this event (some calendars never do).
    keeps_sequence: bool = False
    #: The texts of the event (SUMMARY, LOCATION) our private export wrote with the
    #: partner's name replaced (NAME_PROPERTY).
    names_left_out: frozenset[str] = frozenset()
    #: Whether the event, or one of its changed instances, may have taken its length from
    #: its kind (no end, or an end at its start): a kind chosen later may give another.
    length_from_kind: bool = False
    #: Whether its title was longer than Rekindle keeps, and was cut (the report says so).
    title_cut: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the file that was left out, and why (for the summary)."""

    line: int
    what: str
    reason: str


@dataclass(frozen=True, slots=True)
class CancelledEvent:
    """An event the file says was cancelled (STATUS:CANCELLED): nothing to add, but a copy
    imported before goes, when this file is newer than it (see services.interop)."""

    uid: str
    line: int
    what: str
    sequence: int
    #: As in ImportedActivity: when the file's copy was last changed, and whether the file
    #: keeps a SEQUENCE for it.
    modified: datetime | None = None
    keeps_sequence: bool = False


@dataclass(frozen=True, slots=True)
class ParsedFile:
    activities: list[ImportedActivity]
    skipped: list[Skipped]
    cancelled: tuple[CancelledEvent, ...] = ()
    #: Our export with neutral titles (TITLES_PROPERTY): its titles and places say nothing.
    titles_left_out: bool = False
    #: Our export with the notes (NOTES_PROPERTY): an event without notes has none.
    notes_included: bool = False


@dataclass(frozen=True, slots=True)
class ImportDefaults:
    """Where imported events go when the file does not say."""

    plan_zone: str
    current_step: StepNumber
    step_count: int
    step: StepNumber | None = None  # --step: wins over everything
    category: Category | None = None  # --category: used when CATEGORIES names none of ours
    #: The kind chosen for events that name none (the app's import asks): unlike `category`,
    #: not a choice for what is already in the plan.
    fallback_category: Category | None = None


_PROGRAM_LINE = re.compile(rb"^X-REKINDLE-PROGRAM:([A-Za-z0-9-]{1,64})\r?$", re.MULTILINE)


def program_named(data: bytes) -> str | None:
    """The program a file exported by Rekindle names (PROGRAM_PROPERTY), if any: read before
    the plan the file goes into exists, so without parsing the whole file."""
    found = _PROGRAM_LINE.search(_as_utf8(data))
    return found.group(1).decode("ascii") if found else None


_ZONE_LINE = re.compile(rb"^(?:X-REKINDLE-ZONE|X-WR-TIMEZONE):([^\r\n]{1,80})\r?$", re.MULTILINE)


def zone_named(data: bytes) -> str | None:
    """The time zone a file gives its calendar (ours, or X-WR-TIMEZONE as Google writes
    it, an IANA or a Windows name), if it names a zone this machine knows: read, as
    `program_named`, before the plan the file goes into exists."""
    for found in _ZONE_LINE.finditer(_as_utf8(data)):
        name = tz.iana_for_tzid(found.group(1).decode("utf-8", "replace"))
        if name is not None:
            return name
    return None


def parse(data: bytes, defaults: ImportDefaults) -> ParsedFile:
    """Read a whole file; raises FileFormatError (with a line) if it cannot be imported."""
    text = _decode(data)
    lines = _component_lines(text)
    tz.forget_matches()
    try:
        with warnings.catch_warnings():
            # icalendar warns, on stderr, of what it guessed ("a globally unique TZID");
            # what the file cannot say is reported in the import's own words instead.
            warnings.simplefilter("ignore")
            return _parse(text, lines, defaults)
    except RecursionError:  # a last guard: _component_lines already bounds the nesting
        raise FileFormatError("This file's components are nested too deeply to read.") from None


def _parse(text: str, lines: dict[str, list[int]], defaults: ImportDefaults) -> ParsedFile:
    left_out: list[Skipped] = []
    while True:
        try:
            # One file may hold several VCALENDAR objects, one after another (RFC 5545 3.4).
            calendars = Calendar.from_ical(text, multiple=True)
            break
        except Exception as error:  # icalendar raises many kinds on odd input (a repeated
            # TZID: AttributeError); whatever it is, the file cannot be read as it is.
            where = _line_naming(text, error)
            if where is None:
                raise FileFormatError(
                    "This file is not a calendar Rekindle can read: something in it cannot be "
                    "read, and where is not known."
                ) from None
            number, line = where
            if not (_not_needed(line) or _in_a_reminder(text, number)):
                # Said at its line, not in the parser's words.
                raise FileFormatError(
                    f"Line {number} cannot be read ({_short(line, 80)})."
                ) from None
            # Every line written the same way goes at once (a file of 5,000 events with
            # one broken reminder each was read again for every one of them: a review).
            same = [n for n, written in _content_lines(text) if written == line]
            if len(left_out) + len(same) > _MAX_LEFT_OUT:
                raise FileFormatError(
                    f"Line {number} cannot be read ({_short(line, 80)}), nor can more than "
                    f"{_MAX_LEFT_OUT} other lines: this file does not look like a calendar "
                    "Rekindle can read."
                ) from None
            for found in same:
                left_out.append(_left_out(found, line))
                text = _without_line(text, found)
    if not calendars:
        raise FileFormatError("This file holds no calendar (no BEGIN:VCALENDAR).")
    for calendar in calendars:
        if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
            name = _short(getattr(calendar, "name", None) or "something", 40)
            raise FileFormatError(f"This file holds {name} outside a calendar (BEGIN:VCALENDAR).")
    # Check the file as written before X-WR-TIMEZONE is applied: the conversion copies events
    # and would drop icalendar's record of unreadable properties.
    content = list(_content_lines(text))
    checker = _Reader(defaults, lines, content)
    for calendar in calendars:
        checker.check(calendar)
    left_out.extend(checker.skipped)  # what it left out is said even once the zone is applied
    standard = []
    for calendar in calendars:
        if "X-WR-TIMEZONE" in calendar:
            # Read as a TZID is (a Windows name, a stray space); a zone this machine does
            # not know leaves the times that name none in the plan's zone, as without it.
            named = tz.iana_for_tzid(str(calendar["X-WR-TIMEZONE"]))
            del calendar["X-WR-TIMEZONE"]
            if named is None:
                standard.append(calendar)
                continue
            calendar["X-WR-TIMEZONE"] = named
            try:
                calendar = x_wr_timezone.to_standard(calendar)
            except Exception as error:  # the library raises several kinds on odd input
                raise FileFormatError(
                    f"The calendar's time zone cannot be used: {_short(error)}."
                ) from None
        standard.append(calendar)
    parsed = _Reader(defaults, lines, content, checker.unknown_zones).read(standard)
    if not left_out:
        return parsed
    said = list(dict.fromkeys([*parsed.skipped, *left_out]))  # each once: read twice above
    return replace(parsed, skipped=sorted(said, key=lambda s: s.line))


def _in_a_reminder(text: str, number: int) -> bool:
    """Whether content line `number` is inside an alarm (VALARM): nothing there is needed
    to plan the event, its reminder aside."""
    depth = 0
    before = [written for found, written in _content_lines(text) if found < number]
    for line in reversed(before):
        head = line.strip().upper()
        if head.startswith("END:"):
            depth += 1
        elif head.startswith("BEGIN:"):
            if depth == 0:
                return head == "BEGIN:VALARM"
            depth -= 1
    return False


def _not_needed(line: str) -> bool:
    """Whether a content line gives something Rekindle does not plan with (see _NEEDED)."""
    head = _NAME.match(line) or _BARE_NAME.match(line)  # a line without a colon: its name
    name = "".join(head.group(1).split()).upper() if head else ""
    return bool(name) and name not in _NEEDED and not name.startswith("X-REKINDLE")


def _left_out(number: int, line: str) -> Skipped:
    return Skipped(number, _short(line, 60), "it cannot be read, and Rekindle does without it")


def _without_line(text: str, number: int) -> str:
    """`text` with its content line `number` (folded lines and all) made an empty comment
    the parser passes over, so that every other line keeps its number."""
    rows = _NEWLINE.split(text)
    index = number - 1
    rows[index] = "X-REKINDLE-LEFT-OUT:"
    index += 1
    while index < len(rows) and rows[index][:1] in (" ", "\t"):  # its folded continuation
        rows[index] = "X-REKINDLE-LEFT-OUT:"
        index += 1
    return "\n".join(rows)


class _UnknownZone(Exception):  # noqa: N818 - not an error of the file: one event left out
    """An event's time is in a zone neither Rekindle nor the file describes (at `line`)."""

    def __init__(self, line: int, zone: str) -> None:
        super().__init__(zone)
        self.line, self.zone = line, zone


class _Reader:
    def __init__(
        self,
        defaults: ImportDefaults,
        lines: dict[str, list[int]],
        content: list[tuple[int, str]],
        unknown_zones: dict[int, tuple[int, str]] | None = None,
    ) -> None:
        self._defaults = defaults
        self._lines = lines
        #: By the line each event starts on: the line and name of a time zone it uses that
        #: neither Rekindle nor the file describes (`check` finds them in the file as written,
        #: before a calendar zone is applied over them; such an event is left out).
        self.unknown_zones: dict[int, tuple[int, str]] = dict(unknown_zones or {})
        self._content = content  # (line number, unfolded line), to name a property's line
        self._numbers = [number for number, _line in content]
        self._seen: dict[str, int] = {}
        self.skipped: list[Skipped] = []
        self.cancelled: list[CancelledEvent] = []

    def _line(self, component: Component) -> int:
        """The line a component starts on (components are met in file order)."""
        name = component.name or ""
        index = self._seen.get(name, 0)
        self._seen[name] = index + 1
        found = self._lines.get(name, [])
        return found[index] if index < len(found) else 0

    def _property(self, start: int, name: str | None, problem: object = "") -> tuple[int, str]:
        """The line of the component begun on line `start` that gives property `name`, and
        its value as written: an error is said at the line to put right ("Line 9"), with
        what stands there, not at the event's first line in the parser's words. Of several
        lines giving it (two EXDATEs), the one whose value the parser's `problem` names."""
        index = bisect.bisect_left(self._numbers, start)
        said = str(problem)
        found: list[tuple[int, str]] = []
        depth = 0  # inside a VALARM of the event: its lines are not the event's
        for number, line in self._content[index + 1 :]:
            head = _NAME.match(line)
            key = "".join(head.group(1).split()).upper() if head else ""
            if key == "BEGIN":
                depth += 1
            elif key == "END":
                if depth == 0:
                    break
                depth -= 1
            elif not name:  # a line the parser could not split into a name and a value
                if line in said:
                    return number, line  # quoted whole
            elif depth == 0 and key == name.upper():
                found.append((number, _written_value(line)))
        token = _named_value(problem)
        # The line holding the value the parser names, as one of its items (two EXDATEs,
        # the good one's value beginning as the bad one's), else any holding it, else the first.
        whole = [(n, v) for n, v in found if token and token in v.split(",")]
        part = [(n, v) for n, v in found if token and token in v]
        return (whole or part or found or [(start, "")])[0]

    def check(self, calendar: Calendar) -> None:
        """Refuse unreadable properties and time zones nobody can name, naming the line."""
        for component in calendar.walk():
            line = self._line(component)
            if component.name != "VEVENT":
                continue
            self._check_errors(component, line)
            for name in _ONCE:
                if isinstance(component.get(name), list):
                    raise FileFormatError(
                        f"Line {line}: {_label(component)} gives {name} more than once."
                    )
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
                tzid = component[name].params.get("TZID") if name in component else None
                if tzid and line not in self.unknown_zones and tz.iana_for_tzid(tzid) is None:
                    value = component.decoded(name)
                    if isinstance(value, datetime) and value.tzinfo is None:
                        where, _value = self._property(line, name)
                        self.unknown_zones[line] = (where, _short(tzid, 80))

    def read(self, calendars: list[Calendar]) -> ParsedFile:
        masters: dict[str, tuple[int, Component]] = {}
        changed: dict[str, list[tuple[int, Component]]] = {}
        # Of an event given twice, which copy each changed occurrence came with: the one
        # written before it (so the older copy's changes do not join the newer).
        latest: dict[str, int] = {}
        came_with: dict[int, int] = {}
        dropped_copies: set[int] = set()
        for component in (part for calendar in calendars for part in calendar.walk()):
            line = self._line(component)
            if component.name in _NOT_EVENTS:
                summary = " ".join(_text(component, "SUMMARY").split())[:60]
                label = (
                    f"{_NOT_EVENTS[component.name]} “{summary}”"
                    if summary
                    else (_NOT_EVENTS[component.name])
                )
                self.skipped.append(Skipped(line, label, "Rekindle imports events only"))
                continue
            if component.name != "VEVENT":
                if component.name not in _QUIET:
                    self.skipped.append(Skipped(line, component.name or "?", "not an event"))
                continue
            self._check_errors(component, line)
            given = str(component.get("UID", "")).strip()
            uid = given or _stable_uid(component)
            if "RECURRENCE-ID" in component:
                changed.setdefault(uid, []).append((line, component))
                if uid in latest:
                    came_with[line] = latest[uid]
                continue
            latest[uid] = line
            if uid in masters and not given:  # no UID to tell them apart: one is kept
                self.skipped.append(Skipped(line, _label(component), (
                    "it has no UID, and the same title and start as an event before it"
                )))  # fmt: skip
            elif uid in masters:
                # Two copies of one event (a feed, or a calendar that sent a newer version
                # after the first): the newer is kept, by SEQUENCE, then by when it changed,
                # else the later in the file, and the other is said to be left out.
                earlier_line, earlier = masters[uid]
                if _newer(earlier, component):
                    kept, dropped = (earlier_line, earlier), (line, component)
                else:
                    kept, dropped = (line, component), (earlier_line, earlier)
                masters[uid] = kept
                dropped_copies.add(dropped[0])
                self.skipped.append(Skipped(
                    dropped[0], _label(dropped[1]),
                    f"the event at line {kept[0]} has the same UID and is the newer copy",
                ))  # fmt: skip
            else:
                masters[uid] = (line, component)
        for uid, instances in changed.items():
            kept_instances = []
            for line, instance in instances:
                if came_with.get(line) in dropped_copies:
                    self.skipped.append(Skipped(line, _label(instance), (
                        f"a changed occurrence of the older copy at line {came_with[line]}"
                    )))  # fmt: skip
                else:
                    kept_instances.append((line, instance))
            changed[uid] = kept_instances
        activities = []
        for uid, (line, master) in masters.items():
            imported = self._activity(uid, line, master, changed.pop(uid, []))
            if imported is not None:
                activities.append(imported)
        orphan = "a changed occurrence whose series is not in the file"
        for instances in changed.values():
            for line, instance in instances:
                self.skipped.append(Skipped(line, _label(instance), orphan))
        neutral = any(
            str(calendar.get(TITLES_PROPERTY, "")).strip().upper() == TITLES_NEUTRAL
            for calendar in calendars
        )
        with_notes = any(
            str(calendar.get(NOTES_PROPERTY, "")).strip().upper() == NOTES_INCLUDED
            for calendar in calendars
        )
        return ParsedFile(
            activities, sorted(self.skipped, key=lambda s: s.line),
            cancelled=tuple(self.cancelled), titles_left_out=neutral, notes_included=with_notes,
        )  # fmt: skip

    def _check_errors(self, component: Component, line: int) -> None:
        """Refuse an event with a line it needs that cannot be read; one Rekindle does not
        plan with is left out, and said (see _NEEDED)."""
        for name, problem in getattr(component, "errors", None) or []:
            where, written = self._property(line, name, problem)
            if not name:
                if written and _not_needed(written):
                    self.skipped.append(_left_out(where, written))
                    continue
                raise FileFormatError(
                    f"Line {where}: {_label(component)} has a line that cannot be read"
                    + (f" ({_short(written, 80)})." if written else ".")
                )
            if name.upper() not in _NEEDED and not name.upper().startswith("X-REKINDLE"):
                value = f" ({_short(written, 40)})" if written else ""
                self.skipped.append(Skipped(
                    where, _label(component),
                    f"its {name}{value} cannot be read, and Rekindle does without it",
                ))  # fmt: skip
                continue
            raise FileFormatError(
                f"Line {where}: {_label(component)} {_unreadable(name, problem, written)}."
            )

    def _say_unknown_zone(self, label: str, line: int, zone: str) -> None:
        self.skipped.append(Skipped(line, label, (
            f"its time is in the time zone “{zone}”, which neither Rekindle nor the file "
            "describes"
        )))  # fmt: skip

    def _activity(
        self, uid: str, line: int, event: Component, instances: list[tuple[int, Component]]
    ) -> ImportedActivity | None:
        label = _label(event)
        if str(event.get("STATUS", "")).upper() == "CANCELLED":  # its UID is enough
            keeps_sequence = "SEQUENCE" in event
            self.cancelled.append(CancelledEvent(
                uid, line, label, max(_int(event.get("SEQUENCE"), 0), 0),
                _last_modified([event]), keeps_sequence,
            ))  # fmt: skip
            return None
        if line in self.unknown_zones:  # left out, not guessed at in the calendar's zone
            self._say_unknown_zone(label, *self.unknown_zones[line])
            return None
        known = []
        for found, instance in instances:  # a changed day in such a zone: that day alone
            if found in self.unknown_zones:
                self._say_unknown_zone(_label(instance), *self.unknown_zones[found])
            else:
                known.append((found, instance))
        instances = known
        for unsupported, why in (("RDATE", "extra dates (RDATE)"), ("EXRULE", "an EXRULE")):
            if unsupported in event:
                self.skipped.append(Skipped(line, label, f"it repeats with {why}, which "
                                            "Rekindle cannot plan yet"))  # fmt: skip
                return None
        rules = event.get("RRULE")
        if isinstance(rules, list) and len({rule.to_ical() for rule in rules}) == 1:
            event["RRULE"] = rules[0]  # the same rule twice (Fastmail): one
        elif isinstance(rules, list):
            self.skipped.append(Skipped(line, label, "it has more than one repeat rule"))
            return None
        try:
            draft = self._draft(event, line)
            draft, done, passed = self._with_instances(draft, instances)
            draft = _within_plannable_years(draft)
            clean = validate_draft(draft, step_count=self._defaults.step_count)
        except FileFormatError:
            raise
        except _UnknownZone as unknown:
            self._say_unknown_zone(label, unknown.line, unknown.zone)
            return None
        except UnplannableError as error:
            # Well-formed, but more than Rekindle plans: this event only is left out.
            self.skipped.append(Skipped(line, label, _as_reason(error.message)))
            return None
        except PlannerError as error:
            # A repeat that cannot be is said at its rule's line, the one to put right (it
            # had been said at the event's first: a data-safety trial).
            at = self._property(line, "RRULE")[0] if isinstance(error, RecurrenceError) else line
            raise FileFormatError(f"Line {at}: {label}: {error.message}") from None
        except OverflowError:  # a date near year 1 or 9999, moved by a zone or a length
            self.skipped.append(Skipped(line, label, (
                f"it has a date outside what Rekindle can plan ({EARLIEST_YEAR}–{LATEST_YEAR})"
            )))  # fmt: skip
            return None
        if clean.rrule is None:
            mark = self._mark_of(event)
            if mark is Status.DONE:
                done = [clean.start]
            elif mark is Status.SKIPPED:
                passed = [clean.start]
        if clean.rrule is not None:
            self._say_a_first_day_off_the_rule(clean, line, label)
        # An edit of one occurrence raises that instance's SEQUENCE only (Google, Apple).
        components = [event, *(instance for _, instance in instances)]
        sequence = max(_int(component.get("SEQUENCE"), 0) for component in components)
        keeps_sequence = any("SEQUENCE" in component for component in components)
        return ImportedActivity(
            uid=uid, sequence=max(sequence, 0), draft=clean, done=tuple(done),
            skipped=tuple(passed),
            # LAST-MODIFIED alone: a DTSTAMP is often only when the file was downloaded (an
            # event site's "add to calendar"), which would make every copy "newer".
            modified=_last_modified(components),
            keeps_sequence=keeps_sequence,
            names_left_out=frozenset(
                part.strip().upper() for part in str(event.get(NAME_PROPERTY, "")).split(",")
                if part.strip()
            ),
            says_step=self._says_step(event),
            says_category=self._says_category(event),
            names_category=_named_category(event) is not None,
            length_from_kind=any(map(_length_from_kind, components)),
            title_cut=length(_title(event, cut=False)) > MAX_TITLE_LENGTH,
        )  # fmt: skip

    @staticmethod
    def _mark_of(event: Component) -> Status | None:
        """Rekindle's own mark on an event, read by its value ("X-REKINDLE-DONE:FALSE" had
        been read as done, for being there: a data-safety trial); one marked both done and
        skipped, which Rekindle never writes, keeps neither."""
        done, skipped = _says_true(event, DONE_PROPERTY), _says_true(event, SKIPPED_PROPERTY)
        if done == skipped:
            return None
        return Status.DONE if done else Status.SKIPPED

    def _say_a_first_day_off_the_rule(self, draft: ActivityDraft, line: int, label: str) -> None:
        """A series whose start is not one of its repeat's days: iCalendar counts that start
        as a day of its own, Rekindle plans the repeat's days only, so that one day is said
        to be left out (an import trial found it gone without a word)."""
        assert draft.rrule is not None
        zone = zone_info(draft.zone)
        first = recurrence.first_start(draft.rrule, start=draft.start, zone=zone)
        own = draft.start.astimezone(zone).date() if isinstance(draft.start, datetime) else (
            draft.start
        )  # fmt: skip
        if first is not None and first != own:
            self.skipped.append(Skipped(line, label, (
                f"its first date ({own:%A} {own.day} {own:%B %Y}) is not one of the days it "
                "repeats on, "
                "so that one date is left out; the others are imported"
            )))  # fmt: skip

    def _draft(
        self, event: Component, line: int, *, series: bool = True, kind: Category | None = None
    ) -> ActivityDraft:
        """The draft for an event; a changed instance (`series=False`) keeps no rule, and
        is of its series' `kind` unless it names one of its own (its length, when it gives
        no end, is that kind's: a review found it took the kind chosen for unnamed events)."""
        label = _label(event)
        if "DTSTART" not in event:
            raise FileFormatError(f"Line {line}: {label} has no start (DTSTART).")
        category = (_named_category(event) or kind) if kind is not None else self._category(event)
        start = event.decoded("DTSTART")
        zone, start = self._zoned(start, event, "DTSTART", line)
        end: datetime | date
        end_zone = zone  # the clock the end is written on (a DTEND may name another)
        if "DTEND" in event:
            end = event.decoded("DTEND")
            if isinstance(start, datetime) != isinstance(end, datetime):
                raise FileFormatError(f"Line {line}: {label} mixes a date and a time.")
            end_zone, end = self._zoned(end, event, "DTEND", line)
            if not isinstance(start, datetime) and end == start:
                # An all-day event ending on the day it starts: common in the wild (RFC 5545
                # wants the next day), and read by every calendar as that one day.
                end = start + timedelta(days=1)
        elif "DURATION" in event:
            length = event.decoded("DURATION")
            if isinstance(start, datetime):
                # Days and weeks on the calendar, hours and minutes of real time (RFC 5545
                # 3.3.6): P1D ends at the same time the next day, PT1H an hour later.
                days = timedelta(days=length.days)
                end = plus_elapsed(start + days, length - days)
            else:
                end = start + length
        elif isinstance(start, datetime):
            end = start + category.typical_duration
        else:
            end = start + timedelta(days=1)
        if isinstance(start, datetime) and isinstance(end, datetime):
            end = end.astimezone(zone_info(zone))
            if end == start:  # a point in time: give it the usual length of its kind
                end = start + category.typical_duration
            if end_zone == zone:
                end = _past_a_skipped_hour(start, end)
        rrule = None
        if series and "RRULE" in event:
            text = event["RRULE"].to_ical()
            rrule = text.decode("ascii", "replace") if isinstance(text, bytes) else str(text)
            # A series in UTC keeps repeating in UTC, as RFC 5545 says.
        elif isinstance(start, datetime) and zone == "UTC":
            zone = self._defaults.plan_zone  # a one-off instant shows in the plan's zone
        return ActivityDraft(
            title=_title(event),
            category=category,
            step=self._step(event),
            start=start,
            end=end,
            all_day=not isinstance(start, datetime),
            zone=zone,
            location=str(event.get("LOCATION", "")),
            notes=str(event.get("DESCRIPTION", "")),
            rrule=rrule,
            exdates=tuple(self._exdates(event, zone, start, line)),
            reminders=_reminders(event),
        )

    def _zoned(
        self, value: Any, event: Component, name: str, line: int
    ) -> tuple[str, datetime | date]:
        """(IANA zone, value): aware in a zone we can name, or converted to the plan's zone."""
        if isinstance(value, datetime):
            tzid = event[name].params.get("TZID")
            named = tz.iana_for_tzid(tzid) if tzid else None
            if named is not None:
                # The TZID names a zone we know (IANA or Windows): keep the file's wall-clock
                # time in it, even if icalendar built its own zone from the file's VTIMEZONE.
                wall = value.replace(tzinfo=None)
                return named, wall.replace(tzinfo=zone_info(named))
            if value.tzinfo is None:
                if tzid:
                    # Neither known nor described in the file (an Outlook file naming a zone
                    # by its display name): this event is left out, and said, not the file
                    # (a trial).
                    where, _value = self._property(line, name)
                    raise _UnknownZone(where, _short(tzid, 80))
                plan_zone = zone_info(self._defaults.plan_zone)
                return self._defaults.plan_zone, value.replace(tzinfo=plan_zone)  # floating
            known = tz.zone_of(value) or tz.matching_zone(value)
            if known is not None:
                return known, value.astimezone(zone_info(known))
            return self._defaults.plan_zone, value.astimezone(zone_info(self._defaults.plan_zone))
        if isinstance(value, date):
            return self._defaults.plan_zone, value
        raise FileFormatError(f"Line {line}: {_label(event)} has an unreadable {name}.")

    def _exdates(
        self, event: Component, zone: str, start: datetime | date, line: int
    ) -> Iterable[datetime | date]:
        own = zone_info(zone)
        for prop in _as_list(event.get("EXDATE")):
            for item in getattr(prop, "dts", []):
                value = item.dt
                if not isinstance(start, datetime):
                    yield value.date() if isinstance(value, datetime) else value
                elif isinstance(value, datetime):
                    aware = value if value.tzinfo else value.replace(tzinfo=own)
                    yield aware.astimezone(own).replace(tzinfo=None, fold=0)
                elif isinstance(value, date):
                    # A date alone for a timed series (some apps write VALUE=DATE): that
                    # day's occurrence, at the series' own time of day.
                    yield datetime.combine(value, start.astimezone(own).time())
                else:
                    raise FileFormatError(f"Line {line}: an EXDATE of {_label(event)} has no time.")

    def _with_instances(
        self, draft: ActivityDraft, instances: list[tuple[int, Component]]
    ) -> tuple[ActivityDraft, list[datetime | date], list[datetime | date]]:
        """The series with its changed and cancelled instances, and the instances marked done
        and those marked skipped."""
        if not instances:
            return draft, [], []
        if draft.rrule is None:
            for line, instance in instances:
                self.skipped.append(Skipped(line, _label(instance), "its event does not repeat"))
            return draft, [], []
        own = zone_info(draft.zone)
        exdates = list(draft.exdates)
        overrides = []
        done: list[datetime | date] = []
        passed: list[datetime | date] = []  # marked skipped
        for line, instance in instances:
            rid = instance.decoded("RECURRENCE-ID")
            if isinstance(rid, datetime):
                if draft.all_day:
                    rid = rid.date()
                else:
                    aware = rid if rid.tzinfo else rid.replace(tzinfo=own)
                    rid = aware.astimezone(own).replace(tzinfo=None, fold=0)
            elif not draft.all_day:
                raise FileFormatError(
                    f"Line {line}: {_label(instance)} names its date without a time."
                )
            if str(instance.get("STATUS", "")).upper() == "CANCELLED":
                exdates.append(rid)
                continue
            changed = self._draft(instance, line, series=False, kind=draft.category)
            start, end = changed.start, changed.end
            if isinstance(start, datetime) and isinstance(end, datetime):
                start, end = start.astimezone(own), end.astimezone(own)
            mark = self._mark_of(instance)
            if mark is not None:
                (done if mark is Status.DONE else passed).append(rid)
                if _same_as_rule(draft, changed, rid, start, end):
                    continue  # only our mark on an unchanged instance: nothing to keep
            overrides.append(
                OccurrenceOverride(
                    recurrence_id=rid,
                    start=start,
                    end=end,
                    title=changed.title,
                    location=changed.location,
                    notes=changed.notes,
                )
            )
        return replace(draft, exdates=tuple(exdates), overrides=tuple(overrides)), done, passed

    def _category(self, event: Component) -> Category:
        return (
            _named_category(event)
            or self._defaults.category
            or self._defaults.fallback_category
            or Category.OTHER
        )

    def _says_category(self, event: Component) -> bool:
        return _named_category(event) is not None or self._defaults.category is not None

    def _step(self, event: Component) -> StepNumber:
        if self._defaults.step is not None:
            return self._defaults.step
        return self._named_step(event) or self._defaults.current_step

    def _says_step(self, event: Component) -> bool:
        return self._defaults.step is not None or self._named_step(event) is not None

    def _named_step(self, event: Component) -> StepNumber | None:
        own = _int(event.get(STEP_PROPERTY), 0)
        return StepNumber(own) if 1 <= own <= self._defaults.step_count else None


def _length_from_kind(event: Component) -> bool:
    """Whether a timed event's length may come from its kind (`_draft`): it gives no end,
    or one at its start. Erring towards yes only costs a second read (`placed`)."""
    try:
        start = event.decoded("DTSTART")
        if not isinstance(start, datetime):
            return False
        if "DTEND" in event:
            return bool(event.decoded("DTEND") == start)
        if "DURATION" in event:
            return bool(event.decoded("DURATION") == timedelta(0))
    except (KeyError, ValueError, TypeError):
        return True
    return True


def placed(parsed: ParsedFile, step: StepNumber, category: Category) -> ParsedFile | None:
    """The file as read, its events that name no step going to `step` and those that name
    no kind to `category` (what the app asks after reading a file, so a file that cannot be
    read is refused before the question). None when an event whose kind is chosen took its
    length from the kind it was given: the file is to be read again with the choice."""
    activities = []
    for item in parsed.activities:
        draft = item.draft
        if not item.says_step and draft.step != step:
            draft = replace(draft, step=step)
        if not item.says_category and draft.category is not category:
            if item.length_from_kind and (
                draft.category.typical_duration != category.typical_duration
            ):
                return None
            draft = replace(draft, category=category)
        activities.append(item if draft is item.draft else replace(item, draft=draft))
    return replace(parsed, activities=activities)


def _named_category(event: Component) -> Category | None:
    """The first of the event's CATEGORIES that is one of ours, if any."""
    for prop in _as_list(event.get("CATEGORIES")):
        for name in getattr(prop, "cats", []):
            try:
                return Category(str(name).strip().lower())
            except ValueError:
                continue
    return None


def _past_a_skipped_hour(start: datetime, end: datetime) -> datetime:
    """The end of an event written in the hour the clocks skip (02:30 to 03:00 on a
    spring-forward night), which as real time ends before it starts: its written length
    from the time that exists (03:30 to 04:00), as other calendars show it. Both are on one
    clock (the same TZID). Any other end is kept, so an event written to end before it
    starts is still said to."""
    written = end.replace(tzinfo=None) - start.replace(tzinfo=None)
    if written <= timedelta(0):
        return end
    if end.astimezone(UTC) > start.astimezone(UTC):
        return end
    if not (skipped_by_clocks(start) or skipped_by_clocks(end)):
        return end
    return plus_elapsed(start, written)


def _within_plannable_years(draft: ActivityDraft) -> ActivityDraft:
    """A series begun before EARLIEST_YEAR (a birthday from 1895, or one Apple writes
    without its year, as 1604) from its first instance in the plannable years: the ones
    before could never show. Its exceptions from before then go with them. A rule that
    counts (COUNT) from the old start is left as it is, and so is skipped as too early."""
    start = draft.start
    if draft.rrule is None or start.year >= EARLIEST_YEAR:
        return draft
    first = recurrence.plannable_start(draft.rrule, start=start, zone=zone_info(draft.zone))
    if first is None:
        return draft
    length = span(start, draft.end)
    end = plus_elapsed(first, length) if isinstance(first, datetime) else first + length
    since = first.replace(tzinfo=None) if isinstance(first, datetime) else first
    return replace(
        draft, start=first, end=end,
        exdates=tuple(value for value in draft.exdates if value >= since),
        overrides=tuple(o for o in draft.overrides if o.recurrence_id >= since),
    )  # fmt: skip


def _as_reason(message: str) -> str:
    """A validation message as a skipped event's reason: "the year 1603 is outside...",
    after "the event “Birthday”:", as the other reasons read (an RRULE part keeps its case)."""
    text = message.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first[1:].islower() or len(first) == 1:
        text = text[:1].lower() + text[1:]
    return text


def _reminders(event: Component) -> tuple[int, ...]:
    """The event's alarms as minutes before its start: what the file says, never defaults.

    Only alarms relative to the start, at it or before, are reminders Rekindle can keep; an
    alarm at a fixed date-time, after the start or relative to the end is left out, as is
    Apple's placeholder (ACTION:NONE). At most the nearest few, up to four weeks ahead.
    """
    found: set[int] = set()
    for alarm in event.subcomponents:
        if alarm.name != "VALARM" or "TRIGGER" not in alarm:
            continue
        if str(alarm.get("ACTION", "DISPLAY")).upper() == "NONE":
            continue
        trigger = alarm["TRIGGER"]
        params = getattr(trigger, "params", {})
        if str(params.get("RELATED", "START")).upper() != "START":
            continue
        try:
            offset = alarm.decoded("TRIGGER")
        except (ValueError, KeyError, TypeError, AttributeError):  # a TRIGGER at a time of
            continue  # day (VALUE=TIME, from Thunderbird) made icalendar raise AttributeError
        if not isinstance(offset, timedelta) or offset > timedelta(0):
            continue
        minutes = round(-offset.total_seconds() / 60)
        if minutes <= reminders.MAX_MINUTES:
            found.add(minutes)
    return tuple(sorted(found)[: reminders.MAX_PER_ACTIVITY])


def _same_as_rule(
    series: ActivityDraft,
    instance: ActivityDraft,
    rid: datetime | date,
    start: datetime | date,
    end: datetime | date,
) -> bool:
    """Whether a changed instance only repeats what its series would show anyway."""
    if isinstance(rid, datetime) and isinstance(start, datetime):
        expected_start: datetime | date = rid.replace(tzinfo=zone_info(series.zone))
        if expected_start != start.replace(fold=0):
            return False
    elif rid != start:
        return False
    length = span(series.start, series.end)
    return (
        span(start, end) == length
        and instance.title == " ".join(series.title.split())
        and instance.location == series.location
        and instance.notes == series.notes
    )


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 text (with its byte-order mark) as UTF-8, other bytes as they are: not what
    RFC 5545 asks, but some Windows tools save so, and it had been refused as binary."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeError:
        raise FileFormatError("This file says it is UTF-16 text, but part of it is not.") from None


def _decode(data: bytes) -> str:
    if not data.strip():
        raise FileFormatError("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise FileFormatError("The file is larger than 64 MB, too large to be a calendar export.")
    data = _as_utf8(data)
    if b"\x00" in data:
        raise FileFormatError("This is not a calendar file (it holds binary data).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileFormatError(
            f"Line {line}: this file is not UTF-8 text, as calendar files are (it may have "
            "been saved in another encoding)."
        ) from None
    if "\n" not in text:
        text = text.replace("\r", "\n")  # classic Mac OS line ends, which icalendar ignores
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise FileFormatError(
            "This is not a calendar file (it does not start with BEGIN:VCALENDAR)."
        )
    return text


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, unfolded line) for each content line, read as icalendar reads them.

    Only CRLF or LF end a line; a line break followed by a space or tab (after any blank
    lines) folds, and blank lines are dropped (icalendar's parser.content_line.UFOLD).
    """
    current: list[str] | None = None
    current_number = 0
    for number, raw in enumerate(_NEWLINE.split(text), start=1):
        if raw[:1] in (" ", "\t") and current is not None:
            current.append(raw[1:])
            continue
        if not raw:
            continue
        if current is not None:
            yield current_number, "".join(current)
        current, current_number = [raw], number
    if current is not None:
        yield current_number, "".join(current)


def _component_lines(text: str) -> dict[str, list[int]]:
    """Where each component begins, by name, in file order; also checks BEGIN/END pairs.

    This cheap pass also keeps the costly parse bounded: it refuses components nested more
    than _MAX_DEPTH deep (icalendar walks them recursively) and a series with more than
    MAX_EXCEPTIONS changed occurrences (each costs a parse and a check).
    """
    starts: dict[str, list[int]] = {}
    open_stack: list[tuple[str, int]] = []
    uid, is_change = "", False  # of the VEVENT being read
    changes: dict[str, int] = {}  # VEVENTs with a RECURRENCE-ID, by UID
    for number, line in _content_lines(text):
        head = _NAME.match(line)
        if head is None:
            continue
        key = "".join(head.group(1).split()).upper()
        if key not in ("BEGIN", "END", "UID", "RECURRENCE-ID"):
            continue
        value = line.partition(":")[2].strip()
        if key == "BEGIN":
            name = value.upper()
            starts.setdefault(name, []).append(number)
            open_stack.append((name, number))
            if len(open_stack) > _MAX_DEPTH:
                raise FileFormatError(f"Line {number}: components are nested too deeply.")
            if name == "VEVENT":
                uid, is_change = "", False
        elif key == "END":
            name = value.upper()
            if not open_stack or open_stack[-1][0] != name:
                expected = f"END:{_short(open_stack[-1][0], 40)}" if open_stack else "nothing"
                raise FileFormatError(
                    f"Line {number}: found END:{_short(name, 40)} where {expected} was expected."
                )
            open_stack.pop()
            if name == "VEVENT" and is_change:
                changes[uid] = changes.get(uid, 0) + 1
                if changes[uid] > MAX_EXCEPTIONS:
                    raise FileFormatError(
                        f"Line {number}: the series {_short(uid, 80) or 'without a UID'} has "
                        f"more than {MAX_EXCEPTIONS:,} occurrences changed on their own; "
                        f"Rekindle keeps at most {MAX_EXCEPTIONS:,} for one series."
                    )
        elif open_stack and open_stack[-1][0] == "VEVENT":
            if key == "UID":
                uid = value
            else:
                is_change = True
    if open_stack:
        name, where = open_stack[-1]
        name = _short(name, 40)
        raise FileFormatError(
            f"The file ends before {name} (begun on line {where}) is closed: END:{name} is missing."
        )
    return starts


def _text(component: Component, name: str) -> str:
    """A text property as a string; the first, if the file repeats it."""
    value = component.get(name, "")
    return str(value[0] if isinstance(value, list) and value else value)


def _says_true(component: Component, name: str) -> bool:
    """Whether one of Rekindle's own TRUE/FALSE properties is given as TRUE (given twice, as
    a careless merge writes it: either)."""
    value = component.get(name)
    values = value if isinstance(value, list) else [value]
    return any(str(item).strip().upper() == "TRUE" for item in values if item is not None)


def _label(component: Component) -> str:
    summary = " ".join(_text(component, "SUMMARY").split())
    return f"the event “{summary[:60]}”" if summary else "an untitled event"


def _title(event: Component, *, cut: bool = True) -> str:
    """The event's title as kept here (`cut` to what Rekindle keeps, else whole)."""
    title = " ".join(str(event.get("SUMMARY", "")).split())
    if _says_true(event, DONE_PROPERTY):  # our own check mark for a done one, not its title
        title = title.removeprefix(DONE_MARK.strip()).strip()
    elif _says_true(event, SKIPPED_PROPERTY):  # and our own word for a skipped one
        title = title.removeprefix(SKIPPED_MARK.strip()).strip()
    if not cut:
        return title
    short = shortened(title, MAX_TITLE_LENGTH)
    return short if shows_something(short) else "Untitled event"


def _stable_uid(component: Component) -> str:
    """A UID for an event without one, stable across imports of the same file."""
    import hashlib

    start = component["DTSTART"].to_ical() if "DTSTART" in component else b""
    key = f"{component.get('SUMMARY', '')}|{start!r}"
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32] + "@import.rekindle"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _last_modified(components: list[Component], *, or_stamp: bool = False) -> datetime | None:
    """The latest LAST-MODIFIED among `components` as a UTC instant (None: none readable).

    With `or_stamp`, a component without LAST-MODIFIED gives its DTSTAMP: when a calendar
    changed the event (RFC 5545 3.8.7.2, without METHOD) or made the file (with METHOD),
    either of which orders two copies of one event.
    """
    found = []
    for component in components:
        name = "LAST-MODIFIED" if "LAST-MODIFIED" in component or not or_stamp else "DTSTAMP"
        if name not in component:
            continue
        try:
            value = component.decoded(name)
        except (ValueError, TypeError, KeyError):
            continue
        if isinstance(value, datetime):
            found.append(value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC))
    return max(found, default=None)


def _newer(first: Component, second: Component) -> bool:
    """Whether `first` is a newer copy of an event than `second` (ties: not newer)."""

    def order(component: Component) -> tuple[int, datetime]:
        changed = _last_modified([component], or_stamp=True)
        return _int(component.get("SEQUENCE"), 0), changed or datetime.min.replace(tzinfo=UTC)

    return order(first) > order(second)


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


#: Properties holding a date or a time, and the one holding a length of time.
#: The properties that hold a date or time, as a message names them (a trial read "has a
#: DTSTART that is not…" as a programmer's words).
_MOMENTS = {
    "DTSTART": "a start",
    "DTEND": "an end",
    "DUE": "a due date",
    "RECURRENCE-ID": "a changed day's date",
    "EXDATE": "a day left out",
    "RDATE": "an extra date",
    "DTSTAMP": "a time stamp",
    "UNTIL": "a last day",
}


def _line_naming(text: str, error: object) -> tuple[int, str] | None:
    """The first line whose value is the one a parser's error names ("Invalid iCalendar
    duration: -PT10X"), whole or as one of its items, as `(number, line)`; None when no
    value is named so (a line holding the word elsewhere is not blamed for it)."""
    token = _named_value(error)
    if not token:
        return None
    for number, line in _content_lines(text):
        value = _written_value(line)
        if value == token or token in value.split(","):
            return number, line
    return None


def _named_value(problem: object) -> str:
    """The value a parser message ends with: icalendar names the value it could not read
    after ": " or a space ("Wrong datetime format: 20261331T100000Z")."""
    text = " ".join(str(problem).split()).rstrip(".")
    return (text.rsplit(": ", 1)[1] if ": " in text else text.rsplit(" ", 1)[-1]).strip("'\"")


def _written_value(line: str) -> str:
    """A content line's value as written: after the first colon outside quotes (a
    parameter may hold a colon in quotes, `X-NOTE="a:b"`)."""
    quoted = False
    for index, letter in enumerate(line):
        if letter == '"':
            quoted = not quoted
        elif letter == ":" and not quoted:
            return line[index + 1 :].strip()
    return ""


def _unreadable(name: str, problem: object, written: str = "") -> str:
    """What is wrong with a property, in words: "has a start (DTSTART) that is not a valid
    date or time (20270230T100000Z)" rather than the parser's "Wrong datetime format: ...", and
    "has a repeat rule (RRULE) that cannot be read (FREQ=SOMETIMES)" rather than its
    "Expected frequency, got: SOMETIMES". `written` is the value as the file has it."""
    value = _named_value(problem)
    # The value the parser named, if the line holds it (of several, the broken one), or
    # the line's whole value (a repeat rule is quoted whole, as written).
    value = value if value and value in written and name != "RRULE" else written or value
    quoted = f" ({_short(value, 60)})" if value else ""
    if name == "RRULE":
        return f"has a repeat rule (RRULE) that cannot be read{quoted}"
    if name in _MOMENTS:  # in words first, the property after for whoever made the file
        return f"has {_MOMENTS[name]} ({name}) that is not a valid date or time{quoted}"
    if name == "DURATION":
        return f"has a length (DURATION) that is not a valid length of time{quoted}"
    return f"has an unreadable {name}{quoted}"


def _short(error: object, limit: int = 160) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
