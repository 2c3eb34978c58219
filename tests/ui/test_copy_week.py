"""Edit > Copy This Week to Next Week: copies appear a week on; one Ctrl+Z takes them back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.errors import StorageError
from planner.services.context import Services
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, menu_words, status_message
from tests.zones import BERLIN

TUESDAY = date(2026, 11, 24)
THURSDAY = date(2026, 11, 26)


def _add(window: MainWindow, title: str, day: date, hour: int, rrule: str | None = None) -> None:
    start = datetime.combine(day, time(hour), tzinfo=BERLIN)
    window.hub.create_activity(
        ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", rrule=rrule,
        )
    )  # fmt: skip


def _titles_on(window: MainWindow, day: date) -> list[str]:
    return sorted(o.title for o in window.week_view.occurrences_on(day))


def test_copy_week_from_the_edit_menu_is_one_undo_step(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    _add(main_window, "Walk", TUESDAY, 8)
    _add(main_window, "Letter", THURSDAY, 19)
    _add(main_window, "Stretch", TUESDAY, 7, rrule="FREQ=WEEKLY;COUNT=2")
    action = main_window.copy_week_action
    edit_menu = main_window.menuBar().actions()[1].menu()
    assert action in edit_menu.actions()
    assert not action.isEnabled()  # the month is shown: there is no week to copy

    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    assert main_window.views.currentWidget() is week
    assert week.visible_days[0] <= TODAY <= week.visible_days[1]
    assert action.isEnabled()
    action.trigger()

    assert "Copied 2 activities to next week." in status_message(main_window)
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert _titles_on(main_window, TUESDAY + timedelta(days=7)) == ["Stretch", "Walk"]
    assert _titles_on(main_window, THURSDAY + timedelta(days=7)) == ["Letter"]
    assert main_window.hub.undo_stack.undoText() == "Copy Week to Next Week"

    qtbot.keyClick(week, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert _titles_on(main_window, TUESDAY + timedelta(days=7)) == ["Stretch"]
    assert _titles_on(main_window, THURSDAY + timedelta(days=7)) == []
    stored = plan_services.calendar.occurrences(
        main_window.hub.plan, TUESDAY - timedelta(days=1), TUESDAY + timedelta(days=14)
    )
    assert sorted(o.title for o in stored) == ["Letter", "Stretch", "Stretch", "Walk"]

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(week, Qt.Key.Key_Z, redo)
    assert _titles_on(main_window, THURSDAY + timedelta(days=7)) == ["Letter"]


def test_copy_week_is_offered_on_empty_hours_of_the_week(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window, "Walk", TUESDAY, 8)
    main_window.show_week()
    week = main_window.week_view
    point = week.slot_point(THURSDAY, time(15))
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (item,) = [
            a for a in menu.actions() if menu_words(a.text()) == "Copy This Week to Next Week"
        ]
        chosen.append(menu_words(item.text()))
        item.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    QApplication.sendEvent(
        week, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, week.mapToGlobal(point))
    )
    assert chosen
    week.go_next()
    assert _titles_on(main_window, TUESDAY + timedelta(days=7)) == ["Walk"]


def test_copying_contact_that_goes_against_the_pacing_says_where_the_note_is(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    start = datetime.combine(TUESDAY, time(17), tzinfo=BERLIN)
    for title in ("Coffee with Sam", "Call Sam"):
        main_window.hub.create_activity(
            ActivityDraft(
                title=title, category=Category.MEETUP, step=StepNumber(5), start=start,
                end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
            )
        )  # fmt: skip
        start += timedelta(hours=2)
    _add(main_window, "Walk", THURSDAY, 8)
    main_window.show_week()

    main_window.copy_week_action.trigger()

    # Two meetups on one evening: the second is too close to the first (the pacing's gap).
    assert status_message(main_window) == (
        "Copied 3 activities to next week. The Pacing panel has a note on “Call Sam”."
    )


def test_a_copy_saved_before_the_file_went_away_is_still_reported(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Walk", THURSDAY, 8)
    main_window.show_week()

    def gone(*_args: object) -> list[object]:
        raise StorageError("The plan file is no longer there.")

    monkeypatch.setattr(main_window.hub, "pacing_flags", gone)  # read after the copy is saved
    main_window.copy_week_action.trigger()

    assert status_message(main_window) == "Copied 1 activity to next week."


def test_copying_the_same_week_twice_makes_nothing_twice_and_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window, "Walk", TUESDAY, 8)
    _add(main_window, "Letter", THURSDAY, 19)
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    main_window.copy_week_action.trigger()
    assert status_message(main_window) == "Copied 2 activities to next week."

    main_window.copy_week_action.trigger()
    assert status_message(main_window) == (
        "Nothing new to copy: next week already has this week's activities."
    )
    assert main_window.hub.undo_stack.count() == 3  # two additions and one copy, not two
    qtbot.keyClick(main_window.week_view, Qt.Key.Key_PageDown)
    assert _titles_on(main_window, TUESDAY + timedelta(days=7)) == ["Walk"]

    qtbot.keyClick(main_window.week_view, Qt.Key.Key_PageUp)
    _add(main_window, "Swim", THURSDAY, 7)
    main_window.copy_week_action.trigger()
    assert status_message(main_window) == ("Copied 1 activity to next week. 2 were already there.")


def test_copy_week_copies_the_week_as_the_filters_show_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """With Self-care hidden, two hidden walks were copied into next week, out of sight."""
    _add(main_window, "Walk", TUESDAY, 8)
    start = datetime.combine(THURSDAY, time(19), tzinfo=BERLIN)
    main_window.hub.create_activity(ActivityDraft(
        title="Journal", category=Category.REFLECTION, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    main_window.hub.set_filters(frozenset({Category.SELF_CARE}), frozenset())
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    main_window.copy_week_action.trigger()

    assert status_message(main_window) == (
        "Copied 1 activity to next week. 1 hidden by the filters stayed behind."
    )
    main_window.hub.set_filters(frozenset(), frozenset())
    qtbot.keyClick(main_window.week_view, Qt.Key.Key_PageDown)
    assert _titles_on(main_window, TUESDAY + timedelta(days=7)) == []
    assert _titles_on(main_window, THURSDAY + timedelta(days=7)) == ["Journal"]


def test_a_note_kept_instead_of_sending_stays_where_it_was_written(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Copy This Week copied "A note kept for myself", the unsent words in its notes, into
    next week as a plan; it is a record of a moment, not a plan."""
    _add(main_window, "Walk", TUESDAY, 8)
    main_window.hub.keep_unsent("I miss you and I want to talk")
    main_window.show_week()
    main_window.copy_week_action.trigger()

    assert "Copied 1 activity to next week." in status_message(main_window)
    plan = main_window.hub.plan
    later = plan_services.calendar.occurrences(
        plan, TODAY + timedelta(days=7), TODAY + timedelta(days=13)
    )
    assert [o.title for o in later] == ["Walk"]
    assert all("I miss you" not in o.activity.notes for o in later)
    kept = [o for o in plan_services.calendar.occurrences(plan, TODAY, TODAY)
            if o.activity.kept_note]  # fmt: skip
    assert len(kept) == 1  # stored as such


def test_a_kept_notes_duplicate_is_a_kept_note_too(main_window: MainWindow) -> None:
    """Duplicated, it held the same unsent words as a plan, for Today and next week's copy."""
    main_window.hub.keep_unsent("Words I did not send")
    (kept,) = [o for o in main_window.hub.occurrences(TODAY, TODAY) if o.activity.kept_note]
    copy = main_window.hub.duplicate_occurrence(kept)
    assert copy.kept_note
