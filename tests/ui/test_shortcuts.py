"""Help > Keyboard Shortcuts: the keys a person can learn the window by, as it answers to them."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.ui.dialogs.getting_started import GettingStartedDialog
from planner.ui.dialogs.shortcuts import ShortcutsDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_closed, wait_for_dialog
from tests.zones import BERLIN


def _open_with_f1(qtbot: QtBot, window: MainWindow) -> ShortcutsDialog:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.month_view, Qt.Key.Key_F1)
    return wait_for_dialog(qtbot, window, ShortcutsDialog)


def test_f1_lists_each_menus_keys_as_the_window_has_them_now(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    start = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    main_window.hub.create_activity(
        ActivityDraft(
            title="Swim", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    assert main_window.undo_action.text() == "&Undo New “Swim”"
    dialog = _open_with_f1(qtbot, main_window)
    rows = dialog.rows()
    assert ("Edit", "Find…", "Ctrl+F") in rows
    assert ("View", "Week", "Ctrl+2") in rows
    assert ("View", "Previous Month", "Page Up, Alt+Left") in rows
    assert ("Help", "Keyboard Shortcuts", "F1") in rows
    assert ("View", "Next Month", "Page Down, Alt+Right") in rows  # Qt writes "PgDown"
    assert ("Edit", "Edit Activity…", "Ctrl+Enter") in rows  # and "Ctrl+Return"
    assert ("Edit", "Undo", "Ctrl+Z") in rows  # not what it would undo now
    assert ("In the calendar", "Open the chosen activity", "Enter") in rows
    assert ("In the calendar", "See the whole of a crowded day, from its “+N more”",
            "Enter, Space") in rows  # fmt: skip
    assert ("In the calendar", "The chosen activity's or day's menu", "Menu key, Shift+F10") in rows
    assert ("In a date or time", "Go on to the next field", "Tab, Shift+Tab") in rows
    assert not any(command == "About Rekindle" for _, command, _ in rows)  # no keys of its own
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)

    main_window.week_action.trigger()  # the keys move by a week now, and say so
    dialog = _open_with_f1(qtbot, main_window)
    assert ("View", "Previous Week", "Page Up, Alt+Left") in dialog.rows()


def test_the_help_menu_offers_the_shortcuts(qtbot: QtBot, main_window: MainWindow) -> None:
    help_menu = next(
        action.menu() for action in main_window.menuBar().actions() if action.text() == "&Help"
    )
    assert main_window.shortcuts_action in help_menu.actions()
    main_window.shortcuts_action.trigger()
    wait_for_dialog(qtbot, main_window, ShortcutsDialog)


def test_every_command_is_read_whole_in_the_list(qtbot: QtBot, main_window: MainWindow) -> None:
    """A long row was cut ("…or “+…") with no way to read the rest."""
    dialog = _open_with_f1(qtbot, main_window)
    tree = dialog.tree
    metrics = tree.fontMetrics()
    rows = [
        tree.topLevelItem(group).child(n)
        for group in range(tree.topLevelItemCount())
        for n in range(tree.topLevelItem(group).childCount())
    ]
    cut = [row.text(0) for row in rows
           if metrics.horizontalAdvance(row.text(0)) + 24 > tree.columnWidth(0)]  # fmt: skip
    assert cut == []


def test_f1_on_the_progress_page_leaves_out_what_only_the_calendars_do(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: on the Progress page F1 listed "Previous Week" and "Next Week", which the
    page leaves out of its menus, as it has no weeks to move by."""
    main_window.show_progress()
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    rows = wait_for_dialog(qtbot, main_window, ShortcutsDialog).rows()
    moves = [c for _, c, _ in rows if c.split()[0] in ("Previous", "Next") and c != "Next Panel"]
    assert moves == ["Previous Panel"]  # F6's way back, not a calendar's
    assert ("View", "Progress", "Ctrl+5") in rows


def test_help_opens_a_short_guide_to_getting_started_with_this_computers_keys(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A new user's trial: the Help menu held only the keys and About; how to plan, mark and
    look back had to be found by trying."""
    help_menu = next(
        action.menu() for action in main_window.menuBar().actions() if action.text() == "&Help"
    )
    assert help_menu.actions()[0] is main_window.getting_started_action
    main_window.getting_started_action.trigger()
    dialog = wait_for_dialog(qtbot, main_window, GettingStartedDialog)
    words = dialog.text.toPlainText()
    assert "File › New Activity… (Ctrl+N)" in words and "Edit › Undo (Ctrl+Z)" in words
    assert "View › Progress (Ctrl+5)" in words and "File › Export… (Ctrl+E)" in words
    assert "double-click a lesson" in words
    # Not for the mouse alone (a keyboard re-trial).
    assert "Shift+F10" in words and "Help › Keyboard Shortcuts (F1)" in words
    assert "your partner's name" in words and "Nothing is ever sent" in words
    for jargon in ("RRULE", "UID", ".ics", "database"):
        assert jargon not in words
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
