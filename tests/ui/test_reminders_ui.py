"""Reminders in the window: a notification when one falls due (tray, or the window's own note),
opening the activity from it, the missed list shown once, the editor's reminder box with undo,
the reminder settings, and staying in the tray."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.reminders import ReminderOptions
from planner.errors import StorageError
from planner.services.context import Services
from planner.ui import tray
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.reminders import MissedRemindersDialog
from planner.ui.dialogs.settings import SettingsDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, wait_closed, wait_for_dialog
from tests.zones import BERLIN

#: The clock says 10:00 in Berlin on TODAY; the coffee is at 10:30 with a reminder at 10:20.
COFFEE_AT = datetime.combine(TODAY, time(10, 30), tzinfo=BERLIN)
REMINDER_AT = COFFEE_AT - timedelta(minutes=10)


def _coffee(
    window: MainWindow, minutes: tuple[int, ...] = (10,), start: datetime = COFFEE_AT
) -> Activity:
    draft = ActivityDraft(
        title="Coffee with Sam", category=Category.MEETUP, step=StepNumber(5), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", reminders=minutes,
    )  # fmt: skip
    return window.hub.create_activity(draft)


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A desktop with a system tray, whose icon records its messages instead of drawing."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tray, "tray_available", lambda: True)
    # The offscreen platform has no tray to show an icon in (and warns when asked).
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda _self: None)
    monkeypatch.setattr(
        QSystemTrayIcon,
        "showMessage",
        lambda _self, title, text, *_args: shown.append((title, text)),
    )
    return shown


def test_a_due_reminder_shows_a_neutral_notice_that_opens_the_activity(
    qtbot: QtBot, main_window: MainWindow, clock: FixedClock
) -> None:
    coffee = _coffee(main_window)
    assert main_window.reminders.start() is None  # the first run: nothing counts as missed
    timer = main_window.reminders.timer
    assert timer.isActive()
    assert (
        timedelta(minutes=19)
        < timedelta(milliseconds=timer.remainingTime())
        <= timedelta(minutes=20)
    )
    clock.set(REMINDER_AT)
    with qtbot.waitSignal(main_window.reminders.notified) as shown:
        timer.timeout.emit()
    assert shown.args == ["Rekindle", "Something you planned starts at 10:30."]
    # No tray offscreen: the note shows in the window, and its button opens the activity.
    bar = main_window.message_bar
    assert bar.isVisible() and "starts at 10:30" in bar.text.text()
    assert "Sam" not in bar.text.text() and "Coffee" not in bar.text.text()
    qtbot.mouseClick(bar.buttons[0], Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.title.text() == coffee.title
    # Shown once: the next tick has nothing new, and the timer waits for later.
    clock.set(REMINDER_AT + timedelta(minutes=1))
    with qtbot.assertNotEmitted(main_window.reminders.notified):
        timer.timeout.emit()
    assert main_window.hub.services.reminders.last_seen(main_window.hub.plan) == REMINDER_AT


def test_the_tray_shows_the_message_and_clicking_it_opens_the_activity(
    qtbot: QtBot,
    main_window: MainWindow,
    clock: FixedClock,
    shown_messages: list[tuple[str, str]],
) -> None:
    coffee = _coffee(main_window)
    main_window.reminders.start()
    icon = main_window.reminders.icon
    assert icon is not None
    clock.set(REMINDER_AT)
    main_window.reminders.timer.timeout.emit()
    assert shown_messages == [("Rekindle", "Something you planned starts at 10:30.")]
    assert not main_window.message_bar.isVisible()
    icon.messageClicked.emit()
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.title.text() == coffee.title


def test_without_neutral_text_the_notice_names_the_activity(
    main_window: MainWindow, clock: FixedClock, shown_messages: list[tuple[str, str]]
) -> None:
    main_window.hub.set_reminder_options(ReminderOptions(neutral_text=False))
    _coffee(main_window, (10, 1440), start=COFFEE_AT + timedelta(days=1))
    main_window.reminders.start()
    clock.set(COFFEE_AT)  # a day before
    main_window.reminders.timer.timeout.emit()
    clock.set(REMINDER_AT + timedelta(days=1))
    main_window.reminders.timer.timeout.emit()
    assert shown_messages == [
        ("Rekindle", "“Coffee with Sam” starts tomorrow at 10:30."),
        ("Rekindle", "“Coffee with Sam” starts at 10:30."),
    ]


def test_a_new_reminder_arms_the_timer_but_one_already_past_stays_quiet(
    main_window: MainWindow, clock: FixedClock, shown_messages: list[tuple[str, str]]
) -> None:
    main_window.reminders.start()
    timer = main_window.reminders.timer
    _coffee(main_window, (60,))  # its reminder was due at 09:30, before it was planned
    assert shown_messages == []
    assert timer.remainingTime() > 59 * 60 * 1000  # nothing due: it looks again in an hour
    _coffee(main_window, (10,), start=COFFEE_AT + timedelta(minutes=5))
    assert 24 * 60 * 1000 < timer.remainingTime() <= 25 * 60 * 1000
    clock.set(REMINDER_AT + timedelta(minutes=5))
    timer.timeout.emit()
    assert shown_messages == [("Rekindle", "Something you planned starts at 10:35.")]


def test_a_late_timer_shows_what_was_due_before_reacting_to_a_change(
    main_window: MainWindow, clock: FixedClock, shown_messages: list[tuple[str, str]]
) -> None:
    main_window.reminders.start()
    _coffee(main_window, (10,))
    clock.set(COFFEE_AT + timedelta(minutes=5))  # the computer slept through 10:20
    _coffee(main_window, (10,), start=COFFEE_AT + timedelta(hours=2))
    assert shown_messages == [("Rekindle", "Something you planned starts at 10:30.")]


def test_missed_reminders_are_listed_once_on_the_next_start(
    qtbot: QtBot, plan_services: Services, clock: FixedClock
) -> None:
    plan = plan_services.plans.require()
    yesterday = datetime.combine(TODAY - timedelta(days=1), time(19, 0), tzinfo=BERLIN)
    for title, start in (("Call", yesterday), ("Walk", yesterday + timedelta(hours=1))):
        draft = ActivityDraft(
            title=title, category=Category.MESSAGE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
            reminders=(10,),
        )  # fmt: skip
        plan_services.activities.create(plan, draft)
    plan_services.reminders.mark_seen(plan, clock.now() - timedelta(days=2))

    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    listed = window.reminders.start()
    assert isinstance(listed, MissedRemindersDialog)
    qtbot.waitExposed(listed)
    rows = [listed.list.item(row).text() for row in range(listed.list.count())]
    assert rows == ["Sun 22 Nov 19:00 · Call", "Sun 22 Nov 20:00 · Walk"]
    listed.list.setCurrentRow(1)
    qtbot.mouseClick(listed.open_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, window, ActivityDialog)
    assert dialog.title.text() == "Walk"
    dialog.reject()
    window.reminders.stop()

    again = MainWindow(services=plan_services)
    qtbot.addWidget(again)
    assert again.reminders.start() is None
    again.reminders.stop()


def test_a_full_disk_at_start_lists_missed_reminders_and_says_nothing_of_saving(
    qtbot: QtBot, plan_services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-safety trial: started on a full disk, the status bar said "Cannot save to …:
    the disk is full" before the person had changed anything (the note of which reminders
    were shown); the missed ones were not listed either."""
    plan = plan_services.plans.require()
    start = datetime.combine(TODAY - timedelta(days=1), time(19, 0), tzinfo=BERLIN)
    plan_services.activities.create(plan, ActivityDraft(
        title="Call", category=Category.MESSAGE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin", reminders=(10,),
    ))  # fmt: skip
    plan_services.reminders.mark_seen(plan, clock.now() - timedelta(days=2))

    def full(*_args: object) -> None:
        raise StorageError("Cannot save to plan.sqlite3: the disk is full. Nothing was changed.")

    monkeypatch.setattr(type(plan_services.reminders), "mark_seen", full)
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    listed = window.reminders.start()
    assert isinstance(listed, MissedRemindersDialog) and listed.list.count() == 1
    assert "Cannot save" not in window.statusBar().currentMessage()
    listed.close()
    window.reminders.stop()


