"""'They asked for no contact': everything still to come is kept, hidden, and restorable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft, SetAside
from planner.services.context import Services
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NOW

FIRST = date(2026, 11, 1)
LAST = date(2026, 12, 31)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), FIRST, "Europe/Berlin"))
    return plan


def _add(services: Services, plan: Plan, title: str, category: Category, day: date,
         rrule: str | None = None) -> ActivityUid:  # fmt: skip
    start = datetime(day.year, day.month, day.day, 18, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=title, category=category, step=StepNumber(5), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", rrule=rrule,
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    return activity.uid


def _titles(services: Services, plan: Plan) -> list[str]:
    now = services.plans.require()  # as set aside or not now
    assert now.id == plan.id
    return sorted({o.title for o in services.calendar.occurrences(now, FIRST, LAST)})


def test_respecting_no_contact_hides_only_contact_still_to_come(
    services: Services, plan: Plan
) -> None:
    _add(services, plan, "Coffee last week", Category.MEETUP, date(2026, 11, 16))
    _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))
    _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 4), "FREQ=WEEKLY")
    _add(services, plan, "Evening walk", Category.SELF_CARE, date(2026, 11, 26))

    change = services.boundaries.respect_no_contact(plan)

    assert sorted(a.title for a in change.activities) == ["Friendly hello", "Weekly call"]
    assert change.plan.no_contact_since == NOW
    calls = [o.start.date() for o in services.calendar.occurrences(change.plan, FIRST, LAST)
             if o.title == "Weekly call"]  # fmt: skip
    assert calls == [date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)]  # made
    assert _titles(services, plan) == ["Coffee last week", "Evening walk", "Weekly call"]
    assert services.advice.flags(change.plan, FIRST, LAST) == []


def test_a_series_begun_before_keeps_the_contact_already_made_and_its_marks(
    services: Services, plan: Plan
) -> None:
    """A weekly call begun three weeks ago was hidden whole: the calls made, marked done,
    left the calendar and its exports while Progress still counted them. Only the calls
    still to come are set aside, and lifting brings them back."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2),
                "FREQ=WEEKLY;COUNT=10")  # fmt: skip
    made = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    for day in made:
        at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=BERLIN)
        services.progress.mark(plan, services.progress.find(plan, call, at), Status.DONE, None)
    done_before = services.progress.overview(plan).done

    change = services.boundaries.respect_no_contact(plan)

    def calls() -> list[tuple[date, Status]]:
        found = services.calendar.occurrences(services.plans.require(), FIRST, date(2027, 3, 1))
        return [(o.start.date(), o.status) for o in found if o.title == "Weekly call"]

    assert calls() == [(day, Status.DONE) for day in made]
    assert services.progress.overview(change.plan).done == done_before
    data, _exported, _events = services.interop.export_bytes(change.plan, ExportRequest())
    assert data.count(b"SUMMARY:Weekly call") == 1  # the calls made, still exported
    assert [a.uid for a in change.activities] == [call]  # today's, at 18:00, is to come
    assert data.count(b"UNTIL=20261116") == 1  # exported as far as it was made

    services.boundaries.lift_no_contact(plan)
    assert [day for day, _status in calls()] == [
        date(2026, 11, 2) + timedelta(weeks=n) for n in range(10)
    ]  # all ten again, as one plans them
    assert [status for _day, status in calls()][:3] == [Status.DONE] * 3


def test_what_would_be_set_aside_and_brought_back_is_listed_by_date(
    services: Services, plan: Plan
) -> None:
    _add(services, plan, "Apology talk", Category.APOLOGY, date(2026, 12, 3))
    _add(services, plan, "Coffee", Category.MEETUP, date(2026, 11, 27))
    _add(services, plan, "Birthday message", Category.MESSAGE, date(2026, 12, 10))
    in_order = ["Coffee", "Apology talk", "Birthday message"]  # as they come, not A to Z
    assert [a.title for a in services.boundaries.upcoming_contact(plan)] == in_order
    services.boundaries.respect_no_contact(plan)
    assert [a.title for a in services.boundaries.cancelled(plan)] == in_order


