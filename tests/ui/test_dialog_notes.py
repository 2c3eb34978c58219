"""A note about a date or time a dialog could not take makes room for itself: the dialog
grows, and nothing it showed is drawn over or cut mid-line."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TypeVar

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Occurrence
from planner.errors import StorageError
from planner.services import programs
from planner.services.plans import PlanService
from planner.ui import room
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.first_run import FirstRunDialog
from planner.ui.hub import Hub
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, busy_once
from tests.zones import BERLIN

D = TypeVar("D", bound=QDialog)


def _show(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _type_over_all_and_tab(qtbot: QtBot, field: QDateTimeEdit, text: str) -> None:
    """Ctrl+A in the field, `text`, then Tab, each key to whatever has the focus."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for key in [*text, Qt.Key.Key_Tab]:
        focused = QApplication.focusWidget()
        assert focused is not None
        if isinstance(key, str):
            qtbot.keyClicks(focused, key)
        else:
            qtbot.keyClick(focused, key)


def _shown(dialog: QDialog) -> dict[QWidget, QRect]:
    """The dialog's own widgets that show, and where, in the dialog's coordinates."""
    return {
        widget: QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
        for widget in dialog.findChildren(QWidget)
        if widget.parentWidget() is dialog and widget.isVisible()
    }


def _fully_visible(dialog: QDialog) -> set[QWidget]:
    """Widgets inside the dialog, over no other, and (wrapped text) tall enough for all of
    their lines."""
    shown = _shown(dialog)
    found = set()
    for widget, rect in shown.items():
        if not dialog.rect().contains(rect):
            continue
        if any(rect.intersects(other) for w, other in shown.items() if w is not widget):
            continue
        wrapped = isinstance(widget, QLabel) and widget.wordWrap()
        if wrapped and rect.height() < widget.heightForWidth(rect.width()):
            continue  # cut mid-line
        found.add(widget)
    return found


def _assert_room_made(dialog: QDialog, note: QLabel, before: set[QWidget]) -> None:
    assert note.isVisible()
    shown = _shown(dialog)
    over = [w.objectName() or type(w).__name__ for w in shown if w is not note
            and shown[w].intersects(shown[note])]  # fmt: skip
    assert not over, f"the note is drawn over {over}"
    cut = [
        (w.objectName() or type(w).__name__, getattr(w, "text", str)()[:40])
        for w in before - _fully_visible(dialog)
    ]
    assert not cut, f"no longer fully shown: {cut}"


def _check(qtbot: QtBot, dialog: QDialog, field: QDateTimeEdit, typed: str) -> None:
    note = dialog.findChild(QLabel, "error")
    assert note is not None and not note.isVisible()
    before = _fully_visible(dialog)
    _type_over_all_and_tab(qtbot, field, typed)
    qtbot.waitUntil(lambda: _assert_room_made(dialog, note, before), timeout=1000)


def _second_run(hub: Hub, rrule: str) -> tuple[Activity, Occurrence]:
    """A weekly run from Wednesday 4 November (repeating by `rrule`), and its day a week on."""
    start = datetime.combine(date(2026, 11, 4), time(18, 0), tzinfo=BERLIN)
    series = hub.create_activity(
        ActivityDraft(
            title="Run", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule=rrule,
        )
    )  # fmt: skip
    second = date(2026, 11, 11)
    (occurrence,) = hub.services.calendar.occurrences(hub.services.plans.require(), second, second)
    return series, occurrence


def test_a_time_refused_in_one_occurrence_pushes_the_notes_box_below_the_series_note(
    qtbot: QtBot, hub: Hub
) -> None:
    series, occurrence = _second_run(hub, "FREQ=WEEKLY;COUNT=4")
    dialog = _show(
        qtbot,
        ActivityDialog(hub=hub, activity=series, occurrence=occurrence),
    )
    assert dialog.repeat_note.text().startswith("This is the one on Wednesday 11 November")
    assert dialog.repeat_note in _fully_visible(dialog)
    _check(qtbot, dialog, dialog.start_time, "25:70")


