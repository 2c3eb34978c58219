"""Small widget helpers shared by dialogs and panels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QLabel, QLineEdit, QTimeEdit, QWidget

from planner.domain.activities import EARLIEST_YEAR, LATEST_YEAR

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give `widget` an object name (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar popup and a friendly, unambiguous format.

    It holds only days Rekindle can plan: QDateEdit would offer 1752 to 9999, and the day
    after 31 December 9999 (an all-day end) is past what Python's dates can hold.
    """
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setDateRange(QDate(EARLIEST_YEAR, 1, 1), QDate(LATEST_YEAR, 12, 31))
    _ClickSelectsPart(edit)
    return edit


def time_edit(name: str) -> QTimeEdit:
    """A 24-hour time field (HH:mm) whose hour or minutes a click selects for typing over."""
    edit = named(QTimeEdit(), name)
    edit.setDisplayFormat("HH:mm")
    _ClickSelectsPart(edit)
    return edit


class _ClickSelectsPart(QObject):
    """A click on a date or time field selects the part under it (hour, minutes, day...),
    and a date field entered on its weekday (Tab lands there) moves on to the day of the
    month.

    Qt puts the text cursor there instead, and a part already full of digits then refuses
    what is typed: a click on "18" followed by "07" left 18:00 as it was. Selected, the
    part is typed over, as in a calendar's own time fields. The weekday ("Tue") cannot be
    typed over with digits at all, so a date typed after Tab changed nothing.
    """

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        edit.installEventFilter(self)
        line = edit.lineEdit()
        if line is not None:
            line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the event's type and the watched object are read: while the field is being
        # torn down, its line edit still sends events here.
        kind = event.type()
        if (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QLineEdit)
            and not watched.hasSelectedText()  # a drag that selected text keeps it
        ):
            QTimer.singleShot(0, self, self._select_part)  # after the click placed the cursor
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QDateTimeEdit):
            QTimer.singleShot(0, self, self._past_the_weekday)  # after Qt selected a part
        return False

    def _past_the_weekday(self) -> None:
        edit = self._edit
        if edit.displayFormat().startswith("ddd") and edit.currentSectionIndex() == 0:
            edit.setCurrentSectionIndex(1)
            edit.setSelectedSection(edit.currentSection())

    def _select_part(self) -> None:
        self._edit.setSelectedSection(self._edit.currentSection())


def message_label(name: str, role: str) -> QLabel:
    """A wrapping label styled by its role ("hint" or "error" in the style sheet)."""
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label
