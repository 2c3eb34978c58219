"""Schema v4 adds breaks ("taking a break"): older files gain the table, keep every row, and are
backed up first."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.completions import Reflection
from planner.domain.consistency import Pause
from planner.domain.ids import ActivityUid
from planner.domain.occurrences import Status
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, schema_of, v1_file

TODAY = date(2026, 11, 23)


def _v3_file(path: Path, clock: FixedClock) -> Path:
    """A file as schema 3 left it, with a reflection marked."""
    services = context.open_services(v1_file(path), clock)
    try:
        plan = services.plans.require()
        series = [
            o
            for o in services.calendar.occurrences(plan, date(2026, 11, 2), date(2026, 11, 2))
            if o.activity.uid == ActivityUid("series@rekindle")
        ]
        services.progress.mark(plan, series[0], Status.DONE, Reflection("Calm", 4, "Breathe"))
    finally:
        services.close()
    return downgrade(path, 3)


def test_a_version_3_file_gains_breaks_and_keeps_its_reflections(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _v3_file(tmp_path / "old.sqlite3", clock)
    version, tables = schema_of(path)
    assert (version, "pause" in tables, "completion" in tables) == (3, False, True)
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        assert [lesson.text for lesson in services.progress.lessons(plan)] == ["Breathe"]
        assert services.progress.pauses(plan) == []
        services.progress.start_pause(plan)
        assert services.progress.pauses(plan) == [Pause(TODAY)]
    finally:
        services.close()
    version, tables = schema_of(path)
    assert version == migrations.SCHEMA_VERSION
    assert "pause" in tables
    assert len(list(tmp_path.glob("old.sqlite3.v3-*.bak"))) == 1


def test_a_version_1_file_climbs_the_whole_ladder(tmp_path: Path, clock: FixedClock) -> None:
    path = v1_file(tmp_path / "old.sqlite3")
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        services.progress.start_pause(plan)
        assert services.progress.consistency(plan).paused_since == TODAY
    finally:
        services.close()
    version, tables = schema_of(path)
    assert version == migrations.SCHEMA_VERSION
    assert {"occurrence_override", "completion", "step_record", "pause"} <= tables


def test_a_break_goes_when_its_plan_goes(tmp_path: Path, clock: FixedClock) -> None:
    path = v1_file(tmp_path / "old.sqlite3")
    services = context.open_services(path, clock)
    try:
        services.progress.start_pause(services.plans.require())
    finally:
        services.close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM plan")
        assert connection.execute("SELECT count(*) FROM pause").fetchone()[0] == 0
    finally:
        connection.close()


def test_a_version_4_file_gains_pacing_settings_and_keeps_its_plan(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = v1_file(tmp_path / "old.sqlite3")
    context.open_services(path, clock).close()
    downgrade(path, 4)

    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        assert (plan.contacts_per_week, plan.min_gap_hours) == (None, None)
        services.plans.set_pacing(plan, 2, 36)
        again = services.plans.require()
        assert (again.contacts_per_week, again.min_gap_hours) == (2, 36)
        assert again.name == plan.name and again.start == plan.start
    finally:
        services.close()
    assert schema_of(path)[0] == migrations.SCHEMA_VERSION
    assert list(tmp_path.glob("old.sqlite3.v4-*.bak"))
