"""Typing into a date or time field as into a calendar's own, not as Qt's spin box wants it.

Qt's date and time fields take what is typed one part at a time (day, month, year), judge
each part against the others as they stand, and move on to the next part by themselves.
Typed the way people type a date, that went wrong without a word: "8 Jan 2027" over a
December date gave 8 December 2027, "30 Mar" over a February one gave 3 February, and
with the whole text selected (Ctrl+A) digits went into no part at all, so 07:15 over 18:00
gave 18:15. Here:

- a click selects the part under it, to be typed over (Qt puts the cursor there, and a
  part full of digits then refuses more);
- Tab and Shift+Tab go on to the next or previous field, not through the field's parts
  (a time typed after one Tab too few went into the year), unless a part was just typed:
  then to the next part, as one typing "30 Tab 3 Tab 2027" means;
- a field entered on its weekday (Tab lands there) moves on to the day of the month, and one
  entered backwards (Shift+Tab, which lands on the year or the minutes) goes to its first
  part too: a date typed there went into the year ("7 Jan 2027" gave the year 7202);
- a separator typed just after Qt moved on by itself is taken as that move;
- typing over the whole text (Ctrl+A, or all of it selected by hand) is read as a whole
  when it is done ("14 Dec 2026", "Mon 14 Dec", "2026-12-14", "14.12.2026", "7:15"), and
  what cannot be a date or time is said, in words, and stays to be put right;
- a day typed part by part is settled once its month is: taken if the month has it, said
  if it has not (30 February);
- where the clock has twelve hours, "a" or "p" in the AM/PM part chooses the half of the
  day (Qt left a lone "a" half-typed, the time still in the afternoon).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QSize,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QToolTip,
    QWidget,
)

from planner.ui import announce, labels, room

if TYPE_CHECKING:
    from collections.abc import Callable

#: Characters that end one part of a date or time and begin the next.
_SEPARATORS = frozenset(" .,/-:")
#: Four digits and a separator typed first: a year, as in 2026-12-09 (see _year_first).
_YEAR_TYPED_FIRST = re.compile(r"\d{4}[-/.]")

_HOUR = QDateTimeEdit.Section.HourSection

#: How far before the field's date a date typed without a year may be (see date_parts).
_LOOKING_BACK_DAYS = 91

_TIME_FORMATS = ("H:mm", "H.mm", "Hmm", "HHmm", "H")


def install(edit: QDateTimeEdit) -> None:
    """Make `edit` take typing as described above (idempotent per field)."""
    if edit.findChild(_PartTyping) is None:
        _PartTyping(edit)


def ask_whole(edit: QDateTimeEdit) -> None:
    """For a field that is its dialog's one question (Go to Date): entered, it offers its
    whole date to be typed over (not the day alone, where "24 Dec" went in part by part,
    keeping the year shown), and Enter after a date typed whole, once read, also presses
    the dialog's default button, the answer showing at once; Escape closes the dialog at
    once too, as the one question is let go (it took two). Elsewhere Enter only reads the
    date, to be seen before a Save, and Escape only puts the field back."""
    typing = edit.findChild(_PartTyping)
    if typing is not None:
        typing.whole_question = True


def settle(edit: QDateTimeEdit) -> bool:
    """Read what is being typed over `edit` now (before a Save, or a Cancel that compares
    the form): True when the field holds what was typed, or nothing is pending; False when
    the typed text is no date or time, which stays to be put right and is said."""
    typing = edit.findChild(_PartTyping)
    return typing.settle() if typing is not None else True


def say_in(edit: QDateTimeEdit, line: QLabel) -> Callable[[str], None]:
    """`say_with` a dialog's message line: shown with the note, the dialog growing to hold
    it (see `room.make_room`), and hidden when it is taken back, with the room it took unless the
    dialog was resized by hand meanwhile. Returns that way of saying, for the dialog's own
    notes in the same line."""
    grown: list[QSize] = []  # the size before the note grew the dialog, and after

    def say(text: str) -> None:
        window = line.window()
        if text:
            before, shown = window.size(), line.isVisible()
            line.setText(text)
            line.show()
            room.make_room(window)
            if not shown:
                grown[:] = [before, window.size()] if window.size() != before else []
            elif grown and before == grown[1]:
                grown[1] = window.size()  # a longer note than the one showing
            return
        line.hide()
        if grown and window.size() == grown[1]:
            room.make_room(window)  # the minimum without the note, before going back to it
            window.resize(grown[0])
        grown.clear()

    say_with(edit, say)
    return say


def say_with(edit: QDateTimeEdit, say: Callable[[str], None]) -> None:
    """Where `edit` says what it could not take (a dialog's message line); by default a
    note under the field, which a key or a focus change can hide before it is read."""
    typing = edit.findChild(_PartTyping)
    if typing is not None:
        typing.say = say


def date_parts(text: str, *, near: date) -> tuple[int, int, int] | None:
    """(year, month, day) as `text` says them, not yet checked against the calendar; None
    when it says no date. Read as people type: "14 Dec 2026", "Mon 14 December", "Dec 14",
    "14. Dez. 2026" (month names of this computer's language or English, at least three
    letters, case and dots aside), "2026-12-14", "14.12.2026" or "12/14/26" (numbers in the
    order this computer writes them), a weekday alongside being let be. Two digits for the
    year: this century. Without a year, the first such day from three months before
    `near` (the field's date) on: planning looks ahead, a few weeks back is a correction.
    "1/3" over 20 December 2026 is 3 January 2027, not eleven months back; "Dec 14" over
    5 January 2027 the December just before, not a year ahead."""
    said = _said_parts(text)
    if said is None:
        return None
    year, month, day = said
    if year is not None:
        return year, month, day
    if not 1 <= month <= 12:
        return near.year, month, day  # no month: said as such
    for year in (near.year - 1, near.year, near.year + 1):
        # A day that month lacks (29 February 2027, 31 April) is found as its last day is,
        # and then said of that month: not looked for in a year further on.
        last = calendar.monthrange(year, month)[1]
        if (date(year, month, min(day, last)) - near).days >= -_LOOKING_BACK_DAYS:
            return year, month, day
    return near.year + 1, month, day


def _python_day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _said_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year, month, day) as `text` says them (year None when it says none), or None."""
    cleaned = text.strip().casefold().replace(",", " ")
    if not cleaned:
        return None
    year_first = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?", cleaned)
    if year_first:
        return int(year_first[1]), int(year_first[2]), int(year_first[3])
    numeric = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})(?:[./-](\d{4}|\d{2}))?\.?", cleaned)
    if numeric:
        first, second = int(numeric[1]), int(numeric[3])
        # Dots are day first everywhere; slashes and dashes as this computer writes dates.
        short = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
        month_first = numeric[2] != "." and short.startswith("m")
        return (
            _full_year(numeric[4]),
            *((first, second) if month_first else (second, first)),
        )
    month: int | None = None
    either: int | None = None
    day: int | None = None
    year: int | None = None
    for token in re.findall(r"[^\W\d_]+|\d+", cleaned):
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            elif len(token) <= 2 and year is None:
                year = _full_year(token)
            else:
                return None  # a number too many ("14 Dec 2026 10"): not a date
        elif (named := _month_named(token)) is not None and not _weekday_named(token):
            if month is not None and month != named:
                return None
            month = named
        elif named is not None:
            either = named  # "mar": Tuesday or March (French): a month only if none other
        elif not _weekday_named(token):
            return None  # a word that is no month or weekday: not a date
    month = month if month is not None else either
    if month is None or day is None:
        return None
    return year, month, day


