"""Impossible values (an end before the start, 30 February, the year 10000, an empty title,
absurd lengths) get a plain message and change nothing: one line on stderr from the command
line, an inline error in the activity dialog. Never a traceback."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.ids import ProgramId
from planner.domain.plans import PlanDraft
from planner.services.context import Services
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.hub import Hub
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from pytestqt.qtbot import QtBot

from tests.cli.runner import Runner as CliRunner

DAY = date(2026, 11, 25)
Runner = Callable[..., tuple[int, str, str]]


def dump(db_path: Path) -> list[str]:
    """Every row of the plan file, read through its own connection."""
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        return list(connection.iterdump())


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def cli(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> Iterator[tuple[Path, Runner]]:
    """A plan file holding the demo, and a runner giving (exit code, stdout, stderr), at the
    tests' fixed time (the demo's lived past ends at "now")."""
    command_line = CliRunner(capsys, clock)

    def run(*argv: str) -> tuple[int, str, str]:
        result = command_line(*argv)
        return result.code, result.out, result.err

    db = tmp_path / "plan.sqlite3"
    assert run("demo", "--db", str(db), "--start", "2026-11-02", "--tz", "Europe/Berlin")[0] == 0
    yield db, run


TITLE = ["--title", "Coffee", "--category", "meetup"]
IMPOSSIBLE_ADDS = {
    "end before start": [*TITLE, "--start", "2026-12-01T10:00", "--end", "2026-12-01T09:00"],
    "end at the start": [*TITLE, "--start", "2026-12-01T10:00", "--end", "2026-12-01T10:00"],
    "last day before first": [*TITLE, "--all-day", "--start", "2026-12-05", "--end", "2026-12-01"],
    "30 February": [*TITLE, "--start", "2027-02-30"],
    "30 February at ten": [*TITLE, "--start", "2027-02-30T10:00"],
    "31 April as the end": [*TITLE, "--start", "2027-04-30T10:00", "--end", "2027-04-31T11:00"],
    "24 o'clock": [*TITLE, "--start", "2027-04-30T24:00"],
    "year 10000": [*TITLE, "--start", "10000-01-01"],
    "year 9999, late at night": [*TITLE, "--start", "9999-12-31T23:30"],
    "year 1": [*TITLE, "--start", "0001-01-01T00:00"],
    "year 1899": [*TITLE, "--start", "1899-12-31"],
    "9999 in the plan's zone": [*TITLE, "--start", "9998-12-31T23:30-05:00"],
    "1899 in the plan's zone": [*TITLE, "--start", "1900-01-01T00:30+14:00"],
    "a title that is not UTF-8": [
        "--title",
        "bad\udcff\udcfe",
        "--category",
        "meetup",
        "--start",
        "2026-12-01",
    ],
    "notes that are not UTF-8": [*TITLE, "--start", "2026-12-01", "--notes", "\udcff"],
    "an hour offset of 25": [*TITLE, "--start", "2026-12-01T10:00+25:00"],
    "empty title": ["--title", "", "--category", "meetup", "--start", "2026-12-01"],
    "blank title": ["--title", " \t ", "--category", "meetup", "--start", "2026-12-01"],
    "title of 10,000 letters": [
        "--title",
        "x" * 10_000,
        "--category",
        "meetup",
        "--start",
        "2026-12-01",
    ],
    "a hundred years long": [*TITLE, "--start", "2026-12-01T10:00", "--end", "2126-12-01T10:00"],
    "a minute over two weeks": [*TITLE, "--start", "2026-12-01T10:00", "--end", "2026-12-15T10:01"],
    "all day for two years": [*TITLE, "--all-day", "--start", "2026-12-01", "--end", "2028-12-01"],
    "all day with a time": [*TITLE, "--all-day", "--start", "2026-12-01T10:00"],
    "unknown category": ["--title", "Coffee", "--category", "brunch", "--start", "2026-12-01"],
    "step 0": [*TITLE, "--start", "2026-12-01", "--step", "0"],
    "step 12 of 11": [*TITLE, "--start", "2026-12-01", "--step", "12"],
    "every second": [*TITLE, "--start", "2026-12-01T10:00", "--rrule", "FREQ=SECONDLY"],
    "a billion times": [
        *TITLE,
        "--start",
        "2026-12-01T10:00",
        "--rrule",
        "FREQ=DAILY;COUNT=10000000000",
    ],
    "every 30 February": [
        *TITLE,
        "--start",
        "2026-12-01T10:00",
        "--rrule",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ],
    "every hour, second in its set": [
        *TITLE,
        "--start",
        "2026-12-01T10:00",
        "--rrule",
        "FREQ=HOURLY;BYSETPOS=2",
    ],
    "month 13": [*TITLE, "--start", "2026-12-01T10:00", "--rrule", "FREQ=MONTHLY;BYMONTH=13"],
}


@pytest.mark.parametrize("name", list(IMPOSSIBLE_ADDS))
def test_the_command_line_refuses_in_one_line_and_changes_nothing(
    name: str, cli: tuple[Path, Runner]
) -> None:
    db, run = cli
    before = dump(db)
    code, out, err = run("add", "--db", str(db), *IMPOSSIBLE_ADDS[name])
    assert code != 0
    assert out == ""
    assert err.startswith("rekindle: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "Error" not in err
    assert dump(db) == before


def test_an_impossible_add_into_a_new_file_leaves_no_file(cli: tuple[Path, Runner]) -> None:
    db, run = cli
    fresh = db.with_name("fresh.sqlite3")
    code, _, err = run("add", "--db", str(fresh), *IMPOSSIBLE_ADDS["year 9999, late at night"])
    assert code == 1 and "outside the years Rekindle can plan (1900–9998)" in err
    assert not fresh.exists()


def test_the_messages_say_what_to_change(cli: tuple[Path, Runner]) -> None:
    db, run = cli

    def error(name: str) -> str:
        code, _, err = run("add", "--db", str(db), *IMPOSSIBLE_ADDS[name])
        assert code != 0
        return str(err)

    assert "cannot be before the start" in error("end before start")
    assert "not a real date" in error("30 February")
    assert "not a real date" in error("year 10000")
    assert "outside the years Rekindle can plan" in error("year 1")
    assert "title" in error("blank title")
    assert "two weeks" in error("a hundred years long")
    assert "at most a year" in error("all day for two years")
    assert "every minute or second" in error("every second")


def test_mark_refuses_a_reflection_that_is_not_utf8(cli: tuple[Path, Runner]) -> None:
    db, run = cli
    code, out, _ = run("list", "--db", str(db), "--from", "2026-11-02", "--to", "2026-11-02")
    uid, start = out.splitlines()[0].split("\t")[:2]
    before = dump(db)
    code, _, err = run("mark", "--db", str(db), "--uid", uid, "--start", start,
                       "--reflection", "bad\udcff", "done")  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "not readable" in err, err
    assert dump(db) == before


def test_mark_refuses_a_moment_outside_the_calendar(cli: tuple[Path, Runner]) -> None:
    db, run = cli
    before = dump(db)
    code, _, err = run(
        "mark", "--db", str(db), "--uid", "x@rekindle", "--start", "9999-12-31T23:59", "done"
    )
    assert code == 1 and err.count("\n") == 1 and "1900–9998" in err
    assert dump(db) == before


# -- the activity dialog ---------------------------------------------------------------------


@pytest.fixture
def hub(qapp: QApplication, services: Services) -> Iterator[Hub]:
    """A Hub over a fresh plan, with an English locale so that typed dates read as shown."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin"))
    yield Hub(services=services)
    QLocale.setDefault(previous)


