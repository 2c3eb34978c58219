"""A toolbar whose date is shortened, and then whose buttons drop their words (keeping their
icons), when the window is too narrow for all of them: a button that falls off the edge is
one the person cannot find."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QAction, QResizeEvent
    from PySide6.QtWidgets import QLabel


class FittingToolBar(QToolBar):
    """Shows `compactable` actions with icon and words while everything fits, icon alone
    (the words stay in the tooltip) once it does not."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self._compactable: tuple[QAction, ...] = ()
        self._label: QLabel | None = None
        self._label_texts = ("", "")

    def compact_when_narrow(self, actions: Sequence[QAction]) -> None:
        self._compactable = tuple(actions)
        self.refit()

    def fit_label(self, label: QLabel, full: str, short: str) -> None:
        """Show `label` with `full` words, or `short` ones where that keeps the buttons'
        words: a date cut short before the buttons lose theirs."""
        self._label, self._label_texts = label, (full, short)
        self.refit()

    def refit(self) -> None:
        """Words where they fit (the label's full words first, then its short ones), icons
        alone where they do not (after a resize, or after a longer date took room)."""
        full, short = self._label_texts
        for words, text in ((True, full), (True, short), (False, full), (False, short)):
            if self._label is not None:
                self._label.setText(text)
            self._show(
                Qt.ToolButtonStyle.ToolButtonTextBesideIcon
                if words
                else Qt.ToolButtonStyle.ToolButtonIconOnly
            )
            if self.sizeHint().width() <= self.width():
                return

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def _show(self, style: Qt.ToolButtonStyle) -> None:
        for button in self._buttons():
            button.setToolButtonStyle(style)

    def _buttons(self) -> list[QToolButton]:
        found = (self.widgetForAction(action) for action in self._compactable)
        return [button for button in found if isinstance(button, QToolButton)]
