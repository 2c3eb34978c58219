"""A read-only folder, a full disk, a file that vanished: a plain message, nothing half-written."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.errors import StorageError
from planner.services import context
from planner.storage import db as storage_db
from planner.storage.repositories import ActivityRepository

from tests.cli.runner import Runner as CliRunner
from tests.reliability.plans import bulk_calendar, everything, fill, integrity, seen
from tests.schema_files import downgrade
from tests.zones import BERLIN

as_root = pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into read-only folders and files anyway"
)


@pytest.fixture
def plan_file(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    fill(path, clock)
    return path


@pytest.fixture
def bulk_ics(tmp_path: Path) -> Path:
    path = tmp_path / "bulk.ics"
    path.write_bytes(bulk_calendar(300))
    return path


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock
) -> Callable[..., tuple[int, str]]:
    """Run the command line in-process at the tests' fixed time; returns the exit status and
    stderr."""
    command_line = CliRunner(capsys, clock)

    def run(*argv: str) -> tuple[int, str]:
        result = command_line(*argv)
        if result.code:
            assert result.out == ""
        return result.code, result.err

    return run


def closed_cleanly(path: Path) -> None:
    """Only the plan itself is left: no -wal or -shm of a connection that never closed."""
    assert sorted(item.name for item in path.parent.iterdir()) == [path.name]


def one_line(err: str, says: str) -> None:
    assert err.startswith("rekindle: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert says in err, err


def read_but_not_changed(cli: Callable[..., tuple[int, str]], plan: Path) -> None:
    """From the command line, a read-only plan lists its week and refuses an addition."""
    code, err = cli("list", "--db", str(plan), "--from", "2026-11-02", "--to", "2026-11-08")
    assert code == 0, err
    code, err = cli("add", "--db", str(plan), "--title", "Walk", "--category", "self-care",
                    "--start", "2026-11-25T08:00")  # fmt: skip
    assert code == 1
    one_line(err, "read-only")


def new_draft(notes: str = "") -> ActivityDraft:
    start = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    return ActivityDraft(
        title="Write a letter I will not send",
        category=Category.REFLECTION,
        step=StepNumber(2),
        start=start,
        end=start + timedelta(hours=1),
        all_day=False,
        zone="Europe/Berlin",
        notes=notes,
    )


# --- a read-only folder or file --------------------------------------------------------------


class Locks:
    """Makes paths read-only, and writable again (also after a failed test)."""

    def __init__(self) -> None:
        self._changed: list[tuple[Path, int]] = []

    def lock(self, path: Path) -> None:
        self._changed.append((path, path.stat().st_mode))
        path.chmod(0o555 if path.is_dir() else 0o444)

    def release(self) -> None:
        while self._changed:
            path, mode = self._changed.pop()
            path.chmod(mode)


@pytest.fixture
def locks() -> Iterator[Locks]:
    made = Locks()
    yield made
    made.release()


@as_root
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_plan_that_cannot_be_written_is_a_plain_error(
    plan_file: Path,
    clock: FixedClock,
    locks: Locks,
    cli: Callable[..., tuple[int, str]],
    what: str,
) -> None:
    before = everything(plan_file, clock)
    locks.lock(plan_file.parent if what == "folder" else plan_file)
    with pytest.raises(StorageError, match="read-only") as caught:
        services = context.open_services(plan_file, clock)
        try:
            services.activities.create(services.plans.require(), new_draft())
        finally:
            services.close()
    assert str(plan_file) in caught.value.message
    code, err = cli("add", "--db", str(plan_file), "--title", "Walk", "--category", "self-care",
                    "--start", "2026-11-25T08:00")  # fmt: skip
    assert code == 1
    one_line(err, "read-only")
    locks.release()
    assert everything(plan_file, clock) == before


@as_root
def test_a_new_plan_in_a_read_only_folder_is_a_plain_error(
    tmp_path: Path, clock: FixedClock, locks: Locks
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    locks.lock(folder)
    with pytest.raises(StorageError, match="read-only"):
        context.open_services(folder / "plan.sqlite3", clock)
    assert list(folder.iterdir()) == []


def test_a_plan_on_a_read_only_disk_opens_for_reading(
    plan_file: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., tuple[int, str]],
) -> None:
    """A plan on a locked USB stick or a read-only share: SQLite cannot make the -shm file that
    reading a WAL database needs, so opening it the usual way fails. It opens for reading, says
    so, and refuses changes in plain words, leaving nothing beside it. (Root writes through
    any lock, so the disk's refusal is stood in for here.)"""
    before = everything(plan_file, clock)
    normally = context.open_services(plan_file, clock)
    try:
        expected = seen(normally)
    finally:
        normally.close()
    monkeypatch.setattr(storage_db, "_writable", lambda path: False)
    services = context.open_services(plan_file, clock)
    try:
        assert services.read_only
        assert seen(services) == expected
        with pytest.raises(StorageError, match="read-only") as caught:
            services.activities.create(services.plans.require(), new_draft())
        assert str(plan_file) in caught.value.message
        assert services.backups.take_daily() is None  # nothing to copy, nowhere to copy it to
    finally:
        services.close()
    closed_cleanly(plan_file)
    read_but_not_changed(cli, plan_file)
    closed_cleanly(plan_file)
    assert everything(plan_file, clock) == before


def test_an_older_plan_on_a_read_only_disk_asks_for_a_copy(
    plan_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It cannot be brought up to date where it lies: the person is told to copy it."""
    downgrade(plan_file, 1)
    before = plan_file.read_bytes()
    monkeypatch.setattr(storage_db, "_writable", lambda path: False)
    with pytest.raises(
        StorageError,
        match=r"copy it to a folder you can save to and open the copy \(rekindle --db COPY\)",
    ):
        context.open_services(plan_file, clock)
    assert plan_file.read_bytes() == before
    closed_cleanly(plan_file)


# --- another program writing at the same time ----------------------------------------------


def test_a_change_that_reads_first_is_not_undone_by_another_writer_in_between(
    plan_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rekindle add` from a script while the window saves: in WAL mode, a transaction that
    read before another connection committed cannot write any more, and SQLite says "busy" at
    once instead of waiting. Each change takes the write lock as it begins, so the other
    writer waits for it instead (and here, where it may not wait, is told it is locked)."""
    services = context.open_services(plan_file, clock)
    plan = services.plans.require()
    activity = services.activities.create(plan, new_draft())[0]
    other = sqlite3.connect(plan_file, timeout=0)
    told: list[str] = []
    read = ActivityRepository.get

    def read_then_another_writes(self: ActivityRepository, uid: ActivityUid) -> Activity:
        found = read(self, uid)  # inside the delete's transaction, before it writes
        try:
            with other:
                other.execute("UPDATE plan SET name = name || ' (renamed)'")
        except sqlite3.OperationalError as error:
            told.append(str(error))
        return found

    monkeypatch.setattr(ActivityRepository, "get", read_then_another_writes)
    try:
        services.activities.delete(plan, activity.uid)  # no StorageError: "is busy"
    finally:
        monkeypatch.undo()
        other.close()
        services.close()
    assert told == ["database is locked"]  # the other writer waited its turn (of 0 s)


def test_a_failed_command_never_deletes_a_plan_another_is_saving_at_that_moment(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Two commands on a new file: the one that failed judged the file empty while the
    other's plan was still being saved (not yet committed, so unseen), deleted it, and the
    other then exited as if saved (2 runs in 30 in a review). It now judges with the write
    lock, so it waits for the other's plan (here, where it may not wait, keeps the file)."""
    path = tmp_path / "new.sqlite3"
    failing = context.open_services(path, clock)  # made the file, then failed
    failing._db.execute_sql("PRAGMA busy_timeout = 0")
    saving = sqlite3.connect(path, timeout=0, isolation_level=None)
    saving.execute("BEGIN IMMEDIATE")  # another command, in the middle of saving its plan
    try:
        assert not failing.discard_if_unused()
        assert path.exists()
    finally:
        saving.execute("ROLLBACK")
        saving.close()
    again = context.open_services(path, clock)
    assert again.discard_if_unused()  # nobody saving, nothing saved: a mistake's file goes
    assert not path.exists()


# --- a full disk ---------------------------------------------------------------------------------


def fill_the_disk(services: context.Services) -> None:
    """The database may not grow by a single page from now on, as on a full disk."""
    connection = services._db  # the one connection the services share
    pages = connection.execute_sql("PRAGMA page_count").fetchone()[0]
    connection.execute_sql(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_stops_each_action_whole(
    plan_file: Path, clock: FixedClock, bulk_ics: Path
) -> None:
    services = context.open_services(plan_file, clock)
    try:
        before = seen(services)
        plan = services.plans.require()
        fill_the_disk(services)
        with pytest.raises(StorageError, match="disk is full") as caught:
            services.importer.import_file(bulk_ics)
        assert str(plan_file) in caught.value.message
        with pytest.raises(StorageError, match="disk is full"):
            services.activities.create(plan, new_draft(notes="A long private note. " * 2000))
        assert seen(services) == before  # the same session still reads what was saved
    finally:
        services.close()
    closed_cleanly(plan_file)
    assert integrity(plan_file) == ["ok"]
    assert everything(plan_file, clock) == before


def test_the_command_line_says_the_disk_is_full_in_one_line(
    plan_file: Path,
    clock: FixedClock,
    bulk_ics: Path,
    cli: Callable[..., tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = everything(plan_file, clock)
    with monkeypatch.context() as patch:
        # Every connection the command opens may not grow the file (clamped to its size).
        patch.setitem(storage_db._PRAGMAS, "max_page_count", 1)
        code, err = cli("import", str(bulk_ics), "--db", str(plan_file))
    assert code == 1
    one_line(err, "the disk is full")
    closed_cleanly(plan_file)
    assert integrity(plan_file) == ["ok"]
    assert everything(plan_file, clock) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB disk (a tmpfs): only where the tests may mount one (root, and a machine
    that allows it), since no stand-in fails the way a full disk does when SQLite makes its
    -shm file."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                             capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a small disk")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def fill_up(folder: Path) -> Path:
    """Fill the disk `folder` is on to its last few KiB; returns the filler, to free it."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while out.write(b"\0" * 4096):
            pass
    return filler


def test_a_plan_on_a_full_disk_is_never_called_damaged(
    plan_file: Path, clock: FixedClock, small_disk: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    """SQLite cannot make its -shm file on a full disk, and every open fails. That is the
    disk's trouble, not the file's: calling it damaged would send the person (in the window)
    to replace a whole plan with an older backup."""
    before = everything(plan_file, clock)
    plan = small_disk / plan_file.name
    shutil.copyfile(plan_file, plan)
    filler = fill_up(small_disk)
    for _attempt in range(2):  # the second sees whatever the first left behind
        code, err = cli("list", "--db", str(plan), "--from", "2026-11-02", "--to", "2026-11-08")
        assert code == 1
        one_line(err, "the disk could not be read or written")
        assert "damaged" not in err
    filler.unlink()
    assert everything(plan, clock) == before


def test_a_new_plan_on_a_full_disk_leaves_no_empty_file(
    small_disk: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    fill_up(small_disk)
    plan = small_disk / "new.sqlite3"
    code, err = cli("add", "--db", str(plan), "--title", "Walk", "--category", "self-care",
                    "--start", "2026-11-25T08:00")  # fmt: skip
    assert code == 1
    assert err.startswith("rekindle: ") and "Traceback" not in err
    assert not plan.exists()


def test_a_plan_on_a_real_read_only_disk_is_read_and_left_as_it_was(
    plan_file: Path, clock: FixedClock, small_disk: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    plan = small_disk / plan_file.name
    shutil.copyfile(plan_file, plan)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    read_but_not_changed(cli, plan)
    assert [item.name for item in small_disk.iterdir()] == [plan.name]
    assert everything(plan, clock) == everything(plan_file, clock)


# --- a file that vanished while open ---------------------------------------------------------


def test_saving_after_the_folder_was_deleted_is_a_plain_error(
    plan_file: Path, clock: FixedClock, bulk_ics: Path
) -> None:
    services = context.open_services(plan_file, clock)
    try:
        plan = services.plans.require()
        shutil.rmtree(plan_file.parent)
        for action in (
            lambda: services.activities.create(plan, new_draft()),
            lambda: services.importer.import_file(bulk_ics),
            lambda: services.plans.set_current_step(plan.id, StepNumber(5)),
        ):
            with pytest.raises(StorageError, match="no longer there") as caught:
                action()
            assert str(plan_file) in caught.value.message
    finally:
        services.close()
    assert not plan_file.parent.exists()  # nothing was recreated where it used to be


def test_saving_after_the_folder_was_moved_changes_neither_copy(
    plan_file: Path, clock: FixedClock, tmp_path: Path
) -> None:
    services = context.open_services(plan_file, clock)
    try:
        before = seen(services)
        moved = plan_file.parent.rename(tmp_path / "moved")
        with pytest.raises(StorageError, match="moved, replaced or deleted"):
            services.activities.create(services.plans.require(), new_draft())
    finally:
        services.close()
    assert not plan_file.exists()
    # SQLite removes the -wal by its old name on close, so it stays beside the moved file;
    # it holds only what was saved before, which the next open reads back.
    assert integrity(moved / plan_file.name) == ["ok"]
    assert everything(moved / plan_file.name, clock) == before


def test_a_file_replaced_while_open_is_not_written_through(
    plan_file: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """Another program (a sync tool, a restore) puts a different file at the same path."""
    spare = tmp_path / "spare.sqlite3"
    shutil.copyfile(plan_file, spare)
    services = context.open_services(plan_file, clock)
    try:
        before = seen(services)
        spare.replace(plan_file)
        with pytest.raises(StorageError, match="replaced"):
            services.activities.create(services.plans.require(), new_draft())
    finally:
        services.close()
    assert everything(plan_file, clock) == before


def test_the_command_line_says_the_file_vanished_in_one_line(
    plan_file: Path,
    clock: FixedClock,
    bulk_ics: Path,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The folder is moved away halfway through an import."""
    before = everything(plan_file, clock)
    moved = tmp_path / "moved"
    add_many = ActivityRepository.add_many

    def move_then_add(self: ActivityRepository, activities: list[object]) -> None:
        plan_file.parent.rename(moved)
        add_many(self, activities)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(ActivityRepository, "add_many", move_then_add)
        code, err = cli("import", str(bulk_ics), "--db", str(plan_file))
    assert code == 1
    one_line(err, "no longer there")
    assert not plan_file.exists()
    assert everything(moved / plan_file.name, clock) == before
