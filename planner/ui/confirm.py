"""Questions that guard destructive actions, with buttons that say what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable


def ask(parent: QWidget | None, title: str, text: str, *, accept: str, reject: str) -> bool:
    """Ask `text`; True only if the person chose `accept`. The safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    yes = box.addButton(accept, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is yes


def leave_unsaved(parent: QWidget, text: str, leave: Callable[[], None]) -> QMessageBox:
    """Ask, without blocking, whether to leave a form whose changes would be lost; `leave`
    runs only if the person chose to. Keep Editing is the default and Escape's answer."""
    question = QMessageBox(
        QMessageBox.Icon.Question, _tr("Leave without saving?"), text,
        QMessageBox.StandardButton.NoButton, parent,
    )  # fmt: skip
    question.setObjectName("leave_without_saving")
    leaving = question.addButton(
        _tr("Leave Without Saving"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = question.addButton(_tr("Keep Editing"), QMessageBox.ButtonRole.RejectRole)
    question.setDefaultButton(keep)
    question.setEscapeButton(keep)

    def answered() -> None:
        question.deleteLater()
        if question.clickedButton() is leaving:
            leave()

    question.finished.connect(answered)
    question.open()
    return question


def _tr(text: str) -> str:
    return QCoreApplication.translate("confirm", text)
