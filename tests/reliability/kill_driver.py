"""Kill a writer with SIGKILL at random moments, many times, and check the file after each kill.

Run by test_kill.py as `python -m tests.reliability.kill_driver`; prints one JSON summary line
(exit 0) or one JSON failure report (exit 1). This process is single-threaded and imports
planner once, then forks one writer per kill, so a kill costs a fork, not an interpreter start.

A writer opens the plan with `context.open_services` and calls the services the window and the
command line call (create, update, delete, mark, import) until it is killed. Around each call
it writes one line to a pipe (one `os.write`, so a line arrives whole or not at all):

    B <action as JSON>   about to call the service
    D                    the call returned: the person now sees the action as saved

After each kill the file must pass `PRAGMA integrity_check` and hold exactly the confirmed
actions, plus the one in flight either whole or not at all. "Whole" is checkable because every
activity names its parts: its notes say how many changed occurrences it has, and each of those
is titled "<title> r<revision>", so an edit that stopped halfway shows as a count or a
revision that does not match.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sqlite3
import sys
import time
import traceback
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft, OccurrenceOverride
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import Plan, PlanDraft
from planner.domain.timezones import zone_info
from planner.services import context
from planner.services.interop import ExportRequest

from tests.zones import BERLIN, NOW

START = date(2026, 11, 2)
REPEATS = 6  # occurrences of each repeating activity
MAX_ACTIVITIES = 60  # beyond this, writers mostly delete, so each check stays cheap
STALL_SECONDS = 60.0  # a writer silent this long is stuck, not slow

Action = dict[str, Any]


# --- the writer (a forked child) ---------------------------------------------------------------


def say(out: int, line: str) -> None:
    os.write(out, (line + "\n").encode())


def write_until_killed(path: Path, work: Path, seed: int, round_: int, out: int) -> None:
    rng = random.Random(f"{seed}:{round_}")
    services = context.open_services(path, FixedClock(NOW))
    plan = services.plans.require()
    known = {a.title: a for a in services.interop.select_for_export(plan, ExportRequest())}
    for count in range(1_000_000):
        label = f"{round_}.{count}"
        kinds = ["create", "import"]
        if known:
            kinds += ["update", "mark", "delete"]
        weights = {"create": 3, "import": 1, "update": 3, "mark": 3, "delete": 2}
        if len(known) > MAX_ACTIVITIES:
            weights["delete"] = 12
        kind = rng.choices(kinds, [weights[k] for k in kinds])[0]
        if kind == "create":
            draft = new_draft(rng, f"a{label}")
            say(out, "B " + json.dumps(as_action("create", draft.title, 0, draft)))
            activity, _ = services.activities.create(plan, draft)
            known[activity.title] = activity
        elif kind == "update":
            before = known[rng.choice(sorted(known))]
            draft = edited(rng, before)
            say(
                out,
                "B " + json.dumps(as_action("update", before.title, before.revision + 1, draft)),
            )
            known[before.title], _ = services.activities.update(plan, before.uid, draft)
        elif kind == "delete":
            gone = known.pop(rng.choice(sorted(known)))
            say(out, "B " + json.dumps({"do": "delete", "label": gone.title}))
            services.activities.delete(plan, gone.uid)
        elif kind == "mark":
            mark(rng, services, plan, known, out)
            continue  # mark() says B and D itself (or nothing, when there was nothing to mark)
        else:
            items = import_calendar(rng, work / f"{label}.ics", f"i{label}", known)
            say(out, "B " + json.dumps({"do": "import", "items": items}))
            services.importer.import_file(work / f"{label}.ics")
            known = {a.title: a for a in services.interop.select_for_export(plan, ExportRequest())}
        say(out, "D")


def as_action(kind: str, label: str, revision: int, draft: ActivityDraft) -> Action:
    return {"do": kind, "label": label, "revision": revision, "overrides": len(draft.overrides)}


def new_draft(rng: random.Random, label: str) -> ActivityDraft:
    start = datetime.combine(START + timedelta(days=rng.randrange(20)), datetime.min.time())
    start = start.replace(hour=7 + rng.randrange(12), tzinfo=BERLIN)
    repeating = rng.random() < 0.7
    draft = ActivityDraft(
        title=label,
        category=rng.choice(list(Category)),
        step=StepNumber(1 + rng.randrange(11)),
        start=start,
        end=start + timedelta(minutes=30 + 15 * rng.randrange(4)),
        all_day=False,
        zone="Europe/Berlin",
        location="",
        rrule=f"FREQ=DAILY;COUNT={REPEATS}" if repeating else None,
    )
    return with_overrides(rng, draft, 0)


def edited(rng: random.Random, before: Activity) -> ActivityDraft:
    draft = replace(before.draft(), location=f"Place {rng.randrange(100)}")
    return with_overrides(rng, draft, before.revision + 1)


def with_overrides(rng: random.Random, draft: ActivityDraft, revision: int) -> ActivityDraft:
    """A new set of changed occurrences, titled with the revision they belong to."""
    count = rng.randrange(4) if draft.rrule else 0
    assert isinstance(draft.start, datetime)
    zone = zone_info(draft.zone)
    first = draft.start.astimezone(zone).replace(tzinfo=None)
    overrides = []
    for day in sorted(rng.sample(range(REPEATS), count)):
        key = first + timedelta(days=day)
        moved = key.replace(tzinfo=zone) + timedelta(hours=1)
        overrides.append(
            OccurrenceOverride(
                key, moved, moved + timedelta(minutes=20), f"{draft.title} r{revision}"
            )
        )
    return replace(draft, notes=f"overrides={count}", overrides=tuple(overrides))


def mark(
    rng: random.Random,
    services: context.Services,
    plan: Plan,
    known: dict[str, Activity],
    out: int,
) -> None:
    chosen = known[rng.choice(sorted(known))]
    assert isinstance(chosen.start, datetime)
    first = chosen.start.astimezone(plan.tz).date()
    shown = [
        o
        for o in services.calendar.occurrences(plan, first, first + timedelta(days=REPEATS + 1))
        if o.activity.uid == chosen.uid
    ]
    if not shown:
        return
    occurrence = rng.choice(shown)
    status = rng.choice([Status.DONE, Status.DONE, Status.SKIPPED, Status.PLANNED])
    reflection = None
    if status is Status.DONE and rng.random() < 0.7:
        reflection = Reflection(f"{chosen.title} went well", 1 + rng.randrange(5), "Breathe.")
    key = occurrence.key
    action = {
        "do": "mark",
        "label": chosen.title,
        "key": key.isoformat(timespec="seconds") if isinstance(key, datetime) else key.isoformat(),
        "status": status.value,
    }
    say(out, "B " + json.dumps(action))
    services.progress.mark(plan, occurrence, status, reflection, discard_reflection=True)
    say(out, "D")


def import_calendar(
    rng: random.Random, target: Path, batch: str, known: dict[str, Activity]
) -> dict[str, list[int]]:
    """A new batch of events, or a newer SEQUENCE of a batch imported before (an update)."""
    earlier = sorted({label.rsplit(".", 1)[0] for label in known if label.startswith("i")})
    if earlier and rng.random() < 0.4:
        batch = rng.choice(earlier)
        labels = sorted(label for label in known if label.rsplit(".", 1)[0] == batch)
        sequence = max(known[label].revision for label in labels) + 1
    else:
        labels = [f"{batch}.{index}" for index in range(2 + rng.randrange(10))]
        sequence = 0
    items: dict[str, list[int]] = {}
    events = []
    for label in labels:
        slot = random.Random(label)  # the same start for every import of this event
        start = datetime(2026, 11, 3 + slot.randrange(20), 6 + slot.randrange(12), 0)
        repeating = slot.random() < 0.6
        changed = sorted(rng.sample(range(REPEATS), rng.randrange(4))) if repeating else []
        items[label] = [sequence, len(changed)]
        events.append(
            vevent(label, label, start, sequence, f"overrides={len(changed)}", repeating, None)
        )
        for day in changed:
            key = start + timedelta(days=day)
            events.append(
                vevent(
                    label,
                    f"{label} r{sequence}",
                    key + timedelta(hours=2),
                    sequence,
                    "",
                    False,
                    key,
                )
            )
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kill test//EN\r\n"
    target.write_text(text + "".join(events) + "END:VCALENDAR\r\n", encoding="utf-8")
    return items


def vevent(
    uid: str,
    title: str,
    start: datetime,
    sequence: int,
    notes: str,
    repeating: bool,
    instance: datetime | None,
) -> str:
    def utc(moment: datetime) -> str:
        return moment.strftime("%Y%m%dT%H%M%SZ")

    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@kill.example",
        "DTSTAMP:20261120T101500Z",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(start + timedelta(minutes=45))}",
        f"SUMMARY:{title}",
        f"DESCRIPTION:{notes}",
        f"LOCATION:Version {sequence}",  # a re-import always changes something
        f"SEQUENCE:{sequence}",
        *([f"RRULE:FREQ=DAILY;COUNT={REPEATS}"] if repeating else []),
        *([f"RECURRENCE-ID:{utc(instance)}"] if instance is not None else []),
        "END:VEVENT",
    ]
    return "".join(line + "\r\n" for line in lines)


# --- what the file holds, and what it must hold -------------------------------------------------


@dataclass
class State:
    """Activities by title -> [revision, changed occurrences]; marks by (title, key) -> status."""

    activities: dict[str, list[int]] = field(default_factory=dict)
    marks: dict[tuple[str, str], str] = field(default_factory=dict)

    def after(self, actions: list[Action]) -> State:
        state = State(dict(self.activities), dict(self.marks))
        for action in actions:
            kind, label = action["do"], action.get("label")
            if kind in ("create", "update"):
                state.activities[label] = [action["revision"], action["overrides"]]
            elif kind == "delete":
                del state.activities[label]
                state.marks = {key: v for key, v in state.marks.items() if key[0] != label}
            elif kind == "import":
                for item, value in action["items"].items():
                    state.activities[item] = list(value)
            elif action["status"] == Status.PLANNED.value:
                state.marks.pop((label, action["key"]), None)
            else:
                state.marks[(label, action["key"])] = action["status"]
        return state


def stored(path: Path) -> tuple[State, list[str]]:
    """What the file holds after a kill, and every way it is broken or half-written.

    Read-only, so this check neither checkpoints nor removes the -wal the writer left: the next
    writer's open_services must recover it, as the app does after a crash.
    """
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    problems: list[str] = []
    state = State()
    try:
        checked = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if checked != ["ok"]:
            problems.append(f"integrity_check: {checked[:5]}")
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems.append(f"rows whose activity is gone: {orphans[:5]}")
        overrides: dict[str, list[str]] = {}
        for uid, title in connection.execute("SELECT activity_id, title FROM occurrence_override"):
            overrides.setdefault(uid, []).append(title)
        titles = {}
        for uid, title, notes, revision in connection.execute(
            "SELECT uid, title, notes, revision FROM activity"
        ):
            titles[uid] = title
            parts = overrides.get(uid, [])
            expected = int(notes.removeprefix("overrides="))
            if len(parts) != expected or any(part != f"{title} r{revision}" for part in parts):
                problems.append(f"half-written: {title} r{revision} says {notes}, has {parts}")
            state.activities[title] = [revision, expected]
        for uid, key, status, reflection, mood in connection.execute(
            "SELECT activity_id, recurrence_id, status, reflection, mood FROM completion"
        ):
            state.marks[(titles[uid], key)] = status
            if reflection and not (reflection.startswith(titles[uid]) and mood):
                problems.append(f"half-written reflection on {titles[uid]}: {reflection!r}")
    finally:
        connection.close()
    return state, problems


def differences(found: State, wanted: State) -> dict[str, Any]:
    def diff(a: dict[Any, Any], b: dict[Any, Any]) -> dict[str, Any]:
        return {
            str(key): {"found": a.get(key), "wanted": b.get(key)}
            for key in sorted(set(a) | set(b), key=str)
            if a.get(key) != b.get(key)
        }

    return {
        "activities": diff(found.activities, wanted.activities),
        "marks": diff(found.marks, wanted.marks),
    }


# --- the driver -------------------------------------------------------------------------------


class Lines:
    """Lines from the writer's pipe, read as they arrive."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.lines: list[str] = []
        self.closed = False

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.closed = True
        self.buffer += chunk
        *whole, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode() for line in whole)

    def begun(self) -> int:
        return sum(1 for line in self.lines if line.startswith("B "))


