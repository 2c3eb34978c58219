"""Searching the plan: titles, places and private notes, ignoring case, around today."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import Plan, PlanDraft
from planner.services.context import Services

from tests.zones import BERLIN

TODAY = date(2026, 11, 23)


def _draft(title: str, start: datetime, **fields: str) -> ActivityDraft:
    return ActivityDraft(
        title=title, category=Category.GROWTH, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin", **fields,
    )  # fmt: skip


@pytest.fixture
def plan(services: Services) -> Plan:
    created, _ = services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), "Europe/Berlin")
    )
    return created


def _add(services: Services, plan: Plan, draft: ActivityDraft) -> Activity:
    return services.activities.create(plan, draft)[0]


def _found(services: Services, plan: Plan, text: str) -> list[tuple[str, date]]:
    results = services.calendar.search(plan, text, TODAY)
    return [(o.title, o.first_day(plan.tz)) for o in results.occurrences]


def test_finds_titles_places_and_notes_ignoring_case(services: Services, plan: Plan) -> None:
    _add(services, plan, _draft("Pottery class", datetime(2026, 11, 25, 18, tzinfo=BERLIN)))
    _add(services, plan, _draft("Walk", datetime(2026, 11, 26, 8, tzinfo=BERLIN),
                                location="Riverside POTTERY market"))  # fmt: skip
    _add(services, plan, _draft("Journal", datetime(2026, 11, 27, 21, tzinfo=BERLIN),
                                notes="remember the pottery mug"))  # fmt: skip
    _add(services, plan, _draft("Run", datetime(2026, 11, 28, 7, tzinfo=BERLIN)))

    assert _found(services, plan, "pOtTeRy") == [
        ("Pottery class", date(2026, 11, 25)),
        ("Walk", date(2026, 11, 26)),
        ("Journal", date(2026, 11, 27)),
    ]


def test_letters_beyond_ascii_ignore_case_too(services: Services, plan: Plan) -> None:
    _add(services, plan, _draft("Café ÉCLAIR afternoon", datetime(2026, 11, 25, 15, tzinfo=BERLIN)))
    assert _found(services, plan, "éclair") == [("Café ÉCLAIR afternoon", date(2026, 11, 25))]


def test_like_wildcards_are_plain_text(services: Services, plan: Plan) -> None:
    _add(services, plan, _draft("Save 50% of evenings", datetime(2026, 11, 25, 18, tzinfo=BERLIN)))
    _add(services, plan, _draft("Save 500 euros", datetime(2026, 11, 26, 18, tzinfo=BERLIN)))
    assert _found(services, plan, "50%") == [("Save 50% of evenings", date(2026, 11, 25))]
    assert _found(services, plan, "_") == []


def test_a_changed_occurrence_is_found_by_its_own_words(services: Services, plan: Plan) -> None:
    series = _add(services, plan, _draft("Morning run", datetime(2026, 11, 23, 7, tzinfo=BERLIN),
                                         rrule="FREQ=DAILY;COUNT=5"))  # fmt: skip
    moved = datetime(2026, 11, 25, 18, tzinfo=BERLIN)
    services.activities.update_occurrence(
        plan, series.uid, datetime(2026, 11, 25, 7, tzinfo=BERLIN),
        replace(series.draft(), title="Evening swim", start=moved, end=moved + timedelta(hours=1)),
    )  # fmt: skip

    assert _found(services, plan, "swim") == [("Evening swim", date(2026, 11, 25))]
    assert [day for _title, day in _found(services, plan, "morning run")] == [
        date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 26), date(2026, 11, 27),
    ]  # fmt: skip


def test_an_endless_series_is_expanded_only_around_today(services: Services, plan: Plan) -> None:
    _add(services, plan, _draft("Weekly call", datetime(2026, 11, 23, 19, tzinfo=BERLIN),
                                rrule="FREQ=WEEKLY"))  # fmt: skip
    days = [day for _title, day in _found(services, plan, "weekly")]
    assert days[0] == TODAY
    assert days[-1] <= TODAY + timedelta(days=731)
    assert len(days) == 105  # two years of Mondays, not forever


def test_the_nearest_matches_are_kept_when_there_are_too_many(
    services: Services, plan: Plan
) -> None:
    _add(services, plan, _draft("Daily stretch", datetime(2026, 1, 1, 7, tzinfo=BERLIN),
                                rrule="FREQ=DAILY"))  # fmt: skip
    results = services.calendar.search(plan, "stretch", TODAY, limit=10)
    days = [o.first_day(plan.tz) for o in results.occurrences]
    assert results.limited
    assert days == sorted(days) and len(days) == 10
    assert all(abs((day - TODAY).days) <= 5 for day in days)


def test_nothing_found(services: Services, plan: Plan) -> None:
    _add(services, plan, _draft("Pottery class", datetime(2026, 11, 25, 18, tzinfo=BERLIN)))
    assert _found(services, plan, "sailing") == []
    assert _found(services, plan, "   ") == []


def test_words_are_found_with_or_without_their_accents(services: Services, plan: Plan) -> None:
    afternoon = datetime(2026, 11, 25, 15, tzinfo=BERLIN)
    _add(services, plan, _draft("Coffee at the corner café", afternoon, location="Café Müller"))
    _add(services, plan, _draft("Sketching at the cafe", datetime(2026, 11, 26, 15, tzinfo=BERLIN)))
    _add(services, plan, _draft("Walk", datetime(2026, 11, 27, 8, tzinfo=BERLIN),
                                notes="along the Hauptstraße"))  # fmt: skip

    both = [
        ("Coffee at the corner café", date(2026, 11, 25)),
        ("Sketching at the cafe", date(2026, 11, 26)),
    ]
    assert _found(services, plan, "cafe") == both
    assert _found(services, plan, "CAFÉ") == both
    assert _found(services, plan, "muller") == [("Coffee at the corner café", date(2026, 11, 25))]
    assert _found(services, plan, "hauptstrasse") == [("Walk", date(2026, 11, 27))]


def test_letters_with_a_stroke_are_found_by_their_plain_letter(
    services: Services, plan: Plan
) -> None:
    _add(services, plan, _draft("Trip to Łódź", datetime(2026, 11, 25, 9, tzinfo=BERLIN)))
    _add(services, plan, _draft("Walk in Østerbro", datetime(2026, 11, 26, 9, tzinfo=BERLIN)))
    assert _found(services, plan, "lodz") == [("Trip to Łódź", date(2026, 11, 25))]
    assert _found(services, plan, "osterbro") == [("Walk in Østerbro", date(2026, 11, 26))]
