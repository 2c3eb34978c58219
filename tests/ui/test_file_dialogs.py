"""Choosing a file beside the open plan leaves the plan's locks, and so Undo, alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planner.ui import file_dialogs
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot

from tests.ui.test_interop_ui import _walk


def _browse(qtbot: QtBot, dialog: QFileDialog, folder: Path) -> None:
    """Show `dialog` on `folder` until it has told the type of the plan's index file."""
    index = folder / "plan.sqlite3-shm"
    assert index.exists(), "the plan is not open in WAL mode"
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    qtbot.waitUntil(lambda: bool(model.type(model.index(str(index)))))
    dialog.reject()


def _read_from_another_program(database: Path) -> None:
    """What `rekindle list` does to the file: open it, read, close."""
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT count(*) FROM activity').fetchone(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(database)], check=True, timeout=60)


def test_browsing_the_plans_folder_then_reading_it_elsewhere_keeps_undo(
    qtbot: QtBot, main_window: MainWindow, db_path: Path
) -> None:
    main_window.hub.create_activity(_walk())
    assert main_window.hub.undo_stack.count() == 1
    dialog = file_dialogs.chooser(main_window, "Import", str(db_path.parent), "All files (*)")
    qtbot.addWidget(dialog)
    _browse(qtbot, dialog, db_path.parent)

    _read_from_another_program(db_path)
    main_window._notice_outside_changes()

    assert main_window.hub.undo_stack.count() == 1
    assert main_window.undo_action.isEnabled()
    assert main_window.undo_action.text() == "&Undo New “Walk”"


def test_the_chooser_still_names_calendars_and_shows_folders(tmp_path: Path) -> None:
    provider = file_dialogs.NameOnlyIconProvider()
    calendar = tmp_path / "plan.ics"
    calendar.write_bytes(b"\x00 whatever is inside")
    assert "calendar" in provider.type(QFileInfo(str(calendar))).lower()
    assert not provider.icon(QFileInfo(str(tmp_path))).isNull()
