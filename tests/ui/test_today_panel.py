"""The Today panel: marking from it (with a reflection), the chip and the step follow, undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.services.context import Services
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from planner.ui.panels.steps import StepListModel
from planner.ui.panels.today import RowKind, TodayModel, TodayPanel, TodayRow
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QFontMetrics, QHelpEvent, QImage
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    TODAY,
    RecordingPainter,
    access_keys,
    menu_words,
    status_message,
    wait_closed,
    wait_for_dialog,
)
from tests.zones import BERLIN


def _journaling(window: MainWindow, hour: int = 20) -> Activity:
    """Daily journaling from Saturday: step 1's milestone needs two of these done."""
    begin = datetime(2026, 11, 21, hour, 0, tzinfo=BERLIN)
    return window.hub.create_activity(
        ActivityDraft(
            title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=DAILY;COUNT=5",
        )
    )  # fmt: skip


def _row(panel: TodayPanel, day: date) -> QPoint:
    for position, row in enumerate(panel.model.rows()):
        if row.occurrence is not None and row.occurrence.first_day(BERLIN) == day:
            return panel.list.visualRect(panel.model.index(position)).center()
    raise AssertionError(f"nothing listed for {day}")


def test_the_panel_lists_today_and_what_is_still_open(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel

    rows = [(row.kind, row.when, row.text) for row in panel.model.rows()]

    assert rows == [
        (RowKind.HEADING, "", "Today"),
        (RowKind.OCCURRENCE, "20:00", "Journaling"),
        (RowKind.HEADING, "", "Still open · recent days"),
        (RowKind.OCCURRENCE, "Sun 22", "Journaling"),
        (RowKind.OCCURRENCE, "Sat 21", "Journaling"),
    ]
    assert panel.heading.text() == "Monday 23 November"
    assert panel.next_line.text() == "Next: Journaling, today at 20:00"
    milestone = "Next milestone: Two journaling sessions completed (0\xa0of\xa02)"  # one piece
    assert milestone in panel.step_line.text()


def test_done_from_the_panel_with_a_reflection_moves_the_chip_and_the_step(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    steps = main_window.steps_panel
    yesterday = TODAY - timedelta(days=1)
    main_window.hub.mark(main_window.hub.occurrences(yesterday, yesterday)[0], Status.DONE)

    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row(panel, TODAY))
    assert panel.done_button.isEnabled()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.mouseClick(dialog.findChild(QRadioButton, "mood_4"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.learned, "Writing it down calms me")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    (chip,) = main_window.month_view.occurrences_on(TODAY)
    assert chip.status is Status.DONE and chip.reflection is not None
    assert chip.reflection.learned == "Writing it down calms me"
    progress = steps.model.index(0).data(StepListModel.ProgressRole)
    assert progress is not None and progress.complete  # two journaling sessions: reached
    today_rows = [r for r in panel.model.rows() if r.occurrence and r.when == "20:00"]
    assert today_rows[0].occurrence is not None
    assert today_rows[0].occurrence.status is Status.DONE

    main_window.undo_action.trigger()  # the reflection
    main_window.undo_action.trigger()  # the mark
    (chip,) = main_window.month_view.occurrences_on(TODAY)
    assert chip.status is Status.PLANNED
    progress = steps.model.index(0).data(StepListModel.ProgressRole)
    assert progress is not None and not progress.complete


def test_journaling_done_once_step_1_is_behind_you_counts_toward_step_2(
    qtbot: QtBot, main_window: MainWindow, clock: FixedClock
) -> None:
    """A trial's daily journaling, begun in step 1, counted nowhere once step 1 was reached:
    the panel kept saying "0 of 2" for step 2's journaling after a day of it was done."""
    friday = datetime(2026, 11, 20, 12, 0, tzinfo=BERLIN)
    monday = clock.now()
    clock.set(friday)
    main_window.hub.complete_step(StepNumber(1))  # recorded on Friday
    clock.set(monday)
    _journaling(main_window)
    panel = main_window.today_panel
    before = "Two reflection sessions completed (0\xa0of\xa02)"
    qtbot.waitUntil(lambda: before in panel.step_line.text())

    saturday = TODAY - timedelta(days=2)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row(panel, saturday))
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Not Now
    wait_closed(qtbot, dialog)

    after = "Two reflection sessions completed (1\xa0of\xa02)"
    qtbot.waitUntil(lambda: after in panel.step_line.text())


def test_saving_a_reflection_says_so_and_one_that_meets_a_milestone_celebrates(
    qtbot: QtBot, main_window: MainWindow, clock: FixedClock
) -> None:
    """A trial saved a reflection and saw nothing follow; and a reflection that was the
    last thing a step's milestone waited for went by without its moment."""
    friday = datetime(2026, 11, 20, 12, 0, tzinfo=BERLIN)
    monday = clock.now()
    clock.set(friday)
    main_window.hub.complete_step(StepNumber(1))  # step 2 is open from Saturday on
    clock.set(monday)
    _journaling(main_window)
    panel = main_window.today_panel

    def done_with(day: date, learned: str) -> None:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row(panel, day))
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
        dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
        qtbot.mouseClick(dialog.findChild(QRadioButton, "mood_4"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.learned, learned)
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
        wait_closed(qtbot, dialog)

    main_window.hub.mark(main_window.hub.occurrences(TODAY, TODAY)[0], Status.DONE)
    done_with(TODAY - timedelta(days=2), "")  # two reflection sessions; a mood, no note
    assert status_message(main_window) == (
        "Saved your reflection on “Journaling”. It stays on this computer."
    )
    assert not main_window.message_bar.isVisible()
    done_with(TODAY - timedelta(days=1), "Slower is fine")

    # Step 2 waited for one note: met, and said as any milestone is.
    assert main_window.message_bar.isVisible()
    assert "step 2" in main_window.message_bar.text.text()


def test_the_edit_menu_and_ctrl_d_act_on_the_row_chosen_in_the_panel(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    # The row is the list's current one already (chosen before, the calendar focused since).
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row(panel, TODAY))
    main_window.month_view.setFocus()
    qtbot.waitUntil(lambda: not main_window.mark_done_action.isEnabled())  # the calendar's

    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=_row(panel, TODAY))

    assert panel.list.hasFocus()
    assert main_window.mark_done_action.isEnabled()
    assert main_window.edit_action.isEnabled()
    qtbot.keyClick(panel.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    assert dialog.windowTitle() == "Done: Journaling"


def test_skip_from_the_context_menu_and_the_row_leaves_still_open(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    position = _row(panel, TODAY - timedelta(days=1))

    def choose_skip() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        keys = access_keys(texts)
        assert len(keys) == len(texts) == len(set(keys)), texts  # each item its own letter
        (action,) = [a for a in menu.actions() if menu_words(a.text()) == "Mark as Skipped"]
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose_skip)
    QApplication.sendEvent(
        panel.list.viewport(),
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position,
                          panel.list.viewport().mapToGlobal(position)),
    )  # fmt: skip

    qtbot.waitUntil(lambda: len(panel.occurrences()) == 2)
    assert [o.first_day(BERLIN) for o in panel.occurrences()] == [TODAY, TODAY - timedelta(2)]


