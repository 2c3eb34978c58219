"""The command line contract: output formats scripts rely on, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from planner.clock import FixedClock
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.errors import StorageError
from planner.services import context, programs
from planner.services.progress import ProgressService

from tests.cli.runner import Result, assert_one_line_error
from tests.cli.runner import Runner as CliRunner
from tests.space_step import space_step
from tests.zones import NOW

LIST_KEYS = ["uid", "start", "end", "title", "category", "step", "status"]
WIDE = ["--from", "2026-11-01", "--to", "2027-01-31"]


Runner = Callable[..., Result]


@pytest.fixture(autouse=True)
def _no_real_data_dir(data_dir: Path) -> None:
    """No command may reach the user's real data folder, even by mistake."""


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FixedClock) -> Runner:
    """`rekindle ...` at the tests' fixed "now": the demo's lived past ends there, not today."""
    return CliRunner(capsys, clock)


@pytest.fixture
def demo_db(tmp_path: Path, run: Runner) -> Path:
    path = tmp_path / "demo.sqlite3"
    result = run("demo", "--db", str(path), "--start", "2026-11-09", "--tz", "Europe/Berlin")
    assert result.code == 0, result.err
    assert "2026-11-09" in result.out and "Europe/Berlin" in result.out
    return path


@pytest.fixture
def ny_db(tmp_path: Path, run: Runner) -> Path:
    path = tmp_path / "ny.sqlite3"
    result = run("demo", "--db", str(path), "--start", "2026-11-09", "--tz", "America/New_York")
    assert result.code == 0, result.err
    return path


