"""One occurrence of a series: change only it, split the series there, delete it or the rest;
what the database then holds, how undo restores it, and what a calendar reader sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError, NotFoundError
from planner.services import context
from planner.services.activities import ActivitySnapshot
from planner.services.context import Services
from planner.services.interop import ExportRequest
from planner.services.wording import Wording

from tests.zones import BERLIN, NEW_YORK, NOW

FIRST = date(2026, 11, 2)  # a Monday
#: Mondays and Thursdays at 07:00 in Berlin, eight times: 2 Nov .. 23 Nov.
RULE = "FREQ=WEEKLY;COUNT=8;BYDAY=MO,TH"
MONDAYS_AND_THURSDAYS = [
    date(2026, 11, 2), date(2026, 11, 5), date(2026, 11, 9), date(2026, 11, 12),
    date(2026, 11, 16), date(2026, 11, 19), date(2026, 11, 23), date(2026, 11, 26),
]  # fmt: skip


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), FIRST, "Europe/Berlin"))
    return created


def _series(services: Services, plan: Plan, rule: str = RULE, **changes: object) -> Activity:
    start = datetime.combine(FIRST, time(7, 0), tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Run", category=Category.SELF_CARE, step=StepNumber(4), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin", rrule=rule,
        location="Park",
    )  # fmt: skip
    activity, _ = services.activities.create(plan, replace(draft, **changes))  # type: ignore[arg-type]
    return activity


def _at(day: date, hour: int = 7) -> datetime:
    """An instance's name: its rule start, naive wall-clock time in Berlin."""
    return datetime.combine(day, time(hour, 0))


def _shown(services: Services, plan: Plan) -> list[tuple[str, datetime | date, str]]:
    """(UID, local start, title) of everything in November and December."""
    found = services.calendar.occurrences(plan, date(2026, 11, 1), date(2026, 12, 31))
    return [(o.activity.uid, _local(o.start), o.title) for o in found]


def _local(value: datetime | date) -> datetime | date:
    return value.astimezone(BERLIN) if isinstance(value, datetime) else value


def _days(services: Services, plan: Plan, uid: str) -> list[date]:
    return [s.date() if isinstance(s, datetime) else s for u, s, _ in _shown(services, plan)
            if u == uid]  # fmt: skip


def _occurrence(services: Services, plan: Plan, day: date) -> Occurrence:
    (found,) = services.calendar.occurrences(plan, day, day)
    return found


def _mark(services: Services, plan: Plan, day: date, text: str = "") -> None:
    reflection = Reflection(text, 4, "") if text else None
    services.progress.mark(plan, _occurrence(services, plan, day), Status.DONE, reflection)


def _reflections(services: Services, uid: ActivityUid) -> list[tuple[datetime | date, str]]:
    marks = services.activities.snapshot(uid).completions
    return sorted((c.recurrence_id, c.reflection.text) for c in marks if c.reflection)


# -- only this one --------------------------------------------------------------------------


def test_changing_only_one_occurrence_keeps_its_original_start_as_its_name(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    _mark(services, plan, date(2026, 11, 12), "Windy")
    later = datetime(2026, 11, 13, 18, 0, tzinfo=BERLIN)  # Thursday's run moves to Friday evening
    draft = replace(series.draft(), title="Evening run", start=later,
                    end=later + timedelta(minutes=45), location="River")  # fmt: skip

    changed, changes = services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 12)), draft
    )

    assert changed.uid == series.uid
    assert changed.rrule == series.rrule and changed.start == series.start
    assert changed.overrides == (
        OccurrenceOverride(recurrence_id=_at(date(2026, 11, 12)), start=later,
                           end=later + timedelta(minutes=45), title="Evening run",
                           location="River"),
    )  # fmt: skip
    assert changes.uids == {series.uid}
    days = _days(services, plan, series.uid)
    assert days == [d if d != date(2026, 11, 12) else date(2026, 11, 13)
                    for d in MONDAYS_AND_THURSDAYS]  # fmt: skip
    moved = _occurrence(services, plan, date(2026, 11, 13))
    assert (moved.title, moved.location, moved.key) == (
        "Evening run",
        "River",
        _at(date(2026, 11, 12)),
    )
    assert moved.status is Status.DONE and moved.reflection is not None  # the mark stays with it
    others = [o for o in services.calendar.occurrences(plan, FIRST, date(2026, 11, 30))
              if o.key != _at(date(2026, 11, 12))]  # fmt: skip
    assert {(o.title, o.location) for o in others} == {("Run", "Park")}