def test_hidden_contact_stays_out_of_exports(services: Services, plan: Plan) -> None:
    _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))
    _add(services, plan, "Evening walk", Category.SELF_CARE, date(2026, 11, 26))
    services.boundaries.respect_no_contact(plan)

    data, _exported, _events = services.interop.export_bytes(plan, ExportRequest())

    assert b"Evening walk" in data
    assert b"Friendly hello" not in data


def test_lifting_the_boundary_brings_back_exactly_what_was_hidden(
    services: Services, plan: Plan
) -> None:
    hello = _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))
    before = services.activities.get(hello)
    services.boundaries.respect_no_contact(plan)
    assert [a.title for a in services.boundaries.cancelled(plan)] == ["Friendly hello"]

    change = services.boundaries.lift_no_contact(plan)

    assert [a.title for a in change.activities] == ["Friendly hello"]
    assert change.plan.no_contact_since is None
    assert services.activities.get(hello) == before
    assert _titles(services, plan) == ["Friendly hello"]


def test_a_check_in_comes_every_three_weeks_and_focusing_on_growth_sets_contact_aside(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    hello = _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))
    # Begun on 1 November but started in the app today, 23 November: not asked on its first
    # day (a trial was), but three weeks on.
    assert not plan.checkin_due(date(2026, 11, 23))
    assert not plan.checkin_due(date(2026, 12, 13))
    assert plan.checkin_due(date(2026, 12, 14))
    assert replace(plan, created=None).checkin_due(date(2026, 11, 23))  # by its first day

    change = services.boundaries.answer_checkin(plan, focus_on_growth=True)

    assert change.plan.boundary_reason is SetAside.GROWTH
    assert [a.uid for a in change.activities] == [hello]
    assert change.plan.last_checkin == date(2026, 11, 23)
    assert not change.plan.checkin_due(date(2026, 12, 13))
    assert change.plan.checkin_due(date(2026, 12, 14))


def test_keeping_going_only_records_the_answer_and_never_asks_when_told_not_to(
    services: Services, plan: Plan
) -> None:
    _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))

    change = services.boundaries.answer_checkin(plan, focus_on_growth=False)
    assert change.activities == () and not change.plan.contact_set_aside
    services.boundaries.set_checkin_weeks(change.plan, 0)

    assert not services.plans.require().checkin_due(date(2027, 6, 1))


def test_contact_set_aside_has_its_reminders_silenced(services: Services, plan: Plan) -> None:
    hello = _add(services, plan, "Friendly hello", Category.MESSAGE, date(2026, 11, 26))
    walk = _add(services, plan, "Evening walk", Category.SELF_CARE, date(2026, 11, 26))
    services.activities.update(
        plan, walk, replace(services.activities.get(walk).draft(), reminders=(30,))
    )
    since, until = NOW, NOW + timedelta(days=7)
    before = {r.occurrence.activity.uid for r in services.reminders.due(plan, since, until)}
    assert hello in before  # a message gets a short reminder by default

    services.boundaries.respect_no_contact(plan)

    after = {r.occurrence.activity.uid for r in services.reminders.due(plan, since, until)}
    assert after == {walk}


def _at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


def _moved(services: Services, plan: Plan, uid: ActivityUid, day: date, to: datetime) -> None:
    series = services.activities.get(uid)
    draft = replace(series.draft(), start=to, end=to + timedelta(hours=1), rrule=None)
    services.activities.update_occurrence(plan, uid, _at(day), draft)


