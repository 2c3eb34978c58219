"""The command line (programs, demo, add, list, export, import, mark, progress, check); never Qt.

This contract is relied on by scripts outside the test suite; keep its options and output stable.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import json
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from planner import __version__, paths
from planner.domain import milestones, recurrence
from planner.domain.activities import EARLIEST_YEAR, LATEST_YEAR, Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.plans import Plan, PlanDraft, SetAside
from planner.domain.text import shows_something
from planner.domain.timezones import (
    local_day,
    normalized,
    place_zone,
    plus_elapsed,
    system_zone_name,
    zone_info,
)
from planner.errors import (
    DamagedDatabaseError,
    InvalidInputError,
    PlannerError,
    ReflectionWouldBeLostError,
    StorageError,
)
from planner.services import calendar, context, programs

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from zoneinfo import ZoneInfo

    from planner.clock import Clock

LIST_FIELDS = ("uid", "start", "end", "title", "category", "step", "status")
#: `check` and `list` without --to look at eight weeks: the first day and the 55 after it.
CHECK_DAYS = 56


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump), as the contract promises, and options
    only as written: an abbreviation (`--fr` for `--from`) that works today would stop
    working, or change meaning, the day another option begins the same way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # "--from '2026-02-30' is not a real date", as `add` says it of --start: argparse's
        # "argument --from: ..." reads as the program's jargon.
        choice = re.match(
            r"^argument ([^:]+): invalid choice: (.+?) \(choose from (.+)\)$", message
        )
        if choice is not None:
            what, given, allowed = choice.groups()
            allowed = allowed.replace("'", "")
            if what == "COMMAND":
                message = f"{given} is not a command; the commands are: {allowed}"
            else:
                message = f"{what} {given} is not one of: {allowed}"
        else:
            message = re.sub(r"^argument ([^:]+): ", r"\1 ", message)
        self.exit(2, f"rekindle: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rekindle",
        description="Rekindle: plan reconnecting after a breakup, step by step.",
    )
    parser.add_argument("--version", action="version", version=f"rekindle {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="database file (default: in your data folder)")  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("programs", help="list the built-in programs")

    demo_cmd = commands.add_parser("demo", help="create a demo plan with eight weeks of activities")
    _db_option(demo_cmd)
    demo_cmd.add_argument("--program", default=programs.DEFAULT_PROGRAM, metavar="ID",
                          help="a program id, as `rekindle programs` lists them "
                          f"(default: {programs.DEFAULT_PROGRAM})")  # fmt: skip
    demo_cmd.add_argument(
        "--start", type=_date, metavar="YYYY-MM-DD",
        help="first day (default: the Monday two weeks ago, so it has a past)",
    )  # fmt: skip
    demo_cmd.add_argument(
        "--tz", metavar="ZONE", help="IANA time zone, e.g. Europe/Berlin (default: this computer's)"
    )

    add = commands.add_parser("add", help="add an activity and print its UID")
    _db_option(add)
    add.add_argument("--title", required=True, help="what it is called")
    add.add_argument("--category", required=True, help="one of: " + ", ".join(_category_ids()))
    add.add_argument("--start", required=True, help="ISO date or date-time")
    add.add_argument("--end", help="ISO date or date-time (default: the category's usual length)")
    add.add_argument("--all-day", action="store_true", help="dates only; the end day is included")
    add.add_argument("--step", type=int, help="step number (default: the step you are on)")
    add.add_argument("--rrule", help="RFC 5545 repeat rule, e.g. FREQ=WEEKLY;COUNT=8")
    add.add_argument("--notes", default="", help="private notes")
    add.add_argument("--location", default="", help="where (optional)")

    list_cmd = commands.add_parser("list", help="print the occurrences that start in a window")
    _db_option(list_cmd)
    list_cmd.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                          help="first day (default: today)")  # fmt: skip
    list_cmd.add_argument(
        "--to", dest="last", type=_date, metavar="YYYY-MM-DD",
        help="last day, included (default: eight weeks from the first day)",
    )  # fmt: skip
    list_cmd.add_argument("--format", choices=("tsv", "json"), default="tsv",
                          help="tab-separated lines (default), or json")  # fmt: skip

    export = commands.add_parser("export", help="write activities to an .ics calendar file")
    _db_option(export)
    export.add_argument("--out", required=True, type=_file_name, metavar="FILE.ics",
                        help="the .ics file to write (- for standard output)")  # fmt: skip
    export.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                        help="first day (without --from and --to: everything)")  # fmt: skip
    export.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD", help="last day")
    export.add_argument("--step", dest="steps", type=int, action="append", default=[], metavar="N",
                        help="only this step (repeatable)")  # fmt: skip
    export.add_argument("--category", dest="categories", nargs="+", action="extend", default=[],
                        metavar="ID", help="only these categories: "
                        + ", ".join(c.value for c in Category))  # fmt: skip
    export.add_argument("--include-notes", action="store_true",
                        help="also export private notes and your partner's name")  # fmt: skip
    export.add_argument("--disguise", action="store_true",
                        help="neutral titles, for a calendar others can see")  # fmt: skip

    import_cmd = commands.add_parser("import", help="add or update activities from an .ics file")
    _db_option(import_cmd)
    import_cmd.add_argument("file", type=Path, metavar="FILE.ics")
    import_cmd.add_argument("--step", type=int, help="put every event on this step")
    import_cmd.add_argument("--category", help="category for events that name none of ours")

    mark = commands.add_parser("mark", help="mark one occurrence done, skipped or planned")
    _db_option(mark)
    mark.add_argument("--uid", required=True, help="the activity's UID, as `list` prints it")
    mark.add_argument("--start", required=True, help="the occurrence's start, as `list` prints it")
    mark.add_argument("status", choices=[s.value for s in Status])
    mark.add_argument("--reflection", help="how it went (private)")
    mark.add_argument("--mood", type=int, help="1 (heavy) to 5 (light), as the app words them")
    mark.add_argument("--learned", help="what I learned, in a line (private)")
    mark.add_argument(
        "--discard-reflection",
        action="store_true",
        help="allow marking skipped or planned over a reflection you wrote (it is removed)",
    )

    progress = commands.add_parser("progress", help="print how far each step has come")
    _db_option(progress)
    progress.add_argument("--format", choices=("text", "json"), default="text",
                          help="text for reading (default), json for scripts")  # fmt: skip

    check = commands.add_parser(
        "check", help="print pacing advice for a window (advice, not errors: exit status 0)"
    )
    _db_option(check)
    check.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                       help="first day (default: today)")  # fmt: skip
    check.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD",
                       help="last day (default: eight weeks from the first day)")  # fmt: skip
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for reading (default), json for scripts")  # fmt: skip
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = build_parser()
    tokens = list(sys.argv[1:] if argv is None else argv)
    _refuse_unknown_options(parser, tokens)
    return parser.parse_args(tokens)


def _refuse_unknown_options(parser: argparse.ArgumentParser, tokens: list[str]) -> None:
    """Name an option mistyped (`--titl`) before argparse does: it says first what is then
    missing ("the following arguments are required: --title"), or that the value after an
    unknown option (`--data x`) is not a command."""
    commands = next(
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    current, name = parser, ""
    values = iter(tokens)
    for token in values:
        if token == "--":
            return
        if not token.startswith("--"):
            if current is parser:
                if token not in commands:
                    return  # a mistyped command: argparse names it, and the commands
                current, name = commands[token], token
            continue
        option = token.split("=", 1)[0]
        action = current._option_string_actions.get(option)
        if action is None:
            import difflib  # only here: it is not needed to start the window

            known = [o for o in current._option_string_actions if o.startswith("--")]
            close = difflib.get_close_matches(option, known, n=1)
            where = f" of `{name}`" if name else ""
            hint = f"; did you mean {close[0]}?" if close else ""
            parser.error(f"{option} is not an option{where}{hint}")
        if action.nargs is None and "=" not in token:
            next(values, None)  # its value, whatever it looks like


def run(args: argparse.Namespace, *, clock: Clock) -> int:
    """Run a parsed subcommand; plain one-line errors, exit status 1."""
    try:
        return _COMMANDS[args.command](args, clock)
    except PlannerError as error:
        # One line, always: messages may quote user input that holds line breaks.
        message = " ".join(error.message.split())
        if isinstance(error, DamagedDatabaseError):
            message += (
                " The Rekindle window offers the ways back: a backup, or a repair when only"
                " words were damaged."
            )
        print(f"rekindle: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # the reader went away: the caller stops quietly
    except OSError as error:
        if not error.filename:
            print(f"rekindle: {output_failed(error)}", file=sys.stderr)
            return 1
        # A path the system refuses (a name too long, a folder that may not be searched).
        print(f"rekindle: Cannot use {error.filename}: {error.strerror or error}.", file=sys.stderr)
        return 1


def _print_json(data: object) -> None:
    """JSON for scripts: text as it is, or escaped as JSON escapes it (\u00e9) where the
    output cannot hold it (a Latin-1 or ASCII pipe); never the stand-ins other output gets,
    which are no JSON."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    whole = codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32")
    print(json.dumps(data, ensure_ascii=not whole, indent=2))


