"""Damaged or foreign files: refused with a message saying which, and never written to."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from planner import app
from planner.clock import FixedClock
from planner.domain.ids import StepNumber
from planner.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from planner.services import context
from planner.storage import db
from planner.storage.migrations import APPLICATION_ID, SCHEMA_VERSION

from tests.reliability.plans import everything, fill, snapshot
from tests.zones import NOW

PAGE = 4096  # SQLite's default page size, which Rekindle keeps


@pytest.fixture(scope="module")
def real_plan(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a closed, healthy plan file (demo plan, two weeks marked)."""
    path = tmp_path_factory.mktemp("real") / "plan.sqlite3"
    fill(path, FixedClock(NOW))
    data = path.read_bytes()
    assert len(data) >= 12 * PAGE  # big enough to cut and damage in the middle
    return data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "files"
    target.mkdir()
    return target


def refused(path: Path, clock: FixedClock) -> Iterator[StorageError]:
    """Open `path` both ways the app does (storage and services); yield each refusal."""
    for opener in (
        lambda p: db.open_database(p, now=NOW),
        lambda p: context.open_services(p, clock),
    ):
        with pytest.raises(StorageError) as caught:
            opener(path).close()
        assert str(path) in caught.value.message
        assert "\n" not in caught.value.message
        yield caught.value


def make_text(path: Path) -> None:
    path.write_text("Shopping list:\n- milk\n- bread\n", encoding="utf-8")


def make_random(path: Path) -> None:
    path.write_bytes(random.Random(20261123).randbytes(8192))


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('not a plan')")
    connection.commit()
    connection.close()


def make_newer_rekindle(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE plan (id INTEGER PRIMARY KEY)")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()


def make_damaged_sqlite(path: Path) -> None:
    make_foreign_sqlite(path)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # keep the header, destroy the pages
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "error", "says"),
    [
        (make_text, NotADatabaseError, "not a Rekindle database"),
        (make_random, NotADatabaseError, "not a Rekindle database"),
        (make_foreign_sqlite, NotADatabaseError, "another program"),
        (make_newer_rekindle, NewerDatabaseError, "newer version"),
        (make_damaged_sqlite, DamagedDatabaseError, "damaged"),
    ],
    ids=["text", "random-bytes", "foreign-sqlite", "newer-rekindle", "damaged-sqlite"],
)
def test_unusable_file_is_refused_and_left_untouched(
    folder: Path,
    clock: FixedClock,
    make: Callable[[Path], None],
    error: type[StorageError],
    says: str,
) -> None:
    path = folder / "plan.sqlite3"
    make(path)
    before = snapshot(folder)
    for refusal in refused(path, clock):
        assert type(refusal) is error
        assert says in refusal.message
    assert snapshot(folder) == before


def test_foreign_sqlite_with_hash_in_its_name_is_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "notes #1.db"
    make_foreign_sqlite(path)
    before = snapshot(folder)
    with pytest.raises(NotADatabaseError):
        db.open_database(path, now=NOW).close()
    assert snapshot(folder) == before


def test_a_plan_from_a_newer_rekindle_gets_no_companion_files(
    folder: Path, clock: FixedClock, real_plan: bytes
) -> None:
    """A real (WAL mode) file: even reading its version must not leave -wal/-shm behind."""
    path = folder / "plan.sqlite3"
    path.write_bytes(real_plan)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = snapshot(folder)
    assert list(before) == ["plan.sqlite3"]
    for refusal in refused(path, clock):
        assert isinstance(refusal, NewerDatabaseError)
        assert "update Rekindle" in refusal.message
    assert snapshot(folder) == before


