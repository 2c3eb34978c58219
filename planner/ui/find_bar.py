"""The find bar above the calendars: search titles, locations and notes, step through matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from planner.domain import text_match
from planner.ui import announce, icons, labels
from planner.ui.calendar import visible
from planner.ui.widgets import named

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from planner.domain.occurrences import Occurrence
    from planner.services.changes import Changes
    from planner.ui.hub import Hub


class FindBar(QWidget):
    """A search field with previous/next and "n of m". Enter goes to the next match,
    Shift+Enter to the previous one (the window's F3 and Shift+F3 too); Escape closes.

    The first Enter goes to the first match from today on (else the last before it). Matches
    are read again after any change, so the walk continues from the match last shown.

    Signals:
        match_chosen(Occurrence): go to this occurrence and select it.
        closed(): the bar was closed (focus can go back to the calendar).
    """

    match_chosen = Signal(object)
    closed = Signal()

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._query: str | None = None  # the text `_matches` are for (None: read again)
        self._query_before_change: str | None = None  # the text before a change in the plan
        self._matches: list[Occurrence] = []
        self._index = -1
        self.edit = named(QLineEdit(), "find_edit")
        self.edit.setPlaceholderText(self.tr("Find in titles, places, notes and reflections"))
        self.edit.setClearButtonEnabled(True)
        self.previous_button = self._button("find_previous", "prev", self.tr("Previous match"))
        self.next_button = self._button("find_next", "next", self.tr("Next match"))
        self.count_label = named(QLabel(), "find_count")
        self.close_button = self._button("find_close", "close", self.tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        label = QLabel(self.tr("Find:"))
        label.setBuddy(self.edit)  # its name for a screen reader (an accessibility audit)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.close_button)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        hub.changed_beside.connect(self._on_hub_changed)

    def _button(self, name: str, icon: str, tip: str) -> QToolButton:
        button = named(QToolButton(), name)
        button.setIcon(icons.icon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)  # an icon alone says nothing to a screen reader
        button.setAutoRaise(True)
        return button

    @property
    def matches(self) -> list[Occurrence]:
        return list(self._matches)

    @property
    def current(self) -> Occurrence | None:
        """The match last gone to."""
        return self._matches[self._index] if 0 <= self._index < len(self._matches) else None

    @Slot()
    def open_bar(self) -> None:
        """Show the bar with its text selected, ready to type over."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    @Slot()
    def find_next(self) -> None:
        self._step(1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        text = self.edit.text().strip()
        if not text:
            return
        if text != self._query:
            self._search(text, direction)
        elif self._matches:
            self._index = (self._index + direction) % len(self._matches)
        self._show_count()
        if self.current is not None:
            self.match_chosen.emit(self.current)

    def _search(self, text: str, direction: int) -> None:
        """Read the matches for `text`; place the index on the next one from the match last
        shown (after a change) or from today (a new search)."""
        previous = self.current if text == self._query_before_change else None
        self._query = text
        self._matches = self._hub.search(text)
        self._index = -1
        if not self._matches:
            return
        if previous is not None:
            at = next((i for i, o in enumerate(self._matches) if visible.same(o, previous)), None)
            if at is not None:
                self._index = (at + direction) % len(self._matches)
                return
        zone = self._hub.plan.tz
        today = self._hub.today()
        upcoming = [i for i, o in enumerate(self._matches) if o.last_day(zone) >= today]
        self._index = upcoming[0] if upcoming else len(self._matches) - 1

    def _show_count(self) -> None:
        if self._query is None:
            # Typed, not looked for yet: how to (a re-trial typed "walk" and saw nothing).
            typed = bool(self.edit.text().strip())
            self.count_label.setText(self.tr("Press Enter to find") if typed else "")
        elif not self._matches and self._hub.filtering:
            self.count_label.setText(self.tr("No matches among what the filters show"))
        elif not self._matches:
            self.count_label.setText(self.tr("No matches"))
        else:
            count = (
                self.tr("%1 of %2")
                .replace("%1", str(self._index + 1))
                .replace("%2", str(len(self._matches)))
            )
            where = self._found_where()
            self.count_label.setText(f"{count} · {where}" if where else count)
        current = self.current
        heard = self.count_label.text()
        if current is not None:
            day = current.first_day(self._hub.plan.tz)
            when = labels.day_text(day, "ddd d MMM yyyy")
            self.count_label.setToolTip(f"{current.title} · {when}")
            heard = f"{heard}: {current.title}, {when}"
        if self._query is not None:  # a search's result, not the hint at each key typed
            announce.say(self.count_label, heard)  # the focus stays in the field

    def _found_where(self) -> str:
        """Where the current match's words were when not in what its chip shows: in the
        reflection written when it was done (a new user found "lentil" on a day whose
        walk said nothing of it, and wondered why)."""
        current, query = self.current, self._query
        if current is None or query is None:
            return ""
        needle = text_match.folded(query)
        if any(text_match.contains(part, needle)
               for part in (current.title, current.location, current.notes)):  # fmt: skip
            return ""
        reflection = current.reflection
        if reflection is not None and any(
            text_match.contains(part, needle) for part in (reflection.text, reflection.learned)
        ):
            return self.tr("in your reflection")
        return ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the line edit passes them on
            self._step(-1 if backwards else 1)
        elif key == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        self._query = None
        self._query_before_change = None
        self._matches, self._index = [], -1
        self._show_count()

    @Slot(object)
    def _on_hub_changed(self, _changes: Changes) -> None:
        # Matches may have moved, gone or appeared: read again at the next step, from here.
        if self._query is not None:
            self._query_before_change = self._query
            self._query = None
