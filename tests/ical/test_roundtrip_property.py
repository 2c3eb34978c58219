"""Property: whatever activities a plan holds, export then import into an empty plan keeps them."""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from planner.clock import FixedClock
from planner.domain import recurrence
from planner.domain.activities import (
    Activity,
    ActivityDraft,
    OccurrenceOverride,
    create_activity,
    validate_draft,
)
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.services import context
from planner.services.interop import ExportRequest

from tests.zones import NOW

PLAN_ZONE = "Europe/Berlin"
#: Zones with northern and southern summer time, one with a half-hour offset and none.
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]
FIRST_DAY = date(2026, 1, 1)
LAST_DAY = date(2028, 12, 31)
RULES = [
    "FREQ=DAILY;COUNT={n}",
    "FREQ=WEEKLY;COUNT={n}",
    "FREQ=WEEKLY;INTERVAL=2;COUNT={n}",
    "FREQ=WEEKLY;BYDAY=MO,TH;COUNT={n}",
]


def _dst_days() -> list[date]:
    """The days (and the days around them) on which one of ZONES changes its offset."""
    days = []
    for name in ZONES:
        zone = ZoneInfo(name)
        day = FIRST_DAY
        while day < LAST_DAY:
            noon = datetime.combine(day, time(12), tzinfo=zone)
            if noon.utcoffset() != (noon + timedelta(days=1)).utcoffset():
                days.extend([day, day + timedelta(days=1), day + timedelta(days=2)])
            day += timedelta(days=1)
    return sorted(set(days))


DST_DAYS = _dst_days()

# Text as people type it, in any script; no control characters but line breaks in notes.
# A leading check mark and blanks around notes and places are left to the targeted tests below.
_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="✓✔")
# A title shows something: not only blanks or format marks (a zero-width space is refused).
TITLES = st.text(_CHARS, min_size=1, max_size=60).filter(
    lambda t: any(unicodedata.category(c) not in ("Zs", "Zl", "Zp", "Cf") for c in t)
)
LOCATIONS = st.text(_CHARS, max_size=40).map(str.strip)
NOTES = st.text(st.one_of(_CHARS, st.sampled_from("\n\t")), max_size=120).map(str.strip)
DAYS = st.one_of(st.dates(FIRST_DAY, LAST_DAY), st.sampled_from(DST_DAYS))


@st.composite
def base_drafts(draw: st.DrawFn) -> ActivityDraft:
    """A one-off or repeating activity, timed in some zone or all-day, without exceptions."""
    all_day = draw(st.booleans())
    day = draw(DAYS)
    rule = draw(st.none() | st.sampled_from(RULES))
    start: datetime | date
    end: datetime | date
    if all_day:
        zone = PLAN_ZONE  # an all-day activity has no zone of its own in iCalendar
        start, end = day, day + timedelta(days=draw(st.integers(1, 4)))
    else:
        zone = draw(st.sampled_from(ZONES))
        clock = time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45, 7])))
        start = datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
        minutes = draw(st.integers(5, 600))
        end = (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo)
    return ActivityDraft(
        title=draw(TITLES),
        category=draw(st.sampled_from(list(Category))),
        step=StepNumber(draw(st.integers(1, 11))),
        start=start,
        end=end,
        all_day=all_day,
        zone=zone,
        location=draw(LOCATIONS),
        notes=draw(NOTES),
        rrule=None if rule is None else rule.format(n=draw(st.integers(2, 10))),
    )


def _activity(draft: ActivityDraft) -> Activity:
    clean = validate_draft(draft, step_count=11)
    return create_activity(clean, uid=ActivityUid("probe@rekindle"), plan_id=PlanId(1), at=NOW)


def _instances(activity: Activity) -> list[datetime | date]:
    """The wall-clock starts (naive, or dates) the series rule gives, in order."""
    start = activity.start
    first = start.date() if isinstance(start, datetime) else start
    zone = ZoneInfo(activity.zone)
    found = recurrence.expand(
        activity, first - timedelta(days=2), first + timedelta(days=200), zone
    )
    return [
        rid.replace(tzinfo=None) if isinstance(rid, datetime) else rid
        for rid in (o.recurrence_id for o in found)
    ]


@st.composite
def drafts(draw: st.DrawFn) -> ActivityDraft:
    """A base draft plus exception dates and changed instances picked from its real instances."""
    draft = draw(base_drafts())
    if draft.rrule is None:
        return draft
    instances = _instances(_activity(draft))
    assert len(instances) >= 2
    chosen = draw(st.permutations(range(len(instances))))
    excluded = draw(st.integers(0, len(instances) - 1))
    changed = draw(st.integers(0, min(3, len(instances) - 1 - excluded)))
    exdates = tuple(instances[i] for i in chosen[:excluded])
    overrides = []
    for index in chosen[excluded : excluded + changed]:
        rid = instances[index]
        if isinstance(rid, datetime):
            zone = ZoneInfo(draft.zone)
            shift = timedelta(minutes=15 * draw(st.integers(-4 * 72, 4 * 72)))
            moved = (rid.replace(tzinfo=zone).astimezone(UTC) + shift).astimezone(zone)
            length = timedelta(minutes=draw(st.integers(5, 300)))
            start: datetime | date = moved
            end: datetime | date = (moved.astimezone(UTC) + length).astimezone(zone)
        else:
            start = rid + timedelta(days=draw(st.integers(-3, 3)))
            end = start + timedelta(days=draw(st.integers(1, 3)))
        overrides.append(
            OccurrenceOverride(
                recurrence_id=rid,
                start=start,
                end=end,
                title=draw(TITLES),
                location=draw(LOCATIONS),
                notes=draw(NOTES),
            )
        )
    return replace(draft, exdates=exdates, overrides=tuple(overrides))


