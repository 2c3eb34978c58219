"""Paths that are not plain files (a pipe, a link, a name too long), and a demo that fails
halfway: a plain message, and everything left as it was found."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.errors import StorageError
from planner.services.progress import ProgressService
from planner.storage import db as storage_db

from tests.cli.runner import Runner as CliRunner

Run = Callable[..., tuple[int, str, str]]
ADD = ["--title", "Walk", "--category", "self-care", "--start", "2026-11-25T08:00"]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock) -> Run:
    """The command line in-process: (exit code, stdout, stderr)."""
    command_line = CliRunner(capsys, clock)

    def call(*argv: str) -> tuple[int, str, str]:
        result = command_line(*argv)
        return result.code, result.out, result.err

    return call


def plain(err: str, says: str) -> None:
    assert err.startswith("rekindle: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and says in err, err


def test_a_pipe_named_as_the_plan_is_refused_and_left_as_it_was(run: Run, tmp_path: Path) -> None:
    pipe = tmp_path / "plan.sqlite3"
    os.mkfifo(pipe, 0o644)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # opening it to write cannot wait
    try:
        code, _, err = run("list", "--db", str(pipe), "--from", "2026-11-02", "--to", "2026-11-08")
    finally:
        os.close(reader)
    assert code == 1
    plain(err, "is not a file (it is a device or a pipe)")
    assert stat.S_IMODE(pipe.stat().st_mode) == 0o644  # not made the user's alone
    assert sorted(item.name for item in tmp_path.iterdir()) == [pipe.name]


def test_a_plan_with_a_second_name_is_refused_and_left_as_it_was(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-safety trial: with a hard link, a window on one name and the command line on
    the other each kept a journal of its own, and two saves were lost."""
    plan = tmp_path / "plan.sqlite3"
    code, _, err = run("add", "--db", str(plan), *ADD)
    assert code == 0, err
    alias = tmp_path / "alias.sqlite3"
    os.link(plan, alias)
    before = plan.read_bytes()
    for name in (plan, alias):
        code, out, err = run("add", "--db", str(name), *ADD)
        assert code == 1 and out == ""
        plain(err, "has a second name on this disk (a hard link)")
    assert plan.read_bytes() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["alias.sqlite3", "plan.sqlite3"]
    # Read-only, as a backup snapshot's links are, it opens for reading: nothing is written.
    # (Made so in the storage's eyes: root may write a file its mode forbids.)
    with monkeypatch.context() as patched:
        patched.setattr(storage_db, "_writable", lambda _path: False)
        code, out, err = run(
            "list", "--db", str(alias), "--from", "2026-11-23", "--to", "2026-11-29"
        )
    assert (code, err) == (0, "") and "Walk" in out
    assert plan.read_bytes() == before
    alias.unlink()  # a file of its own again: it opens
    code, _, err = run("list", "--db", str(plan), "--from", "2026-11-23", "--to", "2026-11-29")
    assert code == 0, err


def test_a_name_too_long_for_the_disk_is_one_plain_line(run: Run, tmp_path: Path) -> None:
    too_long = tmp_path / ("n" * 300 + ".sqlite3")
    for argv in (
        ["add", "--db", str(too_long), *ADD],
        ["list", "--db", str(too_long), "--from", "2026-11-02", "--to", "2026-11-08"],
        ["import", "--db", str(tmp_path / "plan.sqlite3"), str(too_long)],
    ):
        code, _, err = run(*argv)
        assert code == 1, argv
        plain(err, "File name too long")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_command_through_a_link_leaves_the_link_and_no_file(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "plans" / "plan.sqlite3"
    target.parent.mkdir()
    link = tmp_path / "plan.sqlite3"
    link.symlink_to(target)  # a link to where the plan will be

    code, _, err = run("add", "--db", str(link), *ADD, "--step", "99")

    assert code == 1
    plain(err, "Step 99")
    assert link.is_symlink() and link.readlink() == target
    assert list(target.parent.iterdir()) == []


def test_an_export_through_a_link_replaces_the_file_it_points_to_privately(
    run: Run, tmp_path: Path
) -> None:
    db = tmp_path / "plan.sqlite3"
    assert run("demo", "--db", str(db), "--start", "2026-11-02", "--tz", "Europe/Berlin")[0] == 0
    shared = tmp_path / "shared" / "calendar.ics"
    shared.parent.mkdir()
    shared.write_text("an older export")
    shared.chmod(0o644)
    link = tmp_path / "calendar.ics"
    link.symlink_to(shared)

    code, _, err = run("export", "--db", str(db), "--out", str(link))

    assert code == 0, err
    assert link.is_symlink()
    assert shared.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600  # what it holds is private

    loop = tmp_path / "loop.ics"
    loop.symlink_to(tmp_path / "back.ics")
    (tmp_path / "back.ics").symlink_to(loop)
    code, _, err = run("export", "--db", str(db), "--out", str(loop))
    assert code == 1
    plain(err, "a link that leads back to itself")


def test_a_demo_that_fails_halfway_leaves_no_half_demo(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan and its lived past are one change: a full disk while writing the past must not
    leave a plan without it, which `demo` would then refuse to fill ("already holds a plan")."""
    db = tmp_path / "plan.sqlite3"
    db.touch()  # an empty file the person made: kept after a failure, as it was
    demo = ["demo", "--db", str(db), "--start", "2026-11-02", "--tz", "Europe/Berlin"]

    def full_disk(self: ProgressService, plan: object) -> None:
        raise StorageError(f"Cannot save to {db}: the disk is full. Nothing was changed.")

    with monkeypatch.context() as patch:
        patch.setattr(ProgressService, "seed_demo_history", full_disk)
        code, _, err = run(*demo)
    assert code == 1
    plain(err, "the disk is full")

    code, out, err = run(*demo)
    assert code == 0, err
    assert "Created the demo plan" in out