def test_an_aware_recurrence_id_names_the_same_occurrence(services: Services, plan: Plan) -> None:
    series = _series(services, plan)
    occurrence = _occurrence(services, plan, date(2026, 11, 9))
    assert isinstance(occurrence.recurrence_id, datetime) and occurrence.recurrence_id.tzinfo
    draft = replace(series.draft(), title="Slow run", start=occurrence.start, end=occurrence.end)
    changed, _ = services.activities.update_occurrence(
        plan, series.uid, occurrence.recurrence_id.astimezone(NEW_YORK), draft
    )
    assert [o.recurrence_id for o in changed.overrides] == [_at(date(2026, 11, 9))]


def test_changing_an_occurrence_back_to_the_series_removes_the_override(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    name = _at(date(2026, 11, 9))
    moved = datetime(2026, 11, 9, 8, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, name, replace(series.draft(), start=moved, end=moved + timedelta(hours=1))
    )
    back = datetime(2026, 11, 9, 7, 0, tzinfo=BERLIN)
    changed, _ = services.activities.update_occurrence(
        plan,
        series.uid,
        name,
        replace(series.draft(), start=back, end=back + timedelta(minutes=30)),
    )
    assert changed.overrides == ()


def test_one_occurrence_cannot_become_all_day_or_be_one_the_series_lacks(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    all_day = replace(series.draft(), all_day=True, start=date(2026, 11, 9), end=date(2026, 11, 10))
    with pytest.raises(InvalidInputError, match="all-day"):
        services.activities.update_occurrence(plan, series.uid, _at(date(2026, 11, 9)), all_day)
    with pytest.raises(NotFoundError, match="no longer part of the series"):
        services.activities.update_occurrence(
            plan,
            series.uid,
            _at(date(2026, 11, 10)),
            series.draft(),  # a Tuesday
        )
    assert services.activities.get(series.uid) == series


@pytest.mark.parametrize("there_and_back", [False, True])
def test_a_series_with_exceptions_can_become_all_day_and_timed_again(
    services: Services, plan: Plan, there_and_back: bool
) -> None:
    # The whole series switched ("All"): its changed occurrence stays on its own day, its
    # skipped day stays skipped, and marks stay with their occurrences. It was refused
    # with "The changed 'Run' does not match its series' kind".
    series = _series(services, plan)
    friday = datetime(2026, 11, 13, 18, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 12)),
        replace(series.draft(), title="Evening run", start=friday, end=friday + timedelta(hours=1)),
    )  # fmt: skip
    services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 16)))
    _mark(services, plan, date(2026, 11, 19), "Cold")
    series = services.activities.get(series.uid)

    whole_days = replace(series.draft(), all_day=True, start=FIRST, end=FIRST + timedelta(days=1))
    switched, _ = services.activities.update(plan, series.uid, whole_days)

    expected = [
        d for d in MONDAYS_AND_THURSDAYS if d not in (date(2026, 11, 12), date(2026, 11, 16))
    ]
    expected = sorted([*expected, date(2026, 11, 13)])
    assert switched.all_day and switched.exdates == (date(2026, 11, 16),)
    (changed,) = switched.overrides
    assert (changed.recurrence_id, changed.start, changed.end, changed.title) == (
        date(2026, 11, 12),
        date(2026, 11, 13),
        date(2026, 11, 14),
        "Evening run",
    )
    assert _days(services, plan, series.uid) == expected
    assert _occurrence(services, plan, date(2026, 11, 19)).status is Status.DONE

    if there_and_back:
        at_eight = datetime.combine(FIRST, time(8, 0), tzinfo=BERLIN)
        timed = replace(switched.draft(), all_day=False, start=at_eight,
                        end=at_eight + timedelta(minutes=30))  # fmt: skip
        again, _ = services.activities.update(plan, series.uid, timed)
        assert again.exdates == (_at(date(2026, 11, 16), 8),)
        (changed,) = again.overrides
        assert changed.recurrence_id == _at(date(2026, 11, 12), 8)
        assert changed.start == datetime(2026, 11, 13, 8, 0, tzinfo=BERLIN)
        assert changed.end - changed.start == timedelta(minutes=30)
        assert _days(services, plan, series.uid) == expected
        assert _occurrence(services, plan, date(2026, 11, 19)).status is Status.DONE


