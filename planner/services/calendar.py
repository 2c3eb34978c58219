"""The one read path for views, the command line and export: occurrences in a window of days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain import recurrence, set_aside, text_match
from planner.domain.activities import key_mover, named_start
from planner.domain.timezones import local_day

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity
    from planner.domain.categories import Category
    from planner.domain.completions import Completion
    from planner.domain.ids import ActivityUid
    from planner.domain.occurrences import Occurrence
    from planner.domain.plans import Plan
    from planner.storage.repositories import ActivityRepository, CompletionRepository

#: How far back and ahead of the day searched from a search expands matching series: a year
#: behind, two ahead (searching is about this season of the plan, and expansion stays bounded).
SEARCH_DAYS_BACK = 365
SEARCH_DAYS_AHEAD = 730

#: At most this many matches are kept (the nearest to the day searched from).
SEARCH_LIMIT = 500


@dataclass(frozen=True, slots=True)
class CalendarWindow:
    """The occurrences in a window of days, and the series that had more than could be shown.

    Expansion is bounded: one activity gives at most `limit` occurrences per window. Each
    activity in `truncated` had more, and only its first `limit` are in `occurrences`; a
    shorter window shows them all. Views can say so gently instead of showing a silent gap.
    """

    occurrences: tuple[Occurrence, ...]
    truncated: tuple[Activity, ...] = ()
    limit: int = recurrence.MAX_INSTANCES_PER_WINDOW

    @property
    def complete(self) -> bool:
        """Whether every occurrence in the window is here."""
        return not self.truncated


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Occurrences matching a search, in time order; `limited` when more were left out (the
    farthest from the day searched from)."""

    occurrences: tuple[Occurrence, ...]
    limited: bool = False


class CalendarService:
    """Expands stored activities into occurrences for a window, in the plan's zone."""

    def __init__(
        self, *, activities: ActivityRepository, completions: CompletionRepository
    ) -> None:
        self._activities = activities
        self._completions = completions

    def window(
        self,
        plan: Plan,
        first_day: date,
        last_day: date,
        *,
        starting_only: bool = False,
        categories: Collection[Category] | None = None,
    ) -> CalendarWindow:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), sorted,
        with the series the per-window bound cut short. `starting_only` keeps only those
        that start on one of the days; `categories` only those of these kinds (read as such)."""
        zone = plan.tz
        end_day = last_day + timedelta(days=1)
        low = datetime.combine(first_day, time(0), tzinfo=zone)
        high = datetime.combine(end_day, time(0), tzinfo=zone)
        touching = self._activities.touching(plan.id, low, high, categories=categories)
        marks = {(c.uid, c.recurrence_id): c for c in self._completions.for_activities(touching)}
        found: list[Occurrence] = []
        truncated: list[Activity] = []
        since = plan.no_contact_since
        for activity in touching:
            expansion = recurrence.expansion(activity, first_day, end_day, zone)
            for occurrence in expansion.occurrences:
                if starting_only and not first_day <= occurrence.first_day(zone) <= last_day:
                    continue
                mark = marks.get((activity.uid, occurrence.key))
                if mark is not None:
                    occurrence = replace(occurrence, status=mark.status, reflection=mark.reflection)
                if activity.set_aside and not set_aside.still_shows(occurrence, since, zone):
                    continue  # contact set aside, as asked: kept, hidden from every view
                found.append(occurrence)
            if expansion.truncated and (
                not activity.set_aside or _cut_where_shown(expansion, marks, since, zone)
            ):
                truncated.append(activity)
        found.sort(key=lambda occurrence: occurrence.sort_key(zone))
        return CalendarWindow(tuple(found), tuple(truncated))

    def occurrence_now(self, plan: Plan, occurrence: Occurrence) -> Occurrence | None:
        """`occurrence` as it is now (a list kept open across edits, the missed reminders):
        its activity read again, the instance's name following a move of the activity as
        its marks do, or None when it is gone (deleted, or that day taken out)."""
        uid = occurrence.activity.uid
        activity = self._activities.get_many([uid]).get(uid)
        if activity is None:
            return None
        key = occurrence.key
        if activity.start != occurrence.activity.start:
            key = key_mover(occurrence.activity, activity)(key)
        day = local_day(named_start(activity, key), plan.tz)
        return next(
            (o for o in self.occurrences(plan, day, day) if o.activity.uid == uid and o.key == key),
            None,
        )

    def occurrences(
        self,
        plan: Plan,
        first_day: date,
        last_day: date,
        *,
        categories: Collection[Category] | None = None,
    ) -> list[Occurrence]:
        """Occurrences overlapping the local days `first_day..last_day` (inclusive), sorted;
        only those of `categories` when given."""
        return list(self.window(plan, first_day, last_day, categories=categories).occurrences)

    def starting_in(self, plan: Plan, first_day: date, last_day: date) -> list[Occurrence]:
        """Occurrences whose start falls on `first_day..last_day` (inclusive), local days."""
        return list(self.window(plan, first_day, last_day, starting_only=True).occurrences)

    def search(
        self, plan: Plan, text: str, from_day: date, *, limit: int = SEARCH_LIMIT
    ) -> SearchResults:
        """Occurrences whose own title, location or notes, or the reflection written when it
        was done (how it went, what was learned), contain `text` (ignoring case and accents),
        within a year before `from_day` and two years after; the `limit` nearest.

        The database narrows the activities first, and only those are expanded. An
        occurrence changed on its own is matched by its own words, not the series'.
        """
        needle = text_match.folded(text)
        if not needle:
            return SearchResults(())
        candidates = self._activities.matching(plan.id, needle)
        zone = plan.tz
        first_day = from_day - timedelta(days=SEARCH_DAYS_BACK)
        end_day = from_day + timedelta(days=SEARCH_DAYS_AHEAD + 1)
        marks = {(c.uid, c.recurrence_id): c for c in self._completions.for_activities(candidates)}
        found: list[Occurrence] = []
        for activity in candidates:
            for occurrence in recurrence.expand(activity, first_day, end_day, zone):
                mark = marks.get((activity.uid, occurrence.key))
                words = [occurrence.title, occurrence.location, occurrence.notes]
                if mark is not None and mark.reflection is not None:  # a journal is searched
                    words += [mark.reflection.text, mark.reflection.learned]  # (a trial)
                if not any(text_match.contains(part, needle) for part in words):
                    continue
                if mark is not None:
                    occurrence = replace(occurrence, status=mark.status, reflection=mark.reflection)
                if activity.set_aside and not set_aside.still_shows(
                    occurrence, plan.no_contact_since, zone
                ):
                    continue
                found.append(occurrence)
        limited = len(found) > limit
        if limited:
            found.sort(key=lambda o: abs((o.first_day(zone) - from_day).days))
            del found[limit:]
        found.sort(key=lambda occurrence: occurrence.sort_key(zone))
        return SearchResults(tuple(found), limited)


def _cut_where_shown(
    expansion: recurrence.Expansion,
    marks: Mapping[tuple[ActivityUid, datetime | date], Completion],
    since: datetime | None,
    zone: ZoneInfo,
) -> bool:
    """Whether a series set aside, which the per-window bound cut short, was cut where it
    shows: not if the rule's last instance given is hidden, as are those after it then. (A
    day changed on its own always comes, wherever it sorts.)"""
    last = next((o for o in reversed(expansion.occurrences) if o.override is None), None)
    if last is None:
        return False
    mark = marks.get((last.activity.uid, last.key))
    if mark is not None:
        last = replace(last, status=mark.status)
    return set_aside.still_shows(last, since, zone)