def listed(run, path: Path, *window: str) -> list[dict[str, object]]:
    result = run("list", "--db", str(path), *(window or WIDE), "--format", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


def rows_for(rows: list[dict[str, object]], uid: str) -> list[dict[str, object]]:
    return [row for row in rows if row["uid"] == uid]


def add(run, path: Path, *extra: str) -> str:
    had_plan = path.exists()
    result = run("add", "--db", str(path), *extra)
    assert result.code == 0, result.err
    # Nothing on stderr, but the word that a plan was started when the file held none.
    started = f"rekindle: note: there was no plan in {path}, so a new one was started there"
    assert result.err == "" if had_plan else result.err.startswith(started), result.err
    uid = result.out.strip()
    assert uid.endswith("@rekindle") and "\n" not in uid
    return uid


# --- programs -----------------------------------------------------------------------------------


def test_programs_lists_id_name_and_step_count(run: Runner) -> None:
    result = run("programs")
    assert result.code == 0
    assert result.err == ""
    assert result.out == (
        "five-steps\tFive gentle steps\t5 steps\n"
        "eleven-steps\tEleven steps to reconnect\t11 steps\n"
    )


def _rekindle(*argv: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """The real command, in a process of its own (output encodings and streams are its own)."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "planner", *argv], check=False, timeout=120,
                          **options)  # fmt: skip


def test_a_terminal_that_cannot_show_a_title_gets_stand_ins_not_a_traceback(
    tmp_path: Path,
) -> None:
    """On a Latin-1 terminal a title's ☕ (or a message's “quotes”, after `mark` saved) ended
    in a traceback."""
    path = str(tmp_path / "plan.sqlite3")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    added = _rekindle("add", "--db", path, "--title", "Café ☕", "--category", "meetup",
                      "--start", "2026-12-01T09:00", env=env)  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = _rekindle("list", "--db", path, "--from", "2026-12-01", "--to", "2026-12-02",
                       env=env)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert b"Traceback" not in listed.stderr
    assert "Café \\u2615".encode("latin-1") in listed.stdout


def test_json_stays_json_where_the_output_cannot_hold_a_title(tmp_path: Path) -> None:
    """The stand-ins given to other output (\\xe9) are no JSON: json.load failed on them."""
    path = str(tmp_path / "plan.sqlite3")
    added = _rekindle("add", "--db", path, "--title", "Café ☕", "--category", "meetup",
                      "--start", "2026-12-01T09:00")  # fmt: skip
    assert added.returncode == 0, added.stderr
    ascii_only = {**os.environ, "PYTHONIOENCODING": "ascii"}
    listed = _rekindle("list", "--db", path, "--from", "2026-12-01", "--to", "2026-12-02",
                       "--format", "json", env=ascii_only)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert [row["title"] for row in json.loads(listed.stdout)] == ["Café ☕"]


def test_a_command_started_with_its_output_closed_does_nothing_and_says_so(
    tmp_path: Path,
) -> None:
    """`rekindle add ... >&-` saved, then ended in a traceback (there is no output to flush);
    then, a trial: it saved, printed no UID and said it had succeeded. Like GNU tools, it
    now refuses a closed output before doing anything."""
    path = tmp_path / "plan.sqlite3"
    added = _rekindle("add", "--db", str(path), "--title", "Walk", "--category", "self-care",
                      "--start", "2026-12-01T09:00", stdout=None,
                      preexec_fn=lambda: os.close(1))  # fmt: skip
    assert added.returncode == 1
    assert added.stderr == b"rekindle: the output is closed, so nothing was done.\n"
    assert not path.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_to_a_full_disk_says_so_and_that_the_change_is_saved(tmp_path: Path) -> None:
    """`add > /dev/full` said "Cannot use No space left on device." and a retry added twice."""
    path = str(tmp_path / "plan.sqlite3")
    with Path("/dev/full").open("wb") as full:
        added = _rekindle("add", "--db", path, "--title", "Walk", "--category", "self-care",
                          "--start", "2026-12-01T09:00", stdout=full)  # fmt: skip
    assert added.returncode == 1
    assert added.stderr.decode() == (
        "rekindle: Could not print the result: No space left on device. Anything the command "
        "changed is saved.\n"
    )
    listed = _rekindle("list", "--db", path, "--from", "2026-12-01", "--to", "2026-12-02")
    assert b"Walk" in listed.stdout


def test_installed_entry_point_runs() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "planner", "programs"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines == [f"{p.id}\t{p.name}\t{len(p.steps)} steps" for p in programs.builtin_programs()]
    assert len(lines) == 2
    assert "PySide6" not in completed.stderr


# --- demo and list ------------------------------------------------------------------------------


def test_list_json_has_exactly_the_contract_keys(run: Runner, demo_db: Path) -> None:
    rows = listed(run, demo_db, "--from", "2026-11-09", "--to", "2027-01-10")
    assert len(rows) > 50
    assert all(list(row) == LIST_KEYS for row in rows)
    assert all(isinstance(row["step"], int) for row in rows)
    # The demo comes with a lived past (marks before today) and a planned future.
    assert {row["status"] for row in rows} == {"planned", "done", "skipped"}
    assert {row["status"] for row in rows if row["start"] >= "2026-11-23"} == {"planned"}
    space = [row for row in rows if row["category"] == "space"]
    assert [(row["start"], row["end"]) for row in space] == [("2026-11-10", "2026-11-30")]
    walk = [row for row in rows if row["title"] == "Morning walk"]
    assert len(walk) == 56
    assert walk[0]["start"] == "2026-11-09T07:30:00+01:00"
    assert walk[0]["end"] == "2026-11-09T08:00:00+01:00"


def test_list_tsv_has_seven_fields_in_contract_order(run: Runner, demo_db: Path) -> None:
    window = ["--from", "2026-11-09", "--to", "2026-11-15"]
    tsv = run("--db", str(demo_db), "list", *window)  # a global --db works too
    assert tsv.code == 0, tsv.err
    rows = listed(run, demo_db, *window)
    lines = tsv.out.splitlines()
    assert len(lines) == len(rows) > 0
    for line, row in zip(lines, rows, strict=True):
        fields = line.split("\t")
        assert len(fields) == 7
        assert fields == [str(row[key]) for key in LIST_KEYS]


def test_list_of_a_dense_series_notes_the_cut_on_stderr_only(run: Runner, demo_db: Path) -> None:
    start = ["--start", "2026-12-01T00:00", "--end", "2026-12-01T00:10"]
    titled = ["--title", "Hourly\nstretch", "--category", "growth"]
    uid = add(run, demo_db, *titled, *start, "--rrule", "FREQ=HOURLY")
    window = ["--from", "2026-12-01", "--to", "2027-05-31"]
    tsv = run("list", "--db", str(demo_db), *window)
    assert tsv.code == 0
    lines = tsv.out.splitlines()
    assert all(len(line.split("\t")) == 7 for line in lines)  # the contract, untouched
    assert sum(line.startswith(uid) for line in lines) == 2000
    assert tsv.err.count("\n") == 1
    assert tsv.err.startswith("rekindle: note: “Hourly stretch” repeats more than 2,000 times")
    assert "shorter --from/--to range" in tsv.err
    as_json = run("list", "--db", str(demo_db), *window, "--format", "json")
    assert as_json.code == 0 and as_json.err == tsv.err
    assert len(rows_for(json.loads(as_json.out), uid)) == 2000
    week = run("list", "--db", str(demo_db), "--from", "2026-12-01", "--to", "2026-12-07")
    assert (week.code, week.err) == (0, "")
    assert sum(line.startswith(uid) for line in week.out.splitlines()) == 7 * 24


def test_list_without_a_window_lists_the_eight_weeks_from_today(run: Runner, demo_db: Path) -> None:
    """A trial: `rekindle list` alone said "the following arguments are required", where
    `check` reads the eight weeks from today; --from or --to alone take the same defaults."""
    result = run("list", "--db", str(demo_db), "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows == listed(run, demo_db, "--from", "2026-11-23", "--to", "2027-01-17")
    assert rows and min(str(row["start"]) for row in rows) >= "2026-11-23"
    later = listed(run, demo_db, "--from", "2026-12-01")
    assert later == listed(run, demo_db, "--from", "2026-12-01", "--to", "2027-01-25")
    sooner = listed(run, demo_db, "--to", "2026-11-29")
    assert sooner == listed(run, demo_db, "--from", "2026-11-23", "--to", "2026-11-29")
    result = run("list", "--db", str(demo_db), "--to", "2026-11-01")
    assert_one_line_error(result, "is before today (2026-11-23), where `list` starts")


def test_list_is_sorted_by_start(run: Runner, demo_db: Path) -> None:
    rows = listed(run, demo_db, "--from", "2026-11-16", "--to", "2026-11-22")
    timed = [str(row["start"]) for row in rows if "T" in str(row["start"])]
    assert timed == sorted(timed)


def test_list_of_a_file_without_plan_is_empty(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    context.open_services(path, FixedClock(NOW)).close()  # a Rekindle file, no plan yet
    assert listed(run, path) == []


def test_demo_twice_is_refused(run: Runner, demo_db: Path) -> None:
    before = listed(run, demo_db)
    result = run("demo", "--db", str(demo_db), "--start", "2026-11-09", "--tz", "Europe/Berlin")
    assert_one_line_error(result, f"{demo_db} already holds a plan; give the demo a new file.")
    assert listed(run, demo_db) == before


# --- add ----------------------------------------------------------------------------------------


def test_add_prints_a_uid_that_list_shows(run: Runner, demo_db: Path) -> None:
    uid = add(
        run, demo_db, "--title", "Tea  with\ta friend", "--category", "meetup",
        "--start", "2026-12-01T09:00", "--end", "2026-12-01T10:30", "--step", "5",
    )  # fmt: skip
    assert rows_for(listed(run, demo_db), uid) == [
        {
            "uid": uid,
            "start": "2026-12-01T09:00:00+01:00",
            "end": "2026-12-01T10:30:00+01:00",
            "title": "Tea with a friend",
            "category": "meetup",
            "step": 5,
            "status": "planned",
        }
    ]


def test_add_into_a_new_file_creates_an_eleven_step_plan(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "plan.sqlite3"
    uid = add(
        run, path, "--title", "Journal", "--category", "reflection",
        "--start", "2026-12-01", "--all-day",
    )  # fmt: skip
    services = context.open_services(path, FixedClock(NOW))
    try:
        plan = services.plans.require()
        assert plan.program_id == "eleven-steps"
        assert len(services.plans.program_of(plan).steps) == 11
        assert plan.current_step == 1
        assert services.activities.get(uid).step == 1  # type: ignore[arg-type]
    finally:
        services.close()
    rows = rows_for(listed(run, path), uid)
    assert [(r["start"], r["end"], r["title"]) for r in rows] == [
        ("2026-12-01", "2026-12-01", "Journal")
    ]


def test_start_without_offset_is_in_the_plan_zone(run: Runner, ny_db: Path) -> None:
    uid = add(run, ny_db, "--title", "Call", "--category", "message", "--start", "2026-12-01T09:00")
    (row,) = rows_for(listed(run, ny_db), uid)
    assert row["start"] == "2026-12-01T09:00:00-05:00"


def test_start_with_offset_is_converted_to_the_plan_zone(run: Runner, ny_db: Path) -> None:
    uid = add(
        run, ny_db, "--title", "Call", "--category", "message",
        "--start", "2026-12-01T09:00+01:00", "--end", "2026-12-01T09:20+01:00",
    )  # fmt: skip
    (row,) = rows_for(listed(run, ny_db), uid)
    assert (row["start"], row["end"]) == ("2026-12-01T03:00:00-05:00", "2026-12-01T03:20:00-05:00")


@pytest.mark.parametrize(
    ("category", "end"),
    [
        ("meetup", "2026-12-01T10:00:00-05:00"),
        ("message", "2026-12-01T09:15:00-05:00"),
        ("outing", "2026-12-01T12:00:00-05:00"),
    ],
)
def test_without_end_the_typical_duration_applies(
    run: Runner, ny_db: Path, category: str, end: str
) -> None:
    uid = add(run, ny_db, "--title", "x", "--category", category, "--start", "2026-12-01T09:00")
    (row,) = rows_for(listed(run, ny_db), uid)
    assert row["end"] == end


def test_space_without_end_lasts_a_week(run: Runner, ny_db: Path) -> None:
    uid = add(run, ny_db, "--title", "Pause", "--category", "space", "--start", "2026-12-01")
    (row,) = rows_for(listed(run, ny_db), uid)
    assert (row["start"], row["end"]) == ("2026-12-01", "2026-12-07")


def test_all_day_end_day_is_included(run: Runner, ny_db: Path) -> None:
    uid = add(
        run, ny_db, "--title", "Space", "--category", "space",
        "--all-day", "--start", "2026-12-01", "--end", "2026-12-14",
    )  # fmt: skip
    (row,) = rows_for(listed(run, ny_db), uid)
    assert (row["start"], row["end"]) == ("2026-12-01", "2026-12-14")


def test_daily_rule_with_count_lists_each_occurrence(run: Runner, ny_db: Path) -> None:
    uid = add(
        run, ny_db, "--title", "Stretch", "--category", "self-care",
        "--start", "2026-12-01T07:00", "--rrule", "FREQ=DAILY;COUNT=3",
    )  # fmt: skip
    rows = rows_for(listed(run, ny_db), uid)
    assert [row["start"] for row in rows] == [
        "2026-12-01T07:00:00-05:00",
        "2026-12-02T07:00:00-05:00",
        "2026-12-03T07:00:00-05:00",
    ]


# --- errors -------------------------------------------------------------------------------------


TIMED = ["--title", "x", "--category", "meetup"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--title", "x", "--category", "romance", "--start", "2026-12-01T09:00"], "category"),
        ([*TIMED, "--start", "next tuesday"], "not a real date"),
        ([*TIMED, "--start", "2026-02-30"], "not a real date"),
        ([*TIMED, "--start", "2026-02-30T09:00"], "not a real date"),
        ([*TIMED, "--start", "2026-12-01T09:00", "--rrule", "FREQ=FOO"], "repeat rule"),
        ([*TIMED, "--start", "2026-12-01T09:00", "--rrule", "FREQ=DAILY;BYHOUR=9"], "hour"),
        (
            [*TIMED, "--start", "2026-12-01T10:00", "--end", "2026-12-01T09:00"],
            "end cannot be before",
        ),
        (
            [*TIMED, "--all-day", "--start", "2026-12-10", "--end", "2026-12-01"],
            "end cannot be before",
        ),
        ([*TIMED, "--start", "2026-12-01T09:00", "--step", "12"], "step 12"),
        ([*TIMED, "--start", "2026-12-01T09:00", "--end", "2026-12-02"], "date-time"),
        pytest.param(
            [*TIMED, "--start", "2026-12-01T09:00", "--rrule", "FREQ=WEEKLY;INTERVAL=0"],
            "repeat rule",
        ),
    ],
    ids=[
        "unknown-category", "unparseable-date", "feb-30", "feb-30-time", "bad-rrule",
        "rrule-byhour", "end-before-start", "all-day-end-before-start", "step-out-of-range",
        "date-end-for-timed", "rrule-interval-0",
    ],
)  # fmt: skip
def test_add_errors_are_one_line_and_change_nothing(
    run: Runner, demo_db: Path, argv: list[str], fragment: str
) -> None:
    before = listed(run, demo_db)
    result = run("add", "--db", str(demo_db), *argv)
    assert_one_line_error(result, fragment)
    assert listed(run, demo_db) == before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--program", "nine-steps", "--start", "2026-11-09", "--tz", "UTC"], "program"),
        (["--start", "2026-11-09", "--tz", "Mars/Olympus_Mons"], "time zone"),
        (["--tz", "Mars/Olympus_Mons"], "time zone"),
        # tzdata's own names for "whatever this computer is set to": no place's zone, and
        # a file exported with TZID=localtime means another zone on the next computer.
        (["--start", "2026-11-09", "--tz", "localtime"], "not a place's time zone"),
        (["--start", "2026-11-09", "--tz", "Factory"], "not a place's time zone"),
        # A trial: "This series would still be repeating after the year 9998" of a demo.
        (["--start", "9998-12-01", "--tz", "UTC"], "too late for a demo: start it before 9998"),
    ],
    ids=[
        "unknown-program",
        "unknown-tz",
        "unknown-tz-default-start",
        "localtime",
        "factory",
        "too-late",
    ],
)
def test_demo_errors_are_one_line_and_store_nothing(
    run: Runner, tmp_path: Path, argv: list[str], fragment: str
) -> None:
    path = tmp_path / "never.sqlite3"
    result = run("demo", "--db", str(path), *argv)
    assert_one_line_error(result, fragment)
    # No plan was left behind: a correct demo into the same file still works.
    retry = run("demo", "--db", str(path), "--start", "2026-11-09", "--tz", "UTC")
    assert retry.code == 0, retry.err


def test_unknown_program_creates_no_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "never.sqlite3"
    result = run("demo", "--db", str(path), "--program", "nine-steps", "--start", "2026-11-09")
    assert result.code != 0
    assert not path.exists()


def test_unknown_tz_creates_no_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "never.sqlite3"
    result = run("demo", "--db", str(path), "--start", "2026-11-09", "--tz", "Mars/Olympus_Mons")
    assert result.code != 0
    assert not path.exists()


@pytest.mark.parametrize("command", ["list", "add", "demo"])
def test_unreadable_database_is_refused_untouched(
    run: Runner, tmp_path: Path, command: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Not a database at all.\n", encoding="utf-8")
    before = path.read_bytes()
    extra = {
        "list": WIDE,
        "add": [*TIMED, "--start", "2026-12-01T09:00"],
        "demo": ["--start", "2026-11-09", "--tz", "UTC"],
    }[command]
    result = run(command, "--db", str(path), *extra)
    assert_one_line_error(result, "not a Rekindle database")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_bad_list_window_is_a_one_line_error(run: Runner, demo_db: Path) -> None:
    result = run("list", "--db", str(demo_db), "--from", "2026-12-10", "--to", "2026-12-01")
    assert_one_line_error(result, "--to")
    result = run("list", "--db", str(demo_db), "--from", "2026-02-30", "--to", "2026-12-01")
    assert_one_line_error(result, "not a real date")
    assert result.code == 2


def test_failed_add_into_a_new_file_leaves_no_plan(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    result = run("add", "--db", str(path), *TIMED, "--start", "2026-02-30T09:00")
    assert_one_line_error(result, "not a real date")
    assert not path.exists()  # no empty plan file is left behind either
    demo = run("demo", "--db", str(path), "--start", "2026-11-09", "--tz", "UTC")
    assert demo.code == 0, demo.err


def test_a_failed_add_never_removes_a_plan_another_command_saved_meanwhile(
    run: Runner, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `rekindle add` at once on a new file: the one that failed removed the file the
    other had just saved its activity in (4 times in 30 in a review)."""
    path = tmp_path / "new.sqlite3"
    opened_here = context.open_services

    def opened_as_another_command_saves(*args: Any, **kwargs: Any) -> context.Services:
        services = opened_here(*args, **kwargs)
        monkeypatch.setattr(context, "open_services", opened_here)
        other = run("add", "--db", str(path), "--title", "saved", "--category", "meetup",
                    "--start", "2026-12-01T09:00")  # fmt: skip
        assert other.code == 0, other.err
        return services

    monkeypatch.setattr(context, "open_services", opened_as_another_command_saves)
    failed = run("add", "--db", str(path), *TIMED, "--start", "2026-12-02T09:00", "--step", "99")
    assert failed.code != 0
    assert [row["title"] for row in listed(run, path)] == ["saved"]


def test_a_title_of_invisible_marks_alone_is_refused(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    result = run("add", "--db", str(path), "--title", "\u200b", "--category", "meetup",
                 "--start", "2026-12-01T09:00")  # fmt: skip
    assert_one_line_error(result, "Please give the activity a title.")
    assert not path.exists()


def test_a_failed_add_into_an_existing_file_keeps_the_file(run: Runner, demo_db: Path) -> None:
    before = listed(run, demo_db)
    assert run("add", "--db", str(demo_db), *TIMED, "--start", "nonsense").code == 1
    assert demo_db.exists()
    assert listed(run, demo_db) == before


def test_the_second_half_past_two_of_a_fall_back_night_is_kept(run: Runner, demo_db: Path) -> None:
    added = run(
        "add", "--db", str(demo_db), "--title", "Late walk", "--category", "self-care",
        "--start", "2026-10-25T02:30+01:00", "--end", "2026-10-25T03:00+01:00",
    )  # fmt: skip
    assert added.code == 0, added.err
    (row,) = [r for r in listed(run, demo_db, "--from", "2026-10-25", "--to", "2026-10-25")]
    assert (row["start"], row["end"]) == ("2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00")


def test_a_start_in_the_spring_forward_gap_moves_past_it(run: Runner, demo_db: Path) -> None:
    added = run(
        "add", "--db", str(demo_db), "--title", "Early walk", "--category", "self-care",
        "--start", "2027-03-28T02:30",
    )  # fmt: skip
    assert added.code == 0, added.err
    (row,) = [r for r in listed(run, demo_db, "--from", "2027-03-28", "--to", "2027-03-28")
              if r["title"] == "Early walk"]  # fmt: skip
    assert (row["start"], row["end"]) == ("2027-03-28T03:30:00+02:00", "2027-03-28T04:15:00+02:00")
    assert added.out.count("\n") == 1  # the UID alone, for scripts
    assert added.err == (
        "rekindle: note: 02:30 does not exist on Sunday 28 March 2027 in Europe/Berlin (the "
        "clocks go forward), so it is planned at 03:30.\n"
    )


def test_a_series_starting_in_the_gap_keeps_its_time_on_the_other_days(
    run: Runner, demo_db: Path
) -> None:
    added = run(
        "add", "--db", str(demo_db), "--title", "Early walk", "--category", "self-care",
        "--start", "2027-03-28T02:30", "--rrule", "FREQ=DAILY;COUNT=2",
    )  # fmt: skip
    assert added.code == 0, added.err
    rows = rows_for(listed(run, demo_db, "--from", "2027-03-28", "--to", "2027-03-29"),
                    added.out.strip())  # fmt: skip
    assert [row["start"] for row in rows] == [
        "2027-03-28T03:30:00+02:00",
        "2027-03-29T02:30:00+02:00",  # the time typed, as the note says
    ]
    assert added.err == (
        "rekindle: note: 02:30 does not exist on Sunday 28 March 2027 in Europe/Berlin (the "
        "clocks go forward), so that day it happens at 03:30; the other days keep 02:30.\n"
    )


def test_a_series_begun_in_the_second_repeated_hour_begins_in_the_first_and_says_so(
    run: Runner, demo_db: Path
) -> None:
    added = run(
        "add", "--db", str(demo_db), "--title", "Night walk", "--category", "self-care",
        "--start", "2027-10-31T02:30+01:00", "--end", "2027-10-31T03:00+01:00",
        "--rrule", "FREQ=WEEKLY;COUNT=3",
    )  # fmt: skip
    assert added.code == 0, added.err
    rows = rows_for(listed(run, demo_db, "--from", "2027-10-31", "--to", "2027-11-07"),
                    added.out.strip())  # fmt: skip
    assert [(row["start"], row["end"]) for row in rows] == [
        ("2027-10-31T02:30:00+02:00", "2027-10-31T02:00:00+01:00"),  # thirty minutes still
        ("2027-11-07T02:30:00+01:00", "2027-11-07T03:00:00+01:00"),
    ]
    assert added.err == (
        "rekindle: note: 02:30 happens twice on Sunday 31 October 2027 in Europe/Berlin (the "
        "clocks go back); a repeating activity begins at the first of them, "
        "2027-10-31T02:30+02:00.\n"
    )
    first = run(
        "add", "--db", str(demo_db), "--title", "Other walk", "--category", "self-care",
        "--start", "2027-10-31T02:30+02:00", "--rrule", "FREQ=WEEKLY;COUNT=3",
    )  # fmt: skip
    assert first.err == ""  # the first 02:30 was asked for: nothing to say


def test_a_gap_night_the_rule_leaves_out_gets_only_the_note_about_the_first_day(
    run: Runner, demo_db: Path
) -> None:
    added = run(
        "add", "--db", str(demo_db), "--title", "Early walk", "--category", "self-care",
        "--start", "2027-03-28T02:30", "--rrule", "FREQ=WEEKLY;BYDAY=MO;COUNT=2",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.err == (
        "rekindle: note: Sunday 28 March 2027 is not one of the days this repeats on, so the "
        "first time is Monday 29 March 2027.\n"
    )  # nothing happens on the night the clocks go forward, so it is not spoken of


def test_a_first_day_the_rule_leaves_out_is_said_on_stderr(run: Runner, ny_db: Path) -> None:
    added = run(
        "add", "--db", str(ny_db), "--title", "Gym", "--category", "growth",
        "--start", "2026-12-07T09:00", "--rrule", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=2",
    )  # fmt: skip
    assert added.code == 0 and added.out.strip().endswith("@rekindle")
    assert added.err == (
        "rekindle: note: Monday 7 December 2026 is not one of the days this repeats on, so the "
        "first time is Tuesday 8 December 2026.\n"
    )
    rows = rows_for(listed(run, ny_db), added.out.strip())
    assert [row["start"] for row in rows] == [
        "2026-12-08T09:00:00-05:00",
        "2026-12-10T09:00:00-05:00",
    ]


def test_list_far_in_the_future_is_a_plain_error(run: Runner, demo_db: Path) -> None:
    result = run("list", "--db", str(demo_db), "--from", "9999-12-31", "--to", "9999-12-31")
    assert result.code == 2
    assert "9999-12-31" in result.err and "Traceback" not in result.err


def test_list_refuses_an_empty_file_and_leaves_it_empty(run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.touch()
    result = run("list", "--db", str(empty), "--from", "2026-12-01", "--to", "2026-12-02")
    assert_one_line_error(result, "empty")
    assert empty.stat().st_size == 0


def test_plan_start_date_is_kept(run: Runner, demo_db: Path) -> None:
    services = context.open_services(demo_db, FixedClock(NOW))
    try:
        plan = services.plans.require()
    finally:
        services.close()
    assert plan.start == date(2026, 11, 9)
    assert plan.zone == "Europe/Berlin"
    assert plan.program_id == "eleven-steps"


def test_mark_then_progress_and_list_show_it(run: Runner, demo_db: Path) -> None:
    def journaled() -> int:
        """The journaling counted in the step open on 16 November (step 2: done once the step
        it was planned under is behind you, it counts toward the next)."""
        report = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)
        (step, *_) = [
            step for step in report["steps"] if (step["completed_on"] or "9") >= "2026-11-16"
        ]
        return int(step["criteria"][0]["current"])

    before = journaled()
    day = listed(run, demo_db, "--from", "2026-11-16", "--to", "2026-11-16")
    (journal,) = [row for row in day if row["title"] == "Evening journaling"]
    result = run(
        "mark", "--db", str(demo_db), "--uid", str(journal["uid"]), "--start",
        str(journal["start"]), "done", "--mood", "4", "--learned", "Write before replying",
    )  # fmt: skip
    assert result.code == 0, result.err
    (after,) = [
        row
        for row in listed(run, demo_db, "--from", "2026-11-16", "--to", "2026-11-16")
        if row["uid"] == journal["uid"]
    ]
    assert after["status"] == "done"
    report = run("progress", "--db", str(demo_db), "--format", "json")
    assert report.code == 0, report.err
    data = json.loads(report.out)
    assert [step["number"] for step in data["steps"]] == list(range(1, 12))
    first = data["steps"][0]
    assert set(first) >= {"number", "title", "criteria", "complete", "completed_on"}
    assert {"description", "target", "current"} <= set(first["criteria"][0])
    assert journaled() == before + 1
    assert {"text": "Write before replying", "date": "2026-11-16"} in data["lessons"]
    text = run("progress", "--db", str(demo_db))
    assert "Step 1:" in text.out and "Write before replying" in text.out

    # Done again with one more part: it joins what was written, which stays.
    where = ["--db", str(demo_db), "--uid", str(journal["uid"]), "--start", str(journal["start"])]
    assert run("mark", *where, "done", "--reflection", "Calmer than I feared").code == 0
    assert run("mark", *where, "done", "--mood", "3").code == 0
    assert run("mark", *where, "done").code == 0
    services = context.open_services(demo_db, FixedClock(NOW))
    try:
        plan = services.plans.require()
        (kept,) = [
            o
            for o in services.calendar.occurrences(plan, date(2026, 11, 16), date(2026, 11, 16))
            if o.activity.uid == journal["uid"]
        ]
    finally:
        services.close()
    assert kept.reflection is not None
    assert (kept.reflection.text, kept.reflection.mood, kept.reflection.learned) == (
        "Calmer than I feared",
        3,
        "Write before replying",
    )

    # Re-marking over what was written is refused, in one line, unless asked for explicitly.
    again = ["mark", "--db", str(demo_db), "--uid", str(journal["uid"]), "--start",
             str(journal["start"]), "skipped"]  # fmt: skip
    refused = run(*again)
    assert_one_line_error(refused, "--discard-reflection")
    assert "reflection you wrote" in refused.err
    assert json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)["lessons"]
    assert run(*again, "--discard-reflection").code == 0
    lessons = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)["lessons"]
    assert "Write before replying" not in [lesson["text"] for lesson in lessons]


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--uid", "nobody@rekindle", "--start", "2026-11-09T20:30:00+01:00", "done"], "UID"),
        (["--uid", " ", "--start", "2026-11-09T20:30:00+01:00", "done"], "as `list` prints"),
        (["--start", "2026-11-09T21:30:00+01:00", "done"], "no occurrence"),
        (["--start", "2026-11-09T20:30:00+01:00", "done", "--mood", "9"], "1 to 5"),
        (["--start", "2026-11-09T20:30:00+01:00", "skipped", "--learned", "x"], "done"),
    ],
    ids=["bad-uid", "empty-uid", "bad-start", "bad-mood", "reflection-without-done"],
)
def test_mark_errors_are_one_line_and_change_nothing(
    run: Runner, demo_db: Path, extra: list[str], fragment: str
) -> None:
    day = listed(run, demo_db, "--from", "2026-11-09", "--to", "2026-11-09")
    (journal,) = [row for row in day if row["title"] == "Evening journaling"]
    argv = extra if "--uid" in extra else ["--uid", str(journal["uid"]), *extra]
    before = listed(run, demo_db)
    result = run("mark", "--db", str(demo_db), *argv)
    assert_one_line_error(result, fragment)
    assert listed(run, demo_db) == before