def _full_year(digits: str | None) -> int | None:
    if not digits:
        return None
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _names(kind: str) -> list[tuple[int, str]]:
    """(number, name without dots, case-folded) of months or weekdays, long and short, in
    this computer's language and in English."""
    found = []
    for locale in (QLocale(), QLocale.c()):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            for number in range(1, 13 if kind == "month" else 8):
                name = locale.monthName(number, form) if kind == "month" else locale.dayName(
                    number, form
                )  # fmt: skip
                found.append((number, name.replace(".", "").casefold()))
    return found


def _month_named(word: str) -> int | None:
    word = word.replace(".", "")
    if len(word) < 3:
        return None
    matches = {number for number, name in _names("month") if name.startswith(word)}
    return matches.pop() if len(matches) == 1 else None


def _weekday_named(word: str) -> bool:
    word = word.replace(".", "")
    return len(word) >= 2 and any(name.startswith(word) for _, name in _names("weekday"))


def parse_time(text: str) -> QTime | None:
    """The time of day `text` names ("7:15", "07.15", "715", "19", "7pm", "7:30 a.m.", or
    with this computer's own words for the halves of the day, "오후 7:30"), or None."""
    cleaned = "".join(text.split()).casefold()
    half = _half_of_day(cleaned)
    if half is not None:
        rest, afternoon = half
        found = parse_time(rest)
        if found is None or not 1 <= found.hour() <= 12:
            return None
        return QTime(found.hour() % 12 + (12 if afternoon else 0), found.minute())
    cleaned = cleaned.replace(".", ":")
    for fmt in _TIME_FORMATS:
        found = QTime.fromString(cleaned, fmt)
        if found.isValid():
            return found
    return None


