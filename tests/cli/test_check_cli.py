"""`rekindle check`: every pacing flag with its reason, exit 0 either way, plain one-line errors."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from planner.clock import FixedClock
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.plans import PlanDraft
from planner.services import context, programs

from tests.cli import runner
from tests.cli.runner import assert_one_line_error
from tests.zones import BERLIN, NEW_YORK

CHECK_KEYS = ["uid", "start", "rule", "reason"]
WINDOW = ["--from", "2026-11-23", "--to", "2027-01-17"]


class Runner(runner.Runner):
    """The shared runner, with a shortcut for this file's most common read."""

    def json(self, *argv: str) -> list[dict[str, str]]:
        result = self(*argv, "--format", "json")
        assert result.code == 0, result.err
        assert result.err == ""
        rows: list[dict[str, str]] = json.loads(result.out)
        return rows


@pytest.fixture(autouse=True)
def _no_real_data_dir(data_dir: Path) -> None:
    """No command may reach the user's real data folder, even by mistake."""


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FixedClock) -> Runner:
    return Runner(capsys, clock)


class PlanBuilder:
    """Builds a plan file through the services, as the app would, then closes it."""

    def __init__(self, path: Path, clock: FixedClock, zone: ZoneInfo = BERLIN) -> None:
        self.path = path
        self.zone = zone
        self._services = context.open_services(path, clock)
        self.plan, _ = self._services.plans.create(
            PlanDraft(ProgramId("eleven-steps"), date(2026, 11, 2), zone.key)
        )
        self.uids: dict[str, str] = {}

    def add(
        self,
        title: str,
        category: Category,
        start: datetime | date,
        end: datetime | date | None = None,
        *,
        step: int = 1,
    ) -> str:
        all_day = not isinstance(start, datetime)
        if end is None:
            end = start + (timedelta(days=1) if all_day else timedelta(minutes=15))
        draft = ActivityDraft(
            title=title, category=category, step=StepNumber(step), start=start, end=end,
            all_day=all_day, zone=self.zone.key,
        )  # fmt: skip
        activity, _ = self._services.activities.create(self.plan, draft)
        self.uids[title] = activity.uid
        return activity.uid

    def close(self) -> Path:
        self._services.close()
        return self.path


@pytest.fixture
def paced_db(tmp_path: Path, clock: FixedClock) -> Path:
    """A Berlin plan with one flag of every kind in December 2026, and calm days around them."""
    plan = PlanBuilder(tmp_path / "paced.sqlite3", clock)
    plan.add("A week of quiet", Category.SPACE, date(2026, 12, 1), date(2026, 12, 8), step=3)
    plan.add("Check in", Category.MESSAGE, datetime(2026, 12, 3, 19, 0, tzinfo=BERLIN))
    plan.add("Small gift", Category.GESTURE, date(2026, 12, 5), step=5)
    plan.add("Morning note", Category.MESSAGE, datetime(2026, 12, 12, 9, 0, tzinfo=BERLIN), step=7)
    plan.add("Evening call", Category.MESSAGE, datetime(2026, 12, 12, 20, 0, tzinfo=BERLIN))
    plan.add("Say sorry", Category.APOLOGY, datetime(2026, 12, 20, 16, 0, tzinfo=BERLIN), step=6)
    plan.add("Evening walk", Category.SELF_CARE, datetime(2026, 12, 3, 20, 0, tzinfo=BERLIN))
    return plan.close()


def listed_starts(run: Runner, db: Path) -> dict[str, str]:
    rows = run("list", "--db", str(db), *WINDOW, "--format", "json")
    assert rows.code == 0, rows.err
    return {str(row["uid"]): str(row["start"]) for row in json.loads(rows.out)}


def explain_all(db: Path, clock: FixedClock, first: date, last: date) -> list[str]:
    services = context.open_services(db, clock, create=False)
    try:
        plan = services.plans.require()
        program = programs.get_program(plan.program_id)
        flags = services.advice.flags(plan, first, last)
        return [services.advice.explain(flag, program) for flag in flags]
    finally:
        services.close()


