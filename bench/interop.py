"""Export and import of 10,000 activities, each beside icalendar's own work on the same file.

Run: `python bench/interop.py [--activities N] [--repeat K]`. Prints `name: value` lines:
medians in milliseconds and the ratios the issue sets targets for (import within 1.5x of
icalendar's parse, export within 1.3x of its serialization). Figures are medians of K runs,
measured in one process, so the baseline shares the machine's load.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from planner.clock import FixedClock
from planner.domain import recurrence
from planner.domain.activities import (
    ActivityDraft,
    OccurrenceOverride,
    create_activity,
    validate_draft,
)
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.ical import export as ical_export
from planner.services import context
from planner.services.interop import ExportRequest
from planner.storage import db as storage_db
from planner.storage.repositories import ActivityRepository

ZONES = ("Europe/Berlin", "America/New_York")
START = date(2026, 1, 5)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def build_drafts(count: int, seed: int = 7) -> list[ActivityDraft]:
    """Three years of activities in two zones; a tenth repeat, with exceptions and overrides."""
    rng = random.Random(seed)
    categories = list(Category)
    drafts = []
    for index in range(count):
        zone = ZONES[index % 2]
        tz = ZoneInfo(zone)
        day = START + timedelta(days=rng.randrange(3 * 365))
        category = categories[index % len(categories)]
        step = StepNumber(1 + index % 11)
        if index % 10 == 0:
            begin = datetime(day.year, day.month, day.day, 8 + index % 10, 0, tzinfo=tz)
            draft = ActivityDraft(
                title=f"Weekly {category.id} {index}",
                category=category,
                step=step,
                start=begin,
                end=begin + timedelta(minutes=45),
                all_day=False,
                zone=zone,
                rrule="FREQ=WEEKLY;COUNT=20",
                notes="Private thoughts.",
            )
            series = create_activity(
                validate_draft(draft, step_count=11),
                uid=ActivityUid("x"),
                plan_id=PlanId(1),
                at=NOW,
            )
            instances = recurrence.expand(series, day, day + timedelta(days=7 * 20), tz)
            skipped = instances[3].recurrence_id
            moved = instances[5]
            assert isinstance(skipped, datetime) and isinstance(moved.start, datetime)
            draft = replace(
                draft,
                exdates=(skipped.replace(tzinfo=None),),
                overrides=(
                    OccurrenceOverride(
                        recurrence_id=moved.start.replace(tzinfo=None),
                        start=moved.start + timedelta(hours=2),
                        end=moved.end + timedelta(hours=2),  # type: ignore[operator]
                        title=f"Moved {index}",
                    ),
                ),
            )
        elif index % 7 == 0:
            draft = ActivityDraft(
                title=f"Space {index}",
                category=Category.SPACE,
                step=step,
                start=day,
                end=day + timedelta(days=3),
                all_day=True,
                zone=zone,
            )
        else:
            begin = datetime(day.year, day.month, day.day, 7 + index % 12, 30, tzinfo=tz)
            draft = ActivityDraft(
                title=f"{category.id.title()} {index}",
                category=category,
                step=step,
                start=begin,
                end=begin + timedelta(minutes=60),
                all_day=False,
                zone=zone,
                location="Somewhere" if index % 3 else "",
            )
        drafts.append(draft)
    return drafts


def seeded(path: Path, count: int) -> context.Services:
    services = context.open_services(path, FixedClock(NOW))
    plan, _ = services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    activities = [
        create_activity(
            validate_draft(d, step_count=11),
            uid=ActivityUid(f"bench-{i}@rekindle"),
            plan_id=plan.id,
            at=NOW,
        )
        for i, d in enumerate(build_drafts(count))
    ]
    with storage_db.transaction(services._db):
        ActivityRepository().add_many(activities)
    return services


def paired_medians(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median milliseconds of both, measured alternately so they share the machine's load."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for run, times in ((ours, mine), (baseline, theirs)):
            began = time.perf_counter()
            run()
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(mine), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        services = seeded(Path(folder) / "bench.sqlite3", args.activities)
        plan = services.plans.require()
        request = ExportRequest()
        data, _, events = services.interop.export_bytes(plan, request)
        chosen = services.interop.select_for_export(plan, request)
        calendar = ical_export.build_calendar(chosen, options=ical_export.ExportOptions(), now=NOW)

        export_ms, serialize_ms = paired_medians(
            lambda: services.interop.export_bytes(plan, request), calendar.to_ical, args.repeat
        )

        def import_once() -> None:
            with tempfile.TemporaryDirectory() as target:
                fresh = context.open_services(Path(target) / "import.sqlite3", FixedClock(NOW))
                fresh.importer.import_bytes(data)
                fresh.close()

        import_ms, parse_ms = paired_medians(
            import_once, lambda: Calendar.from_ical(data), args.repeat
        )
        services.close()

    print(f"activities: {args.activities}")
    print(f"events: {events}")
    print(f"file_mb: {len(data) / 1e6:.2f}")
    print(f"export_ms: {export_ms:.0f}")
    print(f"icalendar_serialize_ms: {serialize_ms:.0f}")
    print(f"export_ratio: {export_ms / serialize_ms:.2f}")
    print(f"import_ms: {import_ms:.0f}")
    print(f"icalendar_parse_ms: {parse_ms:.0f}")
    print(f"import_ratio: {import_ms / parse_ms:.2f}")


if __name__ == "__main__":
    main()
