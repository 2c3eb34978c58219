"""Pacing in the window: a message dropped into a space period, chip hints, panel, settings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.errors import StorageError
from planner.services.context import Services
from planner.storage.repositories import PlanRepository
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.pacing_note import PacingNote
from planner.ui.dialogs.settings import SettingsDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    access_keys,
    center,
    double_click,
    status_message,
    wait_closed,
    wait_for_dialog,
)
from tests.ui.test_milestones_ui import _drop
from tests.zones import BERLIN

SPACE_FIRST = date(2026, 11, 25)  # Wednesday to Friday, all day
SPACE_AFTER = date(2026, 11, 28)


def _space(window: MainWindow) -> None:
    window.hub.create_activity(
        ActivityDraft(
            title="Space period", category=Category.SPACE, step=StepNumber(3),
            start=SPACE_FIRST, end=SPACE_AFTER, all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip


def _message(window: MainWindow, day: date, hour: int = 19) -> None:
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)
    window.hub.create_activity(
        ActivityDraft(
            title="Short hello", category=Category.MESSAGE, step=StepNumber(5), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip


def test_a_message_dropped_into_a_space_period_can_move_after_it(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    _space(main_window)
    data = main_window.steps_panel.details.mime_for("suggest:5/0")  # "Send a friendly hello"
    assert data is not None
    thursday = date(2026, 11, 26)
    assert _drop(main_window, data, thursday)
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    note = wait_for_dialog(qtbot, main_window, PacingNote)
    assert "space" in note.informativeText().lower()
    assert note.move_button is not None
    assert note.move_button.text() == "&Move It to Saturday 28 November"
    qtbot.mouseClick(note.move_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(main_window.month_view.occurrences_on(SPACE_AFTER)))
    (moved,) = [o for o in main_window.month_view.occurrences_on(SPACE_AFTER)
                if o.activity.category is Category.MESSAGE]  # fmt: skip
    assert moved.title == "Send a friendly hello"
    # Same wall-clock time as planned (the dialog proposes 18:00), two days later.
    assert isinstance(moved.start, datetime) and moved.start.astimezone(BERLIN).hour == 18
    assert not main_window.month_view.hints_for(moved)
    chosen = main_window.month_view.selected_occurrence  # chosen where it went (a trial)
    assert chosen is not None and chosen.activity.uid == moved.activity.uid
    assert main_window.month_view.selected_day == SPACE_AFTER
    assert main_window.hub.undo_stack.undoText() == "Move “Send a friendly hello”"  # not "Edit"
    main_window.undo_action.trigger()  # the move is one undo step
    assert not [o for o in main_window.month_view.occurrences_on(SPACE_AFTER)
                if o.activity.category is Category.MESSAGE]  # fmt: skip


def test_a_message_dragged_into_a_space_period_gets_the_editor_s_note_and_is_said(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial: the editor gave the note with its one-click move; a drag, the easier
    mistake, showed only an amber dot, and nothing said where it went."""
    from tests.ui.test_month_menu import _drag

    _space(main_window)
    monday = date(2026, 11, 30)
    _message(main_window, monday)
    view = main_window.month_view
    (message,) = [o for o in view.occurrences_on(monday) if o.title == "Short hello"]
    thursday = date(2026, 11, 26)
    _drag(qtbot, main_window, center(view.chip_rect(message.activity.uid, monday)),
          center(view.day_rect(thursday)))  # fmt: skip

    assert status_message(main_window) == (
        "Moved “Short hello” to Thursday 26 November at 19:00. Undo with Ctrl+Z."
    )
    note = wait_for_dialog(qtbot, main_window, PacingNote)
    assert note.move_button is not None
    assert note.move_button.text() == "&Move It to Saturday 28 November"
    main_window.statusBar().clearMessage()  # as its six seconds run out behind the note
    qtbot.mouseClick(note.keep_button, Qt.MouseButton.LeftButton)
    assert status_message(main_window) == (  # said again once the note is read (a trial)
        "Moved “Short hello” to Thursday 26 November at 19:00. Undo with Ctrl+Z."
    )


