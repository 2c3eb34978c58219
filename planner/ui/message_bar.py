"""An inline message above the calendar (like KDE's KMessageWidget): seen, never in the way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from planner.ui import announce
from planner.ui.widgets import named, push_button

if TYPE_CHECKING:
    from collections.abc import Callable


class MessageBar(QFrame):
    """A gentle note with up to a few actions and a close button; hidden until shown.

    Used for moments worth noticing (a step's milestone reached) that must not interrupt the
    person with a modal dialog.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.setProperty("role", "message-bar")
        self.text = named(QLabel(), "message_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = named(QToolButton(), "message_close")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))  # not "✕"
        self.close_button.clicked.connect(self.hide)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 8, 8)
        self._layout.addWidget(self.text, 1)
        self._buttons: list[QPushButton] = []
        self._layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, actions: list[tuple[str, Callable[[], None]]]) -> None:
        """Show `text` with a button per (label, callback); a button also closes the bar."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self.text.setText(text)
        for position, (label, callback) in enumerate(actions):
            button = push_button(label, f"message_action_{position}")
            button.clicked.connect(callback)
            button.clicked.connect(self.hide)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        self.show()
        announce.say(self, text)  # shown away from the focus: heard too

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    @Slot()
    def dismiss(self) -> None:
        self.hide()
