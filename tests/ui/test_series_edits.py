"""Changing or deleting one occurrence of a repeating activity from the month view: the
question (only this one, this and following, all: asked on saving, as calendars ask, and
before a drag or a deletion), what the database then holds, and Ctrl+Z."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.domain.recurrence import MonthlyBy
from planner.services.context import Services
from planner.ui import confirm
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.series_scope import SeriesScopeDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import center, double_click, status_message, wait_closed, wait_for_dialog
from tests.zones import BERLIN

#: The four Wednesdays of the series, in the month the window opens on.
WEDNESDAYS = [date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18), date(2026, 11, 25)]


def _series(window: MainWindow) -> Activity:
    start = datetime.combine(WEDNESDAYS[0], time(18, 0), tzinfo=BERLIN)
    return window.hub.create_activity(
        ActivityDraft(
            title="Run", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=WEEKLY;COUNT=4",
        )
    )  # fmt: skip


def _shown(window: MainWindow) -> list[tuple[date, str, QTime]]:
    """(day, title, local start time) of every chip of November the month view shows."""
    found = []
    for day in (date(2026, 11, 1) + timedelta(days=n) for n in range(30)):
        for occurrence in window.month_view.occurrences_on(day):
            assert isinstance(occurrence.start, datetime)
            local = occurrence.start.astimezone(BERLIN)
            found.append((day, occurrence.title, QTime(local.hour, local.minute)))
    return found


def _open(qtbot: QtBot, window: MainWindow, day: date, uid: str) -> ActivityDialog:
    view = window.month_view
    double_click(qtbot, view, center(view.chip_rect(uid, day)))
    return wait_for_dialog(qtbot, window, ActivityDialog)


def _ask(qtbot: QtBot, dialog: ActivityDialog) -> SeriesScopeDialog:
    """Save in the editor of one of a series: the question asked then."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return wait_for_dialog(qtbot, dialog, SeriesScopeDialog)


def _save_for(qtbot: QtBot, dialog: ActivityDialog, answer: str) -> None:
    question = _ask(qtbot, dialog)
    _answer(qtbot, question, question.findChild(QPushButton, answer))
    wait_closed(qtbot, dialog)


def _answer(qtbot: QtBot, question: SeriesScopeDialog, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, question)


