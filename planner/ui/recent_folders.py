"""Where the file dialogs open: the folder last used for that kind of file, else home."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

#: One remembered folder per kind of file: calendars (.ics, exported and imported) and reports.
CALENDARS = "calendars"
REPORTS = "reports"


def folder_for(kind: str) -> Path:
    """The folder a file of `kind` was last saved to or opened from, if it still exists."""
    value = QSettings().value(f"folders/{kind}", "")
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember(kind: str, chosen: Path) -> None:
    """Open the next dialog for `kind` where `chosen` is."""
    QSettings().setValue(f"folders/{kind}", str(chosen.parent))
