"""Pacing rules: notice, gently, when contact is planned too soon, too often or too early.

The rules read occurrences (already expanded for a window) and return `PacingFlag` values:
a rule code, the flagged occurrence and the facts needed to explain it. They never block
anything and never read the clock.

Time is compared as instants (in UTC), but "a day" and "a week" are measured in the plan's
local wall-clock time: a message every evening at 19:00 is a day apart even on the night the
clocks change (23 or 25 hours of real time), and a weekly call stays once a week.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status, as_instant
from planner.domain.timezones import normalized

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping, Sequence
    from zoneinfo import ZoneInfo

    from planner.domain.ids import ActivityUid, StepNumber
    from planner.domain.programs import Program

#: The shortest comfortable time between the starts of two contact activities, by default.
DEFAULT_MIN_GAP = timedelta(days=1)
#: The length of the rolling window the contact frequency is counted over.
WEEK = timedelta(days=7)


class Rule(enum.Enum):
    """Which pacing rule raised a flag; the value is the code the command line prints."""

    SPACE = "space"
    FREQUENCY = "frequency"
    GAP = "gap"
    ORDER = "order"


@dataclass(frozen=True, slots=True)
class SpaceDetail:
    """A contact activity inside a space period.

    `space` is the (first) space occurrence it overlaps. `first_day`..`last_day` (inclusive,
    local days) is the whole stretch of space it falls in, chained or overlapping space periods
    joined; `resume_on`, the day after it, is the first day touched by none of them, where
    moving the activity is suggested (see `moved_start`).
    """

    space: Occurrence
    first_day: date
    last_day: date
    resume_on: date


@dataclass(frozen=True, slots=True)
class FrequencyDetail:
    """More contact in one rolling week than the step's pace suggests.

    `count` contact occurrences (this one included) start after `since` and up to this one;
    `limit` is the most a week comfortably holds, from `step`'s default or the plan's own
    setting (`overridden`).
    """

    count: int
    limit: int
    since: datetime
    step: StepNumber
    overridden: bool


@dataclass(frozen=True, slots=True)
class GapDetail:
    """A contact starting sooner after the previous one than the minimum gap.

    `gap` is the time between the two starts as the calendar shows it (local wall-clock time,
    so it is below `minimum` even on the night the clocks change); `minimum` the gap asked for.
    """

    previous: Occurrence
    gap: timedelta
    minimum: timedelta


@dataclass(frozen=True, slots=True)
class OrderDetail:
    """An activity planned before the steps it is best kept for are complete.

    `after_steps` are all the steps the program names for `category`; `waiting_on` those whose
    milestones are not met yet.
    """

    category: Category
    after_steps: tuple[StepNumber, ...]
    waiting_on: tuple[StepNumber, ...]


PacingDetail = SpaceDetail | FrequencyDetail | GapDetail | OrderDetail


@dataclass(frozen=True, slots=True)
class PacingFlag:
    """One piece of pacing advice about one occurrence (advice, never an error)."""

    rule: Rule
    occurrence: Occurrence
    detail: PacingDetail

    @property
    def uid(self) -> ActivityUid:
        return self.occurrence.activity.uid

    @property
    def start(self) -> datetime | date:
        """The flagged occurrence's start (aware datetime, or a date when all-day)."""
        return self.occurrence.start


#: Which occurrence a flag is on: its activity's UID and the name of its instance.
FlagKey = tuple[str, datetime | date]


def flag_key(occurrence: Occurrence) -> FlagKey:
    return (occurrence.activity.uid, occurrence.recurrence_id)


def by_occurrence(flags: Iterable[PacingFlag]) -> dict[FlagKey, list[PacingFlag]]:
    """The flags on each occurrence (`flag_key`), as the views look them up."""
    found: dict[FlagKey, list[PacingFlag]] = {}
    for flag in flags:
        found.setdefault(flag_key(flag.occurrence), []).append(flag)
    return found


@dataclass(frozen=True, slots=True)
class PacingSettings:
    """A plan's own pacing choices; None keeps the program's per-step default."""

    contacts_per_week: int | None = None
    min_gap: timedelta = DEFAULT_MIN_GAP


def check(
    occurrences: Iterable[Occurrence],
    *,
    program: Program,
    zone: ZoneInfo,
    complete: Collection[StepNumber] = frozenset(),
    settings: PacingSettings | None = None,
) -> list[PacingFlag]:
    """Every flag the rules raise over `occurrences`, in start order (then rule order).

    Skipped occurrences never count; planned and done ones do. `complete` (the steps reached
    or completed by hand) is only read by the order rule.
    """
    chosen = settings or PacingSettings()
    kept = [o for o in occurrences if o.status is not Status.SKIPPED]
    flags = [
        *space_flags(kept, zone),
        *frequency_flags(
            kept, zone, limits=step_limits(program), override=chosen.contacts_per_week
        ),
        *gap_flags(kept, zone, minimum=chosen.min_gap),
        *order_flags(kept, program, complete),
    ]
    return sort_flags(flags, zone)


