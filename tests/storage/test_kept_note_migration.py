"""Schema v12 marks the notes kept in an urge moment: an older file gains the mark, on the
notes it kept (found by the name the app gave them) and on nothing else."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.services import context
from planner.storage import migrations

from tests.schema_files import downgrade, v1_file

COFFEE = ActivityUid("one-off@rekindle")


def test_a_version_11_file_gains_the_kept_note_mark(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "old.sqlite3"
    context.open_services(v1_file(path), clock).close()
    downgrade(path, 11)

    services = context.open_services(path, clock)
    try:
        assert services.activities.get(COFFEE).kept_note is False
    finally:
        services.close()
    assert len(list(tmp_path.glob("old.sqlite3.v11-*.bak"))) == 1


def test_notes_kept_before_the_mark_existed_are_found_by_their_name(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A v11 file's kept notes were left unmarked, and Copy This Week went on copying the
    unsent words: they are found as the app wrote them, a reflection of that name."""
    path = tmp_path / "old.sqlite3"
    services = context.open_services(v1_file(path), clock)
    try:
        plan = services.plans.require()
        start = clock.now()
        kept, _ = services.activities.create(plan, ActivityDraft(
            title=migrations.KEPT_NOTE_TITLE, category=Category.REFLECTION, step=StepNumber(1),
            start=start, end=start + timedelta(minutes=15), all_day=False, zone=plan.zone,
            notes="Words not sent",
        ))  # fmt: skip
        walk, _ = services.activities.create(plan, ActivityDraft(
            title="Evening walk", category=Category.SELF_CARE, step=StepNumber(1),
            start=start, end=start + timedelta(minutes=30), all_day=False, zone=plan.zone,
        ))  # fmt: skip
    finally:
        services.close()
    downgrade(path, 11)

    services = context.open_services(path, clock)
    try:
        assert services.activities.get(kept.uid).kept_note is True
        assert services.activities.get(walk.uid).kept_note is False
    finally:
        services.close()
