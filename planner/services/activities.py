"""Activity use cases: create, edit and delete, each one transaction returning Changes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain import recurrence, text_match
from planner.domain.activities import (
    Activity,
    ActivityDraft,
    OccurrenceOverride,
    create_activity,
    in_zone,
    key_mover,
    named_start,
    rekeyed,
    span,
    switched_kind,
    validate_draft,
    with_series_words,
)
from planner.domain.ids import ActivityUid, StepNumber, new_activity_uid
from planner.domain.occurrences import Status
from planner.domain.timezones import local_day, normalized, plus_elapsed, zone_info
from planner.errors import InvalidInputError, NotFoundError, StorageError
from planner.services import programs
from planner.services.changes import ChangeKind, Changes
from planner.services.wording import Wording
from planner.storage import db as storage_db

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from zoneinfo import ZoneInfo

    import peewee

    from planner.clock import Clock
    from planner.domain.categories import Category
    from planner.domain.completions import Completion
    from planner.domain.plans import Plan
    from planner.services.plans import PlanService
    from planner.storage.repositories import (
        ActivityRepository,
        CompletionRepository,
        PlanRepository,
    )


class _Tried(Exception):  # noqa: N818 - not an error: it rolls back a change only tried
    """Raised inside a tried change's transaction, so that nothing of it is kept."""


#: How far "Copy This Week to Next Week" moves the copies.
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ActivitySnapshot:
    """An activity as stored, with its marks and reflections: what undo puts back exactly."""

    activity: Activity
    completions: tuple[Completion, ...]

    @property
    def reflections(self) -> int:
        """How many private reflections would go with the activity if it were deleted."""
        return sum(1 for completion in self.completions if completion.reflection is not None)


@dataclass(frozen=True, slots=True)
class WeekCopy:
    """What "Copy This Week to Next Week" did: the copies made, and how many were left out
    because next week already holds the same activity (copying twice makes nothing twice)."""

    copies: list[Activity]
    already_there: int
    changes: Changes
    #: The week's one-offs the calendar's filters hide, which were left out.
    hidden: int = 0