def test_add_without_a_step_uses_the_step_you_are_on_as_progress_reports_it(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "plan.sqlite3"
    first = add(run, path, "--title", "Walk", "--category", "self-care",
                "--start", "2026-11-24T08:00")  # fmt: skip
    services = context.open_services(path, FixedClock(NOW))
    try:
        plan = services.plans.require()
        services.progress.complete_step(plan, plan.current_step)  # the first step, reached
    finally:
        services.close()
    second = add(run, path, "--title", "Walk", "--category", "self-care",
                 "--start", "2026-11-25T08:00")  # fmt: skip
    steps = {row["uid"]: row["step"] for row in listed(run, path)}
    assert (steps[first], steps[second]) == (1, 2)
    report = json.loads(run("progress", "--db", str(path), "--format", "json").out)
    assert report["current_step"] == 2


def test_contact_added_while_your_partner_asked_for_none_is_kept_with_a_gentle_note(
    run: Runner, demo_db: Path
) -> None:
    services = context.open_services(demo_db, FixedClock(NOW))
    try:
        services.boundaries.respect_no_contact(services.plans.require())
    finally:
        services.close()
    added = run(
        "add", "--db", str(demo_db), "--title", "Text Sam", "--category", "message",
        "--start", "2026-12-10T18:00",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.err == (
        "rekindle: note: your partner asked for no contact. This stays planned as you wrote "
        "it; Rekindle only suggests waiting until they say contact is welcome again.\n"
    )
    walk = run(
        "add", "--db", str(demo_db), "--title", "Walk", "--category", "self-care",
        "--start", "2026-12-10T08:00",
    )  # fmt: skip
    assert walk.err == ""  # only contact is spoken of


def test_progress_text_and_json_give_the_same_figures(run: Runner, demo_db: Path) -> None:
    """The issue: both formats print the same figures. A check of the contract found the text
    capping a count at its target ("2/2" where the JSON said 8 of 2)."""
    data = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)
    text = run("progress", "--db", str(demo_db)).out
    figures = [
        f"{c['current']}/{c['target']}  {c['description']}"
        for step in data["steps"] for c in step["criteria"]
    ]  # fmt: skip
    assert any(c["current"] > c["target"] for s in data["steps"] for c in s["criteria"])
    shown = [line.strip() for line in text.splitlines() if line.startswith("      ")]
    assert shown == figures


def test_progress_says_when_a_break_is_being_taken(run: Runner, demo_db: Path) -> None:
    """In words, and in the JSON for scripts (a trial: it was left out there)."""
    assert "On a break" not in run("progress", "--db", str(demo_db)).out
    json_before = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)
    assert json_before["on_break_since"] is None
    services = context.open_services(demo_db, FixedClock(NOW))
    try:
        services.progress.start_pause(services.plans.require())
    finally:
        services.close()
    text = run("progress", "--db", str(demo_db)).out.splitlines()
    assert text[1] == (
        f"On a break since {NOW.date().isoformat()}: nothing counts for or against you until "
        "you come back."
    )
    data = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)
    assert data["on_break_since"] == NOW.date().isoformat()


