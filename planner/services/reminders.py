"""Reminder use cases: what falls due in a window, what was missed while closed, the options."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain import reminders
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    import peewee

    from planner.clock import Clock
    from planner.domain.plans import Plan
    from planner.domain.reminders import Notice, Reminder, ReminderOptions
    from planner.services.calendar import CalendarService
    from planner.storage.repositories import ReminderSettingsRepository

#: How far ahead `next_at` looks; a caller waiting longer simply asks again.
LOOKAHEAD = timedelta(days=1)


class ReminderService:
    """Reads reminders for the tray (or any other notifier) and keeps the plan's options."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        calendar: CalendarService,
        settings: ReminderSettingsRepository,
    ) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._settings = settings

    def options(self, plan: Plan) -> ReminderOptions:
        return self._settings.options(plan.id)

    def set_options(self, plan: Plan, options: ReminderOptions) -> Changes:
        with storage_db.transaction(self._db):
            self._settings.set_options(plan.id, options)
        return Changes(ChangeKind.REMINDERS)

    def due(self, plan: Plan, since: datetime, until: datetime) -> list[Reminder]:
        """Reminders falling due in `(since, until]`, honouring "only if not yet done"."""
        return self._due(plan, since, until, self.options(plan))

    def notices(self, plan: Plan, since: datetime, until: datetime) -> list[Notice]:
        """The notifications to show for `(since, until]`: one per reminder, or with the daily
        summary option one per day (built from the whole day, shown at its own time)."""
        options = self.options(plan)
        if not options.daily_summary:
            found = self._due(plan, since, until, options)
        else:
            first, last = reminders.whole_days(since, until, plan.tz)
            found = self._due(plan, first, last, options)
        return [
            notice
            for notice in reminders.notices(found, zone=plan.tz, options=options)
            if since < notice.at <= until
        ]

    def next_at(self, plan: Plan, after: datetime) -> datetime | None:
        """When the next notification after `after` is due, if within `LOOKAHEAD`."""
        found = self.notices(plan, after, after + LOOKAHEAD)
        return found[0].at if found else None

    def missed(self, plan: Plan) -> list[Reminder]:
        """Reminders that fell due since the app last ran on this plan (a list to show once;
        nothing on the first run, nothing older than a few days)."""
        now = self._clock.now()
        last_seen = self._settings.last_seen(plan.id)
        if last_seen is None or last_seen >= now:
            return []
        since = max(last_seen, now - reminders.MISSED_LOOKBACK)
        first, last = reminders.start_days(since, now, plan.tz)
        return reminders.missed(
            self._calendar.starting_in(plan, first, last),
            last_seen,
            now,
            zone=plan.tz,
            options=self.options(plan),
        )

    def last_seen(self, plan: Plan) -> datetime | None:
        return self._settings.last_seen(plan.id)

    def mark_seen(self, plan: Plan, now: datetime | None = None) -> None:
        """Remember that the app ran (and showed what was due) up to `now`.

        Not on a file opened for reading only: it cannot be saved, and the app having run is
        no change of the person's to refuse."""
        if storage_db.is_read_only(self._db):
            return
        with storage_db.transaction(self._db):
            self._settings.set_last_seen(plan.id, now or self._clock.now())

    def _due(
        self, plan: Plan, since: datetime, until: datetime, options: ReminderOptions
    ) -> list[Reminder]:
        first, last = reminders.start_days(since, until, plan.tz)
        occurrences = self._calendar.starting_in(plan, first, last)
        return reminders.due(occurrences, since, until, zone=plan.tz, options=options)