def output_failed(error: OSError) -> str:
    """What to say when what a command prints could not be written (output sent to a full
    disk): a script must not run it again, as if nothing had been saved."""
    return (
        f"Could not print the result: {error.strerror or error}. "
        "Anything the command changed is saved."
    )


def _exists(path: Path) -> bool:
    """Whether something is at `path`; a path the system refuses to look at is not there
    (opening it then says why, in plain words)."""
    try:
        return path.exists()
    except OSError:
        return False


def _db_option(parser: argparse.ArgumentParser) -> None:
    # Accept --db after the subcommand too; SUPPRESS keeps a global --db when not repeated.
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="database file (default: in your data folder)")  # fmt: skip


@contextlib.contextmanager
def _session(
    args: argparse.Namespace, clock: Clock, *, create: bool = True
) -> Iterator[context.Services]:
    """Open the plan file for one command, and close it after.

    A file this command created is removed again if the command fails while it still holds
    no plan, so a mistyped command never leaves an empty plan file behind (and never takes
    away one that another command, run at the same moment, has saved a plan in).
    """
    path = Path(args.db or paths.default_database_path()).expanduser()
    existed = _exists(path)
    try:
        services = context.open_services(path, clock, create=create)
    except BaseException:
        if not existed and _exists(path) and path.stat().st_size == 0:
            paths.remove_database(path)  # made, then refused (a full disk): not left empty
        raise
    try:
        yield services
    except BaseException:
        if existed:
            services.close()
        else:
            services.discard_if_unused()
        raise
    services.close()