class _PartTyping(QObject):
    """Watches one field's keys, clicks and focus (see the module's docstring)."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._typed_in: int | None = None  # the part the last character was typed into
        self._day_typed = ""  # the digits typed into the day of the month, to check it took
        self._year_typed = ""  # the digits typed into the year, to check it took
        self._note_unread = False  # a day the month lacks was said, no Save since
        self._month_typed = ""  # the digits typed into a month shown by name
        self._hour_typed = ""  # the digits typed into the hour of a twelve-hour clock
        self._whole: _WholeText | None = None
        # The characters typed since the field's first part was entered, and its date then:
        # a year typed first ("2026-12-09" from Tab) is a date typed whole (Qt had put
        # "20" in the day, and saved 20 February 6120 without a word: a keyboard trial).
        self._run: str | None = None
        self._run_from = QDate()
        self._refused = False  # text typed over the field was no date, and left by a click
        self._refused_text = ""
        self._said = False  # a note about this field is showing
        self.whole_question = False  # see ask_whole
        self.say: Callable[[str], None] = lambda text: _tooltip(edit, text)
        edit.installEventFilter(self)
        line = edit.lineEdit()
        if line is not None:
            line.installEventFilter(self)
        edit.editingFinished.connect(self._on_left)
        edit.dateTimeChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        self._note_unread = False  # the date changed since: nothing to wait for
        # Put right another way (an arrow, the popup): no refused text to bring back.
        if not (self._whole is not None and self._whole.typing):
            self._refused = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the event's type and the watched object are read: while the field is being
        # torn down, its line edit still sends events here.
        kind = event.type()
        if (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QLineEdit)
            and not watched.hasSelectedText()  # a drag that selected text keeps it
        ):
            self._typed_in = self._run = None  # a click: a fresh start, as an arrow is
            self._day_typed = self._year_typed = ""  # set by a click and arrows: as shown
            QTimer.singleShot(0, self, self._select_part)  # after the click placed the cursor
        elif kind == QEvent.Type.Wheel:
            self._day_typed = ""  # the wheel sets the day shown: nothing typed to settle
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QDateTimeEdit):
            self._typed_in = None
            self._run = None
            assert isinstance(event, QFocusEvent)
            backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
            # After Qt selected a part.
            QTimer.singleShot(0, self, lambda: self._select_on_entry(backwards=backwards))
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QDateTimeEdit):
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        """True when the key is handled here (and must not reach the field)."""
        edit = self._edit
        line = edit.lineEdit()
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self._typed_in = None
            line.selectAll()
            return True
        steps = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if event.key() in steps and line.hasSelectedText() and line.selectedText() == line.text():
            # All of it selected (Ctrl+A, Go to Date opening): the arrows step the day of the
            # month, not the part the cursor ended in (the year, at the end of the text).
            day = self._day_of_month_index()
            if day is not None:
                edit.setCurrentSectionIndex(day)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self._day_not_taken() and not self._check_day():
            self._note_unread = False  # this Enter stopped for it: the next one goes on
            return True  # read the note first: Enter again goes on (to Save, in a dialog)
        if event.key() in _MODIFIER_KEYS:
            # Ctrl, Alt, Shift pressed on their way to a shortcut (Ctrl+Enter, Alt+S): the
            # day typed stays to be read, or "30 Mar" over 10 February went in as 3 March.
            return False
        text = event.text()
        if len(text) != 1 or not text.isprintable():
            typed_in = self._typed_in  # the part a character was just typed into
            self._typed_in = self._run = None  # arrows, Tab, Backspace...: a fresh start
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._check_day()  # leaving the day: the day typed is settled first
                self._day_typed = ""
                forward = event.key() == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                index, last = edit.currentSectionIndex(), edit.sectionCount() - 1
                if typed_in is not None and forward and index > typed_in:
                    # Qt moved on by itself, the part full: this Tab is that move, as a
                    # separator typed there is ("30 Tab 3 Tab 2027", typed part by part).
                    return True
                if typed_in is not None and (index < last if forward else index > 0):
                    # Tab after a part typed goes to the next part, as Qt's does (leaving,
                    # the 3 and the 2027 went into the start time: a review).
                    return False
                # Else on to the next field, as Tab goes everywhere else: Qt's went through
                # the parts first, and a time typed after one Tab too few went into the
                # year (2030, without a word: a keyboard trial).
                _focus_beyond(edit, forward=forward)
                return True
            self._day_typed = ""  # an arrow's day is the one shown
            return False
        if line.hasSelectedText() and line.selectedText() == line.text():
            self._begin_whole(text)  # typing over all of it: read as a whole when done
            return True
        if self._year_first(text):
            return True
        if text in _SEPARATORS:
            moved = self._typed_in is not None and edit.currentSectionIndex() != self._typed_in
            self._typed_in = None
            return moved  # Qt already moved on: this separator is the one it stands for
        if text.isalpha() and edit.currentSection() == QDateTimeEdit.Section.AmPmSection:
            self._choose_half(text)  # Qt leaves "a" half-typed, neither morning nor afternoon
            self._typed_in = edit.currentSectionIndex()
            return True
        if text.isdigit() and self._day_ran_over(text):
            self._day_typed += text  # "30" over a February date: Qt moved on after the "3"
            return True
        if text.isdigit() and self._on_month_names():
            return self._month_digit(text)
        if text.isdigit() and self._on_a_leading_name():
            edit.setCurrentSectionIndex(1)
            edit.setSelectedSection(edit.currentSection())
        index = edit.currentSectionIndex()
        twelve_hours = "ap" in edit.displayFormat().lower()
        if text.isdigit() and twelve_hours and edit.sectionAt(index) == _HOUR:
            typed = (self._hour_typed if self._typed_in == index else "") + text
            self._hour_typed, self._typed_in = typed, index
            return self._clock_hour(typed)
        if text.isdigit() and edit.sectionAt(index) == QDateTimeEdit.Section.DaySection:
            self._day_typed = (self._day_typed if self._typed_in == index else "") + text
        if text.isdigit() and edit.sectionAt(index) == QDateTimeEdit.Section.YearSection:
            self._year_typed = (self._year_typed if self._typed_in == index else "") + text
        self._typed_in = index
        return False

    def _year_first(self, text: str) -> bool:
        """Whether `text` ends a year typed first over the field's first part ("2026-"):
        then what Qt made of it part by part goes, and the whole date is typed on from it.
        A day-first date ("20.03") goes part by part, as before."""
        edit = self._edit
        if self._run is None:
            named_first = edit.displayFormat().startswith("ddd") and edit.sectionCount() > 1
            first = 1 if named_first else 0  # past a leading weekday
            has_date = bool(edit.displayedSections() & QDateTimeEdit.Section.DateSections_Mask)
            if not has_date or self._typed_in is not None or edit.currentSectionIndex() != first:
                return False
            self._run, self._run_from = "", edit.date()
        self._run += text
        if _YEAR_TYPED_FIRST.fullmatch(self._run):
            typed, self._run = self._run, None
            self._day_typed = ""  # nothing of Qt's part by part is left to settle
            edit.setDate(self._run_from)
            self._begin_whole(typed)
            return True
        if not self._run.isdigit() or len(self._run) > 4:
            self._run = None  # not a year: part by part, as typed
        return False

    def _clock_hour(self, typed: str) -> bool:
        """An hour typed as a 24-hour clock has it, into a twelve-hour field ("14" is 2 PM,
        "00" midnight): Qt kept the "1" of "14" and gave 1 PM without a word. True when
        taken here; other digits are Qt's (a 7 keeps the half of the day shown)."""
        if len(typed) != 2 or not (typed == "00" or 13 <= int(typed) <= 23):
            return False
        edit = self._edit
        edit.setTime(QTime(int(typed), edit.time().minute()))
        edit.setCurrentSectionIndex(edit.currentSectionIndex() + 1)  # on to the minutes
        edit.setSelectedSection(edit.currentSection())
        return True

    def _choose_half(self, letter: str) -> None:
        """A letter typed into the morning/afternoon part sets the half it begins (a or p,
        or the first letter of this computer's own word); a letter beginning neither, or
        both, changes nothing ("m" after "a")."""
        locale, letter = QLocale(), letter.casefold()
        morning = any(word.casefold().startswith(letter) for word in (locale.amText(), "am"))
        afternoon = any(word.casefold().startswith(letter) for word in (locale.pmText(), "pm"))
        if morning == afternoon:
            return
        edit, time = self._edit, self._edit.time()
        edit.setTime(QTime(time.hour() % 12 + (12 if afternoon else 0), time.minute()))
        edit.setSelectedSection(QDateTimeEdit.Section.AmPmSection)

    def _begin_whole(self, first: str) -> None:
        if self._whole is None:
            self._whole = _WholeText(self._edit, self._finish_whole, self._let_go)
        self._whole.enter_goes_on = self.whole_question
        self._whole.escape_goes_on = self.whole_question
        self._whole.begin(first)

    def _let_go(self) -> None:
        self._refused = False  # Escape: the field as it was, by choice
        self._unsay()

    def _tell(self, text: str) -> None:
        self._said = True
        self.say(text)
        # Heard too, where it is shown away from the focus (the dialog's message line): a
        # screen reader's user had only seen the focus move on (an accessibility audit).
        self._edit.setAccessibleDescription(text)
        announce.say(self._edit, text, urgent=True)

    def _unsay(self) -> None:
        """Take a note back once the field holds what was meant (an empty note clears it)."""
        if self._said:
            self._said = False
            self.say("")
            self._edit.setAccessibleDescription("")

    def settle(self) -> bool:
        if self._note_unread:
            # The note came as a click on Save took the focus: the click waits, once, for
            # it to be read (a month without the day typed had been saved at once).
            self._note_unread = False
            return False
        if self._whole is not None and self._whole.typing:
            return self._whole.read_now()
        if self._refused and self._whole is not None:  # left by a click: back to put right
            self._whole.begin(self._refused_text)
            self._whole.selectAll()
            return False
        # A day typed part by part, the field not left yet (Ctrl+Enter, an access key): read
        # as leaving it reads it, or "30 Mar" over 10 February went in as 3 March.
        return self._check_day()

    def _finish_whole(self, text: str) -> bool:
        """Read what was typed over the whole field; say so when it is no date or time
        (False: the field is as it was)."""
        edit = self._edit
        self._typed_in = None
        self._refused, self._refused_text = True, text  # until it is read
        if isinstance(edit, QTimeEdit) or not isinstance(edit, QDateEdit):
            time = parse_time(text)
            if time is not None:
                edit.setTime(time)
                self._refused = False
                self._unsay()
                edit.editingFinished.emit()
                return True
            problem = _tr("“%1” is not a time of day. Type it like %2.").replace(
                "%2", labels.clock(QTime(7, 15))
            )
        else:
            # The field's own text first (any language's, as it shows it), then by parts.
            own = QLocale().toDate(text.strip(), edit.displayFormat())
            parts = (
                (own.year(), own.month(), own.day())
                if own.isValid()
                else date_parts(text, near=_python_day(edit.date()))
            )
            day = QDate(*parts) if parts is not None else QDate()
            if day.isValid() and edit.minimumDate() <= day <= edit.maximumDate():
                edit.setDate(day)
                self._refused = False
                self._unsay()
                edit.editingFinished.emit()
                return True
            example = QLocale().toString(edit.date(), edit.displayFormat())
            if day.isValid():
                problem = _tr("“%1” is outside the years Rekindle can plan.")
            elif parts is not None and 1 <= parts[1] <= 12:
                month = QLocale().toString(QDate(parts[0], parts[1], 1), "MMMM yyyy")
                problem = _tr("%1 has no day %2.").replace("%1", month).replace(
                    "%2", str(parts[2])
                )  # fmt: skip
            else:
                problem = _tr("“%1” is not a date in the calendar. Type it like %2.")
            problem = problem.replace("%2", example)
        self._tell(problem.replace("%1", text.strip()))
        return False

    def _check_day(self) -> bool:
        """Settle the day of the month typed part by part: Qt judged it against the month
        shown then, so "30" over a February date kept only the "3". Once the month typed
        after it has that day, it is taken; if it has none (30 February), that is said, as
        Qt keeps the nearest day it can, which would otherwise pass unnoticed. False when
        something was said."""
        if not self._day_not_taken():
            self._day_typed = ""
            return True
        typed, self._day_typed = int(self._day_typed), ""
        edit = self._edit
        assert isinstance(edit, QDateEdit)
        shown = edit.date()
        meant = QDate(shown.year(), shown.month(), typed)
        if meant.isValid() and edit.minimumDate() <= meant <= edit.maximumDate():
            edit.setDate(meant)
            self._unsay()
            return True
        locale = QLocale()
        month = locale.toString(shown, "MMMM yyyy")
        kept = locale.toString(shown, labels.day_format("d MMMM yyyy"))
        text = _tr("%1 has no day %2, so the date is %3.")
        self._tell(text.replace("%1", month).replace("%2", str(typed)).replace("%3", kept))
        return False

    def _check_year(self) -> bool:
        """Settle a year typed with fewer than four digits, which Qt drops for the year shown
        before without a word ("20", "1", "2027" typed part by part had left 2026: a
        re-trial, the "1" and "2" taken as December). Two digits are this century's ("27"
        is 2027); anything else is said. False when something was said."""
        typed, self._year_typed = self._year_typed, ""
        edit = self._edit
        if len(typed) >= 4 or not typed or not isinstance(edit, QDateEdit):
            return True
        shown, digits = edit.date(), typed.lstrip("0")
        if 1 <= len(digits) <= 2:
            year = 2000 + int(digits)
            first = QDate(year, shown.month(), 1)
            meant = QDate(year, shown.month(), min(shown.day(), first.daysInMonth()))
            if edit.minimumDate() <= meant <= edit.maximumDate():
                edit.setDate(meant)
                self._unsay()
                return True
        kept = QLocale().toString(shown, labels.day_format("d MMMM yyyy"))
        text = _tr("“%1” is not a year, so the date is %2. Type the year with its four digits.")
        self._tell(text.replace("%2", kept).replace("%1", typed))
        return False

    def _on_left(self) -> None:
        """The field left (or Enter on it): settle the day typed. Left for a button (a click
        on Save), the note this says comes as the button acts: its press waits, once, for
        the note to be read (settle), as Enter does. Left for another field, it was seen."""
        day_taken, year_taken = self._check_day(), self._check_year()
        if not (day_taken and year_taken):
            taker = QApplication.focusWidget()
            # A check box or a choice is another field (All day, beside the date), not Save.
            self._note_unread = isinstance(taker, QAbstractButton) and not isinstance(
                taker, (QCheckBox, QRadioButton)
            )

    def _day_not_taken(self) -> bool:
        """Whether the day of the month typed is not the one the field now holds."""
        typed, edit = self._day_typed, self._edit
        return bool(typed) and isinstance(edit, QDateEdit) and int(typed) != edit.date().day()

    def _day_ran_over(self, digit: str) -> bool:
        """Whether Qt just moved on from the day of the month, by itself, after its first
        digit, to a month written in words, which a digit cannot be typed into, or to the
        year ("Feb 30, 2027" where the month comes first): `digit` makes a day with that
        first one (30), so it was meant for the day. After two digits ("14"), or where the
        two make no day ("5" then "2027"), the digits are the year's."""
        edit, day = self._edit, QDateTimeEdit.Section.DaySection
        moved_to = edit.currentSection()
        return (
            self._typed_in is not None
            and edit.sectionAt(self._typed_in) == day
            and edit.currentSectionIndex() != self._typed_in
            and len(self._day_typed) == 1
            and int(self._day_typed + digit) <= 31
            and (
                moved_to == QDateTimeEdit.Section.YearSection
                or (
                    moved_to == QDateTimeEdit.Section.MonthSection and "MMM" in edit.displayFormat()
                )
            )
        )

    def _on_month_names(self) -> bool:
        edit = self._edit
        return (
            edit.currentSection() == QDateTimeEdit.Section.MonthSection
            and "MMM" in edit.displayFormat()
        )

    def _month_digit(self, digit: str) -> bool:
        """A digit typed into a month shown by name ("Dec"), which Qt refuses: "14 12 2026"
        typed part by part is 14 December. The month is taken as soon as it can be no
        other (2 to 9, or a second digit); a lone 1 waits for a possible 10, 11 or 12."""
        edit = self._edit
        index = edit.currentSectionIndex()
        typed = (self._month_typed if self._typed_in == index else "") + digit
        if not 1 <= int(typed) <= 12:
            typed = digit  # "13": the 3 begins the month afresh
        self._typed_in, self._month_typed = index, typed
        month = int(typed)
        if month == 0:
            return True  # "0": waits for its second digit
        shown = edit.date()
        day = min(shown.day(), QDate(shown.year(), month, 1).daysInMonth())
        edit.setDate(QDate(shown.year(), month, day))
        if len(typed) == 2 or month > 1:
            edit.setCurrentSectionIndex(index + 1)  # on, as Qt moves on from a whole part
        edit.setSelectedSection(edit.currentSection())
        return True

    def _day_of_month_index(self) -> int | None:
        """Which part is the day of the month (Qt names a leading weekday a day part too,
        and stepping that one stops at the week's ends)."""
        edit = self._edit
        days = [i for i in range(edit.sectionCount())
                if edit.sectionAt(i) == QDateTimeEdit.Section.DaySection]  # fmt: skip
        if days and days[0] == 0 and edit.displayFormat().startswith("ddd"):
            days = days[1:]
        return days[0] if days else None

    def _on_a_leading_name(self) -> bool:
        """Whether the field is on its first part and it is a word no digit goes into: the
        weekday, or morning/afternoon where it comes first (오전 7:30, 上午7:30)."""
        edit = self._edit
        first = edit.sectionAt(0)
        return edit.currentSectionIndex() == 0 and (
            edit.displayFormat().startswith("ddd") or first == QDateTimeEdit.Section.AmPmSection
        )

    def _select_on_entry(self, *, backwards: bool = False) -> None:
        """The whole date for a dialog's one question; else past a leading weekday, on to
        the day of the month; entered `backwards` (on its last part), its first part."""
        edit = self._edit
        if self.whole_question:
            edit.lineEdit().selectAll()
            return
        if not backwards and not self._on_a_leading_name():
            return  # Tab's first part, or a click's
        edit.setCurrentSectionIndex(0)
        if self._on_a_leading_name() and edit.sectionCount() > 1:
            edit.setCurrentSectionIndex(1)
        edit.setSelectedSection(edit.currentSection())

    def _select_part(self) -> None:
        self._edit.setSelectedSection(self._edit.currentSection())