# -- deleting one, or the rest ---------------------------------------------------------------


def test_deleting_one_occurrence_adds_an_exception_date_and_drops_its_mark(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    _mark(services, plan, date(2026, 11, 9), "Rain")
    changes = services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 9)))
    stored = services.activities.get(series.uid)
    assert stored.exdates == (_at(date(2026, 11, 9)),)
    assert stored.rrule == RULE
    assert _days(services, plan, series.uid) == [
        d for d in MONDAYS_AND_THURSDAYS if d != date(2026, 11, 9)
    ]
    assert changes.touches(date(2026, 11, 9), date(2026, 11, 9))
    assert services.activities.snapshot(series.uid).completions == ()
    with pytest.raises(NotFoundError):  # it is gone: there is nothing left to delete there
        services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 9)))


def test_deleting_a_changed_occurrence_removes_its_change_too(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    moved = datetime(2026, 11, 10, 18, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 9)),
        replace(series.draft(), start=moved, end=moved + timedelta(minutes=30)),
    )  # fmt: skip
    services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 9)))
    stored = services.activities.get(series.uid)
    assert stored.overrides == ()
    assert date(2026, 11, 10) not in _days(services, plan, series.uid)


def test_deleting_the_last_remaining_occurrence_deletes_the_activity(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan, rule="FREQ=WEEKLY;COUNT=2")
    services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 2)))
    services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 9)))
    with pytest.raises(NotFoundError):
        services.activities.get(series.uid)


def test_deleting_the_following_ends_the_series_before_that_occurrence(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan, exdates=(_at(date(2026, 11, 5)), _at(date(2026, 11, 19))))
    _mark(services, plan, date(2026, 11, 9))
    _mark(services, plan, date(2026, 11, 16))
    services.activities.delete_following(plan, series.uid, _at(date(2026, 11, 12)))
    stored = services.activities.get(series.uid)
    # Ends with Monday 9 November at 07:00 Berlin (06:00 UTC); COUNT gives way to UNTIL.
    assert stored.rrule == "FREQ=WEEKLY;UNTIL=20261109T060000Z;BYDAY=MO,TH"
    assert stored.exdates == (_at(date(2026, 11, 5)),)
    assert _days(services, plan, series.uid) == [date(2026, 11, 2), date(2026, 11, 9)]
    assert [c.recurrence_id for c in services.activities.snapshot(series.uid).completions] == [
        _at(date(2026, 11, 9))
    ]


