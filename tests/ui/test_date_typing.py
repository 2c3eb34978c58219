"""Dates and times typed into the activity editor the way people type them, keys and all."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from planner.services.context import Services
from planner.ui import date_typing
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.hub import Hub
from PySide6.QtCore import QDate, QLocale, QPoint, Qt, QTime
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_for_dialog

DAY = date(2026, 11, 25)  # "Wed 25 Nov 2026"


def _opened(qtbot: QtBot, hub: Hub) -> ActivityDialog:
    """The editor for a new activity on DAY, shown and active."""
    opened = ActivityDialog(hub=hub, day=DAY)
    qtbot.addWidget(opened)
    opened.open()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitActive(opened)
    return opened


@pytest.fixture
def dialog(qtbot: QtBot, hub: Hub) -> ActivityDialog:
    return _opened(qtbot, hub)


def _type_over_all(
    qtbot: QtBot, field: QDateTimeEdit, text: str, end: Qt.Key | None = None
) -> None:
    """Ctrl+A in the field, then `text` and `end` (if any), each key to whatever has the
    focus."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for character in text:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, character)
    if end is not None:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, end)


def _note(dialog: ActivityDialog) -> str:
    """What the editor's message line says (shown only)."""
    line = dialog.findChild(QLabel, "error")
    assert line is not None
    return line.text() if line.isVisible() else ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Fri 8 Jan 2027", QDate(2027, 1, 8)),  # a month before the one shown: was 8 Nov 2027
        ("14 Dec 2026", QDate(2026, 12, 14)),
        ("2027-03-01", QDate(2027, 3, 1)),
        ("14.12.2026", QDate(2026, 12, 14)),
        ("3 feb", QDate(2027, 2, 3)),  # no year: the one nearest the field's date
    ],
)
def test_a_whole_date_typed_over_the_field_is_the_date_and_tab_moves_on(
    qtbot: QtBot, dialog: ActivityDialog, typed: str, expected: QDate
) -> None:
    _type_over_all(qtbot, dialog.day, typed, Qt.Key.Key_Tab)
    assert dialog.day.date() == expected
    assert dialog.day.text() == expected.toString("ddd d MMM yyyy")
    qtbot.waitUntil(lambda: not dialog.day.isAncestorOf(QApplication.focusWidget()))
    assert QApplication.focusWidget() is not dialog.day  # on to the next field


def test_a_date_that_does_not_exist_is_said_and_changes_nothing(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    _type_over_all(qtbot, dialog.day, "Fri 30 Feb 2027", Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2026, 11, 25)
    qtbot.waitUntil(lambda: _note(dialog) == "February 2027 has no day 30.")
    # What was typed stays, to be put right; Tab did not carry it away unread.
    typed = dialog.day.findChild(QLineEdit, "typed_whole")
    assert typed is not None and typed.isVisible() and typed.text() == "Fri 30 Feb 2027"
    typed.setText("Fri 26 Feb 2027")
    qtbot.keyClick(typed, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2027, 2, 26)
    assert not typed.isVisible()


def test_words_that_are_no_date_are_said_so(qtbot: QtBot, dialog: ActivityDialog) -> None:
    _type_over_all(qtbot, dialog.day, "next tuesday", Qt.Key.Key_Return)
    assert dialog.day.date() == QDate(2026, 11, 25)
    qtbot.waitUntil(lambda: "“next tuesday” is not a date in the calendar" in _note(dialog))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14.12.26", QDate(2026, 12, 14)),  # two digits: this century (was 1926)
        ("Dec 14", QDate(2026, 12, 14)),
        ("14 december", QDate(2026, 12, 14)),
        ("Mon 8 Jan 2027", QDate(2027, 1, 8)),  # a wrong weekday is let be
        ("1 mar.", QDate(2027, 3, 1)),
    ],
)
def test_more_ways_people_type_a_date(
    qtbot: QtBot, dialog: ActivityDialog, typed: str, expected: QDate
) -> None:
    _type_over_all(qtbot, dialog.day, typed, Qt.Key.Key_Return)
    assert dialog.day.date() == expected


