"""The activity dialog on its own: prefilling, the all-day switch, validation, saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
import shiboken6
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.domain.recurrence import Frequency
from planner.services.context import Services
from planner.ui.dialogs.activity import DEFAULT_START, ActivityDialog
from planner.ui.hub import Hub
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPoint, QSize, Qt, QTime
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, access_keys, menu_words, wait_for_dialog
from tests.zones import BERLIN

DAY = date(2026, 11, 25)


def _open(qtbot: QtBot, dialog: ActivityDialog) -> ActivityDialog:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def new_dialog(qtbot: QtBot, hub: Hub) -> ActivityDialog:
    return _open(qtbot, ActivityDialog(hub=hub, day=DAY))


def _timed(hub: Hub, **changes: Any) -> Activity:
    """Store a 40-minute reflection on DAY at 09:30, with `changes` applied to the draft."""
    start = datetime.combine(DAY, time(9, 30), tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Morning pages",
        category=Category.REFLECTION,
        step=StepNumber(2),
        start=start,
        end=start + timedelta(minutes=40),
        all_day=False,
        zone="Europe/Berlin",
        location="Kitchen table",
        notes="Three pages, no editing.",
    )
    return hub.create_activity(replace(draft, **changes))


def _save(qtbot: QtBot, dialog: ActivityDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _titles_on(services: Services, day: date) -> list[str]:
    plan = services.plans.require()
    return [o.activity.title for o in services.calendar.occurrences(plan, day, day)]


# -- a new activity -------------------------------------------------------------------------


def test_a_new_activity_starts_where_all_of_it_fits_beside_the_day_s_plans(
    qtbot: QtBot, hub: Hub
) -> None:
    """A trial chose the 18:00 yoga class and pressed Ctrl+N: the new one was put on top of
    it. A re-trial then had 18:00 for 45 minutes offered under pottery at 18:30. The 45
    minutes go where they fit: after the pottery, the call after it and the journaling."""
    for at, minutes in ((time(17, 0), 60), (time(18, 30), 90), (time(20, 30), 20)):
        start = datetime.combine(DAY, at, tzinfo=BERLIN)
        _timed(hub, title=f"At {at}", start=start, end=start + timedelta(minutes=minutes))
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    assert dialog.duration.value() == 45
    assert dialog.start_time.time() == QTime(21, 0)  # 18:00 + 45 min meets 18:30; 20:00 20:30
    dialog.reject()
    # One skipped takes no room; one hidden by a filter still does.
    (last,) = [o for o in hub.occurrences(DAY, DAY) if o.title == "At 20:30:00"]
    hub.mark(last, Status.SKIPPED)
    hub.set_filters(frozenset({Category.REFLECTION}), frozenset())
    again = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    assert again.start_time.time() == QTime(20, 0)
    again.reject()
    # A day with nothing then: the usual time.
    other = _open(qtbot, ActivityDialog(hub=hub, day=DAY + timedelta(days=1)))
    assert other.start_time.time() == QTime(DEFAULT_START.hour, DEFAULT_START.minute)


def test_a_new_dialog_is_prefilled_for_its_day(new_dialog: ActivityDialog) -> None:
    dialog = new_dialog
    assert dialog.windowTitle() == "New Activity"
    assert dialog.title.text() == ""
    assert dialog.title.placeholderText()
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.start_time.time() == QTime(DEFAULT_START.hour, DEFAULT_START.minute)
    assert dialog.selected_category() is Category.SELF_CARE
    assert dialog.duration.value() == 45  # the category's typical length
    assert dialog.step.currentData() == 1  # the plan's current step
    assert dialog.step.count() == 11
    assert dialog.category.count() == len(Category)
    assert not dialog.all_day.isChecked()
    assert dialog.start_time.isVisible()
    assert not dialog.last_day.isVisible()
    assert not dialog.findChild(QLabel, "error").isVisible()
    assert not dialog.findChild(QLabel, "repeat_note").isVisible()
    assert dialog.delete_button is None


def test_the_step_list_says_which_steps_are_behind_you_and_where_you_are(
    qtbot: QtBot, hub: Hub
) -> None:
    """A trial could not tell from the editor's Step list which steps were done."""
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    assert dialog.step.itemText(0) == "1. Understand what went wrong · you are here"
    assert dialog.step.itemText(1) == "2. Look at your own part"
    dialog.reject()

    hub.complete_step(StepNumber(1))
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    assert dialog.step.itemText(0) == "1. Understand what went wrong ✓"
    assert dialog.step.itemText(1) == "2. Look at your own part · you are here"
    assert dialog.step.currentData() == 2


def test_a_space_period_shorter_than_its_steps_milestone_is_said(qtbot: QtBot, hub: Hub) -> None:
    """A trial planned 21 days of space under step 3 ("Thirty days of space kept") and
    learned only later, from the Steps panel, that it could never meet it."""
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    dialog.category.setCurrentIndex(dialog.category.findData(Category.SPACE))
    dialog.step.setCurrentIndex(dialog.step.findData(3))
    if not dialog.all_day.isChecked():  # space is planned in whole days
        qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    end = DAY + timedelta(days=20)
    dialog.last_day.setDate(QDate(end.year, end.month, end.day))
    assert dialog.space_note.isVisible()
    assert dialog.space_note.text() == (
        "Step 3's milestone is “Thirty days of space kept”; this period has 21 days. "
        "A longer one would meet it, if that feels right."
    )
    notes = dialog.notes.geometry()
    assert dialog.space_note.geometry().bottom() < notes.top()  # grown: nothing drawn over
    end = DAY + timedelta(days=29)
    dialog.last_day.setDate(QDate(end.year, end.month, end.day))
    assert not dialog.space_note.isVisible()  # thirty days: enough
    dialog.step.setCurrentIndex(dialog.step.findData(1))
    dialog.last_day.setDate(QDate(DAY.year, DAY.month, DAY.day))
    assert not dialog.space_note.isVisible()  # step 1 asks for no space


def test_without_a_day_the_dialog_uses_today(qtbot: QtBot, hub: Hub) -> None:
    dialog = _open(qtbot, ActivityDialog(hub=hub))
    assert dialog.day.date() == QDate(TODAY.year, TODAY.month, TODAY.day)


