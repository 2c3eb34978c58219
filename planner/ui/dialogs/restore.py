"""Restore from backup: the daily copies with their dates and sizes, one chosen to come back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.backups import BackupFile
from planner.ui import labels
from planner.ui.widgets import message_label, named


class RestoreDialog(QDialog):
    """Lists the copies newest first; `chosen` is the one picked when the dialog is accepted.

    The dialog only chooses. The caller asks for confirmation and restores, so the question
    can name what will be replaced.
    """

    def __init__(
        self, *, backups: list[BackupFile], folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.setMinimumSize(480, 360)
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr(
                "Rekindle keeps a copy of your plan for each of the last 14 days you used it, "
                "in %1. Restoring replaces the plan with the copy you choose; your plan as it "
                "is now is kept as a copy first, so you can always come back to it."
            ).replace("%1", folder)
        )
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = named(QListWidget(), "backups")
        self.list.setAccessibleName(self.tr("Daily copies"))
        self.list.setAlternatingRowColors(True)
        for backup in backups:
            item = QListWidgetItem(self.describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        self.empty = message_label("empty", "hint")
        self.empty.setText(
            self.tr(
                "There are no copies yet. The first one is made the next time you open Rekindle."
            )
        )
        self.empty.setVisible(not backups)
        self.list.setVisible(bool(backups))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = named(QPushButton(self.tr("Restore…")), "restore")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)
        layout.addWidget(buttons)
        if backups:
            self.list.setCurrentRow(0)

    @property
    def chosen(self) -> BackupFile | None:
        if self.list.currentRow() < 0:
            return None
        value = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, BackupFile) else None

    def describe(self, backup: BackupFile) -> str:
        """One line per copy: its day, what it holds, and why it was made."""
        day = labels.day_text(backup.day, "dddd d MMMM yyyy")
        if backup.activity_count == 1:
            holds = self.tr("1 activity")
        else:
            holds = self.tr("%1 activities").replace("%1", str(backup.activity_count))
        if backup.before_restore:
            return (
                self.tr("%1 · %2 · kept before a restore").replace("%1", day).replace("%2", holds)
            )
        return f"{day} · {holds}"

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self.restore_button.setEnabled(current is not None)
