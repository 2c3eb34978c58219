"""When the plan file cannot be opened: say which problem it is, and offer a way forward."""

from __future__ import annotations

import contextlib
import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from planner.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from planner.ui import labels

if TYPE_CHECKING:
    from planner.services.backups import BackupFile, TextDamage


class Recovery(enum.Enum):
    """The way forward the person chose."""

    REPAIR = enum.auto()
    OPEN_BACKUP = enum.auto()
    TRY_AGAIN = enum.auto()
    NEW_ELSEWHERE = enum.auto()
    QUIT = enum.auto()


class RecoveryDialog(QMessageBox):
    """The file's problem in plain words, then a way forward that fits it.

    Only a file that cannot be read (damaged, or not a plan) is offered its latest backup: a plan
    saved by a newer Rekindle is fine and needs an update, and a full disk or a read-only folder
    needs another try, not a replacement. A damaged file whose words alone are damaged
    (`words`) is offered a repair first: it keeps the rest of the plan, where a backup goes
    back a day or more. Nothing here touches the file; the caller acts on `choice` after the
    dialog closes.
    """

    def __init__(
        self,
        *,
        error: StorageError,
        latest: BackupFile | None,
        words: TextDamage | None = None,
        back_to_plan: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        # Met while the plan was open (back_to_plan): it opens, only part of it is unread.
        title = (
            self.tr("Part of Your Plan Could Not Be Read")
            if back_to_plan
            else self.tr("Rekindle Cannot Open This Plan")
        )
        self.setWindowTitle(title)
        self.setText(self._headline(error))
        details = [error.message]
        unreadable = isinstance(error, NotADatabaseError)
        if not unreadable:
            latest = None
        repairable = isinstance(error, DamagedDatabaseError) and bool(words and words.repairable)
        if repairable:
            assert words is not None
            details.append(self._repair_offer(words.words))
        if latest is not None:
            details.append(self._offer(latest))
        self.setInformativeText("\n\n".join(details))
        self._buttons: dict[Recovery, QPushButton] = {}
        if repairable:
            self._buttons[Recovery.REPAIR] = self.addButton(
                self.tr("Repair the Plan"), QMessageBox.ButtonRole.AcceptRole
            )
        if latest is not None:
            self._buttons[Recovery.OPEN_BACKUP] = self.addButton(
                self.tr("Open the Latest Backup"), QMessageBox.ButtonRole.AcceptRole
            )
        if back_to_plan:
            # The window as it was, the file unchanged (Escape had quit the app, a review).
            self._buttons[Recovery.TRY_AGAIN] = self.addButton(
                self.tr("Back to My Plan"), QMessageBox.ButtonRole.RejectRole
            )
        elif not unreadable and not isinstance(error, NewerDatabaseError):
            self._buttons[Recovery.TRY_AGAIN] = self.addButton(
                self.tr("Try Again"), QMessageBox.ButtonRole.AcceptRole
            )
        self._buttons[Recovery.NEW_ELSEWHERE] = self.addButton(
            self.tr("Start a New Plan Elsewhere…"), QMessageBox.ButtonRole.ActionRole
        )
        self._buttons[Recovery.QUIT] = self.addButton(
            self.tr("Quit"), QMessageBox.ButtonRole.RejectRole
        )
        default = (
            self._buttons.get(Recovery.REPAIR)
            or self._buttons.get(Recovery.OPEN_BACKUP)
            or self._buttons.get(Recovery.TRY_AGAIN)
        )
        self.setDefaultButton(default or self._buttons[Recovery.QUIT])
        escape = Recovery.TRY_AGAIN if back_to_plan else Recovery.QUIT
        self.setEscapeButton(self._buttons[escape])

    def choice_button(self, choice: Recovery) -> QPushButton | None:
        """The push button for `choice`, if offered (tests click it)."""
        return self._buttons.get(choice)

    @property
    def choice(self) -> Recovery:
        clicked = self.clickedButton()
        for choice, button in self._buttons.items():
            if button is clicked:
                return choice
        return Recovery.QUIT

    def _headline(self, error: StorageError) -> str:
        if isinstance(error, NewerDatabaseError):
            return self.tr("This plan was saved by a newer version of Rekindle.")
        if isinstance(error, DamagedDatabaseError):
            return self.tr("This plan file is damaged.")
        if isinstance(error, NotADatabaseError):
            return self.tr("This file is not a Rekindle plan.")
        return self.tr("This plan file cannot be opened.")

    def _repair_offer(self, count: int) -> str:
        """What a repair does, for a file whose words were damaged on the disk."""
        if count == 1:
            found = self.tr(
                "One piece of writing in it (a title, a place, a note, a name or a "
                "reflection) has letters that were damaged on the disk."
            )
        else:
            found = self.tr(
                "%1 pieces of writing in it (titles, places, notes, names or reflections) "
                "have letters that were damaged on the disk."
            ).replace("%1", str(count))
        return found + " " + self.tr(
            "Repairing keeps the rest of your plan, with a “�” where a damaged letter was, "
            "if nothing more is damaged. The file as it is now is kept beside it, under a "
            "new name."
        )  # fmt: skip

    def _offer(self, backup: BackupFile) -> str:
        """The backup offered, with what it holds: a trial opened the day's only copy, taken
        before anything was planned, and found an empty plan it had not been told of."""
        when = labels.day_text(backup.day, "dddd d MMMM yyyy")
        with contextlib.suppress(OSError):
            taken = datetime.fromtimestamp(backup.path.stat().st_mtime, UTC).astimezone()
            when = self.tr("%1 at %2").replace("%1", when).replace("%2", labels.clock(taken))
        kept = self.tr(
            "Opening it keeps the file above exactly as it is, under a new name beside it."
        )
        if backup.activity_count == 0:
            return (
                self.tr("The latest backup, from %1, was made before any activity was planned: "
                        "opening it starts again from an empty plan.").replace("%1", when)
                + " " + kept
            )  # fmt: skip
        if backup.activity_count == 1:
            holds = self.tr("1 activity")
        else:
            holds = self.tr("%1 activities").replace("%1", str(backup.activity_count))
        return (
            self.tr("A backup from %1, holding %2, is available.")
            .replace("%1", when).replace("%2", holds)
            + " " + kept
        )  # fmt: skip