@pytest.fixture
def dialog(qtbot: QtBot, hub: Hub) -> ActivityDialog:
    opened = ActivityDialog(hub=hub, day=DAY)
    qtbot.addWidget(opened)
    opened.open()
    qtbot.waitExposed(opened)
    return opened


def save_and_expect_refusal(qtbot: QtBot, dialog: ActivityDialog, db_path: Path) -> str:
    """Click Save; the dialog must stay open with an inline error and store nothing."""
    before = dump(db_path)
    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.saved is None
    assert dump(db_path) == before
    text = dialog.error.text()
    assert text.strip() and "Traceback" not in text
    return text


def type_into(qtbot: QtBot, edit: QDateTimeEdit, section: QDateTimeEdit.Section, keys: str) -> None:
    """Type into one section of a date field, as a person tabbing into it would."""
    edit.setFocus()
    edit.setSelectedSection(section)
    qtbot.keyClicks(edit, keys)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_blank_title_is_an_inline_error(
    qtbot: QtBot, dialog: ActivityDialog, db_path: Path
) -> None:
    qtbot.keyClicks(dialog.title, "   ")
    assert save_and_expect_refusal(qtbot, dialog, db_path) == "Please give the activity a title."


def test_a_last_day_before_the_first_is_an_inline_error(
    qtbot: QtBot, dialog: ActivityDialog, db_path: Path
) -> None:
    qtbot.keyClicks(dialog.title, "Backwards")
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    dialog.last_day.setFocus()
    dialog.last_day.setSelectedSection(QDateTimeEdit.Section.DaySection)
    for _ in range(3):
        qtbot.keyClick(dialog.last_day, Qt.Key.Key_Down)
    assert dialog.last_day.date() < dialog.day.date()
    assert "last day" in save_and_expect_refusal(qtbot, dialog, db_path)


