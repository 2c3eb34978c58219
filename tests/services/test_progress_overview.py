"""The progress page's read models: weeks, moods, milestones, kind consistency, breaks, lessons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.consistency import Pause
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError, StorageError
from planner.services.changes import ChangeKind
from planner.services.context import Services
from planner.services.progress import MoodPoint

from tests.zones import BERLIN

START = date(2026, 11, 2)  # a Monday, three weeks before the fixed clock's today
TODAY = date(2026, 11, 23)


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    return plan


def _daily(
    services: Services, plan: Plan, title: str, category: Category, hour: int, count: int = 30
) -> Activity:
    begin = datetime(2026, 11, 2, hour, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=title, category=category, step=StepNumber(4), start=begin,
        end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule=f"FREQ=DAILY;COUNT={count}",
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    return activity


def _on(services: Services, plan: Plan, activity: Activity, day: date) -> Occurrence:
    found = [
        o for o in services.calendar.occurrences(plan, day, day) if o.activity.uid == activity.uid
    ]
    assert len(found) == 1
    return found[0]


def _mark(
    services: Services,
    plan: Plan,
    activity: Activity,
    day: date,
    status: Status = Status.DONE,
    reflection: Reflection | None = None,
) -> None:
    services.progress.mark(plan, _on(services, plan, activity, day), status, reflection)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_done_activities_are_counted_per_week_and_category(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    journal = _daily(services, plan, "Journaling", Category.REFLECTION, 20)
    for day in (date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 17), TODAY):
        _mark(services, plan, walk, day)
    _mark(services, plan, journal, date(2026, 11, 8))
    _mark(services, plan, journal, date(2026, 11, 10), Status.SKIPPED)
    weeks = services.progress.weekly_done(plan)
    assert weeks[-1].start == TODAY  # this week last; weeks start on Monday
    assert weeks[0].start == START  # the plan's first week: none from before it began
    assert [dict(week.counts) for week in weeks] == [
        {Category.SELF_CARE: 2, Category.REFLECTION: 1},
        {},
        {Category.SELF_CARE: 1},
        {Category.SELF_CARE: 1},
    ]
    assert sum(week.total for week in weeks) == 5


def test_weeks_can_begin_on_sunday_as_the_persons_calendar_does(
    services: Services, plan: Plan
) -> None:
    """A US trial marked Sunday's walk and saw it charted at the end of a Monday week, while
    the calendar put Sunday first."""
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    sunday = date(2026, 11, 22)
    for day in (sunday, TODAY):
        _mark(services, plan, walk, day)
    overview = services.progress.overview(plan, first_weekday=6)
    assert [week.start for week in overview.weeks] == [
        date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 15), sunday,
    ]  # fmt: skip
    assert [week.total for week in overview.weeks] == [0, 0, 0, 2]  # Sunday and Monday
    assert services.progress.weekly_done(plan, first_weekday=6) == overview.weeks
    monday_weeks = services.progress.overview(plan).weeks
    assert [week.total for week in monday_weeks][-2:] == [1, 1]


def test_something_marked_before_the_plan_began_still_shows_in_the_charts(
    services: Services,
) -> None:
    # A plan started today, then last week's walk added and marked (as after an import).
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), TODAY, "Europe/Berlin"))
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7, count=30)
    _mark(services, plan, walk, date(2026, 11, 17), reflection=Reflection(mood=4))
    overview = services.progress.overview(plan)
    assert overview.done == 1
    assert [week.start for week in overview.weeks] == [date(2026, 11, 16), TODAY]
    assert overview.weeks[0].total == 1  # counted in the stats, so drawn in the chart too
    assert services.progress.weekly_done(plan) == overview.weeks


def test_moods_are_one_point_per_day_oldest_first(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    journal = _daily(services, plan, "Journaling", Category.REFLECTION, 20)
    _mark(services, plan, walk, date(2026, 11, 10), reflection=Reflection(mood=2))
    _mark(services, plan, journal, date(2026, 11, 10), reflection=Reflection(mood=5))
    _mark(services, plan, walk, date(2026, 11, 3), reflection=Reflection(mood=4))
    _mark(services, plan, walk, date(2026, 11, 12), reflection=Reflection(learned="No mood"))
    assert services.progress.moods(plan) == [
        MoodPoint(date(2026, 11, 3), 4.0, 1),
        MoodPoint(date(2026, 11, 10), 3.5, 2),
    ]


def test_a_mood_is_drawn_on_the_day_a_moved_day_was_lived(services: Services, plan: Plan) -> None:
    """A trial: a walk moved on its own from Saturday to Monday, and its mood noted there,
    was drawn on the Saturday, in the week before."""
    saturday, monday = date(2026, 11, 14), date(2026, 11, 16)
    begin = datetime(2026, 11, 7, 10, 0, tzinfo=BERLIN)  # Saturdays
    walk, _ = services.activities.create(
        plan,
        ActivityDraft(title="Walk", category=Category.SELF_CARE, step=StepNumber(4), start=begin,
                      end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
                      rrule="FREQ=WEEKLY;COUNT=4"),
    )  # fmt: skip
    planned = _on(services, plan, walk, saturday)
    moved_start = datetime.combine(monday, planned.start.astimezone(BERLIN).time(), tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, walk.uid, planned.recurrence_id,
        replace(walk.draft(), start=moved_start, end=moved_start + timedelta(minutes=30)),
    )  # fmt: skip
    moved = [o for o in services.calendar.occurrences(plan, monday, monday)
             if o.recurrence_id == planned.recurrence_id]  # fmt: skip
    services.progress.mark(plan, moved[0], Status.DONE, Reflection(mood=5))
    assert services.progress.moods(plan) == [MoodPoint(monday, 5.0, 1)]


def test_a_mood_and_a_lesson_are_on_the_day_the_calendar_shows(
    services: Services, plan: Plan
) -> None:
    """A review: a call at 20:00 New York time, in a Berlin plan, shows on the next day in
    the calendar, but its mood and lesson were put on the day before."""
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    begin = datetime(2026, 11, 10, 20, 0, tzinfo=new_york)  # 02:00 on 11 November in Berlin
    call, _ = services.activities.create(
        plan,
        ActivityDraft(title="Call home", category=Category.SELF_CARE, step=StepNumber(4),
                      start=begin, end=begin + timedelta(minutes=30), all_day=False,
                      zone="America/New_York"),
    )  # fmt: skip
    shown = date(2026, 11, 11)
    (occurrence,) = [o for o in services.calendar.occurrences(plan, shown, shown)
                     if o.activity.uid == call.uid]  # fmt: skip
    services.progress.mark(plan, occurrence, Status.DONE, Reflection(mood=4, learned="Ring more"))
    assert services.progress.moods(plan) == [MoodPoint(shown, 4.0, 1)]
    assert [lesson.day for lesson in services.progress.lessons(plan)] == [shown]


def test_reached_steps_form_a_timeline(services: Services, plan: Plan, clock: FixedClock) -> None:
    services.progress.complete_step(plan, StepNumber(2))
    clock.set(clock.now() - timedelta(days=5))
    services.progress.complete_step(plan, StepNumber(1))
    timeline = services.progress.milestones(plan)
    assert [(m.step, m.day, m.by_hand) for m in timeline] == [
        (1, date(2026, 11, 18), True),
        (2, TODAY, True),
    ]
    assert timeline[0].title == services.plans.program_of(plan).step(StepNumber(1)).title


def test_consistency_is_kind_to_one_missed_day(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    for day in _days(START, date(2026, 11, 21)):
        _mark(services, plan, walk, day)
    strong = services.progress.consistency(plan)  # the 22nd is missed, today still ahead
    _mark(services, plan, walk, date(2026, 11, 22))
    all_days = services.progress.consistency(plan)
    assert 0 < strong.score < all_days.score
    assert all_days.score - strong.score < 0.06  # one day weighs about 5%
    # The plan's three weeks; this one, with nothing done in it yet, does not count yet.
    assert (strong.active_weeks, strong.weeks_considered) == (3, 3)
    assert not strong.paused


def test_the_active_weeks_begin_as_the_person_s_weeks_do(services: Services, plan: Plan) -> None:
    """The headline's weeks are the chart's, which begin on the locale's first day."""
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    for day in (date(2026, 11, 21), date(2026, 11, 22)):  # the Saturday and Sunday before
        _mark(services, plan, walk, day)
    monday = services.progress.overview(plan).consistency
    sunday = services.progress.overview(plan, first_weekday=6).consistency
    assert (monday.active_weeks, monday.weeks_considered) == (1, 3)
    assert (sunday.active_weeks, sunday.weeks_considered) == (2, 4)
    assert services.progress.consistency(plan, first_weekday=6) == sunday