def test_a_date_typed_in_this_computers_language_is_read(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        _type_over_all(qtbot, dialog.day, "14. Dezember 2026", Qt.Key.Key_Return)
        assert dialog.day.date() == QDate(2026, 12, 14)
        _type_over_all(qtbot, dialog.day, "3 Okt. 2027", Qt.Key.Key_Return)  # QTest types ASCII
        assert dialog.day.date() == QDate(2027, 10, 3)
    finally:
        QLocale.setDefault(QLocale.c())


def test_a_whole_time_typed_over_the_field_is_the_time_and_enter_does_not_save(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    dialog.start_time.setTime(QTime(18, 0))
    _type_over_all(qtbot, dialog.start_time, "07:15", Qt.Key.Key_Return)
    assert dialog.start_time.time() == QTime(7, 15)  # was 18:15: the hour stayed
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()  # Enter ended the typing, not the editing

    _type_over_all(qtbot, dialog.start_time, "25:00", Qt.Key.Key_Return)
    assert dialog.start_time.time() == QTime(7, 15)
    qtbot.waitUntil(lambda: "“25:00” is not a time of day" in _note(dialog))


def _locale_dialog(
    qtbot: QtBot, hub: Hub, language: QLocale.Language, country: QLocale.Country
) -> ActivityDialog:
    QLocale.setDefault(QLocale(language, country))  # before the fields take their formats
    return _opened(qtbot, hub)


def _us_dialog(qtbot: QtBot, hub: Hub) -> ActivityDialog:
    """The editor on a computer whose clock has twelve hours (the US)."""
    return _locale_dialog(qtbot, hub, QLocale.Language.English, QLocale.Country.UnitedStates)


def test_a_twelve_hour_clock_shows_and_takes_morning_and_afternoon(qtbot: QtBot, hub: Hub) -> None:
    """The field read 18:00 beside 6:00 PM on the calendar; "a" in its AM/PM part was left
    half-typed by Qt, still the afternoon."""
    dialog = _us_dialog(qtbot, hub)
    field, line = dialog.start_time, dialog.start_time.lineEdit()
    field.setTime(QTime(18, 0))
    assert line.text() == "6:00 PM"
    field.setFocus()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(3, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == "6")
    qtbot.keyClicks(field, "7:30 a")
    assert field.time() == QTime(7, 30)
    qtbot.keyClicks(field, "m")  # "am" in full: the same
    assert line.text() == "7:30 AM"

    _type_over_all(qtbot, field, "8:45 p.m.", Qt.Key.Key_Return)
    assert field.time() == QTime(20, 45)
    _type_over_all(qtbot, field, "25:00", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Type it like 7:15\u202fAM." in _note(dialog))


def test_a_twelve_hour_field_takes_an_hour_typed_as_a_24_hour_clock_has_it(
    qtbot: QtBot, hub: Hub
) -> None:
    """ "14" in the hour part gave 1 PM: Qt kept the 1 and refused the 4, without a word."""
    dialog = _us_dialog(qtbot, hub)
    field, line = dialog.start_time, dialog.start_time.lineEdit()
    for typed, expected in (
        ("14:30", QTime(14, 30)),
        ("00:15", QTime(0, 15)),
        ("9:05", QTime(21, 5)),
    ):
        field.setTime(QTime(18, 0))
        field.setFocus()
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(3, line.height() // 2))
        qtbot.waitUntil(lambda: line.selectedText() == "6")
        qtbot.keyClicks(field, typed)
        assert field.time() == expected, typed  # a lone 9 keeps the half of the day shown


def test_where_morning_and_afternoon_come_first_the_hour_still_takes_digits(
    qtbot: QtBot, hub: Hub
) -> None:
    """A Korean field ("오후 6:00") was entered on its 오전/오후 part, which no digit goes into:
    "9:30" typed after Tab changed nothing."""
    dialog = _locale_dialog(qtbot, hub, QLocale.Language.Korean, QLocale.Country.SouthKorea)
    field = dialog.start_time
    field.setTime(QTime(18, 0))
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: field.currentSectionIndex() == 1)  # on past the 오후
    qtbot.keyClicks(field, "9:30")
    assert field.time() == QTime(21, 30)


def test_a_date_reads_and_types_month_first_where_the_computer_writes_it_so(
    qtbot: QtBot, hub: Hub
) -> None:
    """The field read "Wed 25 Nov 2026" beside "Wednesday, November 25" everywhere else."""
    dialog = _us_dialog(qtbot, hub)
    field, line = dialog.day, dialog.day.lineEdit()
    assert line.text() == "Wed, Nov 25, 2026"
    field.setFocus(Qt.FocusReason.TabFocusReason)  # past the weekday, on the month
    qtbot.waitUntil(lambda: field.hasFocus() and line.selectedText() == "Nov")
    qtbot.keyClicks(field, "Jan 8 2027")
    assert field.date() == QDate(2027, 1, 8)
    field.setDate(QDate(2026, 12, 20))
    _type_over_all(qtbot, field, "1/3", Qt.Key.Key_Return)
    assert field.date() == QDate(2027, 1, 3)  # the next 3 January, not eleven months back

    field.setDate(QDate(2027, 2, 10))
    x = line.fontMetrics().horizontalAdvance("Wed, F") + 2
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == "Feb")
    qtbot.keyClicks(field, "Feb 30")  # Qt took the "3" and moved on to the year
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: "February 2027 has no day 30, so the date is February 3, 2027." in _note(dialog)
    )

    field.setDate(QDate(2026, 2, 10))  # "Tue, Feb 10, 2026"
    day_x = line.fontMetrics().horizontalAdvance("Tue, Feb ") + 2
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(day_x, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == "10")
    qtbot.keyClicks(field, "14")  # Qt moves on to the year after a whole day...
    qtbot.keyClicks(field, "2027")  # ... where these digits go: not "day 142027"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date() == QDate(2027, 2, 14)


def test_escape_puts_the_field_back(qtbot: QtBot, dialog: ActivityDialog) -> None:
    _type_over_all(qtbot, dialog.day, "1 Jan 2030", Qt.Key.Key_Escape)
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.isVisible()  # Escape left the typing, not the editor
    overlay = dialog.day.findChild(QLineEdit, "typed_whole")
    assert overlay is not None and not overlay.isVisible()


def _click_the_day(qtbot: QtBot, dialog: ActivityDialog) -> None:
    line = dialog.day.lineEdit()
    assert line is not None
    weekday = line.text().split()[0]
    x = line.fontMetrics().horizontalAdvance(f"{weekday} 2") + 2
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == line.text().split()[1])


