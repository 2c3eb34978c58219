"""The reminder service: what is due for the tray, what was missed while closed (once), the
plan's options, and reminders coming back whole with undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.domain.reminders import ReminderOptions
from planner.services.changes import ChangeKind
from planner.services.context import Services

from tests.zones import BERLIN

#: The clock's "now" is Monday 23 November 2026, 10:00 in Berlin.
TOMORROW_EVENING = datetime(2026, 11, 24, 18, 0, tzinfo=BERLIN)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin")
    )
    return plan


def _meetup(
    services: Services, plan: Plan, start: datetime, minutes: tuple[int, ...] | None
) -> Activity:
    draft = ActivityDraft(
        title="Coffee", category=Category.MEETUP, step=StepNumber(5), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", reminders=minutes,
    )  # fmt: skip
    return services.activities.create(plan, draft)[0]


def test_a_new_meetup_gets_the_day_before_reminder_by_default(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    meetup = _meetup(services, plan, TOMORROW_EVENING, None)
    assert services.activities.get(meetup.uid).reminders == (1440,)
    (reminder,) = services.reminders.due(plan, clock.now(), clock.now() + timedelta(days=2))
    assert reminder.at == datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN)
    assert services.reminders.next_at(plan, clock.now()) == reminder.at


def test_next_at_looks_one_day_ahead(services: Services, plan: Plan, clock: FixedClock) -> None:
    _meetup(services, plan, TOMORROW_EVENING + timedelta(days=3), (60,))
    due_at = datetime(2026, 11, 27, 17, 0, tzinfo=BERLIN)
    assert services.reminders.next_at(plan, clock.now()) is None
    assert services.reminders.next_at(plan, due_at - timedelta(hours=25)) is None
    assert services.reminders.next_at(plan, due_at - timedelta(hours=23)) == due_at
    assert services.reminders.next_at(plan, due_at) is None  # already shown


def test_a_done_occurrence_is_not_reminded_unless_asked(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    _meetup(services, plan, TOMORROW_EVENING, (60,))
    (occurrence,) = services.calendar.occurrences(plan, date(2026, 11, 24), date(2026, 11, 24))
    services.progress.mark(plan, occurrence, Status.DONE)
    window = (clock.now(), clock.now() + timedelta(days=2))
    assert services.reminders.due(plan, *window) == []
    services.reminders.set_options(plan, ReminderOptions(only_if_open=False))
    assert len(services.reminders.due(plan, *window)) == 1


def test_the_daily_summary_gives_one_notice_at_eight(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    _meetup(services, plan, TOMORROW_EVENING, (10, 60))
    _meetup(services, plan, TOMORROW_EVENING + timedelta(hours=2), (0,))
    changes = services.reminders.set_options(plan, ReminderOptions(daily_summary=True))
    assert changes.kinds == ChangeKind.REMINDERS
    (notice,) = services.reminders.notices(plan, clock.now(), clock.now() + timedelta(days=2))
    assert notice.day == date(2026, 11, 24)
    assert notice.at == datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    assert [r.minutes for r in notice.reminders] == [60, 10, 0]
    # Asked again later that morning, the summary was already due: nothing new.
    later = datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN)
    assert services.reminders.notices(plan, later, later + timedelta(hours=12)) == []


def test_missed_reminders_are_listed_once_after_the_app_was_closed(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    _meetup(services, plan, datetime(2026, 11, 22, 19, 0, tzinfo=BERLIN), (10, 60))
    _meetup(services, plan, TOMORROW_EVENING, (60,))
    assert services.reminders.missed(plan) == []  # never ran before: nothing counts as missed
    services.reminders.mark_seen(plan, clock.now() - timedelta(days=2))
    found = services.reminders.missed(plan)
    assert [(r.minutes, r.at) for r in found] == [
        (60, datetime(2026, 11, 22, 18, 0, tzinfo=BERLIN)),
        (10, datetime(2026, 11, 22, 18, 50, tzinfo=BERLIN)),
    ]
    services.reminders.mark_seen(plan)
    assert services.reminders.missed(plan) == []
    clock.set(TOMORROW_EVENING)
    assert [r.minutes for r in services.reminders.missed(plan)] == [60]


def test_undo_of_an_edit_and_of_a_delete_brings_the_reminders_back(
    services: Services, plan: Plan
) -> None:
    meetup = _meetup(services, plan, TOMORROW_EVENING, (10, 1440))
    before = services.activities.snapshot(meetup.uid)
    services.activities.update(plan, meetup.uid, replace(meetup.draft(), reminders=(0,)))
    assert services.activities.get(meetup.uid).reminders == (0,)
    services.activities.put_back(plan, before)
    assert services.activities.get(meetup.uid).reminders == (10, 1440)
    services.activities.delete(plan, meetup.uid)
    services.activities.put_back(plan, before)
    assert services.activities.get(meetup.uid) == before.activity
