"""Questions that guard destructive actions, with buttons that say what they do."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


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
