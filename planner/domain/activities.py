"""Activities: what a person plans, such as a journaling hour, a space period or a coffee."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain import text
from planner.domain.timezones import normalized, plus_elapsed, skipped_by_clocks, zone_info
from planner.errors import InvalidInputError, UnplannableError

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from planner.domain.categories import Category
    from planner.domain.ids import ActivityUid, PlanId, StepNumber

MAX_TITLE_LENGTH = 200
MAX_TIMED_LENGTH = timedelta(days=14)
MAX_ALL_DAY_LENGTH = timedelta(days=366)
EARLIEST_YEAR = 1900
LATEST_YEAR = 9998  # leaves room for an exclusive end and recurrence arithmetic before 9999
#: The most deleted (EXDATE) or changed (RECURRENCE-ID) instances one series may carry. Every
#: window a view shows walks them all, and no person changes ten thousand days one by one.
MAX_EXCEPTIONS = 10_000


@dataclass(frozen=True, slots=True)
class OccurrenceOverride:
    """One instance of a series changed on its own (iCalendar: a VEVENT with RECURRENCE-ID).

    `recurrence_id` is the start the rule gave the instance, as wall-clock time in the activity's
    zone (a naive datetime) or a date for all-day series; it names the instance for good, even
    after the instance moves. `start`/`end` are of the series' kind (aware datetimes or dates).
    """

    recurrence_id: datetime | date
    start: datetime | date
    end: datetime | date
    title: str
    location: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ActivityDraft:
    """The fields a user edits. Timed: aware `start`/`end`. All-day: dates, `end` exclusive.

    `exdates` are the wall-clock starts (naive datetimes, or dates when all-day) of deleted
    occurrences of a series, as iCalendar's EXDATE names them. `reminders` are minutes before
    each occurrence's start (see domain/reminders.py); None means no choice was made, and
    validation gives the category's defaults.
    """

    title: str
    category: Category
    step: StepNumber
    start: datetime | date
    end: datetime | date
    all_day: bool
    zone: str
    location: str = ""
    notes: str = ""
    rrule: str | None = None
    exdates: tuple[datetime | date, ...] = field(default=())
    overrides: tuple[OccurrenceOverride, ...] = field(default=())
    reminders: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """A stored activity: a validated draft plus identity and bookkeeping.

    `uid` is generated once and never changes (it is also the iCalendar UID); `revision`
    grows on every edit (iCalendar's SEQUENCE).
    """

    uid: ActivityUid
    plan_id: PlanId
    title: str
    category: Category
    step: StepNumber
    start: datetime | date
    end: datetime | date
    all_day: bool
    zone: str
    location: str
    notes: str
    rrule: str | None
    exdates: tuple[datetime | date, ...]
    overrides: tuple[OccurrenceOverride, ...]
    created: datetime
    modified: datetime
    revision: int
    #: Marked when the person chose to respect a request for no contact: kept, and hidden
    #: while it is contact (see `set_aside`).
    cancelled: bool = False
    #: Minutes before each occurrence's start, smallest first (an empty tuple: no reminders).
    reminders: tuple[int, ...] = ()
    #: The revision its last import from a file gave it (None: never imported). A higher
    #: revision means it was edited here since, which a later import must not undo.
    imported_revision: int | None = None
    #: When the file it was last imported from says it was last changed (its LAST-MODIFIED,
    #: UTC; None: never imported, or the file did not say): what a later file is newer than.
    imported_modified: datetime | None = None
    #: Words written in an urge moment and kept, not sent (I Want to Reach Out Now): a
    #: record of a moment, never a plan, so Copy This Week leaves it where it was written.
    kept_note: bool = False

    @property
    def recurring(self) -> bool:
        return self.rrule is not None

    @property
    def duration(self) -> timedelta:
        """Elapsed length (absolute for timed activities, whole days for all-day ones)."""
        return span(self.start, self.end)

    def draft(self) -> ActivityDraft:
        """The editable fields, e.g. to prefill a dialog."""
        return ActivityDraft(
            title=self.title,
            category=self.category,
            step=self.step,
            start=self.start,
            end=self.end,
            all_day=self.all_day,
            zone=self.zone,
            location=self.location,
            notes=self.notes,
            rrule=self.rrule,
            exdates=self.exdates,
            overrides=self.overrides,
            reminders=self.reminders,
        )

    @property
    def set_aside(self) -> bool:
        """Hidden as contact set aside: marked when no contact was asked for, and contact
        still. Made a journal, it shows; made a call again, it is hidden again (a misclick
        put right had brought every call back while the request stood)."""
        return self.cancelled and self.category.involves_contact

    def revised(self, draft: ActivityDraft, at: datetime) -> Activity:
        """This activity with `draft`'s fields, a higher revision and a new modified time."""
        return replace(
            self,
            title=draft.title,
            category=draft.category,
            step=draft.step,
            start=draft.start,
            end=draft.end,
            all_day=draft.all_day,
            zone=draft.zone,
            location=draft.location,
            notes=draft.notes,
            rrule=draft.rrule,
            exdates=draft.exdates,
            overrides=draft.overrides,
            reminders=draft.reminders or (),
            modified=at,
            revision=self.revision + 1,
        )


def create_activity(
    draft: ActivityDraft, *, uid: ActivityUid, plan_id: PlanId, at: datetime
) -> Activity:
    """A new Activity from an already validated draft."""
    return Activity(
        uid=uid,
        plan_id=plan_id,
        title=draft.title,
        category=draft.category,
        step=draft.step,
        start=draft.start,
        end=draft.end,
        all_day=draft.all_day,
        zone=draft.zone,
        location=draft.location,
        notes=draft.notes,
        rrule=draft.rrule,
        exdates=draft.exdates,
        overrides=draft.overrides,
        reminders=draft.reminders or (),
        created=at,
        modified=at,
        revision=0,
    )


def key_mover(before: Activity, after: Activity) -> Callable[[datetime | date], datetime | date]:
    """How an instance's name (its rule start: naive wall-clock time, or a date) follows when
    the activity's own start moves: by the same wall-clock shift, across a switch between
    timed and all-day too. Exception dates, changed instances and marks keep their meaning."""
    old, new = before.start, after.start
    if isinstance(old, datetime) and isinstance(new, datetime):
        old_wall = old.astimezone(zone_info(before.zone)).replace(tzinfo=None)
        new_wall = new.astimezone(zone_info(after.zone)).replace(tzinfo=None)
        shift = new_wall - old_wall
        return lambda key: (key + shift) if isinstance(key, datetime) else key
    if not isinstance(old, datetime) and not isinstance(new, datetime):
        days = new - old
        return lambda key: (key + days) if not isinstance(key, datetime) else key
    if isinstance(old, datetime):  # timed -> all-day
        assert not isinstance(new, datetime)
        first = old.astimezone(zone_info(before.zone)).date()
        return lambda key: (key.date() if isinstance(key, datetime) else key) + (new - first)
    assert isinstance(new, datetime)  # all-day -> timed
    wall = new.astimezone(zone_info(after.zone))
    shift_days = wall.date() - old
    return lambda key: datetime.combine(
        (key.date() if isinstance(key, datetime) else key) + shift_days, wall.time()
    )


def switched_kind(before: Activity, draft: ActivityDraft) -> ActivityDraft:
    """`draft`, which makes a series all-day (or gives it a time) and keeps `before`'s
    exceptions as they were, with those exceptions made of its new kind: skipped days and
    changed occurrences renamed as marks are (see key_mover), and each changed occurrence
    kept on its own day, all-day or at the series' new time and length. Without this, a
    series with one changed occurrence could not switch at all."""
    if draft.all_day == before.all_day or draft.rrule is None:
        return draft
    zone = zone_info(draft.zone)
    move = key_mover(before, replace(before, start=draft.start, zone=draft.zone))
    length = span(draft.start, draft.end)
    overrides = []
    for override in before.overrides:
        start: datetime | date
        end: datetime | date
        if draft.all_day:
            first = override.start
            start = first.astimezone(zone).date() if isinstance(first, datetime) else first
            end = start + max(length, timedelta(days=1))
        else:
            assert isinstance(draft.start, datetime)
            day = override.start if not isinstance(override.start, datetime) else (
                override.start.astimezone(zone).date()
            )  # fmt: skip
            at = draft.start.astimezone(zone).time()
            start = normalized(datetime.combine(day, at, tzinfo=zone))
            end = plus_elapsed(start, length)
        overrides.append(
            replace(override, recurrence_id=move(override.recurrence_id), start=start, end=end)
        )
    return replace(
        draft, exdates=tuple(move(value) for value in before.exdates), overrides=tuple(overrides)
    )


def named_start(series: Activity, name: datetime | date) -> datetime | date:
    """Where the occurrence named `name` starts now: its change's start, or its rule start
    (a name is wall-clock time in the series' zone, or a date)."""
    changed = next((o for o in series.overrides if o.recurrence_id == name), None)
    if changed is not None:
        return changed.start
    if isinstance(name, datetime):
        return name.replace(tzinfo=zone_info(series.zone))
    return name


def with_series_words(
    overrides: tuple[OccurrenceOverride, ...], old: Activity, new: Activity | ActivityDraft
) -> tuple[OccurrenceOverride, ...]:
    """Changed instances after the series' title, place or notes changed: each keeps what
    was changed in it alone, and takes the series' new words where it had the old ones (an
    instance moved to 21:00 is renamed with its series, as in Apple's and Google's)."""

    def word(mine: str, before: str, after: str) -> str:
        return after if mine == before else mine

    return tuple(
        replace(
            override,
            title=word(override.title, old.title, new.title),
            location=word(override.location, old.location, new.location),
            notes=word(override.notes, old.notes, new.notes),
        )
        for override in overrides
    )


def rekeyed(activity: Activity, move: Callable[[datetime | date], datetime | date]) -> Activity:
    """The activity with its exception dates and changed instances renamed by `move`."""
    return replace(
        activity,
        exdates=tuple(move(value) for value in activity.exdates),
        overrides=tuple(
            replace(override, recurrence_id=move(override.recurrence_id))
            for override in activity.overrides
        ),
    )


def span(start: datetime | date, end: datetime | date) -> timedelta:
    """Absolute elapsed time between two values of the same kind."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end.astimezone(UTC) - start.astimezone(UTC)
    if isinstance(start, datetime) or isinstance(end, datetime):
        raise TypeError("span() needs two datetimes or two dates")
    return end - start


def validate_draft(draft: ActivityDraft, *, step_count: int) -> ActivityDraft:
    """Check a draft and return it normalised (trimmed text, times in the activity's zone).

    Raises InvalidInputError with a sentence the user can act on.
    """
    from planner.domain import recurrence, reminders  # they import this module's types

    text.check_readable(draft.title, draft.location, draft.notes)
    title = " ".join(draft.title.split())
    if not title:
        raise InvalidInputError("Please give the activity a title.")
    if text.length(title) > MAX_TITLE_LENGTH:
        raise InvalidInputError(
            f"Please keep the title to {MAX_TITLE_LENGTH} characters or fewer "
            f"(it has {text.length(title)})."
        )
    if not 1 <= draft.step <= step_count:
        raise InvalidInputError(f"Step {draft.step} is not part of this plan (1–{step_count}).")
    zone = zone_info(draft.zone)
    start, end = draft.start, draft.end
    if draft.all_day:
        if isinstance(start, datetime) or isinstance(end, datetime):
            raise InvalidInputError("An all-day activity needs dates, not times.")
        _check_year(start)
        if end <= start:
            raise InvalidInputError("The last day cannot be before the first day.")
        _check_year(end - timedelta(days=1))  # the end is exclusive: its day is not planned
        if end - start > MAX_ALL_DAY_LENGTH:
            raise UnplannableError("An all-day activity can last at most a year.")
    else:
        if not isinstance(start, datetime) or not isinstance(end, datetime):
            raise InvalidInputError("A timed activity needs a start and an end time.")
        if start.tzinfo is None or end.tzinfo is None:
            raise InvalidInputError("Start and end times need a time zone.")
        _check_year(start)
        _check_year(end)
        repeats = bool(draft.rrule and draft.rrule.strip())
        start, end = _first_start(start, zone, repeats=repeats), in_zone(end, zone)
        _check_year(start)  # 9998-12-31 23:30 at UTC-5 is already 9999 in Berlin
        _check_year(end)
        if repeats and start.fold and repeated_hour(start):
            # A series' start names the first of the two readings of a repeated hour (RFC
            # 5545 3.3.5; a calendar file can say no other): begun in the second, it begins
            # in the first, an hour earlier, and keeps its length.
            end = plus_elapsed(start.replace(fold=0), span(start, end))
            start = start.replace(fold=0)
        length = span(start, end)
        if length <= timedelta(0) and skipped_by_clocks(draft.start):
            # 02:30 on the spring-forward night is 03:30: said, not only that the end is
            # before it (an interop trial read "The end has to come after the start").
            raise InvalidInputError(
                f"{draft.start:%H:%M} does not exist that day in {draft.zone} (the clocks go "
                f"forward), so the start would be {start:%H:%M}, after the end. Choose a later "
                "end, or another start."
            )
        if length <= timedelta(0):
            raise InvalidInputError("The end has to come after the start.")
        if length > MAX_TIMED_LENGTH:
            raise UnplannableError(
                "A timed activity can last at most two weeks; make it all-day instead."
            )
    rrule = None
    if draft.rrule is not None and draft.rrule.strip():
        rrule = recurrence.normalize_rule(draft.rrule, start=start, zone=zone)
        recurrence.check_end(rrule, start=start, end=end, all_day=draft.all_day, zone=draft.zone)
        if len(draft.exdates) > MAX_EXCEPTIONS:
            raise UnplannableError(
                f"A series can leave out at most {MAX_EXCEPTIONS:,} of its days."
            )
        if len(draft.overrides) > MAX_EXCEPTIONS:
            raise UnplannableError(
                f"A series can have at most {MAX_EXCEPTIONS:,} occurrences changed on their own."
            )
    return replace(
        draft,
        title=title,
        start=start,
        end=end,
        location=draft.location.strip(),
        notes=draft.notes.rstrip(),
        rrule=rrule,
        exdates=tuple(sorted(set(draft.exdates))) if rrule else (),
        overrides=_validate_overrides(draft, zone) if rrule else (),
        reminders=(
            reminders.defaults_for(draft.category, draft.all_day)
            if draft.reminders is None
            else reminders.validate(draft.reminders)
        ),
    )


def _validate_overrides(draft: ActivityDraft, zone: ZoneInfo) -> tuple[OccurrenceOverride, ...]:
    """Overrides of the series' kind, one per instance, times in the activity's zone."""
    seen: dict[datetime | date, OccurrenceOverride] = {}
    for override in draft.overrides:
        title = " ".join(override.title.split()) or draft.title
        named = title if len(title) <= 60 else title[:59] + "…"  # as messages quote it
        start, end = override.start, override.end
        rid = override.recurrence_id
        if draft.all_day != (not isinstance(rid, datetime)):
            raise InvalidInputError(f"The changed '{named}' does not match its series' kind.")
        _check_year(rid)
        if isinstance(rid, datetime) and rid.tzinfo is not None:
            rid = rid.astimezone(zone).replace(tzinfo=None, fold=0)
        if draft.all_day:
            if isinstance(start, datetime) or isinstance(end, datetime):
                raise InvalidInputError("A changed day of an all-day series needs dates.")
        elif (
            not isinstance(start, datetime)
            or not isinstance(end, datetime)
            or start.tzinfo is None
            or end.tzinfo is None
        ):
            raise InvalidInputError("A changed time of a series needs a start and an end.")
        _check_year(start)
        # As elapsed time: on a fall-back night's clock, 01:15 after the change comes after
        # 01:30 before it (compared by the clock, a day moved there was refused: a trial).
        if span(start, end) <= timedelta(0):
            raise InvalidInputError(f"The changed '{named}' ends before it starts.")
        _check_year(end - timedelta(days=1) if draft.all_day else end)
        if isinstance(start, datetime) and isinstance(end, datetime):
            start, end = in_zone(start, zone), in_zone(end, zone)
        length = span(start, end)
        if length <= timedelta(0):
            raise InvalidInputError(f"The changed '{named}' ends before it starts.")
        if length > (MAX_ALL_DAY_LENGTH if draft.all_day else MAX_TIMED_LENGTH):
            raise UnplannableError(f"The changed '{named}' lasts longer than Rekindle can plan.")
        seen[rid] = replace(
            override,
            recurrence_id=rid,
            title=text.shortened(title, MAX_TITLE_LENGTH),
            start=start,
            end=end,
            location=override.location.strip(),  # normalised as the series' own fields are
            notes=override.notes.rstrip(),
        )
    return tuple(seen[key] for key in sorted(seen))


def _first_start(start: datetime, zone: ZoneInfo, *, repeats: bool) -> datetime:
    """The start as a wall-clock time in `zone`. A series keeps a start in a spring-forward
    gap as given: that first instance happens an hour later, but the rule's later days keep
    the time (RFC 5545 3.3.5). A one-off is stored at the time that exists."""
    if repeats and getattr(start.tzinfo, "key", None) == zone.key:
        return start.replace(tzinfo=zone)
    return in_zone(start, zone)


def repeated_hour(moment: datetime) -> bool:
    """Whether `moment`'s wall-clock time happens twice (a fall-back night's repeated hour)."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` as a real wall-clock time in `zone` (via UTC, so gaps and folds resolve)."""
    return moment.astimezone(UTC).astimezone(zone)


def _check_year(value: date) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise UnplannableError(
            f"The year {value.year} is outside what Rekindle can plan "
            f"({EARLIEST_YEAR}–{LATEST_YEAR})."
        )
