"""Pacing advice for a window of days: the flags the pacing rules raise, and what they mean."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain import pacing
from planner.domain.activities import LATEST_YEAR
from planner.domain.categories import Category
from planner.domain.occurrences import Occurrence, Status
from planner.domain.pacing import (
    FrequencyDetail,
    GapDetail,
    OrderDetail,
    PacingFlag,
    PacingSettings,
    SpaceDetail,
)
from planner.services import programs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from planner.domain.ids import StepNumber
    from planner.domain.plans import Plan
    from planner.domain.programs import Program
    from planner.services.calendar import CalendarService
    from planner.services.progress import ProgressService

#: How far past the window a chain of space periods is followed to find the first free day.
SPACE_LOOKAHEAD = timedelta(days=400)
#: How many days are read at a time while following such a chain.
_SPACE_CHUNK = timedelta(days=62)

#: No chain of space is followed past the last year an activity may have.
_LAST_DAY = date(LATEST_YEAR, 12, 31)

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_KIND = "This is only a hint: you know your situation best."


def settings_of(plan: Plan) -> PacingSettings:
    """The pacing a plan asks for: its own choices where it made them, the defaults elsewhere."""
    gap = timedelta(hours=plan.min_gap_hours) if plan.min_gap_hours is not None else None
    return PacingSettings(
        contacts_per_week=plan.contacts_per_week,
        min_gap=gap if gap is not None else pacing.DEFAULT_MIN_GAP,
    )


@dataclass(frozen=True, slots=True)
class Survey:
    """A calendar's window of days, read once: the occurrences overlapping it (sorted) and the
    pacing flags on those starting in it (see `AdviceService.survey`)."""

    occurrences: tuple[Occurrence, ...]
    flags: tuple[PacingFlag, ...]


class AdviceService:
    """Reads occurrences through the calendar and runs the pacing rules over them."""

    def __init__(self, *, calendar: CalendarService, progress: ProgressService) -> None:
        self._calendar = calendar
        self._progress = progress

    def flags(
        self,
        plan: Plan,
        first_day: date,
        last_day: date,
        *,
        settings: PacingSettings | None = None,
    ) -> list[PacingFlag]:
        """Every flag on an occurrence starting on `first_day..last_day` (local days, inclusive).

        Occurrences from a week (plus the minimum gap) before the window are read too, so the
        rolling rules see what comes just before it; a chain of space periods running past the
        window is followed (up to SPACE_LOOKAHEAD) to find the first day free of it. The order
        rule reads which steps are complete (stored records: one small query, and only when
        the window holds an activity it concerns).
        """
        found = self._read(plan, first_day, last_day, settings)
        found += self._following_space(plan, found, last_day)
        return self._check(plan, found, first_day, last_day, settings)

    def survey(
        self,
        plan: Plan,
        first_day: date,
        last_day: date,
    ) -> Survey:
        """What a calendar shows for `first_day..last_day`, from one read: the occurrences
        overlapping those days and the flags on those starting in them.

        Cheaper than `occurrences` plus `flags`: the days are read once, and a stretch of space
        running past them is not followed. A space flag's `resume_on` may therefore be a day
        still inside a longer stretch; `completed` finds the real one before it is explained
        (only a flag someone reads needs it, and following a long chain costs many reads).
        """
        found = self._read(plan, first_day, last_day, None)
        window_start = datetime.combine(first_day, time(0), tzinfo=plan.tz)
        shown = tuple(o for o in found if _ends_after(o, first_day, window_start))
        flags = self._check(plan, found, first_day, last_day, None)
        return Survey(shown, tuple(flags))

    def completed(self, plan: Plan, flag: PacingFlag) -> PacingFlag:
        """`flag` as `flags` gives it: a space flag from `survey` gets the first day after the
        whole stretch of space it falls in (other flags are complete already)."""
        if flag.rule is not pacing.Rule.SPACE:
            return flag
        day = flag.occurrence.first_day(plan.tz)
        wanted = (flag.occurrence.activity.uid, flag.occurrence.key)
        for found in self.flags(plan, day, day):
            if found.rule is flag.rule and (found.uid, found.occurrence.key) == wanted:
                return found
        return flag

    def _read(
        self, plan: Plan, first_day: date, last_day: date, settings: PacingSettings | None
    ) -> list[Occurrence]:
        """The window's occurrences and those of the week (and minimum gap) before it."""
        chosen = settings or settings_of(plan)
        margin = pacing.WEEK + timedelta(days=chosen.min_gap.days + 1)
        return self._calendar.occurrences(plan, first_day - margin, last_day)

    def _check(
        self,
        plan: Plan,
        found: Sequence[Occurrence],
        first_day: date,
        last_day: date,
        settings: PacingSettings | None,
    ) -> list[PacingFlag]:
        """The rules over `found`, keeping the flags on occurrences starting in the window."""
        chosen = settings or settings_of(plan)
        program = programs.get_program(plan.program_id)
        zone = plan.tz
        in_window = [o for o in found if first_day <= o.first_day(zone) <= last_day]
        hinted = {hint.category for hint in program.order_hints}
        needs_complete = any(
            o.activity.category in hinted and o.status is not Status.SKIPPED for o in in_window
        )
        complete = self._progress.completed_steps(plan) if needs_complete else frozenset()
        flags = pacing.check(found, program=program, zone=zone, complete=complete, settings=chosen)
        # Contact set aside, nothing is said of contact: what shows of it is what happened
        # before (or earlier today, still to be marked), not a plan to pace.
        aside = plan.contact_set_aside
        return [
            f
            for f in flags
            if first_day <= f.occurrence.first_day(zone) <= last_day
            and not (aside and f.occurrence.activity.category.involves_contact)
        ]

    def explain(
        self, flag: PacingFlag, program: Program, write_day: Callable[[date], str] | None = None
    ) -> str:
        """A plain, kind sentence or two saying why the flag was raised (see `explain`)."""
        return explain(flag, program, write_day)

    def _following_space(
        self, plan: Plan, found: Sequence[Occurrence], last_day: date
    ) -> list[Occurrence]:
        """Space periods after `last_day` that continue a stretch of space reaching it."""
        zone = plan.tz
        seen = {(o.activity.uid, o.key) for o in found}
        spaces = [o for o in found if _is_space(o)]
        extra: list[Occurrence] = []
        read_to = last_day
        horizon = min(last_day, _LAST_DAY - SPACE_LOOKAHEAD) + SPACE_LOOKAHEAD
        while read_to < horizon:
            reach = max((o.last_day(zone) for o in spaces), default=None)
            if reach is None or reach < read_to:
                break  # nothing runs up to the edge of what was read
            until = min(read_to + _SPACE_CHUNK, horizon)
            later = self._calendar.occurrences(
                plan, read_to + timedelta(days=1), until, categories=(Category.SPACE,)
            )
            for occurrence in later:
                name = (occurrence.activity.uid, occurrence.key)
                if _is_space(occurrence) and name not in seen:
                    seen.add(name)
                    spaces.append(occurrence)
                    extra.append(occurrence)
            read_to = until
        return extra


