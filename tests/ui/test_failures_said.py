"""A plain failure inside Qt's event loop (a damaged record read while paging) is said."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.ui.failures_said import FailuresSaid
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
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
