"""Opening a file written by an older Rekindle: every row survives, a backup is taken first."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.ids import ActivityUid
from planner.services import context
from planner.storage import migrations

from tests.zones import BERLIN

V1_SCRIPT = Path(__file__).parents[1] / "data" / "schema" / "v1.sql"


def _v1_file(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(V1_SCRIPT.read_text(encoding="utf-8"))
    connection.commit()
    connection.close()
    return path


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        return [f"user_version={version}", *connection.iterdump()]
    finally:
        connection.close()


def test_a_version_1_file_is_migrated_and_keeps_every_row(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _v1_file(tmp_path / "old.sqlite3")
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        assert (plan.name, plan.partner_name, plan.current_step) == (
            "Eleven steps to reconnect",
            "Sam",
            3,
        )
        coffee = services.activities.get(ActivityUid("one-off@rekindle"))
        assert coffee.title == "Coffee at the corner café"
        assert coffee.start == datetime(2026, 12, 5, 10, 30, tzinfo=BERLIN)
        assert (coffee.location, coffee.notes, coffee.revision) == (
            "Corner café",
            "Listen more than you talk.",
            2,
        )
        series = services.activities.get(ActivityUid("series@rekindle"))
        assert series.rrule == "FREQ=WEEKLY;COUNT=8"
        assert series.exdates == (datetime(2026, 11, 9, 20, 30),)
        assert series.overrides == ()
        shown = services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31))
        assert [o.start for o in shown if o.activity.uid == series.uid][:2] == [
            datetime(2026, 11, 2, 20, 30, tzinfo=BERLIN),
            datetime(2026, 11, 16, 20, 30, tzinfo=BERLIN),
        ]
    finally:
        services.close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "occurrence_override" in tables


def test_a_copy_of_the_old_file_is_kept_before_migrating(tmp_path: Path, clock: FixedClock) -> None:
    path = _v1_file(tmp_path / "old.sqlite3")
    original = _dump(path)
    context.open_services(path, clock).close()
    backups = list(tmp_path.glob("old.sqlite3.v1-*.bak"))
    assert len(backups) == 1
    assert _dump(backups[0]) == original
    assert _dump(path) != original  # the file itself was upgraded


def test_a_current_file_is_not_backed_up_again(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "new.sqlite3"
    context.open_services(path, clock).close()
    context.open_services(path, clock).close()
    assert not list(tmp_path.glob("*.bak"))