def test_missed_reminders_are_in_order_of_their_times_and_stay_after_one_is_opened(
    qtbot: QtBot, plan_services: Services, clock: FixedClock
) -> None:
    """A trial: a tea at 06:57 reminded ten minutes before came above a walk at 06:48
    reminded at its start (the rows say the activities' times), and opening one closed the
    list, the other out of reach."""
    plan = plan_services.plans.require()
    morning = datetime.combine(TODAY - timedelta(days=1), time(6, 0), tzinfo=BERLIN)
    for title, minutes, ahead in (("Tea", 57, 10), ("Walk", 48, 0)):
        start = morning + timedelta(minutes=minutes)
        plan_services.activities.create(plan, ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
            reminders=(ahead,),
        ))  # fmt: skip
    plan_services.reminders.mark_seen(plan, clock.now() - timedelta(days=2))
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    listed = window.reminders.start()
    assert isinstance(listed, MissedRemindersDialog)
    rows = [listed.list.item(row).text() for row in range(listed.list.count())]
    assert rows == ["Sun 22 Nov 06:48 · Walk", "Sun 22 Nov 06:57 · Tea"]

    qtbot.mouseClick(listed.open_button, Qt.MouseButton.LeftButton)
    editor = wait_for_dialog(qtbot, window, ActivityDialog)
    editor.reject()
    wait_closed(qtbot, editor)
    assert listed.isVisible()  # still there for the tea
    listed.close()
    window.reminders.stop()