# --- output -------------------------------------------------------------------------------------


def test_json_lists_every_flag_with_its_reason(
    run: Runner, paced_db: Path, clock: FixedClock
) -> None:
    rows = run.json("check", "--db", str(paced_db), *WINDOW)

    assert all(list(row) == CHECK_KEYS for row in rows)
    assert [row["rule"] for row in rows] == ["space", "space", "frequency", "gap", "order"]
    starts = listed_starts(run, paced_db)
    assert [row["start"] for row in rows] == [
        "2026-12-03T19:00:00+01:00",
        "2026-12-05",
        "2026-12-12T20:00:00+01:00",
        "2026-12-12T20:00:00+01:00",
        "2026-12-20T16:00:00+01:00",
    ]
    # The uid and start name the occurrence exactly as `rekindle list` prints it.
    assert all(starts[row["uid"]] == row["start"] for row in rows)
    reasons = explain_all(paced_db, clock, date(2026, 11, 23), date(2027, 1, 17))
    assert [row["reason"] for row in rows] == reasons
    assert "You could move it to Tuesday 8 December" in rows[0]["reason"]
    assert "two contacts within seven days" in rows[2]["reason"]
    assert "only 11 hours after “Morning note”" in rows[3]["reason"]
    assert "step 1 (“Understand what went wrong”)" in rows[4]["reason"]


def test_text_prints_one_line_per_flag(run: Runner, paced_db: Path) -> None:
    rows = run.json("check", "--db", str(paced_db), *WINDOW)

    result = run("check", "--db", str(paced_db), *WINDOW)

    assert result.code == 0 and result.err == ""
    assert result.out.splitlines() == [
        f"{row['start']}  {row['rule']:<9}  {row['reason']}" for row in rows
    ]
    assert result.out.splitlines()[1].startswith("2026-12-05  space      “Small gift” falls inside")


def test_nothing_to_flag_is_said_kindly_and_exits_zero(run: Runner, paced_db: Path) -> None:
    calm = ["--from", "2027-01-01", "--to", "2027-01-31"]
    result = run("check", "--db", str(paced_db), *calm)
    assert result.code == 0 and result.err == ""
    assert result.out == (
        "Nothing to flag from 2027-01-01 to 2027-01-31: the pace leaves room to breathe.\n"
    )
    json_result = run("check", "--db", str(paced_db), *calm, "--format", "json")
    assert (json_result.code, json_result.out, json_result.err) == (0, "[]\n", "")


def test_a_skipped_occurrence_is_no_longer_flagged(run: Runner, paced_db: Path) -> None:
    (gift,) = [r for r in run.json("check", "--db", str(paced_db), *WINDOW) if r["rule"] == "space"
               and r["start"] == "2026-12-05"]  # fmt: skip
    marked = run("mark", "--db", str(paced_db), "--uid", gift["uid"], "--start", gift["start"],
                 "skipped")  # fmt: skip
    assert marked.code == 0, marked.err
    rows = run.json("check", "--db", str(paced_db), *WINDOW)
    assert gift["uid"] not in {row["uid"] for row in rows}


