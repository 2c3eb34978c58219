"""The Filters panel: which categories and steps the calendars show (a view choice, not saved)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.services.changes import ChangeKind, Changes
from planner.ui import icons, labels
from planner.ui.widgets import message_label, named, push_button

if TYPE_CHECKING:
    from planner.ui.hub import Hub


class FiltersPanel(QWidget):
    """A checkbox per category and per step of the program; unchecking hides them from the
    month, week, day and agenda views. Today, pacing, progress and export still see everything.

    Attributes:
        categories / steps: the checkboxes, by category and by step number.
    """

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.note = message_label("filters_note", "hint")
        self.note.setText(self.tr("Some activities are hidden by filters."))
        self.show_all_button = push_button(self.tr("Show &All"), "filters_show_all")
        self.categories: dict[Category, QCheckBox] = {}
        self.steps: dict[StepNumber, QCheckBox] = {}
        # White cards, as the Steps and Today panels' lists are (grey boxes had looked like
        # another app's: a new user's trial).
        category_box = QGroupBox(self.tr("Categories"))
        category_box.setProperty("role", "card")
        category_layout = QVBoxLayout(category_box)
        for category in Category:
            # "&" would make a shortcut letter ("Reflection & journaling"): double it.
            text = labels.category_label(category).replace("&", "&&")
            box = named(QCheckBox(text), f"filter_{category.id}")
            category_layout.addWidget(box)
            self.categories[category] = box
        step_box = QGroupBox(self.tr("Steps"))
        step_box.setProperty("role", "card")
        step_layout = QVBoxLayout(step_box)
        for step in hub.program.steps:
            text = self.tr("Step %1: %2").replace("%1", str(step.number)).replace("%2", step.title)
            box = named(QCheckBox(text.replace("&", "&&")), f"filter_step_{step.number}")
            box.setToolTip(text)
            step_layout.addWidget(box)
            self.steps[StepNumber(step.number)] = box
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(category_box)
        inner_layout.addWidget(step_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        # No Tab stop of its own, nameless and unseen: a box Tab reaches is scrolled to.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        # The panel's own background behind the cards, not the scroll area's grey.
        scroll.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.show_all_button)
        layout.addWidget(scroll, 1)
        # Below the boxes: appearing at the first untick, it must not push them from under
        # the pointer on its way to the next one.
        layout.addWidget(self.note)
        for box in (*self.categories.values(), *self.steps.values()):
            box.toggled.connect(self._on_box_toggled)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)
        hub.changed_beside.connect(self._on_hub_changed)
        # Tabbed behind Steps as a window first opens (a layout left with Filters in front
        # shows the colours a moment later): its colours (sixty small drawings, ~11 ms) wait
        # for the window's first paint.
        hub.when_settled(self._show_colours)
        self._sync()

    @Slot()
    def _show_colours(self) -> None:
        """Each category's box with its symbol in its colour, as the chips have it."""
        for category, box in self.categories.items():
            box.setIcon(icons.coloured_category_icon(category))

    def _sync(self) -> None:
        """Tick the boxes as the hub filters (another window part may have changed them)."""
        for category, box in self.categories.items():
            box.blockSignals(True)
            box.setChecked(category not in self._hub.hidden_categories)
            box.blockSignals(False)
        for number, box in self.steps.items():
            box.blockSignals(True)
            box.setChecked(number not in self._hub.hidden_steps)
            box.blockSignals(False)
        self.note.setVisible(self._hub.filtering)
        self.show_all_button.setEnabled(self._hub.filtering)

    @Slot(bool)
    def _on_box_toggled(self, _checked: bool) -> None:
        self._hub.set_filters(
            frozenset(c for c, box in self.categories.items() if not box.isChecked()),
            frozenset(n for n, box in self.steps.items() if not box.isChecked()),
        )

    @Slot()
    def _on_show_all_button_clicked(self) -> None:
        self._hub.set_filters(frozenset(), frozenset())

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        if changes.kinds & ChangeKind.FILTERS:
            self._sync()
