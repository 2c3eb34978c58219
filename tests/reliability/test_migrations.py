"""Opening a file written by an older Rekindle: every row survives, a backup is taken first."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, datetime
from pathlib import Path

import peewee
import pytest
from planner.clock import FixedClock
from planner.domain.ids import ActivityUid
from planner.errors import StorageError
from planner.services import context
from planner.storage import migrations

from tests.schema_files import V1_SCRIPT, downgrade, v1_file
from tests.zones import BERLIN


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
    path = v1_file(tmp_path / "old.sqlite3")
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
    path = v1_file(tmp_path / "old.sqlite3")
    original = _dump(path)
    context.open_services(path, clock).close()
    backups = list(tmp_path.glob("old.sqlite3.v1-*.bak"))
    # Named by the plan's clock (09:00 UTC on 23 November 2026 in the tests).
    assert [copy.name for copy in backups] == ["old.sqlite3.v1-20261123T090000Z.bak"]
    assert _dump(backups[0]) == original
    assert _dump(path) != original  # the file itself was upgraded


def test_the_copy_before_migrating_leaves_nothing_else_beside_the_file(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Reading the old file for its copy must not make -wal and -shm files: if the upgrade
    then cannot start (a full disk), they would stay behind."""
    path = tmp_path / "old.sqlite3"
    context.open_services(path, clock).close()  # a closed WAL-mode file
    downgrade(path, 3)
    copy = migrations.backup_before_migration(path, 3, clock.now())
    assert sorted(item.name for item in tmp_path.iterdir()) == sorted([path.name, copy.name])


def test_the_copy_before_migrating_through_a_link_holds_what_is_still_in_the_wal(
    tmp_path: Path, clock: FixedClock
) -> None:
    """SQLite keeps the -wal beside the file a link points to: the copy must read it there,
    or it would miss the last changes (they are in the upgraded file, not in its copy)."""
    real = tmp_path / "real" / "old.sqlite3"
    real.parent.mkdir()
    context.open_services(real, clock).close()
    downgrade(real, 3)
    link = tmp_path / "old.sqlite3"
    link.symlink_to(real)
    writer = sqlite3.connect(real)
    try:
        writer.execute("PRAGMA journal_mode = wal")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        with writer:
            writer.execute("CREATE TABLE note (words TEXT)")
            writer.execute("INSERT INTO note VALUES ('Still in the WAL')")
        assert real.with_name(real.name + "-wal").stat().st_size > 0
        copy = migrations.backup_before_migration(link, 3, clock.now())
    finally:
        writer.close()
    with contextlib.closing(sqlite3.connect(copy)) as reading:
        names = [row[0] for row in reading.execute("SELECT words FROM note")]
    assert names == ["Still in the WAL"]