def test_a_date_typed_part_by_part_with_spaces_lands_in_the_right_parts(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    # "8" can only be a day, so Qt moves on to the month by itself: the space after it
    # must not skip the month ("Jan" went into the year, giving 8 November 2027).
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "8 Jan 2027")
    assert dialog.day.date() == QDate(2027, 1, 8)


@pytest.mark.parametrize(
    ("shown", "typed", "expected"),
    [
        (QDate(2026, 11, 25), "14 12 2026", QDate(2026, 12, 14)),  # the month went nowhere
        (QDate(2026, 11, 25), "8 1 2027", QDate(2027, 1, 8)),  # a lone 1, then on
        (QDate(2026, 11, 25), "8 02 2027", QDate(2027, 2, 8)),
        (QDate(2027, 2, 10), "30 3", QDate(2027, 3, 30)),  # a day February lacks, then March
    ],
)
def test_a_month_shown_by_name_takes_its_number_typed_part_by_part(
    qtbot: QtBot, dialog: ActivityDialog, shown: QDate, typed: str, expected: QDate
) -> None:
    dialog.day.setDate(shown)
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, typed)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == expected
    assert _note(dialog) == ""


def test_a_day_its_month_does_not_have_is_said_when_typed_part_by_part(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    dialog.day.setDate(QDate(2027, 2, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "30")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.day.date() == QDate(2027, 2, 3)  # Qt could only take the "3"
    assert dialog.isVisible()  # Enter showed the note rather than saving past it
    qtbot.waitUntil(
        lambda: "February 2027 has no day 30, so the date is 3 February 2027." in _note(dialog)
    )


def test_a_day_typed_before_a_month_that_has_it_is_taken(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    # "30 Mar" over a February date: Qt judged the 30 against February and kept the 3.
    dialog.day.setDate(QDate(2027, 2, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "30 Mar")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2027, 3, 30)
    assert _note(dialog) == ""


@pytest.mark.parametrize(
    ("language", "country", "typed", "expected"),
    [
        (QLocale.Language.German, QLocale.Country.Germany, "3 Mär 2027", (2027, 3, 3)),
        (QLocale.Language.German, QLocale.Country.Germany, "14.12.2026", (2026, 12, 14)),
        (QLocale.Language.English, QLocale.Country.UnitedStates, "12/14/26", (2026, 12, 14)),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, "14/12/26", (2026, 12, 14)),
        # "mar." is Tuesday beside a month; dots are day first; a year may come first.
        (QLocale.Language.French, QLocale.Country.France, "mar. 15 déc. 2026", (2026, 12, 15)),
        (QLocale.Language.English, QLocale.Country.UnitedStates, "14.12.2026", (2026, 12, 14)),
        (QLocale.Language.Japanese, QLocale.Country.Japan, "2026/12/14", (2026, 12, 14)),
    ],
)
def test_numbers_and_month_names_are_read_as_this_computer_writes_them(
    qapp: QApplication,
    language: QLocale.Language,
    country: QLocale.Country,
    typed: str,
    expected: tuple[int, int, int],
) -> None:
    QLocale.setDefault(QLocale(language, country))
    try:
        assert date_typing.date_parts(typed, near=DAY) == expected
    finally:
        QLocale.setDefault(QLocale.c())


def test_a_day_changed_by_an_arrow_after_typing_is_the_one_kept(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "20")
    _click_the_day(qtbot, dialog)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)  # 21: the typed 20 must not come back
    assert dialog.day.date() == QDate(2026, 11, 21)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2026, 11, 21)