def _cmd_programs(_args: argparse.Namespace, _clock: Clock) -> int:
    for program in programs.builtin_programs():
        print(f"{program.id}\t{program.name}\t{len(program.steps)} steps")
    return 0


def _cmd_demo(args: argparse.Namespace, clock: Clock) -> int:
    from planner.services import demo  # its commands alone need it: the window starts sooner

    program = programs.get_program(args.program)
    zone = args.tz or system_zone_name()  # `--tz "$TZ"` with TZ unset: this computer's
    place_zone(zone)  # an unknown zone is reported before any file is touched
    start = args.start or demo.default_start(clock.today(zone_info(zone)))
    if start.year > LATEST_YEAR - 1:  # its weeks and yearly days must fit before the last
        raise InvalidInputError(
            f"--start {start.isoformat()} is too late for a demo: start it before {LATEST_YEAR}."
        )
    with _session(args, clock) as services:
        if services.plans.current() is not None:
            where = Path(args.db or paths.default_database_path()).expanduser()
            raise InvalidInputError(f"{where} already holds a plan; give the demo a new file.")
        plan = services.seed_demo(PlanDraft(program.id, start, zone))
    print(f"Created the demo plan '{plan.name}' starting {start.isoformat()} in {zone}.")
    return 0


def _cmd_add(args: argparse.Namespace, clock: Clock) -> int:
    category = Category.from_id(args.category)
    with _session(args, clock) as services:

        def draft(plan: Plan) -> ActivityDraft:
            # Without --step: the step you are on, as the window's New Activity has it.
            given = args.step is not None
            if not given:  # past the steps the days lived completed, as the window has it
                services.progress.record_days_lived(plan)
            step = StepNumber(args.step) if given else services.progress.step_you_are_on(plan)
            return _draft_from_args(args, plan, category, step)

        had_plan = services.plans.current() is not None
        activity, _ = services.activities.create_ensuring_plan(services.plans, draft)
        plan = services.plans.require()
    print(activity.uid)
    notes = _add_notes(args.start, activity)
    if not had_plan:
        notes.insert(0, _new_plan_note(args, plan))
    if plan.boundary_reason is SetAside.ASKED and activity.category.involves_contact:
        # As the window says it: kept as planned, with the request in mind.
        notes.append(
            "your partner asked for no contact. This stays planned as you wrote it; Rekindle "
            "only suggests waiting until they say contact is welcome again."
        )
    for note in notes:
        # stderr, so a script reading the UID from stdout gets exactly that.
        print(f"rekindle: note: {note}", file=sys.stderr)
    return 0


