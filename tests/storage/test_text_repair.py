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
from planner.services import backups as backup_service
from planner.services import context
from planner.storage import backups, text_repair

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


def test_a_second_file_set_aside_in_the_same_second_does_not_take_the_firsts_name(
    db_path: Path, clock: FixedClock
) -> None:
    """A review: a repair, then a backup opened within the second, renamed the repaired
    plan over the damaged original kept under that name."""
    walk = _plan_with_a_walk(db_path, clock)
    backup = db_path.with_name("copy.sqlite3")
    backup.write_bytes(db_path.read_bytes())
    _damage(db_path, "UPDATE activity SET title = CAST(x'57ff' AS TEXT) WHERE uid = ?", walk.uid)
    damaged = db_path.read_bytes()
    first, _ = text_repair.repair(db_path, NOW)
    second = backups.set_aside_and_restore(db_path, backup, NOW)

    assert first != second and first.read_bytes() == damaged
    assert second.name == f"plan.sqlite3.unreadable-{NOW + timedelta(seconds=1):%Y%m%dT%H%M%S}"


def test_a_plan_reached_through_a_link_is_repaired_where_it_is(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A review: the link was moved aside and the plan written in its place, out of the
    (synced) folder the link pointed into."""
    synced = tmp_path / "synced"
    synced.mkdir()
    plan = synced / "plan.sqlite3"
    walk = _plan_with_a_walk(plan, clock)
    _damage(plan, "UPDATE activity SET title = CAST(x'57ff' AS TEXT) WHERE uid = ?", walk.uid)
    link = tmp_path / "plan.sqlite3"
    link.symlink_to(plan)

    kept, _ = text_repair.repair(link, NOW)

    assert link.is_symlink() and link.resolve() == plan
    assert kept.parent == synced
    assert text_repair.damage(plan) == text_repair.TextDamage(words=0, other=0)


def test_words_mended_over_a_date_that_is_no_date_are_not_put_in_place(
    db_path: Path, clock: FixedClock
) -> None:
    """A review: a title not UTF-8 beside a start that is text but no date was "repaired",
    and the plan failed its first read again."""
    _plan_with_a_walk(db_path, clock)
    _damage(db_path, "UPDATE activity SET title = CAST(x'57ff' AS TEXT)")
    damaged = _damage(db_path, "UPDATE activity SET start_local = '2026-11-2X 18:00'")
    assert text_repair.damage(db_path) == text_repair.TextDamage(words=1, other=0)

    with pytest.raises(StorageError, match="more of it than its words is damaged"):
        backup_service.repair_words(db_path, clock)

    assert db_path.read_bytes() == damaged
    assert sorted(path.name for path in db_path.parent.iterdir()) == ["plan.sqlite3"]


def test_a_repair_the_disk_refuses_says_so_plainly_and_leaves_the_plan(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: "Cannot open the backup in place of …: Cannot back up …mending to …: No
    space left on device.." for a repair, naming a file the person never made."""
    walk = _plan_with_a_walk(db_path, clock)
    damaged = _damage(db_path, "UPDATE activity SET title = CAST(x'57ff' AS TEXT) WHERE uid = ?",
                      walk.uid)  # fmt: skip

    def full(source: Path, target: Path, *, whole: bool = False) -> None:
        raise StorageError(f"Cannot back up {source} to {target.parent}: No space left on device.")

    monkeypatch.setattr(backups, "copy_database", full)
    with pytest.raises(StorageError) as refused:
        text_repair.repair(db_path, NOW)

    assert refused.value.message == (
        f"{db_path} could not be repaired: no space left on device. It was left as it was."
    )
    assert db_path.read_bytes() == damaged