def test_a_current_file_is_not_backed_up_again(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "new.sqlite3"
    context.open_services(path, clock).close()
    context.open_services(path, clock).close()
    assert not list(tmp_path.glob("*.bak"))


def _rows(
    connection: sqlite3.Connection, table: str, columns: list[str]
) -> list[tuple[object, ...]]:
    names = ", ".join(f'"{column}"' for column in columns)
    return connection.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def test_every_row_of_the_version_1_script_survives_with_its_values(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Column by column, typed values compared as SQLite stores them (not as text)."""
    script = sqlite3.connect(":memory:")
    script.executescript(V1_SCRIPT.read_text(encoding="utf-8"))
    tables = [row[0] for row in script.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    expected = {}
    for table in tables:
        columns = [row[1] for row in script.execute(f'PRAGMA table_info("{table}")')]
        expected[table] = (columns, _rows(script, table, columns))
    script.close()
    assert sum(len(rows) for _, rows in expected.values()) >= 3  # the script holds data

    path = v1_file(tmp_path / "old.sqlite3")
    context.open_services(path, clock).close()
    migrated = sqlite3.connect(path)
    try:
        assert migrated.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        for table, (columns, rows) in expected.items():
            assert _rows(migrated, table, columns) == rows, table
        assert migrated.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert migrated.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        migrated.close()


def test_a_step_failing_midway_leaves_the_file_at_its_old_version_with_all_its_data(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ladder is one transaction: the step that worked is undone with the one that failed."""

    def broken(db: peewee.SqliteDatabase) -> None:
        db.execute_sql('UPDATE "activity" SET "title" = \'half-migrated\'')
        db.execute_sql('ALTER TABLE "activity" ADD COLUMN "mood" INTEGER NOT NULL')  # no default

    steps = [(2, migrations._STEPS[0][1]), (migrations.SCHEMA_VERSION, broken)]
    monkeypatch.setattr(migrations, "_STEPS", steps)
    path = v1_file(tmp_path / "old.sqlite3")
    original = _dump(path)
    with pytest.raises(StorageError, match="could not be upgraded") as caught:
        context.open_services(path, clock)
    message = caught.value.message
    assert "\n" not in message and "as it was" in message
    assert _dump(path) == original  # version 1, every row, no new table
    assert sorted(item.name for item in tmp_path.iterdir()) == [
        "old.sqlite3",
        *[item.name for item in tmp_path.glob("old.sqlite3.v1-*.bak")],
    ]  # closed cleanly: no -wal or -shm left
    (backup,) = tmp_path.glob("old.sqlite3.v1-*.bak")
    assert str(backup) in message
    assert _dump(backup) == original
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()

    monkeypatch.undo()  # the real ladder still upgrades the file
    context.open_services(path, clock).close()
    assert _dump(path)[0] == f"user_version={migrations.SCHEMA_VERSION}"


def test_an_upgrade_the_disk_has_no_room_for_says_the_disk_is_full(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-safety trial: a full disk stopping the upgrade was said as "(disk I/O error)" or
    "(cannot rollback - no transaction is active)"."""

    def full(db: peewee.SqliteDatabase) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrations, "_STEPS", [(migrations.SCHEMA_VERSION, full)])
    path = v1_file(tmp_path / "old.sqlite3")
    original = _dump(path)
    with pytest.raises(StorageError) as caught:
        context.open_services(path, clock)
    message = caught.value.message
    assert "could not be upgraded to this version of Rekindle: the disk is full. The " in message
    assert _dump(path) == original


def test_a_backup_before_the_upgrade_refused_by_the_disk_says_so_and_that_the_file_is_whole(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v1_file(tmp_path / "old.sqlite3")
    original = _dump(path)

    real_connect = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> object:
        if str(target).endswith(".bak"):
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(target, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(migrations.sqlite3, "connect", connect)
    with pytest.raises(StorageError) as caught:
        context.open_services(path, clock)
    assert caught.value.message == (
        f"Cannot back up {path} before upgrading it: the disk is full. It was not upgraded, "
        "and is as it was."
    )
    assert _dump(path) == original


def test_a_step_reopened_by_hand_before_the_upgrade_stays_open(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A review: the first look after the upgrade to v13 took every met step without a
    record as reached by the days, completing again a step the person had reopened."""
    from datetime import UTC

    from planner.domain.ids import ProgramId, StepNumber
    from planner.domain.plans import PlanDraft

    from tests.space_step import space_step

    path = tmp_path / "plan.sqlite3"
    services = context.open_services(path, clock)
    try:
        plan, _ = services.plans.create(
            PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 1), "Europe/Berlin")
        )
        space_step(services, plan)
        clock.set(datetime(2026, 12, 5, 9, 0, tzinfo=UTC))
        services.progress.complete_step(plan, StepNumber(3))
        services.progress.reopen_step(plan, StepNumber(3))  # the person knows best
    finally:
        services.close()
    downgrade(path, 12)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        assert plan.steps_checked_on is not None
        assert services.progress.record_days_lived(plan) == frozenset()
        assert not services.progress.steps(plan)[2].complete
    finally:
        services.close()
