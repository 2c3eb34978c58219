"""peewee row classes; private to storage (repositories convert them to domain values)."""

from __future__ import annotations

import peewee

from planner.storage.db import database


class BaseRow(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


class PlanRow(BaseRow):
    """A plan. Dates are ISO text; the zone is an IANA name."""

    id = peewee.AutoField()
    name = peewee.TextField()
    program_id = peewee.TextField()
    start = peewee.TextField()
    zone = peewee.TextField()
    partner_name = peewee.TextField(null=True)
    current_step = peewee.IntegerField()
    created = peewee.TextField()
    contacts_per_week = peewee.IntegerField(null=True)  # None: the program's per-step default
    min_gap_hours = peewee.IntegerField(null=True)  # None: one day
    no_contact_since = peewee.TextField(null=True)  # UTC stamp: contact set aside since then
    boundary_reason = peewee.TextField(null=True)  # "asked" (no contact) or "growth" (own focus)
    checkin_weeks = peewee.IntegerField(null=True)  # None: every 3 weeks; 0: never
    last_checkin = peewee.TextField(null=True)  # ISO date of the last check-in answered
    # ISO date up to which the days lived were looked at for the steps they complete.
    steps_checked_on = peewee.TextField(null=True)

    class Meta:
        table_name = "plan"


class ActivityRow(BaseRow):
    """An activity. Local times are wall-clock ISO text in `zone`; `*_utc` bound range queries.

    `first_utc` is the earliest instant the activity can touch and `last_utc` the latest (NULL
    for a series without end); all-day values are widened by the widest UTC offsets so the
    bounds hold in any zone.
    """

    uid = peewee.TextField(primary_key=True)
    plan = peewee.ForeignKeyField(PlanRow, on_delete="CASCADE", backref="activities")
    plan_id: int  # peewee's accessor for the raw key (no query), declared for the type checker
    title = peewee.TextField()
    category = peewee.TextField()
    step = peewee.IntegerField()
    all_day = peewee.BooleanField()
    zone = peewee.TextField()
    start_local = peewee.TextField()
    end_local = peewee.TextField()
    location = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    rrule = peewee.TextField(null=True)
    exdates = peewee.TextField(default="")
    first_utc = peewee.TextField(index=True)
    last_utc = peewee.TextField(null=True, index=True)
    created = peewee.TextField()
    modified = peewee.TextField()
    revision = peewee.IntegerField(default=0)
    cancelled = peewee.BooleanField(null=True)  # kept but hidden (a no-contact boundary)
    imported_revision = peewee.IntegerField(null=True)  # the revision its last import gave it
    imported_modified = peewee.TextField(null=True)  # its file's LAST-MODIFIED at that import
    kept_note = peewee.BooleanField(null=True)  # words kept in an urge moment: not a plan

    class Meta:
        table_name = "activity"
        indexes = ((("plan", "first_utc"), False),)


class OverrideRow(BaseRow):
    """One instance of a series changed on its own; `recurrence_id` is its original local start."""

    id = peewee.AutoField()
    activity = peewee.ForeignKeyField(ActivityRow, on_delete="CASCADE", backref="overrides")
    activity_id: str  # peewee's raw-key accessor, declared for the type checker
    recurrence_id = peewee.TextField()
    start_local = peewee.TextField()
    end_local = peewee.TextField()
    title = peewee.TextField()
    location = peewee.TextField(default="")
    notes = peewee.TextField(default="")

    class Meta:
        table_name = "occurrence_override"
        indexes = ((("activity", "recurrence_id"), True),)


class CompletionRow(BaseRow):
    """An occurrence marked done or skipped, with the person's private reflection."""

    id = peewee.AutoField()
    activity = peewee.ForeignKeyField(ActivityRow, on_delete="CASCADE", backref="completions")
    recurrence_id = peewee.TextField()
    status = peewee.TextField()
    marked_at = peewee.TextField()
    reflection = peewee.TextField(default="")
    mood = peewee.IntegerField(null=True)
    learned = peewee.TextField(default="")

    class Meta:
        table_name = "completion"
        indexes = ((("activity", "recurrence_id"), True),)


class StepRecordRow(BaseRow):
    """The day a step's milestone was reached, or marked complete by hand."""

    id = peewee.AutoField()
    plan = peewee.ForeignKeyField(PlanRow, on_delete="CASCADE", backref="step_records")
    step = peewee.IntegerField()
    completed_on = peewee.TextField()
    by_hand = peewee.BooleanField(default=False)

    class Meta:
        table_name = "step_record"
        indexes = ((("plan", "step"), True),)


class PauseRow(BaseRow):
    """A break the person chose: days from `start` up to, not including, `end` (NULL: ongoing)."""

    id = peewee.AutoField()
    plan = peewee.ForeignKeyField(PlanRow, on_delete="CASCADE", backref="pauses")
    start = peewee.TextField()
    end = peewee.TextField(null=True)

    class Meta:
        table_name = "pause"
        indexes = ((("plan", "start"), True),)


class ReminderRow(BaseRow):
    """One reminder of an activity: `minutes` before each occurrence's start."""

    id = peewee.AutoField()
    activity = peewee.ForeignKeyField(ActivityRow, on_delete="CASCADE", backref="reminders")
    minutes = peewee.IntegerField()

    class Meta:
        table_name = "reminder"
        indexes = ((("activity", "minutes"), True),)


class ReminderSettingsRow(BaseRow):
    """A plan's reminder options and when the app last ran on it (no row: the defaults)."""

    plan = peewee.ForeignKeyField(
        PlanRow, primary_key=True, on_delete="CASCADE", backref="reminder_settings"
    )
    only_if_open = peewee.BooleanField(default=True)
    daily_summary = peewee.BooleanField(default=False)
    neutral_text = peewee.BooleanField(default=True)
    keep_in_tray = peewee.BooleanField(default=False)
    last_seen = peewee.TextField(null=True)  # UTC; None: never ran with reminders

    class Meta:
        table_name = "reminder_settings"


class RemovedByFileRow(BaseRow):
    """An imported event a newer file cancelled, removed here (see domain.removals)."""

    uid = peewee.TextField(primary_key=True)
    plan = peewee.ForeignKeyField(PlanRow, on_delete="CASCADE", backref="removed_by_file")
    sequence = peewee.IntegerField(null=True)  # NULL: the cancelling file keeps no SEQUENCE
    modified = peewee.TextField(null=True)  # UTC

    class Meta:
        table_name = "removed_by_file"


#: The tables of the current schema (a new file gets all of them at once).
ALL_TABLES: tuple[type[BaseRow], ...] = (
    PlanRow,
    ActivityRow,
    OverrideRow,
    CompletionRow,
    StepRecordRow,
    PauseRow,
    ReminderRow,
    ReminderSettingsRow,
    RemovedByFileRow,
)