class _WholeText(QLineEdit):
    """Plain text over a date or time field while it is typed over as a whole: Qt's field
    would judge each character alone. Enter, Tab or a click elsewhere ends it (Enter does
    only that, not also the dialog's default button, unless `enter_goes_on`; Tab moves on
    from the field, as its own would); what is no date stays to be put right, and is said;
    Escape puts the field back (and, with `escape_goes_on`, closes the dialog too)."""

    def __init__(
        self, edit: QDateTimeEdit, finished: Callable[[str], bool], cancelled: Callable[[], None]
    ) -> None:
        super().__init__(edit)
        self.setObjectName("typed_whole")
        self._edit = edit
        # Named as the field it stands over: a screen reader had said "text" alone.
        self.setAccessibleName(edit.accessibleName() or _buddy_text(edit))
        self._finished = finished
        self._cancelled = cancelled
        self._open = False
        self.enter_goes_on = False
        self.escape_goes_on = False
        self.hide()

    @property
    def typing(self) -> bool:
        return self._open

    def read_now(self) -> bool:
        """As Enter: read it and close, or keep it open, focused, to be put right."""
        if not self._finished(self.text()):
            self.setFocus()
            self.selectAll()
            return False
        self._end()
        return True

    def begin(self, first: str) -> None:
        line = self._edit.lineEdit()
        self.setGeometry(line.geometry())
        self.setFont(line.font())
        self.setText(first)
        self._open = True
        self.show()
        self.setFocus()

    def event(self, event: QEvent) -> bool:
        # Tab is taken for focus moves before keyPressEvent sees it.
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.keyPressEvent(event)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.accept()
            if not self._finished(self.text()):
                self.selectAll()  # not a date: stays, to be put right (Escape leaves it)
                return
            self._end()
            if self.enter_goes_on and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # The field's own Enter, now that it holds the date: on to the dialog.
                press = QKeyEvent(QEvent.Type.KeyPress, key, event.modifiers())
                QCoreApplication.sendEvent(self._edit, press)
                return
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                _focus_beyond(self._edit, forward=forward)
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            self._end()
            self._cancelled()
            if self.escape_goes_on:
                press = QKeyEvent(QEvent.Type.KeyPress, key, event.modifiers())
                QCoreApplication.sendEvent(self._edit, press)  # on to the dialog: it closes
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self._open or event.reason() == Qt.FocusReason.PopupFocusReason:
            return  # a context menu of its own: still typing
        self._open = False
        self.hide()
        self._finished(self.text())  # a click elsewhere: read it, or say why not

    def _end(self) -> None:
        if not self._open:
            return
        self._open = False
        had_focus = self.hasFocus()
        self.hide()
        if had_focus:
            self._edit.setFocus()