def test_progress_tells_a_step_reached_from_one_marked_complete_by_hand(
    run: Runner, demo_db: Path
) -> None:
    services = context.open_services(demo_db, FixedClock(NOW))
    try:
        plan = services.plans.require()
        services.progress.reopen_step(plan, StepNumber(2))
        services.progress.complete_step(plan, StepNumber(2))
    finally:
        services.close()
    lines = run("progress", "--db", str(demo_db)).out.splitlines()
    step_1 = next(line for line in lines if "] Step 1:" in line)
    step_2 = next(line for line in lines if "] Step 2:" in line)
    assert "(reached 2026-" in step_1
    assert step_2.endswith(f"(marked complete {NOW.date().isoformat()})")
    data = json.loads(run("progress", "--db", str(demo_db), "--format", "json").out)
    assert [s["completed_by_hand"] for s in data["steps"][:2]] == [False, True]


def test_progress_takes_in_a_step_the_days_lived_completed(
    run: Runner, tmp_path: Path, clock: FixedClock
) -> None:
    """Thirty quiet days ran out after the walks were marked, with nothing marked since: the
    step is reached on its thirtieth day, and the step you are on moves past it."""
    path = tmp_path / "space.sqlite3"
    services = context.open_services(path, clock)
    try:
        plan, _ = services.plans.create(
            PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 1), "Europe/Berlin")
        )
        for number in (1, 2):
            services.progress.complete_step(plan, StepNumber(number))
        space_step(services, plan)
    finally:
        services.close()
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    data = json.loads(run("progress", "--db", str(path), "--format", "json").out)
    assert data["current_step"] == 4
    assert data["steps"][2]["completed_on"] == "2026-11-30"


