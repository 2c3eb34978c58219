"""The milestone moment and the next step's ideas: a gentle bar, and ideas dragged onto a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.services.context import Services
from planner.ui import suggestion_drag
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from planner.ui.panels.steps import StepListModel
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.space_step import space_step
from tests.ui.conftest import TODAY, center, status_message, wait_closed, wait_for_dialog
from tests.zones import BERLIN


def _two_journaling_sessions(window: MainWindow) -> None:
    begin = datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN)
    window.hub.create_activity(
        ActivityDraft(
            title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=DAILY;COUNT=2",
        )
    )  # fmt: skip


def test_reaching_a_milestone_says_so_gently_and_points_at_the_next_step(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _two_journaling_sessions(main_window)
    first, second = main_window.hub.occurrences(TODAY - timedelta(days=1), TODAY)
    main_window.mark(first, Status.DONE)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "not_now"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert not main_window.message_bar.isVisible()

    main_window.mark(second, Status.DONE)

    bar = main_window.message_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.text.text().startswith(
        "You met the milestones of step 1, “Understand what went wrong”."
    )
    assert "Step 2, “Look at your own part”, is where you are now" in bar.text.text()
    assert "Your progress shows it reached today." in bar.text.text()  # a whole sentence
    (show,) = bar.buttons
    assert show.text() == "Show Step 2"
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "not_now"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    shown = main_window.steps_panel.shown_step()
    assert shown is not None and shown.number == 2
    assert not bar.isVisible()


def _reach_step_one(qtbot: QtBot, window: MainWindow) -> None:
    """Both journaling sessions marked done (no reflection written): step 1 is reached."""
    _two_journaling_sessions(window)
    for occurrence in window.hub.occurrences(TODAY - timedelta(days=1), TODAY):
        window.mark(occurrence, Status.DONE)
        dialog = wait_for_dialog(qtbot, window, ReflectionDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "not_now"), Qt.MouseButton.LeftButton)
        wait_closed(qtbot, dialog)


def test_undoing_the_mark_that_reached_a_milestone_takes_its_note_down(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _reach_step_one(qtbot, main_window)
    bar = main_window.message_bar
    qtbot.waitUntil(bar.isVisible)

    main_window.undo_action.trigger()  # step 1 is open again

    qtbot.waitUntil(lambda: not bar.isVisible())
    assert not main_window.hub.steps_progress()[0].complete


def test_setting_back_the_mark_that_reached_a_milestone_says_the_step_is_open_again(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _reach_step_one(qtbot, main_window)
    qtbot.waitUntil(main_window.message_bar.isVisible)
    (_, done) = main_window.hub.occurrences(TODAY - timedelta(days=1), TODAY)

    main_window.mark(done, Status.PLANNED)  # "Back to Planned"

    assert status_message(main_window) == (
        "Step 1, “Understand what went wrong”, is open again for now: its milestone is no "
        "longer met. Undo with Ctrl+Z to put it back."
    )
    assert not main_window.hub.steps_progress()[0].complete
    main_window.undo_action.trigger()
    assert main_window.hub.steps_progress()[0].complete


def _drop(window: MainWindow, data: QMimeData, day: date) -> bool:
    view = window.month_view
    point = QPointF(center(view.day_rect(day)))
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), actions, data, buttons, modifiers)
    QApplication.sendEvent(view, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(view, QDragMoveEvent(point.toPoint(), actions, data, buttons, modifiers))
    drop = QDropEvent(point, actions, data, buttons, modifiers)
    QApplication.sendEvent(view, drop)
    return drop.isAccepted()


def test_dropping_an_idea_on_a_day_opens_the_dialog_prefilled_for_that_day(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    panel = main_window.steps_panel
    panel.show_step(4)
    anchor = "suggest:4/0"
    data = panel.details.mime_for(anchor)
    assert data is not None and data.text() == "Hobby or skill practice"
    friday = date(2026, 11, 27)

    assert _drop(main_window, data, friday)

    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.title.text() == "Hobby or skill practice"
    assert dialog.day.date().toPython() == friday


def test_other_drags_are_refused(qtbot: QtBot, main_window: MainWindow) -> None:
    data = QMimeData()
    data.setText("just some text")

    assert not _drop(main_window, data, date(2026, 11, 27))
    assert suggestion_drag.decode(data) is None


def test_reaching_a_step_moves_you_are_here_on_everywhere_and_undo_brings_it_back(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _two_journaling_sessions(main_window)
    for occurrence in main_window.hub.occurrences(TODAY - timedelta(days=1), TODAY):
        main_window.hub.mark(occurrence, Status.DONE)
    panel = main_window.steps_panel
    qtbot.waitUntil(lambda: "step 2 of 11: Look at your own part" in main_window.summary.text())
    assert panel.model.index(1).data(StepListModel.CurrentRole)
    assert not panel.model.index(0).data(StepListModel.CurrentRole)
    panel.show_step(2)
    assert "you are here" in panel.details.toPlainText()

    qtbot.keyClick(main_window.month_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.step.currentData() == 2  # a new activity starts on the step you are on
    dialog.reject()
    wait_closed(qtbot, dialog)

    main_window.hub.undo_stack.undo()  # the mark that reached step 1
    qtbot.waitUntil(lambda: "step 1 of 11" in main_window.summary.text())
    assert panel.model.index(0).data(StepListModel.CurrentRole)


def test_a_window_opened_after_a_step_was_reached_opens_on_the_next(
    qtbot: QtBot, plan_services: Services
) -> None:
    plan = plan_services.plans.require()
    plan_services.progress.complete_step(plan, StepNumber(1))
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown = window.steps_panel.shown_step
    qtbot.waitUntil(lambda: (step := shown()) is not None and step.number == 2)
    assert "you are here" in window.steps_panel.details.toPlainText()
    assert "step 2 of 11" in window.summary.text()


def test_a_step_the_days_lived_completed_is_reached_and_said_when_the_window_opens(
    qtbot: QtBot, plan_services: Services, clock: FixedClock
) -> None:
    """The walks were marked before the thirty quiet days ran out; the window opened weeks
    later. "You are here" had stayed on step 3 behind the steps reached after it (a trial)."""
    plan = plan_services.plans.require()
    for number in (1, 2):
        plan_services.progress.complete_step(plan, StepNumber(number))
    space_step(plan_services, plan)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.text.text().startswith(
        "The quiet days you kept met the milestones of step 3, “Give each other space”, on "
        "Monday 30 November. Step 4, “Invest in yourself”, is where you are now, to take at "
    )
    shown = window.steps_panel.shown_step
    qtbot.waitUntil(lambda: (step := shown()) is not None and step.number == 4)  # opened there
    assert "step 4 of 11" in window.summary.text()


def _two_sessions(window: MainWindow, step: int) -> tuple[Occurrence, Occurrence]:
    begin = datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN)
    window.hub.create_activity(
        ActivityDraft(
            title="Journaling", category=Category.REFLECTION, step=StepNumber(step),
            start=begin, end=begin + timedelta(minutes=30), all_day=False,
            zone="Europe/Berlin", rrule="FREQ=DAILY;COUNT=2",
        )
    )  # fmt: skip
    first, second = window.hub.occurrences(TODAY - timedelta(days=1), TODAY)
    return first, second


def _reach_with_second(qtbot: QtBot, window: MainWindow, second: Occurrence) -> str:
    window.mark(second, Status.DONE)
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible)
    dialog = wait_for_dialog(qtbot, window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "not_now"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    return bar.text.text()


def test_the_milestone_note_points_at_the_step_you_are_on_not_simply_the_next_number(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    main_window.hub.complete_step(StepNumber(2))  # done by hand, earlier
    first, second = _two_sessions(main_window, 1)
    main_window.hub.mark(first, Status.DONE)
    text = _reach_with_second(qtbot, main_window, second)
    assert "Step 3, “Give each other space”, is where you are now" in text
    (show,) = main_window.message_bar.buttons
    assert show.text() == "Show Step 3"


def test_reaching_a_later_step_first_says_gently_which_step_you_are_still_on(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    first, second = _two_sessions(main_window, 2)
    main_window.hub.mark(first, Status.DONE, Reflection(learned="Slow down"))
    text = _reach_with_second(qtbot, main_window, second)
    assert text.startswith("You met the milestones of step 2, “Look at your own part”.")
    assert "You are still on step 1, “Understand what went wrong”; there is no rush" in text
    assert "step 3" not in text


def test_with_every_step_behind_the_status_bar_says_so_as_the_today_panel_does(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    for number in range(1, len(main_window.hub.program.steps) + 1):
        main_window.hub.complete_step(StepNumber(number))
    qtbot.waitUntil(lambda: "every step behind you" in main_window.summary.text())
    assert "step 11 of 11" not in main_window.summary.text()
    assert "Every step is behind you" in main_window.today_panel.step_line.text()
    main_window.hub.undo_stack.undo()  # the last step open again
    qtbot.waitUntil(lambda: "step 11 of 11" in main_window.summary.text())


def _message_in_thirty_days_of_space(
    hub: Hub, *, days_on: int, rrule: str | None = None
) -> Activity:
    """Thirty days of space begun ten days ago, and a message `days_on` from today at 11:00
    (repeating by `rrule`)."""
    hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3),
            start=TODAY - timedelta(days=10), end=TODAY + timedelta(days=20), all_day=True,
            zone="Europe/Berlin",
        )
    )  # fmt: skip
    start = datetime.combine(TODAY + timedelta(days=days_on), time(11, 0), BERLIN)
    return hub.create_activity(
        ActivityDraft(
            title="Text hello", category=Category.MESSAGE, step=StepNumber(3), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin", rrule=rrule,
        )
    )  # fmt: skip


def _quiet_days(hub: Hub) -> int:
    """Step 3's "Thirty days of space kept", as far as it is met."""
    (criterion,) = [c for c in hub.steps_progress()[2].criteria if c.target == 30]
    return criterion.current