def _retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _save(qtbot: QtBot, dialog: ActivityDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.month_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_only_this_one_changes_that_date_alone_and_ctrl_z_restores_it(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    before = _shown(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)  # nothing asked yet
    assert dialog.day.date() == QDate(2026, 11, 18)  # the day opened on, as it is
    assert dialog.repeat_note.text() == (
        "This is the one on Wednesday 18 November of a repeating activity. When you save, "
        "you choose whether your changes are for it alone, for it and the ones after it, "
        "or for all of them."
    )
    _retype(qtbot, dialog.title, "Run by the river")
    dialog.start_time.setTime(QTime(20, 0))
    question = _ask(qtbot, dialog)
    assert question.windowTitle() == "Save a Repeating Activity"
    assert question.findChild(QLabel, "question").text() == (
        "“Run” repeats. Save your changes for the one on Wednesday 18 November only, for it "
        "and the ones after it, or for all of them?"
    )
    assert question.only_this.isVisible() and question.only_this.isDefault()
    _answer(qtbot, question, question.only_this)
    wait_closed(qtbot, dialog)
    # That day's own title, not the series' (a trial read "Saved “Run”").
    assert status_message(main_window) == "Saved “Run by the river”. Undo with Ctrl+Z."

    changed = (WEDNESDAYS[2], "Run by the river", QTime(20, 0))
    assert _shown(main_window) == [
        changed if day == WEDNESDAYS[2] else (day, "Run", QTime(18, 0)) for day in WEDNESDAYS
    ]
    stored = plan_services.activities.get(series.uid)
    assert stored.rrule == series.rrule and stored.start == series.start
    evening = datetime(2026, 11, 18, 20, 0, tzinfo=BERLIN)
    assert stored.overrides == (
        OccurrenceOverride(recurrence_id=datetime(2026, 11, 18, 18, 0), start=evening,
                           end=evening + timedelta(minutes=30), title="Run by the river"),
    )  # fmt: skip
    assert main_window.undo_action.text() == "&Undo Edit “Run by the river” on Wed 18 Nov"

    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == series
    assert _shown(main_window) == before


def test_editing_all_of_a_series_says_so_in_the_undo_step(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """ "Undo Edit “Run”" did not say that every one of them would go back."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    _retype(qtbot, dialog.title, "Evening run")
    _save_for(qtbot, dialog, "all")

    assert {title for _, title, _ in _shown(main_window)} == {"Evening run"}
    assert plan_services.activities.get(series.uid).start == series.start  # the day stays
    assert main_window.undo_action.text() == "&Undo Edit every “Evening run”"
    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == series


def test_a_series_made_a_one_off_says_every_in_its_undo_step(main_window: MainWindow) -> None:
    """Undo brings every one of its days back, so the step says so."""
    series = _series(main_window)
    main_window.hub.update_activity(series.uid, replace(series.draft(), rrule=None))
    assert main_window.undo_action.text() == "&Undo Edit every “Run”"


def test_this_and_following_splits_the_series_and_undo_and_redo_keep_the_uids(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    assert dialog.day.date() == QDate(2026, 11, 18)
    assert dialog.repeat.summary.text() == "Every Wednesday, 4 times"  # the series, as it is
    _retype(qtbot, dialog.title, "Evening run")
    dialog.start_time.setTime(QTime(19, 0))
    _save_for(qtbot, dialog, "following")

    assert _shown(main_window) == [
        (WEDNESDAYS[0], "Run", QTime(18, 0)), (WEDNESDAYS[1], "Run", QTime(18, 0)),
        (WEDNESDAYS[2], "Evening run", QTime(19, 0)), (WEDNESDAYS[3], "Evening run", QTime(19, 0)),
    ]  # fmt: skip
    head = plan_services.activities.get(series.uid)
    assert head.rrule == "FREQ=WEEKLY;UNTIL=20261111T170000Z"
    tail = dialog.saved  # what is left of four
    assert tail is not None and tail.uid != series.uid
    assert plan_services.activities.get(tail.uid).rrule == "FREQ=WEEKLY;COUNT=2"
    assert main_window.undo_action.text() == "&Undo Edit “Evening run” from Wed 18 Nov on"

    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == series
    assert plan_services.activities.snapshots([tail.uid]) == {}
    assert {title for _, title, _ in _shown(main_window)} == {"Run"}

    qtbot.keyClick(
        main_window.month_view, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert plan_services.activities.get(tail.uid) == tail  # the same new series, UID and all
    assert plan_services.activities.get(series.uid) == head


def test_deleting_one_occurrence_adds_an_exception_and_ctrl_z_restores_it(
    qtbot: QtBot,
    main_window: MainWindow,
    plan_services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask", lambda _p, _t, text, **_b: asked.append(text) or True)
    series = _series(main_window)
    (last,) = main_window.month_view.occurrences_on(WEDNESDAYS[3])
    main_window.hub.mark(last, Status.DONE, Reflection("Easy today", 4))
    series = plan_services.activities.get(series.uid)
    before = plan_services.activities.snapshot(series.uid)
    view = main_window.month_view
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(series.uid, WEDNESDAYS[1]))
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert question.windowTitle() == "Delete a Repeating Activity"
    _answer(qtbot, question, question.only_this)

    assert asked == []  # the reflection is on another day, which stays
    assert [day for day, _, _ in _shown(main_window)] == [WEDNESDAYS[0], *WEDNESDAYS[2:]]
    assert plan_services.activities.get(series.uid).exdates == (datetime(2026, 11, 11, 18, 0),)
    assert status_message(main_window) == (
        "Deleted “Run” on Wednesday 11 November. Undo with Ctrl+Z."
    )
    assert main_window.undo_action.text() == "&Undo Delete “Run” on Wed 11 Nov"

    _undo(qtbot, main_window)
    assert status_message(main_window) == "Undone: Delete “Run” on Wed 11 Nov"  # which day
    assert plan_services.activities.snapshot(series.uid) == before
    assert [day for day, _, _ in _shown(main_window)] == WEDNESDAYS


def test_escape_leaves_the_series_as_it_was(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Escape on the question goes back to the editor, what was typed still there."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[1], series.uid)
    _retype(qtbot, dialog.title, "Slow run")
    question = _ask(qtbot, dialog)
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    wait_closed(qtbot, question)
    assert question.choice is None
    assert dialog.isVisible() and dialog.title.text() == "Slow run"
    assert plan_services.activities.get(series.uid) == series
    assert main_window.hub.undo_stack.count() == 1  # only the creation


def test_saving_one_of_a_series_unchanged_asks_nothing_and_saves_nothing(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[1], series.uid)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert not main_window.findChildren(SeriesScopeDialog)
    assert plan_services.activities.get(series.uid) == series
    assert main_window.hub.undo_stack.count() == 1


def test_a_change_all_days_share_does_not_offer_that_day_alone(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Category, step, all-day, repeat and reminder are the series': the question says so."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.step.setCurrentIndex(dialog.step.findData(2))
    dialog.reminder.setCurrentIndex(dialog.reminder.findData(10))
    question = _ask(qtbot, dialog)
    assert question.findChild(QLabel, "question").text() == (
        "“Run” repeats, and what you changed is the same on all of its days (step, reminder). "
        "Save your changes for the one on Wednesday 18 November and the ones after it, or "
        "for all of them?"
    )
    assert not question.only_this.isVisible() and question.following.isDefault()
    _answer(qtbot, question, question.all)
    wait_closed(qtbot, dialog)
    stored = plan_services.activities.get(series.uid)
    assert (stored.step, stored.reminders, stored.start) == (2, (10,), series.start)


def test_a_new_date_saved_for_all_moves_every_day_as_that_one_moved(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Opened on the third Wednesday, moved to Thursday at 19:00: all of them go to
    Thursdays at 19:00, as a drag does, the series' first day included."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 11, 19))
    dialog.start_time.setTime(QTime(19, 0))
    _save_for(qtbot, dialog, "all")
    assert _times(main_window) == [(day + timedelta(days=1), QTime(19, 0)) for day in WEDNESDAYS]
    assert plan_services.activities.get(series.uid).rrule == series.rrule  # follows its start

    # Two weeks on, into December: the month follows it there (a trial was left behind).
    dialog = _open(qtbot, main_window, date(2026, 11, 19), series.uid)
    dialog.day.setDate(QDate(2026, 12, 3))
    _save_for(qtbot, dialog, "all")
    view = main_window.month_view
    assert view.month == (2026, 12)
    chosen = view.selected_occurrence
    assert chosen is not None and chosen.first_day(BERLIN) == date(2026, 12, 3)


def test_a_day_changed_on_its_own_shows_what_its_editor_saved_for_all(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Its own time or title had stayed: the change saved from it seemed not to reach it."""
    series = _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    evening = datetime(2026, 11, 18, 20, 0, tzinfo=BERLIN)
    apart = replace(series.draft(), start=evening, end=evening + timedelta(minutes=30),
                    title="Run with Sam")  # fmt: skip
    main_window.hub.update_occurrence(series.uid, third.recurrence_id, apart)
    before = plan_services.activities.get(series.uid)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    assert dialog.title.text() == "Run with Sam" and dialog.start_time.time() == QTime(20, 0)
    dialog.start_time.setTime(QTime(21, 0))
    _save_for(qtbot, dialog, "all")
    assert _shown(main_window) == [
        (day, "Run with Sam" if day == WEDNESDAYS[2] else "Run", QTime(21, 0)) for day in WEDNESDAYS
    ]  # its own title kept, the new time taken, as the editor showed it
    assert main_window.undo_action.text() == "&Undo Edit every “Run”"
    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == before  # one step

    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    _retype(qtbot, dialog.title, "Long run")
    _save_for(qtbot, dialog, "following")
    assert _shown(main_window) == [
        (WEDNESDAYS[0], "Run", QTime(18, 0)), (WEDNESDAYS[1], "Run", QTime(18, 0)),
        (WEDNESDAYS[2], "Long run", QTime(20, 0)), (WEDNESDAYS[3], "Long run", QTime(18, 0)),
    ]  # fmt: skip


def test_a_new_date_and_a_new_repeat_saved_together_keep_every_day(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: Wednesday moved to Thursday with a new end, saved for all, kept Wednesdays
    and lost the first week; from here on, the day landed on the next Wednesday."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 11, 19))
    assert dialog.repeat.summary.text() == "Every Thursday, 4 times"  # moved along with it
    dialog.repeat.count.setValue(5)
    _save_for(qtbot, dialog, "all")
    plan = main_window.hub.plan
    shown = plan_services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31))
    assert [o.first_day(BERLIN) for o in shown] == [
        date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26),
        date(2026, 12, 3),
    ]  # fmt: skip
    _undo(qtbot, main_window)

    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 11, 19))
    dialog.repeat.count.setValue(3)
    _save_for(qtbot, dialog, "following")
    shown = plan_services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31))
    assert [o.first_day(BERLIN) for o in shown] == [
        *WEDNESDAYS[:2], date(2026, 11, 19), date(2026, 11, 26), date(2026, 12, 3)
    ]  # fmt: skip