def test_typing_and_saving_creates_a_timed_activity(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "  Call   an old friend ")
    dialog.category.setCurrentIndex(dialog.category.findData(Category.MESSAGE))
    assert dialog.duration.value() == 15
    dialog.step.setCurrentIndex(dialog.step.findData(2))
    dialog.start_time.setTime(QTime(7, 15))
    qtbot.keyClicks(dialog.location, "Balcony")
    qtbot.keyClicks(dialog.notes, "Keep it light.")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved.title == "Call an old friend"  # whitespace is tidied
    assert saved.category is Category.MESSAGE
    assert saved.step == 2
    assert saved.start == datetime(2026, 11, 25, 7, 15, tzinfo=BERLIN)
    assert saved.end == datetime(2026, 11, 25, 7, 30, tzinfo=BERLIN)
    assert not saved.all_day
    assert saved.zone == "Europe/Berlin"
    assert saved.location == "Balcony"
    assert saved.notes == "Keep it light."
    assert saved.rrule is None
    assert plan_services.activities.get(saved.uid) == saved


def test_a_click_on_the_hour_or_the_day_then_typing_types_over_it(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog
    hours = dialog.start_time.lineEdit()
    assert hours is not None
    qtbot.mouseClick(hours, Qt.MouseButton.LeftButton, pos=QPoint(8, hours.height() // 2))
    qtbot.waitUntil(hours.hasSelectedText)
    qtbot.keyClicks(dialog.start_time, "0730")  # the hour, then on into the minutes
    assert dialog.start_time.time() == QTime(7, 30)

    day = dialog.day.lineEdit()  # "Wed 25 Nov 2026": the day of the month after the weekday
    assert day is not None
    x = day.fontMetrics().horizontalAdvance("Wed 2") + 2
    qtbot.mouseClick(day, Qt.MouseButton.LeftButton, pos=QPoint(x, day.height() // 2))
    qtbot.waitUntil(lambda: day.selectedText() == "25")
    qtbot.keyClicks(dialog.day, "28")
    assert dialog.day.date() == QDate(2026, 11, 28)


def test_a_date_entered_with_tab_takes_typed_digits_as_the_day(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog  # "Wed 25 Nov 2026": Qt would start on the weekday, which digits miss
    dialog.day.setFocus(Qt.FocusReason.TabFocusReason)
    line = dialog.day.lineEdit()
    assert line is not None
    qtbot.waitUntil(lambda: line.selectedText() == "25")
    qtbot.keyClicks(dialog.day, "28")
    assert dialog.day.date() == QDate(2026, 11, 28)


def test_a_field_closed_right_after_a_click_on_it_leaves_nothing_behind(
    qtbot: QtBot, hub: Hub
) -> None:
    dialog = ActivityDialog(hub=hub, day=DAY)
    dialog.show()
    qtbot.waitExposed(dialog)
    hours = dialog.start_time.lineEdit()
    assert hours is not None
    qtbot.mouseClick(hours, Qt.MouseButton.LeftButton, pos=QPoint(8, hours.height() // 2))
    shiboken6.delete(dialog)  # gone before the click's selection is made
    QCoreApplication.processEvents()  # the pending selection must not reach the dead field


def test_enter_in_the_title_saves(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    qtbot.keyClicks(new_dialog.title, "Walk")
    qtbot.keyClick(new_dialog.title, Qt.Key.Key_Return)
    assert new_dialog.result() == QDialog.DialogCode.Accepted
    assert _titles_on(plan_services, DAY) == ["Walk"]


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("1:00", 60), ("1:30", 90), ("1 hour", 60), ("1h", 60), ("2 hours", 120), ("1.5h", 90),
     ("1h 15", 75), ("1 h 15 min", 75), ("50", 50), ("50 min", 50)],
)  # fmt: skip
def test_a_length_typed_in_hours_is_read_as_such(
    qtbot: QtBot, new_dialog: ActivityDialog, typed: str, minutes: int
) -> None:
    """A trial: "1:00" typed over "45 min" became 100 minutes, and "1 hour" or "1h" was
    quietly put back to what it was."""
    dialog = new_dialog
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, typed)
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Tab)
    assert dialog.duration.value() == minutes
    assert dialog.duration.text() == f"{minutes} min"


@pytest.mark.parametrize("typed", ["soon", "1:75", "10:", "1h 75", "1" * 400 + "h", "0.5h" * 90])
def test_a_length_that_is_no_length_is_not_taken(
    qtbot: QtBot, new_dialog: ActivityDialog, typed: str
) -> None:
    """Letters no length is written with are refused; what is left half-typed as the field
    is left puts back the length it had (a review: "1:75" had kept 67 minutes, the "1:7"
    typed on the way, and 400 digits pasted had crashed the app)."""
    dialog = new_dialog
    before = dialog.duration.value()
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    if len(typed) > 20:  # pasted
        dialog.duration.lineEdit().insert(typed)
    else:
        qtbot.keyClicks(dialog.duration, typed)
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Tab)
    assert dialog.duration.value() == before
    assert dialog.duration.text() == f"{before} min"


def test_a_length_stepped_to_is_what_a_half_typed_one_puts_back(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """A review: Up twice, then "2:" left half-typed, put back the length the field had when
    entered, not the one the arrows had chosen."""
    box = new_dialog.duration
    box.setFocus()
    before = box.value()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    stepped = box.value()
    assert stepped == before + 2 * box.singleStep()
    box.selectAll()
    qtbot.keyClicks(box, "2:")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() == stepped


def test_a_length_that_is_no_length_is_said_when_saving(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    """A trial typed "0" and clicked Save: it saved 45 minutes without a word."""
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Walk")
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("“0” is not a length I can plan (from 5 to ")
    assert dialog.error.text().endswith("it stays 45 min.")
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "1:")  # half-typed, saved with Ctrl+Enter: said too
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error.text().startswith("“1:” is not a length")
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "1:15")
    _save(qtbot, dialog)
    assert dialog.saved is not None and dialog.saved.duration == timedelta(minutes=75)


def test_duration_typed_by_hand_is_used(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Long read")
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "90")
    assert dialog.duration.value() == 90
    # A duration the user chose is kept when the category changes afterwards.
    dialog.category.setCurrentIndex(dialog.category.findData(Category.GROWTH))
    assert dialog.duration.value() == 90
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.duration == timedelta(minutes=90)


def test_the_category_sets_a_typical_length_until_the_user_chooses_one(
    new_dialog: ActivityDialog,
) -> None:
    dialog = new_dialog
    for category in (Category.REFLECTION, Category.OUTING, Category.MEETUP):
        dialog.category.setCurrentIndex(dialog.category.findData(category))
        assert dialog.duration.value() == category.typical_duration.total_seconds() // 60


def test_typing_a_category_name_selects_it(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    combo = new_dialog.category
    combo.setFocus()
    qtbot.keyClicks(combo, "Ref")
    assert new_dialog.selected_category() is Category.REFLECTION
    assert new_dialog.duration.value() == 30


# -- all day ---------------------------------------------------------------------------------


def test_all_day_hides_the_time_row_and_shows_the_last_day(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    assert dialog.all_day.isChecked()
    assert not dialog.start_time.isVisible()
    assert not dialog.duration.isVisible()
    assert dialog.last_day.isVisible()
    assert dialog.last_day.date() == dialog.day.date()

    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    assert not dialog.all_day.isChecked()
    assert dialog.start_time.isVisible()
    assert not dialog.last_day.isVisible()


def test_saving_an_all_day_activity_stores_dates(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Weekend away")
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    dialog.last_day.setDate(QDate(2026, 11, 27))
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.all_day
    assert (saved.start, saved.end) == (date(2026, 11, 25), date(2026, 11, 28))


def test_a_space_period_is_all_day_for_a_week(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    dialog = new_dialog
    dialog.category.setCurrentIndex(dialog.category.findData(Category.SPACE))
    assert dialog.all_day.isChecked()
    assert dialog.last_day.isVisible()
    assert dialog.last_day.date() == QDate(2026, 12, 1)


def test_moving_the_first_day_past_the_last_day_moves_the_last_day(
    new_dialog: ActivityDialog,
) -> None:
    dialog = new_dialog
    dialog.all_day.setChecked(True)
    dialog.day.setDate(QDate(2026, 12, 4))
    assert dialog.last_day.date() == QDate(2026, 12, 4)


def _type_date(qtbot: QtBot, field: QDateEdit, text: str) -> None:
    """Ctrl+A in the date field, `text`, then Tab, as a person retypes a date (each key to
    whatever has the focus: the text typed over the field is a line of its own)."""
    field.window().activateWindow()
    qtbot.waitActive(field.window())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for character in text:
        qtbot.keyClicks(QApplication.focusWidget(), character)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not field.hasFocus())


def test_moving_the_first_day_of_a_span_of_days_keeps_its_length(qtbot: QtBot, hub: Hub) -> None:
    activity = _timed(
        hub, category=Category.SPACE, start=date(2026, 12, 12), end=date(2026, 12, 19),
        all_day=True,
    )  # fmt: skip
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.last_day.date() == QDate(2026, 12, 18)
    _type_date(qtbot, dialog.day, "7 Dec 2026")
    assert dialog.day.date() == QDate(2026, 12, 7)
    assert dialog.last_day.date() == QDate(2026, 12, 13)  # still seven days, not twelve
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert (saved.start, saved.end) == (date(2026, 12, 7), date(2026, 12, 14))


def test_the_last_day_of_a_span_of_days_is_edited_on_its_own(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    _type_date(qtbot, dialog.last_day, "29 Nov 2026")
    assert dialog.day.date() == QDate(2026, 11, 25)  # the first day stays
    _type_date(qtbot, dialog.day, "27 Nov 2026")
    assert dialog.last_day.date() == QDate(2026, 12, 1)
    _type_date(qtbot, dialog.last_day, "28 Nov 2026")
    assert (dialog.day.date(), dialog.last_day.date()) == (QDate(2026, 11, 27), QDate(2026, 11, 28))


# -- validation ------------------------------------------------------------------------------


def test_a_title_of_invisible_marks_alone_is_no_title_but_an_old_one_stays_editable(
    qtbot: QtBot, hub: Hub, plan_services: Services
) -> None:
    """A zero-width space passed for a title (a paste, a terminal); one stored before the
    rule, or imported, must not lock its activity."""
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    dialog.title.setText("\u200b ")
    with qtbot.assertNotEmitted(dialog.accepted):
        _save(qtbot, dialog)
    assert dialog.findChild(QLabel, "error").text() == "Please give the activity a title."
    assert _titles_on(plan_services, DAY) == []
    dialog.reject()

    old = _timed(hub, title="\u200b")
    editor = _open(qtbot, ActivityDialog(hub=hub, activity=old))
    qtbot.keyClicks(editor.location, ", by the park")
    _save(qtbot, editor)
    assert hub.activity(old.uid).location == "Kitchen table, by the park"


def test_an_empty_title_shows_an_inline_error_and_saves_nothing(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    dialog = new_dialog
    error = dialog.findChild(QLabel, "error")
    size = dialog.size()
    with qtbot.assertNotEmitted(dialog.accepted):
        _save(qtbot, dialog)
    assert error.isVisible()
    assert error.text() == "Please give the activity a title."
    assert dialog.isVisible()
    assert dialog.saved is None
    assert _titles_on(plan_services, DAY) == []
    # The cursor waits in the title, and the message goes once it is typed.
    qtbot.waitUntil(dialog.title.hasFocus)
    qtbot.keyClicks(QApplication.focusWidget(), "Tea")
    assert dialog.title.text() == "Tea"
    assert not error.isVisible()
    # ... and the room it took: left, it spread the rows out of line with their labels.
    assert dialog.size() == size


def test_a_size_chosen_by_hand_while_the_message_shows_is_kept(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog
    _save(qtbot, dialog)  # no title: the message shows
    chosen = dialog.size() + QSize(120, 80)
    dialog.resize(chosen)
    qtbot.keyClicks(dialog.title, "Tea")
    assert not dialog.findChild(QLabel, "error").isVisible()
    assert dialog.size() == chosen


def test_a_last_day_before_the_first_is_refused(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Backwards")
    dialog.all_day.setChecked(True)
    dialog.last_day.setDate(QDate(2026, 11, 20))
    _save(qtbot, dialog)
    error = dialog.findChild(QLabel, "error")
    assert error.isVisible()
    assert "last day" in error.text()
    assert dialog.isVisible()
    assert _titles_on(plan_services, DAY) == []


def test_an_overlong_title_is_refused(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    new_dialog.title.setText("x" * 201)
    _save(qtbot, new_dialog)
    assert new_dialog.error.isVisible()
    assert "200" in new_dialog.error.text()
    assert new_dialog.saved is None


def _leave_question(qtbot: QtBot, dialog: ActivityDialog) -> QMessageBox:
    question = wait_for_dialog(qtbot, dialog, QMessageBox)
    assert question.objectName() == "leave_without_saving"
    return question


def test_cancel_after_typing_asks_first_and_saves_nothing(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    qtbot.keyClicks(new_dialog.title, "Never mind")
    qtbot.keyClicks(new_dialog.notes, "Words I would not want to lose by a slip of Escape.")
    qtbot.keyClick(new_dialog, Qt.Key.Key_Escape)
    question = _leave_question(qtbot, new_dialog)
    assert question.text() == "This new activity will not be kept."  # there is none yet
    assert menu_words(question.defaultButton().text()) == "Keep Editing"
    with qtbot.waitSignal(question.finished):
        qtbot.keyClick(question, Qt.Key.Key_Escape)  # Escape again: keep editing
    assert new_dialog.isVisible()
    assert new_dialog.notes.toPlainText().startswith("Words I would not")

    qtbot.mouseClick(new_dialog.cancel_button, Qt.MouseButton.LeftButton)
    question = _leave_question(qtbot, new_dialog)
    leave = next(b for b in question.buttons() if menu_words(b.text()) == "Leave Without Saving")
    with qtbot.waitSignal(new_dialog.rejected):
        qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    assert new_dialog.saved is None
    assert _titles_on(plan_services, DAY) == []


def test_cancel_after_changing_a_stored_activity_speaks_of_its_changes(
    qtbot: QtBot, hub: Hub
) -> None:
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=_timed(hub)))
    qtbot.keyClicks(dialog.notes, " And a fourth.")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    question = _leave_question(qtbot, dialog)
    assert question.text() == "What you changed in this activity will not be kept."
    with qtbot.waitSignal(question.finished):
        qtbot.keyClick(question, Qt.Key.Key_Escape)


def test_an_untouched_form_closes_at_once(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    with qtbot.waitSignal(new_dialog.rejected):
        qtbot.keyClick(new_dialog, Qt.Key.Key_Escape)
    assert new_dialog.findChild(QMessageBox, "leave_without_saving") is None


# -- editing ---------------------------------------------------------------------------------


def test_editing_loads_every_field(qtbot: QtBot, hub: Hub) -> None:
    activity = _timed(hub)
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.windowTitle() == "Edit Activity"
    assert dialog.title.text() == "Morning pages"
    assert dialog.selected_category() is Category.REFLECTION
    assert dialog.step.currentData() == 2
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.start_time.time() == QTime(9, 30)
    assert dialog.duration.value() == 40
    assert dialog.location.text() == "Kitchen table"
    assert dialog.notes.toPlainText() == "Three pages, no editing."
    assert not dialog.all_day.isChecked()
    assert dialog.delete_button is not None
    assert dialog.delete_button.isVisible()
    assert not dialog.repeat_note.isVisible()


def test_editing_an_all_day_activity_loads_its_last_day(qtbot: QtBot, hub: Hub) -> None:
    activity = _timed(hub, category=Category.SPACE, start=DAY, end=date(2026, 12, 5), all_day=True)
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.all_day.isChecked()
    assert dialog.last_day.isVisible()
    assert dialog.last_day.date() == QDate(2026, 12, 4)
    assert not dialog.start_time.isVisible()


def test_a_space_period_given_a_time_is_offered_an_hour(qtbot: QtBot, hub: Hub) -> None:
    """Not its three weeks in minutes ("for 10080 min", a trial)."""
    activity = _timed(hub, category=Category.SPACE, start=DAY, end=date(2026, 12, 5), all_day=True)
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    assert not dialog.all_day.isChecked()
    assert dialog.duration.value() == 60


def test_saving_an_edit_updates_the_same_activity(
    qtbot: QtBot, hub: Hub, plan_services: Services
) -> None:
    activity = _timed(hub)
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Evening pages")
    dialog.start_time.setTime(QTime(21, 0))
    with qtbot.waitSignal(hub.changed):
        _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.uid == activity.uid
    assert saved.revision == activity.revision + 1
    assert saved.title == "Evening pages"
    assert saved.start == datetime(2026, 11, 25, 21, 0, tzinfo=BERLIN)
    assert saved.duration == timedelta(minutes=40)
    assert saved.location == "Kitchen table"
    assert plan_services.activities.get(activity.uid) == saved


def test_editing_a_series_says_so_and_keeps_the_rule(qtbot: QtBot, hub: Hub) -> None:
    activity = _timed(hub, rrule="FREQ=WEEKLY;COUNT=4")
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.repeat_note.isVisible()
    assert "repeats" in dialog.repeat_note.text()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Weekly pages")
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.rrule == activity.rrule
    assert saved.recurring


def test_an_edit_keeps_the_activitys_own_zone(qtbot: QtBot, hub: Hub) -> None:
    start = datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)
    activity = _timed(hub, zone="America/New_York", start=start, end=start + timedelta(hours=1))
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.start_time.time() == QTime(9, 0)  # shown in the plan's zone
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.zone == "America/New_York"
    assert saved.start == start


def test_delete_button_asks_the_owner_and_stays_open(qtbot: QtBot, hub: Hub) -> None:
    activity = _timed(hub)
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    assert dialog.delete_button is not None
    assert dialog.delete_button.text() == "Delete"  # no ellipsis: no question follows
    with qtbot.waitSignal(dialog.delete_requested):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # closing is the owner's call, after confirming
    assert dialog.saved is None
    assert hub.activity(activity.uid) == activity  # the dialog itself deletes nothing


def test_editing_a_long_timed_activity_keeps_its_length(qtbot: QtBot, hub: Hub) -> None:
    start = datetime(2026, 11, 25, 20, 0, tzinfo=BERLIN)
    activity = _timed(hub, start=start, end=start + timedelta(hours=26))
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=activity))
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Night train to Vienna")
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.duration == timedelta(hours=26)


# -- suggestions -----------------------------------------------------------------------------


def test_a_timed_suggestion_prefills_title_category_step_and_length(qtbot: QtBot, hub: Hub) -> None:
    idea = hub.program.step(StepNumber(3)).suggestions[1]
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY, suggestion=(StepNumber(3), idea)))
    assert dialog.title.text() == "Simple self-care routine"
    assert dialog.selected_category() is Category.SELF_CARE
    assert dialog.step.currentData() == 3
    assert not dialog.all_day.isChecked()
    assert dialog.duration.value() == 30
    assert dialog.day.date() == QDate(2026, 11, 25)


def test_every_form_label_is_a_plain_word_with_its_field(new_dialog: ActivityDialog) -> None:
    # A label with "&" and no buddy shows the ampersand literally.
    for label in new_dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()
    date_labels = [label for label in new_dialog.findChildren(QLabel) if label.text() == "&Date"]
    assert [label.buddy() for label in date_labels] == [new_dialog.day]


def test_saving_a_series_keeps_its_changed_instances_and_exceptions(qtbot: QtBot, hub: Hub) -> None:
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 27, 9, 30),
        start=datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN),
        end=datetime(2026, 11, 27, 18, 40, tzinfo=BERLIN),
        title="Journaling, evening",
    )
    series = _timed(
        hub, rrule="FREQ=DAILY;COUNT=5", exdates=(datetime(2026, 11, 26, 9, 30),),
        overrides=(moved,),
    )  # fmt: skip
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=series))
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Evening pages")
    _save(qtbot, dialog)
    stored = hub.activity(series.uid)
    assert stored.title == "Evening pages"
    assert stored.overrides == (moved,)
    assert stored.exdates == (datetime(2026, 11, 26, 9, 30),)


# -- the repeat editor -----------------------------------------------------------------------


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item the way a keyboard user does: Home, then the down arrow until it shows."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not in {combo.objectName()}")


def _type_number(qtbot: QtBot, box: QSpinBox, value: int) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))
    assert box.value() == value


