"""`rekindle export` and `rekindle import`: summaries on success, one plain line on failure."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar
import pytest
import tzlocal
from planner import cli
from planner.clock import FixedClock
from planner.ical import export as ical_export
from planner.services import context

from tests.cli import runner
from tests.cli.runner import assert_one_line_error
from tests.ical.test_export import build_rich_plan, ical_text, reader_starts
from tests.zones import BERLIN

if TYPE_CHECKING:
    from collections.abc import Buffer

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
GOOGLE = DATA / "google_weekly_with_exception_and_override.ics"
THUNDERBIRD = DATA / "thunderbird_x_wr_timezone_floating.ics"
MIXED = DATA / "mixed_todo_journal_freebusy.ics"
SIX_MONTHS = ["--from", "2026-10-01", "--to", "2027-03-31"]
SUMMARY = re.compile(r"^Exported (\d+) activit(?:y|ies) \((\d+) events?\) to (.+)\.\n$")


class Runner(runner.Runner):
    """The shared runner, with a shortcut for this file's most common read."""

    def listed(self, db: Path, *window: str) -> list[dict[str, object]]:
        result = self("list", "--db", str(db), *(window or SIX_MONTHS), "--format", "json")
        assert result.code == 0, result.err
        rows: list[dict[str, object]] = json.loads(result.out)
        return rows


@pytest.fixture(autouse=True)
def _no_real_data_dir(data_dir: Path) -> None:
    """No command may reach the user's real data folder, even by mistake."""


@pytest.fixture(autouse=True)
def _zone_of_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan started by an import is in the computer's zone: make it the same everywhere."""
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Europe/Berlin")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FixedClock) -> Runner:
    return Runner(capsys, clock)


@pytest.fixture
def demo_db(tmp_path: Path, run: Runner) -> Path:
    path = tmp_path / "demo.sqlite3"
    result = run("demo", "--db", str(path), "--start", "2026-10-05", "--tz", "Europe/Berlin")
    assert result.code == 0, result.err
    return path


@pytest.fixture
def rich_db(tmp_path: Path, clock: FixedClock) -> Path:
    """The demo plan with edited series, other zones and an all-day series (see test_export)."""
    path = tmp_path / "rich.sqlite3"
    services = context.open_services(path, clock)
    try:
        build_rich_plan(services)
    finally:
        services.close()
    return path


def export(run: Runner, db: Path, out: Path, *options: str) -> icalendar.Calendar:
    result = run("export", "--db", str(db), "--out", str(out), *options)
    assert result.code == 0, result.err
    assert result.err == ""
    match = SUMMARY.match(result.out)
    assert match, result.out
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    vevents = calendar.walk("VEVENT")
    assert int(match.group(1)) == len({str(e["UID"]) for e in vevents})
    assert int(match.group(2)) == len(vevents)
    assert match.group(3) == str(out)
    return calendar


def masters(calendar: icalendar.Calendar) -> list[icalendar.Component]:
    return [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]


def holds_no_plan(path: Path, clock: FixedClock) -> bool:
    """True when `path` is gone or holds no plan (a failed first command leaves none)."""
    if not path.exists():
        return True
    services = context.open_services(path, clock)
    try:
        return services.plans.current() is None
    finally:
        services.close()


# --- export -------------------------------------------------------------------------------------