class ActivityService:
    """The one path by which activities change."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        plans: PlanRepository,
        activities: ActivityRepository,
        completions: CompletionRepository,
        wording: Callable[[], Wording | None] = lambda: None,
    ) -> None:
        """`wording`: how days and times are written in what is said, when asked (None:
        as the command line writes them)."""
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._completions = completions
        self._wording = wording

    @property
    def wording(self) -> Wording:
        return self._wording() or Wording()

    def get(self, uid: ActivityUid) -> Activity:
        return self._activities.get(uid)

    def refusal(self, change: Callable[[], object]) -> str | None:
        """Why `change` (one of this service's saving calls) would be refused, in its own
        words, or None when it would be saved. It is made in a transaction that is always
        rolled back, so the checks are the save's own: asked before the question about a
        series, so that no answer offered is one that is then refused (a trial). A failing
        disk is said by the save itself."""
        try:
            with storage_db.transaction(self._db):
                change()
                raise _Tried
        except _Tried:
            return None
        except (InvalidInputError, NotFoundError) as error:
            return error.message
        except StorageError:
            return None

    def count(self, plan: Plan) -> int:
        """How many activities the plan holds (series count once)."""
        return self._activities.count(plan.id)

    def create(
        self, plan: Plan, draft: ActivityDraft, *, kept_note: bool = False
    ) -> tuple[Activity, Changes]:
        """Validate `draft` and store it as a new activity with a fresh UID (`kept_note`:
        words kept in an urge moment, see Activity.kept_note)."""
        clean = validate_draft(draft, step_count=self._step_count(plan))
        activity = create_activity(
            clean, uid=new_activity_uid(), plan_id=plan.id, at=self._clock.now()
        )
        activity = replace(activity, kept_note=kept_note)
        with storage_db.transaction(self._db):
            self._activities.add(activity)
        return activity, _changed(plan, activity)

    def create_ensuring_plan(
        self, plans: PlanService, build: Callable[[Plan], ActivityDraft]
    ) -> tuple[Activity, Changes]:
        """Create an activity, first starting the default plan if the file has none.

        One transaction: if the draft turns out invalid, no plan is left behind either.
        """
        with storage_db.transaction(self._db):
            plan = plans.ensure()
            return self.create(plan, build(plan))

    def update(
        self, plan: Plan, uid: ActivityUid, draft: ActivityDraft
    ) -> tuple[Activity, Changes]:
        """Replace an activity's fields (the whole series, for a recurring one)."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            switched = draft.all_day != before.all_day and (
                draft.exdates == before.exdates and draft.overrides == before.overrides
            )
            if switched:
                draft = switched_kind(before, draft)  # its exceptions become of the new kind
            clean = validate_draft(draft, step_count=self._step_count(plan))
            after = before.revised(clean, self._clock.now())
            own_choices = (clean.step, clean.category) != (before.step, before.category)
            if own_choices and replace(clean, step=before.step, category=before.category) == (
                before.draft()
            ):
                # Only Rekindle's own choices changed, which no other calendar holds: not a
                # new version of the event (RFC 5545 raises SEQUENCE for times, repeats and
                # status), so a newer file from the calendar it came from still updates it,
                # keeping them (services.interop). A copy imported without its file's stamp
                # keeps the time of its import as that stamp, which `modified` stood for.
                after = replace(after, revision=before.revision)
                if before.imported_revision == before.revision and before.imported_modified is None:
                    after = replace(after, imported_modified=before.modified)
            move = key_mover(before, after)
            carried = switched or (
                clean.exdates == before.exdates and clean.overrides == before.overrides
            )
            if carried and not switched:  # switched_kind renamed them already
                # Named relative to the old start: they follow it, as marks do below.
                after = rekeyed(after, move)
            if carried:
                after = replace(after, overrides=with_series_words(after.overrides, before, after))
            self._keep_done_behind(plan, before, after, move)
            self._activities.update(after)
            self._completions.rekey(uid, move)
        return after, _changed(plan, before, after)

    def delete(self, plan: Plan, uid: ActivityUid) -> tuple[Activity, Changes]:
        """Delete an activity (all of a series); returns what was deleted, e.g. for undo."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            self._activities.delete(uid)
        return before, _changed(plan, before)

    def snapshot(self, uid: ActivityUid) -> ActivitySnapshot:
        """The activity `uid` with its marks, as undo will need to restore it."""
        activity = self._activities.get(uid)
        return ActivitySnapshot(activity, tuple(self._completions.for_activities([activity])))

    def put_back(self, plan: Plan, snapshot: ActivitySnapshot) -> Changes:
        """Make the stored activity exactly `snapshot` again (UID, overrides, marks included),
        whether it was deleted or changed since."""
        uid = snapshot.activity.uid
        with storage_db.transaction(self._db):
            current = self._activities.get_many([uid]).get(uid)
            if current is not None:
                self._activities.delete(uid)
            self._activities.add(snapshot.activity)
            for completion in snapshot.completions:
                self._completions.set(completion)
        touched = (snapshot.activity,) if current is None else (current, snapshot.activity)
        return _changed(plan, *touched)

    def snapshots(self, uids: Sequence[ActivityUid]) -> dict[ActivityUid, ActivitySnapshot]:
        """Snapshots of those of `uids` that exist (what a multi-activity undo keeps)."""
        found = self._activities.get_many(list(uids))
        marks = self._completions.for_activities(list(found.values()))
        return {
            ActivityUid(uid): ActivitySnapshot(
                activity, tuple(mark for mark in marks if mark.uid == uid)
            )
            for uid, activity in found.items()
        }

    def restore(
        self, plan: Plan, states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]]
    ) -> Changes:
        """Make several activities exactly as snapshotted, in one transaction: a snapshot puts
        the activity back (UID, exceptions, marks), None removes it. What undo of a series
        split or a deleted occurrence relies on."""
        touched: list[Activity] = []
        with storage_db.transaction(self._db):
            current = self._activities.get_many([uid for uid, _ in states])
            for uid, snapshot in states:
                if uid in current:
                    self._activities.delete(uid)
                    touched.append(current[uid])
                if snapshot is not None:
                    self._activities.add(snapshot.activity)
                    for completion in snapshot.completions:
                        self._completions.set(completion)
                    touched.append(snapshot.activity)
        return _changed(plan, *touched)

    def copy_week(
        self,
        plan: Plan,
        first_day: date,
        *,
        hidden_categories: frozenset[Category] = frozenset(),
        hidden_steps: frozenset[StepNumber] = frozenset(),
    ) -> WeekCopy:
        """Copy the one-off activities starting on the seven local days from `first_day` (plan
        zone) to seven days later, in one transaction: same wall-clock time in their own zone,
        same length, new UIDs, no marks. Series are left out (they repeat already), and so are
        notes kept in an urge moment (records, not plans), contact set aside, what next week
        already holds (the same title at the same time, or the activity itself, running on
        over where its copy would begin), and what the calendar's filters hide
        (`hidden_categories`, `hidden_steps`: the week copied is the week shown). The copies
        come in start order (none: nothing changed)."""
        zone = plan.tz
        last_day = first_day + timedelta(days=6)
        low = datetime.combine(first_day, time(0), tzinfo=zone)
        high = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone)
        now = self._clock.now()
        copies: list[Activity] = []
        already_there = 0
        with storage_db.transaction(self._db):
            chosen = [
                a
                for a in self._activities.touching(plan.id, low, high)
                if a.rrule is None
                and not a.set_aside
                and not a.kept_note  # a moment's words, not a plan for next week
                and first_day <= local_day(a.start, plan.tz) <= last_day
            ]
            shown = [
                a for a in chosen
                if a.category not in hidden_categories and a.step not in hidden_steps
            ]  # fmt: skip
            hidden = len(chosen) - len(shown)
            chosen = sorted(
                shown, key=lambda a: (local_day(a.start, plan.tz), _as_utc(a.start, zone), a.uid)
            )
            there = {
                _sameness(a, zone)
                for a in self._activities.touching(plan.id, low + WEEK, high + WEEK)
                if a.rrule is None and not a.set_aside
            }
            for activity in chosen:
                start, end = _week_later(activity)
                if _as_utc(start, zone) < _as_utc(activity.end, zone):
                    # It runs on past a week itself (a space period of three weeks): the
                    # copy would lie over it (a trial). Next week holds it already.
                    already_there += 1
                    continue
                clean = validate_draft(
                    replace(activity.draft(), start=start, end=end),
                    step_count=self._step_count(plan),
                )
                copy = create_activity(clean, uid=new_activity_uid(), plan_id=plan.id, at=now)
                if _sameness(copy, zone) in there:
                    already_there += 1
                    continue
                self._activities.add(copy)
                copies.append(copy)
        if not copies:
            return WeekCopy([], already_there, Changes(ChangeKind.NONE), hidden)
        return WeekCopy(copies, already_there, _changed(plan, *copies), hidden)

    # -- one occurrence of a series ------------------------------------------------------------

    def update_occurrence(
        self, plan: Plan, uid: ActivityUid, recurrence_id: datetime | date, draft: ActivityDraft
    ) -> tuple[Activity, Changes]:
        """Change one instance of a series on its own (iCalendar: an override with
        RECURRENCE-ID). The instance keeps its original start as its name, so its mark stays
        with it; of the draft only the title, times, location and notes are used. Changing it
        back to exactly what the series gives removes the override."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            name = self._instance(before, recurrence_id)
            if draft.all_day != before.all_day:
                raise InvalidInputError(
                    "One occurrence cannot switch between all-day and timed on its own; "
                    "change this and the following ones instead."
                )
            # Checked as a one-off of the series' kind, step and zone: the same rules apply.
            one = validate_draft(
                replace(draft, category=before.category, step=before.step, zone=before.zone,
                        rrule=None, exdates=(), overrides=()),
                step_count=self._step_count(plan),
            )  # fmt: skip
            override = OccurrenceOverride(
                recurrence_id=name, start=one.start, end=one.end, title=one.title,
                location=one.location, notes=one.notes,
            )  # fmt: skip
            others = tuple(o for o in before.overrides if o.recurrence_id != name)
            changed = others if _as_the_series_has_it(before, override) else (*others, override)
            clean = validate_draft(
                replace(before.draft(), overrides=changed), step_count=self._step_count(plan)
            )
            after = before.revised(clean, self._clock.now())
            if named_start(before, name) != override.start:  # moved: not onto another one
                _not_onto_another(after, name, override, self.wording)
            self._keep_done_behind(plan, before, after, lambda key: key)
            self._activities.update(after)
        return after, _changed(plan, before, after)

    def delete_occurrence(
        self, plan: Plan, uid: ActivityUid, recurrence_id: datetime | date
    ) -> Changes:
        """Delete one instance of a series: its start becomes an exception date (EXDATE), and
        its change and mark go with it. When nothing of the series would be left, the whole
        activity is deleted."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            name = self._instance(before, recurrence_id)
            draft = replace(
                before.draft(),
                exdates=(*before.exdates, name),
                overrides=tuple(o for o in before.overrides if o.recurrence_id != name),
            )
            after = before.revised(
                validate_draft(draft, step_count=self._step_count(plan)), self._clock.now()
            )
            if not recurrence.has_instances(after):
                self._activities.delete(uid)
                return _changed(plan, before)
            self._activities.update(after)
            self._unmark(uid, lambda key: key == name)
        return _changed(plan, before, after)

    def delete_following(
        self, plan: Plan, uid: ActivityUid, recurrence_id: datetime | date
    ) -> Changes:
        """Delete an instance and every later one: the series now ends just before it (UNTIL),
        keeping only the exceptions, changes and marks of what remains. From the first
        instance on, that is the whole activity."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            name = self._instance(before, recurrence_id)
            head = self._head(plan, before, name)
            if head is None:
                self._activities.delete(uid)
                return _changed(plan, before)
            self._activities.update(head)
            self._unmark(uid, lambda key: _not_before(key, name))
        return _changed(plan, before, head)

    def split_series(
        self, plan: Plan, uid: ActivityUid, recurrence_id: datetime | date, draft: ActivityDraft
    ) -> tuple[Activity, Changes]:
        """Change an instance and every later one: the series ends just before it (UNTIL) and
        a new series (new UID) starts with `draft`. Exception dates, changed instances and
        marks from that instance on move to the new series, renamed by the same shift as its
        start (the draft's own exdates and overrides are not used; when the new series switches
        between timed and all-day, they become of its kind, see switched_kind). From the first
        instance on, this is an edit of the whole series and the UID stays."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            name = self._instance(before, recurrence_id)
            head = self._head(plan, before, name)
            if head is None:
                whole = replace(draft, exdates=before.exdates, overrides=before.overrides)
                return self.update(plan, uid, whole)
            clean = validate_draft(
                replace(draft, exdates=(), overrides=()), step_count=self._step_count(plan)
            )
            now = self._clock.now()
            tail = create_activity(clean, uid=new_activity_uid(), plan_id=plan.id, at=now)
            at_name: datetime | date = (
                name.replace(tzinfo=zone_info(before.zone)) if isinstance(name, datetime) else name
            )
            later = replace(
                before, start=at_name,
                exdates=tuple(e for e in before.exdates if _not_before(e, name)),
                overrides=tuple(o for o in before.overrides if _not_before(o.recurrence_id, name)),
            )  # fmt: skip
            move = key_mover(later, tail)
            if tail.all_day != before.all_day:  # all-day from here on, or timed: as "All" does
                kinded: Activity | ActivityDraft = switched_kind(
                    later, replace(clean, exdates=later.exdates, overrides=later.overrides)
                )
            else:
                kinded = rekeyed(later, move)
            exdates = kinded.exdates
            overrides = with_series_words(kinded.overrides, before, clean)
            if tail.rrule is not None and (exdates or overrides):
                clean = validate_draft(
                    replace(clean, exdates=exdates, overrides=overrides),
                    step_count=self._step_count(plan),
                )
                tail = create_activity(clean, uid=tail.uid, plan_id=plan.id, at=now)
            # Set aside with its series (no contact, as asked): an edit of a day that still
            # shows must not bring back every call after it.
            tail = replace(tail, cancelled=before.cancelled)
            self._keep_done_behind(plan, later, tail, move, since=name)
            self._activities.update(head)
            self._activities.add(tail)
            marks = self._completions.for_activities([before])
            for mark in marks:
                if _not_before(mark.recurrence_id, name):
                    self._completions.set(replace(mark, status=Status.PLANNED))
                    self._completions.set(
                        replace(mark, uid=tail.uid, recurrence_id=move(mark.recurrence_id))
                    )
        return tail, _changed(plan, before, head, tail)

    def save_from_day(
        self,
        plan: Plan,
        uid: ActivityUid,
        recurrence_id: datetime | date,
        series: ActivityDraft,
        day: ActivityDraft,
        *,
        day_name: datetime | date | None,
        following: bool,
    ) -> tuple[Activity, Changes]:
        """A change made on one day of a series, saved for all of it (or, `following`, for
        that day and the ones after it): the series takes `series`, then that day shows
        `day`'s title, place, notes and times, as the editor showed them. Without the second
        part, a day changed on its own before kept its own time or title, and the change
        saved from it seemed not to reach it. `day_name`: that day's name in what is saved
        (see domain.day_edits; None: nothing of its own to keep). Words changed reach the
        other days changed on their own too; their times stay theirs. One transaction."""
        with storage_db.transaction(self._db):
            before = self._activities.get(uid)
            self._instance(before, recurrence_id)  # still one of its days?
            if following:
                after, _ = self.split_series(plan, uid, recurrence_id, series)
            else:
                after, _ = self.update(plan, uid, series)
            # Words saved for all of them (or from that day on) reach the days that had
            # their own too, as in Apple's and Google's calendars; their own times stay.
            words = {field: getattr(series, field) for field in ("title", "location", "notes")
                     if getattr(series, field) != getattr(before, field)}  # fmt: skip
            if words and after.overrides:
                reworded = (replace(o, **words) for o in after.overrides)
                after = replace(
                    after,
                    overrides=tuple(o for o in reworded if not _as_the_series_has_it(after, o)),
                )
                self._activities.update(after)
            if (
                day_name is not None
                and after.rrule is not None
                and recurrence.is_instance(after, recurrence.instance_name(after, day_name))
            ):
                after, _ = self.update_occurrence(plan, after.uid, day_name, day)
            touched = [after]
            if after.uid != uid:
                touched.append(self._activities.get(uid))
        return after, _changed(plan, before, *touched)

    def _instance(self, activity: Activity, recurrence_id: datetime | date) -> datetime | date:
        """The instance's name in the series, checking the series has such an instance."""
        if activity.rrule is None:
            raise InvalidInputError(f"“{activity.title}” does not repeat.")
        name = recurrence.instance_name(activity, recurrence_id)
        changed = any(o.recurrence_id == name for o in activity.overrides)
        if name in activity.exdates or not (changed or recurrence.is_instance(activity, name)):
            raise NotFoundError(
                f"That occurrence of “{activity.title}” is no longer part of the series."
            )
        return name

    def _head(self, plan: Plan, before: Activity, name: datetime | date) -> Activity | None:
        """The series cut to end before instance `name`, with only the exceptions, changes
        (and so marks) that come before it; None when nothing of it would still show."""
        rule = recurrence.ending_before(before, name)
        if rule is None:
            return None
        draft = replace(
            before.draft(),
            rrule=rule,
            exdates=tuple(e for e in before.exdates if not _not_before(e, name)),
            overrides=tuple(o for o in before.overrides if not _not_before(o.recurrence_id, name)),
        )
        head = before.revised(
            validate_draft(draft, step_count=self._step_count(plan)), self._clock.now()
        )
        return head if recurrence.has_instances(head) else None

    def _keep_done_behind(
        self,
        plan: Plan,
        before: Activity,
        after: Activity,
        move: Callable[[datetime | date], datetime | date],
        *,
        since: datetime | date | None = None,
    ) -> None:
        """Refuse a change that would carry an occurrence marked done on to a later day that
        has not come yet (of a series split at `since`, the marks from there on): something
        done cannot have happened after today, as "Mark as Done" waits for the day, and what
        was written of it would be dated ahead. Moving it to an earlier day, or within
        the days that have come, is a correction and goes ahead."""
        today = self._clock.today(plan.tz)
        for mark in self._completions.for_activities([before]):
            name = mark.recurrence_id
            if mark.status is not Status.DONE:
                continue
            if since is not None and not _not_before(name, since):
                continue  # stays with the series' first part
            was = local_day(named_start(before, name), plan.tz)
            now = local_day(named_start(after, move(name)), plan.tz)
            if now > today and now > was:
                raise InvalidInputError(
                    f"“{after.title}” on {self.wording.day(was)} is marked as done, so it "
                    f"cannot move to {self.wording.day(now)}, a day that has not come yet. "
                    "To plan it again, choose Back to Planned first."
                )

    def _unmark(self, uid: ActivityUid, which: Callable[[datetime | date], bool]) -> None:
        """Remove the marks (and reflections) of the instances `which` selects."""
        for mark in self._completions.for_activities([self._activities.get(uid)]):
            if which(mark.recurrence_id):
                self._completions.set(replace(mark, status=Status.PLANNED))

    def _step_count(self, plan: Plan) -> int:
        return len(programs.get_program(plan.program_id).steps)