def test_deleting_from_the_first_occurrence_on_deletes_the_whole_series(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    services.activities.delete_following(plan, series.uid, _at(FIRST))
    assert _shown(services, plan) == []


# -- this and following -----------------------------------------------------------------------


def test_this_and_following_ends_the_series_and_starts_a_new_one_there(
    services: Services, plan: Plan
) -> None:
    moved = datetime(2026, 11, 14, 9, 0, tzinfo=BERLIN)
    series = _series(
        services, plan,
        exdates=(_at(date(2026, 11, 5)), _at(date(2026, 11, 19))),
        overrides=(
            OccurrenceOverride(_at(date(2026, 11, 2)), datetime(2026, 11, 2, 8, 0, tzinfo=BERLIN),
                               datetime(2026, 11, 2, 8, 30, tzinfo=BERLIN), "Early run"),
            OccurrenceOverride(_at(date(2026, 11, 16)), moved, moved + timedelta(minutes=30),
                               "Long run"),
        ),
    )  # fmt: skip
    for day in (date(2026, 11, 9), date(2026, 11, 12), date(2026, 11, 23)):
        _mark(services, plan, day, f"Felt good on {day:%d}")
    # From Thursday 12 November on: an hour later, "Evening" in the title, the same repeat.
    start = datetime(2026, 11, 12, 8, 0, tzinfo=BERLIN)
    draft = replace(series.draft(), title="Later run", start=start,
                    end=start + timedelta(minutes=30),
                    rrule="FREQ=WEEKLY;COUNT=5;BYDAY=MO,TH")  # fmt: skip

    tail, changes = services.activities.split_series(
        plan, series.uid, _at(date(2026, 11, 12)), draft
    )

    head = services.activities.get(series.uid)
    assert tail.uid != series.uid and tail.uid.endswith("@rekindle")
    assert changes.uids == {series.uid, tail.uid}
    assert head.rrule == "FREQ=WEEKLY;UNTIL=20261109T060000Z;BYDAY=MO,TH"
    assert head.revision == series.revision + 1
    assert head.exdates == (_at(date(2026, 11, 5)),)
    assert [o.title for o in head.overrides] == ["Early run"]
    assert tail.rrule == "FREQ=WEEKLY;COUNT=5;BYDAY=MO,TH"
    assert tail.exdates == (_at(date(2026, 11, 19), 8),)  # renamed with the start's shift
    assert [(o.recurrence_id, o.title, o.start) for o in tail.overrides] == [
        (_at(date(2026, 11, 16), 8), "Long run", moved)  # where the person had put it
    ]

    shown = _shown(services, plan)
    assert [(u == tail.uid, s, t) for u, s, t in shown] == [
        (False, datetime(2026, 11, 2, 8, 0, tzinfo=BERLIN), "Early run"),
        (False, datetime(2026, 11, 9, 7, 0, tzinfo=BERLIN), "Run"),
        (True, datetime(2026, 11, 12, 8, 0, tzinfo=BERLIN), "Later run"),
        (True, moved, "Long run"),
        (True, datetime(2026, 11, 23, 8, 0, tzinfo=BERLIN), "Later run"),
        (True, datetime(2026, 11, 26, 8, 0, tzinfo=BERLIN), "Later run"),
    ]
    # Each reflection stays with its own day, on the side of the split that day is on.
    kept = {
        c.recurrence_id: c.reflection for c in services.activities.snapshot(series.uid).completions
    }
    gone = {
        c.recurrence_id: c.reflection for c in services.activities.snapshot(tail.uid).completions
    }
    assert [(k, r.text) for k, r in kept.items() if r] == [
        (_at(date(2026, 11, 9)), "Felt good on 09")
    ]
    assert sorted((k, r.text) for k, r in gone.items() if r) == [
        (_at(date(2026, 11, 12), 8), "Felt good on 12"),
        (_at(date(2026, 11, 23), 8), "Felt good on 23"),
    ]
    lessons = services.calendar.occurrences(plan, date(2026, 11, 23), date(2026, 11, 23))
    assert [(o.activity.uid, o.status) for o in lessons] == [(tail.uid, Status.DONE)]


def test_this_and_following_from_the_first_occurrence_edits_the_whole_series(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    draft = replace(series.draft(), title="Morning run")
    changed, changes = services.activities.split_series(plan, series.uid, _at(FIRST), draft)
    assert changed.uid == series.uid
    assert changes.uids == {series.uid}
    assert {t for _, _, t in _shown(services, plan)} == {"Morning run"}


def test_this_and_following_may_stop_repeating(services: Services, plan: Plan) -> None:
    series = _series(services, plan)
    start = datetime(2026, 11, 16, 7, 0, tzinfo=BERLIN)
    draft = replace(series.draft(), title="Last run", start=start,
                    end=start + timedelta(minutes=30), rrule=None)  # fmt: skip
    tail, _ = services.activities.split_series(plan, series.uid, _at(date(2026, 11, 16)), draft)
    assert tail.rrule is None and tail.exdates == () and tail.overrides == ()
    assert _days(services, plan, series.uid) == MONDAYS_AND_THURSDAYS[:4]
    assert _days(services, plan, tail.uid) == [date(2026, 11, 16)]


def test_an_all_day_series_splits_on_its_dates(services: Services, plan: Plan) -> None:
    series = _series(services, plan, all_day=True, start=FIRST, end=FIRST + timedelta(days=1),
                     rule="FREQ=DAILY;COUNT=6", exdates=(date(2026, 11, 6),))  # fmt: skip
    draft = replace(series.draft(), title="Rest", start=date(2026, 11, 5), end=date(2026, 11, 6),
                    rrule="FREQ=DAILY;COUNT=3")  # fmt: skip
    tail, _ = services.activities.split_series(plan, series.uid, date(2026, 11, 5), draft)
    head = services.activities.get(series.uid)
    assert head.rrule == "FREQ=DAILY;UNTIL=20261104"
    assert (head.exdates, tail.exdates) == ((), (date(2026, 11, 6),))
    assert _days(services, plan, series.uid) == [date(2026, 11, d) for d in (2, 3, 4)]
    assert _days(services, plan, tail.uid) == [date(2026, 11, 5), date(2026, 11, 7)]


# -- undo puts every touched activity back exactly -----------------------------------------------


def _restore_all(services: Services, plan: Plan, before: dict[ActivityUid, ActivitySnapshot],
                 touched: frozenset[ActivityUid]) -> None:  # fmt: skip
    services.activities.restore(plan, [(uid, before.get(uid)) for uid in sorted(touched)])


def test_undo_of_a_split_restores_the_series_and_removes_the_new_one(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan, exdates=(_at(date(2026, 11, 19)),))
    _mark(services, plan, date(2026, 11, 23), "Sunny")
    before = services.activities.snapshots([series.uid])
    shown = _shown(services, plan)
    draft = replace(series.draft(), title="Later run")
    tail, changes = services.activities.split_series(
        plan, series.uid, _at(date(2026, 11, 16)), draft
    )
    after = services.activities.snapshots(sorted(changes.uids))

    _restore_all(services, plan, before, changes.uids)
    assert _shown(services, plan) == shown
    assert services.activities.snapshot(series.uid) == before[series.uid]  # UID, marks and all
    with pytest.raises(NotFoundError):
        services.activities.get(tail.uid)

    services.activities.restore(plan, list(after.items()))  # redo
    assert services.activities.snapshots(sorted(changes.uids)) == after


@pytest.mark.parametrize("action", ["delete_occurrence", "delete_following"])
def test_undo_of_a_deletion_in_a_series_restores_it_exactly(
    services: Services, plan: Plan, action: str
) -> None:
    series = _series(services, plan)
    _mark(services, plan, date(2026, 11, 19), "Slow")
    before = services.activities.snapshots([series.uid])
    shown = _shown(services, plan)
    changes = getattr(services.activities, action)(plan, series.uid, _at(date(2026, 11, 19)))
    assert _shown(services, plan) != shown
    _restore_all(services, plan, before, changes.uids)
    assert _shown(services, plan) == shown
    assert services.activities.snapshots([series.uid]) == before


# -- what another calendar sees ------------------------------------------------------------------


def _reader_starts(data: bytes) -> Counter[tuple[str, datetime | date, str]]:
    low = datetime(2026, 11, 1, tzinfo=BERLIN)
    high = datetime(2027, 1, 1, tzinfo=BERLIN)
    calendar = icalendar.Calendar.from_ical(data)
    found: Counter[tuple[str, datetime | date, str]] = Counter()
    for event in recurring_ical_events.of(calendar).between(low, high):
        start = event.decoded("DTSTART")
        found[(str(event["UID"]), start.astimezone(UTC), str(event["SUMMARY"]))] += 1
    return found


def _our_starts(services: Services, plan: Plan) -> Counter[tuple[str, datetime | date, str]]:
    return Counter(
        (u, s.astimezone(UTC), t)  # type: ignore[union-attr]
        for u, s, t in _shown(services, plan)
    )


def test_split_changed_and_deleted_occurrences_survive_export_and_import(
    services: Services, plan: Plan, tmp_path: Path
) -> None:
    series = _series(services, plan, rule="FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T230000Z")
    moved = datetime(2026, 11, 6, 19, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 5)),
        replace(series.draft(), title="Friday run", start=moved, end=moved + timedelta(hours=1)),
    )  # fmt: skip
    services.activities.delete_occurrence(plan, series.uid, _at(date(2026, 11, 9)))
    later = datetime(2026, 11, 19, 18, 0, tzinfo=BERLIN)
    tail, _ = services.activities.split_series(
        plan, series.uid, _at(date(2026, 11, 19)),
        replace(series.draft(), title="Evening run", start=later,
                end=later + timedelta(minutes=40), rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=4"),
    )  # fmt: skip
    services.activities.delete_occurrence(plan, tail.uid, _at(date(2026, 12, 3), 18))
    ours = _our_starts(services, plan)
    assert sum(ours.values()) == 3 + 1 + 3  # 2, 6 (moved), 12, 16 | 19, 10 Dec, 17 Dec

    data, _, _ = services.interop.export_bytes(plan, ExportRequest())
    assert _reader_starts(data) == ours

    fresh = context.open_services(tmp_path / "fresh.sqlite3", FixedClock(NOW))
    try:
        fresh.importer.import_bytes(data)
        fresh_plan = fresh.plans.require()
        assert _our_starts(fresh, fresh_plan) == ours
        for uid in (series.uid, tail.uid):
            back, here = fresh.activities.get(uid), services.activities.get(uid)
            assert (back.rrule, back.exdates, back.overrides) == (
                here.rrule,
                here.exdates,
                here.overrides,
            )
    finally:
        fresh.close()


def test_one_occurrence_cannot_be_moved_onto_another_of_its_series(
    services: Services, plan: Plan
) -> None:
    # Two of one activity at one time cannot be told apart, to mark or to move again.
    series = _series(services, plan)
    onto_monday = datetime(2026, 11, 9, 7, 0, tzinfo=BERLIN)  # Thursday 5th's run, a week on
    with pytest.raises(
        InvalidInputError, match=r"“Run” already happens then \(Monday 9 November 2026 at 07:00\)"
    ):
        services.activities.update_occurrence(
            plan, series.uid, _at(date(2026, 11, 5)),
            replace(series.draft(), start=onto_monday, end=onto_monday + timedelta(minutes=30)),
        )  # fmt: skip
    assert services.activities.get(series.uid) == series
    # A window says it in its computer's order and clock (a US trial read the above).
    services.wording = Wording(day=lambda day: f"{day:%A, %B} {day.day}", clock=lambda t: "7 AM")
    with pytest.raises(InvalidInputError, match=r"\(Monday, November 9 at 7 AM\)"):
        services.activities.update_occurrence(
            plan, series.uid, _at(date(2026, 11, 5)),
            replace(series.draft(), start=onto_monday, end=onto_monday + timedelta(minutes=30)),
        )  # fmt: skip
    an_hour_later = onto_monday + timedelta(hours=1)  # beside it is fine
    services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 5)),
        replace(series.draft(), start=an_hour_later, end=an_hour_later + timedelta(minutes=30)),
    )  # fmt: skip
    assert len(_occurrences_on(services, plan, date(2026, 11, 9))) == 2


