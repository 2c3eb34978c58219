"""A plain failure that reaches Qt's event loop is said in words, not left on a terminal.

A read the views make while painting or scrolling (a damaged record in a month far ahead, say)
raises inside Qt, where nothing above it can catch: the views then stayed half-empty without a
word, and a person saw their history gone (a robustness audit). PlannerError already carries a
plain message; this says it once, after the handler that failed has returned. A file found
damaged is offered its ways back (a repair of its words, a backup), which need the window
closed: `on_damage` closes it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QMessageBox

from planner.errors import DamagedDatabaseError, PlannerError, StorageError

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    _Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class FailuresSaid:
    """While installed, a PlannerError no handler caught is shown in a message box, each
    message once a session (a read that fails while painting fails at every paint); every
    failure also goes to the hook that was there before."""

    def __init__(self) -> None:
        #: Called when the person chooses to repair or restore a file found damaged.
        self.on_damage: Callable[[DamagedDatabaseError], None] | None = None
        self._previous: _Hook | None = None
        self._said: set[str] = set()
        self.box: QMessageBox | None = None  # the one showing (tests)

    def forget(self) -> None:
        """A new window: what was said in the one before is said again when met."""
        self._said.clear()

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self._hook

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self._hook:
            sys.excepthook = self._previous
        self._previous = None

    def _hook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if self._previous is not None:  # on a terminal too, for whoever looks into it
            self._previous(kind, error, trace)
        if not isinstance(error, PlannerError):
            return
        message = error.message
        if message in self._said:
            # Said already: paging on did nothing, in silence (a review). The status bar says
            # it each time, the box once.
            QTimer.singleShot(0, lambda: _in_status_bar(message))
            return
        self._said.add(message)
        # Not from inside the failed handler (a paint or a model's fetch): once it returned.
        QTimer.singleShot(0, lambda: self._say(error))

    def _say(self, error: PlannerError) -> None:
        repair = isinstance(error, DamagedDatabaseError) and self.on_damage is not None
        if repair:
            title = _tr("Part of Your Plan Could Not Be Read")
            more = _tr(
                "What the window shows may be incomplete; nothing was changed. Rekindle can "
                "close the window and look at the damage: when only some words were damaged, "
                "a repair keeps the rest of your plan; a backup, if there is one, can be "
                "opened instead. You can also go back to your plan from there (Undo then "
                "starts afresh)."
            )
        elif isinstance(error, StorageError):
            title = _tr("Part of Your Plan Could Not Be Read")
            more = _tr(
                "What the window shows may be incomplete; nothing was changed. If the file is "
                "damaged, File › Restore from Backup… brings back an earlier copy."
            )
        else:
            title, more = _tr("Rekindle"), ""
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, parent=parent)
        if more:
            box.setInformativeText(more)
        if repair:
            assert isinstance(error, DamagedDatabaseError)
            mend = box.addButton(_tr("Repair or Restore…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_tr("Not Now"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(mend)
            box.setObjectName("damage_found")
            box.finished.connect(lambda _result: self._after_damage(box, mend, error))
        box.finished.connect(lambda _result: self._closed(box))
        self.box = box
        box.open()

    def _after_damage(
        self, box: QMessageBox, mend: QAbstractButton, error: DamagedDatabaseError
    ) -> None:
        if box.clickedButton() is mend and self.on_damage is not None:
            on_damage = self.on_damage
            QTimer.singleShot(0, lambda: on_damage(error))  # once the box has gone

    def _closed(self, box: QMessageBox) -> None:
        if self.box is box:
            self.box = None
        box.deleteLater()


def _in_status_bar(message: str) -> None:
    """`message` in the status bar of the main window showing, for a while."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            widget.statusBar().showMessage(message, 8000)


def _tr(text: str) -> str:
    return QCoreApplication.translate("FailuresSaid", text)