def _day_button(dialog: ActivityDialog, weekday: int) -> QToolButton:
    return dialog.repeat.findChild(QToolButton, f"repeat_day_{weekday}")


def test_a_new_activity_does_not_repeat_until_asked(new_dialog: ActivityDialog) -> None:
    editor = new_dialog.repeat
    assert editor.frequency.currentText() == "Does not repeat"
    assert not editor.interval.isVisible()
    assert not editor.summary.isVisible()
    assert not editor.custom_summary.isVisible()
    assert editor.rule() is None


def test_every_weekday_is_one_choice_and_shows_as_weekly_on_those_days(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """A keyboard trial: Monday to Friday took Weekly, then Tab and Space across four more
    day buttons."""
    dialog = new_dialog  # Wednesday 25 November
    qtbot.keyClicks(dialog.title, "Journal")
    frequency = dialog.repeat.frequency
    frequency.setFocus()
    qtbot.keyClick(frequency, Qt.Key.Key_End)  # the last choice
    assert frequency.currentText() == "Weekly"  # shown as what it is, to change further
    assert [_day_button(dialog, n).isChecked() for n in range(7)] == [True] * 5 + [False] * 2
    assert dialog.repeat.summary.text() == "Every weekday"
    _choose(qtbot, dialog.repeat.frequency, "Monthly")  # the arrows still pass Weekly by
    assert dialog.repeat.frequency.currentText() == "Monthly"
    qtbot.keyClick(frequency, Qt.Key.Key_End)
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def test_weekly_on_chosen_weekdays_a_number_of_times(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog  # Wednesday 25 November
    qtbot.keyClicks(dialog.title, "Stretch")
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    assert _day_button(dialog, 2).isChecked()  # the start's own weekday to begin with
    assert dialog.repeat.summary.text() == "Every Wednesday"
    qtbot.mouseClick(_day_button(dialog, 3), Qt.MouseButton.LeftButton)  # and Thursday
    qtbot.mouseClick(dialog.repeat.end_count, Qt.MouseButton.LeftButton)
    _type_number(qtbot, dialog.repeat.count, 8)
    assert dialog.repeat.summary.text() == "Every Wednesday and Thursday, 8 times"
    _save(qtbot, dialog)
    saved = dialog.saved
    assert saved is not None
    assert saved.rrule == "FREQ=WEEKLY;COUNT=8;BYDAY=WE,TH"
    assert saved.start == datetime.combine(DAY, DEFAULT_START, tzinfo=BERLIN)


def test_the_weekday_buttons_run_in_the_calendars_order(qtbot: QtBot, hub: Hub) -> None:
    """Where weeks start on Sunday (the US), the calendar does and so do the buttons; the
    rule written stays the same, whichever button is where."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))  # Wednesday 25 November
    qtbot.keyClicks(dialog.title, "Stretch")
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    row = sorted(dialog.repeat.day_buttons, key=lambda button: button.x())
    assert [button.text() for button in row] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    qtbot.mouseClick(row[0], Qt.MouseButton.LeftButton)  # and Sunday
    _save(qtbot, dialog)
    assert dialog.saved is not None and dialog.saved.rrule == "FREQ=WEEKLY;BYDAY=WE,SU"


def test_the_last_chosen_weekday_cannot_be_unchosen(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    _choose(qtbot, new_dialog.repeat.frequency, "Weekly")
    qtbot.mouseClick(_day_button(new_dialog, 2), Qt.MouseButton.LeftButton)
    assert _day_button(new_dialog, 2).isChecked()
    assert new_dialog.repeat.summary.text() == "Every Wednesday"


def test_weekdays_without_the_start_day_begin_on_the_first_chosen_day(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog  # Wednesday 25 November
    qtbot.keyClicks(dialog.title, "Swim")
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    qtbot.mouseClick(_day_button(dialog, 4), Qt.MouseButton.LeftButton)  # Friday
    qtbot.mouseClick(_day_button(dialog, 2), Qt.MouseButton.LeftButton)  # not Wednesday
    assert dialog.repeat.summary.text() == "Every Friday (the first on Friday 27 November)"
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.start == datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)


def test_monthly_on_the_second_tuesday_every_two_months_until_a_date(
    qtbot: QtBot, hub: Hub
) -> None:
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=date(2026, 11, 10)))
    qtbot.keyClicks(dialog.title, "Long talk with myself")
    _choose(qtbot, dialog.repeat.frequency, "Monthly")
    editor = dialog.repeat
    assert [editor.monthly.itemText(i) for i in range(editor.monthly.count())] == [
        "On the 10th",
        "On the 2nd Tuesday",
    ]
    _choose(qtbot, editor.monthly, "On the 2")
    _type_number(qtbot, editor.interval, 2)
    qtbot.mouseClick(editor.end_until, Qt.MouseButton.LeftButton)
    editor.until.setDate(QDate(2027, 7, 31))
    assert editor.summary.text() == "Every 2 months on the 2nd Tuesday until 31 July 2027"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    editor.until.setDate(QDate(2027, 7, 30))  # read again: the date as a US computer writes it
    assert editor.summary.text() == "Every 2 months on the 2nd Tuesday until July 30, 2027"
    editor.until.setDate(QDate(2027, 7, 31))
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.rrule == "FREQ=MONTHLY;INTERVAL=2;UNTIL=20270731T215959Z;BYDAY=+2TU"


def test_daily_and_yearly_are_summed_up_too(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    editor = new_dialog.repeat
    _choose(qtbot, editor.frequency, "Daily")
    assert editor.summary.text() == "Every day"
    _type_number(qtbot, editor.interval, 3)
    assert editor.summary.text() == "Every 3 days"
    _choose(qtbot, editor.frequency, "Yearly")
    assert editor.summary.text() == "Every 3 years on 25 November"


def test_an_end_before_the_start_is_explained_and_nothing_is_saved(
    qtbot: QtBot, new_dialog: ActivityDialog, plan_services: Services
) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Walk")
    _choose(qtbot, dialog.repeat.frequency, "Daily")
    qtbot.mouseClick(dialog.repeat.end_until, Qt.MouseButton.LeftButton)
    dialog.repeat.until.setDate(QDate(2026, 11, 20))
    assert dialog.repeat.summary.text() == "A repeat cannot end before its first day."
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error.text() == "A repeat cannot end before its first day."
    assert _titles_on(plan_services, DAY) == []


def test_moving_the_date_past_the_repeats_end_moves_the_end_with_it(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """An end left before the new first day ended the series before it began (trial: 'Ends
    on' stayed in March when the start moved past it)."""
    dialog = new_dialog  # Wednesday 25 November
    qtbot.keyClicks(dialog.title, "Walk")
    _choose(qtbot, dialog.repeat.frequency, "Daily")
    qtbot.mouseClick(dialog.repeat.end_until, Qt.MouseButton.LeftButton)
    dialog.repeat.until.setDate(QDate(2026, 12, 5))  # ten days of walks
    _type_date(qtbot, dialog.day, "1 Dec 2026")
    assert dialog.repeat.until.date() == QDate(2026, 12, 5)  # passed by: the end stays
    _type_date(qtbot, dialog.day, "15 Dec 2026")
    assert dialog.repeat.until.date() == QDate(2026, 12, 25)  # still ten days
    assert dialog.repeat.summary.text() != "A repeat cannot end before its first day."
    _type_date(qtbot, dialog.day, "25 Nov 2026")
    assert dialog.repeat.until.date() == QDate(2026, 12, 5)  # back as it was chosen
    _type_date(qtbot, dialog.day, "15 Dec 2026")
    _save(qtbot, dialog)
    assert dialog.saved is not None and "UNTIL=20261225" in (dialog.saved.rrule or "")


def test_moving_the_date_moves_a_lone_weekday_with_it(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    dialog = new_dialog
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    dialog.day.setDate(QDate(2026, 11, 27))  # a Friday
    assert _day_button(dialog, 4).isChecked() and not _day_button(dialog, 2).isChecked()
    assert dialog.repeat.summary.text() == "Every Friday"


def test_a_series_opens_with_its_rule_in_the_controls(qtbot: QtBot, hub: Hub) -> None:
    series = _timed(hub, rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=MO,WE")
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=series))
    editor = dialog.repeat
    assert editor.frequency.currentText() == "Weekly"
    assert editor.interval.value() == 2
    assert [n for n in range(7) if _day_button(dialog, n).isChecked()] == [0, 2]
    assert editor.end_count.isChecked() and editor.count.value() == 6
    assert editor.summary.text() == "Every 2 weeks on Monday and Wednesday, 6 times"
    _type_number(qtbot, editor.count, 4)
    _save(qtbot, dialog)
    assert hub.activity(series.uid).rrule == "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=MO,WE"


def test_a_rule_the_editor_cannot_show_is_kept_read_only_until_replaced(
    qtbot: QtBot, hub: Hub
) -> None:
    series = _timed(hub, rrule="FREQ=MONTHLY;BYMONTHDAY=1,15")
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=series))
    editor = dialog.repeat
    assert editor.custom_summary.isVisible()
    assert editor.custom_summary.text() == "Monthly on the 1st and 15th"
    assert not editor.frequency.isVisible()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Budget check")
    _save(qtbot, dialog)
    assert hub.activity(series.uid).rrule == "FREQ=MONTHLY;BYMONTHDAY=1,15"  # kept exactly

    again = _open(qtbot, ActivityDialog(hub=hub, activity=hub.activity(series.uid)))
    qtbot.mouseClick(again.repeat.replace_button, Qt.MouseButton.LeftButton)
    assert again.repeat.frequency.isVisible()
    assert again.repeat.frequency.currentText() == "Monthly"
    assert again.repeat.summary.text() == "Monthly on the 25th"
    _save(qtbot, again)
    assert hub.activity(series.uid).rrule == "FREQ=MONTHLY"


def test_the_dialog_widens_so_a_repeats_end_date_is_not_cut(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    repeat = new_dialog.repeat
    _choose(qtbot, repeat.frequency, "Weekly")
    qtbot.mouseClick(repeat.end_until, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: repeat.until.isVisible() and repeat.until.isEnabled())

    for field in (repeat.until, repeat.count):
        assert field.width() >= field.sizeHint().width(), field.objectName()
    assert new_dialog.width() >= 440


def test_a_daily_series_begun_in_the_spring_forward_gap_keeps_its_time_on_later_days(
    qtbot: QtBot, hub: Hub, services: Services
) -> None:
    # 02:30 does not exist on 28 March 2027 in Berlin: that first morning it happens at 03:30
    # (RFC 5545), but the days after keep the 02:30 the person typed.
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=date(2027, 3, 28)))
    qtbot.keyClicks(dialog.title, "Early walk")
    dialog.start_time.setTime(QTime(2, 30))
    _choose(qtbot, dialog.repeat.frequency, "Daily")
    _save(qtbot, dialog)
    plan = services.plans.require()
    shown = services.calendar.occurrences(plan, date(2027, 3, 28), date(2027, 3, 30))
    starts = [o.start.astimezone(BERLIN).strftime("%d %H:%M") for o in shown]
    assert starts == ["28 03:30", "29 02:30", "30 02:30"]