def test_save_with_a_date_being_typed_that_is_no_date_saves_nothing(
    qtbot: QtBot, dialog: ActivityDialog, plan_services: Services
) -> None:
    qtbot.keyClicks(dialog.title, "Tea")
    _type_over_all(qtbot, dialog.day, "30 Feb 2027")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # the click takes focus
    assert dialog.isVisible() and dialog.saved is None  # it saved 25 November and closed
    qtbot.waitUntil(lambda: _note(dialog) == "February 2027 has no day 30.")
    typed = dialog.day.findChild(QLineEdit, "typed_whole")
    assert typed is not None and typed.isVisible() and typed.text() == "30 Feb 2027"


def test_closing_with_a_date_typed_but_not_yet_read_asks_first(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    _type_over_all(qtbot, dialog.day, "3 Dec 2026")
    dialog.close()  # the window's close button
    question = wait_for_dialog(qtbot, dialog, QMessageBox)
    assert question.objectName() == "leave_without_saving"
    assert dialog.day.date() == QDate(2026, 12, 3)


@pytest.mark.parametrize(
    ("near", "typed", "expected"),
    [
        (date(2026, 12, 20), "1/3", (2027, 1, 3)),  # was 3 January 2026, eleven months back
        (date(2027, 1, 5), "Dec 14", (2026, 12, 14)),  # was a year ahead
        (date(2026, 6, 1), "Dec 14", (2026, 12, 14)),  # ahead, not six months back
        (date(2026, 12, 20), "Feb 30", (2027, 2, 30)),  # no such day: said of that month
        (date(2027, 1, 10), "Feb 29", (2027, 2, 29)),  # not 29 February 2028, 415 days on
        (date(2026, 11, 25), "Apr 31", (2027, 4, 31)),  # the April ahead, which lacks it
        (date(2027, 11, 25), "Feb 29", (2028, 2, 29)),
        (date(2026, 11, 25), "Aug 1", (2027, 8, 1)),
    ],
)
def test_a_date_without_a_year_is_the_one_nearest_the_fields_date(
    qapp: QApplication, near: date, typed: str, expected: tuple[int, int, int]
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert date_typing.date_parts(typed, near=near) == expected
    finally:
        QLocale.setDefault(QLocale.c())


def test_a_number_too_many_is_no_date(qapp: QApplication) -> None:
    assert date_typing.date_parts("14 Dec 2026 10", near=DAY) is None  # gave the year 2010


def test_a_refusal_is_taken_back_once_the_field_is_put_right(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    _type_over_all(qtbot, dialog.day, "hello", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "“hello” is not a date" in _note(dialog))
    typed = dialog.day.findChild(QLineEdit, "typed_whole")
    assert typed is not None
    typed.setText("25 Nov 2026")  # the date it already held: no change to hide the note
    qtbot.keyClick(typed, Qt.Key.Key_Tab)
    assert _note(dialog) == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7pm", QTime(19, 0)),
        ("7:30 am", QTime(7, 30)),
        ("12am", QTime(0, 0)),
        ("7:30 p.m.", QTime(19, 30)),
        ("12 a.m.", QTime(0, 0)),
        ("930", QTime(9, 30)),
    ],
)
def test_times_as_people_write_them(typed: str, expected: QTime) -> None:
    assert date_typing.parse_time(typed) == expected


def test_thirteen_pm_is_no_time() -> None:
    assert date_typing.parse_time("13pm") is None


def test_the_welcome_does_not_start_a_plan_on_a_start_date_that_is_none(
    qtbot: QtBot,
) -> None:
    from planner.services import programs
    from planner.ui.dialogs.first_run import FirstRunDialog

    welcome = FirstRunDialog(
        programs=programs.builtin_programs(), today=date(2026, 11, 23), zone="Europe/Berlin"
    )
    qtbot.addWidget(welcome)
    welcome.open()
    qtbot.waitExposed(welcome)
    welcome.activateWindow()
    qtbot.waitActive(welcome)
    _type_over_all(qtbot, welcome.start, "31 Feb 2027")
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)  # it started on 23 Nov
    assert welcome.choice is None and welcome.isVisible()
    assert welcome.error.text() == "February 2027 has no day 31."