def _focus_beyond(edit: QWidget, *, forward: bool) -> None:
    """Move the focus to the next (or previous) field after `edit` (the field's own Tab
    steps through its parts first)."""
    widget: QWidget | None = edit
    for _ in range(500):  # the chain is a ring; a bound keeps an odd one from looping
        assert widget is not None
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is edit:
            return
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and not edit.isAncestorOf(widget)
            and widget.focusProxy() is None
        ):
            widget.setFocus(
                Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            )
            return


def _buddy_text(edit: QWidget) -> str:
    """The words of the label that names `edit` in its form ("Date", "Start"), if any."""
    window = edit.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is edit:
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return ""


def _half_of_day(cleaned: str) -> tuple[str, bool] | None:
    """(the time without it, whether afternoon) when `cleaned` (no spaces, case-folded) is
    marked as morning or afternoon: am/pm, a.m./p.m., a/p after it, or this computer's own
    words on either side; None when it is not."""
    locale = QLocale()
    marks = [
        ("".join(word.split()).casefold(), afternoon)
        for word, afternoon in ((locale.amText(), False), (locale.pmText(), True))
        if word
    ]
    own = list(marks)
    marks += [("a.m.", False), ("p.m.", True), ("am", False), ("pm", True)]
    marks += [("a", False), ("p", True)]
    for mark, afternoon in sorted(marks, key=lambda found: -len(found[0])):
        if cleaned.endswith(mark) and len(cleaned) > len(mark):
            return cleaned[: -len(mark)], afternoon
    for mark, afternoon in own:
        if cleaned.startswith(mark) and len(cleaned) > len(mark):
            return cleaned[len(mark) :], afternoon
    return None


def time_format() -> str:
    """How a time field shows a time: in hours and minutes to 23:59 (07:15), or where this
    computer's clock has twelve hours, as it writes them (7:15 AM, 오전 7:15)."""
    shape = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    if "a" not in shape.lower():
        return "HH:mm"
    # A plain space where the language has a narrow one: what is typed between the parts.
    return " ".join(shape.split())


def _tooltip(edit: QDateTimeEdit, text: str) -> None:
    """A short note under the field: gentle, and gone by itself (or when put right)."""
    if not text:
        QToolTip.hideText()
        return
    QToolTip.showText(edit.mapToGlobal(edit.rect().bottomLeft()), text, edit)


def _tr(text: str) -> str:
    return QCoreApplication.translate("date_typing", text)


#: Keys that only change what the next key means.
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
    }
)  # fmt: skip
