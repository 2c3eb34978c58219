"""The marks a chip's or a list row's menu offers, the same everywhere an occurrence shows."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from planner.domain.occurrences import Occurrence, Status
from planner.ui import labels

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMenu

    from planner.ui.hub import Hub


def _tr(text: str) -> str:
    return QCoreApplication.translate("MarkMenu", text)


def add_mark_actions(
    menu: QMenu, occurrence: Occurrence, mark_requested: SignalInstance, hub: Hub
) -> None:
    """ "Mark as Done", "Mark as Skipped", "Back to Planned": each but the current status.
    "Mark as Done" waits for the occurrence's day, and says from when (its tooltip, why). A
    done one offers its reflection (asking for done again, which opens it)."""
    for status in (Status.DONE, Status.SKIPPED, Status.PLANNED):
        if occurrence.status is not status:
            action = menu.addAction(labels.mark_label(status))
            action.triggered.connect(functools.partial(mark_requested.emit, occurrence, status))
            if status is Status.DONE and hub.still_ahead(occurrence):
                action.setText(
                    _tr("Mark as D&one (from %1)").replace("%1", _day(hub, occurrence, short=True))
                )
                action.setEnabled(False)
                action.setToolTip(not_yet_text(hub, occurrence))
                menu.setToolTipsVisible(True)
    if occurrence.status is Status.DONE:  # done: what was written can be read, or written later
        words = _tr("&Your Reflection…") if occurrence.reflection else _tr("&Write a Reflection…")
        action = menu.addAction(words)
        action.triggered.connect(functools.partial(mark_requested.emit, occurrence, Status.DONE))


def _day(hub: Hub, occurrence: Occurrence, *, short: bool = False) -> str:
    """The occurrence's day in words, with its year when that is not this year's."""
    day = occurrence.first_day(hub.plan.tz)
    shape = "ddd d MMM" if short else "dddd d MMMM"
    if day.year != hub.today().year:
        shape += " yyyy"
    return labels.day_text(day, shape)


def not_yet_text(hub: Hub, occurrence: Occurrence) -> str:
    """Why an occurrence whose day has not come cannot be marked done yet, kindly."""
    when = _day(hub, occurrence)
    return (
        _tr("“%1” is planned for %2. It can be marked done once that day comes.")
        .replace("%2", when)
        .replace("%1", occurrence.title)  # last: a title may hold "%2"
    )