def test_a_refused_date_put_right_with_the_arrows_does_not_come_back_at_save(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    qtbot.keyClicks(dialog.title, "Tea")
    _type_over_all(qtbot, dialog.day, "30 Feb 2027")
    qtbot.mouseClick(dialog.title, Qt.MouseButton.LeftButton)  # clicked away: refused
    qtbot.waitUntil(lambda: _note(dialog) == "February 2027 has no day 30.")
    _click_the_day(qtbot, dialog)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)  # put right another way: 26 November
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and dialog.saved.start.day == 26  # type: ignore[union-attr]


def test_ctrl_enter_reads_a_day_typed_part_by_part_as_save_does(qtbot: QtBot, hub: Hub) -> None:
    """A review: Ctrl+Enter saved "30 Mar" typed over 10 Feb as 3 March (the day read before
    the month came); Save and Enter read it whole."""
    dialog = _opened(qtbot, hub)
    dialog.title.setText("Walk")
    dialog.day.setDate(QDate(2027, 2, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "30 Mar")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert isinstance(dialog.saved.start, datetime)
    assert dialog.saved.start.date() == date(2027, 3, 30)


def test_a_mouse_save_waits_once_for_a_day_the_month_lacks(qtbot: QtBot, hub: Hub) -> None:
    """A review: "31" typed over 10 April, then Save clicked, saved 3 April at once, the note
    saying so showing only as the window closed; Enter stopped for it."""
    dialog = _opened(qtbot, hub)
    dialog.title.setText("Walk")
    dialog.day.setDate(QDate(2027, 4, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "31")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved is None
    assert "April 2027 has no day 31" in _note(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # read: it goes on
    qtbot.waitUntil(lambda: dialog.saved is not None)


def test_caps_lock_in_the_middle_of_a_date_keeps_the_day_typed(qtbot: QtBot, hub: Hub) -> None:
    """A review: Caps Lock pressed before the month ("30 " Caps Lock "MAR") forgot the day."""
    dialog = _opened(qtbot, hub)
    dialog.day.setDate(QDate(2027, 2, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "30 ")
    qtbot.keyClick(dialog.day, Qt.Key.Key_CapsLock)
    qtbot.keyClicks(dialog.day, "MAR")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2027, 3, 30)


def test_ticking_all_day_keeps_the_note_and_save_goes_at_once(qtbot: QtBot, hub: Hub) -> None:
    """A review: "31" typed over 10 April, then a click on All day (beside the date): the
    box's toggle hid the note saying the date became 3 April, and the first Save then did
    nothing, with nothing said. The note stays (it speaks of the date, not of the box), and
    the box, a field like any other, does not hold Save back."""
    dialog = _opened(qtbot, hub)
    dialog.title.setText("Walk")
    dialog.day.setDate(QDate(2027, 4, 10))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "31")
    qtbot.mouseClick(dialog.all_day, Qt.MouseButton.LeftButton)
    assert dialog.all_day.isChecked()
    assert "April 2027 has no day 31" in _note(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None and dialog.saved.start == date(2027, 4, 3)


def test_a_field_entered_with_shift_tab_takes_a_date_typed_from_its_first_part(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    """A trial: Shift+Tab back from All day landed on the year, and "7 Jan 2027" typed
    there saved 14 December 7202, without a word."""
    dialog.all_day.setFocus()
    qtbot.keyClick(dialog.all_day, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    line = dialog.day.lineEdit()
    qtbot.waitUntil(lambda: dialog.day.hasFocus() and line.selectedText() == "25")
    qtbot.keyClicks(dialog.day, "7 Jan 2027")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2027, 1, 7)

    dialog.duration.setFocus()  # the time too, which Shift+Tab entered on its minutes
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    clock = dialog.start_time.lineEdit()
    qtbot.waitUntil(lambda: dialog.start_time.hasFocus() and clock.selectedText() == "18")
    qtbot.keyClicks(dialog.start_time, "7:15")
    assert dialog.start_time.time() == QTime(7, 15)


def _tab_into_the_day(qtbot: QtBot, dialog: ActivityDialog) -> None:
    """The date field entered as Tab enters it: its day of the month chosen."""
    dialog.day.setFocus(Qt.FocusReason.TabFocusReason)
    line = dialog.day.lineEdit()
    qtbot.waitUntil(lambda: dialog.day.hasFocus() and line.selectedText() == "25")


@pytest.mark.parametrize("typed", ["2026-12-09", "2026/12/09", "2026.12.9"])
def test_a_date_typed_year_first_from_its_first_part_is_the_whole_date(
    qtbot: QtBot, dialog: ActivityDialog, typed: str
) -> None:
    """A keyboard trial: Tab into the date (its day selected), "2026-12-09" typed: Qt put
    "20" in the day and went on part by part, and 20 February 6120 was kept without a word."""
    _tab_into_the_day(qtbot, dialog)
    for character in typed:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, character)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2026, 12, 9)


def test_a_date_typed_day_first_part_by_part_is_as_before(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    """Two digits and a separator are a day, not the start of a year."""
    _tab_into_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "20.03.2027")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2027, 3, 20)


def test_a_click_between_digits_starts_the_typing_afresh(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    """ "20", a click back on the day, then "26 ": a day typed twice, not a year typed first."""
    dialog.day.setDate(QDate(2026, 11, 25))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "20")
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, "26-")
    typed = dialog.day.findChild(QLineEdit, "typed_whole")
    assert typed is None or not typed.isVisible()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date().day() == 26