def test_progress_reports_when_the_days_lived_cannot_be_recorded(
    run: Runner, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-safety trial: with the file busy (or the disk full), the report, which only
    reads, failed whole because the daily look at the days lived could not be written."""

    def busy(*_args: object) -> object:
        raise StorageError("demo.sqlite3 is busy: another program is using it.")

    monkeypatch.setattr(ProgressService, "record_days_lived", busy)
    result = run("progress", "--db", str(demo_db), "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["current_step"] >= 1
    assert result.err.startswith("rekindle: note: demo.sqlite3 is busy")  # said, not silent
    assert result.err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ("list", "--fr", "2026-11-09", "--to", "2026-11-15"),
        ("export", "--ou", "x.ics"),
        ("--d", "x.sqlite3", "programs"),
    ],
)
def test_options_are_taken_only_as_written(
    run: Runner, demo_db: Path, argv: tuple[str, ...]
) -> None:
    """An abbreviation a script came to rely on would break, or change meaning, the day an
    option began the same way: only the documented spellings are the contract."""
    argv = tuple(str(demo_db) if a == "x.sqlite3" else a for a in argv)
    if argv[0] != "--d":
        argv = (argv[0], "--db", str(demo_db), *argv[1:])
    result = run(*argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("rekindle: ") and result.err.count("\n") == 1


def test_a_mistyped_option_is_named_with_the_one_meant(run: Runner, tmp_path: Path) -> None:
    """A trial: `--titl X` was answered "the following arguments are required: --title",
    and `--data x` "'x' is not a command"."""
    db = str(tmp_path / "plan.sqlite3")
    said = run("add", "--db", db, "--titl", "Walk", "--category", "self-care",
               "--start", "2026-12-01T09:00")  # fmt: skip
    assert_one_line_error(said, "--titl is not an option of `add`; did you mean --title?", code=2)
    assert not Path(db).exists()
    assert_one_line_error(run("--data", "x"), "--data is not an option; did you mean --db?", code=2)
    said = run("list", "--db", db, "--from", "2026-12-01", "--to", "2026-12-02", "--bogus")
    assert_one_line_error(said, "--bogus is not an option of `list`", code=2)
    # A mistyped command is said as such, not an option after it (a review).
    said = run("lsit", "--db", db, "--from", "2026-12-01")
    assert_one_line_error(said, "'lsit' is not a command; the commands are:", code=2)
    # A value is not read as an option, even one a command's name (`--db demo`).
    added = run("add", "--db", "demo", "--title", "Walk", "--category", "self-care",
                "--start", "2026-12-01T09:00", "--location", "--nowhere-else")  # fmt: skip
    assert_one_line_error(added, "--location expected one argument", code=2)


def test_an_unknown_command_or_choice_is_said_in_plain_words(run: Runner) -> None:
    """A review: "COMMAND invalid choice: 'lst' (choose from ...)" read as the parser's."""
    said = run("lst")
    assert_one_line_error(said, "'lst' is not a command; the commands are: programs, demo", code=2)
    assert "invalid choice" not in said.err
