"""Contact set aside ("they asked for no contact"): what of a hidden activity still shows.

Respecting the request marks every contact activity with something still to come as
cancelled, and the plan remembers since when. The activities themselves are not changed,
so lifting the boundary brings each back exactly. What had already happened by then (the
calls made, marked done, written about) stays in the person's history: an occurrence
shows if it had ended by that moment or is marked done (a card sent this morning, a call
marked done before its end), and is hidden if not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.domain import recurrence
from planner.domain.activities import LATEST_YEAR
from planner.domain.occurrences import Status, as_instant, instance_key

if TYPE_CHECKING:
    from collections.abc import Collection
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity
    from planner.domain.occurrences import Occurrence

#: How far ahead of the moment contact was set aside a mark of done is followed by an export.
_DONE_AHEAD = timedelta(days=2 * 366)
#: The last day a search for an instance still to come looks at.
_LAST_DAY = date(LATEST_YEAR, 12, 31)


def still_shows(occurrence: Occurrence, since: datetime | None, zone: ZoneInfo) -> bool:
    """Whether an occurrence of a cancelled activity shows (its mark applied): it had ended
    when contact was set aside (`since`), or it is marked done. Without a moment (never the
    case once set aside), nothing shows."""
    if since is None:
        return False
    return occurrence.status is Status.DONE or as_instant(occurrence.end, zone) <= since


def shown_part(
    activity: Activity,
    since: datetime | None,
    zone: ZoneInfo,
    done: Collection[datetime | date] = (),
) -> Activity | None:
    """The part of a cancelled activity that still shows, as an activity of its own (an
    export writes it: a series cut to end before its first instance still to come then,
    instances changed to after that moment left out), or None if nothing of it shows.
    `done` names the instances marked done (as marks store them), which show whenever they
    are: the series then runs on to the last of them, the hidden instances on the way left
    out as exception dates. So does it to an instance moved from after that moment to
    before it (next week's call dragged onto the day it was made), which shows too."""
    if since is None:
        return None

    def ended(end: datetime | date, name: datetime | date) -> bool:
        return as_instant(end, zone) <= since or instance_key(name) in done

    if activity.rrule is None:
        return activity if ended(activity.end, activity.start) else None
    hidden = _first_hidden_instance(activity, since, zone, done)
    gap: list[datetime | date] = []  # hidden instances before a later one marked done
    # Marks far ahead (a file's, or the command line's) are not followed: the series would run
    # on over years of calls set aside, each an exception date.
    horizon = since.astimezone(zone).date() + _DONE_AHEAD
    moved_back = {instance_key(o.recurrence_id) for o in activity.overrides
                  if ended(o.end, o.recurrence_id)}  # fmt: skip
    later = sorted(
        k
        for k in {*done, *moved_back}
        if hidden is not None and type(k) is type(hidden) and k > hidden
        and _day_of(k) <= horizon
    )  # fmt: skip
    if hidden is not None and later:
        last = later[-1]
        low, high = _day_of(hidden) - timedelta(days=2), _day_of(last) + timedelta(days=2)
        seen: set[datetime | date] = set()  # one lasting over two windows comes in both
        while low < high:  # a month at a time: one window holds at most so many instances
            step = min(high, low + timedelta(days=31))
            for o in recurrence.expand(activity, low, step, zone):
                if o.override is None and hidden <= o.key < last and o.key not in seen:
                    seen.add(o.key)
                    if not ended(o.end, o.key):
                        gap.append(o.key)
            low = step
        hidden = _first_hidden_instance(activity, since, zone, done, after=last)
    rule = activity.rrule if hidden is None else recurrence.ending_before(activity, hidden)
    if rule is None:
        return None  # its very first instance was still to come

    def before_cut(name: datetime | date) -> bool:
        return hidden is None or instance_key(name) < hidden

    kept = [o for o in activity.overrides if before_cut(o.recurrence_id)]
    moved_on = [o.recurrence_id for o in kept if not ended(o.end, o.recurrence_id)]
    part = replace(
        activity,
        rrule=rule,
        exdates=(*(e for e in activity.exdates if before_cut(e)), *moved_on, *gap),
        overrides=tuple(o for o in kept if ended(o.end, o.recurrence_id)),
    )
    return part if recurrence.has_instances(part) else None


def hidden_from(
    activity: Activity,
    since: datetime,
    zone: ZoneInfo,
    done: Collection[datetime | date] = (),
) -> date | None:
    """The day (in `zone`) of the first occurrence of `activity` that had not ended at
    `since` and is not marked done (`done`): from when it is hidden, as the person is told;
    None when nothing of it would be (a card sent this morning, marked done)."""
    found = _first_unended(activity, since, zone, changed_too=True, done=done)
    return found.first_day(zone) if found is not None else None


def _first_hidden_instance(
    activity: Activity,
    since: datetime,
    zone: ZoneInfo,
    done: Collection[datetime | date],
    *,
    after: datetime | date | None = None,
) -> datetime | date | None:
    """The name of the rule's first instance (as the series names it, unchanged by any
    move), named after `after` if given, that had not ended at `since` and is not marked
    done; None if the rule has none."""
    found = _first_unended(activity, since, zone, changed_too=False, done=done, after=after)
    return found.key if found is not None else None


def _day_of(name: datetime | date) -> date:
    return name.date() if isinstance(name, datetime) else name


def _first_unended(
    activity: Activity,
    since: datetime,
    zone: ZoneInfo,
    *,
    changed_too: bool,
    done: Collection[datetime | date] = (),
    after: datetime | date | None = None,
) -> Occurrence | None:
    """The first occurrence (of the rule alone, or also one changed on its own) that had not
    ended at `since`, is not among `done` and is named after `after` (if given). Looked for
    from just before that moment (or that name), a week ahead and then in windows eight
    times longer."""
    day = since.astimezone(zone).date() - timedelta(days=activity.duration.days + 2)
    if after is not None:
        day = max(day, _day_of(after) - timedelta(days=2))
    days = 8
    while day <= _LAST_DAY:
        # Compared before adding: a window past the year 9999 is no date at all.
        end = _LAST_DAY if (_LAST_DAY - day).days <= days else day + timedelta(days=days)
        for occurrence in recurrence.expand(activity, day, end, zone):
            counted = changed_too or occurrence.override is None
            if after is not None and not occurrence.key > after:
                continue
            if counted and as_instant(occurrence.end, zone) > since and occurrence.key not in done:
                return occurrence
        if end >= _LAST_DAY:
            return None
        day, days = end, days * 8
    return None