def test_a_call_moved_on_from_a_day_gone_by_is_hidden_and_one_made_stays(
    services: Services, plan: Plan
) -> None:
    """A review: the call of 9 November moved to today at noon, and 16 November's made. A
    split of the series by its days hid the call made and showed the one still to come."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2),
                "FREQ=WEEKLY;COUNT=10")  # fmt: skip
    _moved(services, plan, call, date(2026, 11, 9), _at(date(2026, 11, 23), 12))
    _moved(services, plan, call, date(2026, 11, 16), _at(date(2026, 11, 24)))  # ahead
    made = services.progress.find(plan, call, _at(date(2026, 11, 2)))
    services.progress.mark(plan, made, Status.DONE, None)

    now = services.boundaries.respect_no_contact(plan).plan

    shown = [(o.start, o.status) for o in services.calendar.occurrences(now, FIRST, LAST)
             if o.title == "Weekly call"]  # fmt: skip
    assert shown == [(_at(date(2026, 11, 2)), Status.DONE)]
    data, _exported, _events = services.interop.export_bytes(now, ExportRequest())
    calendar = icalendar.Calendar.from_ical(data)
    starts = [o["DTSTART"].dt for o in recurring_ical_events.of(calendar).between(FIRST, LAST)]
    assert starts == [_at(date(2026, 11, 2))]  # read by another parser: the one made alone


@pytest.mark.parametrize(
    ("start", "end", "all_day"),
    [
        (_at(date(2026, 11, 23), 9), _at(date(2026, 11, 23), 11), False),  # under way now
        (date(2026, 11, 23), date(2026, 11, 24), True),  # a card to send today
    ],
)
def test_contact_under_way_or_due_today_is_set_aside_too(
    services: Services, plan: Plan, start: datetime | date, end: datetime | date, all_day: bool
) -> None:
    """It had ended with an error (the search for what was still to come ran past 9999)."""
    draft = ActivityDraft(
        title="Send a card", category=Category.MESSAGE, step=StepNumber(5), start=start,
        end=end, all_day=all_day, zone="Europe/Berlin",
    )  # fmt: skip
    card, _ = services.activities.create(plan, draft)
    _add(services, plan, "Evening walk", Category.SELF_CARE, date(2026, 11, 26))

    change = services.boundaries.respect_no_contact(plan)

    assert [a.uid for a in change.activities] == [card.uid]
    assert _titles(services, plan) == ["Evening walk"]
    data, _exported, _events = services.interop.export_bytes(change.plan, ExportRequest())
    assert b"Send a card" not in data


def test_a_series_with_its_days_gone_by_deleted_comes_back_whole(
    services: Services, plan: Plan
) -> None:
    """A review: its first call deleted, a split of the series moved its start onto the next,
    and the deletion with it; lifting the boundary brought back one call fewer."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 16),
                "FREQ=WEEKLY;COUNT=4")  # fmt: skip
    services.activities.delete_occurrence(plan, call, _at(date(2026, 11, 16)))
    before = services.activities.get(call)

    services.boundaries.respect_no_contact(plan)
    services.boundaries.lift_no_contact(plan)

    assert services.activities.get(call) == before
    days = [o.start.date() for o in services.calendar.occurrences(services.plans.require(),
            FIRST, LAST) if o.title == "Weekly call"]  # fmt: skip
    assert days == [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]


def test_setting_contact_aside_again_shows_nothing_hidden_the_first_time(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    services.boundaries.respect_no_contact(plan, SetAside.GROWTH)
    clock.set(NOW + timedelta(days=10))
    again = services.boundaries.respect_no_contact(services.plans.require(), SetAside.ASKED)
    assert again.plan.no_contact_since == NOW  # the first moment stands
    shown = [o.start.date() for o in services.calendar.occurrences(again.plan, FIRST, LAST)
             if o.activity.uid == call]  # fmt: skip
    assert shown == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]