def test_the_editor_saves_a_reminder_and_undo_brings_the_old_one_back(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    coffee = _coffee(main_window, (1440,))
    (occurrence,) = main_window.hub.occurrences(TODAY, TODAY)
    dialog = main_window.edit_occurrence(occurrence)
    qtbot.waitExposed(dialog)
    assert dialog.reminder.currentText() == "1 day before"
    assert not dialog.reminder_minutes.isVisible()
    dialog.reminder.setFocus()
    qtbot.keyClicks(dialog.reminder, "10")
    assert dialog.reminder.currentText() == "10 minutes before"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert main_window.hub.activity(coffee.uid).reminders == (10,)

    main_window.undo_action.trigger()
    assert main_window.hub.activity(coffee.uid).reminders == (1440,)
    main_window.redo_action.trigger()
    assert main_window.hub.activity(coffee.uid).reminders == (10,)


def test_a_custom_reminder_takes_minutes(qtbot: QtBot, main_window: MainWindow) -> None:
    coffee = _coffee(main_window, ())
    (occurrence,) = main_window.hub.occurrences(TODAY, TODAY)
    dialog = main_window.edit_occurrence(occurrence)
    qtbot.waitExposed(dialog)
    assert dialog.reminder.currentText() == "None"
    dialog.reminder.setFocus()
    qtbot.keyClicks(dialog.reminder, "Cu")
    assert dialog.reminder_minutes.isVisible()
    dialog.reminder_minutes.selectAll()
    qtbot.keyClicks(dialog.reminder_minutes, "45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert main_window.hub.activity(coffee.uid).reminders == (45,)


def test_a_new_activity_follows_its_category_default_until_one_is_chosen(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = main_window.create_activity(date(2026, 11, 25))
    qtbot.waitExposed(dialog)
    assert dialog.reminder.currentText() == "None"  # self-care: no reminder
    dialog.category.setCurrentIndex(dialog.category.findData(Category.MEETUP))
    assert dialog.reminder.currentText() == "1 day before"
    dialog.category.setCurrentIndex(dialog.category.findData(Category.OUTING))
    dialog.all_day.setChecked(True)
    assert dialog.reminder.currentText() == "The evening before (18:00)"
    dialog.category.setCurrentIndex(dialog.category.findData(Category.SPACE))
    assert dialog.reminder.currentText() == "None"
    dialog.reminder.setFocus()
    qtbot.keyClick(dialog.reminder, Qt.Key.Key_Down)  # the person's own choice now
    assert dialog.reminder.currentText() == "At the start of the day (00:00)"
    dialog.category.setCurrentIndex(dialog.category.findData(Category.MEETUP))  # timed again
    assert dialog.reminder.currentText() == "At the start"
    qtbot.keyClicks(dialog.title, "Picnic")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert dialog.saved is not None and dialog.saved.reminders == (0,)


def test_the_hours_named_in_reminder_choices_read_as_this_computers_clock(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """On a twelve-hour clock (the US) an all-day reminder said "(18:00)"."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    dialog = main_window.create_activity(date(2026, 11, 25))
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    choices = [dialog.reminder.itemText(row) for row in range(dialog.reminder.count())]
    assert "The evening before (6:00\u202fPM)" in choices
    assert "At the start of the day (12:00\u202fAM)" in choices
    dialog.reject()
    main_window.edit_settings()
    settings = wait_for_dialog(qtbot, main_window, SettingsDialog)
    hint = settings.findChild(QLabel, "neutral_hint")
    assert hint is not None and "starts at 6:00\u202fPM”" in hint.text()


def test_the_settings_dialog_keeps_the_reminder_options(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = main_window.edit_settings()
    dialog = wait_for_dialog(qtbot, main_window, SettingsDialog)
    assert dialog.reminder_options == ReminderOptions()
    assert not dialog.keep_in_tray.isEnabled()  # no tray offscreen
    for check in (dialog.daily_summary, dialog.neutral_text):
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert main_window.hub.reminder_options() == ReminderOptions(
        daily_summary=True, neutral_text=False
    )


def test_closing_the_window_can_keep_rekindle_in_the_tray(
    qtbot: QtBot, main_window: MainWindow, shown_messages: list[tuple[str, str]]
) -> None:
    main_window.hub.set_reminder_options(ReminderOptions(keep_in_tray=True))
    main_window.reminders.start()
    main_window.close()
    assert not main_window.isVisible()
    assert main_window.reminders.timer.isActive()
    assert shown_messages and "keeps running" in shown_messages[0][1]
    main_window.reminders.show_requested.emit()
    assert main_window.isVisible()
    main_window.reminders.quit_requested.emit()
    assert not main_window.isVisible()
    assert not main_window.reminders.timer.isActive()


def test_the_daily_summary_is_one_notice_in_the_morning(
    main_window: MainWindow, clock: FixedClock, shown_messages: list[tuple[str, str]]
) -> None:
    main_window.hub.set_reminder_options(ReminderOptions(daily_summary=True))
    tomorrow = COFFEE_AT + timedelta(days=1)
    _coffee(main_window, (10, 60), start=tomorrow)
    _coffee(main_window, (0,), start=tomorrow + timedelta(hours=8))
    main_window.reminders.start()
    clock.set(datetime.combine(TODAY + timedelta(days=1), time(8, 0), tzinfo=BERLIN))
    main_window.reminders.timer.timeout.emit()
    clock.set(tomorrow + timedelta(hours=8))
    main_window.reminders.timer.timeout.emit()
    assert shown_messages == [("Rekindle", "3 reminders today, the first at 09:30.")]


def test_the_settings_open_with_room_for_every_hint(qtbot: QtBot, main_window: MainWindow) -> None:
    """Qt sized the dialog counting each wrapped hint as one line: the reminders' last hint
    was cut mid-line and the rows above it squeezed together."""
    dialog = main_window.edit_settings()
    qtbot.waitExposed(dialog)
    hints = [label for label in dialog.findChildren(QLabel)
             if label.isVisible() and label.wordWrap()]  # fmt: skip
    assert hints
    for hint in hints:
        assert hint.height() >= hint.heightForWidth(hint.width()), hint.text()[:40]
    dialog.reject()


def test_missed_reminder_rows_follow_an_edit_made_from_the_list(
    qtbot: QtBot, plan_services: Services, clock: FixedClock
) -> None:
    """A review: a row kept as it was after its activity was edited from the list showed the
    old time and title, and opened the editor on the old time again; a deleted one stayed."""
    plan = plan_services.plans.require()
    evening = datetime.combine(TODAY - timedelta(days=1), time(19, 0), tzinfo=BERLIN)
    for title, start in (("Call", evening), ("Walk", evening + timedelta(hours=1))):
        plan_services.activities.create(plan, ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
            reminders=(10,),
        ))  # fmt: skip
    plan_services.reminders.mark_seen(plan, clock.now() - timedelta(days=2))
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    listed = window.reminders.start()
    assert isinstance(listed, MissedRemindersDialog)

    qtbot.mouseClick(listed.open_button, Qt.MouseButton.LeftButton)  # the call, first
    editor = wait_for_dialog(qtbot, window, ActivityDialog)
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Long call")
    editor.start_time.setTime(editor.start_time.time().addSecs(2 * 3600))  # 21:00
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, editor)

    def rows() -> list[str]:
        return [listed.list.item(row).text() for row in range(listed.list.count())]

    assert rows() == ["Sun 22 Nov 20:00 · Walk", "Sun 22 Nov 21:00 · Long call"]
    assert listed.list.currentItem().text().endswith("Long call")  # still on the one opened
    (walk,) = [o for o in listed.occurrences() if o.title == "Walk"]
    window.hub.delete_activity(walk.activity.uid)
    assert rows() == ["Sun 22 Nov 21:00 · Long call"]
    listed.close()
    window.reminders.stop()