def _occurrences_on(services: Services, plan: Plan, day: date) -> list[Occurrence]:
    return services.calendar.occurrences(plan, day, day)


def test_an_occurrence_already_sharing_a_time_can_still_be_renamed(
    services: Services, plan: Plan
) -> None:
    # A file can bring two occurrences to one time; changing one of them without moving it
    # (a title, a note) was refused as "already happens then".
    series = _series(services, plan)
    monday = datetime(2026, 11, 9, 7, 0, tzinfo=BERLIN)
    stored = services.activities.get(series.uid)
    doubled = replace(stored.draft(), overrides=(OccurrenceOverride(
        recurrence_id=_at(date(2026, 11, 5)), start=monday, end=monday + timedelta(minutes=30),
        title="Run"),))  # fmt: skip
    services.activities.update(plan, series.uid, doubled)  # as an import writes it

    renamed, _ = services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 5)),
        replace(series.draft(), title="Run with Luca", start=monday,
                end=monday + timedelta(minutes=30)),
    )  # fmt: skip
    assert [o.title for o in renamed.overrides] == ["Run with Luca"]


def test_this_and_following_made_all_day_keeps_the_later_changed_occurrences(
    services: Services, plan: Plan
) -> None:
    # They were dropped: Thursday 19th's "Evening run with Sam" came back as a plain "Run".
    series = _series(services, plan)
    friday = datetime(2026, 11, 20, 18, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, _at(date(2026, 11, 19)),
        replace(series.draft(), title="Evening run", notes="with Sam", start=friday,
                end=friday + timedelta(hours=1)),
    )  # fmt: skip
    series = services.activities.get(series.uid)
    from_the_9th = replace(series.draft(), all_day=True, start=date(2026, 11, 9),
                           end=date(2026, 11, 10))  # fmt: skip

    tail, _ = services.activities.split_series(
        plan, series.uid, _at(date(2026, 11, 9)), from_the_9th
    )

    assert tail.uid != series.uid and tail.all_day
    (changed,) = tail.overrides
    assert (changed.recurrence_id, changed.start, changed.title, changed.notes) == (
        date(2026, 11, 19),
        date(2026, 11, 20),
        "Evening run",
        "with Sam",
    )
    assert date(2026, 11, 20) in _days(services, plan, tail.uid)
    assert date(2026, 11, 19) not in _days(services, plan, tail.uid)


