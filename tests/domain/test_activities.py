"""validate_draft: the checks every create and edit passes through, with messages users read."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from planner.domain.activities import (
    MAX_EXCEPTIONS,
    Activity,
    ActivityDraft,
    OccurrenceOverride,
    create_activity,
    span,
    validate_draft,
)
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.errors import InvalidInputError

from tests.zones import BERLIN, NEW_YORK, NOW

STEPS = 11


def draft(**changes: object) -> ActivityDraft:
    base = ActivityDraft(
        title="Coffee at the corner café",
        category=Category.MEETUP,
        step=StepNumber(5),
        start=datetime(2026, 12, 1, 10, 30, tzinfo=BERLIN),
        end=datetime(2026, 12, 1, 11, 30, tzinfo=BERLIN),
        all_day=False,
        zone="Europe/Berlin",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def all_day_draft(**changes: object) -> ActivityDraft:
    base = draft(
        category=Category.SPACE,
        start=date(2026, 12, 1),
        end=date(2026, 12, 22),
        all_day=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_valid_draft_passes_unchanged() -> None:
    original = draft(reminders=(10, 1440))
    assert validate_draft(original, step_count=STEPS) == original


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_empty_title_is_rejected(title: str) -> None:
    with pytest.raises(InvalidInputError, match="title"):
        validate_draft(draft(title=title), step_count=STEPS)


def test_overlong_title_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="200 characters or fewer \\(it has 201\\)"):
        validate_draft(draft(title="x" * 201), step_count=STEPS)
    validate_draft(draft(title="x" * 200), step_count=STEPS)  # 200 is allowed, as it says


def test_a_title_is_counted_in_characters_as_one_sees_them() -> None:
    """An "é" typed as e and its accent, or a family emoji (three people joined), counted
    two and five: a title that looks 101 characters long was refused as over 200."""
    accented = "e\u0301" * 150
    assert validate_draft(draft(title=accented), step_count=STEPS).title == accented
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    validate_draft(draft(title=family * 200), step_count=STEPS)
    with pytest.raises(InvalidInputError, match="it has 201"):
        validate_draft(draft(title=family * 201), step_count=STEPS)


@pytest.mark.parametrize(
    ("title", "seen"),
    [
        ("\U0001f1e9\U0001f1ea\U0001f1eb\U0001f1f7", 2),  # two flags, two letters each
        ("\U0001f44b\U0001f3fd", 1),  # a wave with its skin tone
        ("\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 1),
        ("\u1100\u1161\u11a8", 1),  # a Hangul syllable written in its three parts
        ("a" + "\u0301" * 100_000, 6250),  # marks without end: no longer weightless
        ("a\u200db\u200dc\u200dd", 4),  # letters a joiner stands between: not one
        ("\u0915\u094d\u0937", 1),  # a Devanagari conjunct, क्ष (a review: 2)
        ("\u0928\u092e\u0938\u094d\u0924\u0947", 3),  # नमस्ते (a review: 4)
        ("\u0e01\u0e33", 1),  # Thai กำ (a review: 2)
        ("\u200d".join(["\U0001f600"] * 3000), 375),  # a chain of 3,000 (a review: 188)
    ],
)
def test_characters_are_counted_as_they_are_seen(title: str, seen: int) -> None:
    """A review: a flag or a skin tone counted twice, the England flag seven times, and a
    letter followed by 100,000 accents once, so the limit limited nothing."""
    from planner.domain import text

    assert text.length(title) == seen
    if seen > 200:
        with pytest.raises(InvalidInputError, match="200 characters or fewer"):
            validate_draft(draft(title=title), step_count=STEPS)


def test_a_title_is_shortened_between_characters() -> None:
    from planner.domain import text

    flag = "\U0001f1e9\U0001f1ea"
    assert text.shortened("a" * 199 + flag + flag, 200) == "a" * 199 + flag  # not half a flag
    assert text.shortened("a" + "\u0301" * 100_000, 200) == ""  # whole or not at all
    heavy = "e" + "\u0301" * 20  # one character of 21 code points, counted twice
    assert text.length(heavy) == 2
    # A review: cut at the limit, such a character was split, leaving half its marks.
    assert text.shortened("a" * 199 + heavy, 200) == "a" * 199
    assert text.shortened("a" * 198 + heavy, 200) == "a" * 198 + heavy


def test_title_whitespace_is_normalised() -> None:
    clean = validate_draft(draft(title="  Coffee \t at\n the  café "), step_count=STEPS)
    assert clean.title == "Coffee at the café"


def test_location_is_trimmed_and_notes_keep_their_inner_lines() -> None:
    clean = validate_draft(
        draft(location="  Corner café  ", notes="Line one\n\nLine two  \n"), step_count=STEPS
    )
    assert clean.location == "Corner café"
    assert clean.notes == "Line one\n\nLine two"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2026, 12, 1, 11, 0, tzinfo=BERLIN), datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)),
        (datetime(2026, 12, 1, 11, 0, tzinfo=BERLIN), datetime(2026, 12, 1, 11, 0, tzinfo=BERLIN)),
    ],
    ids=["before", "equal"],
)
def test_end_must_come_after_start(start: datetime, end: datetime) -> None:
    with pytest.raises(InvalidInputError, match="end"):
        validate_draft(draft(start=start, end=end), step_count=STEPS)


def test_end_before_start_is_judged_by_instant_not_wall_clock() -> None:
    # 10:00 in New York is 16:00 in Berlin: after 11:00 Berlin, though "10" < "11".
    clean = validate_draft(
        draft(end=datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK)), step_count=STEPS
    )
    assert clean.end == datetime(2026, 12, 1, 16, 0, tzinfo=BERLIN)


def test_all_day_end_before_start_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="day"):
        validate_draft(all_day_draft(end=date(2026, 11, 30)), step_count=STEPS)


def test_timed_activity_longer_than_two_weeks_is_rejected() -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    with pytest.raises(InvalidInputError, match="all-day"):
        validate_draft(draft(start=start, end=start + timedelta(days=15)), step_count=STEPS)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2026, 12, 1, tzinfo=BERLIN), date(2026, 12, 2)),
        (date(2026, 12, 1), datetime(2026, 12, 2, tzinfo=BERLIN)),
    ],
)
def test_all_day_with_datetimes_is_rejected(start: datetime | date, end: datetime | date) -> None:
    with pytest.raises(InvalidInputError, match="dates"):
        validate_draft(all_day_draft(start=start, end=end), step_count=STEPS)


def test_timed_with_dates_is_rejected() -> None:
    with pytest.raises(InvalidInputError):
        validate_draft(draft(start=date(2026, 12, 1), end=date(2026, 12, 2)), step_count=STEPS)


def test_timed_without_time_zone_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="time zone"):
        validate_draft(
            draft(start=datetime(2026, 12, 1, 9, 0), end=datetime(2026, 12, 1, 10, 0)),
            step_count=STEPS,
        )


@pytest.mark.parametrize("step", [0, -1, 12])
def test_step_out_of_range_is_rejected(step: int) -> None:
    with pytest.raises(InvalidInputError, match=f"Step {step}"):
        validate_draft(draft(step=StepNumber(step)), step_count=STEPS)


def test_first_and_last_step_are_accepted() -> None:
    assert validate_draft(draft(step=StepNumber(1)), step_count=STEPS).step == 1
    assert validate_draft(draft(step=StepNumber(11)), step_count=STEPS).step == 11


@pytest.mark.parametrize("year", [1899, 9999])
def test_year_outside_range_is_rejected_for_timed(year: int) -> None:
    start = datetime(year, 6, 1, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidInputError, match=str(year)):
        validate_draft(
            draft(start=start, end=start + timedelta(hours=1), zone="UTC"), step_count=STEPS
        )


def test_year_outside_range_is_rejected_for_all_day() -> None:
    with pytest.raises(InvalidInputError, match="1899"):
        validate_draft(
            all_day_draft(start=date(1899, 12, 30), end=date(1900, 1, 2)), step_count=STEPS
        )


def test_unknown_zone_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="time zone"):
        validate_draft(draft(zone="Mars/Olympus_Mons"), step_count=STEPS)


def test_times_are_converted_to_the_activity_zone() -> None:
    clean = validate_draft(
        draft(
            start=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            end=datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK),
        ),
        step_count=STEPS,
    )
    assert clean.start == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    assert isinstance(clean.start, datetime) and clean.start.tzinfo == BERLIN
    assert (clean.start.hour, clean.start.minute) == (10, 0)
    assert isinstance(clean.end, datetime) and clean.end.tzinfo == BERLIN
    assert (clean.end.hour, clean.end.minute) == (16, 0)


def test_rrule_is_normalised_and_exdates_sorted_without_duplicates() -> None:
    first = datetime(2026, 12, 3, 10, 30)
    second = datetime(2026, 12, 2, 10, 30)
    clean = validate_draft(
        draft(rrule="rrule:freq=daily;count=5", exdates=(first, second, first)),
        step_count=STEPS,
    )
    assert clean.rrule == "FREQ=DAILY;COUNT=5"
    assert clean.exdates == (second, first)


def test_blank_rrule_means_no_repeat_and_drops_exdates() -> None:
    clean = validate_draft(
        draft(rrule="   ", exdates=(datetime(2026, 12, 2, 10, 30),)), step_count=STEPS
    )
    assert clean.rrule is None
    assert clean.exdates == ()


def stored(value: ActivityDraft) -> Activity:
    clean = validate_draft(value, step_count=STEPS)
    return create_activity(clean, uid=ActivityUid("x@test"), plan_id=PlanId(1), at=NOW)


def test_revised_keeps_identity_and_bumps_revision() -> None:
    activity = stored(draft())
    later = NOW + timedelta(hours=2)
    revised = activity.revised(draft(title="Tea instead"), later)
    assert revised.uid == activity.uid
    assert revised.created == activity.created
    assert revised.modified == later
    assert revised.revision == activity.revision + 1
    assert revised.title == "Tea instead"


def test_duration_is_elapsed_time_across_dst() -> None:
    # 24 wall-clock hours over the October change last 25 real hours.
    start = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    end = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
    assert span(start, end) == timedelta(hours=25)
    assert stored(draft(start=start, end=end)).duration == timedelta(hours=25)


def test_all_day_duration_counts_days() -> None:
    assert stored(all_day_draft()).duration == timedelta(days=21)


def test_an_all_day_activity_may_end_on_the_last_plannable_day() -> None:
    last = all_day_draft(start=date(9998, 12, 30), end=date(9999, 1, 1))  # the end is exclusive
    assert validate_draft(last, step_count=STEPS).end == date(9999, 1, 1)
    with pytest.raises(InvalidInputError, match="9999"):
        validate_draft(
            all_day_draft(start=date(9998, 12, 30), end=date(9999, 1, 2)), step_count=STEPS
        )


def test_a_series_with_too_many_deleted_days_is_refused() -> None:
    start = datetime(2026, 12, 1, 10, 30)
    many = tuple(start + timedelta(days=n) for n in range(MAX_EXCEPTIONS + 1))
    with pytest.raises(InvalidInputError, match="10,000"):
        validate_draft(draft(rrule="FREQ=DAILY", exdates=many), step_count=STEPS)


def test_a_changed_instance_lasting_longer_than_an_activity_may_is_refused() -> None:
    start = datetime(2026, 12, 2, 10, 30, tzinfo=BERLIN)
    moved = OccurrenceOverride(
        recurrence_id=start.replace(tzinfo=None),
        start=start,
        end=start + timedelta(days=15),
        title="",
    )
    with pytest.raises(InvalidInputError, match="lasts longer"):
        validate_draft(draft(rrule="FREQ=DAILY", overrides=(moved,)), step_count=STEPS)


def test_a_changed_instance_in_the_year_one_is_refused_plainly() -> None:
    start = datetime(2026, 12, 2, 10, 30, tzinfo=BERLIN)
    odd = OccurrenceOverride(
        recurrence_id=datetime(1, 1, 1, tzinfo=UTC),
        start=start,
        end=start + timedelta(hours=1),
        title="",
    )
    with pytest.raises(InvalidInputError, match="year 1 "):
        validate_draft(draft(rrule="FREQ=DAILY", overrides=(odd,)), step_count=STEPS)


def test_a_day_of_a_series_moved_onto_a_fall_back_night_s_repeated_hour_is_kept() -> None:
    """A US trial dragged a Sunday stroll to 1:30 AM on 1 November 2026, when 1:00 to 2:00
    happens twice: it ends at 1:15 after the change, 45 minutes later, and was refused as
    ending before it starts (the clocks read 1:30 and 1:15)."""
    series_start = datetime(2026, 10, 25, 9, 0, tzinfo=NEW_YORK)
    start = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)  # the first 1:30, EDT
    end = datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=NEW_YORK)  # 1:15 EST, after it
    moved = OccurrenceOverride(
        recurrence_id=datetime(2026, 11, 1, 9, 0), start=start, end=end, title=""
    )
    series = draft(
        start=series_start, end=series_start + timedelta(minutes=45), zone="America/New_York",
        rrule="FREQ=WEEKLY", overrides=(moved,),
    )  # fmt: skip
    (kept,) = validate_draft(series, step_count=STEPS).overrides
    assert kept.end.astimezone(UTC) - kept.start.astimezone(UTC) == timedelta(minutes=45)
    backwards = replace(moved, end=datetime(2026, 11, 1, 1, 15, tzinfo=NEW_YORK))  # EDT
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        validate_draft(replace(series, overrides=(backwards,)), step_count=STEPS)


def test_a_start_the_clocks_skip_that_lands_after_the_end_says_so() -> None:
    """An interop trial: `add --start 2026-03-29T02:30 --end 2026-03-29T03:00` was refused
    with "The end has to come after the start", the start moved to 03:30 unsaid."""
    skipped = datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN)
    with pytest.raises(InvalidInputError) as refused:
        validate_draft(
            draft(start=skipped, end=datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN)),
            step_count=STEPS,
        )
    assert refused.value.message.startswith(
        "02:30 does not exist that day in Europe/Berlin (the clocks go forward), so the start "
        "would be 03:30, after the end."
    )
