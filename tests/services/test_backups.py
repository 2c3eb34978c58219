"""Daily rolling backups and restoring one: nothing the user saved is ever lost on the way."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.errors import NewerDatabaseError, StorageError
from planner.services import context
from planner.services.changes import ChangeKind
from planner.storage import backups, migrations

from tests.schema_files import downgrade
from tests.zones import BERLIN, NOW

START = date(2026, 11, 2)


def _plan(services: context.Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("five-steps"), START, "Europe/Berlin"))
    return plan


def _add(services: context.Services, plan: Plan, title: str) -> None:
    begin = datetime(2026, 11, 24, 18, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=title, category=Category.SELF_CARE, step=StepNumber(1), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin", rrule=None,
    )  # fmt: skip
    services.activities.create(plan, draft)


def _titles(services: context.Services) -> list[str]:
    rows = services._db.execute_sql("SELECT title FROM activity").fetchall()
    return sorted(str(row[0]) for row in rows)


def test_one_copy_per_day_of_use_holding_the_file_as_the_day_began(
    services: context.Services, clock: FixedClock
) -> None:
    plan = _plan(services)
    _add(services, plan, "Long walk")

    first = services.backups.take_daily()
    _add(services, plan, "Bath and an early night")
    again = services.backups.take_daily()

    assert first is not None
    assert again is None  # the same day: one copy is enough
    listed = services.backups.available()
    assert [(copy.day, copy.activity_count) for copy in listed] == [(date(2026, 11, 23), 1)]
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert first.parent == services.path.parent / "backups"


def test_only_the_last_fourteen_daily_copies_are_kept(
    services: context.Services, clock: FixedClock
) -> None:
    _plan(services)
    for _ in range(16):
        services.backups.take_daily()
        clock.set(clock.now() + timedelta(days=1))

    days = [copy.day for copy in services.backups.available()]

    assert len(days) == 14
    assert days[0] == (NOW + timedelta(days=15)).date()
    assert days[-1] == (NOW + timedelta(days=2)).date()


def test_a_file_with_a_record_gone_bad_is_not_copied_over_the_good_copies(
    services: context.Services, clock: FixedClock
) -> None:
    """One title no longer text passes SQLite's checks: copied each day, fourteen days of
    it had pushed out every good copy (a robustness audit)."""
    plan = _plan(services)
    _add(services, plan, "Long walk")
    for _ in range(14):
        services.backups.take_daily()
        clock.set(clock.now() + timedelta(days=1))
    good = [copy.path for copy in services.backups.available()]
    with sqlite3.connect(services.path) as other:
        other.execute("UPDATE activity SET title = CAST(x'4cc3' AS TEXT)")

    with pytest.raises(StorageError, match="Today's backup was not taken") as refused:
        services.backups.take_daily()

    assert "earlier copies are kept" in refused.value.message
    assert [copy.path for copy in services.backups.available()] == good
    assert not list(services.backups.folder.glob("*.partial"))


def test_restore_brings_back_the_copy_and_keeps_the_current_file_aside(
    services: context.Services, clock: FixedClock
) -> None:
    plan = _plan(services)
    _add(services, plan, "Long walk")
    services.backups.take_daily()
    clock.set(clock.now() + timedelta(hours=2))
    _add(services, plan, "Write a letter I will not send")

    daily = services.backups.available()[0]
    changes = services.backups.restore(daily)

    assert changes.kinds & ChangeKind.ACTIVITIES
    assert _titles(services) == ["Long walk"]
    before = services.backups.available()[0]
    assert before.before_restore
    assert before.activity_count == 2
    # Restoring the copy taken first undoes the restore.
    services.backups.restore(before)
    assert _titles(services) == ["Long walk", "Write a letter I will not send"]


def _older_copy(services: context.Services) -> Path:
    """A daily copy holding "Long walk", taken before an update of the app (schema 11),
    then "Yoga" added to the plan."""
    plan = _plan(services)
    _add(services, plan, "Long walk")
    daily = services.backups.take_daily()
    assert daily is not None
    downgrade(daily, 11)
    _add(services, plan, "Yoga")
    return daily


def test_an_older_copy_is_brought_up_to_date_and_restored_in_one_step(
    services: context.Services,
) -> None:
    _older_copy(services)

    services.backups.restore(services.backups.available()[-1])

    assert _titles(services) == ["Long walk"]
    assert migrations.pragma(services._db, "user_version") == migrations.SCHEMA_VERSION
    assert not list(services.backups.folder.glob("*.upgrading*"))  # its upgraded copy gone


def test_a_copy_that_cannot_be_brought_up_to_date_changes_nothing(
    services: context.Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit saw the plan replaced by the old copy, left at its old schema, while the
    message said nothing had changed: the copy had been restored first and upgraded after."""
    daily = _older_copy(services)

    def disk_fails(_db: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "_STEPS", [(12, disk_fails)])
    old = next(copy for copy in services.backups.available() if copy.path == daily)
    with pytest.raises(StorageError, match="Nothing was restored, and your plan is as it was"):
        services.backups.restore(old)

    assert _titles(services) == ["Long walk", "Yoga"]
    assert migrations.pragma(services._db, "user_version") == migrations.SCHEMA_VERSION
    assert not list(services.backups.folder.glob("*.upgrading*"))
    assert not [copy for copy in services.backups.available() if copy.before_restore]