def _new_plan_note(args: argparse.Namespace, plan: Plan) -> str:
    """Said when a command found no plan and started one: a mistyped --db lands here."""
    where = Path(args.db or paths.default_database_path()).expanduser()
    program = programs.get_program(plan.program_id).name
    return (
        f"there was no plan in {where}, so a new one was started there "
        f"({program}, times in {plan.zone})."
    )


def _add_notes(typed: str, activity: Activity) -> list[str]:
    """What `add` did with the start that the person may not expect: a time the clocks skip
    on that night, or a first day the repeat rule leaves out."""
    notes = []
    start = activity.start
    zone = zone_info(activity.zone)
    day = local_day(start, zone)
    first = (
        recurrence.first_start(activity.rrule, start=start, zone=zone) if activity.rrule else day
    )
    if isinstance(start, datetime) and first == day:  # else nothing happens on that night
        asked = datetime.fromisoformat(typed.strip())
        real = normalized(start.astimezone(zone))
        if (
            activity.rrule is not None
            and asked.tzinfo is not None
            and asked.astimezone(UTC) != start.astimezone(UTC)  # "!=" is never equal in a fold
        ):
            # Given in the second reading of a repeated hour: a series begins in the first.
            notes.append(
                f"{asked:%H:%M} happens twice on {recurrence.long_day(asked.date())} in "
                f"{activity.zone} (the clocks go back); a repeating activity begins at the "
                f"first of them, {start.isoformat(timespec='minutes')}."
            )
        if asked.tzinfo is None and asked.time() != real.time():
            planned = "that day it happens" if activity.rrule is not None else "it is planned"
            rest = f"; the other days keep {asked:%H:%M}" if activity.rrule is not None else ""
            notes.append(
                f"{asked:%H:%M} does not exist on {recurrence.long_day(asked.date())} in "
                f"{activity.zone} (the clocks go forward), so {planned} at {real:%H:%M}{rest}."
            )
    if first is not None and first != day:
        notes.append(
            f"{recurrence.long_day(day)} is not one of the days this repeats on, so the first "
            f"time is {recurrence.long_day(first)}."
        )
    return notes


def _cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from planner.services import interop  # its commands alone need it: the window starts sooner

    if args.include_notes and args.disguise:
        raise InvalidInputError(
            "--include-notes and --disguise do not go together: a calendar other people can "
            "see keeps your notes and your partner's name out."
        )
    request = interop.ExportRequest(
        first_day=args.first,
        last_day=args.last,
        steps=frozenset(args.steps),
        categories=interop.known_categories(args.categories),
        include_notes=args.include_notes,
        disguise=args.disguise,
    )
    to_output = str(args.out) == "-"  # as Unix tools read it, not a file called "-"
    with _session(args, clock, create=False) as services:
        plan = services.plans.require()
        if to_output:
            data, count, written = services.interop.export_bytes(plan, request)
        else:
            result = services.interop.export_file(plan, request, args.out)
            count, written = result.activities, result.events
    activities = _plural(count, "activity", "activities")
    events = _plural(written, "event", "events")
    if to_output:
        _write_whole(data)
        print(f"rekindle: exported {activities} ({events}).", file=sys.stderr)
    else:
        print(f"Exported {activities} ({events}) to {result.path}.")
    return 0


def _write_whole(data: bytes) -> None:
    """Write `data` to the output whole, or say it could not: on a full disk a write stops
    short without an error (a robustness audit saw 8 of 15 KB and "exported")."""
    sys.stdout.flush()
    stream = sys.stdout.buffer
    rest = memoryview(data)
    try:
        while rest:
            written = stream.write(rest)
            if not written:
                raise OSError(errno.ENOSPC, "no room left")
            rest = rest[written:]
        stream.flush()
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise  # the reader went away (`| head`): stopped quietly, as app.main does
        raise StorageError(
            f"The export could not be written whole ({error.strerror or error}); what was "
            "written is cut short. Is the disk full?"
        ) from None


