"""A plain failure inside Qt's event loop (a damaged record read while paging) is said."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.errors import PlannerError, StorageError
from planner.ui import application
from planner.ui.failures_said import FailuresSaid
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.zones import BERLIN


@pytest.mark.qt_no_exception_capture
def test_a_damaged_record_met_while_paging_is_said_in_words(
    qtbot: QtBot, main_window: MainWindow, db_path: Path
) -> None:
    """A robustness audit: one damaged title a month ahead left Next stopped and the
    agenda saying "Nothing planned", with the reason only on a terminal."""
    start = datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN)
    walk = main_window.hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    with sqlite3.connect(db_path) as other:  # a byte gone bad on disk: not UTF-8 any more
        other.execute("UPDATE activity SET title = CAST(x'57c3' AS TEXT) WHERE uid = ?",
                      (walk.uid,))  # fmt: skip
    main_window.hub.notice_outside_changes()
    failures = FailuresSaid()
    failures.install()
    try:
        qtbot.keyClick(main_window.month_view, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: failures.box is not None and failures.box.isVisible())
        box = failures.box
        assert box is not None
        assert box.windowTitle() == "Part of Your Plan Could Not Be Read"
        assert "is damaged" in box.text()
        assert "Restore from Backup" in box.informativeText()
        box.close()
        qtbot.waitUntil(lambda: failures.box is None)
        qtbot.keyClick(main_window.month_view, Qt.Key.Key_PageUp)
        qtbot.keyClick(main_window.month_view, Qt.Key.Key_PageDown)
        assert failures.box is None  # said once, not at every page
    finally:
        failures.uninstall()


def test_the_app_says_failures_while_its_window_runs_and_logs_them_too(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: nothing showed that `run` installs the hook; and a failure said in a box
    should still reach the terminal, for whoever looks into it."""
    hooks: list[object] = []

    def window(_app: object, opened: application.OpenedPlan, _failures: object) -> int:
        hooks.append(sys.excepthook)
        opened.services.close()
        return 0

    monkeypatch.setattr(application, "_run_window", window)
    # `run` sets the app's style sheet up: the tests after this one size widgets without it.
    monkeypatch.setattr(application, "setup_application", lambda _app: None)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    before = sys.excepthook
    assert application.run(db_path=tmp_path / "plan.sqlite3", clock=clock, settings=settings) == 0
    hook = hooks[0]
    assert isinstance(getattr(hook, "__self__", None), FailuresSaid)
    assert sys.excepthook is before  # put back once the window has closed

    logged: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _trace: logged.append(error))
    failures = FailuresSaid()
    failures.install()
    try:
        error = StorageError("plan.sqlite3 is damaged and cannot be read.")
        sys.excepthook(StorageError, error, None)
        qtbot.waitUntil(lambda: failures.box is not None)
        assert logged == [error]
        assert failures.box is not None
        failures.box.close()
    finally:
        failures.uninstall()


@pytest.mark.qt_no_exception_capture
def test_a_week_that_cannot_be_read_leaves_the_week_shown_as_it_was(
    qtbot: QtBot, main_window: MainWindow, db_path: Path
) -> None:
    """The grid moved its days on, and drew last week's activities under the new dates."""
    start = datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)  # the week after the one shown
    walk = main_window.hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    main_window.week_action.trigger()
    week = main_window.week_view
    shown = week.visible_days
    with sqlite3.connect(db_path) as other:
        other.execute("UPDATE activity SET title = CAST(x'57c3' AS TEXT) WHERE uid = ?",
                      (walk.uid,))  # fmt: skip
    main_window.hub.notice_outside_changes()
    failures = FailuresSaid()
    failures.install()
    try:
        week.setFocus()
        qtbot.keyClick(week, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: failures.box is not None and failures.box.isVisible())
        assert week.visible_days == shown
        assert shown[0] <= week.selected_day <= shown[-1]
        failures.box.close()
    finally:
        failures.uninstall()


@pytest.mark.qt_no_exception_capture
def test_a_month_that_cannot_be_read_leaves_the_chosen_day_in_the_month_shown(
    qtbot: QtBot, main_window: MainWindow, db_path: Path
) -> None:
    """A review: going to a day of a month that could not be read kept the month shown,
    with its chosen day in the month not shown (Enter then planned on it)."""
    start = datetime(2027, 1, 20, 9, 0, tzinfo=BERLIN)
    walk = main_window.hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    with sqlite3.connect(db_path) as other:
        other.execute("UPDATE activity SET title = CAST(x'57c3' AS TEXT) WHERE uid = ?",
                      (walk.uid,))  # fmt: skip
    main_window.hub.notice_outside_changes()
    month = main_window.month_view
    shown, chosen = month.month, month.selected_day
    with pytest.raises(PlannerError):
        month.go_to(date(2027, 1, 5))
    assert (month.month, month.selected_day) == (shown, chosen)