def test_contact_earlier_today_gets_no_pacing_hint_once_contact_is_set_aside(
    services: Services, plan: Plan
) -> None:
    """A re-trial: a message planned for early today, its time gone by, still showed a hint
    to move it after the space, with contact set aside at their request."""
    early = datetime(2026, 11, 23, 8, 0, tzinfo=BERLIN)  # before now (10:00), unmarked
    services.activities.create(plan, ActivityDraft(
        title="Early good-morning text", category=Category.MESSAGE, step=StepNumber(5),
        start=early, end=early + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    space = datetime(2026, 11, 23, 0, 0, tzinfo=BERLIN)
    services.activities.create(plan, ActivityDraft(
        title="Quiet week", category=Category.SPACE, step=StepNumber(3), start=space.date(),
        end=space.date() + timedelta(days=7), all_day=True, zone="Europe/Berlin",
    ))  # fmt: skip
    assert services.advice.flags(plan, date(2026, 11, 23), date(2026, 11, 23))  # a hint

    change = services.boundaries.respect_no_contact(plan)

    assert "Early good-morning text" in _titles(services, plan)  # history, still to mark
    assert services.advice.flags(change.plan, date(2026, 11, 23), date(2026, 11, 30)) == []


def test_contact_marked_done_shows_though_it_had_not_ended(services: Services, plan: Plan) -> None:
    """A review: a card sent this morning (all day) and a call marked done before its end
    were hidden with what was still to come, while Progress counted them."""
    card, _ = services.activities.create(plan, ActivityDraft(
        title="Send a card", category=Category.MESSAGE, step=StepNumber(5),
        start=date(2026, 11, 23), end=date(2026, 11, 24), all_day=True, zone="Europe/Berlin",
    ))  # fmt: skip
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 16),
                "FREQ=WEEKLY;COUNT=4")  # fmt: skip
    services.activities.update_occurrence(
        plan,
        call,
        _at(date(2026, 11, 23)),
        replace(
            services.activities.get(call).draft(),
            start=_at(date(2026, 11, 23), 9),
            end=_at(date(2026, 11, 23), 11),
            rrule=None,
        ),
    )  # fmt: skip (9:00 to 11:00, now 10:00: under way, and marked done)
    for uid, at in ((card.uid, date(2026, 11, 23)), (call, _at(date(2026, 11, 23), 9))):
        services.progress.mark(plan, services.progress.find(plan, uid, at), Status.DONE, None)

    change = services.boundaries.respect_no_contact(plan)
    now = change.plan

    # The card, sent and marked, is not named as set aside: nothing of it is hidden.
    assert [a.title for a in change.activities] == ["Weekly call"]
    shown = sorted((o.title, o.first_day(now.tz)) for o in services.calendar.occurrences(
        now, date(2026, 11, 23), date(2026, 11, 23)))  # fmt: skip
    assert shown == [("Send a card", date(2026, 11, 23)), ("Weekly call", date(2026, 11, 23))]
    data, _exported, _events = services.interop.export_bytes(now, ExportRequest())
    calendar = icalendar.Calendar.from_ical(data)
    read = sorted(str(o["SUMMARY"]) for o in recurring_ical_events.of(calendar).between(
        date(2026, 11, 23), date(2026, 11, 24)))  # fmt: skip
    assert read == ["✓ Send a card", "✓ Weekly call"]


def test_an_edit_of_a_day_still_shown_keeps_the_rest_set_aside(
    services: Services, plan: Plan
) -> None:
    """A review: "this and following" on a call made before brought back every call after
    it, its new series no longer set aside."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    now = services.boundaries.respect_no_contact(plan).plan
    series = services.activities.get(call)
    draft = replace(series.draft(), title="Weekly call (voice)", start=_at(date(2026, 11, 16)),
                    end=_at(date(2026, 11, 16)) + timedelta(hours=1))  # fmt: skip

    tail, _ = services.activities.split_series(now, call, _at(date(2026, 11, 16)), draft)

    assert tail.cancelled
    shown = [(o.title, o.start.date()) for o in services.calendar.occurrences(now, FIRST, LAST)]
    assert shown == [("Weekly call", date(2026, 11, 2)), ("Weekly call", date(2026, 11, 9)),
                     ("Weekly call (voice)", date(2026, 11, 16))]  # fmt: skip
    assert services.boundaries.upcoming_contact(now) == []


def test_a_call_marked_done_after_one_still_to_come_is_exported_too(
    services: Services, plan: Plan
) -> None:
    """A review: the 30 November call marked done (as `rekindle mark` or an imported export
    may) showed in the calendar but not in the export, cut before today's call."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    ahead = services.progress.find(plan, call, _at(date(2026, 11, 30)))
    services.progress.mark(plan, ahead, Status.DONE, None)

    now = services.boundaries.respect_no_contact(plan).plan

    def days(found: list[date]) -> list[date]:
        return sorted(found)

    shown = days([o.start.date() for o in services.calendar.occurrences(now, FIRST, LAST)])
    data, _exported, _events = services.interop.export_bytes(now, ExportRequest())
    calendar = icalendar.Calendar.from_ical(data)
    read = days([o["DTSTART"].dt.date() for o in recurring_ical_events.of(calendar).between(
        FIRST, LAST)])  # fmt: skip
    assert shown == read == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16),
                             date(2026, 11, 30)]  # fmt: skip