def sort_flags(flags: Iterable[PacingFlag], zone: ZoneInfo) -> list[PacingFlag]:
    """Flags by start, then in rule order (space, frequency, gap, order), then UID."""
    order = {rule: index for index, rule in enumerate(Rule)}
    return sorted(flags, key=lambda f: (_utc(f.start, zone), order[f.rule], f.uid))


# --- space --------------------------------------------------------------------------------------


def space_flags(occurrences: Iterable[Occurrence], zone: ZoneInfo) -> list[PacingFlag]:
    """Contact activities overlapping a space period, each with the day it could move to."""
    items = [o for o in occurrences if o.status is not Status.SKIPPED]
    spaces = sorted(
        (o for o in items if o.activity.category is Category.SPACE),
        key=lambda o: o.sort_key(zone),
    )
    if not spaces:
        return []
    periods = [(_utc(o.start, zone), _utc(o.end, zone)) for o in spaces]
    ordered = sorted(periods)
    blocks = _merge(ordered)
    flags = []
    for contact in _contacts(items, zone):
        low, high = _span(contact, zone)
        touched = next(
            (
                space
                for space, period in zip(spaces, periods, strict=True)
                if _overlaps(low, high, *period)
            ),
            None,
        )
        if touched is None:
            continue
        inside = [block for block in blocks if _overlaps(low, high, *block)]
        first = min(block[0] for block in inside).astimezone(zone).date()
        resume = _first_free(_day_after(max(block[1] for block in inside), zone), ordered, zone)
        detail = SpaceDetail(touched, first, resume - timedelta(days=1), resume)
        flags.append(PacingFlag(Rule.SPACE, contact, detail))
    return flags


def first_free_day(day: date, periods: Sequence[tuple[datetime, datetime]], zone: ZoneInfo) -> date:
    """The first local day from `day` on that no period (aware start, exclusive end) touches."""
    return _first_free(day, sorted(periods), zone)


def _first_free(day: date, ordered: Sequence[tuple[datetime, datetime]], zone: ZoneInfo) -> date:
    """`first_free_day` over periods already in start order (sorted once per check)."""
    # One pass in start order: a period passed over ended before the day (and the day only
    # moves later), and once one starts after the day, so do all the rest.
    low, high = _day_bounds(day, zone)
    for p_low, p_high in ordered:
        if p_low >= high:
            break
        if _overlaps(low, high, p_low, p_high):
            day = max(day + timedelta(days=1), _day_after(p_high, zone))
            low, high = _day_bounds(day, zone)
    return day


def moved_start(start: datetime | date, day: date, zone: ZoneInfo) -> datetime | date:
    """`start` moved to `day`, keeping its wall-clock time in `zone` (a date stays a date).

    A time that does not exist on `day` (the hour skipped in spring) moves past the gap; a
    time that happens twice (the hour repeated in autumn) takes its first, summer-time reading.
    """
    if not isinstance(start, datetime):
        return day
    local = start.astimezone(zone)
    return normalized(datetime.combine(day, local.time(), tzinfo=zone))


def moved_span(
    occurrence: Occurrence, day: date, zone: ZoneInfo
) -> tuple[datetime | date, datetime | date]:
    """New start and end for moving `occurrence` to `day`: same wall-clock start, same length
    (real elapsed time for timed activities, whole days for all-day ones)."""
    start = moved_start(occurrence.start, day, zone)
    if isinstance(start, datetime) and isinstance(occurrence.start, datetime):
        assert isinstance(occurrence.end, datetime)
        length = occurrence.end.astimezone(UTC) - occurrence.start.astimezone(UTC)
        return start, (start.astimezone(UTC) + length).astimezone(zone)
    assert not isinstance(start, datetime)
    return start, start + (_as_date(occurrence.end) - _as_date(occurrence.start))


# --- frequency ----------------------------------------------------------------------------------


def step_limits(program: Program) -> dict[StepNumber, int]:
    """Each step's default number of contact activities per rolling week."""
    return {step.number: step.contacts_per_week for step in program.steps}


def frequency_flags(
    occurrences: Iterable[Occurrence],
    zone: ZoneInfo,
    *,
    limits: Mapping[StepNumber, int],
    override: int | None = None,
) -> list[PacingFlag]:
    """Contacts that take a rolling week (by start) over its limit.

    The week before a contact is the seven local days up to its start, the same time a week
    earlier excluded, so a weekly call is counted once. The limit is the plan's `override`,
    else the default of the contact's own step.
    """
    contacts = _contacts(occurrences, zone)
    starts = [_utc(c.start, zone) for c in contacts]
    flags = []
    for index, contact in enumerate(contacts):
        since = _utc(_wall_clock_shift(contact.start, -WEEK, zone), zone)
        # Starts are in order: those after `since`, up to this one, by bisection (not a scan).
        count = index + 1 - bisect.bisect_right(starts, since, 0, index + 1)
        step = contact.activity.step
        limit = override if override is not None else _limit_for(step, limits)
        if count > limit:
            overridden = override is not None
            detail = FrequencyDetail(count, limit, since.astimezone(zone), step, overridden)
            flags.append(PacingFlag(Rule.FREQUENCY, contact, detail))
    return flags


