"""Find (Ctrl+F): type, press Enter, and the calendar goes to the match and selects it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY
from tests.zones import BERLIN


def _add(window: MainWindow, title: str, day: date, **fields: str) -> Activity:
    start = datetime.combine(day, time(18), BERLIN)
    return window.hub.create_activity(ActivityDraft(
        title=title, category=Category.GROWTH, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", **fields,
    ))  # fmt: skip


def _find(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window.views.currentWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.find_bar.isVisible)
    assert window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, text)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)


def test_enter_goes_to_each_match_in_turn_and_escape_closes(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    earlier = _add(main_window, "Journal", TODAY - timedelta(days=40), notes="the POTTERY mug")
    soon = _add(main_window, "Pottery class", TODAY + timedelta(days=2))
    later = _add(main_window, "Walk", TODAY + timedelta(days=45), location="Pottery market")
    _add(main_window, "Run", TODAY + timedelta(days=1))
    month = main_window.month_view
    bar = main_window.find_bar
    assert not bar.isVisible()

    _find(qtbot, main_window, "pottery")

    # The first match from today on, then onwards, round to the earliest, and back.
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == soon.uid
    assert month.selected_day == TODAY + timedelta(days=2)
    assert bar.count_label.text() == "2 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == later.uid
    assert month.month == (2027, 1)
    assert bar.count_label.text() == "3 of 3"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == earlier.uid
    assert month.month == (2026, 10)
    assert bar.count_label.text() == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == later.uid

    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert month.hasFocus()
    # F3 from the calendar goes on from where the search was.
    qtbot.keyClick(month, Qt.Key.Key_F3)
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == earlier.uid


def test_a_match_under_more_is_brought_out_where_it_can_be_seen(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial searched for a coffee on a full day: "1 of 1", and only "+2 more" outlined."""
    day = TODAY + timedelta(days=3)
    for n in range(8):
        _add(main_window, f"A walk {n}", day)
    coffee = _add(main_window, "Coffee with Sam", day)
    # The rest of the week, which the search leaves where it was (a trial saw it reshuffled).
    weekend = main_window.hub.create_activity(ActivityDraft(
        title="Screen-free weekend", category=Category.SELF_CARE, step=StepNumber(1),
        start=day - timedelta(days=1), end=day + timedelta(days=1), all_day=True,
        zone="Europe/Berlin",
    ))  # fmt: skip
    yoga = _add(main_window, "Yoga", day + timedelta(days=1))
    month = main_window.month_view
    assert month.more_rect(day) is not None
    assert month.chip_rect(coffee.uid, day) is None  # under "+N more"

    def placed() -> list[tuple[float, float]]:
        """Each chip's lane and span, within its day (the find bar takes some height)."""
        found = []
        for uid, on in (
            (weekend.uid, day - timedelta(days=1)),
            (yoga.uid, day + timedelta(days=1)),
        ):
            chip, cell = month.chip_rect(uid, on), month.day_rect(on)
            assert chip is not None and cell is not None
            found.append((round(chip.top() - cell.top()), round(chip.width())))
        return found

    qtbot.waitUntil(lambda: not main_window.calendar_room.busy)  # the panels settled
    others = placed()

    _find(qtbot, main_window, "coffee")

    assert main_window.find_bar.count_label.text() == "1 of 1"
    rect = month.chip_rect(coffee.uid, day)
    assert rect is not None and month.more_rect(day) is not None  # still a full day
    assert placed() == others
    assert month.chosen_more is None
    # And what is seen is that chip, outlined: a click on it keeps it chosen.
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert month.selected_occurrence is not None
    assert month.selected_occurrence.activity.uid == coffee.uid
    # The search closed, the day is laid out as usual again (a review).
    main_window.find_bar.open_bar()
    qtbot.keyClick(main_window.find_bar.edit, Qt.Key.Key_Escape)
    assert month.chip_rect(coffee.uid, day) is None


def test_the_week_view_goes_to_the_match_and_selects_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    swim = _add(main_window, "Evening swim", TODAY + timedelta(days=16))
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view

    _find(qtbot, main_window, "SWIM")

    assert week.visible_days == (TODAY + timedelta(days=14), TODAY + timedelta(days=20))
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == swim.uid
    assert week.chip_rect(swim.uid, TODAY + timedelta(days=16)) is not None
    assert main_window.find_bar.count_label.text() == "1 of 1"
    assert main_window.edit_action.isEnabled()  # the Edit menu acts on the match


def test_nothing_found_says_so_and_changes_nothing(qtbot: QtBot, main_window: MainWindow) -> None:
    _add(main_window, "Pottery class", TODAY + timedelta(days=2))
    month = main_window.month_view

    _find(qtbot, main_window, "sailing")

    assert main_window.find_bar.count_label.text() == "No matches"
    assert month.selected_occurrence is None
    assert month.selected_day == TODAY


def test_matches_the_filters_hide_are_not_gone_to(qtbot: QtBot, main_window: MainWindow) -> None:
    _add(main_window, "Pottery class", TODAY + timedelta(days=2))
    main_window.hub.set_filters(frozenset({Category.GROWTH}), frozenset())

    _find(qtbot, main_window, "pottery")

    assert main_window.find_bar.count_label.text() == "No matches among what the filters show"
    assert main_window.month_view.selected_occurrence is None


def test_what_was_written_in_a_reflection_is_found(qtbot: QtBot, main_window: MainWindow) -> None:
    """A trial looked for the day a word was written in a reflection: "No matches"."""
    walk = _add(main_window, "Walk", TODAY - timedelta(days=3))
    _add(main_window, "Run", TODAY - timedelta(days=2))
    day = TODAY - timedelta(days=3)
    (shown,) = main_window.hub.occurrences(day, day)
    main_window.hub.mark(shown, Status.DONE, Reflection("A grey heron stood by the weir.", 4, ""))
    _find(qtbot, main_window, "HERON")
    chosen = main_window.month_view.selected_occurrence
    assert chosen is not None and chosen.activity.uid == walk.uid
    # Said where: the walk's chip holds no heron (a new user wondered why it was chosen).
    assert main_window.find_bar.count_label.text() == "1 of 1 · in your reflection"
    _find(qtbot, main_window, "walk")
    assert main_window.find_bar.count_label.text() == "1 of 1"


def test_text_typed_but_not_looked_for_says_how_to_find_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial typed "walk" and saw nothing happen until it pressed Enter."""
    _add(main_window, "Walk", TODAY + timedelta(days=1))
    qtbot.keyClick(main_window.views.currentWidget(), Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    qtbot.waitUntil(main_window.find_bar.isVisible)
    qtbot.keyClicks(main_window.find_bar.edit, "walk")
    assert main_window.find_bar.count_label.text() == "Press Enter to find"
    qtbot.keyClick(main_window.find_bar.edit, Qt.Key.Key_Return)
    assert main_window.find_bar.count_label.text().startswith("1 of 1")
    main_window.find_bar.edit.clear()
    assert main_window.find_bar.count_label.text() == ""