def cut_points(size: int) -> list[int]:
    """Inside the header page, at page boundaries early, middle and late, and mid-page."""
    return [100, 2000, 2 * PAGE, size // 2 // PAGE * PAGE, size // 2 + 1234, size - PAGE, size - 1]


def test_a_truncated_plan_is_refused_as_damaged_wherever_it_was_cut(
    folder: Path, clock: FixedClock, real_plan: bytes
) -> None:
    path = folder / "plan.sqlite3"
    for cut in cut_points(len(real_plan)):
        path.write_bytes(real_plan[:cut])
        before = snapshot(folder)
        for refusal in refused(path, clock):
            assert isinstance(refusal, DamagedDatabaseError), f"cut at {cut}: {refusal}"
            assert "damaged" in refusal.message
        assert snapshot(folder) == before, f"cut at {cut}"


def test_a_page_overwritten_anywhere_in_the_middle_is_refused_as_damaged(
    folder: Path, clock: FixedClock, real_plan: bytes
) -> None:
    """Every page of the middle half, zeroed or filled with noise (a lost disk sector)."""
    path = folder / "plan.sqlite3"
    pages = len(real_plan) // PAGE
    noise = random.Random(7)
    for page in range(pages // 4, pages * 3 // 4):
        damaged = bytearray(real_plan)
        filler = bytes(PAGE) if page % 2 else noise.randbytes(PAGE)
        damaged[page * PAGE : (page + 1) * PAGE] = filler
        path.write_bytes(bytes(damaged))
        before = snapshot(folder)
        with pytest.raises(DamagedDatabaseError, match="damaged"):
            context.open_services(path, clock).close()
        assert snapshot(folder) == before, f"page {page}"


@pytest.mark.parametrize("seed", range(12))
def test_flipped_bytes_never_crash_and_are_never_written(
    folder: Path, clock: FixedClock, real_plan: bytes, seed: int
) -> None:
    """A few bits flipped in the middle: some flips break the structure (refused on open),
    some make a stored value unreadable (refused when read), and some land in unused space
    or change a letter, which SQLite cannot notice. Never a traceback, never a write."""
    rng = random.Random(seed)
    damaged = bytearray(real_plan)
    for _ in range(4):
        where = rng.randrange(len(damaged) // 4, len(damaged) * 3 // 4)
        damaged[where] ^= 1 << rng.randrange(8)
    path = folder / "plan.sqlite3"
    path.write_bytes(bytes(damaged))
    before = snapshot(folder)
    try:
        everything(path, clock)
    except DamagedDatabaseError as error:
        assert "damaged" in error.message and str(path) in error.message
    assert snapshot(folder) == before


def test_a_damaged_plan_left_by_a_crash_keeps_its_wal(
    folder: Path, clock: FixedClock, real_plan: bytes, tmp_path: Path
) -> None:
    """Cut short while its -wal (with saved changes) is still beside it: neither is touched."""
    live = tmp_path / "live"
    live.mkdir()
    source = live / "plan.sqlite3"
    source.write_bytes(real_plan)
    services = context.open_services(source, clock)
    try:
        plan = services.plans.require()
        services.plans.set_current_step(plan.id, StepNumber(plan.current_step + 1))
        # A copy while it is open is what a crash leaves: the change lives in the -wal.
        for name in ("plan.sqlite3", "plan.sqlite3-wal", "plan.sqlite3-shm"):
            shutil.copyfile(live / name, folder / name)
    finally:
        services.close()
    path = folder / "plan.sqlite3"
    path.write_bytes(path.read_bytes()[: len(real_plan) // 2])
    before = snapshot(folder)
    assert (folder / "plan.sqlite3-wal").stat().st_size > 0
    for refusal in refused(path, clock):
        assert isinstance(refusal, DamagedDatabaseError)
    after = snapshot(folder)
    assert after.keys() == before.keys()
    # The -shm is SQLite's shared lock table, which every reader updates; data lives in the rest.
    assert after["plan.sqlite3"] == before["plan.sqlite3"]
    assert after["plan.sqlite3-wal"] == before["plan.sqlite3-wal"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("start_local", "'2026-13-45T25:00:00'"),  # not a time
        ("category", "'no-such-category'"),
        ("title", "CAST(x'4361666ee9' AS TEXT)"),  # Latin-1 bytes: not UTF-8
    ],
    ids=["impossible-time", "unknown-category", "not-utf8"],
)
def test_a_value_that_cannot_be_read_is_reported_when_read(
    folder: Path, clock: FixedClock, real_plan: bytes, column: str, value: str
) -> None:
    """Well-formed pages holding a value no Rekindle wrote: the open succeeds, the first read
    of that value says the file is damaged, and nothing is written."""
    path = folder / "plan.sqlite3"
    path.write_bytes(real_plan)
    connection = sqlite3.connect(path)
    connection.execute(
        f"UPDATE activity SET {column} = {value} WHERE uid = (SELECT min(uid) FROM activity)"
    )
    connection.commit()
    connection.close()
    before = snapshot(folder)
    with pytest.raises(DamagedDatabaseError, match="damaged"):
        everything(path, clock)
    assert snapshot(folder) == before


def test_a_plan_missing_a_table_is_called_damaged_not_given_sqlites_words(
    folder: Path,
    clock: FixedClock,
    real_plan: bytes,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    """A review's copy without its activity table said "no such table: activity"."""
    path = folder / "plan.sqlite3"
    path.write_bytes(real_plan)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DROP TABLE activity")
    connection.commit()
    connection.close()
    before = snapshot(folder)
    with pytest.raises(DamagedDatabaseError, match="part of the plan is missing"):
        everything(path, clock)
    assert app.main(["list", "--db", str(path), "--from", "2026-11-01", "--to", "2026-11-30"]) == 1
    _, err = capsys.readouterr()
    assert err == (
        f"rekindle: {path} is damaged: part of the plan is missing. It was left untouched. "
        "The Rekindle window offers the ways back: a backup, or a repair when only words "
        "were damaged.\n"
    )  # where the ways back are
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (make_text, "not a Rekindle database"),
        (make_newer_rekindle, "newer version"),
        (make_damaged_sqlite, "damaged"),
    ],
    ids=["text", "newer-rekindle", "damaged"],
)
def test_the_command_line_says_which_in_one_line(
    folder: Path,
    make: Callable[[Path], None],
    says: str,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    path = folder / "plan.sqlite3"
    make(path)
    before = snapshot(folder)
    for command in (["list", "--from", "2026-11-01", "--to", "2026-11-30"], ["progress"]):
        assert app.main([*command, "--db", str(path)]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("rekindle: ") and err.count("\n") == 1
        assert says in err
    assert snapshot(folder) == before