# --- gap ----------------------------------------------------------------------------------------


def gap_flags(
    occurrences: Iterable[Occurrence], zone: ZoneInfo, *, minimum: timedelta = DEFAULT_MIN_GAP
) -> list[PacingFlag]:
    """Contacts starting less than `minimum` (local wall-clock time) after the previous one."""
    contacts = _contacts(occurrences, zone)
    flags = []
    for previous, contact in itertools.pairwise(contacts):
        earliest = _utc(_wall_clock_shift(previous.start, minimum, zone), zone)
        start = _utc(contact.start, zone)
        if start < earliest:
            gap = _wall_clock_between(previous.start, contact.start, zone)
            flags.append(PacingFlag(Rule.GAP, contact, GapDetail(previous, gap, minimum)))
    return flags


# --- order --------------------------------------------------------------------------------------


def order_flags(
    occurrences: Iterable[Occurrence], program: Program, complete: Collection[StepNumber]
) -> list[PacingFlag]:
    """Activities whose program hint names steps not complete yet (a soft hint only)."""
    hints = {hint.category: hint for hint in program.order_hints}
    flags = []
    for occurrence in occurrences:
        hint = hints.get(occurrence.activity.category)
        if hint is None or occurrence.status is Status.SKIPPED:
            continue
        waiting = tuple(n for n in hint.after_steps if n not in complete)
        if waiting:
            detail = OrderDetail(hint.category, hint.after_steps, waiting)
            flags.append(PacingFlag(Rule.ORDER, occurrence, detail))
    return flags


# --- helpers ------------------------------------------------------------------------------------


def _contacts(occurrences: Iterable[Occurrence], zone: ZoneInfo) -> list[Occurrence]:
    """Contact occurrences that count (not skipped), in a stable start order."""
    found = [
        o
        for o in occurrences
        if o.activity.category.involves_contact and o.status is not Status.SKIPPED
    ]
    return sorted(found, key=lambda o: (_utc(o.start, zone), o.activity.uid, str(o.key)))


def _limit_for(step: StepNumber, limits: Mapping[StepNumber, int]) -> int:
    """The step's limit; a step the program does not have takes the nearest one's."""
    if step in limits:
        return limits[step]
    if not limits:
        raise ValueError("no per-step limits given")
    nearest = min(limits, key=lambda number: (abs(number - step), number))
    return limits[nearest]


def _utc(value: datetime | date, zone: ZoneInfo) -> datetime:
    # Aware datetimes sharing a tzinfo compare by wall clock, ignoring the fold of a repeated
    # hour; comparing in UTC keeps 01:30 summer time and 01:30 winter time apart.
    return as_instant(value, zone).astimezone(UTC)


def _span(occurrence: Occurrence, zone: ZoneInfo) -> tuple[datetime, datetime]:
    low = _utc(occurrence.start, zone)
    return low, max(_utc(occurrence.end, zone), low)


def _overlaps(low: datetime, high: datetime, p_low: datetime, p_high: datetime) -> bool:
    """Half-open [low, high) meets [p_low, p_high); an instant (low == high) counts as a point."""
    if low == high:
        return p_low <= low < p_high
    return low < p_high and p_low < high


def _merge(periods: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Join periods that overlap or follow each other without a gap."""
    merged: list[tuple[datetime, datetime]] = []
    for low, high in sorted(periods):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    low = normalized(datetime.combine(day, time(0), tzinfo=zone))
    high = normalized(datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone))
    return low.astimezone(UTC), high.astimezone(UTC)


def _day_after(end: datetime, zone: ZoneInfo) -> date:
    """The first local day a period ending (exclusively) at `end` does not touch."""
    local = end.astimezone(zone)
    if local.time() == time(0):
        return local.date()
    return local.date() + timedelta(days=1)


def _wall_clock_shift(value: datetime | date, shift: timedelta, zone: ZoneInfo) -> datetime:
    """`value` moved by `shift` of local wall-clock time (a day is a calendar day)."""
    local = as_instant(value, zone).astimezone(zone).replace(tzinfo=None)
    return normalized((local + shift).replace(tzinfo=zone))


def _wall_clock_between(
    earlier: datetime | date, later: datetime | date, zone: ZoneInfo
) -> timedelta:
    """The time between two starts as read on the calendar (a day is a day across a DST change);
    real elapsed time inside a repeated hour, where the wall clock runs backwards."""
    low, high = _utc(earlier, zone), _utc(later, zone)
    wall = high.astimezone(zone).replace(tzinfo=None) - low.astimezone(zone).replace(tzinfo=None)
    return wall if wall >= timedelta(0) else high - low


def _as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
