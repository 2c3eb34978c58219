"""Undo and redo from the Edit menu: marks, reflections and step completions come back exactly."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.services.context import Services
from planner.ui import confirm
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import anchor_point, center, wait_closed, wait_for_dialog
from tests.zones import BERLIN

DAY = date(2026, 11, 18)  # before today (23 November), so it can be marked done


def _add(window: MainWindow, title: str) -> Activity:
    start = datetime.combine(DAY, time(18, 0), tzinfo=BERLIN)
    return window.hub.create_activity(
        ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=45), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip


def _status(window: MainWindow) -> Status:
    (shown,) = window.month_view.occurrences_on(DAY)
    return shown.status


def _mark_done_with_keyboard(qtbot: QtBot, window: MainWindow, activity: Activity) -> None:
    view = window.month_view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(activity.uid, DAY)))
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_z_undoes_a_mark_and_ctrl_shift_z_redoes_it(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    activity = _add(main_window, "Gym")
    _mark_done_with_keyboard(qtbot, main_window, activity)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "not_now"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert _status(main_window) is Status.DONE
    assert main_window.undo_action.text() == "&Undo Mark “Gym” as Done"
    assert main_window.undo_action in main_window.menuBar().actions()[1].menu().actions()

    qtbot.keyClick(main_window.month_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _status(main_window) is Status.PLANNED)

    qtbot.keyClick(
        main_window.month_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _status(main_window) is Status.DONE)


def test_undoing_a_reflection_keeps_the_mark_and_drops_only_the_reflection(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    activity = _add(main_window, "Walk")
    _mark_done_with_keyboard(qtbot, main_window, activity)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QRadioButton, "mood_4"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.learned, "Fresh air helps")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    plan = plan_services.plans.require()
    assert [lesson.text for lesson in plan_services.progress.lessons(plan)] == ["Fresh air helps"]

    main_window.undo_action.trigger()

    (shown,) = main_window.month_view.occurrences_on(DAY)
    assert shown.status is Status.DONE and shown.reflection is None
    assert plan_services.progress.lessons(plan) == []
    main_window.undo_action.trigger()
    assert _status(main_window) is Status.PLANNED


def test_completing_a_step_by_hand_can_be_undone(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    panel = main_window.steps_panel
    panel.list.setCurrentIndex(panel.model.index(0))
    point = anchor_point(panel.details, "Mark this step complete")
    qtbot.mouseClick(panel.details.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: "Marked complete on" in panel.details.toPlainText())
    assert main_window.undo_action.text() == "&Undo Complete Step 1"

    main_window.undo_action.trigger()

    qtbot.waitUntil(lambda: "Mark this step complete" in panel.details.toPlainText())
    plan = plan_services.plans.require()
    assert plan_services.progress.step_record(plan, StepNumber(1)) is None


def test_an_undo_that_can_no_longer_be_done_says_why(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    activity = _add(main_window, "Yoga")
    occurrence = main_window.month_view.occurrences_on(DAY)[0]
    main_window.hub.mark(occurrence, Status.SKIPPED)
    plan_services.activities.delete(plan_services.plans.require(), activity.uid)
    problems: list[str] = []
    main_window.hub.problem.disconnect(main_window._on_hub_problem)
    main_window.hub.problem.connect(problems.append)

    main_window.undo_action.trigger()

    assert problems == [
        "“Yoga” has been deleted since, so there is nothing left to undo or redo there."
    ]
    # The mark is gone from the history; what is left is the creation before it.
    assert main_window.undo_action.text() == "&Undo New “Yoga”"
    assert "Undone" not in main_window.statusBar().currentMessage()  # only the reason is said


def test_skipping_over_a_reflection_asks_and_keep_it_keeps_it(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Walk")
    (occurrence,) = main_window.month_view.occurrences_on(DAY)
    main_window.hub.mark(occurrence, Status.DONE, Reflection("Lighter", 4, "Walk first"))
    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask", lambda _p, _t, text, **_b: asked.append(text) or False)

    main_window.mark(main_window.month_view.occurrences_on(DAY)[0], Status.SKIPPED)

    assert "You wrote a reflection for “Walk”. Marking it skipped removes it." in asked[0]
    (shown,) = main_window.month_view.occurrences_on(DAY)
    assert shown.status is Status.DONE and shown.reflection is not None

    monkeypatch.setattr(confirm, "ask", lambda *_a, **_k: True)
    main_window.mark(shown, Status.SKIPPED)
    assert main_window.month_view.occurrences_on(DAY)[0].status is Status.SKIPPED
    main_window.undo_action.trigger()
    restored = main_window.month_view.occurrences_on(DAY)[0]
    assert restored.status is Status.DONE and restored.reflection is not None


def test_redo_never_removes_a_reflection_written_since_the_undo(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    _add(main_window, "Walk")
    (occurrence,) = main_window.month_view.occurrences_on(DAY)
    main_window.hub.mark(occurrence, Status.SKIPPED)
    main_window.undo_action.trigger()
    plan = plan_services.plans.require()
    (planned,) = plan_services.calendar.occurrences(plan, DAY, DAY)
    written = Reflection("Written from the command line", 4, "Keep this")
    plan_services.progress.mark(plan, planned, Status.DONE, written)  # outside the window
    problems: list[str] = []
    main_window.hub.problem.disconnect(main_window._on_hub_problem)
    main_window.hub.problem.connect(problems.append)

    main_window.redo_action.trigger()

    assert problems and "reflection you wrote" in problems[0]
    (kept,) = plan_services.calendar.occurrences(plan, DAY, DAY)
    assert (kept.status, kept.reflection) == (Status.DONE, written)


def test_an_ampersand_in_a_title_shows_in_the_edit_menu(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """ "Q&A night" read "QA night" in Edit > Undo, its A underlined as an access key."""
    start = datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN)
    main_window.hub.create_activity(ActivityDraft(
        title="Q&A night", category=Category.OUTING, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip

    assert main_window.undo_action.text() == "&Undo New “Q&&A night”"
