"""What a calendar view loads for its visible days: occurrences, pacing hints, space days.

The month, week and day views read their range through `load`, describe a chip with `tooltip`
and offer the same marks in their menus (`planner.ui.mark_menu`), so the three stay alike.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

from planner.domain import pacing
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status
from planner.errors import PlannerError
from planner.ui import labels, palette

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QWidget

    from planner.domain.pacing import PacingFlag
    from planner.services.advice import Survey
    from planner.ui.hub import Hub

HintKey = pacing.FlagKey
#: First and last day (inclusive) of what a view shows.
DayRange = tuple[date, date]


def _tr(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


@dataclass(frozen=True, slots=True)
class VisibleRange:
    """The occurrences touching `first..last` (local days), with their pacing flags and the
    days inside a space period (shaded). Flags are put in words only when read (`hints`)."""

    first: date
    last: date
    occurrences: tuple[Occurrence, ...] = ()
    flags: dict[HintKey, list[PacingFlag]] = field(default_factory=dict)
    space_days: frozenset[date] = frozenset()
    complete: bool = True  # False: read before the window's first paint, without the flags
    #: The hub's survey these came from: the same object while nothing changed (None before
    #: the first paint). Views key what they draw ahead on it.
    source: Survey | None = None

    def flagged(self, occurrence: Occurrence) -> bool:
        """Whether the pacing rules have a hint on this occurrence (its chip shows a dot)."""
        return pacing.flag_key(occurrence) in self.flags

    def hints(self, hub: Hub, occurrence: Occurrence) -> list[str]:
        """The pacing hints on an occurrence, in words (empty when all is well)."""
        return [hub.explain_shown(flag) for flag in self.flags.get(pacing.flag_key(occurrence), [])]

    def find(self, wanted: Occurrence | None) -> Occurrence | None:
        """The loaded version of `wanted` (same activity and instance), if still visible."""
        if wanted is None:
            return None
        return next((o for o in self.occurrences if same(o, wanted)), None)


def load(hub: Hub, first: date, last: date) -> VisibleRange:
    """Read days `first..last` (inclusive) through the hub: nothing outside them but the week
    before, which the pacing rules look back on (kept by the hub, so paging back is free).

    Before the window's first paint, only the occurrences are read (`complete` is False); the
    view reads again once the hub has settled.
    """
    if hub.is_settled:
        return hub.view_of(first, last, lambda survey: _made_of(hub, first, last, survey))
    return _made_of(hub, first, last, None)


def _made_of(hub: Hub, first: date, last: date, survey: Survey | None) -> VisibleRange:
    """A survey as the calendars show it: filtered, flags by occurrence, space days shaded
    (without a survey, before the first paint: the occurrences alone)."""
    flags: dict[HintKey, list[PacingFlag]] = {}
    if survey is not None:
        occurrences = tuple(o for o in survey.occurrences if hub.shows(o))
        flags = pacing.by_occurrence(survey.flags)
    else:
        occurrences = tuple(hub.occurrences(first, last))
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
    return VisibleRange(
        first, last, occurrences, flags, frozenset(space), survey is not None, survey
    )


def read_ahead(
    view: QWidget,
    hub: Hub,
    neighbours: Callable[[], list[DayRange]],
    prepare: Callable[[], bool] | None = None,
) -> None:
    """Once the event loop is idle, survey the ranges `view` would show next (`neighbours`,
    asked again each time, so a view that moved on reads around where it is now), then let
    the view `prepare` them (draw ahead; it returns whether it did some of that). Views call
    this after painting a new range, so what is on screen always comes first.

    One range per turn of the event loop, so a key pressed meanwhile waits for one range's
    work at most; a range already done costs nothing. Reading ahead is a courtesy: a failure
    here is left for the view's own next read to report.
    """

    def step() -> None:
        if not view.isVisible() or not hub.is_settled:
            return
        try:
            more = hub.read_ahead(neighbours()) or (prepare is not None and prepare())
        except PlannerError:
            return
        if more:
            QTimer.singleShot(0, view, step)

    QTimer.singleShot(0, view, step)


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
    if isinstance(occurrence.start, datetime) and isinstance(occurrence.end, datetime):
        start, end = occurrence.start.astimezone(zone), occurrence.end.astimezone(zone)
        when = labels.clock_span(start, end)
    else:
        first, last = occurrence.first_day(zone), occurrence.last_day(zone)
        when = (
            _tr("All day")
            if first == last
            else _tr("%1 – %2")
            .replace("%1", labels.day_text(first, "d MMM"))
            .replace("%2", labels.day_text(last, "d MMM"))
        )
    step = hub.program.step(occurrence.activity.step)
    lines = [f"<b>{html.escape(occurrence.title)}</b>", html.escape(when)]
    # Its category in words: on a narrow chip the colour alone says it (an audit).
    lines.append(html.escape(labels.category_label(occurrence.activity.category)))
    # A faded chip says why: done shows a ✓, skipped nothing else (a trial had to open the
    # menu to learn it). Said plainly, as the Today list says it.
    if occurrence.status is Status.DONE:
        lines.append(html.escape(_tr("Done")))
    elif occurrence.status is Status.SKIPPED:
        lines.append(html.escape(_tr("Skipped")))
    if occurrence.location:
        lines.append(html.escape(occurrence.location))
    # That it repeats, and how: a chip does not show it (a new user's trial).
    repeat = labels.repeats(occurrence.activity)
    if repeat:
        lines.append(html.escape(repeat))
    step_text = _tr("Step %1: %2").replace("%1", str(step.number)).replace("%2", step.title)
    lines.append(html.escape(step_text))
    colour = palette.PACING_FLAG.darker(135).name()
    for hint in hints:
        lines.append(f"<span style='color:{colour}'>● </span>{html.escape(hint)}")
    return "<br>".join(lines)


def spoken(
    hub: Hub, day: date, occurrence: Occurrence | None, count: int, hints: Sequence[str] = ()
) -> str:
    """What a screen reader says of a calendar's choice: the day, and the activity chosen on
    it in words (time, category, done or skipped, place, step), or how many the day holds.
    The grids are painted, so this is all it can learn of them (an audit)."""
    said = [labels.day_text(day, "dddd d MMMM yyyy")]
    if occurrence is None:
        if count:
            said.append(
                _tr("1 activity") if count == 1 else _tr("%1 activities").replace("%1", str(count))
            )
        else:
            said.append(_tr("nothing planned"))
        return ", ".join(said)
    said.append(spoken_activity(hub, occurrence, hints))
    return ", ".join(said)


def spoken_activity(hub: Hub, occurrence: Occurrence, hints: Sequence[str] = ()) -> str:
    """An occurrence in words for a screen reader: its title, time, category, done or
    skipped, place and step (what its chip shows by colour, fading and position), then its
    pacing `hints` (the amber dot, which had said nothing: a re-trial)."""
    zone = hub.plan.tz
    said = [occurrence.title]
    if isinstance(occurrence.start, datetime) and isinstance(occurrence.end, datetime):
        said.append(labels.clock_span(occurrence.start.astimezone(zone),
                                      occurrence.end.astimezone(zone)))  # fmt: skip
    else:
        said.append(_tr("all day"))
    said.append(labels.category_label(occurrence.activity.category))
    if occurrence.status is Status.DONE:
        said.append(_tr("done"))
    elif occurrence.status is Status.SKIPPED:
        said.append(_tr("skipped"))
    if occurrence.location:
        said.append(occurrence.location)
    said.append(_tr("step %1").replace("%1", str(occurrence.activity.step)))
    return ". ".join([", ".join(said), *hints])


def name_choice(
    widget: QWidget,
    base: str,
    hub: Hub,
    day: date,
    occurrence: Occurrence | None,
    count: int,
    hints: Sequence[str] = (),
    *,
    more: bool = False,
) -> None:
    """Give a painted calendar the accessible name "<base>: <its choice>" (see `spoken`);
    Qt tells assistive technology when it changes. Called as the view paints, which every
    change of its choice asks for, and as it takes the focus. `more`: the day's "+N more"
    is chosen (Enter lists the day), not the day (Enter plans on it)."""
    name = f"{base}: {spoken(hub, day, occurrence, count, hints)}"
    if more:
        name += QCoreApplication.translate(
            "visible", ", the more button: Enter shows the whole day"
        )
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