def test_export_writes_the_file_and_prints_a_summary(
    run: Runner, demo_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rekindle.ics"
    calendar = export(run, demo_db, out)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(masters(calendar)) == len({row["uid"] for row in run.listed(demo_db)})
    assert all("DESCRIPTION" not in e for e in calendar.walk("VEVENT"))  # private by default


def test_the_exported_file_expands_to_exactly_what_list_shows(
    run: Runner, rich_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rekindle.ics"
    export(run, rich_db, out)
    listed: Counter[tuple[str, datetime | date]] = Counter()
    for row in run.listed(rich_db):
        start = str(row["start"])
        value = (
            datetime.fromisoformat(start).astimezone(UTC)
            if "T" in start
            else date.fromisoformat(start)
        )
        listed[(str(row["uid"]), value)] += 1
    theirs = reader_starts(out.read_bytes(), date(2026, 10, 1), date(2027, 3, 31), BERLIN)
    assert theirs == listed
    assert sum(listed.values()) > 150


def test_export_of_a_date_range(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    november = ["--from", "2026-11-01", "--to", "2026-11-30"]
    calendar = export(run, demo_db, tmp_path / "november.ics", *november)
    expected = {row["uid"] for row in run.listed(demo_db, *november)}
    assert {str(e["UID"]) for e in masters(calendar)} == expected
    assert 0 < len(expected) < len({row["uid"] for row in run.listed(demo_db)})


def test_export_of_some_steps(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    calendar = export(run, demo_db, tmp_path / "steps.ics", "--step", "4", "--step", "5")
    steps = {str(e[ical_export.STEP_PROPERTY]) for e in masters(calendar)}
    assert steps == {"4", "5"}
    everything = {row["uid"] for row in run.listed(demo_db) if row["step"] in (4, 5)}
    assert {str(e["UID"]) for e in masters(calendar)} == everything


def test_export_of_some_categories(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    calendar = export(run, demo_db, tmp_path / "c.ics", "--category", "meetup", "apology")
    categories = {ical_text(e["CATEGORIES"]) for e in masters(calendar)}
    assert categories == {"meetup", "apology"}
    again = export(run, demo_db, tmp_path / "d.ics", "--category", "meetup", "--category", "space")
    assert {ical_text(e["CATEGORIES"]) for e in masters(again)} == {"meetup", "space"}


def test_export_with_notes_and_disguised(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    noted = export(run, demo_db, tmp_path / "notes.ics", "--include-notes")
    assert any("DESCRIPTION" in e for e in masters(noted))
    disguised = export(run, demo_db, tmp_path / "disguised.ics", "--disguise")
    neutral = set(ical_export.DISGUISED_TITLES.values())
    assert {str(e["SUMMARY"]) for e in disguised.walk("VEVENT")} <= neutral
    assert all("LOCATION" not in e and "CATEGORIES" not in e for e in disguised.walk("VEVENT"))
    # Both at once is refused (test_notes_and_neutral_titles_together_are_refused).


# --- import -------------------------------------------------------------------------------------


def test_import_prints_a_summary_and_a_second_import_changes_nothing(
    run: Runner, demo_db: Path
) -> None:
    first = run("import", "--db", str(demo_db), str(GOOGLE))
    assert first.code == 0, first.err
    assert first.err == ""
    assert first.out == f"Imported {GOOGLE}: 3 added, 0 updated, 0 unchanged, 0 skipped.\n"
    between = run.listed(demo_db)
    second = run("import", "--db", str(demo_db), str(GOOGLE))
    assert second.code == 0, second.err
    assert second.out == f"Imported {GOOGLE}: 0 added, 0 updated, 3 unchanged, 0 skipped.\n"
    assert run.listed(demo_db) == between
    yoga = [row for row in between if row["uid"] == "7kq3c0v2ad9mjnq8g1vb1ebm5s@google.com"]
    assert [row["start"] for row in yoga[:4]] == [
        "2026-10-06T18:30:00+02:00",
        "2026-10-13T18:30:00+02:00",
        "2026-10-20T18:30:00+02:00",
        "2026-10-28T19:00:00+01:00",  # moved to Wednesday, after the clocks went back
    ]


def test_import_lists_what_it_skipped_and_why(run: Runner, demo_db: Path) -> None:
    result = run("import", "--db", str(demo_db), str(MIXED))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Imported {MIXED}: 1 added, 0 updated, 0 unchanged, 3 skipped.",
        "  skipped line 21: a to-do “Buy a birthday card”: Rekindle imports events only",
        "  skipped line 39: a journal entry “Thoughts after the weekend”: Rekindle imports "
        "events only",
        "  skipped line 46: free/busy information: Rekindle imports events only",
    ]


def test_import_with_step_and_category(run: Runner, demo_db: Path) -> None:
    result = run(
        "import", "--db", str(demo_db), str(THUNDERBIRD), "--step", "6", "--category", "growth"
    )
    assert result.code == 0, result.err
    rows = {row["title"]: row for row in run.listed(demo_db)}
    assert (rows["Coffee with Alex"]["category"], rows["Coffee with Alex"]["step"]) == ("meetup", 6)
    course = rows["Evening pottery course"]
    assert (course["category"], course["step"]) == ("growth", 6)
    assert rows["Coffee with Alex"]["start"] == "2026-11-12T16:00:00+01:00"  # 10:00 in New York


def test_import_into_a_new_file_starts_a_plan(
    run: Runner, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "new" / "plan.sqlite3"
    result = run("import", "--db", str(path), str(GOOGLE))
    assert result.code == 0, result.err
    assert not holds_no_plan(path, clock)
    assert result.err == (  # a mistyped --db would land here: it is said, on stderr
        f"rekindle: note: there was no plan in {path}, so a new one was started there "
        "(Eleven steps to reconnect, times in Europe/Berlin).\n"
    )
    again = run("import", "--db", str(path), str(GOOGLE))
    assert again.err == ""
    assert len({row["uid"] for row in run.listed(path)}) == 3


def test_an_exported_file_imports_into_a_new_file_whole(
    run: Runner, rich_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rekindle.ics"
    export(run, rich_db, out)
    copy = tmp_path / "copy.sqlite3"
    result = run("import", "--db", str(copy), str(out))
    assert result.code == 0, result.err
    assert re.match(
        r"^Imported .*: (\d+) added, 0 updated, 0 unchanged, 0 skipped\.\n$", result.out
    )
    original = run.listed(rich_db)
    copied = run.listed(copy)
    assert [(r["uid"], r["start"], r["end"], r["category"], r["step"]) for r in copied] == [
        (r["uid"], r["start"], r["end"], r["category"], r["step"]) for r in original
    ]


def test_a_file_from_a_plan_in_another_zone_starts_a_plan_in_that_zone(
    run: Runner, tmp_path: Path
) -> None:
    # This computer is in Berlin; the plan was kept in New York, and its times stay so.
    source = tmp_path / "ny.sqlite3"
    made = run("demo", "--db", str(source), "--start", "2026-11-02", "--tz", "America/New_York")
    assert made.code == 0, made.err
    out = tmp_path / "ny.ics"
    export(run, source, out)
    copy = tmp_path / "copy.sqlite3"
    result = run("import", "--db", str(copy), str(out))
    assert result.code == 0, result.err
    assert "(Eleven steps to reconnect, times in America/New_York)" in result.err
    starts = [row["start"] for row in run.listed(copy)]
    assert starts == [row["start"] for row in run.listed(source)]
    timed = [str(start) for start in starts if "T" in str(start)]
    assert timed and all(start.endswith("-05:00") for start in timed)


def test_a_google_calendar_starts_a_plan_in_its_calendars_zone(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    chicago = tmp_path / "chicago.ics"
    data = GOOGLE.read_bytes()
    chicago.write_bytes(
        data.replace(b"X-WR-TIMEZONE:Europe/Berlin", b"X-WR-TIMEZONE:America/Chicago")
    )
    result = run("import", "--db", str(path), str(chicago))
    assert result.code == 0, result.err
    assert "times in America/Chicago" in result.err


# --- errors -------------------------------------------------------------------------------------


def test_export_with_an_unknown_category(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.ics"
    result = run("export", "--db", str(demo_db), "--out", str(out), "--category", "romance")
    assert_one_line_error(result, "Unknown category 'romance'")
    assert not out.exists()


def test_import_with_an_unknown_category_changes_nothing(run: Runner, demo_db: Path) -> None:
    before = run.listed(demo_db)
    result = run("import", "--db", str(demo_db), str(GOOGLE), "--category", "romance")
    assert_one_line_error(result, "Unknown category 'romance'")
    assert run.listed(demo_db) == before


def test_import_of_a_folder_says_it_is_a_folder(run: Runner, tmp_path: Path) -> None:
    result = run("import", "--db", str(tmp_path / "x.sqlite3"), str(tmp_path))
    assert_one_line_error(result, "is a folder; please give a .ics file")  # was "no file at"


def test_import_of_what_is_not_a_file_says_so(run: Runner, tmp_path: Path) -> None:
    """A data-safety trial: importing /dev/null said "There is no file at /dev/null"."""
    result = run("import", "--db", str(tmp_path / "x.sqlite3"), os.devnull)
    assert_one_line_error(result, f"{os.devnull} is not a file; please give a .ics file")
    assert not (tmp_path / "x.sqlite3").exists()


def test_import_of_a_missing_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    result = run("import", "--db", str(path), str(tmp_path / "nowhere.ics"))
    assert_one_line_error(result, "There is no file at")
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("malformed_missing_end.ics", "Line 32"),
        ("malformed_bad_date.ics", "Line 18"),
        ("malformed_bad_rrule.ics", "Line 20"),
        ("empty.ics", "empty"),
        ("binary.ics", "not a calendar"),
    ],
)
def test_import_of_a_malformed_file_changes_nothing(
    run: Runner, demo_db: Path, tmp_path: Path, clock: FixedClock, name: str, fragment: str
) -> None:
    source = DATA / name
    if name == "binary.ics":
        source = tmp_path / name
        source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = run.listed(demo_db)
    result = run("import", "--db", str(demo_db), str(source))
    assert_one_line_error(result, fragment)
    assert run.listed(demo_db) == before
    fresh = tmp_path / "fresh.sqlite3"
    assert_one_line_error(run("import", "--db", str(fresh), str(source)), fragment)
    assert holds_no_plan(fresh, clock)


def test_import_with_a_step_outside_the_program(run: Runner, demo_db: Path) -> None:
    before = run.listed(demo_db)
    result = run("import", "--db", str(demo_db), str(GOOGLE), "--step", "12")
    assert_one_line_error(result, "Step 12")
    assert run.listed(demo_db) == before


def test_export_from_a_file_without_a_plan(run: Runner, tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "empty.sqlite3"
    context.open_services(path, clock).close()  # a Rekindle file, no plan yet
    out = tmp_path / "x.ics"
    result = run("export", "--db", str(path), "--out", str(out))
    assert_one_line_error(result, "no plan")
    assert not out.exists()


def test_export_from_a_missing_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    out = tmp_path / "x.ics"
    result = run("export", "--db", str(path), "--out", str(out))
    assert_one_line_error(result, "There is no Rekindle file")
    assert not path.exists() and not out.exists()


@pytest.mark.parametrize(
    ("options", "fragment", "code"),
    [
        (["--from", "2026-12-01", "--to", "2026-11-01"], "before its start", 1),
        (["--from", "2026-02-30"], "not a real date", 2),
        (["--step", "four"], "invalid int value", 2),
        (["--step", "12"], "Step 12 is not part of this plan (1–11)", 1),
    ],
    ids=["to-before-from", "no-such-day", "step-not-a-number", "step-not-in-the-program"],
)
def test_export_with_bad_options(
    run: Runner, demo_db: Path, tmp_path: Path, options: list[str], fragment: str, code: int
) -> None:
    out = tmp_path / "x.ics"
    result = run("export", "--db", str(demo_db), "--out", str(out), *options)
    assert_one_line_error(result, fragment)
    assert result.code == code
    assert not out.exists()


def test_export_onto_a_pipe_refuses_and_leaves_it_a_pipe(
    run: Runner, demo_db: Path, tmp_path: Path
) -> None:
    """`--out /dev/full` put a file where the device had been (as root, any device)."""
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    result = run("export", "--db", str(demo_db), "--out", str(pipe))
    assert_one_line_error(result, "is not a file (it is a device or a pipe)")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_export_into_a_missing_folder(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.ics"
    result = run("export", "--db", str(demo_db), "--out", str(out))
    assert_one_line_error(result, "does not exist")
    assert not out.parent.exists()


def test_export_to_an_empty_file_name_asks_for_one(run: Runner, demo_db: Path) -> None:
    """`--out ''` had been said as "`.` is a folder" (a check of the contract)."""
    result = run("export", "--db", str(demo_db), "--out", "")
    assert_one_line_error(result, "a file name is needed, such as plan.ics", code=2)


def test_export_never_writes_over_a_plan(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    """`export --out plan.sqlite3` had put the calendar in place of the plan (a robustness
    audit): a file that holds a database is refused, through a link too."""
    before = demo_db.read_bytes()
    link = tmp_path / "plan link.ics"
    link.symlink_to(demo_db)
    for out in (demo_db, link):
        result = run("export", "--db", str(demo_db), "--out", str(out))
        assert_one_line_error(result, "holds a plan (a database), not a calendar")
    assert demo_db.read_bytes() == before
    assert run("list", "--db", str(demo_db), "--from", "2026-10-05", "--to", "2026-10-11").out


def test_a_file_from_a_five_step_plan_starts_a_new_plan_on_the_same_five_steps(
    run: runner.Runner, tmp_path: Path, clock: FixedClock
) -> None:
    old = tmp_path / "old computer.sqlite3"
    made = run("demo", "--db", str(old), "--program", "five-steps", "--start", "2026-11-09",
               "--tz", "Europe/Berlin")  # fmt: skip
    assert made.code == 0, made.err
    exported, disguised = tmp_path / "plan.ics", tmp_path / "personal.ics"
    assert run("export", "--db", str(old), "--out", str(exported)).code == 0
    assert run("export", "--db", str(old), "--out", str(disguised), "--disguise").code == 0
    assert b"X-REKINDLE-PROGRAM:five-steps" in exported.read_bytes()
    assert b"X-REKINDLE-PROGRAM" not in disguised.read_bytes()  # says nothing of steps

    new = tmp_path / "new computer.sqlite3"
    result = run("import", "--db", str(new), str(exported))
    assert result.code == 0, result.err
    assert "(Five gentle steps, times in Europe/Berlin)" in result.err
    services = context.open_services(new, clock)
    try:
        assert services.plans.require().program_id == "five-steps"
    finally:
        services.close()
    # Same steps, so the same numbers mean the same; done marks travel, and skips too (a
    # trial's skipped call had come back as still open).
    moved = run.listed(new)
    assert moved == run.listed(old)
    assert {row["status"] for row in moved} == {"done", "skipped", "planned"}


def test_export_help_names_the_category_ids_and_what_no_range_means(run: Runner) -> None:
    """A trial: `--category CATEGORIES` named no id, and nothing said that leaving out
    --from and --to exports everything."""
    result = run("export", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "self-care, reflection, growth, space, message, meetup, apology" in text
    assert "without --from and --to: everything" in text


def test_an_import_that_leaves_out_a_day_marked_here_says_so(run: Runner, tmp_path: Path) -> None:
    """A trial: a series shortened in another calendar dropped a day marked done, and the
    import said only "1 updated"."""
    from tests.services.test_import_done_marks import _google_series

    db, source = tmp_path / "plan.sqlite3", tmp_path / "walks.ics"
    source.write_bytes(_google_series("20261108T060000Z", 0))
    assert run("import", "--db", str(db), str(source)).code == 0
    thursday = "2026-11-05T07:00:00+01:00"
    marked = run("mark", "--db", str(db), "--uid", "walks@google.com", "--start", thursday, "done")
    assert marked.code == 0, marked.err
    source.write_bytes(_google_series("20261104T060000Z", 1))
    result = run("import", "--db", str(db), str(source))
    assert result.code == 0
    assert result.out.splitlines()[1] == (
        "  marked “Morning walk”: the file no longer has a day you marked here; what you "
        "marked and wrote is kept, and shows again if the day comes back"
    )


def test_export_to_the_output_with_a_dash(run: Runner, demo_db: Path, tmp_path: Path) -> None:
    """A trial: `--out -` wrote a file called "-"; Unix tools read "-" as the output."""
    result = run("export", "--db", str(demo_db), "--out", "-", "--from", "2026-10-05",
                 "--to", "2026-10-11")  # fmt: skip
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical(result.out)  # an independent reader
    assert calendar.walk("VEVENT")
    assert re.fullmatch(r"rekindle: exported \d+ activit(y|ies) \(\d+ events?\)\.\n", result.err)
    assert not (Path.cwd() / "-").exists()


class _NearlyFullDisk(io.RawIOBase):
    """An output with room for 4 KB: a write stops short there, then fails."""

    def __init__(self) -> None:
        self.kept = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Buffer) -> int:
        room = 4096 - len(self.kept)
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        chunk = bytes(data)[:room]
        self.kept += chunk
        return len(chunk)


def test_an_export_to_a_full_output_says_it_was_cut_short(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo_db: Path,
    clock: FixedClock,
) -> None:
    """A robustness audit: `export --out - > file` on a nearly full disk wrote 8 of 15 KB,
    said "exported" and ended with 0."""
    disk = _NearlyFullDisk()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(disk, 1 << 20)))
    code = cli.run(cli.parse(["export", "--db", str(demo_db), "--out", "-"]), clock=clock)
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert "could not be written whole" in err and "exported" not in err
    assert len(disk.kept) == 4096


def test_an_imported_title_too_long_to_keep_is_said_cut(run: Runner, tmp_path: Path) -> None:
    """A trial: a 305-character SUMMARY came in cut to 200 without a word (and an export
    would then have sent the cut title back)."""
    title = "Long " * 61
    source = tmp_path / "long.ics"
    source.write_bytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:long@x\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{title}\r\n"
        "DTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        .encode()
    )  # fmt: skip
    db = str(tmp_path / "plan.sqlite3")
    first = run("import", "--db", db, str(source))
    assert first.code == 0, first.err
    assert first.out.splitlines()[1] == (
        "  shortened “Long Long Long Long Long Long Long Long…”: its title was cut to 200 "
        "characters"
    )
    again = run("import", "--db", db, str(source))  # unchanged now: nothing more to say
    assert "shortened" not in again.out


def test_notes_and_neutral_titles_together_are_refused(
    run: Runner, demo_db: Path, tmp_path: Path
) -> None:
    """A calendar other people can see keeps the notes out: asked for both, the export
    says so and writes nothing (a trial found the notes under the neutral titles)."""
    out = tmp_path / "both.ics"
    said = run("export", "--db", str(demo_db), "--out", str(out), "--include-notes", "--disguise")
    assert_one_line_error(said, "--include-notes and --disguise do not go together")
    assert not out.exists()