def test_a_two_line_date_note_in_a_new_activity_leaves_the_notes_box_whole(
    qtbot: QtBot, hub: Hub
) -> None:
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=date(2026, 11, 25)))
    _check(qtbot, dialog, dialog.day, "2026-13-01")
    assert dialog.error.text().startswith("“2026-13-01” is not a date")


def test_a_start_date_note_in_the_welcome_leaves_the_program_descriptions_whole(
    qtbot: QtBot,
) -> None:
    dialog = _show(
        qtbot,
        FirstRunDialog(programs=programs.builtin_programs(), today=TODAY, zone="Europe/Berlin"),
    )
    descriptions = [
        label
        for label in dialog.findChildren(QLabel)
        if any(label.text() == program.description for program in programs.builtin_programs())
    ]
    assert len(descriptions) == 2 and set(descriptions) <= _fully_visible(dialog)
    _check(qtbot, dialog, dialog.start, "31 Feb 2027")
    assert dialog.error.text() == "February 2027 has no day 31."


def test_making_room_never_grows_a_dialog_past_the_screen(qtbot: QtBot) -> None:
    """Its buttons would be out of reach below the screen's edge (a small laptop)."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    words = QLabel("How it went, in many words. " * 400)
    words.setWordWrap(True)
    layout.addWidget(words)
    dialog.resize(300, 200)
    dialog.show()
    qtbot.waitExposed(dialog)

    room.make_room(dialog)

    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.frameGeometry().bottom() <= screen.bottom()


def test_one_day_of_a_series_opens_as_tall_as_its_wrapped_note_needs(
    qtbot: QtBot, hub: Hub
) -> None:
    """A keyboard trial at 1.5x: one day of a weekly series opened with its three-line note
    and Delete…, and the weekday buttons were squashed, their words cut: Qt had counted the
    note as one line."""
    series, occurrence = _second_run(hub, "FREQ=WEEKLY;BYDAY=WE,TH;COUNT=8")
    dialog = ActivityDialog(hub=hub, activity=series, occurrence=occurrence)
    dialog.resize(dialog.minimumSizeHint())  # narrow: the note wraps to more lines
    dialog = _show(qtbot, dialog)
    monday = dialog.repeat.findChild(QToolButton, "repeat_day_0")
    assert monday is not None and monday.height() >= monday.sizeHint().height()
    assert dialog.repeat_note in _fully_visible(dialog)


def test_a_larger_editor_gives_its_room_to_the_notes(qtbot: QtBot, hub: Hub) -> None:
    """Made larger, the editor had shared the room out between its rows, the notes staying
    three lines tall (a trial with long notes)."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    before, title = dialog.notes.height(), dialog.title.height()
    dialog.resize(dialog.width(), dialog.height() + 300)
    qtbot.waitUntil(lambda: dialog.notes.height() >= before + 280)
    assert dialog.title.height() == title