def test_a_file_without_a_plan_has_nothing_to_check(
    run: Runner, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "empty-plan.sqlite3"
    context.open_services(path, clock).close()
    assert run.json("check", "--db", str(path)) == []
    result = run("check", "--db", str(path))
    assert result.code == 0
    assert result.out == "This file holds no plan yet, so there is nothing to check.\n"


# --- the window ---------------------------------------------------------------------------------


@pytest.fixture
def edges_db(tmp_path: Path, clock: FixedClock) -> Path:
    """Pairs of messages (the second one flagged) on the edges of the default window."""
    plan = PlanBuilder(tmp_path / "edges.sqlite3", clock)
    for day in (date(2026, 11, 22), date(2026, 11, 23), date(2027, 1, 17), date(2027, 1, 18)):
        for hour in (9, 12):
            start = datetime.combine(day, time(hour), tzinfo=BERLIN)
            plan.add(f"{day} {hour}", Category.MESSAGE, start, step=7)
    return plan.close()


def test_default_window_is_today_and_the_next_eight_weeks(run: Runner, edges_db: Path) -> None:
    # The clock says Monday 23 November 2026; eight weeks end on Sunday 17 January 2027.
    rows = run.json("check", "--db", str(edges_db))
    assert sorted({row["start"][:10] for row in rows}) == ["2026-11-23", "2027-01-17"]
    assert rows == run.json("check", "--db", str(edges_db), "--from", "2026-11-23", "--to",
                            "2027-01-17")  # fmt: skip


def test_from_alone_reads_eight_weeks_and_to_alone_starts_today(
    run: Runner, edges_db: Path
) -> None:
    from_only = run.json("check", "--db", str(edges_db), "--from", "2026-11-22")
    assert sorted({row["start"][:10] for row in from_only}) == ["2026-11-22", "2026-11-23"]
    to_only = run.json("check", "--db", str(edges_db), "--to", "2027-01-18")
    assert sorted({row["start"][:10] for row in to_only}) == [
        "2026-11-23", "2027-01-17", "2027-01-18"
    ]  # fmt: skip


def test_today_is_the_plan_zones_today(run: Runner, tmp_path: Path, clock: FixedClock) -> None:
    plan = PlanBuilder(tmp_path / "ny.sqlite3", clock, NEW_YORK)
    for hour in (20, 21):
        start = datetime(2026, 11, 22, hour, tzinfo=NEW_YORK)
        plan.add(f"Late {hour}", Category.MESSAGE, start, step=7)
    db = plan.close()
    clock.set(datetime(2026, 11, 23, 3, 0, tzinfo=UTC))  # still Sunday 22 November in New York

    (row,) = run.json("check", "--db", str(db))

    assert (row["start"], row["rule"]) == ("2026-11-22T21:00:00-05:00", "gap")


# --- errors -------------------------------------------------------------------------------------


def test_a_missing_file_is_a_one_line_error_and_is_not_created(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    assert_one_line_error(run("check", "--db", str(path)), "no Rekindle file")
    assert not path.exists()


def test_bad_windows_are_one_line_errors(run: Runner, paced_db: Path) -> None:
    db = ["check", "--db", str(paced_db)]
    assert_one_line_error(run(*db, "--from", "2026-12-10", "--to", "2026-12-01"), "--to")
    assert_one_line_error(run(*db, "--to", "2026-11-01"), "before today (2026-11-23)")
    assert_one_line_error(run(*db, "--from", "2026-02-30"), "not a real date", code=2)
    said = run(*db, "--from", "2026-02-30").err  # as `add` says it, without argparse's words
    assert said == "rekindle: --from '2026-02-30' is not a real date (use YYYY-MM-DD)\n"
    assert_one_line_error(run(*db, "--to", "soon"), "not a real date", code=2)
    assert_one_line_error(  # a real date, only one no plan can reach: said as such
        run(*db, "--from", "0001-01-01"), "outside the years Rekindle can plan (1900–9998)", code=2
    )
    assert_one_line_error(run(*db, "--format", "yaml"), "--format 'yaml' is not one of", code=2)


def test_files_that_are_not_plans_are_refused_untouched(run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.touch()
    assert_one_line_error(run("check", "--db", str(empty)), "empty")
    assert empty.stat().st_size == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a database at all.\n", encoding="utf-8")
    assert_one_line_error(run("check", "--db", str(notes)), "not a Rekindle database")
    assert notes.read_text(encoding="utf-8") == "Not a database at all.\n"


def test_the_far_end_of_the_calendar_is_checked_calmly(run: Runner, paced_db: Path) -> None:
    result = run("check", "--db", str(paced_db), "--from", "9998-12-20")
    assert result.code == 0, result.err
    assert result.out == (
        "Nothing to flag from 9998-12-20 to 9998-12-31: the pace leaves room to breathe.\n"
    )
