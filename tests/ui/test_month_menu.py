"""The month view's chip menu: duplicate, and move to next week (asking first for a series)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.ui.dialogs.series_scope import SeriesScopeDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    access_keys,
    center,
    menu_words,
    status_message,
    wait_closed,
    wait_for_dialog,
)
from tests.zones import BERLIN

DAY = date(2026, 11, 25)


def _add(window: MainWindow, rrule: str | None = None) -> Activity:
    start = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    return window.hub.create_activity(
        ActivityDraft(
            title="Gym", category=Category.SELF_CARE, step=StepNumber(4), start=start,
            end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", rrule=rrule,
        )
    )  # fmt: skip


def _choose(window: MainWindow, activity: Activity, text: str, day: date = DAY) -> None:
    view = window.month_view

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (action,) = [a for a in menu.actions() if menu_words(a.text()) == text]
        action.trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    position = center(view.chip_rect(activity.uid, day))
    QApplication.sendEvent(
        view,
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, view.mapToGlobal(position)),
    )


def test_duplicate_makes_a_copy_on_the_same_day_and_undo_removes_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    activity = _add(main_window)
    _choose(main_window, activity, "Duplicate")

    titles = [o.title for o in main_window.month_view.occurrences_on(DAY)]
    assert titles == ["Gym", "Gym"]
    selected = main_window.month_view.selected_occurrence
    assert selected is not None and selected.activity.uid != activity.uid  # the copy
    main_window.undo_action.trigger()
    assert [o.title for o in main_window.month_view.occurrences_on(DAY)] == ["Gym"]


def test_move_to_next_week_moves_a_one_off_and_asks_first_for_a_series(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    one_off = _add(main_window)
    _choose(main_window, one_off, "Move to Next Week")
    assert main_window.hub.activity(one_off.uid).start == datetime(2026, 12, 2, 18, 0,
                                                                   tzinfo=BERLIN)  # fmt: skip
    # It may leave the month shown: the status bar says where it went.
    assert (
        status_message(main_window)
        == "Moved “Gym” to Wednesday 2 December at 18:00. Undo with Ctrl+Z."
    )
    assert main_window.undo_action.text() == "&Undo Move “Gym”"  # one, not "every"

    series = _add(main_window, rrule="FREQ=WEEKLY;COUNT=3")
    _choose(main_window, series, "Move to Next Week")
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    question.reject()
    assert main_window.hub.activity(series.uid) == series  # nothing moves without an answer


def test_delete_deletes_a_one_off_at_once_and_asks_first_only_for_a_series(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    one_off = _add(main_window)
    _choose(main_window, one_off, "Delete")  # no ellipsis: nothing is asked, undo is there
    assert main_window.month_view.occurrences_on(DAY) == []

    series = _add(main_window, rrule="FREQ=WEEKLY;COUNT=3")
    _choose(main_window, series, "Delete…")  # which of them: a question follows
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    question.reject()
    assert main_window.hub.activity(series.uid) == series


def _drag(qtbot: QtBot, window: MainWindow, start: QPoint, end: QPoint) -> None:
    """A real drag: press, travel past the drag distance, travel on, release."""
    view = window.month_view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, (start + end) / 2)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def test_dragging_a_chip_to_another_day_moves_it_there_at_the_same_time(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    gym = _add(main_window)
    view = main_window.month_view
    friday = DAY + timedelta(days=2)
    _drag(qtbot, main_window, center(view.chip_rect(gym.uid, DAY)), center(view.day_rect(friday)))

    moved = main_window.hub.activity(gym.uid)
    assert (moved.start, moved.end) == (
        datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN), datetime(2026, 11, 27, 19, 0, tzinfo=BERLIN)
    )  # fmt: skip
    assert [o.title for o in view.occurrences_on(friday)] == ["Gym"]
    # Chosen, with its new day: the old day's outline stayed behind.
    assert view.selected_occurrence is not None and view.selected_day == friday
    main_window.undo_action.trigger()
    assert main_window.hub.activity(gym.uid) == gym


def test_a_bar_over_several_days_moves_by_as_many_days_as_the_day_it_was_held_by(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    space = main_window.hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=DAY,
            end=DAY + timedelta(days=3), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    view = main_window.month_view
    held = DAY + timedelta(days=2)  # the bar's last day, Friday
    grab = QPoint(center(view.day_rect(held)).x(), center(view.chip_rect(space.uid, held)).y())
    _drag(qtbot, main_window, grab, center(view.day_rect(held + timedelta(days=1))))
    moved = main_window.hub.activity(space.uid)
    assert (moved.start, moved.end) == (DAY + timedelta(days=1), DAY + timedelta(days=4))


def test_a_repeating_chip_dragged_asks_which_and_escape_calls_a_drag_off(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    series = _add(main_window, rrule="FREQ=WEEKLY;COUNT=3")
    view = main_window.month_view
    start = center(view.chip_rect(series.uid, DAY))
    _drag(qtbot, main_window, start, center(view.day_rect(DAY + timedelta(days=1))))
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert "to Thursday 26 November at 18:00" in question.findChild(QLabel, "question").text()
    question.reject()

    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, center(view.day_rect(DAY + timedelta(days=7))))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=center(view.day_rect(DAY)))
    assert main_window.hub.activity(series.uid) == series
    assert main_window.hub.undo_stack.count() == 1  # only the creation


def test_a_reflection_can_be_written_later_and_read_and_changed_from_the_chip(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    from planner.domain.occurrences import Status
    from planner.ui.dialogs.reflection import ReflectionDialog
    from PySide6.QtWidgets import QPushButton, QRadioButton

    monday = datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)  # today, early
    gym = main_window.hub.create_activity(
        ActivityDraft(
            title="Gym", category=Category.SELF_CARE, step=StepNumber(4), start=monday,
            end=monday + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    day = monday.date()
    (shown,) = main_window.month_view.occurrences_on(day)
    main_window.hub.mark(shown, Status.DONE)  # done, with "Not Now" to the reflection

    _choose(main_window, gym, "Write a Reflection…", day)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.keyClicks(dialog.learned, "Moving helps on heavy days")
    qtbot.mouseClick(dialog.findChild(QRadioButton, "mood_4"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (shown,) = main_window.month_view.occurrences_on(day)
    assert shown.reflection is not None and shown.reflection.learned == "Moving helps on heavy days"

    _choose(main_window, gym, "Your Reflection…", day)  # written: offered to read again
    again = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    assert again is not dialog
    assert again.learned.text() == "Moving helps on heavy days"
    assert again.findChild(QRadioButton, "mood_4").isChecked()
    again.learned.setText("Moving helps, even a little")
    qtbot.mouseClick(again.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not again.isVisible())
    (shown,) = main_window.month_view.occurrences_on(day)
    assert (
        shown.reflection is not None and shown.reflection.learned == "Moving helps, even a little"
    )
    assert shown.reflection.mood == 4
    main_window.undo_action.trigger()  # one step back: the earlier words
    (shown,) = main_window.month_view.occurrences_on(day)
    assert shown.reflection is not None and shown.reflection.learned == "Moving helps on heavy days"


def _menu_from_keys(qtbot: QtBot, view: QWidget, open_it: Callable[[], None]) -> list[str]:
    """Open a menu with the keyboard; its items as written (access keys and all), after
    choosing Duplicate from it."""
    texts: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts.extend(action.text() for action in menu.actions() if not action.isSeparator())
        (duplicate,) = [a for a in menu.actions() if menu_words(a.text()) == "Duplicate"]
        duplicate.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    open_it()
    return texts


def test_the_menu_key_opens_the_menu_of_the_activity_the_keys_chose(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Qt sends the Menu key's event to the middle of the calendar, maybe onto another chip:
    the menu is still that of the activity chosen with the keys, and Shift+F10 opens it too."""
    chosen = _add(main_window)  # DAY, 18:00
    start = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    other = main_window.hub.create_activity(
        ActivityDraft(
            title="Letter", category=Category.REFLECTION, step=StepNumber(2), start=start,
            end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    view = main_window.month_view
    view.setFocus()
    view.go_to(DAY)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the day's first activity
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.activity.uid == chosen.uid
    mid_screen = center(view.chip_rect(other.uid, DAY + timedelta(days=1)))

    texts = _menu_from_keys(
        qtbot,
        view,
        lambda: QApplication.sendEvent(
            view,
            QContextMenuEvent(
                QContextMenuEvent.Reason.Keyboard, mid_screen, view.mapToGlobal(mid_screen)
            ),
        ),
    )
    assert [o.title for o in view.occurrences_on(DAY)] == ["Gym", "Gym"]
    assert [o.title for o in view.occurrences_on(DAY + timedelta(days=1))] == ["Letter"]
    keys = access_keys(texts)
    assert len(keys) == len(texts) == len(set(keys)), texts  # each item its own letter

    main_window.undo_action.trigger()
    view.go_to(DAY)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    _menu_from_keys(
        qtbot,
        view,
        lambda: qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    )
    assert [o.title for o in view.occurrences_on(DAY)] == ["Gym", "Gym"]


def test_the_last_day_of_a_series_is_not_offered_this_and_following(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial moved a series' last day with "This and Following": a series of one came of
    it ("Ends after 1 times", "and the ones after it" though there were none)."""
    series = _add(main_window, rrule="FREQ=DAILY;COUNT=3")
    third = DAY + timedelta(days=2)
    _choose(main_window, series, "Delete…", third)
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert question.following.isHidden()
    assert question.only_this.isVisible() and question.all.isVisible()
    assert "is its last" in question.findChild(QLabel, "question").text()
    question.reject()
    wait_closed(qtbot, question)
    _choose(main_window, series, "Delete…", DAY + timedelta(days=1))  # the second: one after
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert question.following.isVisible()
    question.reject()
