"""What a calendar view loads for its visible days: occurrences, pacing hints, space days.

The month, week and day views read their range through `load`, describe a chip with `tooltip`
and offer the same marks in their menus (`add_mark_actions`), so the three stay alike.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, SignalInstance
from PySide6.QtWidgets import QMenu

from planner.domain import pacing
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status
from planner.ui import labels, palette
from planner.ui.hub import Hub

HintKey = tuple[str, datetime | date]


def _tr(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


@dataclass(frozen=True, slots=True)
class VisibleRange:
    """The occurrences touching `first..last` (local days), with their pacing hints in words
    and the days inside a space period (shaded)."""

    first: date
    last: date
    occurrences: tuple[Occurrence, ...] = ()
    hints: dict[HintKey, list[str]] = field(default_factory=dict)
    space_days: frozenset[date] = frozenset()

    def hints_for(self, occurrence: Occurrence) -> list[str]:
        """The pacing hints on an occurrence, in words (empty when all is well)."""
        return self.hints.get((occurrence.activity.uid, occurrence.recurrence_id), [])

    def find(self, wanted: Occurrence | None) -> Occurrence | None:
        """The loaded version of `wanted` (same activity and instance), if still visible."""
        if wanted is None:
            return None
        return next((o for o in self.occurrences if same(o, wanted)), None)


def load(hub: Hub, first: date, last: date) -> VisibleRange:
    """Read days `first..last` (inclusive) through the hub: nothing outside them."""
    occurrences = tuple(hub.occurrences(first, last))
    hints: dict[HintKey, list[str]] = {}
    for flag in hub.pacing_flags(first, last):
        key = (flag.occurrence.activity.uid, flag.occurrence.recurrence_id)
        hints.setdefault(key, []).append(hub.explain(flag))
    zone = hub.plan.tz
    space: set[date] = set()
    for occurrence in occurrences:
        if occurrence.activity.category is Category.SPACE and occurrence.status is not (
            Status.SKIPPED
        ):
            day = max(first, occurrence.first_day(zone))
            while day <= min(last, occurrence.last_day(zone)):
                space.add(day)
                day += timedelta(days=1)
    return VisibleRange(first, last, occurrences, hints, frozenset(space))


def next_week(hub: Hub, occurrence: Occurrence) -> tuple[datetime | date, datetime | date]:
    """Where "Move to Next Week" puts an occurrence: seven days on, same wall-clock time."""
    zone = hub.plan.tz
    return pacing.moved_span(occurrence, occurrence.first_day(zone) + timedelta(days=7), zone)


def same(a: Occurrence | None, b: Occurrence | None) -> bool:
    """Whether two occurrences are the same instance of the same activity."""
    return (
        a is not None
        and b is not None
        and a.activity.uid == b.activity.uid
        and a.recurrence_id == b.recurrence_id
    )


def tooltip(hub: Hub, occurrence: Occurrence, hints: list[str]) -> str:
    """Title, when, where, step and pacing hints: what a clipped chip cannot show."""
    zone = hub.plan.tz
    locale = QLocale()
    if isinstance(occurrence.start, datetime) and isinstance(occurrence.end, datetime):
        start, end = occurrence.start.astimezone(zone), occurrence.end.astimezone(zone)
        when = f"{start:%H:%M}–{end:%H:%M}"
    else:
        first, last = occurrence.first_day(zone), occurrence.last_day(zone)
        when = (
            _tr("All day")
            if first == last
            else _tr("%1 – %2")
            .replace("%1", locale.toString(QDate(first.year, first.month, first.day), "d MMM"))
            .replace("%2", locale.toString(QDate(last.year, last.month, last.day), "d MMM"))
        )
    step = hub.program.step(occurrence.activity.step)
    lines = [f"<b>{html.escape(occurrence.title)}</b>", html.escape(when)]
    if occurrence.location:
        lines.append(html.escape(occurrence.location))
    step_text = _tr("Step %1: %2").replace("%1", str(step.number)).replace("%2", step.title)
    lines.append(html.escape(step_text))
    colour = palette.PACING_FLAG.darker(135).name()
    for hint in hints:
        lines.append(f"<span style='color:{colour}'>● </span>{html.escape(hint)}")
    return "<br>".join(lines)


def add_mark_actions(menu: QMenu, occurrence: Occurrence, mark_requested: SignalInstance) -> None:
    """ "Mark as done", "Mark as skipped", "Back to planned": each but the current status."""
    for status in (Status.DONE, Status.SKIPPED, Status.PLANNED):
        if occurrence.status is not status:
            action = menu.addAction(labels.mark_label(status))
            action.triggered.connect(functools.partial(mark_requested.emit, occurrence, status))