def _chosen(panel: TodayPanel) -> tuple[str, str] | None:
    """The time (or day) and title of the row the keyboard is on, if it is highlighted."""
    current = panel.list.currentIndex()
    row = current.data(TodayModel.RowRole)
    if not isinstance(row, TodayRow) or not panel.list.selectionModel().isSelected(current):
        return None
    return row.when, row.text


def test_the_keys_go_from_activity_to_activity_past_the_headings(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab brings the keyboard in
    qtbot.waitUntil(panel.list.hasFocus)

    assert _chosen(panel) == ("20:00", "Journaling")  # not the "Today" heading, and seen
    assert panel.done_button.isEnabled()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # over "Still open · recent days"
    assert _chosen(panel) == ("Sun 22", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert _chosen(panel) == ("Sat 21", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    assert _chosen(panel) == ("20:00", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)  # above it only the heading: it stays
    assert _chosen(panel) == ("20:00", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    assert _chosen(panel) == ("Sat 21", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)  # the first row is a heading: the one after
    assert _chosen(panel) == ("20:00", "Journaling")


def test_the_page_keys_land_on_activities_too(qtbot: QtBot, hub: Hub) -> None:
    begin = datetime(2026, 11, 21, 20, 0, tzinfo=BERLIN)
    hub.create_activity(
        ActivityDraft(
            title="Journaling", category=Category.REFLECTION, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=DAILY;COUNT=5",
        )
    )  # fmt: skip
    panel = TodayPanel(hub=hub)
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)

    qtbot.keyClick(panel.list, Qt.Key.Key_PageDown)
    assert _chosen(panel) == ("Sat 21", "Journaling")
    qtbot.keyClick(panel.list, Qt.Key.Key_PageUp)  # Qt's own PgUp stopped on the heading
    assert _chosen(panel) == ("20:00", "Journaling")


def test_the_first_activity_comes_into_view_with_its_heading(qtbot: QtBot, hub: Hub) -> None:
    """Home from the bottom of a long list left "Today" above the edge."""
    begin = datetime(2026, 11, 17, 20, 0, tzinfo=BERLIN)
    for hour in (7, 12, 20):
        start = begin.replace(hour=hour)
        hub.create_activity(
            ActivityDraft(
                title=f"Journaling {hour}", category=Category.REFLECTION, step=StepNumber(1),
                start=start, end=start + timedelta(minutes=30), all_day=False,
                zone="Europe/Berlin", rrule="FREQ=DAILY;COUNT=7",
            )
        )  # fmt: skip
    panel = TodayPanel(hub=hub)
    qtbot.addWidget(panel)
    panel.resize(300, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.verticalScrollBar().maximum() > 0  # longer than the panel
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    assert panel.list.visualRect(panel.model.index(0, 0)).top() >= 0  # "Today" in sight


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab, as a person would, until `target` has the keyboard."""
    for _ in range(8):
        if target.hasFocus():
            return
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def test_enter_presses_the_focused_skip_done_and_reach_out_buttons(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    from planner.ui.dialogs.reach_out import ReachOutDialog

    _journaling(main_window)
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # Sunday's, still open
    _tab_to(qtbot, panel.skip_button)

    qtbot.keyClick(panel.skip_button, Qt.Key.Key_Return)

    assert [o.first_day(BERLIN) for o in panel.occurrences()] == [TODAY, TODAY - timedelta(2)]
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)  # today's
    _tab_to(qtbot, panel.done_button)
    qtbot.keyClick(panel.done_button, Qt.Key.Key_Enter)  # the keypad's Enter, too
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    assert dialog.windowTitle() == "Done: Journaling"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)

    panel.reach_out_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.reach_out_button.hasFocus)
    qtbot.keyClick(panel.reach_out_button, Qt.Key.Key_Return)
    wait_for_dialog(qtbot, main_window, ReachOutDialog)


def _visible_reach_out(window: MainWindow) -> bool:
    from planner.ui.dialogs.reach_out import ReachOutDialog

    return any(d.isVisible() for d in window.findChildren(ReachOutDialog))


def test_after_done_and_not_now_the_keyboard_is_in_the_list_on_the_next_row(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert _chosen(panel) == ("Sun 22", "Journaling")
    _tab_to(qtbot, panel.done_button)
    qtbot.keyClick(panel.done_button, Qt.Key.Key_Space)
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Not Now
    wait_closed(qtbot, dialog)

    qtbot.waitUntil(panel.list.hasFocus)
    assert _chosen(panel) == ("Sat 21", "Journaling")  # Sunday's, done, left the list
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the habitual press after a dialog
    assert not _visible_reach_out(main_window)
    assert panel.list.hasFocus()


def test_after_skip_the_keyboard_is_back_in_the_list_on_the_row_chosen_next(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_End)  # Saturday's, the last row
    for expected in (("Sun 22", "Journaling"), ("20:00", "Journaling")):
        _tab_to(qtbot, panel.skip_button)
        qtbot.keyClick(panel.skip_button, Qt.Key.Key_Space)
        qtbot.waitUntil(panel.list.hasFocus)
        assert _chosen(panel) == expected  # nothing after it: the one before

    # Today's, skipped, stays listed (as skipped): the keyboard stays on it.
    _tab_to(qtbot, panel.skip_button)
    qtbot.keyClick(panel.skip_button, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.list.hasFocus)
    assert _chosen(panel) == ("20:00", "Journaling")
    assert not panel.skip_button.isEnabled()


def test_after_the_last_one_left_the_keyboard_is_in_the_empty_list(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    begin = datetime(2026, 11, 22, 18, 0, tzinfo=BERLIN)
    main_window.hub.create_activity(
        ActivityDraft(
            title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    assert _chosen(panel) == ("Sun 22", "Walk")
    _tab_to(qtbot, panel.skip_button)

    qtbot.keyClick(panel.skip_button, Qt.Key.Key_Space)

    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.occurrences() == []
    assert not panel.list.currentIndex().isValid()


def test_a_day_with_nothing_planned_says_so_kindly(qtbot: QtBot, main_window: MainWindow) -> None:
    rows = main_window.today_panel.model.rows()

    assert rows[1] == TodayRow(RowKind.EMPTY, "Nothing planned. A quiet day is fine.")
    assert not main_window.today_panel.done_button.isEnabled()
    # The gentle line is read, not chosen: the keyboard finds nothing to stop on.
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert not panel.list.currentIndex().isValid()


def test_the_model_is_a_well_behaved_qt_model(
    qtbot: QtBot, main_window: MainWindow, qtmodeltester: ModelTester
) -> None:
    _journaling(main_window)
    model = main_window.today_panel.model
    assert isinstance(model, TodayModel)
    qtmodeltester.check(model)


def test_the_panel_reads_the_day_again_at_midnight(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    panel = main_window.today_panel
    # The fixed clock says 10:00 in Berlin: fourteen hours to midnight.
    assert panel.until_midnight_ms() == 14 * 3600 * 1000
    clock = plan_services.clock
    assert isinstance(clock, FixedClock)
    clock.set(datetime(2026, 11, 24, 0, 0, 30, tzinfo=BERLIN))

    panel._midnight.timeout.emit()

    assert panel.heading.text() == "Tuesday 24 November"


def test_pacing_hints_for_the_coming_days_are_mentioned(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    panel = main_window.today_panel
    assert not panel.pacing_line.isVisible()
    hub = main_window.hub
    hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=TODAY,
            end=TODAY + timedelta(days=4), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    begin = datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN)
    hub.create_activity(
        ActivityDraft(
            title="Quick hello", category=Category.MESSAGE, step=StepNumber(5), start=begin,
            end=begin + timedelta(minutes=10), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip

    assert panel.pacing_line.isVisible()
    assert panel.pacing_line.text() == "⚬ Pacing advice for the coming days: Wed 25, “Quick hello”."
    line = panel.pacing_line
    hover = QHelpEvent(QEvent.Type.ToolTip, QPoint(4, 4), line.mapToGlobal(QPoint(4, 4)))
    QApplication.sendEvent(line, hover)  # the reasons are worded as the line is hovered
    qtbot.waitUntil(QToolTip.isVisible)
    assert "space" in QToolTip.text().lower()


def test_an_activity_with_two_pacing_hints_is_named_once(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    hub = main_window.hub
    tomorrow = TODAY + timedelta(days=1)
    hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=tomorrow,
            end=tomorrow + timedelta(days=4), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    # Tonight's hello, then one early tomorrow: inside the space, and soon after the first.
    for title, start in (
        ("Hello", datetime(2026, 11, 23, 21, 0, tzinfo=BERLIN)),
        ("Hello again", datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)),
    ):
        hub.create_activity(
            ActivityDraft(
                title=title, category=Category.MESSAGE, step=StepNumber(5), start=start,
                end=start + timedelta(minutes=10), all_day=False, zone="Europe/Berlin",
            )
        )  # fmt: skip
    text = main_window.today_panel.pacing_line.text()
    assert text.count("“Hello again”") == 1, text  # it read: Tue 24, “Hello again”; Tue 24, …
    # Counted by activity, as the Pacing panel's cards are (a trial read "6 pacing hints"
    # beside three cards): this one has two reasons, said on hover and in the panel.
    assert text == "⚬ Pacing advice for the coming days: Tue 24, “Hello again”."
    hub.create_activity(ActivityDraft(
        title="Call", category=Category.MESSAGE, step=StepNumber(5),
        start=datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 25, 19, 30, tzinfo=BERLIN), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    text = main_window.today_panel.pacing_line.text()
    assert text.startswith("⚬ Pacing hints on 2 activities in the coming days, e.g. "), text


def test_a_double_click_on_a_row_opens_one_editor_and_asking_again_brings_it_forward(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    from planner.ui.dialogs.activity import ActivityDialog

    begin = datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN)
    walk = main_window.hub.create_activity(
        ActivityDraft(
            title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    panel = main_window.today_panel
    where = _row(panel, TODAY)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = wait_for_dialog(qtbot, main_window, ActivityDialog)

    def open_editors() -> list[ActivityDialog]:
        return [d for d in main_window.findChildren(ActivityDialog) if d.isVisible()]

    assert open_editors() == [editor]  # one, not one for the double-click and one for "activated"
    (shown,) = main_window.month_view.occurrences_on(TODAY)
    assert main_window.edit_occurrence(shown) is editor  # from the calendar too: the same one
    assert open_editors() == [editor]
    assert editor.editing == walk.uid


def test_a_reopened_step_whose_milestones_are_met_says_how_to_close_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _journaling(main_window)
    hub = main_window.hub
    for day in (TODAY - timedelta(days=2), TODAY - timedelta(days=1)):
        hub.mark(hub.occurrences(day, day)[0], Status.DONE)  # step 1's two sessions: reached
    hub.reopen_step(StepNumber(1))  # the person is not done with it yet

    panel = main_window.today_panel
    qtbot.waitUntil(lambda: "Steps panel" in panel.step_line.text())
    assert panel.step_line.text().endswith(
        "Its milestones are met; mark it complete in the Steps panel when it feels done."
    )
    assert "Next milestone" not in panel.step_line.text()


def test_a_time_past_noon_is_written_whole_where_the_clock_has_twelve_hours(
    qapp: QApplication,
) -> None:
    """ "12:07 A" in the US: the colour bar cut the time short."""
    from planner.ui.panels import today
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QImage, QPainter

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        image = QImage(200, 40, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        try:
            widest = painter.fontMetrics().horizontalAdvance("to 12:58 PM")  # begun before
            room = today._time_width(painter)
        finally:
            painter.end()
        assert room >= widest
    finally:
        QLocale.setDefault(before)


def test_a_double_click_on_skip_skips_one_and_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial: a double-click on Skip skipped the chosen activity and then the one chosen
    after it, and nothing said what had happened."""
    _journaling(main_window)
    panel = main_window.today_panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    first = panel.selected_occurrence
    assert first is not None and panel.skip_button.isEnabled()
    open_before = panel.model.rowCount()

    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == open_before - 1)
    assert panel.skip_button.isEnabled()  # the row chosen next can be skipped too...
    qtbot.mouseDClick(panel.skip_button, Qt.MouseButton.LeftButton)  # ...the click's second half
    qtbot.mouseRelease(panel.skip_button, Qt.MouseButton.LeftButton)

    assert panel.model.rowCount() == open_before - 1  # only the one
    skipped = [o for o in main_window.hub.occurrences(TODAY - timedelta(days=7), TODAY)
               if o.status is Status.SKIPPED]  # fmt: skip
    assert len(skipped) == 1
    assert main_window.statusBar().currentMessage().startswith(f"Skipped “{first.title}”. Undo")


def test_done_says_what_was_marked_and_how_to_undo_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial: Skip said what it did in the status bar, Done… nothing."""
    _journaling(main_window)
    panel = main_window.today_panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    chosen = panel.selected_occurrence
    assert chosen is not None and panel.done_button.isEnabled()

    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)

    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    said = main_window.statusBar().currentMessage()
    assert said == f"Marked “{chosen.title}” as done. Undo with Ctrl+Z."
    dialog.reject()


def test_a_narrow_today_list_has_no_sideways_scroll_bar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial at 900x600: a sideways scroll bar came under the Today list, to scroll three
    pixels, its rows already shortened with "…"."""
    _journaling(main_window)
    panel = main_window.today_panel
    panel.list.setFixedWidth(150)
    qtbot.waitUntil(lambda: panel.list.width() == 150)
    panel.list.doItemsLayout()  # as Qt does a moment after a resize
    assert not panel.list.horizontalScrollBar().isVisible()
    first = next(row for row in range(panel.model.rowCount())
                 if panel.model.index(row).data(TodayModel.OccurrenceRole) is not None)  # fmt: skip
    rect = panel.list.visualRect(panel.model.index(first))
    assert rect.width() <= panel.list.viewport().width()  # its title shortened to what shows


def _space_under_way(window: MainWindow) -> Activity:
    first = TODAY - timedelta(days=3)
    return window.hub.create_activity(
        ActivityDraft(
            title="No contact", category=Category.SPACE, step=StepNumber(3), start=first,
            end=first + timedelta(days=13), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip


def _skip_space(qtbot: QtBot, window: MainWindow, title: str = "No contact") -> QMessageBox:
    """Skip from Today the space period called `title`: the question that then opens."""
    panel = window.today_panel
    (space,) = [o for o in panel.occurrences() if o.title == title]
    panel.list.setCurrentIndex(panel.row_of(space))
    qtbot.waitUntil(panel.skip_button.isEnabled)
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    box = wait_for_dialog(qtbot, window, QMessageBox)
    assert box.objectName() == "skip_space"
    return box


def test_skipping_a_space_period_under_way_offers_to_end_it_today_keeping_the_days(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial lost three kept days of a 21-day milestone to one click on Skip."""
    space = _space_under_way(main_window)
    box = _skip_space(qtbot, main_window)
    # As many as its milestone counts (today included): a trial read 13 beside "14 of 30".
    counted = [
        criterion.current
        for step in main_window.hub.steps_progress()
        for criterion in step.criteria
        if criterion.criterion.kind == "space_days"
    ]
    assert counted == [4]
    assert "the 4 days you have already kept" in box.text()
    end_today = next(b for b in box.buttons() if b.text() == "End It &Today")
    assert box.defaultButton() is end_today

    qtbot.mouseClick(end_today, Qt.MouseButton.LeftButton)

    kept = main_window.hub.activity(space.uid)
    assert (kept.start, kept.end) == (space.start, TODAY + timedelta(days=1))
    (shown,) = [o for o in main_window.today_panel.occurrences() if o.title == "No contact"]
    assert shown.status is Status.PLANNED  # still counting
    assert status_message(main_window).startswith("“No contact” now ends today")
    assert main_window.hub.undo_stack.undoText() == "End “No contact” Today"  # not "Resize"
    main_window.hub.undo_stack.undo()
    assert main_window.hub.activity(space.uid).end == space.end


def test_a_space_period_under_way_is_skipped_whole_only_when_asked_twice(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    space = _space_under_way(main_window)
    box = _skip_space(qtbot, main_window)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert [o.status for o in main_window.today_panel.occurrences() if o.title == "No contact"] \
        == [Status.PLANNED]  # fmt: skip

    box = _skip_space(qtbot, main_window)
    skip_all = next(b for b in box.buttons() if b.text() == "&Skip All of It")
    qtbot.mouseClick(skip_all, Qt.MouseButton.LeftButton)
    (skipped,) = main_window.hub.occurrences(TODAY, TODAY)
    assert skipped.activity.uid == space.uid and skipped.status is Status.SKIPPED


def test_a_space_period_kept_whole_is_not_open_and_its_skip_asks_first(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial: a three-week space period that had ended was listed as "still open", and
    Skip there took back all its days at once, the step they had reached showing 0 of 21."""
    first = TODAY - timedelta(days=15)
    space = main_window.hub.create_activity(
        ActivityDraft(
            title="No contact", category=Category.SPACE, step=StepNumber(3), start=first,
            end=TODAY - timedelta(days=1), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    assert not [o for o in main_window.today_panel.occurrences() if o.title == "No contact"]
    day = TODAY - timedelta(days=2)
    (kept,) = [o for o in main_window.hub.occurrences(day, day) if o.activity.uid == space.uid]
    main_window.mark(kept, Status.SKIPPED)  # as from the calendar's menu
    box = wait_for_dialog(qtbot, main_window, QMessageBox)
    assert box.objectName() == "skip_space"
    assert box.text().startswith("You kept all 14 days of “No contact”, from Sunday 8 Nov")
    assert not any(b.text() == "End It &Today" for b in box.buttons())
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    (still,) = [o for o in main_window.hub.occurrences(day, day) if o.activity.uid == space.uid]
    assert still.status is Status.PLANNED


def test_greyed_buttons_say_why_on_one_already_marked(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial saw Skip and Done go grey on a done one, without a word of why."""
    _journaling(main_window)
    panel = main_window.today_panel
    (today,) = [o for o in panel.occurrences() if o.first_day(BERLIN) == TODAY]
    main_window.hub.mark(today, Status.DONE)
    (done,) = [o for o in panel.occurrences() if o.first_day(BERLIN) == TODAY]
    panel.list.setCurrentIndex(panel.row_of(done))
    assert not panel.done_button.isEnabled() and not panel.skip_button.isEnabled()
    assert "Done already" in panel.done_button.toolTip()
    assert "right-click" in panel.skip_button.toolTip()


def test_on_a_space_period_s_last_day_skipping_asks_without_offering_to_end_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: on its last day, End It Today changed nothing (and made an undo step)."""
    first = TODAY - timedelta(days=3)
    main_window.hub.create_activity(
        ActivityDraft(
            title="No contact", category=Category.SPACE, step=StepNumber(1), start=first,
            end=TODAY + timedelta(days=1), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    box = _skip_space(qtbot, main_window)
    assert [b.text() for b in box.buttons() if "End It" in b.text()] == []
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.reject()


def test_end_it_today_on_one_of_a_repeating_space_ends_that_one_alone(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """End It Today on a series changes only the period under way (its own undo step)."""
    first = TODAY - timedelta(days=3)
    series = main_window.hub.create_activity(
        ActivityDraft(
            title="Quiet week", category=Category.SPACE, step=StepNumber(3), start=first,
            end=first + timedelta(days=7), all_day=True, zone="Europe/Berlin",
            rrule="FREQ=MONTHLY;COUNT=3",
        )
    )  # fmt: skip
    box = _skip_space(qtbot, main_window, "Quiet week")
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "End It &Today"),
                     Qt.MouseButton.LeftButton)  # fmt: skip

    (ended,) = main_window.hub.occurrences(TODAY, TODAY)
    assert ended.activity.uid == series.uid and ended.last_day(BERLIN) == TODAY
    later = first.replace(month=first.month + 1)  # next month's stays a week long
    (next_one,) = main_window.hub.occurrences(later, later)
    assert (next_one.first_day(BERLIN), next_one.last_day(BERLIN)) == (
        later,
        later + timedelta(days=6),
    )
    assert main_window.hub.undo_stack.undoText().startswith("End “Quiet week” Today")


def test_shift_f10_opens_the_chosen_row_s_menu(qtbot: QtBot, main_window: MainWindow) -> None:
    """A keyboard trial on a laptop without a Menu key: Shift+F10 did nothing in the Today
    list (only the calendars took it). It opens the chosen row's menu, as the Menu key does."""
    _journaling(main_window)
    panel = main_window.today_panel
    qtbot.waitUntil(main_window.isActiveWindow)
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # Sunday's, still open
    chosen = panel.list.currentIndex()
    qtbot.keyClick(panel.list, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert "Mark as Skipped" in [menu_words(a.text()) for a in menu.actions()]
    menu.close()
    assert panel.list.currentIndex() == chosen  # on that row, not another


def test_a_quiet_day_s_words_wrap_in_a_narrow_panel(qtbot: QtBot, hub: Hub) -> None:
    """A trial at 1.25x read "Nothing planned. A quiet day is fi", cut mid-letter."""
    panel = TodayPanel(hub=hub)
    qtbot.addWidget(panel)
    panel.resize(200, 500)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.list.model()
    qtbot.waitUntil(lambda: any(
        model.index(row, 0).data(TodayModel.RowRole).kind is RowKind.EMPTY
        for row in range(model.rowCount())
    ))  # fmt: skip
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(TodayModel.RowRole).kind is RowKind.EMPTY)  # fmt: skip
    index = model.index(row, 0)
    rect = panel.list.visualRect(index).adjusted(8, 2, -8, -2)
    text = index.data(TodayModel.RowRole).text
    font = panel.list.font()
    font.setItalic(True)
    needed = QFontMetrics(font).boundingRect(rect, Qt.TextFlag.TextWordWrap, text)
    assert needed.width() <= rect.width() and needed.height() <= rect.height()


def test_a_skipped_row_says_so_beside_its_title(qtbot: QtBot, main_window: MainWindow) -> None:
    """A re-trial: a done row shows a ✓, a skipped one was only faded."""
    _journaling(main_window)
    panel = main_window.today_panel
    (today,) = [o for o in panel.occurrences() if o.first_day(BERLIN) == TODAY]
    main_window.hub.mark(today, Status.SKIPPED)
    qtbot.waitUntil(lambda: any(o.status is Status.SKIPPED for o in panel.occurrences()))
    rows = panel.model.rows()
    (position,) = [n for n, row in enumerate(rows)
                   if row.occurrence and row.occurrence.status is Status.SKIPPED]  # fmt: skip
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 320, 30)
    option.font = panel.list.font()
    image = QImage(320, 30, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    panel.list.itemDelegate().paint(painter, option, panel.model.index(position))
    painter.end()
    assert "Journaling · skipped" in painter.texts