def test_marking_done_then_planned_again_restores_the_score(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    for day in _days(START, date(2026, 11, 12)):
        _mark(services, plan, walk, day)
    before = services.progress.consistency(plan)
    _mark(services, plan, walk, date(2026, 11, 20))
    assert services.progress.consistency(plan).score > before.score
    _mark(services, plan, walk, date(2026, 11, 20), Status.PLANNED)
    assert services.progress.consistency(plan) == before


def test_a_break_holds_the_score_where_it_was(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7, count=60)
    for day in _days(START, date(2026, 11, 22)):
        _mark(services, plan, walk, day)
    changes = services.progress.start_pause(plan)
    assert changes.kinds & ChangeKind.PLAN
    held = services.progress.consistency(plan)
    assert held.paused_since == TODAY
    clock.set(clock.now() + timedelta(days=10))  # ten walks missed while on a break
    later = services.progress.consistency(plan)
    assert later.score == held.score
    assert later.paused
    services.progress.end_pause(plan)
    assert services.progress.pauses(plan) == [Pause(TODAY, TODAY + timedelta(days=10))]
    back = services.progress.consistency(plan)
    assert not back.paused
    assert back.score == held.score  # today's walk is still ahead


def test_a_break_cannot_start_twice_or_end_when_there_is_none(
    services: Services, plan: Plan
) -> None:
    with pytest.raises(InvalidInputError, match="not taking a break"):
        services.progress.end_pause(plan)
    services.progress.start_pause(plan)
    with pytest.raises(InvalidInputError, match="already taking a break"):
        services.progress.start_pause(plan)


def test_a_break_ended_the_day_it_began_leaves_no_trace(services: Services, plan: Plan) -> None:
    services.progress.start_pause(plan)
    services.progress.end_pause(plan)
    assert services.progress.pauses(plan) == []


def test_a_break_ended_today_goes_on_when_taken_again(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    services.progress.start_pause(plan)
    clock.set(clock.now() + timedelta(days=3))
    services.progress.end_pause(plan)
    services.progress.start_pause(plan)
    assert services.progress.pauses(plan) == [Pause(TODAY)]


def test_lessons_can_be_searched_ignoring_case(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    journal = _daily(services, plan, "Journaling", Category.REFLECTION, 20)
    _mark(services, plan, walk, date(2026, 11, 3), reflection=Reflection(learned="Slow down"))
    _mark(services, plan, journal, date(2026, 11, 5), reflection=Reflection(learned="Listen"))
    _mark(services, plan, journal, date(2026, 11, 9), reflection=Reflection(learned="SLOW replies"))
    assert [x.text for x in services.progress.lessons(plan, "slow")] == [
        "SLOW replies", "Slow down",
    ]  # fmt: skip
    assert [x.text for x in services.progress.lessons(plan, "  journal ")] == [
        "SLOW replies", "Listen",
    ]  # fmt: skip
    assert len(services.progress.lessons(plan, "")) == 3
    assert services.progress.lessons(plan, "patience") == []


def test_lessons_are_found_without_their_accents(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    _mark(services, plan, walk, date(2026, 11, 3), reflection=Reflection(learned="Be naïve again"))
    assert [x.text for x in services.progress.lessons(plan, "naive")] == ["Be naïve again"]


def test_a_new_plan_has_a_gentle_empty_overview(services: Services, plan: Plan) -> None:
    overview = services.progress.overview(plan)
    assert len(overview.weeks) == 4  # the weeks since the plan began, none before
    assert all(week.total == 0 for week in overview.weeks)
    assert (overview.moods, overview.milestones, overview.lessons) == ([], [], [])
    assert overview.consistency.score == 0.0
    assert (overview.consistency.active_weeks, overview.consistency.weeks_considered) == (0, 3)
    assert (overview.done, overview.reflections, overview.steps_total) == (0, 0, 11)


def test_the_overview_agrees_with_the_single_read_models(services: Services, plan: Plan) -> None:
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    for day in _days(START, date(2026, 11, 20))[::2]:
        _mark(services, plan, walk, day, reflection=Reflection(mood=3, learned=f"On {day}"))
    overview = services.progress.overview(plan)
    assert overview.weeks == services.progress.weekly_done(plan)
    assert overview.moods == services.progress.moods(plan)
    assert overview.consistency == services.progress.consistency(plan)
    assert overview.lessons == services.progress.lessons(plan)
    assert (overview.done, overview.reflections) == (10, 10)


def test_a_report_is_written_whole_or_explained(services: Services, tmp_path: Path) -> None:
    target = services.progress.save_report(tmp_path / "report.pdf", b"%PDF-1.4 test")
    assert target.read_bytes() == b"%PDF-1.4 test"
    with pytest.raises(StorageError, match="does not exist"):
        services.progress.save_report(tmp_path / "missing" / "report.pdf", b"%PDF")


def test_consistency_counts_what_was_done_before_the_plan_began(services: Services) -> None:
    """A plan begun today after three weeks of walks marked (added with `rekindle add`) had
    said "Just beginning" above a chart of them (a trial)."""
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), TODAY, "Europe/Berlin"))
    walks = _daily(services, plan, "Walk", Category.SELF_CARE, 8, count=21)
    for offset in range(0, 21, 2):
        _mark(services, plan, walks, START + timedelta(days=offset))
    shown = services.progress.overview(plan).consistency
    assert shown == services.progress.consistency(plan)
    assert shown.score >= 0.15  # "Growing" at least
    assert shown.active_weeks == 3


def test_a_mood_alone_is_not_counted_as_a_reflection(services: Services, plan: Plan) -> None:
    """A trial read "19 reflections" beside 17 written: two marks held a mood only, which the
    milestones rightly did not count."""
    walk = _daily(services, plan, "Morning walk", Category.SELF_CARE, 7)
    _mark(services, plan, walk, START, reflection=Reflection(text="Calmer today", mood=4))
    _mark(services, plan, walk, START + timedelta(days=1), reflection=Reflection(mood=2))
    assert services.progress.overview(plan).reflections == 1


def test_a_skip_alone_before_the_plan_does_not_count_its_empty_weeks(services: Services) -> None:
    """A review: consistency counted from a day only skipped, weeks before the plan began."""
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), TODAY, "Europe/Berlin"))
    walks = _daily(services, plan, "Walk", Category.SELF_CARE, 8, count=3)
    _mark(services, plan, walks, START, Status.SKIPPED)
    assert services.progress.consistency(plan).weeks_considered <= 1
    assert services.progress.overview(plan).consistency.weeks_considered <= 1
