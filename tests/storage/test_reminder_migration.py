"""Schema v7 adds reminders and reminder settings: older files gain both tables, keep every row
(existing activities simply have no reminders), and are backed up first."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.ids import ActivityUid
from planner.domain.reminders import ReminderOptions
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, schema_of, v1_file

COFFEE = ActivityUid("one-off@rekindle")


def _v6_file(path: Path, clock: FixedClock) -> Path:
    """A file as schema 6 left it: the v1 fixture brought to v6, without the v7 tables."""
    context.open_services(v1_file(path), clock).close()
    return downgrade(path, 6)


def test_a_version_6_file_gains_reminders_and_keeps_its_activities(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _v6_file(tmp_path / "old.sqlite3", clock)
    assert schema_of(path)[1].isdisjoint({"reminder", "reminder_settings"})
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        coffee = services.activities.get(COFFEE)
        assert (coffee.title, coffee.reminders) == ("Coffee at the corner café", ())
        assert services.reminders.options(plan) == ReminderOptions()
        assert services.reminders.last_seen(plan) is None
        services.activities.update(plan, COFFEE, replace(coffee.draft(), reminders=(10, 1440)))
        services.reminders.set_options(plan, ReminderOptions(daily_summary=True))
        services.reminders.mark_seen(plan)
    finally:
        services.close()
    version, tables = schema_of(path)
    assert version == migrations.SCHEMA_VERSION
    assert {"reminder", "reminder_settings"} <= tables
    assert len(list(tmp_path.glob("old.sqlite3.v6-*.bak"))) == 1

    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        assert services.activities.get(COFFEE).reminders == (10, 1440)
        assert services.reminders.options(plan) == ReminderOptions(daily_summary=True)
        assert services.reminders.last_seen(plan) == clock.now()
    finally:
        services.close()


def test_reminders_go_with_their_activity_and_settings_with_their_plan(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _v6_file(tmp_path / "old.sqlite3", clock)
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        coffee = services.activities.get(COFFEE)
        services.activities.update(plan, COFFEE, replace(coffee.draft(), reminders=(60,)))
        services.reminders.mark_seen(plan, clock.now() - timedelta(hours=1))
    finally:
        services.close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("SELECT count(*) FROM reminder").fetchone()[0] == 1
        connection.execute("DELETE FROM activity WHERE uid = ?", (COFFEE,))
        assert connection.execute("SELECT count(*) FROM reminder").fetchone()[0] == 0
        connection.execute("DELETE FROM plan")
        assert connection.execute("SELECT count(*) FROM reminder_settings").fetchone()[0] == 0
    finally:
        connection.close()


def test_the_plan_and_activity_tables_are_not_rebuilt(tmp_path: Path, clock: FixedClock) -> None:
    path = _v6_file(tmp_path / "old.sqlite3", clock)
    connection = sqlite3.connect(path)
    before = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN ('plan', 'activity')"
    ).fetchall()
    connection.close()
    context.open_services(path, clock).close()
    connection = sqlite3.connect(path)
    after = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN ('plan', 'activity')"
    ).fetchall()
    connection.close()
    # v8, v9, v12 and v13 add nullable columns in place (ALTER TABLE ADD COLUMN writes them
    # into the text).
    added = (
        ', "imported_revision" INTEGER', ', "imported_modified" TEXT', ', "kept_note" INTEGER',
        ', "steps_checked_on" TEXT',
    )  # fmt: skip

    def without_added(sql: str) -> str:
        for column in added:
            sql = sql.replace(column, "")
        return sql

    assert [(name, without_added(sql)) for name, sql in after] == before
