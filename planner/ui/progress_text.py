"""The progress page's sentences: consistency told kindly, dates in the reader's words.

Shared by the page and its PDF report so both say exactly the same thing. Nothing here
ever speaks of streaks or of anything "broken".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from planner.ui import labels

if TYPE_CHECKING:
    from datetime import date

    from planner.services.progress import Consistency, Milestone

#: Score thresholds (0..1) and the word each one earns; the lowest still sounds like growth.
_SCORE_WORDS = ((0.7, "Strong"), (0.4, "Steady"), (0.15, "Growing"), (0.0, "Just beginning"))


def tr(text: str) -> str:
    """Translate in the "progress" context."""
    return QCoreApplication.translate("progress", text)


def long_date(day: date) -> str:
    """Like 23 November 2026."""
    return labels.day_text(day, "d MMMM yyyy")


def short_date(day: date) -> str:
    """Like 23 Nov."""
    return labels.day_text(day, "d MMM")


def day_month(day: date) -> str:
    """Like 23 November, kept on one line (a US trial read "since December" above a lone
    "7")."""
    return labels.day_text(day, "d MMMM").replace(" ", "\u00a0")


def score_word(score: float) -> str:
    """One gentle word for the smoothed score."""
    for threshold, word in _SCORE_WORDS:
        if score >= threshold:
            return tr(word)
    return tr(_SCORE_WORDS[-1][1])


#: Days without anything done after which the progress page says "Welcome back" rather
#: than counting the weeks (the time away is not the news; coming back is).
AWAY_DAYS = 14


def ring_word(score: float, *, paused: bool) -> str:
    """The word inside the consistency ring: the score's, or "Resting" during a break."""
    return tr("Resting") if paused else score_word(score)


def headline(consistency: Consistency) -> str:
    """The big sentence: how many recent weeks held something done, or that a break is on."""
    if consistency.paused_since is not None:
        return tr("Taking a break since %1").replace("%1", day_month(consistency.paused_since))
    active, weeks = consistency.active_weeks, consistency.weeks_considered
    # Away first: five weeks without a mark had read "Ready when you are… One small step is
    # enough to begin" above "7 things done" (a re-trial). days_away counts only after
    # something was done.
    if consistency.days_away >= AWAY_DAYS:
        return tr("Welcome back")  # not "Active in 1 of the last 4 weeks": three weeks away
    if active == 0:
        return tr("Ready when you are")
    if weeks == 1:
        return tr("Active in your first week")
    if weeks < 4:
        return (
            tr("Active in %1 of your first %2 weeks")
            .replace("%1", str(active))
            .replace("%2", str(weeks))
        )
    if active == weeks:
        return tr("Active in each of the last %1 weeks").replace("%1", str(weeks))
    return (
        tr("Active in %1 of the last %2 weeks").replace("%1", str(active)).replace("%2", str(weeks))
    )


def detail(consistency: Consistency) -> str:
    """The quieter line under the headline: what the score means, or what a break means."""
    if consistency.paused:
        return tr(
            "Rest is part of the process. Nothing counts for or against you while you are on "
            "a break, and everything you have built is kept just as it was."
        )
    if consistency.days_away >= AWAY_DAYS:
        return tr(
            "Everything you built is still here, just as you left it. One small step is "
            "enough to pick it up again, whenever you are ready."
        )
    if consistency.active_weeks == 0:
        return tr(
            "One small step is enough to begin. Whatever you mark as done will show here, "
            "and a quiet day never undoes what you have built."
        )
    return tr(
        "Consistency: %1. It grows with each thing you do, and a quiet day barely moves it."
    ).replace("%1", score_word(consistency.score).lower())


def milestone_title(milestone: Milestone) -> str:
    return tr("Step %1 · %2").replace("%1", str(milestone.step)).replace("%2", milestone.title)


def milestone_when(milestone: Milestone) -> str:
    if milestone.by_hand:
        return tr("Marked complete on %1").replace("%1", long_date(milestone.day))
    return tr("Reached on %1").replace("%1", long_date(milestone.day))


def summary(done: int, reflections: int, reached: int, steps: int) -> str:
    """ "42 things done · 30 reflections · 2 of 11 steps completed"."""
    parts = [
        tr("1 thing done") if done == 1 else tr("%1 things done").replace("%1", str(done)),
        tr("1 reflection")
        if reflections == 1
        else tr("%1 reflections").replace("%1", str(reflections)),
        tr("%1 of %2 steps completed").replace("%1", str(reached)).replace("%2", str(steps)),
    ]
    return " · ".join(parts)