# -- something done stays on a day that has come ----------------------------------------------

TODAY = date(2026, 11, 23)  # NOW's day, a Monday with a run at 07:00


def test_an_occurrence_marked_done_cannot_move_to_a_day_still_ahead(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    _mark(services, plan, TODAY, "I tend to go quiet when I am hurt.")
    tomorrow = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN)
    draft = replace(series.draft(), start=tomorrow, end=tomorrow + timedelta(minutes=30))

    with pytest.raises(InvalidInputError, match=r"marked as done.*Back to Planned"):
        services.activities.update_occurrence(plan, series.uid, _at(TODAY), draft)

    assert services.activities.get(series.uid).overrides == ()  # type: ignore[arg-type]
    assert _reflections(services, series.uid) == [
        (_at(TODAY), "I tend to go quiet when I am hurt.")
    ]
    # An earlier hour of the same day, or a day that has come, is a correction: it moves.
    earlier = datetime(2026, 11, 22, 19, 0, tzinfo=BERLIN)
    draft = replace(series.draft(), start=earlier, end=earlier + timedelta(minutes=30))
    services.activities.update_occurrence(plan, series.uid, _at(TODAY), draft)
    assert _occurrence(services, plan, date(2026, 11, 22)).status is Status.DONE


def test_a_series_moved_a_day_on_keeps_its_done_occurrence_of_today_where_it_was(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    _mark(services, plan, TODAY)
    start = datetime.combine(FIRST + timedelta(days=1), time(7, 0), tzinfo=BERLIN)
    tuesdays = replace(series.draft(), start=start, end=start + timedelta(minutes=30),
                       rrule="FREQ=WEEKLY;COUNT=8;BYDAY=TU,FR")  # fmt: skip

    with pytest.raises(InvalidInputError, match="marked as done"):
        services.activities.update(plan, series.uid, tuesdays)
    with pytest.raises(InvalidInputError, match="marked as done"):
        services.activities.split_series(plan, series.uid, _at(TODAY), replace(
            tuesdays, start=start + timedelta(days=21), end=start + timedelta(days=21, minutes=30)
        ))  # fmt: skip

    assert services.activities.get(series.uid) == series
    assert _occurrence(services, plan, TODAY).status is Status.DONE


def test_a_one_off_marked_done_cannot_move_to_a_day_still_ahead(
    services: Services, plan: Plan
) -> None:
    one = _series(services, plan, rule=None, start=datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN),
                  end=datetime(2026, 11, 23, 7, 30, tzinfo=BERLIN))  # fmt: skip
    _mark(services, plan, TODAY)
    later = datetime(2026, 11, 25, 7, 0, tzinfo=BERLIN)

    with pytest.raises(InvalidInputError, match="marked as done"):
        services.activities.update(
            plan, one.uid, replace(one.draft(), start=later, end=later + timedelta(minutes=30))
        )

    assert services.activities.get(one.uid) == one
    assert _occurrence(services, plan, TODAY).status is Status.DONE