def _unambiguous(moment: datetime | date) -> bool:
    """False for a wall-clock time that happens twice (a fall-back night's repeated hour)."""
    if not isinstance(moment, datetime):
        return True
    return moment.replace(fold=0).utcoffset() == moment.replace(fold=1).utcoffset()


@contextmanager
def _plan_file(folder: Path, name: str) -> Iterator[context.Services]:
    """Services over a new plan file with an eleven-step plan in Berlin; closed after."""
    services = context.open_services(folder / name, FixedClock(NOW))
    try:
        services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 1, 5), PLAN_ZONE))
        yield services
    finally:
        services.close()


def round_trip(draft: ActivityDraft) -> tuple[Activity, Activity]:
    """Store `draft` in one plan file, export everything, import into a new one; both copies."""
    with tempfile.TemporaryDirectory() as folder:
        with _plan_file(Path(folder), "source.sqlite3") as source:
            plan = source.plans.require()
            before, _ = source.activities.create(plan, draft)
            before = source.activities.get(before.uid)
            data, _, _ = source.interop.export_bytes(plan, ExportRequest(include_notes=True))
        # One plan file open at a time: storage binds its models to the file opened last.
        with _plan_file(Path(folder), "target.sqlite3") as target:
            report, _ = target.importer.import_bytes(data)
            assert (report.added, report.updated, report.skipped) == (1, 0, ())
            after = target.activities.get(before.uid)
            again, _ = target.importer.import_bytes(data)
            assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    return before, after


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(drafts())
def test_export_then_import_into_an_empty_plan_changes_nothing(draft: ActivityDraft) -> None:
    clean = validate_draft(draft, step_count=11)
    moments = [clean.start, clean.end]
    moments += [o.start for o in clean.overrides] + [o.end for o in clean.overrides]
    # The repeated hour of a fall-back night cannot be told apart by a TZID wall-clock time;
    # tests/ical/test_export.py holds the known bug about it.
    assume(all(_unambiguous(m) for m in moments))
    event("all-day" if clean.all_day else f"timed in {clean.zone}")
    event("one-off" if clean.rrule is None else "series")
    excluded = len(clean.exdates)
    event(f"exception dates: {excluded if excluded < 2 else '2+'}")
    event(f"changed instances: {len(clean.overrides)}")
    before, after = round_trip(draft)
    assert after.uid == before.uid
    assert after.draft() == from_first_instance(before).draft()
    assert after.revision == before.revision


def from_first_instance(activity: Activity) -> Activity:
    """`activity` as our export writes it: a series from its first instance, which is where
    every reader begins it (recurrence.first_instance); the same occurrences."""
    first = recurrence.first_instance(activity)
    if first == activity.start:
        return activity
    length = activity.duration
    end = (first.astimezone(UTC) + length).astimezone(first.tzinfo) if isinstance(
        first, datetime
    ) else first + length  # fmt: skip
    return replace(activity, start=first, end=end)


# --- targeted examples: what the property leaves out, and why -----------------------------------


def _timed(**changes: object) -> ActivityDraft:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo(PLAN_ZONE))
    draft = ActivityDraft(
        title="Journal",
        category=Category.REFLECTION,
        step=StepNumber(1),
        start=start,
        end=start + timedelta(hours=1),
        all_day=False,
        zone=PLAN_ZONE,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "draft",
    [
        _timed(title='Back\\slash; semi, comma: colon "quoted"'),
        _timed(title="C:\\New plans", location="\\N\\\\N", notes="Ends in \\N\nand \\n"),
        _timed(notes="Line one\nLine two\n\n\tindented line", location="Café “Zur Post”"),
        _timed(notes="Line\u2028separator and next\u0085line"),
        _timed(title="家族と夕食 🍲", location="東京"),
        _timed(rrule="FREQ=WEEKLY;UNTIL=20270105T080000Z", exdates=(datetime(2026, 12, 8, 9, 0),)),
        _timed(
            start=datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo(PLAN_ZONE)),
            end=datetime(2027, 3, 28, 4, 0, tzinfo=ZoneInfo(PLAN_ZONE)),
            rrule="FREQ=DAILY;COUNT=3",
        ),
    ],
    ids=[
        "escapes",
        "backslash-n",
        "multi-line-notes",
        "unicode-line-breaks",
        "cjk-emoji",
        "until",
        "dst-night",
    ],
)
def test_awkward_but_valid_activities_survive(draft: ActivityDraft) -> None:
    before, after = round_trip(draft)
    assert after.draft() == before.draft()


def test_notes_that_begin_indented_survive() -> None:
    before, after = round_trip(_timed(notes="    - bring the photos\n    - and the letter"))
    assert after.notes == before.notes


def test_a_title_beginning_with_a_check_mark_survives() -> None:
    before, after = round_trip(_timed(title="✓ Things I already did well"))
    assert after.title == before.title


def test_a_changed_instance_keeps_its_notes_and_place_as_typed() -> None:
    later = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo(PLAN_ZONE))
    changed = OccurrenceOverride(
        recurrence_id=datetime(2026, 12, 2, 9, 0),
        start=later,
        end=later + timedelta(hours=1),
        title="Journal, later",
        location="Room 2 ",
        notes="Bring tea ",
    )
    before, after = round_trip(_timed(rrule="FREQ=DAILY;COUNT=3", overrides=(changed,)))
    assert after.overrides == before.overrides