def test_a_one_off_in_the_spring_forward_gap_is_stored_at_the_time_it_happens(
    qtbot: QtBot, hub: Hub
) -> None:
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=date(2027, 3, 28)))
    qtbot.keyClicks(dialog.title, "Early walk")
    dialog.start_time.setTime(QTime(2, 30))
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.start.strftime("%H:%M") == "03:30"  # what the day's clock reads


def test_a_new_activity_late_today_starts_at_the_next_hour_not_in_the_past(
    qtbot: QtBot, hub: Hub
) -> None:
    clock = hub.services.clock
    assert isinstance(clock, FixedClock)
    clock.set(datetime(2026, 11, 23, 21, 15, tzinfo=BERLIN))  # an evening, past 18:00
    tonight = _open(qtbot, ActivityDialog(hub=hub, day=TODAY))
    assert tonight.start_time.time() == QTime(22, 0)
    tomorrow = _open(qtbot, ActivityDialog(hub=hub, day=TODAY + timedelta(days=1)))
    assert tomorrow.start_time.time() == QTime(18, 0)
    clock.set(datetime(2026, 11, 23, 23, 10, tzinfo=BERLIN))
    late = _open(qtbot, ActivityDialog(hub=hub, day=TODAY))
    assert late.start_time.time() == QTime(23, 45)  # still today, not 18:00