def test_30_february_cannot_be_typed(qtbot: QtBot, dialog: ActivityDialog) -> None:
    dialog.day.setDate(QDate(2027, 2, 10))
    type_into(qtbot, dialog.day, QDateTimeEdit.Section.DaySection, "30")
    assert dialog.day.date().month() == 2 and dialog.day.date().day() != 30
    qtbot.keyClicks(dialog.title, "Tea")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert dialog.saved.start.date() == dialog.day.date().toPython()  # type: ignore[union-attr]


@pytest.mark.parametrize("year", ["10000", "9999", "1899"])
def test_a_year_outside_the_plannable_ones_cannot_be_typed(
    qtbot: QtBot, dialog: ActivityDialog, year: str
) -> None:
    type_into(qtbot, dialog.day, QDateTimeEdit.Section.YearSection, year)
    assert 1900 <= dialog.day.date().year() <= 9998
    dialog.day.setDate(QDate(9998, 12, 31))
    dialog.day.setFocus()
    for section in (QDateTimeEdit.Section.DaySection, QDateTimeEdit.Section.YearSection):
        dialog.day.setSelectedSection(section)
        qtbot.keyClick(dialog.day, Qt.Key.Key_Up)  # a day or a year later would be 9999
        assert dialog.day.date() <= QDate(9998, 12, 31)


def test_the_last_plannable_evening_with_the_longest_length_is_refused_plainly(
    qtbot: QtBot, dialog: ActivityDialog, db_path: Path
) -> None:
    qtbot.keyClicks(dialog.title, "Last of all")
    dialog.day.setDate(QDate(9998, 12, 31))
    dialog.start_time.setTime(QTime(23, 0))
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "999999")  # the box takes no more than two weeks
    assert dialog.duration.value() <= dialog.duration.maximum() == 14 * 24 * 60
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "20160")
    assert dialog.duration.value() == 14 * 24 * 60
    assert "9999" in save_and_expect_refusal(qtbot, dialog, db_path)


def test_the_last_plannable_day_all_day_is_saved(qtbot: QtBot, dialog: ActivityDialog) -> None:
    qtbot.keyClicks(dialog.title, "Last day")
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    dialog.day.setDate(QDate(9998, 12, 31))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert (dialog.saved.start, dialog.saved.end) == (date(9998, 12, 31), date(9999, 1, 1))


def test_an_all_day_activity_over_a_year_is_an_inline_error(
    qtbot: QtBot, dialog: ActivityDialog, db_path: Path
) -> None:
    qtbot.keyClicks(dialog.title, "A long pause")
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.last_day, QDateTimeEdit.Section.YearSection, "2028")
    assert dialog.last_day.date().year() == 2028
    assert "at most a year" in save_and_expect_refusal(qtbot, dialog, db_path)
