"""Programs: the step-by-step templates a plan follows, parsed strictly from plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.errors import ProgramDataError


@dataclass(frozen=True, slots=True)
class SuggestedActivity:
    """An activity a step recommends; `duration` is a span of days when `all_day`."""

    title: str
    category: Category
    duration: timedelta
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class Criterion:
    """A milestone condition of a step, in a small declared form the domain can evaluate.

    Kinds: `category_done` (count activities of `category` done within the step),
    `space_days` (keep `count` days without a contact activity),
    `reflections_written` (write `count` reflections).
    """

    kind: str
    description: str
    count: int
    category: Category | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a program, with the app's own guidance text."""

    number: StepNumber
    title: str
    purpose: str
    guidance: str
    suggestions: tuple[SuggestedActivity, ...]
    criteria: tuple[Criterion, ...]
    #: How many contact activities a rolling week comfortably holds at this step (a pacing
    #: default: few while giving space, more once talking has resumed).
    contacts_per_week: int

    @property
    def about_contact(self) -> bool:
        """Whether a milestone of this step is contact itself (a message, a meetup): a step
        that rests while the person has set contact aside."""
        return any(c.category is not None and c.category.involves_contact for c in self.criteria)


@dataclass(frozen=True, slots=True)
class OrderHint:
    """Activities of `category` sit best after the milestones of `after_steps` are met.

    A soft pacing hint (an apology after the reflection steps, an outing once talking has
    resumed), never a block.
    """

    category: Category
    after_steps: tuple[StepNumber, ...]


@dataclass(frozen=True, slots=True)
class Program:
    """A built-in program: ordered steps taken from a source guide."""

    id: ProgramId
    name: str
    source: str
    description: str
    steps: tuple[Step, ...]
    order_hints: tuple[OrderHint, ...]

    def step(self, number: int) -> Step:
        """The step with that number (1-based)."""
        if not 1 <= number <= len(self.steps):
            raise ProgramDataError(f"{self.name} has no step {number}.")
        return self.steps[number - 1]


CRITERION_KINDS = frozenset({"category_done", "space_days", "reflections_written"})


def parse_program(data: Mapping[str, Any]) -> Program:
    """Build a Program from decoded JSON, rejecting anything unexpected (a packaging bug)."""
    _expect_keys(data, {"id", "name", "source", "description", "order_hints", "steps"}, "program")
    steps = tuple(_parse_step(raw, index) for index, raw in enumerate(data["steps"], start=1))
    if not steps:
        raise ProgramDataError(f"Program {data['id']!r} has no steps.")
    return Program(
        id=ProgramId(_text(data, "id", "program")),
        name=_text(data, "name", "program"),
        source=_text(data, "source", "program"),
        description=_text(data, "description", "program"),
        steps=steps,
        order_hints=_parse_order_hints(data["order_hints"], len(steps)),
    )


def _parse_step(raw: Mapping[str, Any], expected_number: int) -> Step:
    where = f"step {expected_number}"
    _expect_keys(
        raw,
        {
            "number",
            "title",
            "purpose",
            "guidance",
            "suggested_activities",
            "criteria",
            "contacts_per_week",
        },
        where,
    )
    if raw["number"] != expected_number:
        raise ProgramDataError(f"Steps are out of order at {where}.")
    return Step(
        number=StepNumber(expected_number),
        title=_text(raw, "title", where),
        purpose=_text(raw, "purpose", where),
        guidance=_text(raw, "guidance", where),
        suggestions=tuple(_parse_suggestion(s, where) for s in raw["suggested_activities"]),
        criteria=tuple(_parse_criterion(c, where) for c in raw["criteria"]),
        contacts_per_week=_positive(raw, "contacts_per_week", where),
    )


def _parse_order_hints(raw: Any, step_count: int) -> tuple[OrderHint, ...]:
    if not isinstance(raw, list):
        raise ProgramDataError("In program: 'order_hints' must be a list.")
    hints: list[OrderHint] = []
    for index, item in enumerate(raw, start=1):
        where = f"order hint {index}"
        _expect_keys(item, {"category", "after_steps"}, where)
        category = _category(item, where)
        if any(hint.category is category for hint in hints):
            raise ProgramDataError(f"In {where}: {category.id!r} already has an order hint.")
        steps = item["after_steps"]
        valid = (
            isinstance(steps, list)
            and steps
            and all(
                isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= step_count
                for n in steps
            )
            and steps == sorted(set(steps))
        )
        if not valid:
            raise ProgramDataError(
                f"In {where}: 'after_steps' must list step numbers (1-{step_count}) "
                "in increasing order."
            )
        hints.append(OrderHint(category, tuple(StepNumber(n) for n in steps)))
    return tuple(hints)


def _parse_suggestion(raw: Mapping[str, Any], where: str) -> SuggestedActivity:
    category = _category(raw, where)
    if raw.get("all_day"):
        _expect_keys(raw, {"title", "category", "all_day", "duration_days"}, where)
        duration = timedelta(days=_positive(raw, "duration_days", where))
        all_day = True
    else:
        _expect_keys(raw, {"title", "category", "duration_minutes"}, where)
        duration = timedelta(minutes=_positive(raw, "duration_minutes", where))
        all_day = False
    return SuggestedActivity(_text(raw, "title", where), category, duration, all_day)


def _parse_criterion(raw: Mapping[str, Any], where: str) -> Criterion:
    kind = raw.get("kind")
    if kind == "category_done":
        _expect_keys(raw, {"kind", "category", "count", "description"}, where)
        return Criterion(
            kind,
            _text(raw, "description", where),
            _positive(raw, "count", where),
            _category(raw, where),
        )
    if kind == "space_days":
        _expect_keys(raw, {"kind", "days", "description"}, where)
        return Criterion(kind, _text(raw, "description", where), _positive(raw, "days", where))
    if kind == "reflections_written":
        _expect_keys(raw, {"kind", "count", "description"}, where)
        return Criterion(kind, _text(raw, "description", where), _positive(raw, "count", where))
    raise ProgramDataError(f"Unknown criterion kind {kind!r} in {where}.")


def _expect_keys(raw: Mapping[str, Any], keys: set[str], where: str) -> None:
    if not isinstance(raw, Mapping) or set(raw) != keys:
        found = sorted(raw) if isinstance(raw, Mapping) else type(raw).__name__
        raise ProgramDataError(f"In {where}: expected keys {sorted(keys)}, found {found}.")


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ProgramDataError(f"In {where}: {key!r} must be non-empty text.")
    return value.strip()


def _positive(raw: Mapping[str, Any], key: str, where: str) -> int:
    value = raw[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ProgramDataError(f"In {where}: {key!r} must be a positive whole number.")
    return value


def _category(raw: Mapping[str, Any], where: str) -> Category:
    try:
        return Category(raw["category"])
    except (ValueError, KeyError):
        raise ProgramDataError(f"In {where}: unknown category {raw.get('category')!r}.") from None
