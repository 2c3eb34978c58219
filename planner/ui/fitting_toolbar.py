"""A toolbar whose buttons drop their words, keeping their icons, when the window is too narrow
for all of them: a button that falls off the edge is one the person cannot find."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QAction, QResizeEvent


class FittingToolBar(QToolBar):
    """Shows `compactable` actions with icon and words while everything fits, icon alone
    (the words stay in the tooltip) once it does not."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self._compactable: tuple[QAction, ...] = ()

    def compact_when_narrow(self, actions: Sequence[QAction]) -> None:
        self._compactable = tuple(actions)
        self.refit()

    def refit(self) -> None:
        """Words where they fit, icons alone where they do not (after a resize, or after a
        wider widget, such as a longer date, took room)."""
        self._show(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self.sizeHint().width() > self.width():
            self._show(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def _show(self, style: Qt.ToolButtonStyle) -> None:
        for button in self._buttons():
            button.setToolButtonStyle(style)

    def _buttons(self) -> list[QToolButton]:
        found = (self.widgetForAction(action) for action in self._compactable)
        return [button for button in found if isinstance(button, QToolButton)]