def test_space_lived_is_read_again_only_when_a_change_reaches_the_days_lived(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step progress read the space lived so far after every change: most of a step's reading
    in a large plan (bench/edits.py). A change to later days alone now keeps it; one that
    reaches the days lived reads it again."""
    hub = main_window.hub
    message = _message_in_thirty_days_of_space(hub, days_on=5)
    reads: list[object] = []
    progress = hub.services.progress
    space_runs = progress.space_runs
    monkeypatch.setattr(progress, "space_runs", lambda plan: reads.append(plan) or space_runs(plan))

    assert _quiet_days(hub) == 11  # ten days ago up to today
    read = len(reads)

    def moved_by(days: int) -> None:
        (shown,) = [o for o in hub.occurrences(TODAY - timedelta(days=30), TODAY + timedelta(30))
                    if o.activity.uid == message.uid]  # fmt: skip
        main_window.move_occurrence(shown, shown.start + timedelta(days=days),
                                    shown.end + timedelta(days=days))  # fmt: skip

    moved_by(1)  # later still: the days lived are as they were
    assert _quiet_days(hub) == 11
    assert len(reads) == read
    moved_by(-9)  # three days ago, inside the space: read again
    assert _quiet_days(hub) == 7
    assert len(reads) == read + 1


def test_a_day_of_a_contact_series_moved_into_the_days_lived_reads_them_again(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: a contact series starting tomorrow, its first day moved four days back into
    the space lived: the change was said as from tomorrow on, and the quiet days stayed 11
    (6 by then), through its undo too."""
    hub = main_window.hub
    series = _message_in_thirty_days_of_space(hub, days_on=1, rrule="FREQ=WEEKLY;COUNT=3")
    first = series.start

    assert _quiet_days(hub) == 11
    back = first - timedelta(days=5)  # four days ago
    hub.update_occurrence(
        series.uid, first.replace(tzinfo=None),
        replace(series.draft(), start=back, end=back + timedelta(minutes=15)), moving=True,
    )  # fmt: skip
    assert _quiet_days(hub) == 6  # ten days ago to five days ago
    main_window.undo_action.trigger()
    assert _quiet_days(hub) == 11
