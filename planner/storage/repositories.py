"""Repositories: the only code that reads and writes rows; everything they return is domain."""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import peewee

from planner.domain import recurrence
from planner.domain.activities import Activity, OccurrenceOverride, in_zone
from planner.domain.categories import Category
from planner.domain.completions import Completion, Reflection
from planner.domain.ids import ActivityUid, PlanId, ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, SetAside
from planner.domain.removals import RemovedByFile
from planner.domain.timezones import zone_info
from planner.errors import InvalidInputError, NotFoundError, StorageError
from planner.storage import db as storage_db
from planner.storage.models import (
    ActivityRow,
    CompletionRow,
    OverrideRow,
    PauseRow,
    PlanRow,
    ReminderRow,
    ReminderSettingsRow,
    RemovedByFileRow,
    StepRecordRow,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from zoneinfo import ZoneInfo

    from planner.domain.consistency import Pause
    from planner.domain.milestones import StepRecord
    from planner.domain.reminders import ReminderOptions

_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # range bounds: fixed width, so text order is time order
_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # created/modified keep microseconds
# All-day dates float; these widen their bounds so they hold whatever the viewing zone.
_EARLIEST_OFFSET = timedelta(hours=14)
_LATEST_OFFSET = timedelta(hours=14)


_P = ParamSpec("_P")
_R = TypeVar("_R")
_C = TypeVar("_C", bound=type)


def _plain_errors(cls: _C) -> _C:
    """Make every public method of a repository report database failures as StorageError.

    Writes are covered by storage_db.transaction too, but reads run outside one, and that is
    where a damaged file usually shows first (a flipped byte in a text column cannot decode).
    """
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_"):
            setattr(cls, name, _explained(member))
    return cls


def _explained(method: Callable[_P, _R]) -> Callable[_P, _R]:
    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
            failure = storage_db.explain(error)
        except UnicodeDecodeError:  # bytes where text belongs (stored by another tool)
            failure = storage_db.damaged()
        except StorageError as error:  # e.g. a stored value that _from_stored could not read
            # Without the frames below, which hold the half-read query (see RekindleDatabase.close).
            failure = error.with_traceback(None)
        raise failure

    return wrapper


def _among(column: peewee.Field, values: Collection[str]) -> peewee.Expression:
    """`column IN values`, the values passed as one JSON array that SQLite's json_each reads
    (the index on `column` is still used): a month's ~500 UIDs as 500 parameters took peewee
    longer to write into SQL than SQLite took to run it (bench/startup.py, profiled)."""
    return column.in_(peewee.SQL("(SELECT value FROM json_each(?))", [json.dumps(list(values))]))


def _from_stored(convert: Callable[_P, _R]) -> Callable[_P, _R]:
    """Row to domain value; a value no Rekindle could have written means a damaged file."""

    @functools.wraps(convert)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return convert(*args, **kwargs)
        except (ValueError, TypeError, InvalidInputError):
            failure = storage_db.damaged()
        raise failure  # outside the handler: the failed conversion's frames can go

    return wrapper


@_plain_errors
class PlanRepository:
    """Plans in the database."""

    def add(
        self,
        *,
        name: str,
        program_id: ProgramId,
        start: date,
        zone: str,
        partner_name: str | None,
        current_step: StepNumber,
        created: datetime,
    ) -> Plan:
        row = PlanRow.create(
            name=name,
            program_id=program_id,
            start=start.isoformat(),
            zone=zone,
            partner_name=partner_name,
            current_step=current_step,
            created=_utc_text(created),
        )
        return _plan(row)

    def first(self) -> Plan | None:
        """The plan the app shows (the oldest one; Rekindle keeps one plan per file)."""
        row = PlanRow.select().order_by(PlanRow.id).first()
        return _plan(row) if row is not None else None

    def delete(self, plan_id: PlanId) -> None:
        """Delete a plan and, by the schema's cascades, everything in it."""
        PlanRow.delete().where(PlanRow.id == plan_id).execute()

    def get(self, plan_id: PlanId) -> Plan:
        row = PlanRow.get_or_none(PlanRow.id == plan_id)
        if row is None:
            raise NotFoundError(f"There is no plan number {plan_id}.")
        return _plan(row)

    def set_current_step(self, plan_id: PlanId, step: StepNumber) -> None:
        PlanRow.update(current_step=step).where(PlanRow.id == plan_id).execute()

    def set_no_contact(
        self, plan_id: PlanId, since: datetime | None, reason: SetAside | None
    ) -> None:
        stamp = since.astimezone(UTC).strftime(_STAMP_FORMAT) if since is not None else None
        value = reason.value if reason is not None else None
        PlanRow.update(no_contact_since=stamp, boundary_reason=value).where(
            PlanRow.id == plan_id
        ).execute()

    def set_checkin(self, plan_id: PlanId, weeks: int | None, last: date | None) -> None:
        PlanRow.update(
            checkin_weeks=weeks, last_checkin=last.isoformat() if last is not None else None
        ).where(PlanRow.id == plan_id).execute()

    def set_steps_checked_on(self, plan_id: PlanId, day: date) -> None:
        PlanRow.update(steps_checked_on=day.isoformat()).where(PlanRow.id == plan_id).execute()

    def set_pacing(
        self, plan_id: PlanId, contacts_per_week: int | None, min_gap_hours: int | None
    ) -> None:
        PlanRow.update(contacts_per_week=contacts_per_week, min_gap_hours=min_gap_hours).where(
            PlanRow.id == plan_id
        ).execute()

    def set_partner_name(self, plan_id: PlanId, name: str | None) -> None:
        PlanRow.update(partner_name=name).where(PlanRow.id == plan_id).execute()

    def set_zone(self, plan_id: PlanId, zone: str) -> None:
        PlanRow.update(zone=zone).where(PlanRow.id == plan_id).execute()


@_plain_errors
class ActivityRepository:
    """Activities in the database, queried by the instants they can touch."""

    def add(self, activity: Activity) -> None:
        self.add_many([activity])

    def add_many(self, activities: list[Activity]) -> None:
        """Bulk insert (the caller holds the transaction)."""
        rows = [_activity_fields(a) for a in activities]
        for batch in peewee.chunked(rows, 100):
            ActivityRow.insert_many(batch).execute()
        _insert_overrides(activities)
        _insert_reminders(activities)

    def update(self, activity: Activity) -> None:
        self.update_many([activity])

    def update_many(self, activities: list[Activity]) -> None:
        """Replace stored activities by UID, overrides included (caller holds the transaction)."""
        if not activities:
            return
        # One statement for all: peewee building each UPDATE had taken most of a zone change
        # of the 10,000-activity plan (2.4 s; 1.1 s now), SQLite a small part of it.
        columns = [ActivityRow._meta.fields[name] for name in _activity_fields(activities[0])]
        settable = [field for field in columns if field.name != "uid"]
        statement = "UPDATE {} SET {} WHERE {} = ?".format(
            storage_db.quoted_name(ActivityRow._meta.table_name),
            ", ".join(f"{storage_db.quoted_name(field.column_name)} = ?" for field in settable),
            storage_db.quoted_name(ActivityRow.uid.column_name),
        )
        values: list[list[object]] = []
        for activity in activities:
            fields = _activity_fields(activity)
            values.append(
                [field.db_value(fields[field.name]) for field in settable] + [activity.uid]
            )
        cursor = ActivityRow._meta.database.cursor()
        cursor.executemany(statement, values)
        uids = [a.uid for a in activities]
        if cursor.rowcount != len(uids):
            gone = set(uids) - set(self.get_many(uids))
            raise NotFoundError(f"The activity {min(gone, default=uids[0])} no longer exists.")
        for batch in peewee.chunked(uids, 500):
            OverrideRow.delete().where(OverrideRow.activity.in_(batch)).execute()
            ReminderRow.delete().where(ReminderRow.activity.in_(batch)).execute()
        _insert_overrides(activities)
        _insert_reminders(activities)

    def get_many(self, uids: Collection[str]) -> dict[str, Activity]:
        """Stored activities by UID (missing ones are left out)."""
        rows = list(ActivityRow.select().where(_among(ActivityRow.uid, uids)).namedtuples())
        return {a.uid: a for a in _activities(rows)}

    def all_for(self, plan_id: PlanId) -> list[Activity]:
        """Every activity of a plan (export of everything)."""
        query = ActivityRow.select().where(ActivityRow.plan == plan_id)
        return _activities(list(query.namedtuples()))

    def delete(self, uid: ActivityUid) -> None:
        deleted = ActivityRow.delete().where(ActivityRow.uid == uid).execute()
        if deleted == 0:
            raise NotFoundError(f"The activity {uid} no longer exists.")

    def get(self, uid: ActivityUid) -> Activity:
        rows = list(ActivityRow.select().where(ActivityRow.uid == uid).namedtuples())
        if not rows:
            raise NotFoundError(f"There is no activity with UID {uid}.")
        return _activities(rows)[0]

    def touching(
        self,
        plan_id: PlanId,
        start: datetime,
        end: datetime,
        *,
        categories: Collection[Category] | None = None,
    ) -> list[Activity]:
        """Activities (or series) that may have an occurrence within `[start, end)`, only
        those of `categories` when given."""
        low, high = _utc_text(start), _utc_text(end)
        query = ActivityRow.select().where(
            (ActivityRow.plan == plan_id)
            & (ActivityRow.first_utc < high)
            & (ActivityRow.last_utc.is_null() | (ActivityRow.last_utc > low))
        )
        if categories is not None:
            query = query.where(ActivityRow.category.in_([c.value for c in categories]))
        return _activities(list(query.namedtuples()))

    def matching(self, plan_id: PlanId, needle: str) -> list[Activity]:
        """Activities whose title, location or notes, or one of their overrides', or what was
        written when one of their days was marked done, may contain `needle` (already
        `text_match.folded`): the words are folded as one text, once per row, so a match
        across two of them is possible and callers check each on its own."""

        def holds(row: type[ActivityRow] | type[OverrideRow]) -> peewee.Expression:
            words = row.title.concat("\n").concat(row.location).concat("\n").concat(row.notes)
            return peewee.fn.rekindle_fold(words).contains(needle)

        in_override = OverrideRow.select(OverrideRow.activity).where(holds(OverrideRow))
        written = CompletionRow.reflection.concat("\n").concat(CompletionRow.learned)
        in_reflection = CompletionRow.select(CompletionRow.activity).where(
            ((CompletionRow.reflection != "") | (CompletionRow.learned != ""))  # words only
            & peewee.fn.rekindle_fold(written).contains(needle)
        )
        query = ActivityRow.select().where(
            (ActivityRow.plan == plan_id)
            & (
                holds(ActivityRow)
                | ActivityRow.uid.in_(in_override)
                | ActivityRow.uid.in_(in_reflection)
            )
        )
        return _activities(list(query.namedtuples()))

    def set_cancelled(self, uids: list[ActivityUid], cancelled: bool) -> None:
        """Hide (or show again) activities without changing anything else about them."""
        for batch in peewee.chunked(uids, 500):
            ActivityRow.update(cancelled=True if cancelled else None).where(
                ActivityRow.uid.in_(batch)
            ).execute()

    def cancelled_for(self, plan_id: PlanId) -> list[Activity]:
        query = ActivityRow.select().where(
            (ActivityRow.plan == plan_id) & (ActivityRow.cancelled == True)  # noqa: E712 - SQL
        )
        return _activities(list(query.namedtuples()))

    def count(self, plan_id: PlanId) -> int:
        return int(ActivityRow.select().where(ActivityRow.plan == plan_id).count())


@_plain_errors
class CompletionRepository:
    """Done and skipped marks, keyed by activity and the instance's own start."""

    def set(self, completion: Completion) -> None:
        """Store a mark (replacing an earlier one); PLANNED removes it."""
        key = _local_text(completion.recurrence_id)
        CompletionRow.delete().where(
            (CompletionRow.activity == completion.uid) & (CompletionRow.recurrence_id == key)
        ).execute()
        if completion.status is Status.PLANNED:
            return
        reflection = completion.reflection or Reflection()
        CompletionRow.insert(
            activity=completion.uid,
            recurrence_id=key,
            status=completion.status.value,
            marked_at=completion.marked_at.astimezone(UTC).strftime(_STAMP_FORMAT),
            reflection=reflection.text,
            mood=reflection.mood,
            learned=reflection.learned,
        ).execute()

    def get(self, uid: ActivityUid, recurrence_id: datetime | date) -> Completion | None:
        """The mark of one occurrence, if it has one."""
        query = CompletionRow.select().where(
            (CompletionRow.activity == uid)
            & (CompletionRow.recurrence_id == _local_text(recurrence_id))
        )
        row = query.namedtuples().first()
        return _completion(row) if row is not None else None

    def rekey(self, uid: ActivityUid, move: Callable[[datetime | date], datetime | date]) -> None:
        """Rename an activity's marks after its start moved (delete, then insert: a shift by
        exactly one repeat would otherwise collide with the unique key on the way)."""
        query: Any = CompletionRow.select().where(CompletionRow.activity == uid).dicts()
        rows: list[dict[str, Any]] = list(query)
        if not rows:
            return
        CompletionRow.delete().where(CompletionRow.activity == uid).execute()
        moved = {}
        for row in rows:
            key = _parse_key(row["recurrence_id"])
            row["recurrence_id"] = _local_text(move(key))
            del row["id"]
            moved[row["recurrence_id"]] = row
        CompletionRow.insert_many(list(moved.values())).execute()

    def for_activities(self, activities: list[Activity]) -> list[Completion]:
        """The marks of these activities (one query)."""
        uids = [activity.uid for activity in activities]
        query = CompletionRow.select().where(_among(CompletionRow.activity, uids)).namedtuples()
        return [_completion(row) for row in query]

    def for_plan(self, plan_id: PlanId) -> list[Completion]:
        query = CompletionRow.select().join(ActivityRow).where(ActivityRow.plan == plan_id)
        return [_completion(row) for row in query.namedtuples()]


@_plain_errors
class StepRecordRepository:
    """Reached (or hand-completed) steps of a plan."""

    def all(self, plan_id: PlanId) -> dict[StepNumber, StepRecord]:
        query = StepRecordRow.select().where(StepRecordRow.plan == plan_id).namedtuples()
        return {record.number: record for record in map(_step_record, query)}

    def set(self, plan_id: PlanId, record: StepRecord) -> None:
        self.remove(plan_id, record.number)
        StepRecordRow.insert(
            plan=plan_id,
            step=record.number,
            completed_on=record.completed_on.isoformat(),
            by_hand=record.by_hand,
        ).execute()

    def remove(self, plan_id: PlanId, step: StepNumber) -> None:
        StepRecordRow.delete().where(
            (StepRecordRow.plan == plan_id) & (StepRecordRow.step == step)
        ).execute()


@_plain_errors
class PauseRepository:
    """A plan's breaks ("taking a break"), named by the day each began."""

    def all(self, plan_id: PlanId) -> list[Pause]:
        """Every break, oldest first."""
        query = PauseRow.select().where(PauseRow.plan == plan_id).order_by(PauseRow.start)
        return [_pause(row) for row in query.namedtuples()]

    def set(self, plan_id: PlanId, pause: Pause) -> None:
        """Store a break (replacing the one that began the same day)."""
        self.remove(plan_id, pause.start)
        PauseRow.insert(
            plan=plan_id,
            start=pause.start.isoformat(),
            end=pause.end.isoformat() if pause.end is not None else None,
        ).execute()

    def remove(self, plan_id: PlanId, start: date) -> None:
        PauseRow.delete().where(
            (PauseRow.plan == plan_id) & (PauseRow.start == start.isoformat())
        ).execute()


@_plain_errors
class RemovedByFileRepository:
    """Imported events a newer file cancelled (see domain.removals), by UID."""

    def get_many(self, uids: Collection[str]) -> dict[str, RemovedByFile]:
        found: dict[str, RemovedByFile] = {}
        query = RemovedByFileRow.select().where(_among(RemovedByFileRow.uid, uids))
        for row in query.namedtuples():
            modified = _parse_utc(row.modified) if row.modified else None
            found[row.uid] = RemovedByFile(row.uid, row.sequence, modified)
        return found

    def set(self, plan_id: PlanId, removed: RemovedByFile) -> None:
        stamp = removed.modified
        self.forget([removed.uid])
        RemovedByFileRow.insert(
            uid=removed.uid, plan=plan_id, sequence=removed.sequence,
            modified=None if stamp is None else stamp.astimezone(UTC).strftime(_STAMP_FORMAT),
        ).execute()  # fmt: skip

    def forget(self, uids: Collection[str]) -> None:
        for batch in peewee.chunked(sorted(uids), 500):
            RemovedByFileRow.delete().where(RemovedByFileRow.uid.in_(batch)).execute()


@_plain_errors
class ReminderSettingsRepository:
    """A plan's reminder options and the last instant the app was seen running on it."""

    def options(self, plan_id: PlanId) -> ReminderOptions:
        from planner.domain.reminders import ReminderOptions

        row = self._row(plan_id)
        if row is None:
            return ReminderOptions()
        return ReminderOptions(
            only_if_open=bool(row.only_if_open),
            daily_summary=bool(row.daily_summary),
            neutral_text=bool(row.neutral_text),
            keep_in_tray=bool(row.keep_in_tray),
        )

    def last_seen(self, plan_id: PlanId) -> datetime | None:
        row = self._row(plan_id)
        return _stored_instant(row.last_seen) if row is not None and row.last_seen else None

    def set_options(self, plan_id: PlanId, options: ReminderOptions) -> None:
        fields: dict[str, object] = {
            "only_if_open": options.only_if_open,
            "daily_summary": options.daily_summary,
            "neutral_text": options.neutral_text,
            "keep_in_tray": options.keep_in_tray,
        }
        self._upsert(plan_id, fields)

    def set_last_seen(self, plan_id: PlanId, instant: datetime) -> None:
        self._upsert(plan_id, {"last_seen": instant.astimezone(UTC).strftime(_STAMP_FORMAT)})

    def _row(self, plan_id: PlanId) -> Any:
        query = ReminderSettingsRow.select().where(ReminderSettingsRow.plan == plan_id)
        return query.namedtuples().first()

    def _upsert(self, plan_id: PlanId, fields: dict[str, object]) -> None:
        updated = (
            ReminderSettingsRow.update(**fields)
            .where(ReminderSettingsRow.plan == plan_id)
            .execute()
        )
        if updated == 0:
            ReminderSettingsRow.insert(plan=plan_id, **fields).execute()


@_from_stored
def _stored_instant(text: str) -> datetime:
    return _parse_utc(text)


@_from_stored
def _pause(row: Any) -> Pause:
    from planner.domain.consistency import Pause

    end = date.fromisoformat(row.end) if row.end is not None else None
    return Pause(date.fromisoformat(row.start), end)


@_from_stored
def _step_record(row: Any) -> StepRecord:
    from planner.domain.milestones import StepRecord

    return StepRecord(StepNumber(row.step), date.fromisoformat(row.completed_on), bool(row.by_hand))


@_from_stored
def _completion(row: Any) -> Completion:
    has_reflection = row.reflection or row.mood is not None or row.learned
    return Completion(
        uid=ActivityUid(str(row.activity)),
        recurrence_id=_parse_key(row.recurrence_id),
        status=Status(row.status),
        marked_at=_parse_utc(row.marked_at),
        reflection=Reflection(row.reflection, row.mood, row.learned) if has_reflection else None,
    )


@_from_stored
def _plan(row: PlanRow) -> Plan:
    return Plan(
        id=PlanId(row.id),
        name=row.name,
        program_id=ProgramId(row.program_id),
        start=date.fromisoformat(row.start),
        zone=row.zone,
        partner_name=row.partner_name,
        current_step=StepNumber(row.current_step),
        contacts_per_week=row.contacts_per_week,
        min_gap_hours=row.min_gap_hours,
        no_contact_since=_parse_utc(row.no_contact_since) if row.no_contact_since else None,
        boundary_reason=SetAside(row.boundary_reason) if row.boundary_reason else None,
        checkin_weeks=row.checkin_weeks,
        last_checkin=date.fromisoformat(row.last_checkin) if row.last_checkin else None,
        created=_parse_utc(row.created),
        steps_checked_on=(
            date.fromisoformat(row.steps_checked_on) if row.steps_checked_on else None
        ),
    )


def _activity_fields(activity: Activity) -> dict[str, object]:
    first, last = _bounds(activity)
    return {
        "uid": activity.uid,
        "plan": activity.plan_id,
        "title": activity.title,
        "category": activity.category.value,
        "step": activity.step,
        "all_day": activity.all_day,
        "zone": activity.zone,
        "start_local": _local_text(activity.start),
        "end_local": _local_text(activity.end),
        "location": activity.location,
        "notes": activity.notes,
        "rrule": activity.rrule,
        "exdates": " ".join(_local_text(value) for value in activity.exdates),
        "first_utc": first,
        "last_utc": last,
        "created": activity.created.astimezone(UTC).strftime(_STAMP_FORMAT),
        "modified": activity.modified.astimezone(UTC).strftime(_STAMP_FORMAT),
        "revision": activity.revision,
        "cancelled": True if activity.cancelled else None,
        "imported_revision": activity.imported_revision,
        "imported_modified": (
            None
            if activity.imported_modified is None
            else activity.imported_modified.astimezone(UTC).strftime(_STAMP_FORMAT)
        ),
        "kept_note": True if activity.kept_note else None,
    }


def _insert_overrides(activities: list[Activity]) -> None:
    rows = [
        {
            "activity": activity.uid,
            "recurrence_id": _local_text(override.recurrence_id),
            "start_local": _local_text(_in_zone(override.start, activity.zone)),
            "end_local": _local_text(_in_zone(override.end, activity.zone)),
            "title": override.title,
            "location": override.location,
            "notes": override.notes,
        }
        for activity in activities
        for override in activity.overrides
    ]
    for batch in peewee.chunked(rows, 100):
        OverrideRow.insert_many(batch).execute()


def _insert_reminders(activities: list[Activity]) -> None:
    rows = [
        {"activity": activity.uid, "minutes": minutes}
        for activity in activities
        for minutes in activity.reminders
    ]
    for batch in peewee.chunked(rows, 100):
        ReminderRow.insert_many(batch).execute()


@_from_stored
def _activities(rows: list[Any]) -> list[Activity]:
    """Domain activities for rows, their overrides and reminders fetched in one query each
    (no N+1).

    Rows are peewee named tuples rather than model instances: a third of the cost of a
    large read (bench/interop.py, profiled) was building model objects never used as such.
    """
    by_uid: dict[str, list[Any]] = {}
    series = [row.uid for row in rows if row.rrule is not None]
    if series:
        query = OverrideRow.select().where(_among(OverrideRow.activity, series)).namedtuples()
        for override in query:
            by_uid.setdefault(str(override.activity), []).append(override)
    reminders: dict[str, list[int]] = {}
    pairs: Any = (
        ReminderRow.select(ReminderRow.activity, ReminderRow.minutes)
        .where(_among(ReminderRow.activity, [row.uid for row in rows]))
        .tuples()
    )
    for uid, minutes in pairs:
        reminders.setdefault(str(uid), []).append(int(minutes))
    return [
        _activity(row, by_uid.get(row.uid, []), tuple(sorted(reminders.get(row.uid, ()))))
        for row in rows
    ]


def _override(row: Any, zone: ZoneInfo, all_day: bool) -> OccurrenceOverride:
    return OccurrenceOverride(
        recurrence_id=_parse_key(row.recurrence_id),
        start=_parse_local(row.start_local, zone, all_day),
        end=_parse_local(row.end_local, zone, all_day),
        title=row.title,
        location=row.location,
        notes=row.notes,
    )


def _in_zone(value: datetime | date, zone: str) -> datetime | date:
    return in_zone(value, zone_info(zone)) if isinstance(value, datetime) else value


def _activity(row: Any, overrides: list[Any], reminders: tuple[int, ...]) -> Activity:
    zone = zone_info(row.zone)
    all_day = bool(row.all_day)
    return Activity(
        uid=ActivityUid(row.uid),
        plan_id=PlanId(row.plan),
        title=row.title,
        category=Category(row.category),
        step=StepNumber(row.step),
        start=_parse_local(row.start_local, zone, all_day),
        end=_parse_local(row.end_local, zone, all_day),
        all_day=all_day,
        zone=row.zone,
        location=row.location,
        notes=row.notes,
        rrule=row.rrule,
        exdates=tuple(_parse_key(text) for text in row.exdates.split()),
        overrides=tuple(
            sorted(
                (_override(o, zone, all_day) for o in overrides),
                key=lambda o: _local_text(o.recurrence_id),
            )
        ),
        created=_parse_utc(row.created),
        modified=_parse_utc(row.modified),
        revision=row.revision,
        cancelled=bool(row.cancelled),
        reminders=reminders,
        imported_revision=row.imported_revision,
        imported_modified=None
        if row.imported_modified is None
        else _parse_utc(row.imported_modified),
        kept_note=bool(row.kept_note),
    )


def _bounds(activity: Activity) -> tuple[str, str | None]:
    first, last = _series_bounds(activity)
    for override in activity.overrides:  # a changed instance may have moved outside the series
        low, high = _instants(override.start, override.end)
        first = min(first, _utc_text(low))
        last = None if last is None else max(last, _utc_text(high))
    return first, last


def _instants(start: datetime | date, end: datetime | date) -> tuple[datetime, datetime]:
    """UTC bounds of a span; dates are widened by the widest offsets, as for all-day rows."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return start, end
    assert not isinstance(start, datetime) and not isinstance(end, datetime)
    return (
        datetime.combine(start, time(0), tzinfo=UTC) - _EARLIEST_OFFSET,
        datetime.combine(end, time(0), tzinfo=UTC) + _LATEST_OFFSET,
    )


def _series_bounds(activity: Activity) -> tuple[str, str | None]:
    length = activity.duration
    last_start = recurrence.last_start(activity)
    if activity.all_day:
        assert not isinstance(activity.start, datetime)
        first = datetime.combine(activity.start, time(0), tzinfo=UTC) - _EARLIEST_OFFSET
        if last_start is None:
            return _utc_text(first), None
        last = datetime.combine(last_start, time(0), tzinfo=UTC) + length + _LATEST_OFFSET
        return _utc_text(first), _utc_text(last)
    assert isinstance(activity.start, datetime)
    if last_start is None:
        return _utc_text(activity.start), None
    assert isinstance(last_start, datetime)
    return _utc_text(activity.start), _utc_text(last_start.astimezone(UTC) + length)


_FOLD = "|fold"  # marks the second 02:30 of a fall-back night (datetime.fold = 1)


def _local_text(value: datetime | date) -> str:
    if isinstance(value, datetime):
        text = value.replace(tzinfo=None).isoformat(timespec="seconds")
        # Only real times carry the fold; instance names are wall-clock keys without one.
        return text + _FOLD if value.fold and value.tzinfo is not None else text
    return value.isoformat()


def _parse_local(text: str, zone: ZoneInfo, all_day: bool) -> datetime | date:
    if all_day:
        return date.fromisoformat(text)
    clock, fold, _ = text.partition(_FOLD)
    return datetime.fromisoformat(clock).replace(tzinfo=zone, fold=1 if fold else 0)


def _parse_key(text: str) -> datetime | date:
    """A stored instance name: a naive wall-clock date-time, or a date."""
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_UTC_FORMAT)


def _parse_utc(text: str) -> datetime:
    # fromisoformat reads both stored layouts (trailing Z included) ~10x faster than strptime.
    return datetime.fromisoformat(text).astimezone(UTC)
