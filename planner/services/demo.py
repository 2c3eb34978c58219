"""The demo plan: about eight weeks of believable activities for trying Rekindle out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.domain.timezones import plus_elapsed, zone_info

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from planner.domain.programs import Program

# Which step of each program an idea belongs to. Roles name the guides' shared ideas;
# "space-care" is looking after yourself while giving space, "settle" letting time work,
# chosen so the steps the demo has behind it are ones its past really meets.
_STEP_OF_ROLE: dict[str, dict[str, int]] = {
    "five-steps": {
        "understand": 1,
        "own-part": 1,
        "space": 2,
        "space-care": 2,
        "settle": 3,
        "patience": 3,
        "growth": 4,
        "contact": 5,
        "apology": 5,
        "trust": 5,
        "care": 5,
        "memories": 5,
        "lessons": 1,
    },
    "eleven-steps": {
        "understand": 1,
        "own-part": 2,
        "space": 3,
        "space-care": 3,
        "settle": 3,
        "growth": 4,
        "contact": 5,
        "apology": 6,
        "trust": 7,
        "care": 8,
        "memories": 9,
        "patience": 10,
        "lessons": 11,
    },
}


@dataclass(frozen=True, slots=True)
class _Idea:
    role: str
    category: Category
    title: str
    day: int  # days after the plan's start
    at: time | None  # None: all-day
    minutes: int = 0
    days: int = 1
    rrule: str | None = None
    location: str = ""
    notes: str = ""
    felt: str = ""  # what the person wrote after doing it (a one-off in the demo's past)


_IDEAS = (
    _Idea(
        "understand",
        Category.REFLECTION,
        "Evening journaling",
        0,
        time(20, 30),
        30,
        rrule="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=16",
        notes="What happened this week, and how do I feel about it? No judging, just noticing.",
    ),
    _Idea(
        "space",
        Category.SPACE,
        "Space period: no contact",
        1,
        None,
        days=21,
        notes="Three weeks to let things settle, for both of us.",
    ),
    _Idea(
        "growth",
        Category.SELF_CARE,
        "Morning walk",
        0,
        time(7, 30),
        30,
        rrule="FREQ=DAILY;COUNT=56",
        location="Around the park",
    ),
    _Idea(
        "understand",
        Category.REFLECTION,
        "Write down what strained us",
        2,
        time(19, 0),
        45,
        notes="Communication, trust, expectations: which of these felt heavy, and when?",
    ),
    _Idea(
        "own-part",
        Category.REFLECTION,
        "My part in it, honestly",
        5,
        time(10, 0),
        45,
        notes="Moments I could have listened better. Be kind to yourself while writing this.",
        felt="Harder to write than I expected, and lighter once it was on paper.",
    ),
    _Idea(
        "own-part",
        Category.REFLECTION,
        "A letter I will not send",
        8,
        time(19, 30),
        30,
        notes="Say it all on paper, then keep it for yourself.",
    ),
    _Idea(
        "settle",
        Category.SELF_CARE,
        "Bath, music and an early night",
        4,
        time(21, 0),
        45,
        felt="Slept through the night for the first time in a while.",
    ),
    _Idea(
        "settle",
        Category.SELF_CARE,
        "Cook a proper meal for myself",
        7,
        time(18, 30),
        60,
        felt="Small things can still feel good.",
    ),
    _Idea(
        "settle",
        Category.SELF_CARE,
        "Bike ride along the river",
        13,
        time(10, 0),
        90,
        location="River path",
    ),
    _Idea(
        "growth",
        Category.GROWTH,
        "Pottery class",
        3,
        time(18, 30),
        90,
        rrule="FREQ=WEEKLY;COUNT=8",
        location="Community arts centre",
    ),
    _Idea(
        "growth",
        Category.GROWTH,
        "Read a chapter on listening",
        6,
        time(9, 30),
        60,
        rrule="FREQ=WEEKLY;COUNT=6",
    ),
    _Idea(
        "space-care",
        Category.SELF_CARE,
        "Dinner with a close friend",
        9,
        time(19, 0),
        120,
        location="Luca's place",
    ),
    _Idea(
        "space-care",
        Category.SELF_CARE,
        "Screen-free weekend",
        12,
        None,
        days=2,
        notes="Phone in a drawer. Long walks, cooking, sleep.",
    ),
    _Idea("settle", Category.SELF_CARE, "Yoga and an early night", 16, time(18, 0), 60),
    _Idea("own-part", Category.REFLECTION, "What I would do differently", 19, time(20, 0), 40),
    _Idea(
        "contact",
        Category.MESSAGE,
        "A short, friendly message",
        23,
        time(18, 30),
        15,
        notes="Keep it light and easy to answer, or to leave unanswered.",
    ),
    _Idea(
        "contact",
        Category.MEETUP,
        "Coffee at the corner café",
        30,
        time(10, 30),
        60,
        location="Corner café",
        notes="Listen more than you talk.",
    ),
    _Idea(
        "apology",
        Category.APOLOGY,
        "Apology conversation on a walk",
        37,
        time(16, 0),
        60,
        location="Riverside park",
        notes="Own it, no excuses. Say what you will do differently, then listen.",
    ),
    _Idea("care", Category.GESTURE, "Drop off their favorite pastries", 42, time(9, 0), 20),
    _Idea("trust", Category.MESSAGE, "Call as promised", 44, time(20, 0), 30),
    _Idea(
        "memories",
        Category.OUTING,
        "Afternoon at the botanical garden",
        50,
        time(14, 0),
        180,
        location="Botanical garden",
    ),
    _Idea(
        "lessons",
        Category.REFLECTION,
        "Lessons so far",
        54,
        time(19, 30),
        45,
        notes="Which lessons do I want to carry forward?",
    ),
    _Idea(
        "growth",
        Category.OTHER,
        "Sort out the spare room",
        26,
        time(11, 0),
        120,
        notes="A clear space helps a clear head.",
    ),
)


#: What the person wrote after some of the demo's one-off activities, by title.
_FELT = {idea.title: idea.felt for idea in _IDEAS if idea.felt}


def default_start(today: date) -> date:
    """Monday two weeks before today, so the demo has a past and a future."""
    return today - timedelta(days=today.weekday() + 14)


def demo_drafts(program: Program, start: date, zone: str) -> list[ActivityDraft]:
    """The demo activities for `program`, beginning on `start`, in `zone`."""
    tz = zone_info(zone)
    steps = _STEP_OF_ROLE.get(program.id, {})
    drafts = []
    for idea in _IDEAS:
        step = StepNumber(min(steps.get(idea.role, 1), len(program.steps)))
        day = start + timedelta(days=idea.day)
        if idea.at is None:
            draft = ActivityDraft(
                title=idea.title,
                category=idea.category,
                step=step,
                start=day,
                end=day + timedelta(days=idea.days),
                all_day=True,
                zone=zone,
                location=idea.location,
                notes=idea.notes,
                rrule=idea.rrule,
            )
        else:
            begin = datetime.combine(day, idea.at, tzinfo=tz)
            draft = ActivityDraft(
                title=idea.title,
                category=idea.category,
                step=step,
                start=begin,
                end=plus_elapsed(begin, timedelta(minutes=idea.minutes)),
                all_day=False,
                zone=zone,
                location=idea.location,
                notes=idea.notes,
                rrule=idea.rrule,
            )
        drafts.append(draft)
    return drafts


def current_step_for(program: Program, start: date, today: date) -> StepNumber:
    """The furthest step whose demo activities have begun by `today` (at least step 1)."""
    steps = _STEP_OF_ROLE.get(program.id, {})
    reached = [
        steps.get(idea.role, 1)
        for idea in _IDEAS
        if idea.rrule is None and start + timedelta(days=idea.day) <= today
    ]
    return StepNumber(min(max(reached, default=1), len(program.steps)))


#: What the demo's reflections say: short, ordinary, in Rekindle's own words.
#: Lines a person might have learned, by what they were doing (the demo's lessons read as
#: if written after that activity). Each category's lines are used in turn.
_DEMO_LESSONS: dict[Category, tuple[str, ...]] = {
    Category.SELF_CARE: (
        "A walk before a hard thought makes it smaller.",
        "I can miss someone and still have a good day.",
        "Looking after my body steadies my mood more than I expected.",
        "Small promises I keep to myself count.",
        "Fresh air first thing makes the whole day lighter.",
        "Some days just getting out of the door is the win.",
        "My mind is kinder to me when I have slept.",
    ),
    Category.REFLECTION: (
        "Writing it down stops the loop in my head.",
        "Space is not the same as distance.",
        "I can own my part without carrying all of it.",
        "The story I tell myself at night is harsher than the facts.",
    ),
    Category.GROWTH: (
        "Being a beginner at something is calming.",
        "I listen better when I am not waiting to answer.",
        "Learning something new reminds me I am more than this breakup.",
        "Progress is slow, and it still counts.",
    ),
}
_ANY_LESSONS = (
    "Slowing down helps me see things more clearly.",
    "One small step today is enough.",
)
_DEMO_MOODS = (3, 4, 3, 5, 4, 2, 4)


def demo_history(occurrences: list[Occurrence], today: date, zone: ZoneInfo) -> list[DemoMark]:
    """How a person might have lived the demo's past days: the one-off plans kept, most of
    the routine done, a few skipped, some left open, and now and then a line learned or a
    few words written (deterministic, so the demo looks the same)."""
    marks = []
    lessons_used: dict[Category | None, int] = {}  # None: the lines for any other kind
    past = [o for o in occurrences if o.last_day(zone) < today]
    for index, occurrence in enumerate(past):
        one_off = not occurrence.activity.recurring
        if index % 6 == 5 and not one_off:
            continue  # left open: the Today panel offers the most recent of these
        if index % 6 == 4 and not one_off:
            marks.append(DemoMark(occurrence, Status.SKIPPED, None))
            continue
        reflection = None
        felt = _FELT.get(occurrence.activity.title, "")
        if felt:
            reflection = Reflection(felt, _DEMO_MOODS[index % len(_DEMO_MOODS)], "")
        elif index % 4 == 0:
            # Each line once: a kind of activity whose lines are used up gets a mood alone.
            category = occurrence.activity.category
            kind = category if category in _DEMO_LESSONS else None
            lines = _DEMO_LESSONS[category] if kind is not None else _ANY_LESSONS
            used = lessons_used.get(kind, 0)
            lessons_used[kind] = used + 1
            learned = lines[used] if used < len(lines) else ""
            reflection = Reflection("", _DEMO_MOODS[index % len(_DEMO_MOODS)], learned)
        marks.append(DemoMark(occurrence, Status.DONE, reflection))
    return marks


@dataclass(frozen=True, slots=True)
class DemoMark:
    """One mark the demo's past is given."""

    occurrence: Occurrence
    status: Status
    reflection: Reflection | None