def test_a_new_repeat_saved_from_a_day_moved_on_its_own_keeps_it_there(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: a longer repeat saved from a day moved on its own was refused, "already
    happens then", as if that day had been moved onto the next one."""
    series = _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    moved = datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    apart = replace(series.draft(), start=moved, end=moved + timedelta(minutes=30))
    main_window.hub.update_occurrence(series.uid, third.recurrence_id, apart)
    dialog = _open(qtbot, main_window, date(2026, 11, 19), series.uid)
    dialog.repeat.count.setValue(6)
    _save_for(qtbot, dialog, "all")
    assert dialog.error.isHidden()
    stored = plan_services.activities.get(series.uid)
    assert stored.rrule == "FREQ=WEEKLY;COUNT=6;BYDAY=WE"
    assert [o.start for o in stored.overrides] == [moved]  # still on its Thursday


def test_words_saved_for_all_reach_a_day_that_had_its_own(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: "Diary" saved for all left the day called "Run with Sam" as it was; the
    question named that day's title, not the series'."""
    series = _series(main_window)
    (second,) = main_window.month_view.occurrences_on(WEDNESDAYS[1])
    apart = replace(series.draft(), start=second.start, end=second.end, title="Run with Sam")
    main_window.hub.update_occurrence(series.uid, second.recurrence_id, apart)
    dialog = _open(qtbot, main_window, WEDNESDAYS[1], series.uid)
    _retype(qtbot, dialog.title, "Diary")
    question = _ask(qtbot, dialog)
    assert question.findChild(QLabel, "question").text().startswith("“Run” repeats.")
    _answer(qtbot, question, question.all)
    wait_closed(qtbot, dialog)
    assert {title for _, title, _ in _shown(main_window)} == {"Diary"}
    assert plan_services.activities.get(series.uid).overrides == ()  # nothing of its own left


def test_a_repeat_turned_off_on_one_day_is_saved_from_there_on_only(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """For all of them it left one day of four, without a word (a trial); Apple offers
    only "future events" there too."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.repeat.frequency.setCurrentIndex(dialog.repeat.frequency.findData(""))
    question = _ask(qtbot, dialog)
    assert question.findChild(QLabel, "question").text() == (
        "“Run” will no longer repeat: the one on Wednesday 18 November stays, as you changed "
        "it, and the ones after it are removed. The ones before it stay as they are."
    )
    assert not question.all.isVisible() and not question.only_this.isVisible()
    assert question.following.text() == "&Save"
    _answer(qtbot, question, question.following)
    wait_closed(qtbot, dialog)
    assert [day for day, _ in _times(main_window)] == WEDNESDAYS[:3]


def test_turning_the_repeat_off_says_which_later_reflections_go(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: later days and their reflections went out of sight without a word, where
    deleting them from here on asks first."""
    series = _series(main_window)
    (last,) = main_window.month_view.occurrences_on(WEDNESDAYS[3])
    main_window.hub.mark(last, Status.DONE, Reflection("Felt lighter", 4))
    dialog = _open(qtbot, main_window, WEDNESDAYS[1], series.uid)
    dialog.repeat.frequency.setCurrentIndex(dialog.repeat.frequency.findData(""))
    question = _ask(qtbot, dialog)
    assert (
        question.findChild(QLabel, "question")
        .text()
        .endswith(
            "The reflection you wrote for a later one goes with it (Edit › Undo brings it back)."
        )
    )
    question.reject()


def _kept_rule(window: MainWindow) -> Activity:
    """Mondays and Wednesdays by a rule the repeat editor cannot show (BYSETPOS): kept."""
    start = datetime(2026, 11, 2, 18, 0, tzinfo=BERLIN)
    return window.hub.create_activity(
        replace(
            _series(window).draft(), title="Stretch", start=start,
            end=start + timedelta(minutes=30), rrule="FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1,2;COUNT=6",
        )
    )  # fmt: skip


def test_a_new_date_on_a_repeat_rekindle_cannot_change_is_for_that_day_alone(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A review: saved for all, a rule the editor cannot show lost its first day and kept
    the day edited where it was."""
    series = _kept_rule(main_window)
    dialog = _open(qtbot, main_window, date(2026, 11, 4), series.uid)
    assert dialog.repeat.custom
    dialog.day.setDate(QDate(2026, 11, 5))
    question = _ask(qtbot, dialog)
    assert question.findChild(QLabel, "question").text() == (
        "“Stretch” repeats in a way Rekindle keeps but cannot change, so a new date is for "
        "the one on Wednesday 4 November alone, with whatever else you changed in it. Save it?"
    )
    assert not question.following.isVisible() and not question.all.isVisible()
    _answer(qtbot, question, question.only_this)
    wait_closed(qtbot, dialog)
    stored = plan_services.activities.get(series.uid)
    assert stored.rrule == series.rrule and stored.start == series.start
    assert [o.start for o in stored.overrides] == [datetime(2026, 11, 5, 18, 0, tzinfo=BERLIN)]


def test_a_repeat_rekindle_cannot_change_can_still_be_made_all_day(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A review: without a new date, "all day" was refused as if the date had moved."""
    series = _kept_rule(main_window)
    dialog = _open(qtbot, main_window, date(2026, 11, 4), series.uid)
    dialog.all_day.setChecked(True)
    question = _ask(qtbot, dialog)
    assert dialog.error.isHidden()
    assert question.following.isVisible() and question.all.isVisible()
    question.reject()


def test_a_repeat_changed_by_hand_stays_as_chosen_when_the_date_moves(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.repeat.count.setValue(5)
    dialog.day.setDate(QDate(2026, 11, 19))
    assert dialog.repeat.summary.text() == "Every Wednesday, 5 times"  # not moved along


def test_a_monthly_day_chosen_after_the_date_moved_is_the_day_saved(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: "on the 11th" chosen after moving the 2nd Tuesday to a Wednesday was saved
    from the series' first day, the 10th: every later month on the 10th."""
    start = datetime(2026, 11, 10, 18, 0, tzinfo=BERLIN)
    call = main_window.hub.create_activity(
        replace(_series(main_window).draft(), title="Call", start=start,
                end=start + timedelta(minutes=30), rrule="FREQ=MONTHLY;BYDAY=+2TU;COUNT=4")
    )  # fmt: skip
    dialog = _open(qtbot, main_window, date(2026, 11, 10), call.uid)
    dialog.day.setDate(QDate(2026, 11, 11))
    monthly = dialog.repeat.monthly
    monthly.setCurrentIndex(monthly.findData(MonthlyBy.DAY))
    assert dialog.repeat.summary.text() == "Monthly on the 11th, 4 times"
    _save_for(qtbot, dialog, "all")
    plan = main_window.hub.plan
    shown = plan_services.calendar.occurrences(plan, date(2026, 11, 1), date(2027, 3, 31))
    assert [o.first_day(BERLIN) for o in shown if o.activity.uid == call.uid] == [
        date(2026, 11, 11), date(2026, 12, 11), date(2027, 1, 11), date(2027, 2, 11)
    ]  # fmt: skip


def test_a_series_ending_on_a_date_moves_back_past_its_own_end(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: dragged a week back, three days ending on the 27th were refused with their
    raw rule ("never produces a date"); the editor showed the old end."""
    start = datetime(2026, 11, 25, 13, 0, tzinfo=BERLIN)
    short = main_window.hub.create_activity(
        replace(_series(main_window).draft(), title="Short run", start=start,
                end=start + timedelta(minutes=30), rrule="FREQ=DAILY;UNTIL=20261127T225959Z")
    )  # fmt: skip
    (second,) = [o for o in main_window.month_view.occurrences_on(date(2026, 11, 26))
                 if o.activity.uid == short.uid]  # fmt: skip
    question = main_window.move_occurrence(
        second, second.start - timedelta(weeks=1), second.end - timedelta(weeks=1)
    )
    assert question is not None
    _answer(qtbot, question, question.all)
    plan = main_window.hub.plan
    shown = plan_services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 11, 30))
    assert [o.first_day(BERLIN) for o in shown if o.activity.uid == short.uid] == [
        date(2026, 11, 18),
        date(2026, 11, 19),
        date(2026, 11, 20),
    ]

    dialog = _open(qtbot, main_window, date(2026, 11, 19), short.uid)
    dialog.day.setDate(QDate(2026, 11, 5))  # two weeks back, in the editor
    assert dialog.repeat.summary.text() == "Every day until 6 November 2026"


def test_a_changed_repeat_saved_from_here_on_repeats_from_that_day(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.repeat.count.setValue(3)
    _save_for(qtbot, dialog, "following")
    tail = dialog.saved
    assert tail is not None and tail.uid != series.uid
    assert tail.rrule == "FREQ=WEEKLY;COUNT=3;BYDAY=WE"
    assert tail.start == datetime(2026, 11, 18, 18, 0, tzinfo=BERLIN)
    plan = main_window.hub.plan
    later = plan_services.calendar.occurrences(plan, WEDNESDAYS[2], date(2026, 12, 31))
    assert [o.first_day(BERLIN) for o in later] == [*WEDNESDAYS[2:], date(2026, 12, 2)]


def test_delete_in_the_editor_asks_which_days_over_it(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    assert dialog.delete_button is not None and dialog.delete_button.text() == "Delete…"
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    question = wait_for_dialog(qtbot, dialog, SeriesScopeDialog)
    assert question.windowTitle() == "Delete a Repeating Activity"
    _answer(qtbot, question, question.following)
    wait_closed(qtbot, dialog)
    assert [day for day, _, _ in _shown(main_window)] == WEDNESDAYS[:2]
    assert plan_services.activities.get(series.uid).rrule == "FREQ=WEEKLY;UNTIL=20261111T170000Z"
    assert main_window.undo_action.text() == "&Undo Delete “Run” from Wed 18 Nov on"
    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == series


# -- moving an occurrence (what a drag in a calendar view calls) --------------------------------

THURSDAY_NINETEEN = datetime(2026, 11, 19, 19, 0, tzinfo=BERLIN)


def _move(qtbot: QtBot, window: MainWindow, series: Activity, answer: str) -> None:
    (third,) = window.month_view.occurrences_on(WEDNESDAYS[2])
    question = window.move_occurrence(
        third, THURSDAY_NINETEEN, THURSDAY_NINETEEN + timedelta(minutes=30)
    )
    assert question is not None and question.isVisible()
    assert question.windowTitle() == "Move a Repeating Activity"
    assert question.findChild(QLabel, "question").text() == (  # where to, as the drop hides it
        "“Run” repeats. Move only the one on Wednesday 18 November to Thursday 19 November "
        "at 19:00, or this one and the ones after it, or all of them, each the same way?"
    )
    _answer(qtbot, question, question.findChild(QPushButton, answer))


def _times(window: MainWindow) -> list[tuple[date, QTime]]:
    return [(day, clock) for day, _, clock in _shown(window)]


def test_moving_only_this_one_moves_that_occurrence(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    _move(qtbot, main_window, series, "only_this")
    assert _times(main_window) == [
        (WEDNESDAYS[0], QTime(18, 0)), (WEDNESDAYS[1], QTime(18, 0)),
        (date(2026, 11, 19), QTime(19, 0)), (WEDNESDAYS[3], QTime(18, 0)),
    ]  # fmt: skip
    (override,) = plan_services.activities.get(series.uid).overrides
    assert override.recurrence_id == datetime(2026, 11, 18, 18, 0)
    assert main_window.undo_action.text() == "&Undo Move “Run” on Wed 18 Nov"  # as a one-off's


def test_a_move_within_its_own_day_names_only_the_new_time(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    later = datetime(2026, 11, 18, 20, 30, tzinfo=BERLIN)
    question = main_window.move_occurrence(third, later, later + timedelta(minutes=30))
    assert question is not None
    assert question.findChild(QLabel, "question").text() == (
        "“Run” repeats. Move only the one on Wednesday 18 November to 20:30 that day, or this "
        "one and the ones after it, or all of them, each the same way?"
    )
    question.reject()


def test_stretching_to_midnight_says_midnight(qtbot: QtBot, main_window: MainWindow) -> None:
    _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    midnight = datetime.combine(WEDNESDAYS[2] + timedelta(days=1), time(0, 0), tzinfo=BERLIN)
    question = main_window.move_occurrence(third, third.start, midnight)
    assert question is not None
    assert "Make only the one on Wednesday 18 November end at midnight," in (
        question.findChild(QLabel, "question").text()
    )  # was "end on Thursday 19 November at 00:00"
    question.reject()


def test_one_occurrence_with_an_invisible_title_stays_editable(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """An imported change of one day may carry a title that shows nothing; editing its place
    was refused as if the title had been typed."""
    series = _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    draft = replace(series.draft(), start=third.start, end=third.end, title="\u200b")
    main_window.hub.update_occurrence(series.uid, third.recurrence_id, draft)
    (changed,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    dialog = main_window.edit_occurrence(changed)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.location, "Riverside")
    _save_for(qtbot, dialog, "only_this")
    (override,) = plan_services.activities.get(series.uid).overrides
    assert override.location == "Riverside"


def test_moving_this_and_following_moves_the_rest_to_thursdays(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    _move(qtbot, main_window, series, "following")
    assert _times(main_window) == [
        (WEDNESDAYS[0], QTime(18, 0)), (WEDNESDAYS[1], QTime(18, 0)),
        (date(2026, 11, 19), QTime(19, 0)), (date(2026, 11, 26), QTime(19, 0)),
    ]  # fmt: skip
    assert main_window.undo_action.text() == "&Undo Move “Run” from Wed 18 Nov on"
    _undo(qtbot, main_window)
    assert plan_services.activities.get(series.uid) == series


def test_moving_all_moves_the_whole_series_by_a_day_and_to_the_new_time(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    series = _series(main_window)
    _move(qtbot, main_window, series, "all")
    assert _times(main_window) == [(day + timedelta(days=1), QTime(19, 0)) for day in WEDNESDAYS]
    assert main_window.undo_action.text() == "&Undo Move every “Run”"  # not one, as above
    stored = plan_services.activities.get(series.uid)
    assert stored.start == datetime(2026, 11, 5, 19, 0, tzinfo=BERLIN)
    assert stored.rrule == "FREQ=WEEKLY;COUNT=4"  # a lone weekday follows the start by itself


def test_an_answer_that_would_be_refused_is_greyed_with_its_reason(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial was asked which days to move, chose "only this one", and was then told it
    could not be: the day dropped on the next one's time. The question now says so first,
    and Enter takes the first answer that can be done."""
    series = _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    onto = datetime.combine(WEDNESDAYS[3], time(18, 0), tzinfo=BERLIN)
    question = main_window.move_occurrence(third, onto, onto + timedelta(minutes=30))
    assert question is not None
    only_this = question.findChild(QPushButton, "only_this")
    assert not only_this.isEnabled()
    assert question.findChild(QLabel, "refused").text() == (
        "Not for this one alone: “Run” already happens then (Wednesday 25 November 2026 at 18:00). "
        "Choose another time, or delete this one."
    )
    assert question.findChild(QPushButton, "following").isDefault()
    qtbot.keyClick(question, Qt.Key.Key_Return)
    wait_closed(qtbot, question)
    assert _times(main_window) == [
        (WEDNESDAYS[0], QTime(18, 0)), (WEDNESDAYS[1], QTime(18, 0)),
        (WEDNESDAYS[3], QTime(18, 0)),
    ]  # fmt: skip  # the last one went on to December
    assert plan_services.activities.get(series.uid).rrule != series.rrule  # ended at the split


def test_a_move_no_answer_could_make_is_refused_without_asking(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A day marked done cannot go to a day that has not come, whichever days go with it:
    said at once, nothing asked, nothing changed."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: told.append(text))
    series = _series(main_window)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    main_window.hub.mark(third, Status.DONE)
    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    question = main_window.move_occurrence(
        third,
        THURSDAY_NINETEEN + timedelta(days=7),
        THURSDAY_NINETEEN + timedelta(days=7, minutes=30),
    )
    assert question is None
    assert main_window.findChild(SeriesScopeDialog) is None
    assert len(told) == 1 and "is marked as done, so it cannot move to" in told[0]
    assert plan_services.activities.get(series.uid) == series


def test_the_editor_asks_only_what_can_be_saved(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """Saved on the next one's day and time: "only this one" is greyed with the reason. A
    day marked done, dated ahead: no answer would do, so the editor says why and stays."""
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 11, 25))
    question = _ask(qtbot, dialog)
    assert not question.findChild(QPushButton, "only_this").isEnabled()
    assert (
        question.findChild(QLabel, "refused")
        .text()
        .startswith("Not for this one alone: “Run” already happens then")
    )
    question.reject()
    wait_closed(qtbot, question)
    dialog.day.setDate(QDate(2026, 11, 18))  # as opened: it closes without a question
    dialog.reject()
    wait_closed(qtbot, dialog)

    (third,) = main_window.month_view.occurrences_on(WEDNESDAYS[2])
    main_window.hub.mark(third, Status.DONE)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 11, 26))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "error")
    qtbot.waitUntil(error.isVisible)
    assert "is marked as done, so it cannot move to" in error.text()
    assert dialog.findChild(SeriesScopeDialog) is None and dialog.isVisible()
    assert plan_services.activities.get(series.uid) == series


def test_a_title_that_looks_like_a_placeholder_stays_itself_in_the_undo_text(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    series = _series(main_window)
    main_window.hub.update_activity(series.uid, replace(series.draft(), title="Run %2"))
    main_window.hub.delete_occurrence(series.uid, datetime(2026, 11, 18, 18, 0))
    assert main_window.undo_action.text() == "&Undo Delete “Run %2” on Wed 18 Nov"


def test_dragging_one_of_a_series_into_the_all_day_row_asks_only_what_can_be_done(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    # One occurrence is always of its series' kind: "Only This One" used to be offered and
    # then refused ("A timed activity needs a start and an end time").
    series = _series(main_window)
    plan_services.activities.delete_occurrence(
        plan_services.plans.require(), series.uid, datetime(2026, 11, 25, 18, 0)
    )  # a skipped day, which stays skipped
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    week.go_to(WEDNESDAYS[2])
    qtbot.waitUntil(lambda: week.chip_rect(series.uid, WEDNESDAYS[2]) is not None)
    rect = week.chip_rect(series.uid, WEDNESDAYS[2])
    assert rect is not None
    start, end = rect.center().toPoint(), week.all_day_point(WEDNESDAYS[2])
    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(week, (start + end) / 2)
    qtbot.mouseMove(week, end)
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=end)

    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert question.findChild(QLabel, "question").text() == (
        "“Run” repeats, and its days are all-day together or not at all. Make the one on "
        "Wednesday 18 November and the ones after it all-day, or all of them?"
    )
    assert not question.only_this.isVisible()
    assert question.following.isDefault()
    _answer(qtbot, question, question.all)
    assert status_message(main_window) == (  # its new kind said too (a trial)
        "Moved every “Run” (this one to Wednesday 18 November, all day). Undo with Ctrl+Z."
    )

    stored = plan_services.activities.get(series.uid)
    assert stored.all_day and stored.exdates == (date(2026, 11, 25),)
    plan = main_window.hub.plan
    found = plan_services.calendar.occurrences(plan, WEDNESDAYS[0], WEDNESDAYS[3])
    assert [o.first_day(plan.tz) for o in found] == WEDNESDAYS[:3]


def test_an_activity_moved_to_another_month_in_the_editor_is_followed_there(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    start = datetime(2026, 11, 18, 18, 0, tzinfo=BERLIN)
    walk = main_window.hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=45), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    view = main_window.month_view
    double_click(qtbot, view, center(view.chip_rect(walk.uid, WEDNESDAYS[2])))
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    dialog.day.setDate(QDate(2026, 12, 14))
    _save(qtbot, dialog)

    assert view.month == (2026, 12)  # it did not just vanish from November
    selected = view.selected_occurrence
    assert selected is not None and selected.activity.uid == walk.uid


def test_one_occurrence_moved_to_another_month_in_the_editor_is_followed_there(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    series = _series(main_window)
    dialog = _open(qtbot, main_window, WEDNESDAYS[2], series.uid)
    dialog.day.setDate(QDate(2026, 12, 2))
    _save_for(qtbot, dialog, "only_this")

    view = main_window.month_view
    assert view.month == (2026, 12)
    selected = view.selected_occurrence
    assert selected is not None and selected.key == datetime(2026, 11, 18, 18, 0)
    assert selected.first_day(main_window.hub.plan.tz) == date(2026, 12, 2)


def test_stretching_a_moved_occurrence_is_asked_and_undone_as_a_resize_where_it_shows(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial user stretched a moved occurrence and was asked to "Move only the one on
    Friday to 2:00 PM that day", its own time; Undo then named the series' Saturday."""
    series = _series(main_window)
    _move(qtbot, main_window, series, "only_this")  # the 18th's now on Thursday the 19th
    main_window.resize(900, 1000)  # the evening in sight
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    week.go_to(date(2026, 11, 19))
    week.scroll_to(time(17, 0))
    qtbot.waitUntil(lambda: week.chip_rect(series.uid, date(2026, 11, 19)) is not None)
    rect = week.chip_rect(series.uid, date(2026, 11, 19))
    assert rect is not None
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    end = edge + QPoint(0, round(90 * week.minute_height()))
    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(week, (edge + end) / 2)
    qtbot.mouseMove(week, end)
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=end)
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)
    assert question.windowTitle() == "Change a Repeating Activity"
    assert question.findChild(QLabel, "question").text() == (
        "“Run” repeats. Make only the one on Thursday 19 November end at 21:00, or this one "
        "and the ones after it, or all of them, each the same way?"
    )
    _answer(qtbot, question, question.only_this)
    (override,) = plan_services.activities.get(series.uid).overrides
    assert override.start == THURSDAY_NINETEEN
    assert override.end == THURSDAY_NINETEEN + timedelta(hours=2)
    assert main_window.undo_action.text() == "&Undo Resize “Run” on Thu 19 Nov"


@pytest.mark.parametrize("answer", ["all", "following"])
def test_a_series_edited_to_an_hour_out_of_sight_is_followed_there(
    qtbot: QtBot, main_window: MainWindow, answer: str
) -> None:
    """A trial user moved a morning series to 6:30 and it seemed gone: the week stayed
    scrolled to the hours it had left."""
    _series(main_window)
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    week.go_to(WEDNESDAYS[2])
    week.scroll_to(time(17, 0))
    qtbot.waitUntil(lambda: bool(week.occurrences_on(WEDNESDAYS[2])))
    (run,) = week.occurrences_on(WEDNESDAYS[2])
    rect = week.chip_rect(run.activity.uid, WEDNESDAYS[2])
    assert rect is not None
    double_click(qtbot, week, center(rect))
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    dialog.start_time.setFocus()
    line = dialog.start_time.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(3, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == "18")
    qtbot.keyClicks(dialog.start_time, "0630")  # hours, then minutes
    assert dialog.start_time.time() == QTime(6, 30)
    _save_for(qtbot, dialog, answer)

    chosen = week.selected_occurrence
    assert chosen is not None and chosen.first_day(BERLIN) == WEDNESDAYS[2]
    assert isinstance(chosen.start, datetime) and chosen.start.astimezone(BERLIN).hour == 6
    hours_top = week.all_day_point(WEDNESDAYS[2]).y()
    assert hours_top < week.slot_point(WEDNESDAYS[2], time(6, 30)).y() < week.height()


def test_a_dragged_occurrence_stays_where_it_was_dropped_while_the_question_is_open(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Under "Only this one / following / all", the block jumped back to its old time,
    hiding where it was going; it now waits at the drop, and goes back on Escape."""
    series = _series(main_window)
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    week.go_to(WEDNESDAYS[2])
    week.resize(900, 1100)
    week.scroll_to(time(16, 0))
    qtbot.waitUntil(lambda: week.chip_rect(series.uid, WEDNESDAYS[2]) is not None)
    rect = week.chip_rect(series.uid, WEDNESDAYS[2])
    assert rect is not None
    start = rect.center().toPoint()
    end = start + QPoint(0, week.slot_point(WEDNESDAYS[2], time(20)).y()
                         - week.slot_point(WEDNESDAYS[2], time(18)).y())  # fmt: skip
    target = rect.translated(0, end.y() - start.y()).toRect().adjusted(3, 3, -3, -3)
    empty = week.grab().toImage().copy(target)

    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(week, (start + end) / 2)
    qtbot.mouseMove(week, end)
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=end)
    question = wait_for_dialog(qtbot, main_window, SeriesScopeDialog)

    assert week.grab().toImage().copy(target) != empty  # drawn at 20:00 while asked
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    wait_closed(qtbot, question)
    qtbot.waitUntil(lambda: week.grab().toImage().copy(target) == empty)
    assert week.chip_rect(series.uid, WEDNESDAYS[2]) == rect


def test_undoing_the_deletion_of_one_day_chooses_it_again(main_window: MainWindow) -> None:
    """One day of a series deleted, then brought back with Ctrl+Z: it is the one chosen,
    so Enter opens it again (a new activity opened instead)."""
    series = _series(main_window)
    view = main_window.month_view
    view.go_to(WEDNESDAYS[2])
    (third,) = view.occurrences_on(WEDNESDAYS[2])
    main_window.hub.delete_occurrence(series.uid, third.recurrence_id)
    assert view.occurrences_on(WEDNESDAYS[2]) == []
    main_window.undo_action.trigger()
    chosen = view.selected_occurrence
    assert chosen is not None and chosen.activity.uid == series.uid
    assert chosen.recurrence_id == third.recurrence_id and view.selected_day == WEDNESDAYS[2]


def test_redoing_the_deletion_of_one_day_chooses_no_other_day(main_window: MainWindow) -> None:
    """Redone, the deletion chose the series' first day in view: a Delete then took that."""
    series = _series(main_window)
    view = main_window.month_view
    view.go_to(WEDNESDAYS[2])
    (third,) = view.occurrences_on(WEDNESDAYS[2])
    main_window.hub.delete_occurrence(series.uid, third.recurrence_id)
    main_window.undo_action.trigger()
    main_window.redo_action.trigger()
    assert view.occurrences_on(WEDNESDAYS[2]) == []
    chosen = view.selected_occurrence
    assert chosen is None or chosen.first_day(BERLIN) == WEDNESDAYS[2]


def test_moving_all_says_that_days_changed_apart_stay_as_they_are(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    """A trial: after one day was moved on its own, "All" left it where it was, as calendars
    do, while the question said "all of them, each the same way"."""
    series = _series(main_window)
    _move(qtbot, main_window, series, "only_this")  # the 18th, on its own to the 19th
    (second,) = main_window.month_view.occurrences_on(WEDNESDAYS[1])
    later = datetime(2026, 11, 11, 20, 30, tzinfo=BERLIN)
    question = main_window.move_occurrence(second, later, later + timedelta(minutes=30))
    assert question is not None
    assert (
        question.findChild(QLabel, "question")
        .text()
        .endswith(
            "each the same way? The one other day you changed separately keeps what you gave it."
        )
    )
    _answer(qtbot, question, question.findChild(QPushButton, "all"))
    assert (date(2026, 11, 19), QTime(19, 0)) in _times(main_window)  # as it said
    (moved,) = main_window.month_view.occurrences_on(date(2026, 11, 19))
    question = main_window.move_occurrence(moved, later, later + timedelta(minutes=30))
    assert question is not None  # the day changed apart itself: no other to speak of
    assert question.findChild(QLabel, "question").text().endswith("each the same way?")
    question.reject()
    wait_closed(qtbot, question)
    # A review: an edit of all gives such days its words, so it is not said there; a new
    # time saved in the editor is a move, and is.
    dialog = _open(qtbot, main_window, WEDNESDAYS[0], series.uid)
    _retype(qtbot, dialog.title, "Run!")
    edit = _ask(qtbot, dialog)
    assert "stays as it is" not in edit.findChild(QLabel, "question").text()
    edit.reject()
    wait_closed(qtbot, edit)
    _retype(qtbot, dialog.title, "Run")
    dialog.start_time.setTime(QTime(21, 0))
    edit = _ask(qtbot, dialog)
    assert (
        edit.findChild(QLabel, "question")
        .text()
        .endswith("The one other day you changed separately keeps what you gave it.")
    )
    edit.reject()


def test_an_occurrence_kept_in_a_list_is_found_again_after_its_series_moved(
    main_window: MainWindow,
) -> None:
    """A list kept open across an edit (the missed reminders) reads its rows again: a whole
    series moved an hour renames its instances, and the row follows to the same day."""
    run = _series(main_window)
    hub = main_window.hub
    (second,) = [o for o in hub.occurrences(WEDNESDAYS[1], WEDNESDAYS[1]) if o.title == "Run"]
    later = replace(
        run.draft(), start=run.start + timedelta(hours=1), end=run.end + timedelta(hours=1)
    )
    hub.update_activity(run.uid, later)
    now = hub.occurrence_now(second)
    assert now is not None and now.start == second.start + timedelta(hours=1)
    hub.delete_activity(run.uid)
    assert hub.occurrence_now(second) is None


def test_an_occurrence_kept_in_a_list_follows_its_activity_to_another_day(
    main_window: MainWindow,
) -> None:
    """A review: a one-off moved a day later, or a daily series moved by two days, lost its
    row in the missed reminders (or took a neighbour's instance)."""
    hub = main_window.hub
    start = datetime.combine(WEDNESDAYS[0], time(9, 0), tzinfo=BERLIN)
    walk = hub.create_activity(ActivityDraft(
        title="Walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    (kept,) = [o for o in hub.occurrences(WEDNESDAYS[0], WEDNESDAYS[0]) if o.title == "Walk"]
    hub.update_activity(walk.uid, replace(walk.draft(), start=start + timedelta(days=1),
                                          end=start + timedelta(days=1, minutes=30)))  # fmt: skip
    now = hub.occurrence_now(kept)
    assert now is not None and now.start == start + timedelta(days=1)

    daily = hub.create_activity(replace(walk.draft(), title="Stretch", rrule="FREQ=DAILY;COUNT=5"))
    third_day = WEDNESDAYS[0] + timedelta(days=2)
    (third,) = [o for o in hub.occurrences(third_day, third_day) if o.title == "Stretch"]
    later = replace(daily.draft(), start=daily.start + timedelta(days=2),
                    end=daily.end + timedelta(days=2))  # fmt: skip
    hub.update_activity(daily.uid, later)
    now = hub.occurrence_now(third)
    assert now is not None and now.start == third.start + timedelta(days=2)
