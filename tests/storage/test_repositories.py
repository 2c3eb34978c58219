"""Repositories: range queries return exactly the activities that can overlap a window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.errors import DamagedDatabaseError, NotFoundError
from planner.services.context import Services
from planner.storage import db as storage_db
from planner.storage.repositories import ActivityRepository, PlanRepository

from tests.zones import BERLIN, NEW_YORK

#: The window every test asks about: the first week of December 2026, Berlin days.
LOW = datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN)
HIGH = datetime(2026, 12, 8, 0, 0, tzinfo=BERLIN)


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2020, 1, 6), "Europe/Berlin")
    )
    return created


def add_timed(
    services: Services,
    plan: Plan,
    title: str,
    start: datetime,
    minutes: int = 60,
    rrule: str | None = None,
) -> Activity:
    zone = start.tzinfo
    assert isinstance(zone, ZoneInfo)
    activity, _ = services.activities.create(
        plan,
        ActivityDraft(
            title=title,
            category=Category.GROWTH,
            step=StepNumber(1),
            start=start,
            end=start + timedelta(minutes=minutes),
            all_day=False,
            zone=zone.key,
            rrule=rrule,
        ),
    )
    return activity


def add_all_day(services: Services, plan: Plan, title: str, first: date, days: int) -> Activity:
    activity, _ = services.activities.create(
        plan,
        ActivityDraft(
            title=title,
            category=Category.SPACE,
            step=StepNumber(1),
            start=first,
            end=first + timedelta(days=days),
            all_day=True,
            zone="Europe/Berlin",
        ),
    )
    return activity


def touching_titles(plan: Plan) -> set[str]:
    return {activity.title for activity in ActivityRepository().touching(plan.id, LOW, HIGH)}


def test_touching_returns_only_what_can_overlap(services: Services, plan: Plan) -> None:
    at = datetime.combine
    add_timed(services, plan, "inside", at(date(2026, 12, 3), time(9), BERLIN))
    add_timed(services, plan, "before", at(date(2026, 11, 20), time(9), BERLIN))
    add_timed(services, plan, "after", at(date(2026, 12, 9), time(9), BERLIN))
    add_timed(
        services, plan, "crosses-start", at(date(2026, 11, 30), time(23, 30), BERLIN), minutes=60
    )
    add_timed(
        services, plan, "ends-at-start", at(date(2026, 11, 30), time(23, 0), BERLIN), minutes=60
    )
    add_timed(
        services,
        plan,
        "endless-since-2020",
        at(date(2020, 1, 6), time(7), BERLIN),
        rrule="FREQ=DAILY",
    )
    add_timed(
        services,
        plan,
        "ended-2025",
        at(date(2025, 3, 3), time(18), BERLIN),
        rrule="FREQ=WEEKLY;COUNT=10",
    )
    add_timed(
        services,
        plan,
        "until-before-window",
        at(date(2026, 10, 5), time(18), BERLIN),
        rrule="FREQ=WEEKLY;UNTIL=20261130T000000Z",
    )
    add_timed(
        services,
        plan,
        "until-inside-window",
        at(date(2026, 10, 5), time(18), BERLIN),
        rrule="FREQ=WEEKLY;UNTIL=20261208T000000Z",
    )
    add_all_day(services, plan, "space-across", date(2026, 11, 20), days=21)
    add_all_day(services, plan, "space-long-ago", date(2025, 1, 6), days=21)
    add_timed(services, plan, "new-york-evening", at(date(2026, 11, 30), time(19), NEW_YORK))

    assert touching_titles(plan) == {
        "inside",
        "crosses-start",
        "endless-since-2020",
        "until-inside-window",
        "space-across",
        "new-york-evening",  # 19:00 in New York is 01:00 on 1 December in Berlin
    }


def test_touching_ignores_other_plans(services: Services, plan: Plan) -> None:
    add_timed(services, plan, "inside", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    other = ActivityRepository().touching(plan.id + 1, LOW, HIGH)  # type: ignore[arg-type]
    assert other == []


def test_touching_follows_an_update_that_moves_the_activity(services: Services, plan: Plan) -> None:
    activity = add_timed(services, plan, "moved", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    later = datetime(2027, 1, 5, 9, 0, tzinfo=BERLIN)
    services.activities.update(
        plan,
        activity.uid,
        ActivityDraft(
            title="moved",
            category=Category.GROWTH,
            step=StepNumber(1),
            start=later,
            end=later + timedelta(hours=1),
            all_day=False,
            zone="Europe/Berlin",
        ),
    )
    assert touching_titles(plan) == set()


def test_get_unknown_uid_is_not_found(services: Services, plan: Plan) -> None:
    with pytest.raises(NotFoundError):
        ActivityRepository().get(ActivityUid("missing@rekindle"))


def test_count_and_first_plan(services: Services, plan: Plan) -> None:
    add_timed(services, plan, "one", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    add_all_day(services, plan, "two", date(2026, 12, 3), days=2)
    assert ActivityRepository().count(plan.id) == 2
    assert PlanRepository().first() == plan


def test_many_activities_with_odd_uids_are_read_back_whole(services: Services, plan: Plan) -> None:
    """A read's UIDs go to SQLite as one JSON array (one parameter each had cost more to write
    than to run): quotes, backslashes, accents and more than SQLite's 999 parameters."""
    odd = ['quote"d@x', "back\\slash@x", "ünïcode ☕@x", "1234", "semi;colon,comma@x"]
    plain = [f"plain-{n}@x" for n in range(1200)]
    events = "".join(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:E\r\n"
        "DTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n"
        "TRIGGER:-PT10M\r\nDESCRIPTION:E\r\nEND:VALARM\r\nEND:VEVENT\r\n".format(
            uid=uid.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        )
        for uid in [*odd, *plain]
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{events}END:VCALENDAR\r\n"
    report, _ = services.importer.import_bytes(data.encode())
    assert report.added == len(odd) + len(plain)
    wanted = [*odd, *plain, odd[0], "not-there@x"]  # a duplicate, and one that is not stored
    found = ActivityRepository().get_many(wanted)
    assert set(found) == {*odd, *plain}
    assert all(activity.reminders == (10,) for activity in found.values())  # read by UID too


def test_update_many_saves_each_activity_whole(services: Services, plan: Plan) -> None:
    """All updates go to SQLite as one statement: each row gets its own values."""
    first = add_timed(services, plan, "walk", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    second = add_all_day(services, plan, "space", date(2026, 12, 4), days=2)
    renamed = [
        replace(first, title="evening walk", location="park", rrule="FREQ=DAILY;COUNT=3"),
        replace(second, title="quiet days", notes="no messages", all_day=True),
    ]
    with storage_db.transaction(services._db):
        ActivityRepository().update_many(renamed)
    found = ActivityRepository().get_many([first.uid, second.uid])
    assert found[first.uid] == renamed[0]
    assert found[second.uid] == renamed[1]


def test_update_many_refuses_a_vanished_activity_and_changes_nothing(
    services: Services, plan: Plan
) -> None:
    kept = add_timed(services, plan, "walk", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    gone = replace(kept, uid=ActivityUid("gone@rekindle"), title="gone")
    with (
        pytest.raises(NotFoundError, match="gone@rekindle"),
        storage_db.transaction(services._db),
    ):
        ActivityRepository().update_many([replace(kept, title="renamed"), gone])
    assert ActivityRepository().get(kept.uid).title == "walk"


def test_bytes_stored_where_text_belongs_are_said_damaged(services: Services, plan: Plan) -> None:
    """Another tool stored a title as bytes that are not text: a UnicodeDecodeError traceback
    on the command line, and a window that closed without a word (a robustness audit)."""
    walk = add_timed(services, plan, "walk", datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN))
    services._db.execute_sql("UPDATE activity SET title = x'fffe00' WHERE uid = ?", (walk.uid,))
    with pytest.raises(DamagedDatabaseError, match="some of what it holds cannot be read"):
        ActivityRepository().touching(plan.id, LOW, HIGH)