def _cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    category = Category.from_id(args.category) if args.category else None
    given = Path(args.file).expanduser()
    if given.is_dir():
        raise InvalidInputError(f"{args.file} is a folder; please give a .ics file.")
    if given.exists() and not given.is_file():  # /dev/null, a pipe: not one to read whole
        raise InvalidInputError(f"{args.file} is not a file; please give a .ics file.")
    if not given.is_file():
        raise InvalidInputError(f"There is no file at {args.file}.")
    with _session(args, clock) as services:
        had_plan = services.plans.current() is not None
        report, _ = services.importer.import_file(args.file, step=args.step, category=category)
        if not had_plan:
            note = _new_plan_note(args, services.plans.require())
            print(f"rekindle: note: {note}", file=sys.stderr)
    print(
        f"Imported {args.file}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped."
    )
    for item in report.removed:  # counted as updated
        where = f"line {item.line}: " if item.line else ""
        print(f"  removed {where}{item.what}: {item.reason}")
    for item in report.skipped:
        where = f"line {item.line}: " if item.line else ""
        print(f"  skipped {where}{item.what}: {item.reason}")
    for item in report.marks_outlived:  # counted as updated
        print(f"  marked {item.what}: {item.reason}")
    for item in report.shortened:  # counted as added or updated
        print(f"  shortened {item.what}: {item.reason}")
    return 0


def _cmd_mark(args: argparse.Namespace, clock: Clock) -> int:
    status = Status(args.status)
    with _session(args, clock, create=False) as services:
        plan = services.plans.require()
        start = _moment(args.start, "--start", plan.tz)
        uid = args.uid.strip()
        if not uid:
            raise InvalidInputError("Give the activity's UID with --uid, as `list` prints it.")
        occurrence = services.progress.find(plan, ActivityUid(uid), start)
        # Over a reflection already written, an option changes only its own part.
        written = occurrence.reflection if status is Status.DONE else None
        reflection = _reflection_from_args(args, written)
        try:
            services.progress.mark(plan, occurrence, status, reflection,
                                   discard_reflection=args.discard_reflection)  # fmt: skip
        except ReflectionWouldBeLostError as error:
            raise ReflectionWouldBeLostError(
                f"{error.message} Add --discard-reflection to remove it anyway."
            ) from None
    print(f"Marked “{occurrence.title}” on {args.start.strip()} as {status.value}.")
    return 0


def _reflection_from_args(args: argparse.Namespace, written: Reflection | None) -> Reflection:
    """What `mark` was given, over `written`: an option changes its own part only, so
    `--mood 3` on a reflection already written keeps its words and its lesson."""
    kept = written or Reflection()
    return Reflection(
        text=args.reflection if args.reflection is not None else kept.text,
        mood=args.mood if args.mood is not None else kept.mood,
        learned=args.learned if args.learned is not None else kept.learned,
    )


def _cmd_progress(args: argparse.Namespace, clock: Clock) -> int:
    with _session(args, clock, create=False) as services:
        plan = services.plans.require()
        # A space period's days ran on. Only a record, which the next look makes: a busy or
        # full file still gets its report (it had failed whole: a data-safety trial), and
        # says it may be behind.
        try:
            if services.progress.record_days_lived(plan):
                plan = services.plans.require()
        except PlannerError as error:
            print(
                f"rekindle: note: {error.message} A step the days lived since the last look "
                "completed may not show as reached yet.",
                file=sys.stderr,
            )
        steps = services.progress.steps(plan)
        lessons = services.progress.lessons(plan)
        counts = services.progress.counts(plan)
        on_break_since = services.progress.paused_since(plan)
    report = {
        "plan": plan.name,
        "current_step": milestones.number_you_are_on(steps, plan.current_step),
        "done": counts[Status.DONE],
        "skipped": counts[Status.SKIPPED],
        # The break being taken, as the text says it (a trial: scripts could not see it).
        "on_break_since": on_break_since.isoformat() if on_break_since is not None else None,
        "steps": [
            {
                "number": step.number,
                "title": step.title,
                "criteria": [
                    {
                        "description": c.criterion.description,
                        "kind": c.criterion.kind,
                        "target": c.target,
                        "current": c.current,
                        "met": c.met,
                    }
                    for c in step.criteria
                ],
                "complete": step.complete,
                "completed_on": step.completed_on.isoformat() if step.completed_on else None,
                "completed_by_hand": step.completed_by_hand,
            }
            for step in steps
        ],
        "lessons": [{"text": lesson.text, "date": lesson.day.isoformat()} for lesson in lessons],
    }
    if args.format == "json":
        _print_json(report)
        return 0
    print(f"{plan.name}: {report['done']} done, {report['skipped']} skipped.")
    if on_break_since is not None:  # as the window's status bar says it
        print(
            f"On a break since {on_break_since.isoformat()}: nothing counts for or against "
            "you until you come back."
        )
    for step in steps:
        mark = "✓" if step.complete else " "
        since = ""
        if step.completed_on is not None:  # worded as the progress page words it
            how = "marked complete" if step.completed_by_hand else "reached"
            since = f" ({how} {step.completed_on.isoformat()})"
        print(f"[{mark}] Step {step.number}: {step.title}{since}")
        for c in step.criteria:
            print(f"      {c.current}/{c.target}  {c.criterion.description}")  # as in JSON
    if lessons:
        print("Lessons learned:")
        for lesson in lessons:
            print(f"  {lesson.day.isoformat()}  {lesson.text}")
    return 0