def _ends_after(occurrence: Occurrence, first_day: date, window_start: datetime) -> bool:
    """Whether an occurrence reaches into days from `first_day` on (the calendar's own test)."""
    if isinstance(occurrence.end, datetime):
        return occurrence.end > window_start
    return occurrence.end > first_day


def explain(
    flag: PacingFlag, program: Program, write_day: Callable[[date], str] | None = None
) -> str:
    """Why a flag was raised, in plain, gentle, gender-neutral English (one line).

    The words follow the spirit of the programs: give space, be patient, reach out now and
    then and never intrusively. They describe a choice, never a failure. `write_day` writes
    a day ("Tuesday 8 December" by default; a window writes it in its computer's order).
    """
    title = f"“{flag.occurrence.title}”"
    detail = flag.detail
    if isinstance(detail, SpaceDetail):
        return _explain_space(title, detail, write_day or _day_text)
    if isinstance(detail, FrequencyDetail):
        return _explain_frequency(title, detail, program)
    if isinstance(detail, GapDetail):
        return _explain_gap(title, detail)
    return _explain_order(title, detail, program)


def _explain_space(title: str, detail: SpaceDetail, write_day: Callable[[date], str]) -> str:
    if detail.first_day == detail.last_day:
        when = f"on {write_day(detail.first_day)}"
    else:
        when = f"from {write_day(detail.first_day)} to {write_day(detail.last_day)}"
    return (
        f"{title} falls inside the time you set aside for space ({when}). Time apart lets "
        "feelings settle on both sides, and contact in the middle of it can feel like pressure. "
        f"You could move it to {write_day(detail.resume_on)}, the first day after the space, "
        "or keep it if it truly matters."
    )


