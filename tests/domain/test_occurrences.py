"""Which days an occurrence shows on, in the plan's zone: the check every view makes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.domain.activities import ActivityDraft, create_activity
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.occurrences import Occurrence

from tests.zones import BERLIN, NEW_YORK


def _occurrence(start: datetime, minutes: int) -> Occurrence:
    draft = ActivityDraft(
        title="Late call", category=Category.MESSAGE, step=StepNumber(5), start=start,
        end=start + timedelta(minutes=minutes), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip
    activity = create_activity(
        draft, uid=ActivityUid("c@x"), plan_id=PlanId(1), at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    return Occurrence(activity, draft.start, draft.end, draft.start.replace(tzinfo=None))  # type: ignore[union-attr]


def test_an_occurrence_touches_the_days_it_spans_in_the_zone_asked() -> None:
    late = _occurrence(datetime(2026, 12, 3, 23, 0, tzinfo=BERLIN), minutes=90)
    assert late.touches(date(2026, 12, 3), BERLIN) and late.touches(date(2026, 12, 4), BERLIN)
    assert not late.touches(date(2026, 12, 5), BERLIN)
    # In New York it is the afternoon of the 3rd only.
    assert late.touches(date(2026, 12, 3), NEW_YORK)
    assert not late.touches(date(2026, 12, 4), NEW_YORK)


def test_one_ending_at_midnight_does_not_touch_the_next_day() -> None:
    evening = _occurrence(datetime(2026, 12, 3, 23, 0, tzinfo=BERLIN), minutes=60)
    assert evening.touches(date(2026, 12, 3), BERLIN)
    assert not evening.touches(date(2026, 12, 4), BERLIN)