def _cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    if args.first is not None and args.last is not None and args.last < args.first:
        raise InvalidInputError("--to cannot be before --from.")
    with _session(args, clock, create=False) as services:
        plan = services.plans.current()
        if plan is None:
            window = calendar.CalendarWindow(())
        else:  # without --from and --to, the eight weeks from today, as `check` reads
            first, last = _window_from(args, clock.today(plan.tz))
            window = services.calendar.window(plan, first, last, starting_only=True)
        rows = [_ListRow.of(occurrence, plan) for occurrence in window.occurrences if plan]
    if args.format == "json":
        _print_json([row.as_dict() for row in rows])
    else:
        for row in rows:
            print("\t".join(_tsv_cell(value) for value in row.as_dict().values()))
    if not window.complete:
        # stderr, so the rows scripts read stay exactly as they were.
        print(f"rekindle: note: {_truncation_note(window)}", file=sys.stderr)
    return 0


def _cmd_check(args: argparse.Namespace, clock: Clock) -> int:
    if args.first is not None and args.last is not None and args.last < args.first:
        raise InvalidInputError("--to cannot be before --from.")
    with _session(args, clock, create=False) as services:
        plan = services.plans.current()
        if plan is None:
            rows: list[dict[str, str]] = []
            window = None
        else:
            first, last = _window_from(args, clock.today(plan.tz))
            program = programs.get_program(plan.program_id)
            rows = [
                {
                    "uid": flag.uid,
                    "start": _start_text(flag.occurrence, plan),
                    "rule": flag.rule.value,
                    "reason": services.advice.explain(flag, program),
                }
                for flag in services.advice.flags(plan, first, last)
            ]
            window = (first, last)
    if args.format == "json":
        _print_json(rows)
        return 0
    if window is None:
        print("This file holds no plan yet, so there is nothing to check.")
    elif not rows:
        first, last = window
        print(
            f"Nothing to flag from {first.isoformat()} to {last.isoformat()}: "
            "the pace leaves room to breathe."
        )
    for row in rows:
        print(f"{row['start']}  {row['rule']:<9}  {row['reason']}")
    return 0


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _window_from(args: argparse.Namespace, today: date) -> tuple[date, date]:
    """The days `check` and `list` read: --from (default today) to --to (default eight
    weeks from the first day)."""
    first: date = args.first if args.first is not None else today
    if args.last is None:
        return first, min(first + timedelta(days=CHECK_DAYS - 1), date(LATEST_YEAR, 12, 31))
    if args.last < first:
        raise InvalidInputError(
            f"--to {args.last.isoformat()} is before today ({first.isoformat()}), where "
            f"`{args.command}` starts without --from."
        )
    return first, args.last


def _start_text(occurrence: Occurrence, plan: Plan) -> str:
    """An occurrence's start as `list` prints it: ISO with offset in the plan's zone, or a date."""
    if isinstance(occurrence.start, datetime):
        return occurrence.start.astimezone(plan.tz).isoformat(timespec="seconds")
    return occurrence.start.isoformat()


def _truncation_note(window: calendar.CalendarWindow) -> str:
    """One gentle line saying which series were cut short in a long window."""
    limit = f"{window.limit:,}"
    if len(window.truncated) == 1:
        title = " ".join(window.truncated[0].title.split())
        return (
            f"“{title}” repeats more than {limit} times in these days, so only its first "
            f"{limit} are listed; a shorter --from/--to range shows them all."
        )
    return (
        f"{len(window.truncated)} repeating activities have more than {limit} occurrences in "
        f"these days, so only the first {limit} of each are listed; a shorter --from/--to "
        "range shows them all."
    )


