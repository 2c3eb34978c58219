"""What an activity's menu offers in the calendars, the same in the month and on the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from planner.ui import mark_menu

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMenu

    from planner.domain.occurrences import Occurrence
    from planner.ui.hub import Hub


class ChipCalendar(Protocol):
    """A calendar whose activities the menu acts on (MonthView, TimeGrid)."""

    edit_requested: SignalInstance
    delete_requested: SignalInstance
    mark_requested: SignalInstance

    def duplicate(self, occurrence: Occurrence) -> object: ...

    def move_to_next_week(self, occurrence: Occurrence) -> object: ...


def add_activity_actions(
    menu: QMenu, calendar: ChipCalendar, occurrence: Occurrence, hub: Hub
) -> None:
    """Edit, Duplicate, Move to Next Week; the marks; Delete (each with its own letter)."""
    menu.addAction(_tr("&Edit…"), lambda: calendar.edit_requested.emit(occurrence))
    menu.addAction(_tr("D&uplicate"), lambda: calendar.duplicate(occurrence))
    menu.addAction(_tr("&Move to Next Week"), lambda: calendar.move_to_next_week(occurrence))
    menu.addSeparator()
    mark_menu.add_mark_actions(menu, occurrence, calendar.mark_requested, hub)
    menu.addSeparator()
    # The ellipsis only where a question follows: which of a series to delete.
    delete = _tr("&Delete…") if occurrence.activity.recurring else _tr("&Delete")
    menu.addAction(delete, lambda: calendar.delete_requested.emit(occurrence))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChipMenu", text)