@pytest.mark.parametrize(("ahead", "follows"), [(600, True), (5 * 366, False)])
def test_a_mark_far_ahead_neither_leaks_calls_nor_drags_the_export_on(
    services: Services, plan: Plan, ahead: int, follows: bool
) -> None:
    """A review: a daily call marked done ten years ahead ran the export's series on to it
    with only its first 2,000 calls left out, the rest set aside going out. Within two
    years the mark goes out, every call between left out; beyond, it is not followed."""
    call = _add(services, plan, "Daily call", Category.MESSAGE, date(2026, 11, 2), "FREQ=DAILY")
    far = date(2026, 11, 23) + timedelta(days=ahead)
    services.progress.mark(plan, services.progress.find(plan, call, _at(far)), Status.DONE, None)
    now = services.boundaries.respect_no_contact(plan).plan

    data, _exported, _events = services.interop.export_bytes(now, ExportRequest())
    calendar = icalendar.Calendar.from_ical(data)
    read = [o["DTSTART"].dt.date() for o in recurring_ical_events.of(calendar).between(
        FIRST, date(2033, 1, 1))]  # fmt: skip
    made = [date(2026, 11, 2) + timedelta(days=n) for n in range(21)]  # to 22 November
    assert sorted(read) == made + ([far] if follows else [])


def test_a_call_set_aside_made_into_a_journal_shows_again(services: Services, plan: Plan) -> None:
    """A review: a weekly call set aside, then made a weekly journal ("All"), stayed hidden
    from the request's moment on, for as long as the request stood. What is no contact is
    not set aside; a call that stays a call stays set aside."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    plan = services.boundaries.respect_no_contact(plan).plan
    activity = services.activities.get(call)
    renamed, _ = services.activities.update(
        plan, call, replace(activity.draft(), title="Weekly call, later")
    )
    assert renamed.set_aside  # still contact: still set aside
    journal, _ = services.activities.update(
        plan, call, replace(activity.draft(), title="Weekly journal", category=Category.REFLECTION)
    )
    assert not journal.set_aside
    days = [o.start.date() for o in services.calendar.occurrences(plan, FIRST, LAST)
            if o.title == "Weekly journal"]  # fmt: skip
    assert date(2026, 11, 30) in days and date(2026, 12, 28) in days
    assert services.boundaries.cancelled(plan) == []  # nothing left to bring back

    # A review: the kind put back (a misclick put right) brought every call back while the
    # request stood, and out of what lifting it names.
    services.activities.update(plan, call, activity.draft())
    shown = [o.start.date() for o in services.calendar.occurrences(plan, FIRST, LAST)]
    assert shown == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert [a.uid for a in services.boundaries.cancelled(plan)] == [call]
    services.boundaries.lift_no_contact(plan)
    assert not services.activities.get(call).cancelled


def test_following_days_made_a_journal_are_not_set_aside(services: Services, plan: Plan) -> None:
    """As an edit of the whole series: "this and following" making the calls a journal
    gives a new series that is no contact, so nothing of it is hidden."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    now = services.boundaries.respect_no_contact(plan).plan
    series = services.activities.get(call)
    start = _at(date(2026, 11, 16))
    draft = replace(series.draft(), title="Weekly journal", category=Category.REFLECTION,
                    start=start, end=start + timedelta(hours=1))  # fmt: skip

    tail, _ = services.activities.split_series(now, call, _at(date(2026, 11, 16)), draft)

    assert not tail.set_aside
    journal = [o.start.date() for o in services.calendar.occurrences(now, FIRST, LAST)
               if o.title == "Weekly journal"]  # fmt: skip
    assert journal[0] == date(2026, 11, 16) and date(2026, 12, 28) in journal


