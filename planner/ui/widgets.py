"""Small widget helpers shared by dialogs and panels."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QWidget,
)

from planner.domain.activities import EARLIEST_YEAR, LATEST_YEAR
from planner.ui import labels

if TYPE_CHECKING:
    from collections.abc import Iterator

W = TypeVar("W", bound=QWidget)


#: An action property: the command's name in lists of commands (Help > Keyboard Shortcuts)
#: when its menu text changes with what it will do ("Undo Delete “Walk”" is Undo).
COMMAND_NAME = "command_name"


def roomy(box: QMessageBox) -> None:
    """Give a message box's words a readable width: Qt wraps its second paragraph in a
    narrow column, four or five words to a line, which makes a file's problem (or a
    question) hard to read.

    Only that paragraph is given a width. Qt decides to wrap the first one when its single
    line is wider than half the screen (at most 500 px); a minimum width of its own had
    stood in for that line, and on any screen wider than about 900 px a long question was
    cut after its first sentence, unwrapped (a new user's trial at 1920 x 1080)."""
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 26em; }")


def open_freed(dialog: QDialog) -> None:
    """Show a window-modal dialog that frees itself (and its signal connections) when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()


@contextlib.contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor while the window cannot answer."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def named(widget: W, name: str) -> W:
    """Give `widget` an object name (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


def push_button(text: str, name: str) -> QPushButton:
    """A button for the window's panels and pages that Enter presses, as Space does.

    Qt presses a focused button on Enter only when it is "auto-default", which it makes only
    the buttons of dialogs: in the window, Enter did nothing and the button seemed broken.
    Focused, it shows as a dialog's button does when Enter would press it.
    """
    button = named(QPushButton(text), name)
    button.setAutoDefault(True)
    return button


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar popup and a friendly, unambiguous format.

    It holds only days Rekindle can plan: QDateEdit would offer 1752 to 9999, and the day
    after 31 December 9999 (an all-day end) is past what Python's dates can hold.
    """
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(labels.day_format("ddd d MMM yyyy"))
    edit.setDateRange(QDate(EARLIEST_YEAR, 1, 1), QDate(LATEST_YEAR, 12, 31))
    from planner.ui import date_typing  # only dialogs have date fields: not at start-up

    date_typing.install(edit)
    return edit


def time_edit(name: str) -> QTimeEdit:
    """A time field as this computer's clock reads (07:15, or 7:15 AM), whose parts a click
    selects for typing over."""
    from planner.ui import date_typing  # only dialogs have time fields: not at start-up

    edit = named(QTimeEdit(), name)
    edit.setDisplayFormat(date_typing.time_format())
    date_typing.install(edit)
    return edit


def zone_box(name: str, zone: str) -> QComboBox:
    """A time zone to choose or type, a place's name found by any part of it ("paris")."""
    from planner.domain.timezones import offered_zone_names

    box = named(QComboBox(), name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(offered_zone_names()))
    completer = QCompleter(list(offered_zone_names()), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    box.setCurrentText(zone)
    line = box.lineEdit()
    if line is not None:  # where the typing goes: named, not "text" alone
        line.setAccessibleName(QCoreApplication.translate("widgets", "Time zone"))
    return box


def message_label(name: str, role: str) -> QLabel:
    """A wrapping label styled by its role ("hint" or "error" in the style sheet)."""
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label


def keep_current_selected(view: QAbstractItemView) -> None:
    """Select the row that becomes current in a single-selection list.

    Tabbing into a list makes its first row current without selecting it, and our delegates
    draw only the selection: the keyboard's place was invisible, and Down then passed over it.
    """
    selection = view.selectionModel()

    def select(current: QModelIndex, _previous: QModelIndex) -> None:
        selectable = bool(current.flags() & Qt.ItemFlag.ItemIsSelectable)
        if selectable and not selection.isSelected(current):
            selection.select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    selection.currentChanged.connect(select)


class _OwnPagingKeys(QObject):
    """See `keep_paging_keys`."""

    _KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self._KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()  # the widget's own key, not the window's shortcut
        return False


def keep_paging_keys(widget: QWidget) -> None:
    """PgUp and PgDn page the focused side list or text, as they do anywhere else.

    The window's Previous and Next (PgUp, PgDn) are shortcuts, which Qt serves before the
    focused widget: in the Today list or a step's text they turned the calendar instead.
    """
    widget.installEventFilter(_OwnPagingKeys(widget))


class _OnePressPerDoubleClick(QObject):
    """See `one_press_per_double_click`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.MouseButtonDblClick  # the first click was the press


def one_press_per_double_click(button: QAbstractButton) -> None:
    """A double-click on `button` presses it once.

    Qt takes a double-click's second click as another press. On a button that acts on the
    chosen row and then chooses the next one (Skip in the Today list), a double-click
    skipped two activities.
    """
    button.installEventFilter(_OnePressPerDoubleClick(button))


class FittingScroll(QScrollArea):
    """Holds a dialog's form: as tall as the form while the screen has room, and scrolling
    when it has not (a trial at 1.5x scale saw Plan Settings' Save and Cancel below the
    screen's edge)."""

    def __init__(self, content: QWidget, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No Tab stop of its own, where nothing shows the focus (a keyboard trial): a field
        # Tab reaches inside is scrolled into sight.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        content = self.widget()
        wanted = content.sizeHint() if content is not None else super().sizeHint()
        if content is not None and content.hasHeightForWidth():  # wrapped hints: all lines
            wanted.setHeight(max(wanted.height(), content.heightForWidth(wanted.width())))
        bar = self.verticalScrollBar().sizeHint().width()
        room = self.screen().availableGeometry().height()
        window = self.window()
        if window.isVisible():  # less its frame, margins and buttons, as they are
            room -= window.frameGeometry().height() - self.height()
        else:  # a guess for them, before it shows
            room -= 140
        height = min(wanted.height(), max(room, 200))
        width = wanted.width() + (bar if height < wanted.height() else 0)
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        width = content.minimumSizeHint().width() if content is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 120)
