"""Typing into a date or time field as into a calendar's own, not as Qt's spin box wants it.

Qt's date and time fields take what is typed one part at a time (day, month, year), judge
each part against the others as they stand, and move on to the next part by themselves.
Typed the way people type a date, that went wrong without a word: "8 Jan 2027" over a
December date gave 8 December 2027, "30 Mar" over a February one gave 3 February, and
with the whole text selected (Ctrl+A) digits went into no part at all, so 07:15 over 18:00
gave 18:15. Here:

- a click selects the part under it, to be typed over (Qt puts the cursor there, and a
  part full of digits then refuses more);
- a field entered on its weekday (Tab lands there) moves on to the day of the month;
- a separator typed just after Qt moved on by itself is taken as that move;
- typing over the whole text (Ctrl+A, or all of it selected by hand) is read as a whole
  when it is done ("14 Dec 2026", "Mon 14 Dec", "2026-12-14", "14.12.2026", "7:15"), and
  what cannot be a date or time is said, in words, with the field left as it was;
- a day typed part by part that its month does not have (30 February) is said too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, Qt, QTime, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QTimeEdit,
    QToolTip,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Callable

#: Characters that end one part of a date or time and begin the next.
_SEPARATORS = frozenset(" .,/-:")

#: What a whole typed date may look like (the field's own format is tried first); a date
#: without a year is in the field's year.
_DATE_FORMATS = (
    "ddd d MMM yyyy", "dddd d MMMM yyyy", "ddd d MMMM yyyy", "dddd d MMM yyyy",
    "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy", "yyyy-MM-dd",
    "d.M.yyyy", "d/M/yyyy", "d-M-yyyy", "d.M.yy", "d/M/yy",
)  # fmt: skip
_DATE_FORMATS_NO_YEAR = ("ddd d MMM", "dddd d MMMM", "d MMM", "d MMMM", "MMM d", "MMMM d",
                         "d.M.", "d.M", "d/M")  # fmt: skip
_TIME_FORMATS = ("H:mm", "H.mm", "Hmm", "HHmm", "H")


def install(edit: QDateTimeEdit) -> None:
    """Make `edit` take typing as described above (idempotent per field)."""
    if edit.findChild(_PartTyping) is None:
        _PartTyping(edit)


def say_with(edit: QDateTimeEdit, say: Callable[[str], None]) -> None:
    """Where `edit` says what it could not take (a dialog's message line); by default a
    note under the field, which a key or a focus change can hide before it is read."""
    typing = edit.findChild(_PartTyping)
    if typing is not None:
        typing.say = say


def parse_date(text: str, *, year: int, own_format: str = "") -> QDate | None:
    """The date `text` names, read leniently (case, spaces, a trailing dot), or None."""
    cleaned = " ".join(text.replace(",", " ").split())
    if not cleaned:
        return None
    locales = (QLocale(), QLocale.c())
    for fmt in (own_format, *_DATE_FORMATS) if own_format else _DATE_FORMATS:
        for locale in locales:
            found = locale.toDate(cleaned, fmt)
            if found.isValid():
                return found
    for fmt in _DATE_FORMATS_NO_YEAR:
        for locale in locales:
            found = locale.toDate(f"{cleaned} {year}", f"{fmt} yyyy")
            if found.isValid():
                return found
    return None


def parse_time(text: str) -> QTime | None:
    """The time of day `text` names ("7:15", "07.15", "715", "19"), or None."""
    cleaned = "".join(text.split())
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
        self._whole: _WholeText | None = None
        self.say: Callable[[str], None] = lambda text: _tooltip(edit, text)
        edit.installEventFilter(self)
        line = edit.lineEdit()
        if line is not None:
            line.installEventFilter(self)
        edit.editingFinished.connect(self._check_day)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the event's type and the watched object are read: while the field is being
        # torn down, its line edit still sends events here.
        kind = event.type()
        if (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QLineEdit)
            and not watched.hasSelectedText()  # a drag that selected text keeps it
        ):
            self._typed_in = None
            QTimer.singleShot(0, self, self._select_part)  # after the click placed the cursor
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QDateTimeEdit):
            self._typed_in = None
            QTimer.singleShot(0, self, self._past_the_weekday)  # after Qt selected a part
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
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._day_not_taken():
            self._check_day()
            return True  # read the note first: Enter again goes on (to Save, in a dialog)
        text = event.text()
        if len(text) != 1 or not text.isprintable():
            self._typed_in = None  # arrows, Tab, Backspace...: a fresh start
            return False
        if line.hasSelectedText() and line.selectedText() == line.text():
            self._begin_whole(text)  # typing over all of it: read as a whole when done
            return True
        if text in _SEPARATORS:
            moved = self._typed_in is not None and edit.currentSectionIndex() != self._typed_in
            self._typed_in = None
            return moved  # Qt already moved on: this separator is the one it stands for
        if text.isdigit() and self._day_ran_over():
            self._day_typed += text  # "30" over a February date: Qt moved on after the "3"
            return True
        if text.isdigit() and self._on_the_weekday():
            edit.setCurrentSectionIndex(1)
            edit.setSelectedSection(edit.currentSection())
        index = edit.currentSectionIndex()
        if text.isdigit() and edit.sectionAt(index) == QDateTimeEdit.Section.DaySection:
            self._day_typed = (self._day_typed if self._typed_in == index else "") + text
        self._typed_in = index
        return False

    def _begin_whole(self, first: str) -> None:
        if self._whole is None:
            self._whole = _WholeText(self._edit, self._finish_whole)
        self._whole.begin(first)

    def _finish_whole(self, text: str) -> None:
        """Read what was typed over the whole field; say so when it is no date or time."""
        edit = self._edit
        self._typed_in = None
        if isinstance(edit, QTimeEdit) or not isinstance(edit, QDateEdit):
            time = parse_time(text)
            if time is not None:
                edit.setTime(time)
                edit.editingFinished.emit()
                return
            example = "07:15"
            problem = _tr("“%1” is not a time of day. Type it like %2.")
        else:
            date = parse_date(text, year=edit.date().year(), own_format=edit.displayFormat())
            if date is not None and edit.minimumDate() <= date <= edit.maximumDate():
                edit.setDate(date)
                edit.editingFinished.emit()
                return
            example = QLocale().toString(edit.date(), edit.displayFormat())
            problem = (
                _tr("“%1” is outside the years Rekindle can plan.")
                if date is not None
                else _tr("“%1” is not a date in the calendar. Type it like %2.")
            )
        self.say(problem.replace("%1", text.strip()).replace("%2", example))

    def _check_day(self) -> None:
        """Say so when a typed day does not exist in its month (30 February): Qt keeps the
        nearest day it can, which would otherwise pass unnoticed."""
        if not self._day_not_taken():
            self._day_typed = ""
            return
        typed, self._day_typed = self._day_typed, ""
        edit = self._edit
        locale = QLocale()
        month = locale.toString(edit.date(), "MMMM yyyy")
        kept = locale.toString(edit.date(), "d MMMM yyyy")
        text = _tr("%1 has no day %2, so the date is %3.")
        self.say(text.replace("%1", month).replace("%2", str(int(typed))).replace("%3", kept))

    def _day_not_taken(self) -> bool:
        """Whether the day of the month typed is not the one the field now holds."""
        typed, edit = self._day_typed, self._edit
        return bool(typed) and isinstance(edit, QDateEdit) and int(typed) != edit.date().day()

    def _day_ran_over(self) -> bool:
        """Whether Qt just moved on from the day of the month to a month written in words,
        which a digit cannot be typed into: the digit was meant for the day."""
        edit, day = self._edit, QDateTimeEdit.Section.DaySection
        return (
            self._typed_in is not None
            and edit.sectionAt(self._typed_in) == day
            and edit.currentSectionIndex() != self._typed_in
            and edit.currentSection() == QDateTimeEdit.Section.MonthSection
            and "MMM" in edit.displayFormat()
        )

    def _on_the_weekday(self) -> bool:
        edit = self._edit
        return edit.displayFormat().startswith("ddd") and edit.currentSectionIndex() == 0

    def _past_the_weekday(self) -> None:
        if self._on_the_weekday():
            self._edit.setCurrentSectionIndex(1)
            self._edit.setSelectedSection(self._edit.currentSection())

    def _select_part(self) -> None:
        self._edit.setSelectedSection(self._edit.currentSection())


class _WholeText(QLineEdit):
    """Plain text over a date or time field while it is typed over as a whole: Qt's field
    would judge each character alone. Enter, Tab or a click elsewhere ends it (Enter does
    only that, not also the dialog's default button; Tab moves on from the field, as its
    own would); Escape puts the field back."""

    def __init__(self, edit: QDateTimeEdit, finished: Callable[[str], None]) -> None:
        super().__init__(edit)
        self.setObjectName("typed_whole")
        self._edit = edit
        self._finished = finished
        self._open = False
        self.hide()

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
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self._end(keep=True)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.accept()
            self._end(keep=True)
            forward = key == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            _focus_beyond(self._edit, forward=forward)
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            self._end(keep=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._end(keep=True)

    def _end(self, *, keep: bool) -> None:
        if not self._open:
            return
        self._open = False
        text = self.text()
        had_focus = self.hasFocus()
        self.hide()
        if had_focus:
            self._edit.setFocus()
        if keep:
            self._finished(text)


def _focus_beyond(edit: QWidget, *, forward: bool) -> None:
    """Move the focus to the next (or previous) field after `edit`, as Tab out of its last
    part would (the field's own Tab first steps through its parts)."""
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


def _tooltip(edit: QDateTimeEdit, text: str) -> None:
    """A short note under the field: gentle, and gone by itself."""
    QToolTip.showText(edit.mapToGlobal(edit.rect().bottomLeft()), text, edit)


def _tr(text: str) -> str:
    return QCoreApplication.translate("date_typing", text)
