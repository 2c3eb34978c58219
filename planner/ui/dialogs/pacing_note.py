"""A kind note after planning contact that goes against the plan's pacing: move it, change
it, or keep it."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from planner.ui import labels

if TYPE_CHECKING:
    from datetime import date


class PacingChoice(enum.Enum):
    """What the person chose after reading the note."""

    MOVE = enum.auto()
    EDIT = enum.auto()
    KEEP = enum.auto()


class PacingNote(QMessageBox):
    """The hints in plain words. `move_to` offers "move it to the first day after the space
    period" in one click; Change It opens the editor (a trial found only Keep It after a
    note on two contacts within a week); keeping it is always fine and never nagged about
    again here.
    """

    def __init__(
        self,
        *,
        title: str,
        hints: list[str],
        move_to: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("A Note on Pacing"))
        self.setText(self.tr("A gentle note about “%1”").replace("%1", title))
        self.setInformativeText("\n\n".join(hints))
        self.move_button: QPushButton | None = None
        if move_to is not None:
            day = labels.day_text(move_to, "dddd d MMMM")
            self.move_button = self.addButton(
                self.tr("&Move It to %1").replace("%1", day), QMessageBox.ButtonRole.AcceptRole
            )
        self.edit_button = self.addButton(self.tr("&Change It…"), QMessageBox.ButtonRole.ActionRole)
        self.keep_button = self.addButton(
            self.tr("&Keep It as Planned"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.move_button or self.keep_button)
        self.setEscapeButton(self.keep_button)

    @property
    def choice(self) -> PacingChoice:
        if self.move_button is not None and self.clickedButton() is self.move_button:
            return PacingChoice.MOVE
        if self.clickedButton() is self.edit_button:
            return PacingChoice.EDIT
        return PacingChoice.KEEP
