"""A plan on a disk that cannot be written opens for reading, says so, and refuses changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.ids import ProgramId
from planner.domain.plans import PlanDraft
from planner.services import context
from planner.storage import db as storage_db
from planner.ui import application
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BERLIN_NAME, PLAN_START, center, wait_for_dialog


@pytest.fixture
def read_only_services(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[context.Services]:
    """The demo plan, reopened as from a locked USB stick (root writes through any lock, so
    the disk's refusal is stood in for)."""
    path = tmp_path / "stick" / "plan.sqlite3"
    seeding = context.open_services(path, clock)
    seeding.plans.seed_demo(PlanDraft(ProgramId("eleven-steps"), PLAN_START, BERLIN_NAME))
    seeding.close()
    monkeypatch.setattr(storage_db, "_writable", lambda path: False)
    opened = context.open_services(path, clock)
    yield opened
    opened.close()


def test_a_read_only_plan_says_so_and_a_change_is_refused_in_plain_words(
    qtbot: QtBot, read_only_services: context.Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    window = MainWindow(services=read_only_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    application.after_first_paint(window, read_only_services, note="")

    assert window.message_bar.isVisible()
    assert window.statusBar().currentMessage() == ""  # opening it changed nothing to refuse
    assert "opened for reading only" in window.message_bar.text.text()
    # There is no File, Open: the way to the copy is said, not a menu that is not there.
    assert "start Rekindle on the copy with “rekindle --db”" in window.message_bar.text.text()
    qtbot.waitUntil(lambda: window.views.y() > window.message_bar.y())  # the note has its room
    view = window.month_view
    day = next(d for d in (PLAN_START + timedelta(days=n) for n in range(28))
               if any(o.activity.rrule is None for o in view.occurrences_on(d)))  # fmt: skip
    occurrence = next(o for o in view.occurrences_on(day) if o.activity.rrule is None)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton,
                     pos=center(view.chip_rect(occurrence.activity.uid, day)))  # fmt: skip
    assert view.selected_occurrence == occurrence
    window.delete_action.trigger()  # Edit > Delete

    assert len(told) == 1 and "read-only" in told[0] and "Nothing was changed" in told[0]
    assert view.chip_rect(occurrence.activity.uid, day) is not None
    assert read_only_services.activities.get(occurrence.activity.uid) == occurrence.activity
    assert not window.undo_action.isEnabled()  # nothing to undo: nothing happened


def test_the_editor_says_at_once_that_nothing_can_be_saved(
    qtbot: QtBot, read_only_services: context.Services
) -> None:
    """A trial typed a whole activity into a read-only plan before Save said no: the editor
    says so as it opens, and offers no Save to press."""
    from planner.ui.dialogs.activity import ActivityDialog
    from PySide6.QtWidgets import QLabel

    window = MainWindow(services=read_only_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_action.trigger()
    dialog = wait_for_dialog(qtbot, window, ActivityDialog)
    note = dialog.findChild(QLabel, "read_only_note")
    assert note is not None and note.isVisible()
    assert "reading only" in note.text()
    assert not dialog.save_button.isEnabled()
    dialog.reject()
