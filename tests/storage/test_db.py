"""Opening the database file: a new file gets our schema and pragmas, and stays private.

Files Rekindle must refuse (foreign, damaged, newer) are in tests/reliability/test_damaged_files.py.
"""

from __future__ import annotations

import sqlite3
import stat
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.errors import StorageError
from planner.services import context
from planner.storage import db
from planner.storage.migrations import APPLICATION_ID, SCHEMA_VERSION

from tests.zones import BERLIN, NOW


def pragma(path: Path, name: str) -> int:
    connection = sqlite3.connect(path)
    try:
        value: int = connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()
    return value


def test_new_file_gets_the_schema(db_path: Path) -> None:
    database = db.open_database(db_path, now=NOW)
    database.close()
    assert pragma(db_path, "user_version") == SCHEMA_VERSION
    assert pragma(db_path, "application_id") == APPLICATION_ID


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "plan.sqlite3"
    db.open_database(path, now=NOW).close()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_an_empty_file_is_set_up(db_path: Path) -> None:
    db_path.touch()
    db.open_database(db_path, now=NOW).close()
    assert pragma(db_path, "user_version") == SCHEMA_VERSION


def test_reopening_keeps_the_schema_and_data(db_path: Path, clock: FixedClock) -> None:
    first = context.open_services(db_path, clock)
    try:
        plan, _ = first.plans.create(
            PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 9), "Europe/Berlin")
        )
        activity, _ = first.activities.create(
            plan,
            ActivityDraft(
                title="Evening journaling",
                category=Category.REFLECTION,
                step=StepNumber(2),
                start=datetime(2026, 11, 9, 20, 30, tzinfo=BERLIN),
                end=datetime(2026, 11, 9, 21, 0, tzinfo=BERLIN),
                all_day=False,
                zone="Europe/Berlin",
                location="Home",
                notes="What happened?\nNo judging.",
                rrule="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=16",
                exdates=(datetime(2026, 11, 12, 20, 30),),
            ),
        )
    finally:
        first.close()

    second = context.open_services(db_path, clock)
    try:
        assert second.plans.current() == plan
        back = second.activities.get(activity.uid)
    finally:
        second.close()
    assert back == activity
    assert back.uid == activity.uid
    assert back.start == datetime(2026, 11, 9, 20, 30, tzinfo=BERLIN)
    assert isinstance(back.start, datetime) and back.start.utcoffset() == activity.start.utcoffset()
    assert back.zone == "Europe/Berlin"
    assert back.rrule == "FREQ=WEEKLY;COUNT=16;BYDAY=MO,TH"
    assert back.exdates == (datetime(2026, 11, 12, 20, 30),)
    assert back.notes == "What happened?\nNo judging."
    assert pragma(db_path, "user_version") == SCHEMA_VERSION


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_is_private_to_the_user(db_path: Path) -> None:
    db.open_database(db_path, now=NOW).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_reopening_tightens_a_too_open_file(db_path: Path) -> None:
    db.open_database(db_path, now=NOW).close()
    db_path.chmod(0o644)
    db.open_database(db_path, now=NOW).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_files_beside_a_new_plan_are_private_too(tmp_path: Path) -> None:
    # SQLite writes every change first into "-wal" beside the file: private notes included.
    path = tmp_path / "new folder" / "plan.sqlite3"
    opened = db.open_database(path, now=NOW)
    try:
        opened.execute_sql("CREATE TABLE scratch (words TEXT)")
        opened.execute_sql("INSERT INTO scratch VALUES ('my private notes')")
        sides = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
        assert all(side.exists() for side in sides)
        assert [stat.S_IMODE(side.stat().st_mode) for side in sides] == [0o600, 0o600]
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700  # a folder made for it
    finally:
        opened.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_reopening_tightens_the_files_an_earlier_version_left_open(db_path: Path) -> None:
    opened = db.open_database(db_path, now=NOW)
    wal = db_path.with_name(db_path.name + "-wal")
    wal.chmod(0o644)  # as a plan made before this fix has it while open
    second = db.open_database(db_path, now=NOW)
    try:
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    finally:
        second.close()
        opened.close()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="folder"):
        db.open_database(tmp_path, now=NOW)


def test_sets_foreign_keys_and_wal(db_path: Path) -> None:
    database = db.open_database(db_path, now=NOW)
    try:
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        database.close()


def test_a_file_another_program_holds_is_said_busy_not_a_failing_disk(
    db_path: Path, clock: FixedClock
) -> None:
    """A robustness audit: a file held under an exclusive lock was "the disk could not be
    read or written (it may be full, disconnected or failing)", an alarm about the wrong
    thing."""
    context.open_services(db_path, clock).close()
    holder = sqlite3.connect(db_path, timeout=0)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError, match="is busy: another program") as refused:
            context.open_services(db_path, clock)
        assert "disk" not in str(refused.value)
    finally:
        holder.rollback()
        holder.close()
