"""User-visible names for domain codes (the domain returns ids; words live in the UI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.domain.categories import Category
from planner.domain.completions import MOOD_MAX, MOOD_MIN
from planner.domain.occurrences import Status


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def category_label(category: Category) -> str:
    """A short, friendly name for a category."""
    return {
        Category.SELF_CARE: _tr("Self-care"),
        Category.REFLECTION: _tr("Reflection & journaling"),
        Category.GROWTH: _tr("Personal growth"),
        Category.SPACE: _tr("Space (no contact)"),
        Category.MESSAGE: _tr("Message or call"),
        Category.MEETUP: _tr("Low-pressure meetup"),
        Category.APOLOGY: _tr("Apology conversation"),
        Category.OUTING: _tr("Shared outing"),
        Category.GESTURE: _tr("Caring gesture"),
        Category.OTHER: _tr("Other"),
    }[category]


def mark_label(status: Status) -> str:
    """The menu wording for marking an occurrence with `status`."""
    return {
        Status.DONE: _tr("Mark as done"),
        Status.SKIPPED: _tr("Mark as skipped"),
        Status.PLANNED: _tr("Back to planned"),
    }[status]


def mood_label(mood: int) -> str:
    """A mood from 1 to 5 in plain words: faces would read as judgement, words as a note."""
    words = {1: _tr("Heavy"), 2: _tr("Low"), 3: _tr("Okay"), 4: _tr("Good"), 5: _tr("Light")}
    return words[min(max(mood, MOOD_MIN), MOOD_MAX)]