def test_a_message_takes_its_room_from_the_notes_before_growing_the_editor(
    qtbot: QtBot, hub: Hub
) -> None:
    """A trial at 1.25x: a refusal grew the editor to the screen's height, moving Save away
    from the pointer; the notes box, with room to spare, gives it first."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    dialog.resize(dialog.width(), dialog.height() + 120)  # the notes have room to spare
    qtbot.waitUntil(lambda: dialog.notes.height() >= dialog.notes.minimumHeight() + 100)
    height, save = (
        dialog.height(),
        dialog.save_button.mapToGlobal(dialog.save_button.rect().center()),
    )
    _check(qtbot, dialog, dialog.start_time, "25:70")
    assert dialog.height() == height
    assert dialog.save_button.mapToGlobal(dialog.save_button.rect().center()) == save
    dialog.start_time.setFocus()
    qtbot.keyClicks(dialog.start_time, "9")  # edited: the message goes, the notes get it back
    qtbot.waitUntil(lambda: not dialog.error.isVisible())
    assert dialog.height() == height


def test_an_editor_without_room_to_spare_grows_only_by_what_the_message_needs(
    qtbot: QtBot, hub: Hub
) -> None:
    """Notes shorter than six lines keep their height: the editor grows by the message's
    own height, no more (it had grown to the notes' wish, the screen's height at 1.25x)."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    height, notes = dialog.height(), dialog.notes.height()
    _check(qtbot, dialog, dialog.start_time, "25:70")
    needed = dialog.error.heightForWidth(dialog.error.width())
    spacing = dialog.layout().spacing()
    assert dialog.height() <= height + needed + spacing + 2
    assert dialog.notes.height() >= notes - 1


def test_a_save_the_file_refuses_keeps_the_notes_readable_and_says_the_form_is_kept(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-trial on a full disk: the refusal squeezed long notes to two lines under a scroll
    bar, and did not say the words were kept, as the reflection's refusal does."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    qtbot.keyClicks(dialog.title, "Walk by the river")
    dialog.notes.setPlainText("Take the long way round.\n" * 12)
    before = dialog.notes.height()

    def full(*_args: object, **_kwargs: object) -> object:
        raise StorageError("Cannot save to plan.sqlite3: the disk is full. Nothing was changed.")

    monkeypatch.setattr(hub, "create_activity", full)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text().endswith(
        "Your words are still here: try again when that is put right."
    )
    six_lines = dialog.notes.fontMetrics().lineSpacing() * 6 + 12
    assert dialog.notes.height() >= min(before, six_lines) - 1


def test_a_new_activity_saved_when_the_read_after_fails_is_made_once(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: a save that landed, the read after it failing, was said as refused, and a
    second Save made the activity twice."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    qtbot.keyClicks(dialog.title, "Walk by the river")
    failures = busy_once(monkeypatch, PlanService, "outside_version")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not failures  # the read after the save did fail
    made = [o for o in hub.occurrences(TODAY, TODAY) if o.title == "Walk by the river"]
    assert len(made) == 1 and hub.undo_stack.count() == 1


def test_a_new_activity_not_read_back_after_saving_closes_and_says_it_was_saved(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: the after-state read failing was said in the parser's words, "try again",
    and a second Save made the activity twice."""
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    qtbot.keyClicks(dialog.title, "Walk by the river")
    failures = busy_once(monkeypatch, type(hub.services.activities), "snapshot")
    # The views are told of it all the same: not told, it had seemed to vanish (a review).
    with qtbot.waitSignals([dialog.accepted, hub.changed]):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not failures
    assert dialog.saved_unread.startswith("Your change was saved")
    assert len([o for o in hub.occurrences(TODAY, TODAY) if o.title == "Walk by the river"]) == 1


def test_a_change_without_its_undo_step_ends_the_history_there(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save whose after-state could not be read has no undo step: Undo then undid the
    change before it, putting that one back under what was saved since."""
    earlier = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    qtbot.keyClicks(earlier.title, "Journal")
    with qtbot.waitSignal(earlier.accepted):
        qtbot.mouseClick(earlier.save_button, Qt.MouseButton.LeftButton)
    assert hub.undo_stack.canUndo()
    dialog = _show(qtbot, ActivityDialog(hub=hub, day=TODAY))
    qtbot.keyClicks(dialog.title, "Walk by the river")
    failures = busy_once(monkeypatch, type(hub.services.activities), "snapshot")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not failures
    assert "Undo cannot take this one back" in dialog.saved_unread
    assert not hub.undo_stack.canUndo()  # "Journal" is not undone under the walk
    titles = sorted(o.title for o in hub.occurrences(TODAY, TODAY))
    assert titles == ["Journal", "Walk by the river"]