def test_switching_all_day_back_and_forth_leaves_no_gaps_between_rows(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """A trial user found Repeat and Reminder spread apart after choosing Space and then
    turning All day off: the dialog had grown by a row and given the room to those rows,
    which moved the All day box under the mouse."""
    dialog = new_dialog
    height = dialog.height()
    _choose(qtbot, dialog.category, "Space")  # all-day suggested
    for _ in range(2):
        qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.layout().geometry().height() == dialog.height())
    assert dialog.height() == height
    dialog.resize(dialog.width(), height + 80)  # made taller by hand: the rows keep their size
    qtbot.waitUntil(lambda: dialog.height() == height + 80)
    for row in (dialog.repeat, dialog.reminder.parentWidget()):
        assert row is not None and row.height() == row.sizeHint().height()


def test_a_start_in_the_hour_the_clocks_skip_is_said_before_saving(qtbot: QtBot, hub: Hub) -> None:
    """Drawn at 02:30 on the night Berlin skips 02:00-03:00, an activity was saved at 03:30
    without a word: the form says where it will be, and for a series, the other days."""
    spring = date(2027, 3, 28)
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=spring, at=time(2, 30)))
    note = dialog.time_note

    assert note.isVisible()
    assert "02:30 does not exist" in note.text() and "at 03:30" in note.text()
    dialog.repeat.frequency.setCurrentIndex(dialog.repeat.frequency.findText("Weekly"))
    assert "the other days keep 02:30" in note.text()

    dialog.start_time.setTime(QTime(9, 0))
    assert not note.isVisible()
    dialog.title.setText("Night walk")
    dialog.start_time.setTime(QTime(2, 30))
    dialog.repeat.frequency.setCurrentIndex(0)
    assert note.isVisible() and "other days" not in note.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert dialog.saved.start.astimezone(BERLIN).time() == time(3, 30)  # type: ignore[union-attr]


