"""File choosers that never open the files they list, so the open plan keeps its locks.

SQLite guards the plan with POSIX record locks on the file and on its `-shm` index. A
process loses all its locks on a file the moment it closes any descriptor of that file, and
Qt's own file dialog (like the GTK and KDE ones, which run inside the process) reads the
first bytes of each listed file whose name does not tell its type, to pick an icon and a
"Type". Browsing to the plan's folder dropped the locks on `-shm`: the next `rekindle`
command took the index for abandoned and rebuilt it under the open window, which read that
as a change from outside and emptied Undo (and two writers were no longer kept apart).

These choosers tell types from file names alone, and always use Qt's dialog on systems
whose native one would run inside the process.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, overload

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

#: Where the system's file dialog is a library loaded into this process (GTK, KDE).
_IN_PROCESS_NATIVE = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from what a path is called, never from what is inside it."""

    def __init__(self) -> None:
        super().__init__()
        self._mimes = QMimeDatabase()

    @overload
    def icon(self, what: QFileIconProvider.IconType) -> QIcon: ...
    @overload
    def icon(self, what: QFileInfo) -> QIcon: ...
    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return super().icon(QFileIconProvider.IconType.Drive)
            if what.isDir():
                return super().icon(QFileIconProvider.IconType.Folder)
            return super().icon(QFileIconProvider.IconType.File)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if not info.isFile():
            return super().type(info)  # a folder or a drive: Qt names it without reading
        mime = self._mimes.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or mime.name()


def chooser(parent: QWidget | None, caption: str, where: str, filters: str) -> QFileDialog:
    """A file dialog at `where` that lists files without opening them (not yet shown)."""
    dialog = QFileDialog(parent, caption, where, filters)
    if _IN_PROCESS_NATIVE:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(NameOnlyIconProvider())
    return dialog


def open_file_name(
    parent: QWidget | None, caption: str, where: str, filters: str
) -> tuple[str, str]:
    """As QFileDialog.getOpenFileName: the chosen file and filter, or empty if cancelled."""
    dialog = chooser(parent, caption, where, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def save_file_name(
    parent: QWidget | None, caption: str, where: str, filters: str
) -> tuple[str, str]:
    """As QFileDialog.getSaveFileName (it asks before replacing a file)."""
    dialog = chooser(parent, caption, where, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _run(dialog)


def _run(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
