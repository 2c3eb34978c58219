"""What a screen reader learns of the painted calendars and lists, read through Qt's
accessibility interface as assistive technology reads it (an accessibility audit: the grids
said only "Month calendar", whatever was chosen on them)."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.ui.calendar.agenda_view import AgendaView
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from planner.ui.panels.steps import StepsPanel
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, center
from tests.zones import BERLIN


def _walk(hub: Hub, *, done: bool = False) -> None:
    start = datetime.combine(TODAY, datetime.min.time(), tzinfo=BERLIN).replace(hour=7, minute=30)
    hub.create_activity(
        ActivityDraft(
            title="Morning walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            location="Riverside",
        )
    )  # fmt: skip
    if done:
        (walk,) = hub.occurrences(TODAY, TODAY)
        hub.mark(walk, Status.DONE)


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def _item_names(widget: QWidget) -> list[str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    names = []
    for row in range(interface.childCount()):
        child = interface.child(row)
        if child is not None and child.role() in (
            QAccessible.Role.ListItem,
            QAccessible.Role.TreeItem,
        ):
            names.append(child.text(QAccessible.Text.Name))
    return names


def test_the_month_says_the_day_and_the_activity_chosen_on_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _walk(main_window.hub, done=True)
    view = main_window.month_view
    (walk,) = view.occurrences_on(TODAY)
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(walk.activity.uid, TODAY))
    )
    qtbot.waitUntil(lambda: "Morning walk" in _name(view))
    assert _name(view) == (
        "Month calendar: Monday 23 November 2026, Morning walk, 07:30–08:00, Self-care, done, "
        "Riverside, step 1"
    )
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the next day, with nothing on it
    qtbot.waitUntil(lambda: "Tuesday" in _name(view))
    assert _name(view) == "Month calendar: Tuesday 24 November 2026, nothing planned"


def test_the_week_says_the_activity_chosen_on_it(qtbot: QtBot, main_window: MainWindow) -> None:
    _walk(main_window.hub)
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    grid = main_window.week_view
    qtbot.waitUntil(grid.isVisible)
    (walk,) = grid.occurrences_on(TODAY)
    rect = grid.chip_rect(walk.activity.uid, TODAY)
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=center(rect))
    qtbot.waitUntil(lambda: "Morning walk" in _name(grid))
    assert _name(grid).startswith("Week calendar: Monday 23 November 2026, Morning walk, 07:30")


def test_agenda_rows_say_what_is_painted(qtbot: QtBot, hub: Hub) -> None:
    _walk(hub, done=True)
    view = AgendaView(hub=hub)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.expandAll()
    qtbot.waitUntil(lambda: len(_item_names(view)) >= 2)
    names = _item_names(view)
    assert "Monday 23 November 2026" in names  # the heading as painted, not "2026-11-23"
    assert "Morning walk, 07:30–08:00, Self-care, done, Riverside, step 1" in names


def test_step_rows_say_their_progress_and_where_you_are(qtbot: QtBot, hub: Hub) -> None:
    hub.complete_step(StepNumber(1))
    panel = StepsPanel(hub=hub)
    qtbot.addWidget(panel)
    panel.resize(340, 900)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(
        lambda: _item_names(panel.list)[:1] == ["Step 1: Understand what went wrong, complete"]
    )
    second = _item_names(panel.list)[1]
    assert second == "Step 2: Look at your own part, 0 of 2 milestones met, you are here"


def test_today_rows_say_their_category_and_mark(qtbot: QtBot, main_window: MainWindow) -> None:
    _walk(main_window.hub, done=True)
    listed = main_window.today_panel.list
    qtbot.waitUntil(lambda: any("Morning walk" in name for name in _item_names(listed)))
    assert "07:30 Morning walk, Self-care, done" in _item_names(listed)


def test_every_control_of_the_window_has_a_name(qtbot: QtBot, main_window: MainWindow) -> None:
    """The find bar's icon buttons and field, and the side panels' lists, had none."""
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.findChild(QWidget, "find_edit").isVisible())
    unnamed = []
    for widget in main_window.findChildren(QWidget):
        kinds = QAbstractButton | QLineEdit | QAbstractItemView | QTextEdit
        if not (widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if not isinstance(widget, kinds) or isinstance(widget.parent(), QAbstractSpinBox):
            continue
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        if not name.strip():
            unnamed.append(widget.objectName() or type(widget).__name__)
    assert unnamed == []


def test_a_pacing_hint_is_said_with_its_activity(qtbot: QtBot, main_window: MainWindow) -> None:
    """A re-trial: the amber dot said nothing to a screen reader."""
    from tests.ui.test_pacing_ui import SPACE_FIRST, _message, _space

    _space(main_window)
    day = SPACE_FIRST + timedelta(days=1)
    _message(main_window, day)
    view = main_window.month_view
    (message,) = [o for o in view.occurrences_on(day) if o.activity.category is Category.MESSAGE]
    qtbot.waitUntil(lambda: bool(view.hints_for(message)))
    rect = view.chip_rect(message.activity.uid, day)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center(rect))
    qtbot.waitUntil(lambda: "Short hello" in _name(view))
    assert view.hints_for(message)[0] in _name(view)
