"""Milestone criteria, evaluated by the domain alone: every kind, and the awkward cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner.domain.activities import (
    Activity,
    ActivityDraft,
    OccurrenceOverride,
    create_activity,
)
from planner.domain.categories import Category
from planner.domain.completions import Completion, Reflection
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.milestones import (
    StepProgress,
    StepRecord,
    evaluate,
    longest_quiet_run,
    number_you_are_on,
    step_you_are_on,
)
from planner.domain.occurrences import Status
from planner.domain.programs import Program, parse_program

from tests.zones import BERLIN

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = date(2026, 11, 10)


def _program() -> Program:
    def step(number: int, criteria: list[dict[str, Any]]) -> dict[str, Any]:
        return {"number": number, "title": f"Step {number}", "purpose": "p", "guidance": "g",
                "suggested_activities": [], "criteria": criteria,
                "contacts_per_week": 1}  # fmt: skip

    return parse_program({
        "id": "test", "name": "Test", "source": "s", "description": "d", "order_hints": [],
        "steps": [
            step(1, [{"kind": "category_done", "category": "reflection", "count": 2,
                      "description": "Two journaling sessions"}]),
            step(2, [{"kind": "space_days", "days": 7, "description": "A quiet week"}]),
            step(3, [{"kind": "category_done", "category": "apology", "count": 1,
                      "description": "The apology conversation, once"},
                     {"kind": "reflections_written", "count": 2,
                      "description": "Two reflections"}]),
        ],
    })  # fmt: skip


def _activity(uid: str, category: Category, step: int) -> Activity:
    begin = datetime(2026, 11, 10, 19, 0, tzinfo=BERLIN)
    draft = ActivityDraft(
        title=uid, category=category, step=StepNumber(step), start=begin,
        end=begin + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=10",
    )  # fmt: skip
    return create_activity(draft, uid=ActivityUid(uid), plan_id=PlanId(1), at=AT)


def _done(uid: str, day: int, reflection: Reflection | None = None) -> Completion:
    return Completion(ActivityUid(uid), datetime(2026, 11, day, 19, 0), Status.DONE, AT,
                      reflection)  # fmt: skip


JOURNAL = _activity("journal", Category.REFLECTION, 1)
WALK = _activity("walk", Category.SELF_CARE, 1)
SORRY = _activity("sorry", Category.APOLOGY, 3)
ACTIVITIES = {a.uid: a for a in (JOURNAL, WALK, SORRY)}


def _steps(
    completions: list[Completion],
    space: dict[StepNumber, int] | None = None,
    records: dict[StepNumber, StepRecord] | None = None,
) -> list[StepProgress]:
    return evaluate(_program(), ACTIVITIES, completions, space or {}, records or {})


def test_category_done_counts_only_done_occurrences_of_that_category() -> None:
    skipped = Completion(ActivityUid("journal"), datetime(2026, 11, 12, 19, 0), Status.SKIPPED, AT)
    first = _steps([_done("journal", 10), _done("walk", 10), skipped])[0]

    assert (first.criteria[0].current, first.criteria[0].target) == (1, 2)
    assert not first.all_met and first.fraction == 0.5


def test_completed_then_uncompleted_counts_no_more() -> None:
    # "Back to Planned" removes the mark: what is evaluated is what is marked now.
    assert _steps([_done("journal", 10), _done("journal", 11)])[0].all_met
    assert not _steps([_done("journal", 10)])[0].all_met


def test_a_conversation_held_once_and_reflections_written() -> None:
    third = _steps([
        _done("sorry", 10, Reflection("It went quietly", 3, "")),
        _done("journal", 11, Reflection("", None, "Listen first")),
        _done("walk", 12, Reflection("", 4, "")),  # a mood alone is not a written reflection
    ])[2]  # fmt: skip

    conversation, written = third.criteria
    assert conversation.met and conversation.current == 1
    assert (written.current, written.met) == (1, False)


def test_space_days_come_from_the_longest_quiet_run() -> None:
    second = _steps([], space={StepNumber(2): 7})[1]

    assert second.all_met and second.criteria[0].current == 7


def test_one_message_breaks_a_space_period_into_two_shorter_runs() -> None:
    week = [DAY + timedelta(days=n) for n in range(7)]

    assert longest_quiet_run(week, [], today=DAY + timedelta(days=10)) == 7
    assert longest_quiet_run(week, [DAY + timedelta(days=3)], today=DAY + timedelta(days=10)) == 3


def test_days_not_lived_yet_do_not_count_as_quiet() -> None:
    week = [DAY + timedelta(days=n) for n in range(7)]

    assert longest_quiet_run(week, [], today=DAY + timedelta(days=2)) == 3


def test_a_reopened_step_is_open_while_its_criteria_stay_measured() -> None:
    reached = {StepNumber(1): StepRecord(StepNumber(1), DAY, by_hand=False)}
    both = [_done("journal", 10), _done("journal", 11)]

    assert _steps(both, records=reached)[0].completed_on == DAY
    reopened = _steps(both, records={})[0]
    assert reopened.completed_on is None and not reopened.complete
    assert reopened.all_met  # the service records it again only on a new change to "met"


def test_a_step_completed_by_hand_is_complete_whatever_its_criteria() -> None:
    by_hand = {StepNumber(3): StepRecord(StepNumber(3), DAY, by_hand=True)}
    third = _steps([], records=by_hand)[2]

    assert third.complete and third.completed_by_hand and third.fraction == 1.0
    assert not third.all_met


def _reached(*complete: bool) -> list[StepProgress]:
    return [
        StepProgress(StepNumber(n), f"Step {n}", (), date(2026, 11, 1) if done else None)
        for n, done in enumerate(complete, start=1)
    ]


def test_you_are_on_the_chosen_step_until_it_is_reached_then_on_the_next_open_one() -> None:
    assert number_you_are_on(_reached(False, False, False), StepNumber(1)) == 1
    assert number_you_are_on(_reached(True, False, False), StepNumber(1)) == 2
    assert number_you_are_on(_reached(True, True, False), StepNumber(1)) == 3
    # A step before the chosen one, reopened, does not call you back to it.
    assert number_you_are_on(_reached(False, True, False), StepNumber(2)) == 3
    # Every step behind you: the last one stays "here", and the Today panel says so in words.
    assert number_you_are_on(_reached(True, True, True), StepNumber(1)) == 3
    assert step_you_are_on(_reached(True, True, True), StepNumber(1)) is None


def test_what_is_done_once_its_step_is_behind_you_counts_toward_the_step_you_are_on() -> None:
    """A daily journaling begun in step 1 stopped counting anywhere once step 1 was reached
    (a trial): from the next day on, it counts toward the first step still open."""
    behind = {
        StepNumber(1): StepRecord(StepNumber(1), date(2026, 11, 11), by_hand=False),
        StepNumber(2): StepRecord(StepNumber(2), date(2026, 11, 12), by_hand=True),
    }
    marks = [
        _done("journal", 10),
        _done("journal", 11),  # the day step 1 was reached: still step 1's
        _done("journal", 13, Reflection("Calmer", None, "")),  # steps 1 and 2 behind: step 3
        _done("sorry", 13),
    ]
    first, _, third = _steps(marks, records=behind)

    assert first.criteria[0].current == 2
    conversation, written = third.criteria
    assert (conversation.current, written.current) == (1, 1)
    # Reopened, step 1 takes its journaling back; planned ahead stays where it was planned.
    first, _, third = _steps(marks, records={})
    assert first.criteria[0].current == 3
    assert (third.criteria[0].current, third.criteria[1].current) == (1, 0)


def test_a_moved_instance_counts_by_the_day_it_was_held() -> None:
    """A review: the day was read from the rule's start, so a journaling moved past the day
    step 1 was reached still counted toward step 1 (and one moved back, toward step 2)."""
    rule_day = datetime(2026, 11, 10, 19, 0)
    later = datetime(2026, 11, 13, 19, 0, tzinfo=BERLIN)
    moved = replace(JOURNAL, overrides=(
        OccurrenceOverride(rule_day, later, later + timedelta(hours=1), "journal"),
    ))  # fmt: skip
    behind = {
        StepNumber(1): StepRecord(StepNumber(1), date(2026, 11, 11), by_hand=True),
        StepNumber(2): StepRecord(StepNumber(2), date(2026, 11, 12), by_hand=True),
    }
    steps = evaluate(
        _program(), {moved.uid: moved}, [_done("journal", 10, Reflection("Calmer", None, ""))],
        {}, behind, BERLIN,
    )  # fmt: skip
    assert steps[0].criteria[0].current == 0
    assert steps[2].criteria[1].current == 1  # steps 1 and 2 behind by the 13th: step 3