def test_restored_contents_survive_closing_and_reopening(
    services: context.Services, clock: FixedClock, db_path: Path
) -> None:
    plan = _plan(services)
    _add(services, plan, "Long walk")
    services.backups.take_daily()
    _add(services, plan, "Yoga")
    services.backups.restore(services.backups.available()[0])
    services.close()

    reopened = context.open_services(db_path, clock)
    try:
        assert _titles(reopened) == ["Long walk"]
        check = reopened._db.execute_sql("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
    finally:
        reopened.close()


def test_a_copy_from_a_newer_version_is_refused_and_nothing_changes(
    services: context.Services, clock: FixedClock
) -> None:
    plan = _plan(services)
    _add(services, plan, "Long walk")
    copy = services.backups.take_daily()
    assert copy is not None
    connection = sqlite3.connect(copy)
    connection.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    listed = backups.BackupFile(copy, date(2026, 11, 23), False, 1, None)
    _add(services, plan, "Yoga")

    with pytest.raises(NewerDatabaseError):
        services.backups.restore(listed)

    assert _titles(services) == ["Long walk", "Yoga"]


def test_damaged_or_foreign_copies_are_not_offered(services: context.Services) -> None:
    _plan(services)
    copy = services.backups.take_daily()
    assert copy is not None
    folder = copy.parent
    (folder / "plan-2026-11-20.sqlite3").write_bytes(b"not a database at all")
    (folder / "other-2026-11-20.sqlite3").write_bytes(copy.read_bytes())  # another file's copy

    assert [listed.path for listed in services.backups.available()] == [copy]


def test_a_failed_copy_leaves_no_partial_file(services: context.Services, tmp_path: Path) -> None:
    _plan(services)
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the backup folder would go")
    with pytest.raises(backups.StorageError):
        backups.copy_database(services.path, blocker / "copy.sqlite3")
    assert not list(tmp_path.glob("**/*.partial"))


def test_copies_of_a_plan_whose_name_starts_the_same_are_kept_apart(
    tmp_path: Path, clock: FixedClock
) -> None:
    # One database is open per process (the models share one proxy): one plan after the other.
    other = context.open_services(tmp_path / "rekindle-new.sqlite3", clock)
    _plan(other)
    for _ in range(15):  # more than are kept, so pruning runs over the other plan's copies
        other.backups.take_daily()
        clock.set(clock.now() + timedelta(days=1))
    other.close()
    main = context.open_services(tmp_path / "rekindle.sqlite3", clock)
    try:
        _add(main, _plan(main), "Long walk")
        mine = main.backups.take_daily()

        assert mine is not None and mine.exists()
        assert [(copy.path, copy.activity_count) for copy in main.backups.available()] == [
            (mine, 1)
        ]
    finally:
        main.close()
    listed = backups.list_backups(tmp_path / "rekindle-new.sqlite3")
    assert len(listed) == 14 and all(copy.activity_count == 0 for copy in listed)
