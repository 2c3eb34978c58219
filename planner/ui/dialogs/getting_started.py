"""Help > Getting Started: the few things to know, for someone new to a desktop calendar.

A new user's trial found the Help menu held only the keys and About: how to plan, mark and
look back had to be found by trying. This says it in a few short paragraphs, with the keys
this computer shows in the menus.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from planner.ui import announce
from planner.ui.widgets import named

if TYPE_CHECKING:
    from collections.abc import Mapping


class GettingStartedDialog(QDialog):
    """A short, kind guide to planning, marking and looking back; `keys` are the shortcuts
    of the commands it names ("new", "undo", "progress", "export"), as the menus write them."""

    def __init__(self, keys: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Getting Started"))
        self.text = named(QTextBrowser(), "getting_started")
        self.text.setAccessibleName(self.tr("Getting started"))
        self.text.setOpenLinks(False)
        announce.caret_when_read(self.text)  # read line by line by a screen reader
        self.text.setHtml(self.guide(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        room = self.screen().availableGeometry()  # a small screen: it scrolls
        self.resize(min(560, room.width() - 40), min(620, room.height() - 80))

    def guide(self, keys: Mapping[str, str]) -> str:
        """The guide as HTML: a heading and a paragraph for each thing to know."""

        def key(name: str) -> str:
            shortcut = keys.get(name, "")
            return f" ({html.escape(shortcut)})" if shortcut else ""

        sections = [
            (
                self.tr("Where you are"),
                self.tr(
                    "The Steps panel shows your program's steps, and marks the one you are on. "
                    "Read its guidance when you are ready: there is no hurry, and each step "
                    "lists ideas you can plan."
                ),
            ),
            (
                self.tr("Plan something"),
                self.tr(
                    "Double-click a day, or choose File › New Activity…%1, to plan a walk, an "
                    "evening of journaling, a quiet space period or, when the time is right, a "
                    "coffee. You can also drag one of the step's ideas onto a day, or, in the "
                    "week and day views, drag across empty hours to draw it there."
                ).replace("%1", key("new")),
            ),
            (
                self.tr("Move and change"),
                self.tr(
                    "Drag an activity to another day or time, or drag its lower edge to make "
                    "it longer. Double-click it to change anything else. Edit › Undo%1 takes "
                    "back any change, a deletion too."
                ).replace("%1", key("undo")),
            ),
            (
                self.tr("With the keyboard"),
                self.tr(
                    "The arrow keys move between days and activities, Enter opens the one "
                    "chosen (or plans on the day chosen), and the Menu key or Shift+F10 opens "
                    "its menu, with Done, Skip, Move to Next Week and more. F6 goes between "
                    "the calendar and the panels; Help › Keyboard Shortcuts%1 lists every key."
                ).replace("%1", key("shortcuts")),
            ),
            (
                self.tr("Mark what you did"),
                self.tr(
                    "When its time has come, choose Done… in the Today panel, or right-click "
                    "the activity. If you like, note how it went and what you learned. Letting "
                    "something go is fine too: Skip keeps it in your plan, quietly."
                ),
            ),
            (
                self.tr("Look back"),
                self.tr(
                    "View › Progress%1 shows the weeks you were active, how you felt, the steps "
                    "you have reached and the lessons you wrote down; double-click a lesson to "
                    "read the reflection it came from."
                ).replace("%1", key("progress")),
            ),
            (
                self.tr("When you want to reach out"),
                self.tr(
                    "I Want to Reach Out Now… in the Today panel gives you a calm moment "
                    "first, and a private place to write what you would say. Nothing is ever "
                    "sent from Rekindle."
                ),
            ),
            (
                self.tr("Your words stay here"),
                self.tr(
                    "Your plan and everything you write are kept on this computer. File › "
                    "Export…%1 writes a calendar file that Google Calendar or Apple Calendar "
                    "can import; your private notes and your partner's name stay out of it "
                    "unless you choose to include them."
                ).replace("%1", key("export")),
            ),
        ]
        body = "".join(
            f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>" for title, text in sections
        )
        return body