def _explain_frequency(title: str, detail: FrequencyDetail, program: Program) -> str:
    pace = f"{_count_text(detail.limit)} a week"
    if detail.overridden:
        why = f"you chose a pace of at most {pace}"
    else:
        step = _step_text(program, detail.step)
        why = f"at {step} a gentle pace is at most {pace}"
    return (
        f"{title} would make {_count_text(detail.count)} contacts within seven days, and {why}. "
        "Reaching out now and then, never too often, leaves your partner room to answer in "
        "their own time."
    )


def _explain_gap(title: str, detail: GapDetail) -> str:
    previous = f"“{detail.previous.title}”"
    if detail.gap <= timedelta(0):
        when = f"is planned at the same time as {previous}"
    else:
        when = f"comes only {_span_text(detail.gap)} after {previous}"
    return (
        f"{title} {when}. Leaving at least {_span_text(detail.minimum)} between two contacts "
        "gives your partner time to breathe and to reply when they are ready; patience says "
        "more than persistence."
    )


def _explain_order(title: str, detail: OrderDetail, program: Program) -> str:
    waiting = _steps_text(program, detail.waiting_on)
    verb = "is" if len(detail.waiting_on) == 1 else "are"
    if detail.category is Category.APOLOGY:
        lead = (
            f"An apology ({title}) means the most once the groundwork is done, and {waiting} "
            f"{verb} not complete yet. Finishing the reflection first helps the words come "
            "from real understanding."
        )
    elif detail.category is Category.OUTING:
        lead = (
            f"A shared outing ({title}) tends to go better once you are talking again, and "
            f"{waiting} {verb} not complete yet. There is no hurry: let contact find its feet "
            "first."
        )
    else:
        lead = f"{title} usually fits best after {waiting}, which {verb} not complete yet."
    return f"{lead} {_KIND}"


def _step_text(program: Program, number: StepNumber) -> str:
    if 1 <= number <= len(program.steps):
        return f"step {number} (“{program.step(number).title}”)"
    return f"step {number}"


def _steps_text(program: Program, numbers: Iterable[StepNumber]) -> str:
    parts = [_step_text(program, n) for n in numbers]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _day_text(day: date) -> str:
    """`Tuesday 8 December` (English names whatever the process locale, like the rest)."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _count_text(count: int) -> str:
    return _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)


def _span_text(span: timedelta) -> str:
    """`a day`, `2 days and 3 hours`, `5 hours and 30 minutes`, `20 minutes` (rounded down)."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    units = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    parts = [_unit(value, name) for value, name in units if value][:2]
    if not parts:
        return "less than a minute"
    return " and ".join(parts)


def _unit(value: int, name: str) -> str:
    if value == 1:
        return f"an {name}" if name == "hour" else f"a {name}"
    return f"{value} {name}s"


def _is_space(occurrence: Occurrence) -> bool:
    return occurrence.activity.category is Category.SPACE and occurrence.status is not (
        Status.SKIPPED
    )