def test_a_german_date_field_writes_and_takes_dates_as_german_does(qtbot: QtBot, hub: Hub) -> None:
    """A German trial read "Mo. 7 Dez. 2026" everywhere: no comma, no period after the day."""
    dialog = _locale_dialog(qtbot, hub, QLocale.Language.German, QLocale.Country.Germany)
    dialog.day.setDate(QDate(2026, 12, 7))
    assert dialog.day.text() == "Mo., 7. Dez. 2026"
    line = dialog.day.lineEdit()
    x = line.fontMetrics().horizontalAdvance("Mo., 7") + 1
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.waitUntil(lambda: line.selectedText() == "7")
    qtbot.keyClicks(dialog.day, "14 12 2026")  # part by part, past ", " and ". "
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2026, 12, 14)
    assert _note(dialog) == ""
    _type_over_all(qtbot, dialog.day, "24.12.2026", Qt.Key.Key_Return)
    assert dialog.day.date() == QDate(2026, 12, 24)


@pytest.mark.parametrize(
    ("typed", "expected", "said"),
    [
        ("20 1 27", QDate(2027, 1, 20), ""),  # two digits: this century's year
        ("2012027", QDate(2027, 12, 20), ""),  # "1" and "2" make December; "027" is 2027
        ("8 1 202", QDate(2026, 1, 8), "“202” is not a year, so the date is 8 January 2026."),
    ],
)
def test_a_year_typed_short_is_taken_or_said(
    qtbot: QtBot, dialog: ActivityDialog, typed: str, expected: QDate, said: str
) -> None:
    """A re-trial typed "20", "1", "2027": the year read "000027" while typing, and 2026
    came back on Tab without a word."""
    dialog.day.setDate(QDate(2026, 12, 8))
    _click_the_day(qtbot, dialog)
    qtbot.keyClicks(dialog.day, typed)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.day.date() == expected
    assert _note(dialog).startswith(said)