def parse(lines: list[str]) -> tuple[list[Action], Action | None]:
    """The confirmed actions, and the one in flight when the writer was killed (if any)."""
    confirmed: list[Action] = []
    in_flight: Action | None = None
    for line in lines:
        if line.startswith("B "):
            in_flight = json.loads(line[2:])
        elif line == "D" and in_flight is not None:
            confirmed.append(in_flight)
            in_flight = None
    return confirmed, in_flight


def kill_one(
    path: Path, work: Path, seed: int, round_: int, rng: random.Random
) -> tuple[list[str], int]:
    """Fork a writer, let it begin a random number of actions, kill it a moment later."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_end)
        code = 0
        try:
            write_until_killed(path, work, seed, round_, write_end)
        except BaseException:
            traceback.print_exc()
            code = 70
        os._exit(code)
    os.close(write_end)
    lines = Lines(read_end)
    wanted = rng.randrange(6)  # 0: kill while it opens the file (and recovers the last kill)
    waited = time.monotonic()
    while lines.begun() < wanted and not lines.closed:
        if time.monotonic() - waited > STALL_SECONDS:
            break
        lines.read(1.0)
    time.sleep(rng.uniform(0, 0.015))  # somewhere inside the action (or just after it)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while not lines.closed:
        lines.read(STALL_SECONDS)
    os.close(read_end)
    return lines.lines, status


def run(path: Path, work: Path, seed: int, kills: int) -> dict[str, Any]:
    rng = random.Random(seed)
    services = context.open_services(path, FixedClock(NOW))
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), START, "Europe/Berlin"))
    services.close()
    state = State()
    summary: dict[str, Any] = {"seed": seed, "kills": 0, "confirmed": 0}
    summary |= {"in_flight": 0, "saved_before_confirmed": 0, "by_action": {}}
    for round_ in range(kills):
        lines, status = kill_one(path, work, seed, round_, rng)
        report = {"seed": seed, "round": round_, "log": lines[-12:]}
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            return {"error": "the writer stopped by itself (see stderr)", **report}
        confirmed, in_flight = parse(lines)
        found, problems = stored(path)
        if problems:
            return {"error": "the file is damaged or half-written", "problems": problems, **report}
        wanted = state.after(confirmed)
        if found == wanted:
            pass
        elif in_flight is not None and found == wanted.after([in_flight]):
            summary["saved_before_confirmed"] += 1
        else:
            return {
                "error": "the file does not hold exactly the confirmed actions",
                "in_flight": in_flight,
                "differences": differences(found, wanted),
                **report,
            }
        state = found
        summary["kills"] += 1
        summary["confirmed"] += len(confirmed)
        summary["in_flight"] += in_flight is not None
        for action in confirmed:
            summary["by_action"][action["do"]] = summary["by_action"].get(action["do"], 0) + 1
    summary["activities"] = state.activities
    summary["marks"] = {status.value: 0 for status in (Status.DONE, Status.SKIPPED)}
    for status in state.marks.values():
        summary["marks"][status] += 1
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="a folder for .ics files")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--kills", type=int, required=True)
    args = parser.parse_args(argv)
    result = run(args.db, args.work, args.seed, args.kills)
    sys.stdout.write(json.dumps(result) + "\n")
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