def _changed(plan: Plan, *activities: Activity) -> Changes:
    """Changes naming the local days `activities` may cover (unbounded for an endless series)."""
    uids = frozenset(activity.uid for activity in activities)
    first: date | None = None
    last: date | None = None
    for activity in activities:
        final_start = recurrence.last_start(activity)
        if final_start is None:
            return Changes(ChangeKind.ACTIVITIES, uids)
        start_day = local_day(activity.start, plan.tz)
        # Generous by a day: an over-wide range only costs a repaint.
        end_day = local_day(final_start, plan.tz) + timedelta(days=activity.duration.days + 1)
        # A day moved on its own may lie before the series' first or after its last (a
        # review: one moved into the past was said as from tomorrow, and step progress kept
        # the quiet days it had before).
        for moved in activity.overrides:
            start_day = min(start_day, local_day(moved.start, plan.tz))
            end_day = max(end_day, local_day(moved.end, plan.tz) + timedelta(days=1))
        first = start_day if first is None else min(first, start_day)
        last = end_day if last is None else max(last, end_day)
    return Changes(ChangeKind.ACTIVITIES, uids, first_day=first, last_day=last)


def _not_before(key: datetime | date, name: datetime | date) -> bool:
    """Whether the instance `key` is `name` or comes after it (names are of one kind)."""
    if isinstance(key, datetime) != isinstance(name, datetime):
        return False  # a stray name of the other kind belongs to neither side
    return key >= name