def test_tab_goes_from_the_date_to_the_time_not_through_the_dates_parts(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    """A keyboard trial: Tab went day, month, year before leaving the date, and "7:30"
    typed after two Tabs (meant for the start) made the date 8 December 2030, unsaid."""
    _tab_into_the_day(qtbot, dialog)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.all_day.hasFocus)  # the field beside the date
    qtbot.keyClick(dialog.all_day, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.start_time.hasFocus)
    qtbot.keyClicks(dialog.start_time, "7:30")
    qtbot.keyClick(dialog.start_time, Qt.Key.Key_Tab)
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.start_time.time() == QTime(7, 30)
    assert not dialog.start_time.hasFocus()  # on past the minutes too
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(dialog.start_time.hasFocus)
    qtbot.keyClick(dialog.start_time, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(dialog.all_day.hasFocus)  # back past the hour


def test_tab_after_a_part_typed_goes_on_to_the_next_part(
    qtbot: QtBot, dialog: ActivityDialog
) -> None:
    """A review: "30 Tab 3 Tab 2027" over 10 February 2027, typed part by part, put the 3
    and the 2027 into the start time (20:27) once Tab left the field at once."""
    dialog.day.setDate(QDate(2027, 2, 10))
    _click_the_day(qtbot, dialog)
    for part in ("30", "3"):
        qtbot.keyClicks(dialog.day, part)
        qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
        assert dialog.day.hasFocus()  # on to the next part
    qtbot.keyClicks(dialog.day, "2027")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)  # the last part: on to the next field
    assert not dialog.day.hasFocus()
    assert (dialog.day.date().year(), dialog.day.date().month()) == (2027, 3)
    assert dialog.start_time.time() == QTime(18, 0)  # untouched