def test_one_done_ahead_already_can_still_come_closer(services: Services, plan: Plan) -> None:
    # Marks ahead come from elsewhere (a file from another computer, the command line): moving
    # such a one to an earlier day corrects it rather than dating anything further ahead.
    day = date(2026, 11, 30)
    one = _series(services, plan, rule=None, start=datetime.combine(day, time(7), tzinfo=BERLIN),
                  end=datetime.combine(day, time(7, 30), tzinfo=BERLIN))  # fmt: skip
    _mark(services, plan, day)
    sooner = datetime(2026, 11, 27, 7, 0, tzinfo=BERLIN)

    services.activities.update(
        plan, one.uid, replace(one.draft(), start=sooner, end=sooner + timedelta(minutes=30))
    )

    assert _occurrence(services, plan, date(2026, 11, 27)).status is Status.DONE


def test_renaming_all_renames_a_changed_occurrence_too_keeping_what_was_changed_in_it(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    later = datetime(2026, 11, 12, 21, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(plan, series.uid, _at(date(2026, 11, 12)), replace(
        series.draft(), start=later, end=later + timedelta(minutes=30),
        notes="Write about the holidays",
    ))  # fmt: skip
    stored = services.activities.get(series.uid)
    assert stored is not None

    renamed = replace(stored.draft(), title="Quiet run", location="River")
    services.activities.update(plan, series.uid, renamed)

    (changed,) = services.activities.get(series.uid).overrides  # type: ignore[union-attr]
    assert (changed.title, changed.location, changed.notes) == (
        "Quiet run", "River", "Write about the holidays",
    )  # fmt: skip
    assert changed.start == later  # and its own time stays
    # From that day on, likewise: the changed one goes to the new series with the new words.
    tail, _ = services.activities.split_series(
        plan, series.uid, _at(date(2026, 11, 9)),
        replace(renamed, title="Evening run", start=_at(date(2026, 11, 9)).replace(tzinfo=BERLIN),
                end=_at(date(2026, 11, 9)).replace(tzinfo=BERLIN) + timedelta(minutes=30)),
    )  # fmt: skip
    (moved,) = tail.overrides
    assert (moved.title, moved.notes) == ("Evening run", "Write about the holidays")


def _done_one_moved_back(services: Services, plan: Plan) -> Activity:
    """Thursday 26 November's run (still ahead) moved back to Saturday 21st, and marked done."""
    series = _series(services, plan)
    saturday = datetime(2026, 11, 21, 9, 0, tzinfo=BERLIN)
    draft = replace(series.draft(), start=saturday, end=saturday + timedelta(minutes=30))
    services.activities.update_occurrence(plan, series.uid, _at(date(2026, 11, 26)), draft)
    _mark(services, plan, date(2026, 11, 21))
    return services.activities.get(series.uid)  # type: ignore[return-value]


def test_a_series_edit_goes_ahead_when_its_done_occurrence_moved_alone_stays_behind(
    services: Services, plan: Plan
) -> None:
    """The 26th's rule day is ahead, but its done occurrence was moved to the 21st on its own
    and stays there: an hour later for the whole series, or from the 12th on, was refused."""
    series = _done_one_moved_back(services, plan)
    eight = datetime.combine(FIRST, time(8, 0), tzinfo=BERLIN)
    services.activities.update(
        plan, series.uid, replace(series.draft(), start=eight, end=eight + timedelta(minutes=30))
    )
    assert _occurrence(services, plan, date(2026, 11, 21)).status is Status.DONE

    series = services.activities.get(series.uid)  # type: ignore[assignment]
    from_12th = datetime.combine(date(2026, 11, 12), time(9, 0), tzinfo=BERLIN)
    services.activities.split_series(plan, series.uid, _at(date(2026, 11, 12), 8), replace(
        series.draft(), start=from_12th, end=from_12th + timedelta(minutes=30),
        rrule="FREQ=WEEKLY;COUNT=5;BYDAY=MO,TH",
    ))  # fmt: skip
    assert _occurrence(services, plan, date(2026, 11, 21)).status is Status.DONE


def test_renaming_all_while_switching_to_all_day_renames_a_changed_occurrence_too(
    services: Services, plan: Plan
) -> None:
    series = _series(services, plan)
    later = datetime(2026, 11, 13, 18, 0, tzinfo=BERLIN)
    services.activities.update_occurrence(plan, series.uid, _at(date(2026, 11, 12)), replace(
        series.draft(), start=later, end=later + timedelta(minutes=30),
    ))  # fmt: skip
    stored = services.activities.get(series.uid)
    assert stored is not None

    services.activities.update(plan, series.uid, replace(
        stored.draft(), title="Jog", all_day=True, start=FIRST, end=FIRST + timedelta(days=1),
    ))  # fmt: skip

    (changed,) = services.activities.get(series.uid).overrides  # type: ignore[union-attr]
    assert changed.title == "Jog"


def test_a_change_only_tried_leaves_nothing_behind(services: Services, plan: Plan) -> None:
    """What a series question offers is tried first (ActivityService.refusal): a change that
    would be saved is rolled back whole, a split series' new part included."""
    series = _series(services, plan)
    activities = services.activities
    name = series.start.replace(tzinfo=None) + timedelta(days=7)
    later = replace(series.draft(), start=series.start + timedelta(days=8),
                    end=series.end + timedelta(days=8))  # fmt: skip
    count = activities.count(plan)
    assert (
        activities.refusal(lambda: activities.split_series(plan, series.uid, name, later)) is None
    )
    assert activities.refusal(lambda: activities.update(plan, series.uid, later)) is None
    assert activities.count(plan) == count
    assert activities.get(series.uid) == series
    refused = activities.refusal(
        lambda: activities.update(plan, series.uid, replace(later, title="  "))
    )
    assert refused is not None and "title" in refused.lower()
