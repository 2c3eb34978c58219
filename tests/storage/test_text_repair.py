"""A plan whose words alone were damaged on the disk is mended; anything more is refused."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.errors import DamagedDatabaseError, StorageError
from planner.services import context
from planner.storage import text_repair

from tests.zones import BERLIN, NOW

START = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)


def _plan_with_a_walk(path: Path, clock: FixedClock) -> Activity:
    """A plan holding "Walk", marked done with a reflection."""
    services = context.open_services(path, clock)
    try:
        plan, _ = services.plans.create(
            PlanDraft(ProgramId("five-steps"), START.date(), "Europe/Berlin")
        )
        walk, _ = services.activities.create(plan, ActivityDraft(
            title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=START,
            end=START + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        ))  # fmt: skip
        (occurrence,) = services.calendar.occurrences(plan, START.date(), START.date())
        services.progress.mark(plan, occurrence, Status.DONE, Reflection(text="Felt calm"))
        return walk
    finally:
        services.close()


def _damage(path: Path, sql: str, *parameters: object) -> bytes:
    """Run `sql` (which writes bytes that are not UTF-8 where text belongs) on the file, as a
    flipped bit would leave it; returns the file's bytes after."""
    with sqlite3.connect(path) as other:
        other.execute("PRAGMA journal_mode = DELETE")
        other.execute(sql, parameters)
    other.close()
    return path.read_bytes()


def _title_and_reflection(path: Path, clock: FixedClock) -> tuple[str, str]:
    services = context.open_services(path, clock)
    try:
        plan = services.plans.require()
        (occurrence,) = services.calendar.occurrences(plan, START.date(), START.date())
        assert occurrence.reflection is not None
        return occurrence.title, occurrence.reflection.text
    finally:
        services.close()


def test_damaged_words_are_mended_and_the_file_as_it_was_is_kept(
    db_path: Path, clock: FixedClock
) -> None:
    walk = _plan_with_a_walk(db_path, clock)
    _damage(db_path, "UPDATE activity SET title = CAST(x'57ff616c6b' AS TEXT) WHERE uid = ?",
            walk.uid)  # fmt: skip
    _damage(db_path, "UPDATE completion SET reflection = CAST(x'46656c74ff' AS TEXT)")
    with pytest.raises(DamagedDatabaseError):  # every read of it stopped there
        _title_and_reflection(db_path, clock)
    damaged = db_path.read_bytes()  # as the app left it, in WAL mode

    assert text_repair.damage(db_path) == text_repair.TextDamage(words=2, other=0)
    kept, mended = text_repair.repair(db_path, NOW)

    assert mended == 2
    assert _title_and_reflection(db_path, clock) == ("W\ufffdalk", "Felt\ufffd")
    assert kept.name == f"plan.sqlite3.unreadable-{NOW:%Y%m%dT%H%M%S}"
    assert kept.read_bytes() == damaged  # untouched, for whoever wants to look into it
    assert text_repair.damage(db_path) == text_repair.TextDamage(words=0, other=0)
    assert not list(db_path.parent.glob("*.mending*"))


def test_damage_beyond_the_words_is_not_repaired_and_the_file_is_left_alone(
    db_path: Path, clock: FixedClock
) -> None:
    """A category (a code, not words) cannot be guessed back: only a backup helps there."""
    _plan_with_a_walk(db_path, clock)
    _damage(db_path, "UPDATE activity SET title = CAST(x'57ff' AS TEXT)")
    damaged = _damage(db_path, "UPDATE activity SET category = CAST(x'73656cff' AS TEXT)")

    damage = text_repair.damage(db_path)
    assert damage == text_repair.TextDamage(words=1, other=1)
    assert not damage.repairable
    with pytest.raises(StorageError, match="cannot be repaired"):
        text_repair.repair(db_path, NOW)

    assert db_path.read_bytes() == damaged
    assert sorted(path.name for path in db_path.parent.iterdir()) == ["plan.sqlite3"]


def test_a_file_damaged_in_its_pages_is_not_offered_a_repair_of_its_words(
    db_path: Path, clock: FixedClock
) -> None:
    _plan_with_a_walk(db_path, clock)
    with sqlite3.connect(db_path) as other:
        other.execute("PRAGMA journal_mode = DELETE")
    other.close()
    damaged = bytearray(db_path.read_bytes())
    damaged[100:4096] = b"\xff" * 3996  # garbage where the list of tables was
    db_path.write_bytes(bytes(damaged))

    assert text_repair.damage(db_path) is None


def test_the_words_a_repair_may_change_are_the_plans_free_text_columns(
    db_path: Path, clock: FixedClock
) -> None:
    """A column renamed by a migration would quietly fall out of what can be mended."""
    _plan_with_a_walk(db_path, clock)
    with sqlite3.connect(db_path) as connection:
        for table, columns in text_repair.FREE_TEXT.items():
            present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            assert set(columns) <= present, table
    connection.close()