def test_keep_it_anyway_keeps_it_and_the_chip_carries_the_hint(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    view = main_window.month_view
    (message,) = [o for o in view.occurrences_on(date(2026, 11, 26))
                  if o.activity.category is Category.MESSAGE]  # fmt: skip

    note = main_window.review_pacing(main_window.hub.activity(message.activity.uid))
    assert note is not None
    qtbot.mouseClick(note.keep_button, Qt.MouseButton.LeftButton)

    assert view.occurrences_on(date(2026, 11, 26))
    assert view.hints_for(message)
    assert "space" in view._tooltip(message).lower()
    assert {SPACE_FIRST, SPACE_FIRST + timedelta(1), SPACE_FIRST + timedelta(2)} <= view.space_days
    assert SPACE_AFTER not in view.space_days


def test_one_of_a_series_dragged_into_a_space_period_gets_the_note_too(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: the note looked at the series' first weeks only, so a later one dragged
    into a space period went without it."""
    from planner.ui.dialogs.series_scope import SeriesScopeDialog

    from tests.ui.test_month_menu import _drag

    _space(main_window)
    start = datetime(2026, 9, 7, 19, 0, tzinfo=BERLIN)  # Mondays since September
    series = main_window.hub.create_activity(
        ActivityDraft(
            title="Weekly hello", category=Category.MESSAGE, step=StepNumber(5), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=WEEKLY;BYDAY=MO",
        )
    )  # fmt: skip
    view = main_window.month_view
    monday, thursday = date(2026, 11, 23), date(2026, 11, 26)
    _drag(qtbot, main_window, center(view.chip_rect(series.uid, monday)),
          center(view.day_rect(thursday)))  # fmt: skip
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    qtbot.mouseClick(question.only_this, Qt.MouseButton.LeftButton)

    note = wait_for_dialog(qtbot, main_window, PacingNote)
    assert "space" in note.informativeText().lower()
    assert note.move_button is None  # moving it after would move the whole series
    note.reject()


def test_change_it_opens_the_activity_the_note_is_about(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial's note on two contacts within a week offered only Keep It as Planned."""
    _message(main_window, date(2026, 11, 26), hour=9)
    _message(main_window, date(2026, 11, 26), hour=19)  # not a day apart
    (later,) = [o for o in main_window.hub.occurrences(date(2026, 11, 26), date(2026, 11, 26))
                if o.activity.category is Category.MESSAGE and o.start.hour == 19]  # fmt: skip
    note = main_window.review_pacing(main_window.hub.activity(later.activity.uid))
    assert note is not None and note.move_button is None  # no space to move it after
    qtbot.mouseClick(note.edit_button, Qt.MouseButton.LeftButton)

    editor = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert editor.editing == later.activity.uid
    editor.reject()


def test_the_pacing_note_writes_its_days_as_this_computer_does(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A US trial read "from Sunday 13 December to Wednesday 16 December" above a button
    saying "Move It to Thursday, December 17"."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    (message,) = [o for o in main_window.month_view.occurrences_on(date(2026, 11, 26))
                  if o.activity.category is Category.MESSAGE]  # fmt: skip
    note = main_window.review_pacing(main_window.hub.activity(message.activity.uid))
    assert note is not None
    assert "(from Wednesday, November 25 to Friday, November 27)" in note.informativeText()
    assert "You could move it to Saturday, November 28," in note.informativeText()
    assert note.move_button is not None
    assert note.move_button.text() == "&Move It to Saturday, November 28"
    note.reject()


def test_the_pacing_panel_lists_hints_and_opens_the_activity(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "steps_dock").raise_()  # the Pacing tab behind it
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())  # behind: Qt keeps it "visible"
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    assert panel.model.rows() == []  # not read while nobody can see it

    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    qtbot.waitUntil(lambda: bool(panel.model.rows()))  # read as it comes forward
    (row,) = panel.model.rows()
    assert row.title == "Short hello" and row.when == "Thu 26 Nov"
    point = panel.list.visualRect(panel.model.index(0)).center()
    double_click(qtbot, panel.list.viewport(), point)
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.title.text() == "Short hello"
    dialog.reject()


def test_an_empty_pacing_panel_says_what_it_is_for_at_its_top(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A new user's trial: one sentence floated in the middle of a tall, empty panel."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    qtbot.waitUntil(lambda: panel.intro.text().startswith("Nothing to note"))
    assert "a gentle hint shows here" in panel.intro.text()
    assert not panel.list.isVisible()
    qtbot.waitUntil(lambda: panel.intro.geometry().top() <= 12)
    assert panel.intro.geometry().bottom() < panel.height() / 2


def test_settings_set_a_stricter_pace_and_hints_follow(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    main_window.findChild(QDockWidget, "pacing_dock").raise_()  # the hints in front
    _message(main_window, date(2026, 11, 30))
    _message(main_window, date(2026, 12, 1), hour=20)
    assert main_window.pacing_panel.model.rows() == []  # step 5: two a week, a day apart

    dialog = main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    assert dialog.use_program.isChecked() and not dialog.contacts.isEnabled()
    qtbot.mouseClick(dialog.use_program, Qt.MouseButton.LeftButton)
    dialog.contacts.setValue(1)
    dialog.gap.setValue(48)
    assert dialog.checkin.text() == "every 3 weeks"
    dialog.checkin.setValue(0)
    assert dialog.checkin.text() == "Never"
    dialog.accept()

    assert status_message(main_window) == "Saved the plan's settings."  # said (a trial)
    plan = plan_services.plans.require()
    assert (plan.contacts_per_week, plan.min_gap_hours) == (1, 48)
    assert plan.checkin_weeks == 0 and not main_window.today_panel.checkin.isVisible()
    (row,) = main_window.pacing_panel.model.rows()  # one activity, one hint
    rules = row.reason.split("\n\n")  # its two reasons, one after the other
    assert len(rules) == 2


def test_a_week_chip_names_the_first_day_after_a_stretch_of_space_running_past_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _space(main_window)
    for title, first, after in (
        ("Longer space", SPACE_AFTER, date(2027, 1, 1)),
        ("Winter quiet", date(2027, 1, 1), date(2027, 1, 9)),  # begins after the week's read
    ):
        main_window.hub.create_activity(
            ActivityDraft(
                title=title, category=Category.SPACE, step=StepNumber(3), start=first,
                end=after, all_day=True, zone="Europe/Berlin",
            )
        )  # fmt: skip
    _message(main_window, date(2026, 11, 26))
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    (message,) = [o for o in week.occurrences_on(date(2026, 11, 26))
                  if o.activity.category is Category.MESSAGE]  # fmt: skip

    (hint,) = week.hints_for(message)

    # The week shows up to Sunday 29 November; the space it falls in lasts until 8 January.
    assert "to Friday 8 January" in hint
    assert "move it to Saturday 9 January" in hint


def test_the_next_week_is_read_ahead_while_you_look_at_this_one(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _message(main_window, date(2026, 12, 2))
    hub, week = main_window.hub, main_window.week_view
    reads: list[tuple[date, date]] = []
    real = hub.services.advice.survey
    monkeypatch.setattr(hub.services.advice, "survey",
                        lambda plan, first, last, **kw: reads.append((first, last))
                        or real(plan, first, last, **kw))  # fmt: skip
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    following = (date(2026, 11, 30), date(2026, 12, 6))
    qtbot.waitUntil(lambda: following in reads)  # read while the person looks at this week
    reads.clear()

    qtbot.keyClick(week, Qt.Key.Key_PageDown)

    assert week.visible_days == following
    assert reads == []  # nothing read on the way: the week was ready
    assert [o.title for o in week.occurrences_on(date(2026, 12, 2))] == ["Short hello"]


def test_the_pacing_panel_floated_out_from_behind_its_tab_reads_its_hints(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "steps_dock").raise_()
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    assert panel.model.rows() == []

    main_window.findChild(QDockWidget, "pacing_dock").setFloating(True)

    qtbot.waitUntil(lambda: len(panel.model.rows()) == 1)


def test_renaming_contact_already_kept_does_not_bring_the_pacing_note_back(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _space(main_window)
    _message(main_window, date(2026, 11, 26))  # inside the space: the note was had and kept
    (message,) = [o for o in main_window.month_view.occurrences_on(date(2026, 11, 26))
                  if o.activity.category is Category.MESSAGE]  # fmt: skip
    dialog = main_window.edit_occurrence(message)
    assert isinstance(dialog, ActivityDialog)
    qtbot.waitExposed(dialog)
    dialog.title.setText("Short, kind hello")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert not [n for n in main_window.findChildren(PacingNote) if n.isVisible()]

    again = main_window.edit_occurrence(main_window.month_view.occurrences_on(
        date(2026, 11, 26))[-1])  # fmt: skip
    assert isinstance(again, ActivityDialog)
    qtbot.waitExposed(again)
    again.start_time.setTime(QTime(20, 0))  # a new time: worth a look again
    qtbot.mouseClick(again.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, again)
    note = wait_for_dialog(qtbot, main_window, PacingNote)
    note.reject()  # not left open for the next test to find


def test_the_partners_name_can_be_changed_or_taken_away_in_the_settings(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    assert dialog.partner.text() == ""
    qtbot.keyClicks(dialog.partner, "  Sam ")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)  # fmt: skip
    wait_closed(qtbot, dialog)
    assert plan_services.plans.require().partner_name == "Sam"

    main_window.edit_settings()
    again = wait_for_dialog(qtbot, main_window, SettingsDialog)
    assert again.partner.text() == "Sam"
    again.partner.clear()  # no name kept at all
    again.accept()
    assert plan_services.plans.require().partner_name is None


def test_settings_a_busy_file_refuses_are_kept_whole_or_not_at_all(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit saw the partner's name kept while the pacing after it was refused, and the
    warning said nothing had changed."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: told.append(text))

    def busy(*_args: object) -> None:
        raise StorageError("The plan file is busy. Nothing was changed.")

    monkeypatch.setattr(PlanRepository, "set_pacing", busy)
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    qtbot.keyClicks(dialog.partner, "Sam")
    qtbot.mouseClick(dialog.use_program, Qt.MouseButton.LeftButton)
    dialog.contacts.setValue(1)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)  # fmt: skip

    assert told == ["The plan file is busy. Nothing was changed."]
    plan = plan_services.plans.require()
    assert plan.partner_name is None and plan.contacts_per_week is None  # as it was


def test_ctrl_comma_opens_plan_settings_as_the_menu_says(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    # The platform's Preferences key, used before, is no key at all on Linux.
    assert main_window.settings_action.shortcut().toString() == "Ctrl+,"
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    dialog.reject()


def test_each_setting_has_its_own_underlined_letter(qtbot: QtBot, main_window: MainWindow) -> None:
    """Plan Settings had none: each field was Tab after Tab away."""
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    labelled = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    boxes = [box.text() for box in dialog.findChildren(QCheckBox)]
    buttons = [button.text() for button in dialog.findChild(QDialogButtonBox).buttons()]
    keys = access_keys(labelled + boxes + buttons)
    assert len(keys) == len(set(keys)), sorted(keys)
    assert len(access_keys(labelled + boxes)) == len(labelled) + len(boxes)  # every one
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.gap.setFocus()
    qtbot.waitUntil(dialog.gap.hasFocus)
    qtbot.keyClick(dialog.gap, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.partner.hasFocus()
    dialog.reject()


def test_what_pacing_is_for_is_said_inside_its_group(qtbot: QtBot, main_window: MainWindow) -> None:
    """Between two groups, the words about pacing read as if they were about one's partner."""
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    intro = dialog.findChild(QLabel, "intro")
    assert intro is not None and "gently" in intro.text()
    group = intro.parentWidget()
    assert isinstance(group, QGroupBox) and group.title() == "Pacing"
    dialog.reject()


def test_a_hint_is_drawn_whole_and_wraps_anew_as_the_panel_narrows(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial found the panel plain text in stripes; drawn as the other side lists are, each
    hint keeps the room its reason needs, whatever the panel's width."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    qtbot.waitUntil(lambda: bool(panel.model.rows()))
    first = panel.model.index(0)
    reason = panel.model.rows()[0].reason

    def needed(width: int) -> int:
        """The height the reason's words take at `width`, wrapped."""
        flags = int(Qt.TextFlag.TextWordWrap)
        return panel.list.fontMetrics().boundingRect(0, 0, width, 10_000, flags, reason).height()

    panel.list.setFixedWidth(520)
    qtbot.waitUntil(lambda: panel.list.visualRect(first).width() > 400)
    wide = panel.list.visualRect(first).height()
    panel.list.setFixedWidth(240)
    qtbot.waitUntil(lambda: panel.list.visualRect(first).height() > wide)  # wrapped anew
    narrow = panel.list.visualRect(first).height()
    text_width = panel.list.viewport().width() - 27
    assert narrow >= needed(text_width)  # room for every line of the reason
    assert not panel.list.alternatingRowColors()


def test_hints_are_laid_out_for_the_width_left_by_the_scroll_bar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial: after the hints changed, a scroll bar came and the rows kept the height
    of a wider list; the words ran into the next hint over a sideways scroll bar. And one
    activity showed three cards under the same heading."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    panel.list.setFixedSize(300, 320)
    _space(main_window)
    for day in range(8):
        _message(main_window, date(2026, 11, 25) + timedelta(days=day % 3), hour=9 + day)
    qtbot.waitUntil(lambda: panel.list.verticalScrollBar().isVisible())
    assert not panel.list.horizontalScrollBar().isVisible()
    keys = [(row.occurrence.activity.uid, row.occurrence.key) for row in panel.model.rows()]
    assert len(keys) == len(set(keys))  # one card for each activity

    def fits() -> bool:
        width = panel.list.viewport().width() - 27
        flags = int(Qt.TextFlag.TextWordWrap)
        for number, row in enumerate(panel.model.rows()):
            needed = panel.list.fontMetrics().boundingRect(0, 0, width, 10_000, flags, row.reason)
            if panel.list.visualRect(panel.model.index(number)).height() < needed.height():
                return False
        return True

    qtbot.waitUntil(fits)  # laid out again for the narrower width, at once or a moment after


def test_choosing_a_hint_shows_its_day_in_the_calendar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial: a click on a hint did nothing; it shows the activity's day, chosen there,
    as a search's match does (a double-click still opens it)."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    qtbot.waitUntil(lambda: bool(panel.model.rows()))
    main_window.month_view.go_to(date(2027, 2, 1))  # far from it

    point = panel.list.visualRect(panel.model.index(0)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=point)

    view = main_window.month_view
    assert view.selected_day == date(2026, 11, 26)
    assert view.selected_occurrence is not None and view.selected_occurrence.title == "Short hello"


def test_passing_through_the_hints_leaves_the_calendar_where_it_was(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: F6 passing through the Pacing list made its first hint current, which moved
    the calendar to that day; only a click, or the arrow keys, show a hint's day."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    _message(main_window, date(2026, 11, 27), hour=20)
    qtbot.waitUntil(lambda: len(panel.model.rows()) >= 2)
    view = main_window.month_view
    view.go_to(date(2027, 2, 1))
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    assert view.selected_day == date(2027, 2, 1)  # left where it was

    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # the arrow keys show a hint's day
    assert view.selected_day == date(2026, 11, 27)
    view.go_to(date(2027, 2, 1))
    point = panel.list.visualRect(panel.list.currentIndex()).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_day == date(2026, 11, 27)  # a click on the current one too


def test_settings_show_the_programs_pace_and_say_one_hour_and_every_week(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial: following the program, the greyed box said "2 a week" where the step the
    plan is on suggests 1; and "every 1 weeks", "1 hours"."""
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    here = main_window.hub.plan.current_step
    suggested = main_window.hub.program.step(here).contacts_per_week
    assert dialog.use_program.isChecked() and dialog.contacts.value() == suggested
    qtbot.mouseClick(dialog.use_program, Qt.MouseButton.LeftButton)  # one's own, from here
    dialog.contacts.setValue(3)
    qtbot.mouseClick(dialog.use_program, Qt.MouseButton.LeftButton)
    assert dialog.contacts.value() == suggested and dialog.contacts_per_week is None
    qtbot.mouseClick(dialog.use_program, Qt.MouseButton.LeftButton)
    assert dialog.contacts.value() == 3  # one's own comes back
    dialog.gap.setValue(1)
    dialog.checkin.setValue(1)
    assert dialog.gap.text() == "1 hour" and dialog.checkin.text() == "every 1 week"
    dialog.gap.setValue(2)
    assert dialog.gap.text() == "2 hours"
    dialog.reject()


def test_escape_after_a_change_in_the_settings_asks_before_dropping_it(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Escape in Plan Settings dropped a partner's name and a pace set with care, without a
    word; untouched, it just closes, and "Keep Editing" keeps what was typed."""
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: it closes
    wait_closed(qtbot, dialog)

    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    qtbot.keyClicks(dialog.partner, "Sam")
    qtbot.keyClick(dialog.partner, Qt.Key.Key_Escape)
    question = wait_for_dialog(qtbot, dialog, QMessageBox)
    assert question.objectName() == "leave_without_saving"
    assert "settings will not be kept" in question.text()
    keep = next(b for b in question.buttons() if "Keep" in b.text().replace("&", ""))
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, question)
    assert dialog.isVisible() and dialog.partner.text() == "Sam"
    dialog.reject()
    question = wait_for_dialog(qtbot, dialog, QMessageBox)
    leave = next(b for b in question.buttons() if "Leave" in b.text().replace("&", ""))
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert plan_services.plans.require().partner_name is None


def test_a_reason_said_on_one_card_is_not_written_out_again_on_the_next(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial read the same five-line space paragraph on every card of one space period."""
    panel = main_window.pacing_panel
    main_window.findChild(QDockWidget, "pacing_dock").raise_()
    _space(main_window)
    _message(main_window, date(2026, 11, 26))
    _message(main_window, date(2026, 11, 27), hour=20)
    qtbot.waitUntil(lambda: len(panel.model.rows()) == 2)
    first, second = panel.model.rows()
    assert "space" in first.reason.lower()
    assert second.reason == "The same as for “Short hello”, Thu 26 Nov, above."


def test_the_time_zone_is_set_right_in_the_settings_and_the_walk_stays_at_nine(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial accepted the computer's zone on the first run and could not change it but by
    starting again. A zone no place has is said under the field, and nothing is saved."""
    hub = main_window.hub
    start = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    walk = hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "Mars/Olympus")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    before = dialog.height()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.zone_error.isVisible()
    assert dialog.height() > before  # grown to hold it, the form's hints whole (a review)
    assert "“Mars/Olympus” is not a time zone I know" in dialog.zone_error.text()
    assert dialog.height() >= dialog.minimumSizeHint().height()  # grown, nothing cut
    qtbot.keyClick(dialog.zone.lineEdit(), Qt.Key.Key_Backspace)
    assert not dialog.zone_error.isVisible()  # a new zone being typed: the note goes
    assert dialog.height() == before  # and the room it took (a trial saw a blank band)
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "America/Chicago")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    assert hub.plan.zone == "America/Chicago"
    assert status_message(main_window).endswith("Times now show in America/Chicago.")
    moved = hub.activity(walk.uid)
    assert moved.zone == "America/Chicago"
    assert (moved.start.hour, moved.start.minute) == (9, 0)  # type: ignore[union-attr]
    assert "times in America/Chicago" in main_window.summary.text()
    assert not main_window.undo_action.isEnabled()  # an older step would undo the move


def test_plan_settings_fit_the_screen_and_scroll_what_does_not_fit(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial at 1.5x scale saw Plan Settings run past the screen's bottom, Save and Cancel
    out of reach. Here (a screen 800 high) the form scrolls and the buttons stay on it."""
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    screen = dialog.screen().availableGeometry()
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    bottom = save.mapToGlobal(save.rect().bottomLeft())
    assert dialog.frameGeometry().bottom() <= screen.bottom()
    assert screen.contains(bottom)
    form = dialog.findChild(QScrollArea, "settings_form")
    assert form is not None
    content = form.widget()
    # As tall as the screen allows (not Qt's two thirds of it), the rest a scroll away.
    assert dialog.height() > screen.height() * 2 // 3
    assert form.height() >= min(content.sizeHint().height(), screen.height() - 200)
    last = dialog.keep_in_tray
    form.ensureWidgetVisible(last)
    assert form.viewport().rect().contains(last.mapTo(form.viewport(), last.rect().center()))
    dialog.reject()


def test_a_refused_zone_change_says_so_and_keeps_the_other_settings(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: the box said "Could Not Save the Settings" though only the zone was
    refused, and the rest had been saved."""
    from planner.errors import InvalidInputError

    def refuse(_zone: str) -> None:
        raise InvalidInputError("“Walk” cannot keep its time in America/Chicago: no.")

    monkeypatch.setattr(main_window.hub, "set_zone", refuse)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    dialog.partner.setText("Sam")
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "America/Chicago")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert main_window.hub.plan.partner_name == "Sam"
    assert shown == [(
        "Could Not Change the Time Zone",
        "“Walk” cannot keep its time in America/Chicago: no.\n\nYour other settings were saved.",
    )]  # fmt: skip


def test_tab_through_plan_settings_never_stops_where_nothing_shows_focus(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A keyboard trial: one Tab stop in Plan Settings showed focus nowhere (the frame that
    scrolls its fields on a short screen)."""
    from planner.ui.widgets import FittingScroll

    main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    scroll = dialog.findChild(FittingScroll, "settings_form")
    assert scroll is not None
    dialog.partner.setFocus()
    qtbot.waitUntil(dialog.partner.hasFocus)
    stops = []
    for _ in range(40):
        focused = QApplication.focusWidget()
        assert focused is not None
        stops.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert scroll not in stops
    dialog.reject()


def test_moved_after_the_space_its_new_day_is_reviewed_too(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial moved a message after the space, two days before a planned coffee: the Pacing
    panel flagged them, and no note said so."""
    _space(main_window)
    coffee = datetime(2026, 11, 29, 10, 0, tzinfo=BERLIN)  # within a day of the move
    main_window.hub.create_activity(
        ActivityDraft(
            title="Coffee", category=Category.MEETUP, step=StepNumber(5), start=coffee,
            end=coffee + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    _message(main_window, date(2026, 11, 26))
    (message,) = [o for o in main_window.month_view.occurrences_on(date(2026, 11, 26))
                  if o.activity.category is Category.MESSAGE]  # fmt: skip
    note = main_window.review_pacing(message.activity)
    assert note is not None and note.move_button is not None
    qtbot.mouseClick(note.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not note.isVisible())
    again = wait_for_dialog(qtbot, main_window, PacingNote)
    assert again is not note
    assert again.move_button is None  # it is after the space now
    assert "Coffee" in again.informativeText() or "contact" in again.informativeText().lower()
