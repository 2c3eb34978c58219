"""Pacing advice over a stored plan: the window and its margins, and what each flag says."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.pacing import (
    FrequencyDetail,
    GapDetail,
    OrderDetail,
    PacingFlag,
    PacingSettings,
    Rule,
    SpaceDetail,
)
from planner.domain.plans import Plan, PlanDraft
from planner.errors import InvalidInputError
from planner.services import programs
from planner.services.context import Services

from tests.zones import BERLIN

GENDERED = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
ELEVEN = programs.get_program("eleven-steps")


@pytest.fixture
def plan(services: Services) -> Plan:
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2),
                                              "Europe/Berlin"))  # fmt: skip
    return plan


def add(
    services: Services,
    plan: Plan,
    title: str,
    category: Category,
    start: datetime | date,
    end: datetime | date | None = None,
    *,
    step: int = 1,
    rrule: str | None = None,
) -> ActivityUid:
    all_day = not isinstance(start, datetime)
    if end is None:
        end = start + (timedelta(days=1) if all_day else timedelta(minutes=15))
    draft = ActivityDraft(
        title=title, category=category, step=StepNumber(step), start=start, end=end,
        all_day=all_day, zone="Europe/Berlin", rrule=rrule,
    )  # fmt: skip
    activity, _ = services.activities.create(plan, draft)
    return activity.uid


def space(services: Services, plan: Plan, first: date, last: date, title: str = "Space") -> None:
    add(services, plan, title, Category.SPACE, first, last + timedelta(days=1), step=3)


def at(month: int, day: int, hour: int = 19, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def rules(flags: list[PacingFlag]) -> list[tuple[str, Rule]]:
    return [(flag.occurrence.title, flag.rule) for flag in flags]


def test_a_message_in_space_is_flagged_with_the_day_to_move_it_to(
    services: Services, plan: Plan
) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 7), "A week of quiet")
    uid = add(services, plan, "Check in", Category.MESSAGE, at(12, 3))

    (flag,) = services.advice.flags(plan, date(2026, 11, 23), date(2027, 1, 17))

    assert (flag.uid, flag.start, flag.rule) == (uid, at(12, 3), Rule.SPACE)
    assert isinstance(flag.detail, SpaceDetail)
    assert flag.detail.space.title == "A week of quiet"
    assert flag.detail.resume_on == date(2026, 12, 8)
    reason = services.advice.explain(flag, ELEVEN)
    assert reason == (
        "“Check in” falls inside the time you set aside for space (from Tuesday 1 December to "
        "Monday 7 December). Time apart lets feelings settle on both sides, and contact in the "
        "middle of it can feel like pressure. You could move it to Tuesday 8 December, the "
        "first day after the space, or keep it if it truly matters."
    )


def test_only_occurrences_starting_in_the_window_are_flagged_but_earlier_ones_count(
    services: Services, plan: Plan
) -> None:
    add(services, plan, "Saturday note", Category.MESSAGE, at(11, 28, 10))
    add(services, plan, "Sunday call", Category.MESSAGE, at(11, 29, 20))
    add(services, plan, "Monday note", Category.MESSAGE, at(11, 30, 9))

    flags = services.advice.flags(plan, date(2026, 11, 30), date(2026, 12, 6))

    # Sunday's call is itself over the step-1 pace, but it lies before the window.
    assert rules(flags) == [("Monday note", Rule.FREQUENCY), ("Monday note", Rule.GAP)]
    frequency, gap = (flag.detail for flag in flags)
    assert isinstance(frequency, FrequencyDetail) and (frequency.count, frequency.limit) == (3, 1)
    assert isinstance(gap, GapDetail) and gap.previous.title == "Sunday call"
    assert gap.gap == timedelta(hours=13)
    assert services.advice.explain(flags[0], ELEVEN) == (
        "“Monday note” would make three contacts within seven days, and at step 1 (“Understand "
        "what went wrong”) a gentle pace is at most one a week. Reaching out now and then, never "
        "too often, leaves your partner room to answer in their own time."
    )
    assert services.advice.explain(flags[1], ELEVEN) == (
        "“Monday note” comes only 13 hours after “Sunday call”. Leaving at least a day between "
        "two contacts gives your partner time to breathe and to reply when they are ready; "
        "patience says more than persistence."
    )


def test_a_chain_of_space_is_followed_past_the_window(services: Services, plan: Plan) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 31))
    space(services, plan, date(2027, 1, 1), date(2027, 3, 10))  # chained, ends far later
    # A weekly run of seven-day space periods, chained too, from 11 March for 20 weeks.
    add(services, plan, "Weekly quiet", Category.SPACE, date(2027, 3, 11), date(2027, 3, 18),
        step=3, rrule="FREQ=WEEKLY;COUNT=20")  # fmt: skip
    add(services, plan, "Hello", Category.MESSAGE, at(12, 3))

    (flag,) = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 7))

    assert isinstance(flag.detail, SpaceDetail)
    assert flag.detail.resume_on == date(2027, 3, 11) + timedelta(weeks=20)
    assert flag.detail.last_day == date(2027, 7, 28)


def test_a_survey_reads_once_and_agrees_with_occurrences_and_flags(
    services: Services, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    space(services, plan, date(2026, 12, 5), date(2026, 12, 8), "Long weekend of quiet")
    add(services, plan, "Sunday call", Category.MESSAGE, at(11, 29, 20))  # before: counts only
    add(services, plan, "Monday note", Category.MESSAGE, at(11, 30, 9))
    add(services, plan, "Hello", Category.MESSAGE, at(12, 6))
    add(services, plan, "Run", Category.SELF_CARE, at(12, 2, 7), rrule="FREQ=DAILY;COUNT=10")
    first, last = date(2026, 11, 30), date(2026, 12, 6)
    reads: list[tuple[date, date]] = []
    real = services.calendar.occurrences
    monkeypatch.setattr(services.calendar, "occurrences",
                        lambda plan, first, last, **kw: reads.append((first, last))
                        or real(plan, first, last, **kw))  # fmt: skip

    survey = services.advice.survey(plan, first, last)

    assert reads == [(first - timedelta(days=9), last)]  # one read: the week before, the days
    monkeypatch.undo()
    assert list(survey.occurrences) == services.calendar.occurrences(plan, first, last)
    assert list(survey.flags) == services.advice.flags(plan, first, last)


def test_a_surveyed_space_flag_is_completed_before_it_is_explained(
    services: Services, plan: Plan
) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 31))
    space(services, plan, date(2027, 1, 1), date(2027, 3, 10))  # chained, past the survey
    add(services, plan, "Hello", Category.MESSAGE, at(12, 3))

    (surveyed,) = services.advice.survey(plan, date(2026, 11, 30), date(2026, 12, 6)).flags
    complete = services.advice.completed(plan, surveyed)

    assert complete == services.advice.flags(plan, date(2026, 12, 3), date(2026, 12, 3))[0]
    assert isinstance(complete.detail, SpaceDetail)
    assert complete.detail.resume_on == date(2027, 3, 11)
    assert "Thursday 11 March" in services.advice.explain(complete, ELEVEN)


def test_skipped_occurrences_never_count(services: Services, plan: Plan) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 7))
    add(services, plan, "Hello", Category.MESSAGE, at(12, 3))
    (flag,) = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 7))

    services.progress.mark(plan, flag.occurrence, Status.SKIPPED)

    assert services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 7)) == []


def test_a_daily_message_series_goes_over_the_early_pace(services: Services, plan: Plan) -> None:
    add(services, plan, "Daily hello", Category.MESSAGE, at(12, 1), rrule="FREQ=DAILY;COUNT=5")

    flags = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31))

    assert [(f.start, f.rule) for f in flags] == [
        (at(12, day), Rule.FREQUENCY) for day in (2, 3, 4, 5)
    ]
    relaxed = services.advice.flags(
        plan, date(2026, 12, 1), date(2026, 12, 31), settings=PacingSettings(contacts_per_week=5)
    )
    assert relaxed == []


def test_an_apology_waits_for_the_reflection_steps(services: Services, plan: Plan) -> None:
    add(services, plan, "Say sorry", Category.APOLOGY, at(12, 10), step=6)

    (flag,) = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31))

    assert flag.rule is Rule.ORDER
    assert flag.detail == OrderDetail(Category.APOLOGY, (StepNumber(1), StepNumber(2)),
                                      (StepNumber(1), StepNumber(2)))  # fmt: skip
    assert services.advice.explain(flag, ELEVEN) == (
        "An apology (“Say sorry”) means the most once the groundwork is done, and step 1 "
        "(“Understand what went wrong”) and step 2 (“Look at your own part”) are not complete "
        "yet. Finishing the reflection first helps the words come from real understanding. "
        "This is only a hint: you know your situation best."
    )
    services.progress.complete_step(plan, StepNumber(1))
    (flag,) = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31))
    assert isinstance(flag.detail, OrderDetail) and flag.detail.waiting_on == (2,)
    assert "step 2 (“Look at your own part”) is not complete" in services.advice.explain(
        flag, ELEVEN
    )
    services.progress.complete_step(plan, StepNumber(2))
    assert services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31)) == []


def test_an_outing_waits_until_you_are_talking_again(services: Services, plan: Plan) -> None:
    add(services, plan, "Picnic", Category.OUTING, at(12, 12, 12), step=9)

    (flag,) = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31))

    assert isinstance(flag.detail, OrderDetail) and flag.detail.waiting_on == (5,)
    reason = services.advice.explain(flag, ELEVEN)
    assert "step 5 (“Reconnect gently”) is not complete yet" in reason
    assert reason.startswith("A shared outing (“Picnic”)")


def test_the_advice_does_not_depend_on_the_wall_clock(
    services: Services, plan: Plan, clock: FixedClock
) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 7))
    add(services, plan, "Hello", Category.MESSAGE, at(12, 3))
    add(services, plan, "Hello again", Category.MESSAGE, at(12, 3, 21))
    before = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 7))
    clock.set(datetime(2027, 6, 1, 12, 0, tzinfo=UTC))
    assert services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 7)) == before
    assert len(before) == 4  # both in space; the second too soon and over the pace


def test_every_explanation_is_one_gentle_gender_neutral_line(
    services: Services, plan: Plan
) -> None:
    space(services, plan, date(2026, 12, 1), date(2026, 12, 1))  # a single day
    add(services, plan, "Hello", Category.MESSAGE, at(12, 1))
    add(services, plan, "Coffee", Category.MEETUP, at(12, 1, 19))  # the same time
    add(services, plan, "Sorry", Category.APOLOGY, at(12, 1, 19, 30))
    add(services, plan, "Walk together", Category.OUTING, at(12, 3))

    flags = services.advice.flags(plan, date(2026, 12, 1), date(2026, 12, 31))
    reasons = [services.advice.explain(flag, ELEVEN) for flag in flags]

    assert {flag.rule for flag in flags} == set(Rule)
    assert "(on Tuesday 1 December)" in reasons[0]
    assert any("is planned at the same time as “" in r for r in reasons)
    assert any("comes only 30 minutes after" in r for r in reasons)
    for reason in reasons:
        assert "\n" not in reason and reason.endswith(".")
        assert not GENDERED.search(reason), reason
        assert not re.search(r"\b(fail|failed|wrong of you|must|never allowed)\b", reason)


def test_a_plans_own_pacing_settings_are_used_and_checked(services: Services, plan: Plan) -> None:
    monday = datetime(2026, 11, 30, 19, 0, tzinfo=BERLIN)
    add(services, plan, "Short message", Category.MESSAGE, monday, step=7)
    add(services, plan, "Another message", Category.MESSAGE, monday + timedelta(hours=30), step=7)
    window = (date(2026, 11, 30), date(2026, 12, 6))
    assert services.advice.flags(plan, *window) == []  # step 7 allows three a week, a day apart

    services.plans.set_pacing(plan, 1, 48)
    stored = services.plans.require()

    rules = [flag.rule for flag in services.advice.flags(stored, *window)]
    assert sorted(rule.value for rule in rules) == ["frequency", "gap"]
    with pytest.raises(InvalidInputError):
        services.plans.set_pacing(stored, 0, None)
    with pytest.raises(InvalidInputError):
        services.plans.set_pacing(stored, None, -1)