@dataclass(frozen=True, slots=True)
class _ListRow:
    uid: str
    start: str
    end: str
    title: str
    category: str
    step: int
    status: str

    @classmethod
    def of(cls, occurrence: Occurrence, plan: Plan) -> _ListRow:
        activity = occurrence.activity
        if isinstance(occurrence.end, datetime):
            end = occurrence.end.astimezone(plan.tz).isoformat(timespec="seconds")
        else:
            end = (occurrence.end - timedelta(days=1)).isoformat()  # the last day, included
        return cls(
            activity.uid,
            _start_text(occurrence, plan),
            end,
            occurrence.title,
            activity.category.id,
            activity.step,
            occurrence.status.value,
        )

    def as_dict(self) -> dict[str, str | int]:
        return {name: getattr(self, name) for name in LIST_FIELDS}


def _draft_from_args(
    args: argparse.Namespace, plan: Plan, category: Category, step: StepNumber
) -> ActivityDraft:
    if not shows_something(args.title):  # blanks or invisible marks alone (U+200B)
        raise InvalidInputError("Please give the activity a title.")
    zone = plan.tz
    start = _moment(args.start, "--start", zone)
    all_day = args.all_day or not isinstance(start, datetime)
    if all_day:
        if isinstance(start, datetime):
            raise InvalidInputError("With --all-day, give --start as a date (YYYY-MM-DD).")
        if args.end is None:
            days = max(category.typical_duration.days, 1) if category.usually_all_day else 1
            end: datetime | date = start + timedelta(days=days)
        else:
            last = _moment(args.end, "--end", zone)
            if isinstance(last, datetime):
                raise InvalidInputError("With --all-day, give --end as a date (YYYY-MM-DD).")
            if last < start:
                raise InvalidInputError("The end cannot be before the start.")
            end = last + timedelta(days=1)  # the command line's end day is included
    else:
        assert isinstance(start, datetime)
        if args.end is None:
            end = plus_elapsed(normalized(start), category.typical_duration)
        else:
            end = _moment(args.end, "--end", zone)
            if not isinstance(end, datetime):
                raise InvalidInputError("Give --end as a date-time, like the start.")
            if end < start:
                raise InvalidInputError("The end cannot be before the start.")
    return ActivityDraft(
        title=args.title,
        category=category,
        step=step,
        start=start,
        end=end,
        all_day=all_day,
        zone=plan.zone,
        location=args.location,
        notes=args.notes,
        rrule=args.rrule,
    )


def _moment(text: str, option: str, zone: ZoneInfo) -> datetime | date:
    """An ISO date or date-time; a date-time without offset is in the plan's zone."""
    value = text.strip()
    moment: datetime | date
    try:
        if "T" not in value and " " not in value and len(value) <= 10:
            moment = date.fromisoformat(value)
        else:
            moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{option} '{text}' is not a real date or time (use e.g. 2026-12-01 or "
            "2026-12-01T09:00)."
        ) from None
    # Checked here, before any arithmetic: a time late on 9999-12-31 plus an hour, or early
    # on 0001-01-01 moved into a zone, is past what Python's datetime can hold.
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise InvalidInputError(
            f"{option} '{text}' is outside the years Rekindle can plan "
            f"({EARLIEST_YEAR}–{LATEST_YEAR})."
        )
    if isinstance(moment, datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _file_name(text: str) -> Path:
    """A file to write; an empty one (`--out ''`) is said as such, not as the folder "."."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a file name is needed, such as plan.ics")
    return Path(text)


def _date(text: str) -> date:
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a real date (use YYYY-MM-DD)") from None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(
            f"'{text}' is outside the years Rekindle can plan ({EARLIEST_YEAR}–{LATEST_YEAR})"
        )
    return value


def _tsv_cell(value: str | int) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _category_ids() -> list[str]:
    return [category.id for category in Category]


_COMMANDS = {
    "programs": _cmd_programs,
    "demo": _cmd_demo,
    "add": _cmd_add,
    "list": _cmd_list,
    "export": _cmd_export,
    "import": _cmd_import,
    "mark": _cmd_mark,
    "progress": _cmd_progress,
    "check": _cmd_check,
}
