"""User-visible names for domain codes (the domain returns ids; words live in the UI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.domain.categories import Category
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
