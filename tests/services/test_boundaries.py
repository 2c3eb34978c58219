"""'They asked for no contact': everything still to come is kept, hidden, and restorable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
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
    return sorted({o.title for o in services.calendar.occurrences(plan, FIRST, LAST)})


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
    calls = [o.start.date() for o in services.calendar.occurrences(plan, FIRST, LAST)
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
        return [(o.start.date(), o.status) for o in services.calendar.occurrences(
            plan, FIRST, date(2027, 3, 1)) if o.title == "Weekly call"]  # fmt: skip

    assert calls() == [(day, Status.DONE) for day in made]
    assert services.progress.overview(plan).done == done_before
    data, _exported, _events = services.interop.export_bytes(plan, ExportRequest())
    assert data.count(b"SUMMARY:Weekly call") == 1  # the calls made, still exported
    (hidden,) = change.activities
    assert hidden.start.date() == date(2026, 11, 23)  # today's, at 18:00, is still to come
    assert services.activities.get(call).uid == call  # the part made keeps its UID

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
    assert plan.checkin_due(date(2026, 11, 23))  # the plan began on 1 November
    assert not plan.checkin_due(date(2026, 11, 21))

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