def test_a_series_in_another_zone_is_not_promised_the_skipped_time_on_other_days(
    qtbot: QtBot, hub: Hub
) -> None:
    """A New York series set to 02:30 on Berlin's spring-forward night repeats at 03:30 in
    Berlin every day (it keeps New York's clock), so "the other days keep 02:30" was wrong."""
    start = datetime(2027, 3, 20, 9, 0, tzinfo=BERLIN)
    call = hub.create_activity(ActivityDraft(
        title="Call home", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="America/New_York",
        rrule="FREQ=DAILY;COUNT=5",
    ))  # fmt: skip
    dialog = _open(qtbot, ActivityDialog(hub=hub, activity=call))

    dialog.day.setDate(QDate(2027, 3, 28))
    dialog.start_time.setTime(QTime(2, 30))

    assert dialog.time_note.isVisible()
    assert "it will be at 03:30" in dialog.time_note.text()
    assert "other days" not in dialog.time_note.text()


def test_each_field_has_its_own_underlined_letter(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    """Alt+R could never reach Repeat: Reminder had R too. Each field's letter takes the
    keyboard straight to it."""
    texts = [label.text() for label in new_dialog.findChildren(QLabel) if label.buddy()]
    texts += [box.text() for box in new_dialog.findChildren(QCheckBox)]
    texts += [button.text() for button in new_dialog.findChildren(QAbstractButton)
              if button.isVisible() and not isinstance(button, QCheckBox)]  # fmt: skip
    keys = access_keys(texts)
    assert len(keys) == len(set(keys)), sorted(keys)
    new_dialog.activateWindow()
    qtbot.waitActive(new_dialog)
    labelled = [(label.text(), label.buddy()) for label in new_dialog.findChildren(QLabel)
                if label.buddy() is not None and label.isVisible()]  # fmt: skip
    assert len(labelled) >= 10
    for text, field in labelled:
        letter = access_keys([text])[0]
        key = Qt.Key(ord(letter.upper()))
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        focused = QApplication.focusWidget()
        assert focused is field or field.isAncestorOf(focused), (text, focused)


def test_a_repeat_s_every_and_end_date_have_letters_of_their_own(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """The repeat's choices had no underlined letter: Alt+V reaches how often, Alt+O ends it
    on a date, and no letter of the editor is taken twice once the repeat shows them all."""
    new_dialog.activateWindow()
    qtbot.waitActive(new_dialog)
    new_dialog.repeat.frequency.setCurrentIndex(2)  # weekly
    texts = [label.text() for label in new_dialog.findChildren(QLabel) if label.buddy()]
    texts += [button.text() for button in new_dialog.findChildren(QAbstractButton)
              if button.isVisible()]  # fmt: skip
    keys = access_keys(texts)
    assert len(keys) == len(set(keys)), sorted(keys)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is new_dialog.repeat.interval
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(new_dialog.repeat.end_until.isChecked)  # Qt shows the press a moment
    assert QApplication.focusWidget() is new_dialog.repeat.end_until


def test_alt_e_reaches_the_ending_chosen_and_arrows_choose_another(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """ "never" and "after" had no letter (an accessibility audit): Ends has one, which goes
    to the ending chosen."""
    new_dialog.activateWindow()
    qtbot.waitActive(new_dialog)
    new_dialog.repeat.frequency.setCurrentIndex(2)  # weekly
    repeat = new_dialog.repeat
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is repeat.end_never
    qtbot.keyClick(repeat.end_never, Qt.Key.Key_Right)
    assert repeat.end_count.isChecked()
    new_dialog.title.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is repeat.end_count


def test_every_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """The start time, the length and the repeat's count and end date had none (an audit)."""
    new_dialog.repeat.frequency.setCurrentIndex(2)
    unnamed = []
    for widget in new_dialog.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if not isinstance(widget, QAbstractButton | QLineEdit | QAbstractSpinBox | QComboBox
                          | QPlainTextEdit):  # fmt: skip
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the field's own typing line: read as the field
        interface = QAccessible.queryAccessibleInterface(widget)
        if not interface.text(QAccessible.Text.Name).strip():
            unnamed.append(widget.objectName() or type(widget).__name__)
    assert unnamed == []


def test_the_end_offered_follows_how_often_it_repeats(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """A trial: a yearly repeat offered to end in three months; choosing "on" as offered
    made a yearly activity that happens once."""
    repeat = new_dialog.repeat
    start = new_dialog.day.date()
    repeat.frequency.setCurrentIndex(repeat.frequency.findData(Frequency.YEARLY))
    assert repeat.until.date() == start.addYears(5)
    repeat.frequency.setCurrentIndex(repeat.frequency.findData(Frequency.MONTHLY))
    assert repeat.until.date() == start.addYears(1)
    repeat.frequency.setCurrentIndex(repeat.frequency.findData(Frequency.WEEKLY))
    assert repeat.until.date() == start.addMonths(3)
    repeat.end_until.setChecked(True)
    repeat.until.setDate(start.addMonths(2))  # chosen: it stays
    repeat.frequency.setCurrentIndex(repeat.frequency.findData(Frequency.YEARLY))
    assert repeat.until.date() == start.addMonths(2)


def test_ctrl_enter_saves_from_the_notes(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    """A trial: Ctrl+Enter, which saves in mail and calendar editors, did nothing; in the
    notes, Enter is a new line."""
    new_dialog.activateWindow()
    qtbot.waitActive(new_dialog)
    new_dialog.title.setText("Evening journaling")
    new_dialog.notes.setFocus()
    qtbot.keyClicks(new_dialog.notes, "A few lines")
    qtbot.keyClick(new_dialog.notes, Qt.Key.Key_Return)
    assert new_dialog.isVisible()  # a new line
    with qtbot.waitSignal(new_dialog.accepted):
        qtbot.keyClick(new_dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert new_dialog.saved is not None and new_dialog.saved.title == "Evening journaling"


def test_a_repeat_ending_after_one_time_says_time(qtbot: QtBot, new_dialog: ActivityDialog) -> None:
    """A re-trial read "Ends after 1 times"; typing on past one still reads as typed."""
    dialog = new_dialog
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    qtbot.mouseClick(dialog.repeat.end_count, Qt.MouseButton.LeftButton)
    _type_number(qtbot, dialog.repeat.count, 1)
    assert dialog.repeat.count.text() == "1 time"
    dialog.repeat.count.selectAll()
    qtbot.keyClicks(dialog.repeat.count, "12")
    assert (dialog.repeat.count.value(), dialog.repeat.count.text()) == (12, "12 times")


def test_a_yearly_repeat_is_summed_up_in_the_computers_order(qtbot: QtBot, hub: Hub) -> None:
    """A US trial read "Every year on 31 October until October 31, 2031"."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    dialog = _open(qtbot, ActivityDialog(hub=hub, day=DAY))
    _choose(qtbot, dialog.repeat.frequency, "Yearly")
    assert dialog.repeat.summary.text() == "Every year on November 25"


def test_the_editor_grows_on_both_sides_when_a_repeat_widens_it(
    qtbot: QtBot, new_dialog: ActivityDialog
) -> None:
    """A trial: choosing Weekly widened the editor to the right alone, off its centre."""
    dialog = new_dialog
    centre = dialog.geometry().center().x()
    width = dialog.width()
    _choose(qtbot, dialog.repeat.frequency, "Weekly")
    qtbot.waitUntil(lambda: dialog.width() > width)
    qtbot.waitUntil(lambda: abs(dialog.geometry().center().x() - centre) <= 1)