def _as_the_series_has_it(activity: Activity, override: OccurrenceOverride) -> bool:
    """Whether an override changes nothing: the instance's own start, length and text."""
    name = override.recurrence_id
    if isinstance(name, datetime):
        start: datetime | date = in_zone(name.replace(tzinfo=zone_info(activity.zone)),
                                         zone_info(activity.zone))  # fmt: skip
    else:
        start = name
    return (
        override.start == start
        and span(override.start, override.end) == activity.duration
        and (override.title, override.location, override.notes)
        == (activity.title, activity.location, activity.notes)
    )


def _week_later(activity: Activity) -> tuple[datetime | date, datetime | date]:
    """Start and end seven days on: the same wall-clock start in the activity's own zone (a
    weekly 9:00 stays 9:00 across a DST change) and the same length."""
    if isinstance(activity.start, datetime):
        local = activity.start.astimezone(zone_info(activity.zone))
        start = normalized(local + WEEK)
        return start, plus_elapsed(start, activity.duration)
    return activity.start + WEEK, activity.end + WEEK


def _sameness(activity: Activity, zone: ZoneInfo) -> tuple[str, datetime, datetime]:
    """What makes two one-offs the same entry in the calendar: title and time."""
    return (
        text_match.folded(activity.title),
        _as_utc(activity.start, zone),
        _as_utc(activity.end, zone),
    )


def _as_utc(value: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=zone).astimezone(UTC)


def _not_onto_another(
    series: Activity, name: datetime | date, moved: OccurrenceOverride, wording: Wording
) -> None:
    """Refuse one occurrence moved onto another of the same series: the two would be one
    activity twice at one time, which no one can tell apart (to mark, or to move again)."""
    zone = zone_info(series.zone)
    day = local_day(moved.start, zone)
    for occurrence in recurrence.expand(series, day, day + timedelta(days=1), zone):
        if occurrence.key != name and occurrence.start == moved.start:
            when = wording.when(moved.start, zone)
            raise InvalidInputError(
                f"“{occurrence.title}” already happens then ({when}). Choose another time, "
                "or delete this one."
            )