def test_a_call_moved_back_onto_a_day_gone_by_is_exported_as_it_shows(
    services: Services, plan: Plan
) -> None:
    """A review: next week's call (30 November) dragged onto 20 November, the day it was
    made, showed in the calendar once contact was set aside, but not in the export."""
    call = _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    _moved(services, plan, call, date(2026, 11, 30), _at(date(2026, 11, 20)))
    now = services.boundaries.respect_no_contact(plan).plan

    shown = [o.start.date() for o in services.calendar.occurrences(now, FIRST, LAST)]
    assert shown == [date(2026, 11, d) for d in (2, 9, 16, 20)]
    data, _exported, _events = services.interop.export_bytes(now, ExportRequest())
    calendar = icalendar.Calendar.from_ical(data)
    read = sorted(o["DTSTART"].dt.date() for o in recurring_ical_events.of(calendar).between(
        FIRST, date(2027, 6, 1)))  # fmt: skip
    assert read == shown  # and not the 23rd, still to come, nor any later one


def test_a_december_export_leaves_out_a_call_set_aside_in_november(
    services: Services, plan: Plan
) -> None:
    """A review: exporting 1 to 31 December wrote the weekly call set aside on 23 November (its
    November calls and its reminder) while the calendar showed nothing of it in December."""
    _add(services, plan, "Weekly call", Category.MESSAGE, date(2026, 11, 2), "FREQ=WEEKLY")
    _add(services, plan, "Evening walk", Category.SELF_CARE, date(2026, 12, 3))
    now = services.boundaries.respect_no_contact(plan).plan

    december = ExportRequest(first_day=date(2026, 12, 1), last_day=date(2026, 12, 31))
    data, exported, _events = services.interop.export_bytes(now, december)
    assert b"Weekly call" not in data and b"Evening walk" in data
    assert exported == 1
    november = ExportRequest(first_day=date(2026, 11, 1), last_day=date(2026, 11, 30))
    data, exported, _events = services.interop.export_bytes(now, november)
    assert data.count(b"SUMMARY:Weekly call") == 1  # the calls made, as far as they were


def test_a_daily_call_set_aside_is_not_named_as_cut_short(services: Services, plan: Plan) -> None:
    """A review: over seven years, the daily call set aside was said to be cut to its first
    2,000 occurrences (`rekindle list` notes it) while only its 21 calls made showed."""
    _add(services, plan, "Daily call", Category.MESSAGE, date(2026, 11, 2), "FREQ=DAILY")
    _add(services, plan, "Daily walk", Category.SELF_CARE, date(2026, 11, 2), "FREQ=DAILY")
    now = services.boundaries.respect_no_contact(plan).plan

    window = services.calendar.window(now, FIRST, date(2033, 12, 31))
    assert [a.title for a in window.truncated] == ["Daily walk"]
    assert sum(o.title == "Daily call" for o in window.occurrences) == 21


def test_a_series_set_aside_cut_short_while_it_still_shows_is_named(
    services: Services, plan: Plan
) -> None:
    """A review: a daily call begun in 2021, with one call moved on its own past the
    request, hid that the window had been cut to 2,000 while its calls made before the
    request ran on past the cut: the moved call, hidden, came last."""
    call = _add(services, plan, "Daily call", Category.MESSAGE, date(2021, 1, 4), "FREQ=DAILY")
    _moved(services, plan, call, date(2021, 1, 5), _at(date(2026, 12, 1), 9))
    now = services.boundaries.respect_no_contact(plan).plan

    window = services.calendar.window(now, date(2021, 1, 1), date(2027, 1, 31))
    assert [a.title for a in window.truncated] == ["Daily call"]
