"""Small widget helpers shared by dialogs and panels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give `widget` an object name (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar popup and a friendly, unambiguous format."""
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    return edit


def message_label(name: str, role: str) -> QLabel:
    """A wrapping label styled by its role ("hint" or "error" in the style sheet)."""
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label
